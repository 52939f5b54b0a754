// The signed-in person's account under /{lang}/account: who they are, API tokens, signing out everywhere.
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { clearSessionCookie, requirePageUser, SESSION_COOKIE, type UserActor } from "../../http/auth.ts";
import { AppError } from "../../http/errors.ts";
import { setFlash, takeFlash } from "../../http/flash.ts";
import { sendHtml } from "../../http/render.ts";
import type { AppScope } from "../../http/types.ts";
import { translator } from "../../i18n/index.ts";
import { languages, type Lang } from "../../i18n/languages.ts";
import type { Services } from "../../services.ts";
import { pageContext } from "../../web/context.ts";
import { noErrors, parseForm, submitted, type FormErrors } from "../../web/form.ts";
import { AddSecurityKeyInput, CreateApiTokenInput } from "./schema.ts";
import { relyingParty } from "./security-keys.ts";
import { AccountPage, type TokenFormValues } from "./views/account.tsx";

const page = { hide: true } as const;
const LangParams = z.object({ lang: z.enum(languages) });

const offsetFormat = new Intl.DateTimeFormat("en", { timeZone: "Europe/Luxembourg", timeZoneName: "longOffset" });

/** The midnight that ends `day` (YYYY-MM-DD) in Luxembourg and Brussels (one time zone): when a token stops working. */
export function endOfDay(day: string): Date {
  const nextMidnightUtc = new Date(`${day}T00:00:00Z`);
  nextMidnightUtc.setUTCDate(nextMidnightUtc.getUTCDate() + 1);
  const offset = offsetFormat.formatToParts(nextMidnightUtc).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const [, sign = "+", hours = "0", minutes = "0"] = /GMT([+-])(\d{2}):(\d{2})/.exec(offset) ?? [];
  const offsetMs = (sign === "-" ? -1 : 1) * (Number(hours) * 60 + Number(minutes)) * 60_000;
  return new Date(nextMidnightUtc.getTime() - offsetMs);
}

