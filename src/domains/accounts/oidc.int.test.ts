// OpenID Connect sign-in through real HTTP against a real provider: the code flow with PKCE, and each way it fails.
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { translator } from "../../i18n/index.ts";
import { operator } from "../../../test/factories.ts";
import { createTestApp, describeEachBackend, type TestContext } from "../../../test/helpers.ts";
import { identities, startOidcProvider, type TestOidcProvider } from "../../../test/oidc-provider.ts";

const t = translator("en");

/** Just enough of a browser's cookie store for two servers on 127.0.0.1: by host (not port) and path, as browsers do. */
class CookieJar {
  #cookies = new Map<string, { host: string; path: string; name: string; value: string }>();

  header(url: URL): string {
    return [...this.#cookies.values()]
      .filter((c) => c.host === url.hostname && url.pathname.startsWith(c.path))
      .map((c) => `${c.name}=${c.value}`)
      .join("; ");
  }

  store(url: URL, response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";").map((part) => part.trim());
      const name = pair.slice(0, pair.indexOf("="));
      const value = pair.slice(pair.indexOf("=") + 1);
      const attribute = (key: string) => attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const path = attribute("path") ?? "/";
      const maxAge = attribute("max-age");
      const expires = attribute("expires");
      const expired = (maxAge !== undefined && Number(maxAge) <= 0) || (expires !== undefined && Date.parse(expires) <= Date.now());
      const key = `${url.hostname} ${path} ${name}`;
      if (expired || value === "") this.#cookies.delete(key);
      else this.#cookies.set(key, { host: url.hostname, path, name, value });
    }
  }

  get(name: string): string | undefined {
    return [...this.#cookies.values()].find((c) => c.name === name)?.value;
  }

  async fetch(url: URL, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { cookie: this.header(url), "accept-language": "en" };
    const body = init.form && new URLSearchParams(init.form);
    if (body) headers["content-type"] = "application/x-www-form-urlencoded";
    const response = await fetch(url, { method: init.method ?? "GET", headers, body, redirect: "manual" });
    this.store(url, response);
    return response;
  }
}

interface SignIn {
  jar: CookieJar;
  /** The platform's answer to the provider's redirect back. */
  callback: Response;
  callbackUrl: URL;
}

/**
 * Signs in as `login` the way a browser would: follows redirects, fills in the provider's own sign-in and consent
 * forms, and stops at the platform's callback. `rewriteCallback` stands for someone who changes that address.
 */
async function signIn(base: string, login: string, options: { next?: string; rewriteCallback?: (url: URL) => void } = {}): Promise<SignIn> {
  const jar = new CookieJar();
  let url = new URL(`/en/sign-in/oidc${options.next ? `?${new URLSearchParams({ next: options.next })}` : ""}`, base);
  let response = await jar.fetch(url);
  for (let step = 0; step < 20; step++) {
    if (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.get("location")!, url);
      if (url.pathname === "/auth/oidc/callback") {
        options.rewriteCallback?.(url);
        return { jar, callback: await jar.fetch(url), callbackUrl: url };
      }
      response = await jar.fetch(url);
      continue;
    }
    const html = await response.text();
    assert.equal(response.status, 200, `${url} answered ${response.status}: ${html.slice(0, 500)}`);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1]?.replaceAll("&amp;", "&");
    assert.ok(action, `no form on ${url}: ${html.slice(0, 500)}`);
    const form: Record<string, string> = html.includes('name="login"')
      ? { prompt: "login", login, password: "any password" }
      : { prompt: "consent" };
    url = new URL(action, url);
    response = await jar.fetch(url, { method: "POST", form });
  }
  assert.fail("the sign-in did not come back to the platform");
}

