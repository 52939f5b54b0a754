// The workspace under /{lang}/workspace: officials create, edit, submit, review and publish their organisations'
// records in forms that work without JavaScript (POST → the same zod contract as the API → 303, or the form again
// with its errors and every value typed).
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { requireWorkspaceUser } from "../../http/auth.ts";
import { errors } from "../../http/errors.ts";
import { sendHtml } from "../../http/render.ts";
import type { AppScope } from "../../http/types.ts";
import { languages, type Lang } from "../../i18n/languages.ts";
import type { Services } from "../../services.ts";
import { pageContext } from "../../web/context.ts";
import { Approval, NewSystem, ReturnForChanges, SectionContracts, sectionNames, type RecordSection } from "./schema.ts";
import {
  applyListAction,
  controls,
  decodeForm,
  formAction,
  formErrors,
  newRecordFields,
  sectionFields,
  type Control,
  type FormBody,
} from "./sections.ts";
import { WorkspaceDashboard } from "./views/workspace/dashboard.tsx";
import { EditSectionPage } from "./views/workspace/edit.tsx";
import { NewSystemPage } from "./views/workspace/new.tsx";
import { WorkspaceSystemPage, type Done } from "./views/workspace/system.tsx";

const Lang = z.enum(languages);
/** The language of the texts a form edits; an unknown one falls back to the page's. */
const LanguageQuery = z.object({ language: Lang.optional().catch(undefined) });
const SystemParams = z.object({ lang: Lang, id: z.string().max(64) });
const done = ["created", "saved", "submit", "approve", "return", "revise", "retire"] as const satisfies readonly Done[];
const steps = ["submit", "approve", "return", "revise", "retire"] as const;
const page = { hide: true } as const;

const bodyOf = (request: FastifyRequest): FormBody =>
  request.body && typeof request.body === "object" && !Array.isArray(request.body) ? (request.body as FormBody) : {};
const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

