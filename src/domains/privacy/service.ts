// Use cases of the workspace's dataset page: upload a file (streamed to disk), scan it for identifiers, preview the
// chosen operators on its first rows, produce the protected file, download it. DuckDB reads uploads only in a child
// process (analytics/child.ts); scans and protections run as durable jobs.
import fsp from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { runInChild } from "../../analytics/child.ts";
import type { Db } from "../../db/client.ts";
import { inTransaction } from "../../db/tx.ts";
import { actorName, type Actor } from "../../http/actor.ts";
import { AppError, errors } from "../../http/errors.ts";
import { saveUpload, sha256File } from "../../http/upload.ts";
import type { JobHandler, JobQueue } from "../../jobs/queue.ts";
import type { JobProgress } from "../../jobs/tables.ts";
import { keyFrom, keySourceOf } from "./keys.ts";
import { parseConfig } from "./pseudonymise.ts";
import { mayDataset, type DatasetAction } from "./policy.ts";
import type { DatasetRow, DatasetsRepo } from "./repo.ts";
import type { PseudonymisationConfig, RunRecord, ScanResult } from "./schema.ts";
import type { StoredFile } from "./tables.ts";
import { detectFormat } from "./tabular.ts";

const TASKS = new URL("./tasks.ts", import.meta.url).href;
const SCAN_JOB = "dataset.scan";
const PROTECT_JOB = "dataset.protect";
/** Rows of the preview: enough to see each operator at work. */
const PREVIEW_ROWS = 10;

export interface DatasetView {
  dataset: DatasetRow;
  progress: JobProgress | null;
  actions: DatasetAction[];
}

export interface DatasetUpload {
  organisationId: string;
  title: string;
  fileName: string;
  stream: Readable & { truncated?: boolean };
}

