// Signing in with a local account in Chromium without JavaScript: the sign-in page and its errors in each language,
// then invitation → password → TOTP enrolment → account page → API token → sign out, with axe on every page shown.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { BrowserContext, Page } from "playwright-core";
import { languages, translator } from "../../src/i18n/index.ts";
import { totpCode } from "../agent.ts";
import { operator } from "../factories.ts";
import { browserSuite } from "./harness.ts";

const siteName = translator("en")("common.site_name");
const timeout = 60_000;

describe("signing in with a local account in Chromium, without JavaScript", () => {
  const suite = browserSuite();
  let context: BrowserContext;
  let page: Page;

  /** A browser of its own for each test: no cookie carries over. */
  async function freshBrowser() {
    await context?.close();
    context = await suite.context();
    page = await context.newPage();
  }

  /**
   * Waits for the page that `action` leads to, after any redirects, and returns its status and address. Form errors
   * answer 400, so the status is returned rather than checked.
   */
  async function land(action: () => Promise<unknown>): Promise<{ status: number; url: URL }> {
    const [response] = await Promise.all([
      page.waitForResponse(
        (r) => r.request().isNavigationRequest() && r.request().frame() === page.mainFrame() && (r.status() < 300 || r.status() >= 400),
      ),
      action(),
    ]);
    // A redirect may add a fragment ("#tokens") that the response's address does not have.
    await page.waitForURL((url) => url.href.replace(/#.*$/, "") === response.url(), { waitUntil: "load" });
    return { status: response.status(), url: new URL(page.url()) };
  }

  const errorSummaryLinks = () => page.locator(".error-summary a").evaluateAll((links) => links.map((a) => a.getAttribute("href")));

  for (const lang of languages) {
    test(`the sign-in page and its errors in ${lang}`, { timeout }, async () => {
      const t = translator(lang);
      await freshBrowser();
      const response = await page.goto(`/${lang}/sign-in`);
      assert.equal(response?.status(), 200);
      assert.equal(await page.locator("html").getAttribute("lang"), lang);
      assert.equal(await page.title(), `${t("sign_in.title")} – ${siteName}`);
      await suite.scanner.assertAccessible(`/${lang}/sign-in`, `/${lang}/sign-in`);

      // Nothing typed: both fields are named in the summary, which links to them.
      const empty = await land(() => page.getByRole("button", { name: t("sign_in.submit"), exact: true }).click());
      assert.equal(empty.status, 400);
      assert.equal(await page.title(), `${t("common.error_prefix")} ${t("sign_in.title")} – ${siteName}`);
      assert.deepEqual(await errorSummaryLinks(), ["#email", "#password"]);
      await suite.scanner.assertShownAccessible(page, `/${lang}/sign-in (empty form)`);

      // Wrong credentials: one generic message; the address stays, the password does not.
      await page.getByLabel(t("sign_in.email"), { exact: true }).fill("nobody@example.lu");
      await page.getByLabel(t("sign_in.password"), { exact: true }).fill("not a password at all");
      const wrong = await land(() => page.getByRole("button", { name: t("sign_in.submit"), exact: true }).click());
      assert.equal(wrong.status, 400);
      assert.equal(await page.locator(".error-summary a").textContent(), t("sign_in.error_incorrect"));
      assert.equal(await page.getByLabel(t("sign_in.email"), { exact: true }).inputValue(), "nobody@example.lu");
      assert.equal(await page.getByLabel(t("sign_in.password"), { exact: true }).inputValue(), "");
      await suite.scanner.assertShownAccessible(page, `/${lang}/sign-in (wrong password)`);

      // Following an error's link moves to its field.
      await page.locator('.error-summary a[href="#email"]').click();
      assert.equal(new URL(page.url()).hash, "#email");
    });
  }

  test("invitation → password → TOTP enrolment → account → API token → sign out", { timeout }, async () => {
    const t = translator("en");
    const { services } = suite.register.ctx;
    const { invitationToken } = await services.users.createUser(operator, {
      email: "lea.schmit@example.lu",
      displayName: "Léa Schmit",
      memberships: [{ organisationId: "lu-family-fund", role: "editor" }],
    });
    const password = "the river flows past the old mill";
    await freshBrowser();

    // The invitation link: a mismatch first, then the password.
    await page.goto(`/en/invitation/${invitationToken}`);
    assert.equal(await page.locator("main h1").textContent(), t("invitation.title"));
    await suite.scanner.assertShownAccessible(page, "/en/invitation/… (choose a password)");
    await page.getByLabel(t("invitation.password"), { exact: true }).fill(password);
    await page.getByLabel(t("invitation.confirmation"), { exact: true }).fill(`${password}!`);
    const mismatch = await land(() => page.getByRole("button", { name: t("invitation.submit") }).click());
    assert.equal(mismatch.status, 400);
    assert.deepEqual(await errorSummaryLinks(), ["#confirmation"]);
    await suite.scanner.assertShownAccessible(page, "/en/invitation/… (passwords differ)");
    await page.getByLabel(t("invitation.password"), { exact: true }).fill(password);
    await page.getByLabel(t("invitation.confirmation"), { exact: true }).fill(password);
    const saved = await land(() => page.getByRole("button", { name: t("invitation.submit") }).click());
    assert.equal(saved.url.pathname, "/en/sign-in");
    assert.equal(await page.getByRole("status").textContent(), t("invitation.done"));
    await suite.scanner.assertShownAccessible(page, "/en/sign-in (password saved)");

    // The account page needs a signed-in user: it sends to sign in, and back after.
    const redirected = await land(() => page.goto("/en/account"));
    assert.equal(redirected.url.pathname, "/en/sign-in");
    assert.equal(redirected.url.searchParams.get("next"), "/en/account");
    await page.getByLabel(t("sign_in.email"), { exact: true }).fill("lea.schmit@example.lu");
    await page.getByLabel(t("sign_in.password"), { exact: true }).fill(password);
    const enrol = await land(() => page.getByRole("button", { name: t("sign_in.submit"), exact: true }).click());
    assert.equal(enrol.status, 200);
    assert.equal(enrol.url.pathname, "/en/sign-in/second-factor");
    assert.equal(await page.locator("main h1").textContent(), t("second_factor.enrol_title"));
    const secret = ((await page.locator("#totp-secret").textContent()) ?? "").replace(/\s/g, "");
    assert.match(secret, /^[A-Z2-7]{32}$/);
    assert.match((await page.locator(".otpauth-uri").textContent()) ?? "", new RegExp(`^otpauth://totp/.*secret=${secret}`));
    await suite.scanner.assertShownAccessible(page, "/en/sign-in/second-factor (enrolment)");

    // A wrong code, then the app's code.
    const code = page.getByLabel(t("second_factor.code"), { exact: true });
    await code.fill(totpCode(secret) === "000000" ? "111111" : "000000");
    const wrong = await land(() => page.getByRole("button", { name: t("second_factor.submit"), exact: true }).click());
    assert.equal(wrong.status, 400);
    assert.equal(((await page.locator("#totp-secret").textContent()) ?? "").replace(/\s/g, ""), secret, "the same secret is offered again");
    await suite.scanner.assertShownAccessible(page, "/en/sign-in/second-factor (wrong code)");
    await code.fill(totpCode(secret));
    const account = await land(() => page.getByRole("button", { name: t("second_factor.submit"), exact: true }).click());
    assert.equal(account.status, 200);
    assert.equal(account.url.pathname, "/en/account");

    // Who they are, where, in which role; the header names them.
    assert.equal(await page.locator("main h1").textContent(), t("account.title"));
    assert.match((await page.locator("main").textContent()) ?? "", /Léa Schmit.*lea\.schmit@example\.lu.*National Family Benefits Fund.*Editor/s);
    const accountNav = page.getByRole("navigation", { name: t("layout.account_navigation"), exact: true });
    assert.equal(await accountNav.getByRole("link", { name: "Léa Schmit" }).getAttribute("href"), "/en/account");
    assert.equal(await accountNav.getByRole("link", { name: t("nav.workspace"), exact: true }).getAttribute("href"), "/en/workspace");
    await suite.scanner.assertShownAccessible(page, "/en/account");

    // An API token, shown once, that the API accepts.
    await page.getByLabel(t("account.token_name"), { exact: true }).fill("Nightly export");
    await page.getByRole("checkbox", { name: t("token_scopes.systems_write"), exact: true }).check();
    await page.getByLabel(t("account.token_expires_on"), { exact: true }).fill(`${new Date().getUTCFullYear() + 1}-06-30`);
    const created = await land(() => page.getByRole("button", { name: t("account.create_token"), exact: true }).click());
    assert.equal(created.status, 200);
    const token = (await page.locator("#new-token").textContent()) ?? "";
    assert.match(token, /^gai_/);
    await suite.scanner.assertShownAccessible(page, "/en/account (new token)");
    const api = await fetch(`${suite.register.baseURL}/api/v1/systems`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(api.status, 200);
    await page.reload();
    assert.equal(await page.locator("#new-token").count(), 0, "the token is shown only once");

    // Revoked, it no longer opens the API.
    await land(() => page.getByRole("button", { name: `${t("account.revoke")} Nightly export`, exact: true }).click());
    assert.equal(await page.getByRole("status").textContent(), t("account.token_revoked_notice"));
    await suite.scanner.assertShownAccessible(page, "/en/account (token revoked)");
    const refused = await fetch(`${suite.register.baseURL}/api/v1/systems`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(refused.status, 401);

    // Signing out from the header.
    const out = await land(() => accountNav.getByRole("button", { name: t("nav.sign_out"), exact: true }).click());
    assert.equal(out.url.pathname, "/en/sign-in");
    assert.equal(await page.getByRole("status").textContent(), t("sign_in.signed_out"));
    assert.equal(await page.getByRole("navigation", { name: t("layout.account_navigation"), exact: true }).getByRole("link").textContent(), t("nav.sign_in"));
    await suite.scanner.assertShownAccessible(page, "/en/sign-in (signed out)");
    const again = await land(() => page.goto("/en/account"));
    assert.equal(again.url.pathname, "/en/sign-in");
  });
});
