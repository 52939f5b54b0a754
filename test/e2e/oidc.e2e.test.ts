// Sign-in with the organisation's account in Chromium, end to end against a real OpenID Connect provider on loopback.
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { after, describe, test } from "node:test";
import { languages } from "../../src/i18n/index.ts";
import { operator } from "../factories.ts";
import { createTestApp } from "../helpers.ts";
import { identities, startOidcProvider, type TestOidcProvider } from "../oidc-provider.ts";
import { browserSuite } from "./harness.ts";

const timeout = 60_000;

describe("sign-in with the organisation's account (OpenID Connect) in Chromium", () => {
  let idp: TestOidcProvider;
  // Not the demo register: an app that knows the provider and has its user's account.
  const suite = browserSuite({
    start: async () => {
      idp = await startOidcProvider();
      const ctx = await createTestApp("pglite", idp.env);
      await ctx.services.users.createUser(operator, { email: identities.anPeeters.email, displayName: "An Peeters" });
      await ctx.app.listen({ port: 0, host: "127.0.0.1" });
      const baseURL = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
      idp.allowRedirectUri(`${baseURL}/auth/oidc/callback`);
      return { ctx, baseURL, close: () => ctx.close() };
    },
  });

  // Here rather than in the app's close, so that the provider stops even if the app failed to start.
  after(async () => {
    await idp?.close();
  });

  // The provider's own pages are the organisation's, not ours: they may use JavaScript, so this browser has it.
  test("signs in at the provider and comes back signed in, on the page it started from", { timeout }, async () => {
    const { baseURL } = suite;
    const context = await suite.context(undefined, { javaScript: true });
    const page = await context.newPage();
    await page.goto("/en/sign-in/oidc?next=/en/systems");
    assert.ok(page.url().startsWith(`${idp.issuer}/interaction/`), `at the provider's sign-in page: ${page.url()}`);

    await page.locator('input[name="login"]').fill(identities.anPeeters.sub);
    await page.locator('input[name="password"]').fill("any password");
    await Promise.all([page.waitForURL(`${idp.issuer}/interaction/**`), page.locator('button[type="submit"]').click()]);
    // The provider asks to share the e-mail address and name with the platform.
    const [landing] = await Promise.all([
      page.waitForResponse((r) => r.request().isNavigationRequest() && r.url() === `${baseURL}/en/systems`),
      page.locator('button[type="submit"]').click(),
    ]);
    assert.equal(landing.status(), 200);
    await page.waitForURL(`${baseURL}/en/systems`);

    // Signed in: the browser holds an HttpOnly session cookie that the platform resolves to An Peeters.
    const session = (await context.cookies(baseURL)).find((c) => c.name === "gaichel_session");
    assert.ok(session, "a session cookie");
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, "Lax");
    const { actor } = await suite.register.ctx.services.users.resolveSession(session.value);
    assert.equal(actor?.kind === "user" && actor.email, identities.anPeeters.email);
    assert.equal((await context.cookies(baseURL)).some((c) => c.name === "gaichel_oidc"), false, "the flow cookie is spent");

    // And the platform treats the browser as signed in: the account page opens instead of sending it to sign in.
    const account = await page.goto("/en/account");
    assert.equal(account?.status(), 200);
    assert.equal(new URL(page.url()).pathname, "/en/account");
  });

  test("the sign-in error pages are accessible in every language", { timeout }, async () => {
    for (const lang of languages) {
      for (const id of ["oidc_failed", "oidc_no_account", "oidc_unavailable"]) {
        await suite.scanner.assertAccessible(`/${lang}/sign-in/oidc/error/${id}`);
      }
    }
  });
});
