// Bias audits as pages: in the workspace the list of a record's audits and the upload (a multipart form streamed to
// disk), one audit's column mapping, progress, raw report and publication; on the public register a published
// audit's report and its PDF.
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { requireWorkspaceUser, type UserActor } from "../../http/auth.ts";
import { AppError } from "../../http/errors.ts";
import { sendHtml } from "../../http/render.ts";
import type { AppScope } from "../../http/types.ts";
import { languages, type Lang } from "../../i18n/languages.ts";
import type { Services } from "../../services.ts";
import { localizedString } from "../../web/components/localized.tsx";
import { pageContext } from "../../web/context.ts";
import { formErrors, noErrors, type FormErrors } from "../../web/form.ts";
import { formFromSettings, settingsFieldOrder, settingsFromForm } from "./form.ts";
import { renderAuditPdf } from "./report-pdf.ts";
import type { AuditView } from "./service.ts";
import { AuditManagePage, type FormValues } from "./views/manage.tsx";
import { PublicAuditPage } from "./views/public.tsx";
import { AuditList } from "./views/workspace.tsx";

const Lang = z.enum(languages);
const SystemParams = z.object({ lang: Lang, id: z.string().max(64) });
const AuditParams = z.object({ lang: Lang, auditId: z.uuid() });
const ManageQuery = z.object({ done: z.literal("identifiers_protected").optional().catch(undefined) });
const PublicAuditParams = SystemParams.extend({ auditId: z.uuid() });
const page = { hide: true } as const;

