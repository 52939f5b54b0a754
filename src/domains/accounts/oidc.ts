// Sign-in with the organisation's own identity provider: OpenID Connect authorization code flow with PKCE.
import type { FastifyReply, FastifyRequest } from "fastify";
import * as client from "openid-client";
import { z } from "zod";
import type { Config } from "../../config.ts";
import { safeNext, setSessionCookie } from "../../http/auth.ts";
import { AppError } from "../../http/errors.ts";
import { requestLang } from "../../http/request-lang.ts";
import type { AppScope } from "../../http/types.ts";
import { languages, type Lang } from "../../i18n/languages.ts";
import type { Services } from "../../services.ts";

const CALLBACK_PATH = "/auth/oidc/callback";
const FLOW_COOKIE = "gaichel_oidc";
/** Time a person has at the provider (login, second factor, consent) before the flow must start again. */
const FLOW_MINUTES = 15;
// Lax, not Strict: the callback is a top-level navigation from the provider's site, which must carry the cookie.
const flowCookieOptions = { path: "/auth/oidc", httpOnly: true, sameSite: "lax", secure: "auto", signed: true } as const;

/** How a sign-in can fail, each with the status of its page; ids follow errors.<id> in the locale files. */
const failures = { oidc_failed: 400, oidc_no_account: 403, oidc_unavailable: 502 } as const;
type Failure = keyof typeof failures;

/** What the browser keeps between leaving for the provider and coming back: signed, so it cannot be forged. */
const Flow = z.object({
  verifier: z.string(),
  state: z.string(),
  nonce: z.string(),
  redirectUri: z.string().url(),
  lang: z.enum(languages),
  next: z.string().optional(),
});
type Flow = z.infer<typeof Flow>;

export function isOidcEnabled(config: Config): boolean {
  return Boolean(config.oidcIssuer && config.oidcClientId);
}

/** The provider's metadata, fetched once per process; a failed fetch is retried on the next sign-in. */
function providerConfiguration(config: Config): () => Promise<client.Configuration> {
  const issuer = new URL(config.oidcIssuer!);
  const auth = config.oidcClientSecret ? client.ClientSecretBasic(config.oidcClientSecret) : client.None();
  // The config schema allows http only for a provider on loopback.
  const execute = issuer.protocol === "http:" ? [client.allowInsecureRequests] : [];
  let pending: Promise<client.Configuration> | undefined;
  return () => {
    pending ??= client.discovery(issuer, config.oidcClientId!, undefined, auth, { execute, timeout: 10 }).catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

function redirectUri(config: Config, request: FastifyRequest): string {
  const base = config.oidcRedirectBase ?? config.publicUrl ?? `${request.protocol}://${request.host}`;
  return new URL(CALLBACK_PATH, base).toString();
}

function readFlow(request: FastifyRequest): Flow | undefined {
  const raw = request.cookies[FLOW_COOKIE];
  if (!raw) return undefined;
  const { valid, value } = request.unsignCookie(raw);
  if (!valid || !value) return undefined;
  try {
    const parsed = Flow.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The person's identity from the ID token, or from the UserInfo endpoint when the ID token carries no e-mail. */
async function identityOf(configuration: client.Configuration, tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>) {
  const idToken = tokens.claims()!;
  let claims: Record<string, unknown> = idToken;
  if (idToken.email === undefined && configuration.serverMetadata().userinfo_endpoint) {
    claims = { ...(await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub)), ...idToken };
  }
  // An address the provider says it has not verified could be anyone's: it must not link an account.
  const email = typeof claims.email === "string" && claims.email_verified !== false ? claims.email : undefined;
  return {
    issuer: configuration.serverMetadata().issuer,
    subject: idToken.sub,
    email,
    name: typeof claims.name === "string" ? claims.name : undefined,
  };
}

export function registerOidc(app: AppScope, { config, users }: Services) {
  if (!isOidcEnabled(config)) return;
  const provider = providerConfiguration(config);

  function fail(request: FastifyRequest, reply: FastifyReply, lang: Lang, reason: Failure, error?: unknown) {
    const detail = error instanceof Error ? { name: error.name, code: (error as { code?: string }).code, message: error.message } : undefined;
    request.log.warn({ reason, error: detail }, "OpenID Connect sign-in failed");
    return reply.redirect(`/${lang}/sign-in/oidc/error/${reason}`, 303);
  }

  app.get(
    "/:lang/sign-in/oidc",
    {
      schema: {
        hide: true,
        params: z.object({ lang: z.enum(languages) }),
        querystring: z.object({ next: z.string().optional() }),
      },
    },
    async (request, reply) => {
      const { lang } = request.params;
      let configuration: client.Configuration;
      try {
        configuration = await provider();
      } catch (error) {
        return fail(request, reply, lang, "oidc_unavailable", error);
      }
      const flow: Flow = {
        verifier: client.randomPKCECodeVerifier(),
        state: client.randomState(),
        nonce: client.randomNonce(),
        redirectUri: redirectUri(config, request),
        lang,
        next: safeNext(request.query.next),
      };
      reply.setCookie(FLOW_COOKIE, Buffer.from(JSON.stringify(flow)).toString("base64url"), {
        ...flowCookieOptions,
        maxAge: FLOW_MINUTES * 60,
      });
      const url = client.buildAuthorizationUrl(configuration, {
        redirect_uri: flow.redirectUri,
        scope: "openid email profile",
        code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
        code_challenge_method: "S256",
        state: flow.state,
        nonce: flow.nonce,
        ui_locales: lang,
      });
      return reply.redirect(url.href, 303);
    },
  );

  // The callback answers with a redirect here, so that the page has a language, its language links work, and the
  // one-time code leaves the address bar.
  app.get(
    "/:lang/sign-in/oidc/error/:reason",
    { schema: { hide: true, params: z.object({ lang: z.enum(languages), reason: z.enum(Object.keys(failures) as [Failure]) }) } },
    async (request) => {
      throw new AppError(request.params.reason, failures[request.params.reason]);
    },
  );

  app.get(CALLBACK_PATH, { schema: { hide: true } }, async (request, reply) => {
    const flow = readFlow(request);
    reply.clearCookie(FLOW_COOKIE, flowCookieOptions);
    if (!flow) return fail(request, reply, requestLang(request), "oidc_failed");
    let identity: Awaited<ReturnType<typeof identityOf>>;
    try {
      const configuration = await provider();
      // The redirect URI the flow started with, with the provider's answer (code, state, iss or error) as its query.
      const currentUrl = new URL(flow.redirectUri);
      currentUrl.search = new URL(request.url, currentUrl).search;
      const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      identity = await identityOf(configuration, tokens);
    } catch (error) {
      return fail(request, reply, flow.lang, "oidc_failed", error);
    }
    const sessionToken = await users.signInWithOidc(identity);
    if (!sessionToken) return fail(request, reply, flow.lang, "oidc_no_account");
    setSessionCookie(reply, sessionToken);
    return reply.redirect(safeNext(flow.next) ?? `/${flow.lang}/workspace`, 303);
  });
}
