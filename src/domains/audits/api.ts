// JSON API of bias audits: published audits of a record and their results (public); an audit's state and progress
// (members of the owning organisation, with a token or a session — the progress bar of the workspace reads it); and
// the writes: upload a decision file with its column mapping (multipart), publish.
import { z } from "zod";
import type { Actor } from "../../http/actor.ts";
import { AppError } from "../../http/errors.ts";
import { requestLang } from "../../http/request-lang.ts";
import { translator } from "../../i18n/index.ts";
import type { AppScope } from "../../http/types.ts";
import type { Services } from "../../services.ts";
import { ProblemOut, SystemIdParams } from "../systems/schema.ts";
import type { AuditRow } from "./repo.ts";
import { AuditResult, AuditSettings } from "./schema.ts";
import { auditStates } from "./tables.ts";

const AuditParams = z.object({ auditId: z.uuid() });
const PublishedAuditOut = z.object({
  id: z.uuid(),
  system: z.object({ id: z.string(), version: z.number().nullable() }),
  title: z.string(),
  published_at: z.iso.datetime(),
  decisions: z.number(),
  links: z.object({ self: z.string(), report: z.string() }),
});
const AuditStatusOut = z.object({
  id: z.uuid(),
  state: z.enum(auditStates),
  published: z.boolean(),
  progress: z.object({ phase: z.string(), fraction: z.number().nullable() }).nullable(),
  error: z.object({ id: z.string(), title: z.string(), detail: z.string() }).nullable(),
});
const problems = { 400: ProblemOut, 401: ProblemOut, 403: ProblemOut, 404: ProblemOut, 409: ProblemOut, 413: ProblemOut, 415: ProblemOut };

function published(audit: AuditRow) {
  return {
    id: audit.id,
    system: { id: audit.systemId, version: audit.systemVersion },
    title: audit.title,
    published_at: audit.publishedAt!.toISOString(),
    decisions: audit.stats?.rows ?? 0,
    links: { self: `/api/v1/systems/${audit.systemId}/audits/${audit.id}`, report: `/en/systems/${audit.systemId}/audits/${audit.id}` },
  };
}

export function registerAuditsApi(app: AppScope, { systems, audits }: Services) {
  /** Reads: a token or the browser's session (the workspace's progress bar). */
  const requireUser = (actor: Actor): Actor => {
    if (actor.kind !== "user") throw new AppError("api_token_required", 401);
    return actor;
  };
  /** Writes: a token only — a browser would send its session cookie on a forged cross-site post, which has no CSRF token here. */
  const requireToken = (actor: Actor): Actor => {
    if (actor.kind !== "user" || actor.via !== "token") throw new AppError("api_token_required", 401);
    return actor;
  };

  app.get(
    "/api/v1/systems/:id/audits",
    {
      schema: {
        tags: ["audits"],
        summary: "Published bias audits of a record",
        params: SystemIdParams,
        response: { 200: z.object({ items: z.array(PublishedAuditOut) }), 404: ProblemOut },
      },
    },
    async (request) => {
      const id = await systems.resolvePublicId(request.params.id);
      await systems.getPublishedSystem(id);
      return { items: (await audits.listPublished(id)).map(published) };
    },
  );

  app.get(
    "/api/v1/systems/:id/audits/:auditId",
    {
      schema: {
        tags: ["audits"],
        summary: "A published bias audit with its results",
        description:
          "The results in the shape of fairlearn's MetricFrame export (groupings → groups with confusion counts and rates), with Wilson intervals, " +
          "disparities to the reference group with Newcombe intervals, and groups under the minimum size withheld.",
        params: SystemIdParams.extend(AuditParams.shape),
        response: { 200: PublishedAuditOut.extend({ result: AuditResult }), 404: ProblemOut },
      },
    },
    async (request) => {
      const id = await systems.resolvePublicId(request.params.id);
      const audit = await audits.getPublished(id, request.params.auditId);
      return { ...published(audit), result: audit.published! };
    },
  );

  app.get(
    "/api/v1/audits/:auditId/status",
    {
      schema: {
        tags: ["audits"],
        summary: "Where an audit is: its state, the progress of its job, why it failed",
        description: "Members of the organisation that owns the record.",
        params: AuditParams,
        security: [{ bearer: [] }],
        response: { 200: AuditStatusOut, ...problems },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      const { audit, progress } = await audits.getForMember(actor, request.params.auditId);
      const t = translator(requestLang(request));
      return {
        id: audit.id,
        state: audit.state,
        published: audit.publishedAt !== null,
        progress,
        error: audit.error ? { id: audit.error.id, title: t(`errors.${audit.error.id}.title`, audit.error.params), detail: t(`errors.${audit.error.id}.detail`, audit.error.params) } : null,
      };
    },
  );

  app.post(
    "/api/v1/systems/:id/audits",
    {
      schema: {
        tags: ["audits"],
        summary: "Upload a decision file and queue its audit",
        description:
          "multipart/form-data with, in this order, `title`, `settings` (JSON: decision and favourable, or score and threshold; label and label_favourable; " +
          "protected; weight; min_group_size; reference) and `file` (CSV or Parquet). Answers 202 with the audit's status; follow it at /api/v1/audits/{auditId}/status.",
        params: SystemIdParams,
        security: [{ bearer: [] }],
        response: { 202: AuditStatusOut, ...problems },
      },
    },
    async (request, reply) => {
      const actor = requireToken(request.actor);
      if (!request.isMultipart()) throw new AppError("unsupported_media_type", 415);
      const file = await request.file();
      if (!file || !file.filename) throw new AppError("upload_missing", 400);
      const field = (name: string) => {
        const value = (file.fields[name] as { value?: unknown } | undefined)?.value;
        return typeof value === "string" ? value : "";
      };
      let settings: unknown;
      try {
        settings = JSON.parse(field("settings") || "{}");
      } catch {
        file.file.resume();
        throw new AppError("invalid_input", 400, {}, [{ path: "settings", message: "validation.json" }]);
      }
      // The mapping is checked before the file is stored, so that a typo costs no upload.
      const parsed = AuditSettings.safeParse(settings);
      if (!parsed.success) {
        file.file.resume();
        throw new AppError("invalid_input", 400, {}, parsed.error.issues.map((issue) => ({ path: `settings.${issue.path.join(".")}`, message: issue.message })));
      }
      const id = await systems.resolvePublicId(request.params.id).catch(() => request.params.id);
      const uploaded = await audits.receiveUpload(actor, id, { title: field("title"), fileName: file.filename, stream: file.file });
      try {
        await audits.configure(actor, uploaded.id, parsed.data);
      } catch (error) {
        await audits.discard(actor, uploaded.id);
        throw error;
      }
      const { audit, progress } = await audits.getForMember(actor, uploaded.id);
      reply.code(202);
      return { id: audit.id, state: audit.state, published: false, progress, error: null };
    },
  );

  app.post(
    "/api/v1/audits/:auditId/publish",
    {
      schema: {
        tags: ["audits"],
        summary: "Publish a completed audit on the public register",
        description: "Reviewers of the owning organisation; not the person who uploaded the decisions.",
        params: AuditParams,
        security: [{ bearer: [] }],
        response: { 200: PublishedAuditOut, ...problems },
      },
    },
    async (request) => published(await audits.publish(requireToken(request.actor), request.params.auditId)),
  );
}
