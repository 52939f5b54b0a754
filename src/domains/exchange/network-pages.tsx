// The network's pages: the public directory with the events under /{lang}/network, the signed-in user's own listing
// with its consent and its withdrawal, and a platform admin's removal of a listing on request.
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { requireWorkspaceUser, type UserActor } from "../../http/auth.ts";
import { AppError, errors } from "../../http/errors.ts";
import { sendHtml } from "../../http/render.ts";
import type { AppScope } from "../../http/types.ts";
import { languages, type Lang } from "../../i18n/languages.ts";
import type { Services } from "../../services.ts";
import { localizedString } from "../../web/components/localized.tsx";
import { pageContext } from "../../web/context.ts";
import { noErrors, parseForm, serviceFormErrors, type FormErrors } from "../../web/form.ts";
import { all, bodyOf, optional, tagList, text } from "../../web/form-body.ts";
import { DirectoryQuery, MemberInput } from "./schema.ts";
import { ConfirmRemovalPage, ListingPage, type ListingValues } from "./views/listing.tsx";
import { NetworkPage } from "./views/network.tsx";

const Lang = z.enum(languages);
const page = { hide: true } as const;
const order = ["organisationId", "position", "expertise", "languages", "consent"];

export function registerNetworkPages(app: AppScope, { exchange, organisations }: Services) {
  app.get("/:lang/network", { schema: { ...page, params: z.object({ lang: Lang }), querystring: DirectoryQuery } }, async (request, reply) => {
    const { lang } = request.params;
    const directory = await exchange.directory(request.query);
    const events = await exchange.listEvents(request.actor);
    return sendHtml(reply, <NetworkPage ctx={pageContext(lang, request, reply)} query={request.query} directory={directory} events={events} />);
  });

  async function renderListing(request: FastifyRequest, reply: FastifyReply, lang: Lang, actor: UserActor, form?: { values: ListingValues; errors: FormErrors }, done?: "saved" | "withdrawn") {
    const ctx = pageContext(lang, request, reply);
    const own = await exchange.ownListing(actor);
    const listable = exchange.listableOrganisations(actor);
    const names = await organisations.getOrganisations(listable);
    const values: ListingValues = form?.values ?? {
      organisationId: own?.organisationId ?? (listable.length === 1 ? listable[0] : undefined),
      position: own?.position,
      expertise: own?.expertise.join(", "),
      languages: own?.languages ?? [],
      // Consent is asked for each time the listing is saved: the box starts unticked.
      consent: false,
    };
    const choices = listable.map((id) => ({ id, name: localizedString(ctx, names.get(id)?.name) }));
    const errors = form?.errors ?? noErrors;
    return sendHtml(reply, <ListingPage ctx={ctx} organisations={choices} listed={own !== undefined} values={values} errors={errors} done={done} />, errors.summary.length ? 400 : 200);
  }

  app.get(
    "/:lang/workspace/network",
    { schema: { ...page, params: z.object({ lang: Lang }), querystring: z.object({ done: z.enum(["saved", "withdrawn"]).optional().catch(undefined) }) } },
    async (request, reply) => {
      const { lang } = request.params;
      const actor = requireWorkspaceUser(request, reply, lang);
      if (!actor) return reply;
      return renderListing(request, reply, lang, actor, undefined, request.query.done);
    },
  );

  app.post("/:lang/workspace/network", { schema: { ...page, params: z.object({ lang: Lang }) } }, async (request, reply) => {
    const { lang } = request.params;
    const actor = requireWorkspaceUser(request, reply, lang);
    if (!actor) return reply;
    if (!exchange.listableOrganisations(actor).length) throw errors.forbidden();
    const body = bodyOf(request.body);
    const values: ListingValues = {
      organisationId: optional(body, "organisationId"),
      position: text(body, "position"),
      expertise: text(body, "expertise"),
      languages: all(body, "languages"),
      consent: all(body, "consent").includes("yes"),
    };
    const input = { ...values, expertise: tagList(values.expertise ?? ""), consent: values.consent || undefined };
    const parsed = parseForm(MemberInput, input, order);
    if (!parsed.ok) return renderListing(request, reply, lang, actor, { values, errors: parsed.errors });
    try {
      await exchange.saveListing(actor, parsed.data);
    } catch (error) {
      // An organisation the user does not belong to: the form again, with the field named.
      return renderListing(request, reply, lang, actor, { values, errors: serviceFormErrors(error, order) });
    }
    return reply.redirect(`/${lang}/workspace/network?done=saved`, 303);
  });

  app.get("/:lang/workspace/network/withdraw", { schema: { ...page, params: z.object({ lang: Lang }) } }, async (request, reply) => {
    const { lang } = request.params;
    const actor = requireWorkspaceUser(request, reply, lang);
    if (!actor) return reply;
    if (!(await exchange.ownListing(actor))) return reply.redirect(`/${lang}/workspace/network`, 303);
    const ctx = pageContext(lang, request, reply);
    const { t } = ctx;
    return sendHtml(
      reply,
      <ConfirmRemovalPage
        ctx={ctx}
        action={`/${lang}/workspace/network/withdraw`}
        heading={t("exchange.withdraw.title")}
        explanation={t("exchange.withdraw.intro")}
        confirm={t("exchange.withdraw.confirm")}
        cancel={`/${lang}/workspace/network`}
      />,
    );
  });

  app.post("/:lang/workspace/network/withdraw", { schema: { ...page, params: z.object({ lang: Lang }) } }, async (request, reply) => {
    const { lang } = request.params;
    const actor = requireWorkspaceUser(request, reply, lang);
    if (!actor) return reply;
    await exchange.withdrawListing(actor);
    return reply.redirect(`/${lang}/workspace/network?done=withdrawn`, 303);
  });

  // ---- A platform admin's removal, on the person's request ------------------------------------------------------

  const MemberParams = z.object({ lang: Lang, memberId: z.uuid() });

  /** Only platform admins reach these pages; anyone else is refused before learning whether the listing exists. */
  function requireAdmin(request: FastifyRequest, reply: FastifyReply, lang: Lang) {
    const actor = requireWorkspaceUser(request, reply, lang);
    if (actor && !actor.platformAdmin) throw errors.forbidden();
    return actor;
  }

  app.get("/:lang/workspace/network/members/:memberId/remove", { schema: { ...page, params: MemberParams } }, async (request, reply) => {
    const { lang, memberId } = request.params;
    if (!requireAdmin(request, reply, lang)) return reply;
    const [member] = await exchange.membersByIds([memberId]);
    if (!member) throw new AppError("listing_not_found", 404, { id: memberId });
    const ctx = pageContext(lang, request, reply);
    const { t } = ctx;
    return sendHtml(
      reply,
      <ConfirmRemovalPage
        ctx={ctx}
        action={`/${lang}/workspace/network/members/${memberId}/remove`}
        heading={t("exchange.remove.title", { name: member.displayName })}
        explanation={t("exchange.remove.intro")}
        confirm={t("exchange.remove.confirm")}
        cancel={`/${lang}/network`}
      />,
    );
  });

  app.post("/:lang/workspace/network/members/:memberId/remove", { schema: { ...page, params: MemberParams } }, async (request, reply) => {
    const { lang, memberId } = request.params;
    const actor = requireAdmin(request, reply, lang);
    if (!actor) return reply;
    await exchange.removeListing(actor, memberId);
    return reply.redirect(`/${lang}/network`, 303);
  });
}
