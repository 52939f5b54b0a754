// The practice library's pages: the public search and detail under /{lang}/practices, and the workspace where the
// editors of an organisation share and change its practices (POST → the same contract as the API → 303, or the form
// again with its errors and every value typed).
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
import { noErrors, parseForm } from "../../web/form.ts";
import { bodyOf, localizedFromForm, optional, tagList, text, type FormBody } from "../../web/form-body.ts";
import type { PracticeRow } from "./repo.ts";
import { LibraryQuery, NewPractice, PracticeInput } from "./schema.ts";
import { LibraryPage } from "./views/library.tsx";
import { PracticeFormPage, type PracticeFormValues } from "./views/practice-form.tsx";
import { PracticePage } from "./views/practice.tsx";
import { WorkspacePracticesPage } from "./views/workspace-practices.tsx";

const Lang = z.enum(languages);
/** The language of the texts a form edits; an unknown one falls back to the page's. */
const LanguageQuery = z.object({ language: Lang.optional().catch(undefined) });
const PracticeParams = z.object({ lang: Lang, id: z.uuid() });
const page = { hide: true } as const;
const order = ["organisationId", "kind", "title", "summary", "body", "sector", "tags", "link", "sharing"];

/** The form's values as typed, and the contract's input built from them. */
function fromForm(body: FormBody, editing: Lang, stored?: PracticeRow) {
  const values: PracticeFormValues = {
    organisationId: optional(body, "organisationId"),
    kind: optional(body, "kind"),
    title: localizedFromForm(body, "title", editing, stored?.title),
    summary: localizedFromForm(body, "summary", editing, stored?.summary),
    body: localizedFromForm(body, "body", editing, stored?.body),
    sector: optional(body, "sector"),
    tags: text(body, "tags"),
    link: optional(body, "link"),
    sharing: optional(body, "sharing"),
  };
  const input = { ...values, tags: tagList(values.tags) };
  return { values, input };
}

const valuesOf = (p: PracticeRow): PracticeFormValues => ({
  kind: p.kind,
  title: p.title,
  summary: p.summary,
  body: p.body,
  sector: p.sector ?? undefined,
  tags: p.tags.join(", "),
  link: p.link ?? undefined,
  sharing: p.sharing,
});