export function registerWorkspacePages(app: AppScope, { systems }: Services) {
  const recordUrl = (lang: Lang, id: string, step?: Done) => `/${lang}/workspace/systems/${id}${step ? `?done=${step}` : ""}`;

  app.get("/:lang/workspace", { schema: { ...page, params: z.object({ lang: Lang }) } }, async (request, reply) => {
    const { lang } = request.params;
    const actor = requireWorkspaceUser(request, reply, lang);
    if (!actor) return reply;
    return sendHtml(reply, <WorkspaceDashboard ctx={pageContext(lang, request, reply)} list={await systems.listWorkspace(actor)} />);
  });

  // ---- A new record ----------------------------------------------------------------------------------------

  const orgControl: Control = { path: ["organisation"], id: "organisation", labelKey: "workspace.labels.organisation" };

  /** The signed-in user and the organisations they may create records in; none is a 403, not signed in a redirect. */
  async function newRecordCreator(request: FastifyRequest, reply: FastifyReply, lang: Lang) {
    const actor = requireWorkspaceUser(request, reply, lang);
    if (!actor) return undefined;
    const organisations = await systems.creatableOrganisations(actor);
    if (organisations.length === 0) throw errors.forbidden();
    return { actor, organisations };
  }

  app.get(
    "/:lang/workspace/systems/new",
    { schema: { ...page, params: z.object({ lang: Lang }), querystring: LanguageQuery } },
    async (request, reply) => {
      const { lang } = request.params;
      const creator = await newRecordCreator(request, reply, lang);
      if (!creator) return reply;
      const { organisations } = creator;
      const ctx = pageContext(lang, request, reply);
      const values = { record: decodeForm(newRecordFields, {}, "record") };
      return sendHtml(reply, <NewSystemPage ctx={ctx} lang={request.query.language ?? lang} organisations={organisations} values={values} errors={[]} />);
    },
  );

  app.post(
    "/:lang/workspace/systems/new",
    { schema: { ...page, params: z.object({ lang: Lang }), querystring: LanguageQuery } },
    async (request, reply) => {
      const { lang } = request.params;
      const creator = await newRecordCreator(request, reply, lang);
      if (!creator) return reply;
      const { actor, organisations } = creator;
      const body = bodyOf(request);
      const tab = request.query.language ?? lang;
      const organisation = text(body.organisation)?.trim();
      const values = { organisation, record: decodeForm(newRecordFields, body, "record") };
      const parsed = NewSystem.safeParse(values);
      const issues = parsed.success ? [] : [...parsed.error.issues];
      // The contract takes any organisation id; this user may only choose among theirs.
      if (organisation && !organisations.some((o) => o.id === organisation)) {
        issues.unshift({ code: "custom", path: ["organisation"], message: "validation.choice", input: organisation });
      }
      if (!parsed.success || issues.length) {
        const all = [orgControl, ...controls(newRecordFields, values.record, tab, ["record"])];
        const ctx = pageContext(lang, request, reply);
        const form = <NewSystemPage ctx={ctx} lang={tab} organisations={organisations} values={values} errors={formErrors(all, issues)} />;
        return sendHtml(reply, form, 400);
      }
      const created = await systems.createSystem(actor, parsed.data);
      return reply.redirect(recordUrl(lang, created.id, "created"), 303);
    },
  );

  // ---- A record ----------------------------------------------------------------------------------------------

  app.get(
    "/:lang/workspace/systems/:id",
    { schema: { ...page, params: SystemParams, querystring: z.object({ done: z.enum(done).optional().catch(undefined) }) } },
    async (request, reply) => {
      const { lang, id } = request.params;
      const actor = requireWorkspaceUser(request, reply, lang);
      if (!actor) return reply;
      const system = await systems.getWorkspaceSystem(actor, id);
      return sendHtml(reply, <WorkspaceSystemPage ctx={pageContext(lang, request, reply)} system={system} done={request.query.done} />);
    },
  );

  app.post(
    "/:lang/workspace/systems/:id/:step",
    { schema: { ...page, params: SystemParams.extend({ step: z.enum(steps) }) } },
    async (request, reply) => {
      const { lang, id, step } = request.params;
      const actor = requireWorkspaceUser(request, reply, lang);
      if (!actor) return reply;
      const body = bodyOf(request);
      if (step === "approve" || step === "return") {
        const comment = text(body.comment) ?? "";
        const parsed = step === "approve" ? Approval.safeParse({ comment: comment.trim() || undefined }) : ReturnForChanges.safeParse({ comment });
        if (!parsed.success) {
          // Who may not take the step hears that first, not what is wrong with the comment.
          await systems.assertMay(actor, id, step === "approve" ? "publish" : "return");
          const system = await systems.getWorkspaceSystem(actor, id);
          const error = parsed.error.issues[0]!.message;
          const ctx = pageContext(lang, request, reply);
          return sendHtml(reply, <WorkspaceSystemPage ctx={ctx} system={system} commentForm={{ action: step, comment, error }} />, 400);
        }
        const value = parsed.data?.comment ?? "";
        if (step === "approve") await systems.approve(actor, id, value);
        else await systems.returnForChanges(actor, id, value);
      } else if (step === "submit") await systems.submitForReview(actor, id);
      else if (step === "revise") await systems.reviseSystem(actor, id);
      else await systems.retireSystem(actor, id);
      return reply.redirect(recordUrl(lang, id, step), 303);
    },
  );

  // ---- A section of the draft --------------------------------------------------------------------------------

  const SectionParams = SystemParams.extend({ section: z.enum(sectionNames as [RecordSection, ...RecordSection[]]) });

  app.get(
    "/:lang/workspace/systems/:id/edit/:section",
    { schema: { ...page, params: SectionParams, querystring: LanguageQuery } },
    async (request, reply) => {
      const { lang, id, section } = request.params;
      const actor = requireWorkspaceUser(request, reply, lang);
      if (!actor) return reply;
      await systems.assertMay(actor, id, "edit");
      const system = await systems.getWorkspaceSystem(actor, id);
      const ctx = pageContext(lang, request, reply);
      const values = system.record as unknown as Record<string, unknown>;
      return sendHtml(
        reply,
        <EditSectionPage ctx={ctx} id={id} name={system.record.name} section={section} lang={request.query.language ?? lang} values={values} errors={[]} />,
      );
    },
  );

  app.post(
    "/:lang/workspace/systems/:id/edit/:section",
    { schema: { ...page, params: SectionParams, querystring: LanguageQuery } },
    async (request, reply) => {
      const { lang, id, section } = request.params;
      const actor = requireWorkspaceUser(request, reply, lang);
      if (!actor) return reply;
      await systems.assertMay(actor, id, "edit");
      const fields = sectionFields[section];
      const body = bodyOf(request);
      const tab = request.query.language ?? lang;
      const action = formAction(fields, body);
      const values = applyListAction(fields, decodeForm(fields, body), action);
      const parsed = action.kind === "save" ? SectionContracts[section].safeParse(values) : undefined;
      if (parsed?.success) {
        await systems.saveDraftSection(actor, id, section, parsed.data);
        return reply.redirect(recordUrl(lang, id, "saved"), 303);
      }
      const system = await systems.getWorkspaceSystem(actor, id);
      const errors = parsed ? formErrors(controls(fields, values, tab), parsed.error.issues) : [];
      const ctx = pageContext(lang, request, reply);
      const form = (
        <EditSectionPage ctx={ctx} id={id} name={system.record.name} section={section} lang={tab} values={values} errors={errors} unsaved={!parsed} />
      );
      return sendHtml(reply, form, parsed ? 400 : 200);
    },
  );
}