export function createDatasetsService(
  db: Db,
  repo: DatasetsRepo,
  queue: JobQueue,
  options: { dataDir: string; uploadLimit: number; privacyKeyFile?: string; privacyKey?: string },
) {
  const folder = path.join(options.dataDir, "uploads", "datasets");
  const results = path.join(options.dataDir, "results", "datasets");
  const sourceOf = (d: Pick<DatasetRow, "id" | "source">) => path.join(folder, `${d.id}.${d.source.format}`);
  const outputOf = (d: Pick<DatasetRow, "id" | "source">) => path.join(results, `${d.id}.${d.source.format}`);
  const keySource = keySourceOf(options);
  // Read once at start, so that a broken key stops the server at once, and for the key id shown on the page.
  const keyId = keyFrom(keySource)?.id ?? null;
  const target = (d: DatasetRow) => ({ organisationId: d.organisationId, state: d.state });

  async function load(actor: Actor, id: string, action: DatasetAction): Promise<DatasetRow> {
    const dataset = await repo.find(id);
    if (!dataset || !mayDataset(actor, "read", target(dataset))) throw new AppError("dataset_not_found", 404, { id });
    if (!mayDataset(actor, action, target(dataset))) throw errors.conflict("dataset_wrong_state", { state: dataset.state });
    return dataset;
  }

  /** Operators that need the key are refused when the instance has none. */
  function checkConfig(input: unknown): PseudonymisationConfig {
    const config = parseConfig(input);
    if (!keySource && config.columns.some((c) => c.operator === "hmac" || c.operator === "aes_siv")) throw new AppError("privacy_key_not_configured", 409);
    return config;
  }

  /** A scan or protection that gave up: the dataset (unless discarded meanwhile) shows the job's error. */
  const markFailed: NonNullable<JobHandler["failed"]> = async ({ tx }, job, error) => {
    const id = String(job.payload.datasetId);
    if (await repo.find(id, tx)) await repo.change(tx, "gaichel", "dataset.failed", id, { state: "failed", error });
  };

  const scanHandler: JobHandler = {
    kind: SCAN_JOB,
    async run(job, ctx) {
      const dataset = await repo.find(String(job.payload.datasetId));
      if (!dataset) return ctx.complete(async () => {});
      const scan = await runInChild<ScanResult>(
        { module: TASKS, name: "scanTask", args: [sourceOf(dataset), 10_000] },
        { signal: ctx.signal, onProgress: (fraction) => ctx.progress({ phase: "scanning", fraction }) },
      );
      await ctx.complete(({ tx }) => repo.change(tx, "gaichel", "dataset.scanned", dataset.id, { state: "scanned", scan, error: null }).then(() => {}));
    },
    failed: markFailed,
  };

  const protectHandler: JobHandler = {
    kind: PROTECT_JOB,
    async run(job, ctx) {
      const dataset = await repo.find(String(job.payload.datasetId));
      if (!dataset?.config) return ctx.complete(async () => {});
      const output = outputOf(dataset);
      await fsp.mkdir(results, { recursive: true });
      const run = await runInChild<RunRecord>(
        { module: TASKS, name: "protectTask", args: [sourceOf(dataset), output, dataset.config, keySource] },
        { signal: ctx.signal, onProgress: (fraction) => ctx.progress({ phase: "protecting", fraction }) },
      );
      const stat = await fsp.stat(output);
      const file: StoredFile = { name: `${path.parse(dataset.source.name).name}-protected.${dataset.source.format}`, bytes: stat.size, sha256: await sha256File(output), format: dataset.source.format };
      await ctx.complete(({ tx }) => repo.change(tx, "gaichel", "dataset.protected", dataset.id, { state: "protected", run, output: file, error: null }).then(() => {}));
    },
    failed: markFailed,
  };
  queue.register(scanHandler);
  queue.register(protectHandler);

  return {
    hasKey: keyId !== null,
    keyId,

    /** The organisations where this actor may upload datasets. */
    uploadableOrganisations(actor: Actor): string[] {
      if (actor.kind !== "user") return [];
      return Object.keys(actor.roles).filter((organisationId) => mayDataset(actor, "upload", { organisationId }));
    },

    async list(actor: Actor): Promise<DatasetRow[]> {
      if (actor.kind !== "user") return [];
      const readable = Object.keys(actor.roles).filter((organisationId) => mayDataset(actor, "read", { organisationId }));
      return repo.listForOrganisations(readable);
    },

    /** Streams the file to disk and queues its scan. */
    async upload(actor: Actor, input: DatasetUpload): Promise<DatasetRow> {
      const title = input.title.trim();
      const problem = !mayDataset(actor, "upload", { organisationId: input.organisationId })
        ? { path: "organisation", message: "validation.choice" }
        : !title
          ? { path: "title", message: "validation.required" }
          : title.length > 200
            ? { path: "title", message: "validation.too_long", params: { max: 200 } }
            : undefined;
      if (problem) {
        input.stream.resume();
        throw errors.invalidInput([problem]);
      }
      const id = crypto.randomUUID();
      const staging = path.join(folder, `${id}.upload`);
      try {
        const saved = await saveUpload(input.stream, staging, options.uploadLimit);
        const source: StoredFile = { name: path.basename(input.fileName).slice(0, 200) || "upload", bytes: saved.bytes, sha256: saved.sha256, format: detectFormat(staging) };
        await fsp.rename(staging, sourceOf({ id, source }));
        return await inTransaction(db, async (ctx) => {
          const jobId = await queue.enqueue(ctx, SCAN_JOB, id, { datasetId: id });
          return repo.insert(ctx.tx, actorName(actor), { id, organisationId: input.organisationId, title, source, jobId, createdBy: actorName(actor) });
        }).catch(async (error: unknown) => {
          await fsp.rm(sourceOf({ id, source }), { force: true });
          throw error;
        });
      } finally {
        await fsp.rm(staging, { force: true });
      }
    },

    async get(actor: Actor, id: string): Promise<DatasetView> {
      const dataset = await load(actor, id, "read");
      const running = dataset.state === "scanning" || dataset.state === "protecting";
      const job = running && dataset.jobId ? await queue.get(dataset.jobId) : undefined;
      const actions = (["protect", "download", "discard"] as const).filter((action) => mayDataset(actor, action, target(dataset)));
      return { dataset, progress: job?.progress ?? null, actions };
    },

    /** The first rows as the operators would write them (nothing is stored). */
    async preview(actor: Actor, id: string, input: unknown): Promise<{ config: PseudonymisationConfig; header: string[]; rows: string[][] }> {
      const dataset = await load(actor, id, "protect");
      const config = checkConfig(input);
      const preview = await runInChild<{ header: string[]; rows: string[][] }>({ module: TASKS, name: "previewTask", args: [sourceOf(dataset), config, keySource, PREVIEW_ROWS] });
      return { config, ...preview };
    },

    /** Queues the protection with these operators (a new run replaces an earlier protected file). */
    async protect(actor: Actor, id: string, input: unknown): Promise<DatasetRow> {
      await load(actor, id, "protect");
      const config = checkConfig(input);
      return inTransaction(db, async (ctx) => {
        const jobId = await queue.enqueue(ctx, PROTECT_JOB, `${id}:${Date.now()}`, { datasetId: id });
        return repo.change(ctx.tx, actorName(actor), "dataset.protection_queued", id, { state: "protecting", config, jobId, error: null });
      });
    },

    /** The protected file, for download. */
    async protectedFile(actor: Actor, id: string): Promise<{ path: string; file: StoredFile }> {
      const dataset = await load(actor, id, "download");
      return { path: outputOf(dataset), file: dataset.output! };
    },

    async discard(actor: Actor, id: string): Promise<void> {
      const dataset = await load(actor, id, "discard");
      await inTransaction(db, async ({ tx, afterCommit }) => {
        await repo.remove(tx, actorName(actor), id);
        afterCommit(async () => {
          await fsp.rm(sourceOf(dataset), { force: true });
          await fsp.rm(outputOf(dataset), { force: true });
        });
      });
    },
  };
}

export type DatasetsService = ReturnType<typeof createDatasetsService>;