/** The form's fields as typed, to show them again after an error. */
function typedValues(body: unknown): FormValues {
  const values: FormValues = {};
  for (const [name, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (name === "_csrf") continue;
    if (typeof value === "string") values[name] = value;
    else if (Array.isArray(value)) values[name] = value.filter((v): v is string => typeof v === "string");
  }
  // Typed Parquet column lists ("a, b") are one text field.
  if (typeof values.protected === "string" && values.protected.includes(",")) values.protected = values.protected.split(",").map((s) => s.trim());
  return values;
}

export function registerAuditPages(app: AppScope, { audits, systems, config }: Services) {
  async function renderList(request: FastifyRequest, reply: FastifyReply, lang: Lang, actor: UserActor, systemId: string, refused?: { error: AppError; title: string }) {
    const owner = await systems.findRecordOwner(systemId);
    const list = await audits.listForMember(actor, systemId);
    if (!owner || !audits.mayRead(actor, owner.organisationId)) {
      throw new AppError("record_not_found", 404, { id: systemId });
    }
    const ctx = pageContext(lang, request, reply);
    const error = refused && {
      field: refused.error.fields[0]?.path === "title" ? ("title" as const) : ("file" as const),
      message: refused.error.fields[0]
        ? { key: refused.error.fields[0].message, params: refused.error.fields[0].params }
        : { key: `errors.${refused.error.id}.detail`, params: refused.error.params },
    };
    return sendHtml(
      reply,
      <AuditList
        ctx={ctx}
        systemId={systemId}
        systemName={localizedString(ctx, owner.name)}
        audits={list}
        canRun={audits.mayRun(actor, owner.organisationId)}
        uploadLimit={config.uploadLimit}
        error={error}
        title={refused?.title}
      />,
      refused ? refused.error.status : 200,
    );
  }

  function renderManage(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    view: AuditView,
    values: FormValues,
    errors: FormErrors,
    fileError?: AppError,
    done?: "identifiers_protected",
  ) {
    return sendHtml(
      reply,
      <AuditManagePage
        ctx={pageContext(lang, request, reply)}
        view={view}
        values={values}
        errors={errors}
        fileError={fileError && { id: fileError.id, params: fileError.params }}
        done={done}
        canPseudonymise={audits.canPseudonymise}
      />,
      errors.summary.length || fileError ? (fileError?.status ?? 400) : 200,
    );
  }

  const manageUrl = (lang: Lang, auditId: string) => `/${lang}/workspace/audits/${auditId}`;

  app.get("/:lang/workspace/systems/:id/audits", { schema: { ...page, params: SystemParams } }, async (request, reply) => {
    const { lang, id } = request.params;
    const actor = requireWorkspaceUser(request, reply, lang);
    if (!actor) return reply;
    return renderList(request, reply, lang, actor, id);
  });

  app.post("/:lang/workspace/systems/:id/audits", { schema: { ...page, params: SystemParams } }, async (request, reply) => {
    const { lang, id } = request.params;
    const actor = requireWorkspaceUser(request, reply, lang);
    if (!actor) return reply;
    if (!request.isMultipart()) throw new AppError("unsupported_media_type", 415);
    // The title comes before the file in the form, so it is known when the file starts streaming.
    const file = await request.file();
    const title = typeof (file?.fields.title as { value?: unknown } | undefined)?.value === "string" ? String((file!.fields.title as { value: string }).value) : "";
    try {
      if (!file || !file.filename) throw new AppError("upload_missing", 400);
      const audit = await audits.receiveUpload(actor, id, { title, fileName: file.filename, stream: file.file });
      return reply.redirect(manageUrl(lang, audit.id), 303);
    } catch (error) {
      if (error instanceof AppError && error.status < 500 && error.status !== 404 && error.status !== 403) {
        return renderList(request, reply, lang, actor, id, { error, title });
      }
      throw error;
    }
  });

  app.get("/:lang/workspace/audits/:auditId", { schema: { ...page, params: AuditParams, querystring: ManageQuery } }, async (request, reply) => {
    const { lang, auditId } = request.params;
    const actor = requireWorkspaceUser(request, reply, lang);
    if (!actor) return reply;
    const view = await audits.getForMember(actor, auditId);
    return renderManage(request, reply, lang, view, formFromSettings(view.audit.settings), noErrors, undefined, request.query.done);
  });

  app.post("/:lang/workspace/audits/:auditId/settings", { schema: { ...page, params: AuditParams } }, async (request, reply) => {
    const { lang, auditId } = request.params;
    const actor = requireWorkspaceUser(request, reply, lang);
    if (!actor) return reply;
    try {
      await audits.configure(actor, auditId, settingsFromForm(request.body));
      return reply.redirect(manageUrl(lang, auditId), 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 404 || error.status === 403) throw error;
      const view = await audits.getForMember(actor, auditId);
      if (error.id === "invalid_input") {
        const problems = error.fields.map((f) => ({ field: f.path.split(".")[0] || "protected", message: f.message }));
        return renderManage(request, reply, lang, view, typedValues(request.body), formErrors(problems, settingsFieldOrder));
      }
      return renderManage(request, reply, lang, view, typedValues(request.body), noErrors, error);
    }
  });

  app.post("/:lang/workspace/audits/:auditId/protect-identifiers", { schema: { ...page, params: AuditParams } }, async (request, reply) => {
    const { lang, auditId } = request.params;
    const actor = requireWorkspaceUser(request, reply, lang);
    if (!actor) return reply;
    const how = (request.body as Record<string, unknown> | undefined)?.how === "pseudonymise" ? "pseudonymise" : "drop";
    await audits.protectIdentifiers(actor, auditId, how);
    return reply.redirect(`${manageUrl(lang, auditId)}?done=identifiers_protected`, 303);
  });

  app.post("/:lang/workspace/audits/:auditId/publish", { schema: { ...page, params: AuditParams } }, async (request, reply) => {
    const { lang, auditId } = request.params;
    const actor = requireWorkspaceUser(request, reply, lang);
    if (!actor) return reply;
    const audit = await audits.publish(actor, auditId);
    return reply.redirect(`/${lang}/systems/${audit.systemId}/audits/${audit.id}`, 303);
  });

  app.post("/:lang/workspace/audits/:auditId/discard", { schema: { ...page, params: AuditParams } }, async (request, reply) => {
    const { lang, auditId } = request.params;
    const actor = requireWorkspaceUser(request, reply, lang);
    if (!actor) return reply;
    const audit = await audits.discard(actor, auditId);
    return reply.redirect(`/${lang}/workspace/systems/${audit.systemId}/audits`, 303);
  });

  // ---- Public register -------------------------------------------------------------------------------------

  async function publicAudit(systemId: string, auditId: string) {
    const id = await systems.resolvePublicId(systemId);
    const audit = await audits.getPublished(id, auditId);
    const system = await systems.getPublishedSystem(id);
    return { audit, system: { id, name: system.record.name } };
  }

  app.get("/:lang/systems/:id/audits/:auditId", { schema: { ...page, params: PublicAuditParams } }, async (request, reply) => {
    const { lang, id, auditId } = request.params;
    const { audit, system } = await publicAudit(id, auditId);
    return sendHtml(reply, <PublicAuditPage ctx={pageContext(lang, request, reply)} audit={audit} system={system} />);
  });

  app.get("/:lang/systems/:id/audits/:auditId/report.pdf", { schema: { ...page, params: PublicAuditParams } }, async (request, reply) => {
    const { lang, id, auditId } = request.params;
    const { audit, system } = await publicAudit(id, auditId);
    const ctx = pageContext(lang, request, reply);
    const pdf = await renderAuditPdf({
      lang,
      result: audit.published!,
      system: { id: system.id, name: localizedString(ctx, system.name) },
      audit: { id: audit.id, title: audit.title, createdAt: audit.createdAt, publishedAt: audit.publishedAt },
    });
    return reply
      .type("application/pdf")
      .header("content-disposition", `attachment; filename="${system.id}-audit-${audit.id.slice(0, 8)}.pdf"`)
      .send(pdf);
  });
}
