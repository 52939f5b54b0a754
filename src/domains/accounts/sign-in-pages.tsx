// Signing in with a local account under /{lang}/: password, then a TOTP code (enrolled on first use), the invitation
// link that sets the password, and signing out. Every form posts, then redirects; errors are shown on the same page.
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { clearSessionCookie, safeNext, SESSION_COOKIE, setSessionCookie } from "../../http/auth.ts";
import { AppError } from "../../http/errors.ts";
import { setFlash, takeFlash } from "../../http/flash.ts";
import { sendHtml } from "../../http/render.ts";
import type { AppScope } from "../../http/types.ts";
import { translator } from "../../i18n/index.ts";
import { languages, type Lang } from "../../i18n/languages.ts";
import type { Services } from "../../services.ts";
import { pageContext } from "../../web/context.ts";
import { formErrors, noErrors, parseForm, submitted, type FormErrors } from "../../web/form.ts";
import { SecondFactorInput, SecurityKeyAssertionInput, SetPasswordInput, SignInInput } from "./schema.ts";
import { relyingParty } from "./security-keys.ts";
import type { UserRow } from "./users-repo.ts";
import { PENDING_SESSION_MINUTES, type SignInRefusal } from "./users-service.ts";
import { InvitationPage } from "./views/invitation.tsx";
import { SecondFactorPage } from "./views/second-factor.tsx";
import { isOidcEnabled } from "./oidc.ts";
import { SignInPage } from "./views/sign-in.tsx";

const page = { hide: true } as const;
const LangParams = z.object({ lang: z.enum(languages) });
/** A `next` that is not a string (repeated, say) is ignored rather than refused. */
const NextQuery = z.object({ next: z.string().optional().catch(undefined) });

/** Attempts per key and window: enough for typing mistakes, far too few to guess a password or a 6-digit code. */
export const SIGN_IN_ATTEMPTS = 10;
const SIGN_IN_WINDOW = "10 minutes";

/** The TOTP secret offered to a user who enrols, until they confirm it with a code: signed, bound to the user. */
const ENROLMENT_COOKIE = "gaichel_totp_enrolment";
const enrolmentCookie = { path: "/", httpOnly: true, sameSite: "lax", secure: "auto", signed: true } as const;

const withNext = (path: string, next: string | undefined) => (next ? `${path}?next=${encodeURIComponent(next)}` : path);
/** The message of a refused sign-in step. */
const refusalMessage = (reason: SignInRefusal) => (reason === "blocked" ? "sign_in.error_blocked" : "sign_in.error_incorrect");

/**
 * Per account, from any address: a password already known must not let a second factor be sprayed from many. A
 * request without a sign-in in progress is only sent back to the sign-in page and is not counted.
 */
const secondFactorRateLimit = {
  max: SIGN_IN_ATTEMPTS,
  timeWindow: SIGN_IN_WINDOW,
  hook: "preHandler",
  allowList: (request: FastifyRequest) => !request.pendingUser,
  keyGenerator: (request: FastifyRequest) => `second-factor|${request.pendingUser?.id}`,
} as const;
const home = (lang: Lang, next: string | undefined) => next ?? `/${lang}/workspace`;

