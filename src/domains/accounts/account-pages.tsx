// The signed-in person's account under /{lang}/account: who they are, API tokens, signing out everywhere.
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { clearSessionCookie, requirePageUser, type UserActor } from "../../http/auth.ts";
import { setFlash, takeFlash } from "../../http/flash.ts";
import { sendHtml } from "../../http/render.ts";
import type { AppScope } from "../../http/types.ts";
import { languages, type Lang } from "../../i18n/languages.ts";
import type { Services } from "../../services.ts";
import { pageContext } from "../../web/context.ts";
import { noErrors, parseForm, submitted, type FormErrors } from "../../web/form.ts";
import { CreateApiTokenInput } from "./schema.ts";
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

export function registerAccountPages(app: AppScope, { users, organisations }: Services) {
  async function renderAccount(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    user: UserActor,
    extra: { errors?: FormErrors; form?: TokenFormValues; notice?: string; created?: { name: string; token: string } } = {},
  ) {
    const [orgs, tokens] = await Promise.all([organisations.getOrganisations(Object.keys(user.roles)), users.listApiTokens(user)]);
    const errors = extra.errors ?? noErrors;
    const ctx = pageContext(lang, request, reply);
    return sendHtml(
      reply,
      <AccountPage
        ctx={ctx}
        user={user}
        organisations={orgs}
        tokens={tokens}
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
