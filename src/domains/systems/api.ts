// JSON API of the register: list and search, get a system, its versions and diffs, exports; and the writes of the
// workspace (create, edit, submit, review, revise, retire) for personal API tokens, with the forms' contracts and policies.
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { Actor } from "../../http/actor.ts";
import { tokenWithWriteScope } from "../../http/auth.ts";
import { AppError } from "../../http/errors.ts";
import type { AppScope } from "../../http/types.ts";
import { isLang, type Lang } from "../../i18n/languages.ts";
import type { Services } from "../../services.ts";
import { toAnnexVIIIC } from "./exports/aia-annex-viii-c.ts";
import { toAtrs } from "./exports/atrs.ts";
import { toFlatCsv } from "./exports/flat.ts";
import { toAlgoritmeregister } from "./exports/nl.ts";
import { readImportFile } from "./import-file.ts";
import { presentDraft, presentListed, presentPublished, presentState } from "./present.ts";
import {
  Approval,
  DiffOut,
  DraftOut,
  NewSystem,
  NoFields,
  ReturnForChanges,
  SystemRecord,
  SystemStateOut,
  DiffQuery,
  ProblemOut,
  PublishedSystemOut,
  SystemIdParams,
  SystemListOut,
  SystemListQuery,
  VersionListOut,
  VersionParams,
} from "./schema.ts";

const LangQuery = z.object({ lang: z.enum(["fr", "nl", "de", "en"]).default("en") });
/** A record shaped for another standard, with notes on the language of its texts. */
const ShapedOut = z.object({
  lang: z.enum(["fr", "nl", "de", "en"]),
  data: z.record(z.string(), z.unknown()),
  fallbacks: z.array(z.object({ field: z.string(), lang: z.enum(["fr", "nl", "de", "en"]) })),
  machine: z.array(z.string()),
  missing: z.array(z.string()),
  truncated: z.array(z.string()),
});
const errorsOut = { 400: ProblemOut, 404: ProblemOut };
/** What a write can answer besides success. */
const writeErrorsOut = { 400: ProblemOut, 401: ProblemOut, 403: ProblemOut, 404: ProblemOut, 409: ProblemOut, 413: ProblemOut, 415: ProblemOut };
const bearer = [{ bearer: [] }];

async function signedIn(request: FastifyRequest) {
  if (request.actor.kind !== "user") throw new AppError("api_token_required", 401);
}
const shapes = { atrs: toAtrs, nl: toAlgoritmeregister } as const;

