// Use cases of bias audits: receive a decision file (streamed to disk, checked, scanned for direct identifiers),
// map its columns and queue the audit, run it as a durable job (the DuckDB engine in a child process), publish it.
// The uploaded file lives only until its audit has run: the results are counts, the decisions themselves are deleted.
import fsp from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { runInChild } from "../../analytics/child.ts";
import type { Db } from "../../db/client.ts";
import { inTransaction } from "../../db/tx.ts";
import { actorName, type Actor } from "../../http/actor.ts";
import { AppError, errors } from "../../http/errors.ts";
import { saveUpload, sha256File } from "../../http/upload.ts";
import type { JobHandler, JobQueue, JobRow } from "../../jobs/queue.ts";
import type { JobProgress } from "../../jobs/tables.ts";
import { classifyColumn } from "../privacy/classify.ts";
import { keySourceOf } from "../privacy/keys.ts";
import { directIdentifiers } from "../privacy/schema.ts";
import type { SystemRecord } from "../systems/schema.ts";
import type { SystemsService } from "../systems/service.ts";
import { inspectFile, checkInput } from "./engine/input-check.ts";
import { parseSettings, runAudit } from "./engine/run-audit.ts";
import { mayAudit, type AuditAction } from "./policy.ts";
import type { AuditRow, AuditsRepo } from "./repo.ts";
import type { AuditSettingsInput } from "./schema.ts";
import type { DatasetInfo, IdentifierFinding } from "./tables.ts";

export const AUDIT_JOB = "audit";
/** The privacy engine's file tasks, run in a child process: removing identifier columns is a suppression. */
const PRIVACY_TASKS = new URL("../privacy/tasks.ts", import.meta.url).href;

export interface AuditView {
  audit: AuditRow;
  system: { id: string; organisationId: string; name: SystemRecord["name"] };
  /** Where the job is while it runs. */
  progress: JobProgress | null;
  /** The actions this actor may take now. */
  actions: AuditAction[];
}

export interface UploadInput {
  title: string;
  fileName: string;
  stream: Readable & { truncated?: boolean };
}

