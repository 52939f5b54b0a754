// The network's events: the public page of an event under /{lang}/network/events, and the workspace where the editors
// of an organisation organise one — its details, then its programme and materials, each form posting and redirecting,
// or showing the page again with its errors and what was typed.
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { requireWorkspaceUser, type UserActor } from "../../http/auth.ts";
import { sendHtml } from "../../http/render.ts";
import type { AppScope } from "../../http/types.ts";
import { languages, type Lang } from "../../i18n/languages.ts";
import type { Services } from "../../services.ts";
import { amongChoices, sharerOf } from "./sharer.ts";
import { localizedString } from "../../web/components/localized.tsx";
import { pageContext } from "../../web/context.ts";
import { noErrors, parseForm, serviceFormErrors, type FormErrors } from "../../web/form.ts";
import { all, bodyOf, localizedFromForm, optional, text, titleFromForm, type FormBody } from "../../web/form-body.ts";
import type { EventRow } from "./repo.ts";
import { EventInput, MaterialInput, NewEvent, SessionInput } from "./schema.ts";
import type { EventDetail } from "./service.ts";
import { EventPage } from "./views/event.tsx";
import { EventFormPage, type EventFormValues } from "./views/event-form.tsx";
import { EventManagePage, type MaterialFormValues, type SessionFormValues } from "./views/event-manage.tsx";
import { WorkspaceEventsPage } from "./views/workspace-events.tsx";

const Lang = z.enum(languages);
const LanguageQuery = z.object({ language: Lang.optional().catch(undefined) });
const EventParams = z.object({ lang: Lang, id: z.uuid() });
const page = { hide: true } as const;
const done = ["created", "saved", "session_added", "session_removed", "material_added", "material_removed"] as const;
type Done = (typeof done)[number];
const eventOrder = ["organisationId", "title", "description", "startsOn", "endsOn", "place", "sharing"];

function eventFromForm(body: FormBody, editing: Lang, stored?: EventRow): EventFormValues {
  return {
    organisationId: optional(body, "organisationId"),
    title: localizedFromForm(body, "title", editing, stored?.title),
    description: localizedFromForm(body, "description", editing, stored?.description),
    startsOn: optional(body, "startsOn"),
    endsOn: optional(body, "endsOn"),
    place: text(body, "place"),
    sharing: optional(body, "sharing"),
  };
}