export function registerSystemsApi(app: AppScope, { systems, assessments }: Services) {
  const langOf = (value: unknown): Lang => (isLang(value) ? value : "en");

  app.get(
    "/api/v1/systems",
    {
      schema: {
        tags: ["systems"],
        summary: "Search the register",
        description: "Full-text search in French, Dutch, German and English, with facets and pagination.",
        querystring: SystemListQuery,
        response: { 200: SystemListOut, 400: ProblemOut },
      },
    },
    async (request) => {
      const lang = langOf(request.query.lang);
      const result = await systems.searchSystems(request.query, lang);
      return { ...result, items: result.items.map((item) => presentListed(item, lang)) };
    },
  );

  app.get(
    "/api/v1/systems.json",
    { schema: { tags: ["systems"], summary: "Export every public system (latest version), as JSON" } },
    async (_request, reply) => {
      const all = await systems.exportSystems();
      reply.header("content-disposition", 'attachment; filename="gaichel-systems.json"');
      return all.map((s) => presentPublished(s, "en"));
    },
  );

  app.get(
    "/api/v1/systems.csv",
    { schema: { tags: ["systems"], summary: "Export every public system (latest version), one row per system, as CSV" } },
    async (_request, reply) => {
      reply.type("text/csv; charset=utf-8").header("content-disposition", 'attachment; filename="gaichel-systems.csv"');
      return toFlatCsv(await systems.exportSystems());
    },
  );

  app.get(
    "/api/v1/systems/history.json",
    { schema: { tags: ["systems"], summary: "Export every published version of every public system, as JSON" } },
    async (_request, reply) => {
      reply.header("content-disposition", 'attachment; filename="gaichel-history.json"');
      return (await systems.exportHistory()).map((s) => presentPublished(s, "en"));
    },
  );

  app.get(
    "/api/v1/systems/history.csv",
    { schema: { tags: ["systems"], summary: "Export every published version of every public system, one row per version, as CSV" } },
    async (_request, reply) => {
      reply.type("text/csv; charset=utf-8").header("content-disposition", 'attachment; filename="gaichel-history.csv"');
      return toFlatCsv(await systems.exportHistory());
    },
  );

  app.post(
    "/api/v1/systems/validate",
    {
      schema: {
        tags: ["systems"],
        summary: "Check records against the register's contract without saving them",
        description:
          "Send what an import file would hold (an array of systems, or { organisations, systems }). Answers 200 when every record is valid, 422 with each problem's line and field otherwise. Nothing is stored.",
        body: z.unknown(),
        response: { 200: z.object({ valid: z.literal(true), systems: z.number().int(), organisations: z.number().int() }), 422: ProblemOut, 400: ProblemOut, 413: ProblemOut },
      },
    },
    async (request) => {
      const parsed = readImportFile(JSON.stringify(request.body ?? null, null, 2), "json");
      return { valid: true as const, systems: parsed.systems.length, organisations: parsed.organisations.length };
    },
  );

  // ---- Writes ---------------------------------------------------------------------------------------------------

  const draftOf = async (request: FastifyRequest, id: string) => {
    const system = await systems.getWorkspaceSystem(request.actor, id);
    if (!system.hasDraft) throw new AppError("draft_not_found", 404, { id, version: system.latestVersion ?? 0 });
    return presentDraft(system);
  };

  app.post(
    "/api/v1/systems",
    {
      preValidation: tokenWithWriteScope,
      schema: {
        tags: ["systems"],
        summary: "Start a record: a draft in one of your organisations",
        description: "Needs the editor role in the organisation. The record is a draft until a reviewer approves it.",
        security: bearer,
        body: NewSystem,
        response: { 201: DraftOut, ...writeErrorsOut },
      },
    },
    async (request, reply) => {
      const created = await systems.createSystem(request.actor, request.body);
      return reply.status(201).header("location", `/api/v1/systems/${created.id}/draft`).send(await draftOf(request, created.id));
    },
  );

  app.get(
    "/api/v1/systems/:id/draft",
    {
      preValidation: signedIn,
      schema: {
        tags: ["systems"],
        summary: "Get the draft of a record, with the reviewers' comments",
        description: "For the members of the record's organisation; anyone else is answered 404.",
        security: bearer,
        params: SystemIdParams,
        response: { 200: DraftOut, ...writeErrorsOut },
      },
    },
    async (request) => draftOf(request, request.params.id),
  );

  app.put(
    "/api/v1/systems/:id/draft",
    {
      preValidation: tokenWithWriteScope,
      schema: {
        tags: ["systems"],
        summary: "Replace the draft of a record",
        description: "Only a draft can change. A published record is sealed: start its next version with /revise first.",
        security: bearer,
        params: SystemIdParams,
        body: SystemRecord,
        response: { 200: DraftOut, ...writeErrorsOut },
      },
    },
    async (request) => {
      await systems.saveDraft(request.actor, request.params.id, request.body);
      return draftOf(request, request.params.id);
    },
  );

  type Step = (actor: Actor, id: string, body: { comment?: string } | undefined) => Promise<Parameters<typeof presentState>[0]>;
  const step = (path: string, summary: string, description: string, body: z.ZodType, run: Step) =>
    app.post(
      `/api/v1/systems/:id/${path}`,
      {
        preValidation: tokenWithWriteScope,
        schema: { tags: ["systems"], summary, description, security: bearer, params: SystemIdParams, body, response: { 200: SystemStateOut, ...writeErrorsOut } },
      },
      async (request) => presentState(await run(request.actor, request.params.id, request.body as { comment?: string } | undefined)),
    );

  step("submit", "Submit a draft for review", "Editors of the organisation; the draft cannot change until a reviewer returns it.", NoFields, (actor, id) =>
    systems.submitForReview(actor, id),
  );
  step("approve", "Approve a draft under review and publish it as the next version", "Reviewers of the organisation.", Approval, (actor, id, body) =>
    systems.approve(actor, id, body?.comment ?? ""),
  );
  step("return", "Return a draft under review to its editors, with a comment", "Reviewers of the organisation; the comment is required.", ReturnForChanges, (actor, id, body) =>
    systems.returnForChanges(actor, id, body?.comment ?? ""),
  );
  step("revise", "Start the next version of a published record", "Editors of the organisation: a draft copied from the latest version.", NoFields, (actor, id) =>
    systems.reviseSystem(actor, id),
  );
  step("retire", "Retire a record", "Reviewers of the organisation; its published versions stay public, marked as no longer in use.", NoFields, (actor, id) =>
    systems.retireSystem(actor, id),
  );

  app.get(
    "/api/v1/systems/:id",
    {
      schema: {
        tags: ["systems"],
        summary: "Get the latest published version of a system",
        description: "A former id answers 301 with the current id in Location.",
        params: SystemIdParams,
        querystring: LangQuery,
        response: { 200: PublishedSystemOut, ...errorsOut },
      },
    },
    async (request, reply) => {
      const id = await systems.resolvePublicId(request.params.id);
      if (id !== request.params.id) return reply.redirect(`/api/v1/systems/${id}`, 301);
      return presentPublished(await systems.getPublishedSystem(id), request.query.lang);
    },
  );

  app.get(
    "/api/v1/systems/:id/versions",
    {
      schema: {
        tags: ["systems"],
        summary: "List the published versions of a system, newest first",
        params: SystemIdParams,
        response: { 200: VersionListOut, ...errorsOut },
      },
    },
    async (request) => {
      const id = await systems.resolvePublicId(request.params.id);
      const versions = await systems.listVersions(id);
      return {
        id,
        versions: versions.map((v) => ({
          version: v.version,
          publishedAt: v.publishedAt.toISOString(),
          name: v.record.name,
          status: v.record.status.phase,
          links: { self: `/api/v1/systems/${id}/versions/${v.version}` },
        })),
      };
    },
  );

  app.get(
    "/api/v1/systems/:id/versions/:version",
    {
      schema: {
        tags: ["systems"],
        summary: "Get one published version of a system",
        params: VersionParams,
        querystring: LangQuery,
        response: { 200: PublishedSystemOut, ...errorsOut },
      },
    },
    async (request) => {
      const id = await systems.resolvePublicId(request.params.id);
      return presentPublished(await systems.getPublishedSystem(id, request.params.version), request.query.lang);
    },
  );

  app.get(
    "/api/v1/systems/:id/diff",
    {
      schema: {
        tags: ["systems"],
        summary: "The changed fields between two published versions",
        params: SystemIdParams,
        querystring: DiffQuery,
        response: { 200: DiffOut, ...errorsOut },
      },
    },
    async (request) => {
      const id = await systems.resolvePublicId(request.params.id);
      const { changes } = await systems.diffVersions(id, request.query.from, request.query.to);
      return {
        id,
        from: request.query.from,
        to: request.query.to,
        changes: changes.map(({ path, lang, before, after }) => ({ path, lang, before, after })),
      };
    },
  );

  app.get(
    "/api/v1/systems/:id/export/:shape",
    {
      schema: {
        tags: ["systems"],
        summary: "The latest version shaped as UK ATRS v4, the Dutch Algoritmeregister standard or an AI Act Annex VIII C summary",
        params: z.object({ id: z.string().max(64), shape: z.enum(["atrs", "nl", "aia-annex-viii-c"]) }),
        querystring: LangQuery,
        response: { 200: ShapedOut, ...errorsOut },
      },
    },
    async (request) => {
      const id = await systems.resolvePublicId(request.params.id);
      const system = await systems.getPublishedSystem(id);
      const { shape } = request.params;
      const shaped =
        shape === "aia-annex-viii-c" ? toAnnexVIIIC(system, request.query.lang, await assessments.registerEntriesFor(id)) : shapes[shape](system, request.query.lang);
      return { ...shaped, data: { ...shaped.data } };
    },
  );
}
