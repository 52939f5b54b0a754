// A security key as second factor, in Chromium with JavaScript and a virtual WebAuthn authenticator (the DevTools
// protocol's): registered on the account page, used to sign in, removed. Without JavaScript the panels stay hidden.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { BrowserContext, Page } from "playwright-core";
import { translator } from "../../src/i18n/index.ts";
import { totpCode } from "../agent.ts";
import { operator } from "../factories.ts";
import { browserSuite } from "./harness.ts";

const t = translator("en");
const timeout = 90_000;
const password = "correct horse battery staple";

describe("a security key as second factor, in Chromium", () => {
  /** WebAuthn needs a host name: a key cannot be bound to an IP address. */
  const suite = browserSuite({ hostname: "localhost" });

  async function browserWith(javaScript: boolean): Promise<{ context: BrowserContext; page: Page }> {
    const context = await suite.context(undefined, { javaScript });
    return { context, page: await context.newPage() };
  }

  async function signInWithPassword(page: Page, email: string) {
    await page.goto("/en/sign-in");
    await page.getByLabel(t("sign_in.email"), { exact: true }).fill(email);
    await page.getByLabel(t("sign_in.password"), { exact: true }).fill(password);
    await Promise.all([page.waitForURL("**/en/sign-in/second-factor"), page.getByRole("button", { name: t("sign_in.submit"), exact: true }).click()]);
  }

  test("registered on the account page, used to sign in, then removed", { timeout }, async () => {
    const { services } = suite.register.ctx;
    const email = "key.holder@example.lu";
    const { invitationToken } = await services.users.createUser(operator, {
      email,
      displayName: "Key Holder",
      memberships: [{ organisationId: "lu-family-fund", role: "editor" }],
    });
    await services.users.acceptInvitation(invitationToken, password);

    const { context, page } = await browserWith(true);
    const cdp = await context.newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: { protocol: "ctap2", transport: "usb", hasResidentKey: false, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });

    // First sign-in with the authenticator app, which every account has.
    await signInWithPassword(page, email);
    const secret = ((await page.locator("#totp-secret").textContent()) ?? "").replace(/\s/g, "");
    await page.getByLabel(t("second_factor.code"), { exact: true }).fill(totpCode(secret));
    await Promise.all([page.waitForURL("**/en/workspace"), page.getByRole("button", { name: t("second_factor.submit"), exact: true }).click()]);

    // The account page offers to add a key (the script shows the panel); a name is needed first.
    await page.goto("/en/account");
    assert.equal(await page.getByText(t("security_key.none")).count(), 1);
    const add = page.getByRole("button", { name: t("security_key.add"), exact: true });
    await add.click();
    await page.getByText(`${t("security_key.name")}: ${t("validation.required")}`).waitFor();
    await suite.scanner.assertShownAccessible(page, "/en/account (security key without a name)");
    await page.getByLabel(t("security_key.name"), { exact: true }).fill("Blue USB key");
    await Promise.all([page.waitForURL("**/en/account#security-keys"), add.click()]);
    await page.getByText(t("security_key.added_notice")).waitFor();
    const keys = page.getByRole("table", { name: t("security_key.heading") });
    assert.equal(await keys.getByRole("rowheader").allTextContents().then((names) => names.join()), "Blue USB key");
    await suite.scanner.assertShownAccessible(page, "/en/account (security key added)");
    const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
    assert.equal(credentials.length, 1, "the authenticator holds the new credential");

    // Signing in again: the password, then the key instead of a code.
    await page.getByRole("button", { name: t("nav.sign_out"), exact: true }).click();
    await page.waitForURL("**/en/sign-in");
    await signInWithPassword(page, email);
    const use = page.getByRole("button", { name: t("security_key.use"), exact: true });
    assert.ok(await use.isVisible(), "an account with a key is offered the key");
    await suite.scanner.assertShownAccessible(page, "/en/sign-in/second-factor (security key offered)");
    await Promise.all([page.waitForURL("**/en/workspace"), use.click()]);
    assert.equal((await page.goto("/en/account"))?.status(), 200, "signed in with the key");
    assert.match((await keys.textContent()) ?? "", /Blue USB key/);
    assert.doesNotMatch((await keys.textContent()) ?? "", new RegExp(t("account.token_never_used")), "the key's last use is shown");

    // Without JavaScript the second-factor page offers only the code.
    const plain = await browserWith(false);
    await signInWithPassword(plain.page, email);
    assert.equal(await plain.page.getByRole("button", { name: t("security_key.use"), exact: true }).count(), 0);
    assert.ok(await plain.page.getByLabel(t("second_factor.code"), { exact: true }).isVisible());
    await plain.context.close();

    // Removed (a plain form post), the key no longer signs in: the page offers only the code.
    await Promise.all([page.waitForURL("**/en/account#security-keys"), page.getByRole("button", { name: `${t("security_key.remove")} Blue USB key`, exact: true }).click()]);
    await page.getByText(t("security_key.removed_notice")).waitFor();
    assert.equal(await page.getByText(t("security_key.none")).count(), 1);
    await page.getByRole("button", { name: t("nav.sign_out"), exact: true }).click();
    await page.waitForURL("**/en/sign-in");
    await signInWithPassword(page, email);
    assert.equal(await page.getByRole("button", { name: t("security_key.use"), exact: true }).count(), 0);
    await context.close();
  });
});