export function registerEventPages(app: AppScope, { exchange, organisations }: Services) {
  app.get("/:lang/network/events/:id", { schema: { ...page, params: EventParams } }, async (request, reply) => {
    const { lang, id } = request.params;
    return sendHtml(reply, <EventPage ctx={pageContext(lang, request, reply)} detail={await exchange.getEvent(request.actor, id)} />);
  });

  // ---- Workspace -------------------------------------------------------------------------------------------------

  app.get("/:lang/workspace/events", { schema: { ...page, params: z.object({ lang: Lang }) } }, async (request, reply) => {
    const { lang } = request.params;
    const actor = requireWorkspaceUser(request, reply, lang);
    if (!actor) return reply;
    const events = await exchange.listEvents(actor, Object.keys(actor.roles));
    const canCreate = (await exchange.writableOrganisations(actor)).length > 0;
    return sendHtml(reply, <WorkspaceEventsPage ctx={pageContext(lang, request, reply)} events={events} canCreate={canCreate} />);
  });

  const textIds = (editing: Lang) => ({ title: `title-${editing}`, description: `description-${editing}` });

  app.get("/:lang/workspace/events/new", { schema: { ...page, params: z.object({ lang: Lang }), querystring: LanguageQuery } }, async (request, reply) => {
    const { lang } = request.params;
    const found = await sharerOf({ exchange, organisations }, request, reply, lang);
    if (!found) return reply;
    const values: EventFormValues = { title: {}, description: {}, organisationId: found.choices.length === 1 ? found.choices[0]!.id : undefined };
    return sendHtml(reply, <EventFormPage ctx={found.ctx} target={{ kind: "new", organisations: found.choices }} editing={request.query.language ?? lang} values={values} errors={noErrors} />);
  });

  app.post("/:lang/workspace/events/new", { schema: { ...page, params: z.object({ lang: Lang }), querystring: LanguageQuery } }, async (request, reply) => {
    const { lang } = request.params;
    const found = await sharerOf({ exchange, organisations }, request, reply, lang);
    if (!found) return reply;
    const editing = request.query.language ?? lang;
    const values = eventFromForm(bodyOf(request.body), editing);
    const parsed = amongChoices(parseForm(NewEvent, values, eventOrder, textIds(editing)), values.organisationId, found.choices);
    if (!parsed.ok) {
      return sendHtml(reply, <EventFormPage ctx={found.ctx} target={{ kind: "new", organisations: found.choices }} editing={editing} values={values} errors={parsed.errors} />, 400);
    }
    const created = await exchange.createEvent(found.actor, parsed.data);
    return reply.redirect(`/${lang}/workspace/events/${created.id}?done=created`, 303);
  });

  /** The event as its organisers see it (404 for those who may not read it, 403 for readers who may not edit). */
  async function managed(request: FastifyRequest, reply: FastifyReply, lang: Lang, id: string): Promise<{ actor: UserActor; detail: EventDetail } | undefined> {
    const actor = requireWorkspaceUser(request, reply, lang);
    if (!actor) return undefined;
    return { actor, detail: await exchange.eventForEdit(actor, id) };
  }

  async function renderManage(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    found: { actor: UserActor; detail: EventDetail },
    forms: { session?: { values: SessionFormValues; errors: FormErrors }; material?: { values: MaterialFormValues; errors: FormErrors }; done?: Done } = {},
  ) {
    const members = await exchange.listMembers(found.actor);
    const failed = Boolean(forms.session || forms.material);
    return sendHtml(reply, <EventManagePage ctx={pageContext(lang, request, reply)} detail={found.detail} members={members} {...forms} />, failed ? 400 : 200);
  }

  app.get(
    "/:lang/workspace/events/:id",
    { schema: { ...page, params: EventParams, querystring: z.object({ done: z.enum(done).optional().catch(undefined) }) } },
    async (request, reply) => {
      const { lang, id } = request.params;
      const found = await managed(request, reply, lang, id);
      if (!found) return reply;
      return renderManage(request, reply, lang, found, { done: request.query.done });
    },
  );

  app.get("/:lang/workspace/events/:id/edit", { schema: { ...page, params: EventParams, querystring: LanguageQuery } }, async (request, reply) => {
    const { lang, id } = request.params;
    const found = await managed(request, reply, lang, id);
    if (!found) return reply;
    const ctx = pageContext(lang, request, reply);
    const { event } = found.detail;
    return sendHtml(
      reply,
      <EventFormPage ctx={ctx} target={{ kind: "edit", id, name: localizedString(ctx, event.title) }} editing={request.query.language ?? lang} values={event} errors={noErrors} />,
    );
  });

  app.post("/:lang/workspace/events/:id/edit", { schema: { ...page, params: EventParams, querystring: LanguageQuery } }, async (request, reply) => {
    const { lang, id } = request.params;
    const found = await managed(request, reply, lang, id);
    if (!found) return reply;
    const editing = request.query.language ?? lang;
    const { organisationId: _, ...values } = eventFromForm(bodyOf(request.body), editing, found.detail.event);
    const parsed = parseForm(EventInput, values, eventOrder, textIds(editing));
    if (!parsed.ok) {
      const ctx = pageContext(lang, request, reply);
      const target = { kind: "edit" as const, id, name: localizedString(ctx, found.detail.event.title) };
      return sendHtml(reply, <EventFormPage ctx={ctx} target={target} editing={editing} values={values} errors={parsed.errors} />, 400);
    }
    await exchange.updateEvent(found.actor, id, parsed.data);
    return reply.redirect(`/${lang}/workspace/events/${id}?done=saved`, 303);
  });

  // ---- Programme and materials -----------------------------------------------------------------------------------

  const sessionOrder = ["day", "startsAt", "title", "speakers"];
  const sessionIds = (lang: Lang) => ({ day: "session-day", startsAt: "session-startsAt", title: `session-title-${lang}`, speakers: "session-speakers" });

  app.post("/:lang/workspace/events/:id/sessions", { schema: { ...page, params: EventParams } }, async (request, reply) => {
    const { lang, id } = request.params;
    const found = await managed(request, reply, lang, id);
    if (!found) return reply;
    const body = bodyOf(request.body);
    const values: SessionFormValues = { day: optional(body, "day"), startsAt: text(body, "startsAt").trim(), title: titleFromForm(body, "title"), speakers: all(body, "speakers") };
    const parsed = parseForm(SessionInput, values, sessionOrder, sessionIds(lang));
    if (!parsed.ok) return renderManage(request, reply, lang, found, { session: { values, errors: parsed.errors } });
    try {
      await exchange.addSession(found.actor, id, parsed.data);
    } catch (error) {
      return renderManage(request, reply, lang, found, { session: { values, errors: serviceFormErrors(error, sessionOrder, sessionIds(lang)) } });
    }
    return reply.redirect(`/${lang}/workspace/events/${id}?done=session_added`, 303);
  });

  app.post(
    "/:lang/workspace/events/:id/sessions/:sessionId/remove",
    { schema: { ...page, params: EventParams.extend({ sessionId: z.uuid() }) } },
    async (request, reply) => {
      const { lang, id, sessionId } = request.params;
      const actor = requireWorkspaceUser(request, reply, lang);
      if (!actor) return reply;
      await exchange.removeSession(actor, id, sessionId);
      return reply.redirect(`/${lang}/workspace/events/${id}?done=session_removed`, 303);
    },
  );

  const materialOrder = ["title", "url"];
  const materialIds = (lang: Lang) => ({ title: `material-title-${lang}`, url: "material-url" });

  app.post("/:lang/workspace/events/:id/materials", { schema: { ...page, params: EventParams } }, async (request, reply) => {
    const { lang, id } = request.params;
    const found = await managed(request, reply, lang, id);
    if (!found) return reply;
    const body = bodyOf(request.body);
    const values: MaterialFormValues = { title: titleFromForm(body, "title"), url: optional(body, "url") };
    const parsed = parseForm(MaterialInput, values, materialOrder, materialIds(lang));
    if (!parsed.ok) return renderManage(request, reply, lang, found, { material: { values, errors: parsed.errors } });
    await exchange.addMaterial(found.actor, id, parsed.data);
    return reply.redirect(`/${lang}/workspace/events/${id}?done=material_added`, 303);
  });

  app.post(
    "/:lang/workspace/events/:id/materials/:materialId/remove",
    { schema: { ...page, params: EventParams.extend({ materialId: z.uuid() }) } },
    async (request, reply) => {
      const { lang, id, materialId } = request.params;
      const actor = requireWorkspaceUser(request, reply, lang);
      if (!actor) return reply;
      await exchange.removeMaterial(actor, id, materialId);
      return reply.redirect(`/${lang}/workspace/events/${id}?done=material_removed`, 303);
    },
  );
}