export function registerSignInPages(app: AppScope, { users, config }: Services) {
  const oidcEnabled = isOidcEnabled(config);
  /** The secret of an enrolment in progress, when the cookie is there, intact and for this user. */
  function enrolmentSecret(request: FastifyRequest, user: UserRow): string | undefined {
    const raw = request.cookies[ENROLMENT_COOKIE];
    if (!raw) return undefined;
    const { valid, value } = request.unsignCookie(raw);
    if (!valid || !value) return undefined;
    const [userId, secret] = value.split(":");
    return userId === user.id && secret ? secret : undefined;
  }

  async function renderSecondFactor(request: FastifyRequest, reply: FastifyReply, lang: Lang, user: UserRow, next: string | undefined, errors: FormErrors) {
    let enrolment: { secret: string; uri: string } | undefined;
    if (!user.totpSecret) {
      const kept = enrolmentSecret(request, user);
      enrolment = kept ? { secret: kept, uri: users.totpUri(user, kept) } : users.newTotpSecret(user);
      if (!kept) reply.setCookie(ENROLMENT_COOKIE, `${user.id}:${enrolment.secret}`, { ...enrolmentCookie, maxAge: PENDING_SESSION_MINUTES * 60 });
    }
    const ctx = pageContext(lang, request, reply);
    const securityKeys = user.totpSecret !== null && (await users.hasSecurityKeys(user.id));
    return sendHtml(
      reply,
      <SecondFactorPage ctx={ctx} errors={errors} next={next} enrolment={enrolment} securityKeys={securityKeys} />,
      errors.summary.length ? 400 : 200,
    );
  }

  app.get("/:lang/sign-in", { schema: { ...page, params: LangParams, querystring: NextQuery } }, async (request, reply) => {
    const { lang } = request.params;
    const next = safeNext(request.query.next);
    if (request.actor.kind === "user") return reply.redirect(home(lang, next), 303);
    const flash = takeFlash(request, reply);
    const ctx = pageContext(lang, request, reply);
    return sendHtml(reply, <SignInPage ctx={ctx} oidcEnabled={oidcEnabled} errors={noErrors} next={next} notice={flash.notice} email={flash.values?.email} />);
  });

  app.post(
    "/:lang/sign-in",
    {
      schema: { ...page, params: LangParams },
      config: {
        // After the body is parsed (and the CSRF token checked), so that the key can hold the e-mail address.
        rateLimit: {
          max: SIGN_IN_ATTEMPTS,
          timeWindow: SIGN_IN_WINDOW,
          hook: "preHandler",
          keyGenerator: (request) => `sign-in|${request.ip}|${(submitted(request.body, "email") ?? "").trim().toLowerCase()}`,
        },
      },
    },
    async (request, reply) => {
      const { lang } = request.params;
      const next = safeNext(submitted(request.body, "next"));
      const again = (errors: FormErrors) =>
        sendHtml(reply, <SignInPage ctx={pageContext(lang, request, reply)} oidcEnabled={oidcEnabled} errors={errors} next={next} email={submitted(request.body, "email")} />, 400);
      const form = parseForm(SignInInput, request.body, ["email", "password"]);
      if (!form.ok) return again(form.errors);
      const result = await users.signInWithPassword(form.data.email, form.data.password);
      // One message whether the address is unknown or the password wrong, so that the form does not tell who has an account.
      if (!result.ok) return again(formErrors([{ field: "email", message: refusalMessage(result.reason) }]));
      const previous = request.cookies[SESSION_COOKIE];
      if (previous) await users.signOut(previous);
      setSessionCookie(reply, result.sessionToken, PENDING_SESSION_MINUTES / 60);
      return reply.redirect(withNext(`/${lang}/sign-in/second-factor`, next), 303);
    },
  );

  app.get("/:lang/sign-in/second-factor", { schema: { ...page, params: LangParams, querystring: NextQuery } }, async (request, reply) => {
    const { lang } = request.params;
    const next = safeNext(request.query.next);
    if (request.actor.kind === "user") return reply.redirect(home(lang, next), 303);
    if (!request.pendingUser) return reply.redirect(withNext(`/${lang}/sign-in`, next), 303);
    return renderSecondFactor(request, reply, lang, request.pendingUser, next, noErrors);
  });

  app.post(
    "/:lang/sign-in/second-factor",
    {
      schema: { ...page, params: LangParams },
      config: { rateLimit: secondFactorRateLimit },
    },
    async (request, reply) => {
      const { lang } = request.params;
      const next = safeNext(submitted(request.body, "next"));
      const user = request.pendingUser;
      const sessionToken = request.cookies[SESSION_COOKIE];
      if (request.actor.kind === "user") return reply.redirect(home(lang, next), 303);
      if (!user || !sessionToken) return reply.redirect(withNext(`/${lang}/sign-in`, next), 303);
      const form = parseForm(SecondFactorInput, request.body, ["code"]);
      if (!form.ok) return renderSecondFactor(request, reply, lang, user, next, form.errors);
      const candidate = user.totpSecret ? undefined : enrolmentSecret(request, user);
      // The offered secret expired with its cookie: offer a new one.
      if (!user.totpSecret && !candidate) return reply.redirect(withNext(`/${lang}/sign-in/second-factor`, next), 303);
      const result = await users.completeSecondFactor(sessionToken, form.data.code, candidate);
      if (!result.ok && result.reason === "expired") return reply.redirect(withNext(`/${lang}/sign-in`, next), 303);
      if (!result.ok) {
        const message = result.reason === "blocked" ? "sign_in.error_blocked" : "second_factor.error_incorrect";
        return renderSecondFactor(request, reply, lang, user, next, formErrors([{ field: "code", message }]));
      }
      setSessionCookie(reply, result.sessionToken);
      reply.clearCookie(ENROLMENT_COOKIE, enrolmentCookie);
      return reply.redirect(home(lang, next), 303);
    },
  );

  // Signing in with a security key: JSON for the page's script (views/security-key.tsx), which shows `message` or
  // follows `redirect`.
  app.post("/:lang/sign-in/security-key/options", { schema: { ...page, params: LangParams }, config: { rateLimit: secondFactorRateLimit } }, async (request, reply) => {
    const { lang } = request.params;
    const sessionToken = request.cookies[SESSION_COOKIE];
    if (!request.pendingUser || !sessionToken) return reply.code(401).send({ message: translator(lang)("sign_in.session_expired") });
    return users.securityKeySignInOptions(sessionToken, relyingParty(config, request));
  });

  app.post("/:lang/sign-in/security-key", { schema: { ...page, params: LangParams }, config: { rateLimit: secondFactorRateLimit } }, async (request, reply) => {
    const { lang } = request.params;
    const t = translator(lang);
    const next = safeNext(submitted(request.body, "next"));
    const sessionToken = request.cookies[SESSION_COOKIE];
    if (!request.pendingUser || !sessionToken) return reply.code(401).send({ message: t("sign_in.session_expired") });
    const input = SecurityKeyAssertionInput.safeParse(request.body);
    if (!input.success) return reply.code(400).send({ message: t("security_key.failed") });
    const result = await users.completeSecondFactorWithSecurityKey(sessionToken, relyingParty(config, request), input.data.response);
    if (!result.ok) {
      const message = result.reason === "incorrect" ? "security_key.error_incorrect" : result.reason === "blocked" ? "sign_in.error_blocked" : "sign_in.session_expired";
      return reply.code(result.reason === "expired" ? 401 : 400).send({ message: t(message) });
    }
    setSessionCookie(reply, result.sessionToken);
    reply.clearCookie(ENROLMENT_COOKIE, enrolmentCookie);
    return { redirect: home(lang, next) };
  });

  const InvitationParams = LangParams.extend({ token: z.string().max(128) });

  app.get("/:lang/invitation/:token", { schema: { ...page, params: InvitationParams } }, async (request, reply) => {
    const { lang, token } = request.params;
    const user = await users.findInvitation(token);
    if (!user) throw new AppError("invitation_invalid", 410);
    const ctx = pageContext(lang, request, reply);
    return sendHtml(reply, <InvitationPage ctx={ctx} errors={noErrors} action={`/${lang}/invitation/${token}`} user={user} />);
  });

  app.post("/:lang/invitation/:token", { schema: { ...page, params: InvitationParams } }, async (request, reply) => {
    const { lang, token } = request.params;
    const user = await users.findInvitation(token);
    if (!user) throw new AppError("invitation_invalid", 410);
    const form = parseForm(SetPasswordInput, request.body, ["password", "confirmation"]);
    if (!form.ok) {
      const ctx = pageContext(lang, request, reply);
      return sendHtml(reply, <InvitationPage ctx={ctx} errors={form.errors} action={`/${lang}/invitation/${token}`} user={user} />, 400);
    }
    await users.acceptInvitation(token, form.data.password);
    setFlash(reply, { notice: "invitation.done", values: { email: user.email } });
    return reply.redirect(`/${lang}/sign-in`, 303);
  });

  app.post("/:lang/sign-out", { schema: { ...page, params: LangParams } }, async (request, reply) => {
    const { lang } = request.params;
    const token = request.cookies[SESSION_COOKIE];
    if (token) await users.signOut(token);
    clearSessionCookie(reply);
    setFlash(reply, { notice: "sign_in.signed_out" });
    return reply.redirect(`/${lang}/sign-in`, 303);
  });
}