export function registerAccountPages(app: AppScope, { users, organisations, config }: Services) {
  async function renderAccount(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    user: UserActor,
    extra: { errors?: FormErrors; form?: TokenFormValues; notice?: string; created?: { name: string; token: string } } = {},
  ) {
    const [orgs, tokens, securityKeys] = await Promise.all([
      organisations.getOrganisations(Object.keys(user.roles)),
      users.listApiTokens(user),
      users.listSecurityKeys(user),
    ]);
    const errors = extra.errors ?? noErrors;
    const ctx = pageContext(lang, request, reply);
    return sendHtml(
      reply,
      <AccountPage
        ctx={ctx}
        user={user}
        organisations={orgs}
        tokens={tokens}
        securityKeys={securityKeys}
        errors={errors}
        form={extra.form ?? { scopes: ["systems:read"] }}
        notice={extra.notice}
        created={extra.created}
      />,
      errors.summary.length ? 400 : 200,
    );
  }

  app.get("/:lang/account", { schema: { ...page, params: LangParams } }, async (request, reply) => {
    const { lang } = request.params;
    const user = requirePageUser(request, reply, lang);
    if (!user) return reply;
    const flash = takeFlash(request, reply, user.id);
    const created = flash.values?.token && flash.values.name ? { token: flash.values.token, name: flash.values.name } : undefined;
    return renderAccount(request, reply, lang, user, { notice: flash.notice, created });
  });

  app.post("/:lang/account/tokens", { schema: { ...page, params: LangParams } }, async (request, reply) => {
    const { lang } = request.params;
    const user = requirePageUser(request, reply, lang, `/${lang}/account`);
    if (!user) return reply;
    const form = parseForm(CreateApiTokenInput, request.body, ["name", "scopes", "expiresOn"], {
      name: "token-name",
      scopes: "token-scopes",
      expiresOn: "token-expires",
    });
    if (!form.ok) {
      const body = request.body as Record<string, unknown> | undefined;
      const scopes = [body?.scopes].flat().filter((s): s is string => typeof s === "string");
      const values = { name: submitted(body, "name"), scopes, expiresOn: submitted(body, "expiresOn") };
      return renderAccount(request, reply, lang, user, { errors: form.errors, form: values });
    }
    const { name, scopes, expiresOn } = form.data;
    const { token } = await users.createApiToken(user, { name, scopes, expiresAt: expiresOn ? endOfDay(expiresOn) : undefined });
    // Shown once, on the page this redirects to; only its hash is kept.
    setFlash(reply, { values: { token, name }, userId: user.id });
    return reply.redirect(`/${lang}/account#new-token-heading`, 303);
  });

  app.post(
    "/:lang/account/tokens/:id/revoke",
    { schema: { ...page, params: LangParams.extend({ id: z.uuid() }) } },
    async (request, reply) => {
      const { lang, id } = request.params;
      const user = requirePageUser(request, reply, lang, `/${lang}/account`);
      if (!user) return reply;
      await users.revokeApiToken(user, id);
      setFlash(reply, { notice: "account.token_revoked_notice", userId: user.id });
      return reply.redirect(`/${lang}/account#tokens`, 303);
    },
  );

  // Registering a security key: JSON for the page's script (views/security-key.tsx), which shows `message` or
  // follows `redirect`. Only from a browser session: a key is never added with an API token.
  app.post("/:lang/account/security-keys/options", { schema: { ...page, params: LangParams } }, async (request, reply) => {
    const { lang } = request.params;
    const t = translator(lang);
    const sessionToken = request.cookies[SESSION_COOKIE];
    if (request.actor.kind !== "user" || request.actor.via !== "session" || !sessionToken) return reply.code(401).send({ message: t("sign_in.session_expired") });
    const name = AddSecurityKeyInput.shape.name.safeParse(submitted(request.body, "name"));
    if (!name.success) return reply.code(400).send({ message: `${t("security_key.name")}: ${t(name.error.issues[0]!.message)}` });
    return users.securityKeyRegistrationOptions(request.actor, sessionToken, relyingParty(config, request));
  });

  app.post("/:lang/account/security-keys", { schema: { ...page, params: LangParams } }, async (request, reply) => {
    const { lang } = request.params;
    const t = translator(lang);
    const sessionToken = request.cookies[SESSION_COOKIE];
    if (request.actor.kind !== "user" || request.actor.via !== "session" || !sessionToken) return reply.code(401).send({ message: t("sign_in.session_expired") });
    const input = AddSecurityKeyInput.safeParse(request.body);
    if (!input.success) return reply.code(400).send({ message: t("security_key.failed") });
    try {
      await users.addSecurityKey(request.actor, sessionToken, relyingParty(config, request), input.data);
    } catch (error) {
      if (error instanceof AppError && error.status === 400) return reply.code(400).send({ message: t("security_key.failed") });
      throw error;
    }
    setFlash(reply, { notice: "security_key.added_notice", userId: request.actor.id });
    return { redirect: `/${lang}/account#security-keys` };
  });

  app.post(
    "/:lang/account/security-keys/:id/remove",
    { schema: { ...page, params: LangParams.extend({ id: z.string().min(1).max(1024) }) } },
    async (request, reply) => {
      const { lang, id } = request.params;
      const user = requirePageUser(request, reply, lang, `/${lang}/account`);
      if (!user) return reply;
      await users.removeSecurityKey(user, id);
      setFlash(reply, { notice: "security_key.removed_notice", userId: user.id });
      return reply.redirect(`/${lang}/account#security-keys`, 303);
    },
  );

  app.post("/:lang/account/sign-out-everywhere", { schema: { ...page, params: LangParams } }, async (request, reply) => {
    const { lang } = request.params;
    const user = requirePageUser(request, reply, lang, `/${lang}/account`);
    if (!user) return reply;
    await users.signOutEverywhere(user);
    clearSessionCookie(reply);
    setFlash(reply, { notice: "account.signed_out_everywhere" });
    return reply.redirect(`/${lang}/sign-in`, 303);
  });
}