const baseOf = (ctx: TestContext) => `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;

/** The app listening on loopback, its provider knowing its callback, and the accounts an administrator created. */
async function prepare(ctx: TestContext, idp: TestOidcProvider) {
  await ctx.services.users.createUser(operator, { email: identities.anPeeters.email, displayName: "An Peeters" });
  await ctx.services.users.createUser(operator, { email: "luc.weber@example.lu", displayName: "Luc Weber" });
  await ctx.app.listen({ port: 0, host: "127.0.0.1" });
  idp.allowRedirectUri(`${baseOf(ctx)}/auth/oidc/callback`);
}

async function assertErrorPage(base: string, signIn: SignIn, id: string, status: number) {
  assert.equal(signIn.callback.status, 303);
  assert.equal(signIn.callback.headers.get("location"), `/en/sign-in/oidc/error/${id}`);
  assert.equal(signIn.jar.get("gaichel_session"), undefined, "no session after a failed sign-in");
  const page = await signIn.jar.fetch(new URL(signIn.callback.headers.get("location")!, base));
  const html = await page.text();
  assert.equal(page.status, status);
  assert.ok(html.includes(`<h1>${t(`errors.${id}.title`)}</h1>`), html);
  assert.doesNotMatch(html, /at .*\.ts:\d+/, "no stack trace");
}

const idp = await startOidcProvider();
after(() => idp.close());

describeEachBackend(
  "OpenID Connect sign-in",
  (get) => {
    test("an account an administrator created is linked by e-mail and signed in, back on the page it came from", async () => {
      const { services } = get();
      const { jar, callback } = await signIn(baseOf(get()), identities.anPeeters.sub, { next: "/en/systems?q=tax" });
      assert.equal(callback.status, 303);
      assert.equal(callback.headers.get("location"), "/en/systems?q=tax");
      const session = jar.get("gaichel_session");
      assert.ok(session, "a session cookie");
      const { actor } = await services.users.resolveSession(session);
      assert.equal(actor?.kind === "user" && actor.email, identities.anPeeters.email);
      assert.match(callback.headers.getSetCookie().find((c) => c.startsWith("gaichel_session="))!, /HttpOnly/i);
      assert.ok(!jar.get("gaichel_oidc"), "the flow cookie is gone");
    });

    test("a linked account signs in again; without a next page it lands in the workspace", async () => {
      const { jar, callback } = await signIn(baseOf(get()), identities.anPeeters.sub);
      assert.equal(callback.headers.get("location"), "/en/workspace");
      assert.ok(jar.get("gaichel_session"));
    });

    test("a next page on another site is ignored", async () => {
      for (const next of ["//evil.example/", "https://evil.example/", "/\\evil.example", "/\t/evil.example"]) {
        const { callback } = await signIn(baseOf(get()), identities.anPeeters.sub, { next });
        assert.equal(callback.headers.get("location"), "/en/workspace", next);
      }
    });

    test("a changed state ends on the error page without a session", async () => {
      const base = baseOf(get());
      const tampered = await signIn(base, identities.anPeeters.sub, {
        rewriteCallback: (url) => url.searchParams.set("state", "forged-state"),
      });
      await assertErrorPage(base, tampered, "oidc_failed", 400);
    });

    test("the callback cannot be replayed: its one-time flow cookie is spent", async () => {
      const base = baseOf(get());
      const done = await signIn(base, identities.anPeeters.sub);
      const again = await done.jar.fetch(done.callbackUrl);
      assert.equal(again.status, 303);
      assert.equal(again.headers.get("location"), "/en/sign-in/oidc/error/oidc_failed");
    });

    test("a provider's error (the person cancels) ends on the error page", async () => {
      const base = baseOf(get());
      const cancelled = await signIn(base, identities.anPeeters.sub, {
        rewriteCallback: (url) => {
          const state = url.searchParams.get("state")!;
          url.search = new URLSearchParams({ error: "access_denied", state, iss: idp.issuer }).toString();
        },
      });
      await assertErrorPage(base, cancelled, "oidc_failed", 400);
    });

    test("an identity without an account ends on the 'no account' page", async () => {
      const base = baseOf(get());
      await assertErrorPage(base, await signIn(base, identities.janJanssens.sub), "oidc_no_account", 403);
    });

    test("an e-mail the provider has not verified links no account", async () => {
      const base = baseOf(get());
      await assertErrorPage(base, await signIn(base, identities.unverified.sub), "oidc_no_account", 403);
    });

    test("the error page is in the flow's language", async () => {
      const page = await fetch(`${baseOf(get())}/de/sign-in/oidc/error/oidc_no_account`);
      assert.equal(page.status, 403);
      assert.ok((await page.text()).includes(translator("de")("errors.oidc_no_account.title")));
      assert.equal((await fetch(`${baseOf(get())}/de/sign-in/oidc/error/whatever`)).status, 404);
    });
  },
  (ctx) => prepare(ctx, idp),
  idp.env,
);

describe("OpenID Connect sign-in with e-mail only from UserInfo [pglite]", () => {
  let userinfoIdp: TestOidcProvider;
  let ctx: TestContext;
  before(async () => {
    userinfoIdp = await startOidcProvider({ idTokenClaims: false });
    ctx = await createTestApp("pglite", userinfoIdp.env);
    await prepare(ctx, userinfoIdp);
  });
  after(async () => {
    await ctx?.close();
    await userinfoIdp?.close();
  });

  test("an ID token without e-mail: the e-mail comes from the UserInfo endpoint", async () => {
    const { jar, callback } = await signIn(baseOf(ctx), identities.anPeeters.sub);
    assert.equal(callback.headers.get("location"), "/en/workspace");
    const { actor } = await ctx.services.users.resolveSession(jar.get("gaichel_session")!);
    assert.equal(actor?.kind === "user" && actor.email, identities.anPeeters.email);
  });
});

describe("OpenID Connect not configured or unreachable [pglite]", () => {
  test("without configuration its routes do not exist", async () => {
    const ctx = await createTestApp("pglite");
    try {
      for (const url of ["/en/sign-in/oidc", "/auth/oidc/callback?code=x&state=y", "/en/sign-in/oidc/error/oidc_failed"]) {
        assert.equal((await ctx.app.inject({ url })).statusCode, 404, url);
      }
    } finally {
      await ctx.close();
    }
  });

  test("a provider that does not answer: a translated page, not a stack trace", async () => {
    const down = await startOidcProvider();
    await down.close();
    const ctx = await createTestApp("pglite", down.env);
    try {
      const start = await ctx.app.inject({ url: "/fr/sign-in/oidc" });
      assert.equal(start.statusCode, 303);
      assert.equal(start.headers.location, "/fr/sign-in/oidc/error/oidc_unavailable");
      const page = await ctx.app.inject({ url: start.headers.location });
      assert.equal(page.statusCode, 502);
      assert.ok(page.body.includes(translator("fr")("errors.oidc_unavailable.title")));
    } finally {
      await ctx.close();
    }
  });
});