export function createAuditsService(
  db: Db,
  repo: AuditsRepo,
  systems: SystemsService,
  queue: JobQueue,
  options: { dataDir: string; uploadLimit: number; privacyKeyFile?: string; privacyKey?: string },
) {
  const keySource = keySourceOf(options);
  const uploads = path.join(options.dataDir, "uploads", "audits");
  const fileOf = (audit: Pick<AuditRow, "id" | "dataset">) => path.join(uploads, `${audit.id}.${audit.dataset.format}`);
  const target = (audit: AuditRow) => ({ organisationId: audit.organisationId, state: audit.state, published: audit.publishedAt !== null, authors: [audit.createdBy] });

  async function ownerOf(systemId: string) {
    const owner = await systems.findRecordOwner(systemId);
    if (!owner) throw errors.recordNotFound(systemId);
    return owner;
  }

  /** The audit if the actor may take `action` on it; absent (404) when it may not even read it. */
  async function load(actor: Actor, id: string, action: AuditAction): Promise<AuditRow> {
    const audit = await repo.find(id);
    if (!audit || !(mayAudit(actor, "read", target(audit)) || mayAudit(actor, "read_published", target(audit)))) throw new AppError("audit_not_found", 404, { id });
    if (!mayAudit(actor, action, target(audit))) throw errors.forbidden();
    return audit;
  }

  const actionsOf = (actor: Actor, audit: AuditRow) => (["configure", "publish", "discard"] as const).filter((action) => mayAudit(actor, action, target(audit)));

  async function view(actor: Actor, audit: AuditRow): Promise<AuditView> {
    const owner = await ownerOf(audit.systemId);
    const job = audit.jobId && (audit.state === "queued" || audit.state === "running") ? await queue.get(audit.jobId) : undefined;
    return { audit, system: { id: owner.id, organisationId: owner.organisationId, name: owner.name }, progress: job?.progress ?? null, actions: actionsOf(actor, audit) };
  }

  const handler: JobHandler = {
    kind: AUDIT_JOB,
    async run(job: JobRow, ctx) {
      const audit = await repo.find(String(job.payload.auditId));
      // Discarded meanwhile, or already done by an earlier attempt that lost its lease after writing: nothing to do.
      if (!audit || audit.state === "completed" || !audit.settings) return ctx.complete(async () => {});
      await inTransaction(db, ({ tx }) => repo.change(tx, "gaichel", "audit.started", audit.id, { state: "running", error: null }));
      const outcome = await runAudit(fileOf(audit), audit.settings, {
        signal: ctx.signal,
        onProgress: ({ phase, fraction }) => ctx.progress({ phase, fraction }),
      });
      await ctx.complete(async ({ tx, afterCommit }) => {
        await repo.change(tx, "gaichel", "audit.completed", audit.id, {
          state: "completed",
          raw: outcome.raw,
          published: outcome.published,
          stats: { rows: outcome.stats.rows, seconds: outcome.stats.seconds },
          completedAt: new Date(),
        });
        // The counts are all an audit keeps: the decisions go once the results are safely stored.
        afterCommit(() => fsp.rm(fileOf(audit), { force: true }));
      });
    },
    async failed({ tx }, job, error) {
      const audit = await repo.find(String(job.payload.auditId), tx);
      if (audit && audit.state !== "completed") await repo.change(tx, "gaichel", "audit.failed", audit.id, { state: "failed", error });
    },
  };
  queue.register(handler);

  return {
    /** Streams a decision file to disk, checks its header, and records the audit as waiting for its column mapping. */
    async receiveUpload(actor: Actor, systemId: string, input: UploadInput): Promise<AuditRow> {
      const owner = await ownerOf(systemId);
      // Outside the owning organisation the record is answered as absent; inside it, a member who may not run is refused.
      if (!mayAudit(actor, "read", { organisationId: owner.organisationId })) throw errors.recordNotFound(systemId);
      if (!mayAudit(actor, "run", { organisationId: owner.organisationId })) throw errors.forbidden();
      const title = input.title.trim();
      const titleProblem = !title ? "validation.required" : title.length > 200 ? "validation.too_long" : undefined;
      if (titleProblem) {
        input.stream.resume(); // read and forget the file, so that the answer reaches the browser
        throw errors.invalidInput([{ path: "title", message: titleProblem, params: { max: 200 } }]);
      }
      const id = crypto.randomUUID();
      const staging = path.join(uploads, `${id}.upload`);
      try {
        const saved = await saveUpload(input.stream, staging, options.uploadLimit);
        const inspection = await inspectFile(staging);
        const identifiers: IdentifierFinding[] = [];
        if (inspection.format === "csv") {
          inspection.columns.forEach((name, index) => {
            const finding = classifyColumn(name, inspection.sample.map((record) => record.fields[index] ?? null));
            if (finding.entity && directIdentifiers.has(finding.entity)) identifiers.push({ column: name, entity: finding.entity, confidence: finding.confidence });
          });
        }
        const dataset: DatasetInfo = {
          name: path.basename(input.fileName).slice(0, 200) || "upload",
          bytes: saved.bytes,
          sha256: saved.sha256,
          format: inspection.format,
          columns: inspection.format === "csv" ? inspection.columns : [],
        };
        await fsp.rename(staging, fileOf({ id, dataset }));
        try {
          return await inTransaction(db, ({ tx }) =>
            repo.insert(tx, actorName(actor), {
              id,
              systemId,
              systemVersion: owner.latestVersion,
              organisationId: owner.organisationId,
              title,
              dataset,
              identifiers,
              createdBy: actorName(actor),
            }),
          );
        } catch (error) {
          await fsp.rm(fileOf({ id, dataset }), { force: true });
          throw error;
        }
      } finally {
        await fsp.rm(staging, { force: true });
      }
    },

    /** Checks the column mapping against the file's header and queues the audit (once: the job is keyed by the audit). */
    async configure(actor: Actor, id: string, input: AuditSettingsInput): Promise<AuditRow> {
      const audit = await load(actor, id, "configure");
      const settings = parseSettings(input);
      const inspection = await inspectFile(fileOf(audit)).catch((error: unknown) => {
        if (error instanceof AppError && error.id === "audit_file_missing") throw new AppError("audit_upload_gone", 409);
        throw error;
      });
      checkInput(inspection, settings);
      return inTransaction(db, async (ctx) => {
        // A failed audit configured again is a new attempt: a new job key.
        const jobId = await queue.enqueue(ctx, AUDIT_JOB, `${audit.id}:${audit.updatedAt.getTime()}`, { auditId: audit.id });
        return repo.change(ctx.tx, actorName(actor), "audit.queued", audit.id, { state: "queued", settings, jobId, error: null });
      });
    },

    /**
     * Removes the columns the upload check found to hold personal identifiers from the stored file, or replaces their
     * values by keyed pseudonyms (when the instance has a pseudonymisation key), before any audit reads it. The file
     * is rewritten by DuckDB in a child process and replaces the upload only when complete.
     */
    async protectIdentifiers(actor: Actor, id: string, how: "drop" | "pseudonymise"): Promise<AuditRow> {
      const audit = await load(actor, id, "configure");
      if (how === "pseudonymise" && !keySource) throw new AppError("privacy_key_not_configured", 409);
      const findings = audit.identifiers;
      if (!findings.length) return audit;
      const rules = findings.map(({ column, entity }) => (how === "drop" ? { name: column, operator: "suppress" } : { name: column, operator: "hmac", entity }));
      const file = fileOf(audit);
      const rewritten = `${file}.protected`;
      try {
        const config = { domain: `audit-${audit.id}`, columns: rules };
        await runInChild({ module: PRIVACY_TASKS, name: "protectTask", args: [file, rewritten, config, how === "drop" ? null : keySource] });
        const stat = await fsp.stat(rewritten);
        const dropped = how === "drop" ? findings.map((f) => f.column) : [];
        const dataset: DatasetInfo = { ...audit.dataset, bytes: stat.size, sha256: await sha256File(rewritten), columns: audit.dataset.columns.filter((c) => !dropped.includes(c)) };
        await fsp.rename(rewritten, file);
        return await inTransaction(db, ({ tx }) =>
          repo.change(tx, actorName(actor), how === "drop" ? "audit.identifiers_dropped" : "audit.identifiers_pseudonymised", audit.id, {
            dataset,
            identifiers: [],
            protectedColumns: [...audit.protectedColumns, ...findings.map((f) => ({ column: f.column, how }))],
          }),
        );
      } finally {
        await fsp.rm(rewritten, { force: true });
      }
    },

    async publish(actor: Actor, id: string): Promise<AuditRow> {
      const audit = await load(actor, id, "publish");
      return inTransaction(db, ({ tx }) => repo.change(tx, actorName(actor), "audit.published", audit.id, { publishedAt: new Date(), publishedBy: actorName(actor) }));
    },

    async discard(actor: Actor, id: string): Promise<AuditRow> {
      const audit = await load(actor, id, "discard");
      await inTransaction(db, async ({ tx, afterCommit }) => {
        await repo.remove(tx, actorName(actor), audit.id);
        afterCommit(() => fsp.rm(fileOf(audit), { force: true }));
      });
      return audit;
    },

    /** For the owning organisation's members: everything, in any state. */
    async getForMember(actor: Actor, id: string): Promise<AuditView> {
      return view(actor, await load(actor, id, "read"));
    },

    /** What anyone may see: a published audit of this record. */
    async getPublished(systemId: string, id: string): Promise<AuditRow> {
      const audit = await repo.find(id);
      if (!audit || audit.systemId !== systemId || !audit.publishedAt) throw new AppError("audit_not_found", 404, { id });
      return audit;
    },

    async listPublished(systemId: string): Promise<AuditRow[]> {
      return repo.listForSystem(systemId, { publishedOnly: true });
    },

    /** The record's audits as its organisation's members see them (empty for anyone else). */
    async listForMember(actor: Actor, systemId: string): Promise<AuditRow[]> {
      const owner = await systems.findRecordOwner(systemId);
      if (!owner || !mayAudit(actor, "read", { organisationId: owner.organisationId })) return [];
      return repo.listForSystem(systemId, { publishedOnly: false });
    },

    mayRead(actor: Actor, organisationId: string): boolean {
      return mayAudit(actor, "read", { organisationId });
    },

    /** Whether identifier columns can be pseudonymised here (the instance has a key). */
    canPseudonymise: keySource !== null,

    mayRun(actor: Actor, organisationId: string): boolean {
      return mayAudit(actor, "run", { organisationId });
    },

    handler,
  };
}

export type AuditsService = ReturnType<typeof createAuditsService>;