export function registerPracticePages(app: AppScope, { exchange, organisations }: Services) {
  const ids = (editing: Lang) => ({ title: `title-${editing}`, summary: `summary-${editing}`, body: `body-${editing}` });

  app.get(
    "/:lang/practices",
    { schema: { ...page, params: z.object({ lang: Lang }), querystring: LibraryQuery } },
    async (request, reply) => {
      const { lang } = request.params;
      const result = await exchange.searchLibrary(request.actor, request.query, lang);
      const lessonOrganisations = result.items.flatMap((entry) => (entry.type === "lesson" ? [entry.lesson.organisationId] : []));
      const names = new Map([...(await organisations.getOrganisations([...new Set(lessonOrganisations)]))].map(([id, o]) => [id, o.name]));
      return sendHtml(reply, <LibraryPage ctx={pageContext(lang, request, reply)} query={request.query} result={result} organisationNames={names} />);
    },
  );

  app.get("/:lang/practices/:id", { schema: { ...page, params: PracticeParams } }, async (request, reply) => {
    const { lang, id } = request.params;
    const practice = await exchange.getPractice(request.actor, id);
    return sendHtml(reply, <PracticePage ctx={pageContext(lang, request, reply)} practice={practice} />);
  });

  // ---- Workspace -------------------------------------------------------------------------------------------------

  app.get(
    "/:lang/workspace/practices",
    { schema: { ...page, params: z.object({ lang: Lang }), querystring: z.object({ done: z.enum(["created", "saved"]).optional().catch(undefined) }) } },
    async (request, reply) => {
      const { lang } = request.params;
      const actor = requireWorkspaceUser(request, reply, lang);
      if (!actor) return reply;
      const practices = await exchange.listWorkspacePractices(actor);
      const canCreate = (await exchange.writableOrganisations(actor)).length > 0;
      return sendHtml(reply, <WorkspacePracticesPage ctx={pageContext(lang, request, reply)} practices={practices} canCreate={canCreate} done={request.query.done} />);
    },
  );

  app.get("/:lang/workspace/practices/new", { schema: { ...page, params: z.object({ lang: Lang }), querystring: LanguageQuery } }, async (request, reply) => {
    const { lang } = request.params;
    const found = await sharerOf({ exchange, organisations }, request, reply, lang);
    if (!found) return reply;
    const values: PracticeFormValues = { title: {}, summary: {}, body: {}, tags: "", organisationId: found.choices.length === 1 ? found.choices[0]!.id : undefined };
    const form = <PracticeFormPage ctx={found.ctx} target={{ kind: "new", organisations: found.choices }} editing={request.query.language ?? lang} values={values} errors={noErrors} />;
    return sendHtml(reply, form);
  });

  app.post("/:lang/workspace/practices/new", { schema: { ...page, params: z.object({ lang: Lang }), querystring: LanguageQuery } }, async (request, reply) => {
    const { lang } = request.params;
    const found = await sharerOf({ exchange, organisations }, request, reply, lang);
    if (!found) return reply;
    const editing = request.query.language ?? lang;
    const { values, input } = fromForm(bodyOf(request.body), editing);
    const parsed = amongChoices(parseForm(NewPractice, input, order, ids(editing)), values.organisationId, found.choices);
    if (!parsed.ok) {
      const form = <PracticeFormPage ctx={found.ctx} target={{ kind: "new", organisations: found.choices }} editing={editing} values={values} errors={parsed.errors} />;
      return sendHtml(reply, form, 400);
    }
    await exchange.createPractice(found.actor, parsed.data);
    return reply.redirect(`/${lang}/workspace/practices?done=created`, 303);
  });

  async function editor(request: FastifyRequest, reply: FastifyReply, lang: Lang, id: string): Promise<{ actor: UserActor; stored: PracticeRow } | undefined> {
    const actor = requireWorkspaceUser(request, reply, lang);
    if (!actor) return undefined;
    return { actor, stored: await exchange.practiceForEdit(actor, id) };
  }

  app.get("/:lang/workspace/practices/:id/edit", { schema: { ...page, params: PracticeParams, querystring: LanguageQuery } }, async (request, reply) => {
    const { lang, id } = request.params;
    const found = await editor(request, reply, lang, id);
    if (!found) return reply;
    const ctx = pageContext(lang, request, reply);
    const target = { kind: "edit" as const, id, name: localizedString(ctx, found.stored.title) };
    return sendHtml(reply, <PracticeFormPage ctx={ctx} target={target} editing={request.query.language ?? lang} values={valuesOf(found.stored)} errors={noErrors} />);
  });

  app.post("/:lang/workspace/practices/:id/edit", { schema: { ...page, params: PracticeParams, querystring: LanguageQuery } }, async (request, reply) => {
    const { lang, id } = request.params;
    const found = await editor(request, reply, lang, id);
    if (!found) return reply;
    const editing = request.query.language ?? lang;
    const { values, input } = fromForm(bodyOf(request.body), editing, found.stored);
    const { organisationId: _, ...fields } = input;
    const parsed = parseForm(PracticeInput, fields, order, ids(editing));
    if (!parsed.ok) {
      const ctx = pageContext(lang, request, reply);
      const target = { kind: "edit" as const, id, name: localizedString(ctx, found.stored.title) };
      return sendHtml(reply, <PracticeFormPage ctx={ctx} target={target} editing={editing} values={values} errors={parsed.errors} />, 400);
    }
    await exchange.updatePractice(found.actor, id, parsed.data);
    return reply.redirect(`/${lang}/workspace/practices?done=saved`, 303);
  });
}
