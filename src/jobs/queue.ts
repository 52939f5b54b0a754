// The job queue: enqueue (idempotent by kind and key), claim with FOR UPDATE SKIP LOCKED under a lease, run, and
// finish in one transaction with the job's own writes, so a result is stored exactly when its job succeeds. A worker
// that dies stops renewing its lease; the job is then claimed again, or failed once its attempts are spent.
import os from "node:os";
import { randomUUID } from "node:crypto";
import { and, asc, eq, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { inTransaction, type TxContext } from "../db/tx.ts";
import { AppError } from "../http/errors.ts";
import { jobs, type JobError, type JobProgress } from "./tables.ts";

export type JobRow = typeof jobs.$inferSelect;

export interface JobContext {
  job: JobRow;
  /** Aborted when the worker stops or loses the job's lease: stop at once, write nothing. */
  signal: AbortSignal;
  /** Records where the job is (written at most once a second) and renews the lease. */
  progress(progress: JobProgress): void;
  /** Marks the job succeeded and runs `write` in the same transaction, only while this worker still holds the job. */
  complete(write: (ctx: TxContext) => Promise<void>): Promise<void>;
}

export interface JobHandler {
  kind: string;
  run(job: JobRow, ctx: JobContext): Promise<void>;
  /** Runs in the transaction that marks the job failed for good (e.g. to mark what it was working on as failed). */
  failed?(ctx: TxContext, job: JobRow, error: JobError): Promise<void>;
}

export interface QueueOptions {
  /** How long a claim holds without renewal (default 30 s); a crashed worker's job waits this long. */
  leaseMs?: number;
  /** Idle polling interval (default 1 s); an enqueue in this process wakes the worker at once. */
  pollMs?: number;
  /** Delay before attempt n+1 is retryDelayMs × 2ⁿ⁻¹ (default 2 s). */
  retryDelayMs?: number;
  log?: { error(object: unknown, message: string): void; info(object: unknown, message: string): void };
}

/** A job that lost its lease (another worker has it now) may not write its result. */
export class JobLostError extends Error {
  constructor(id: string) {
    super(`job ${id} is no longer held by this worker`);
  }
}

/** The stored reason of a failure: an AppError keeps its id and parameters, anything else is a crash. */
export function jobErrorOf(error: unknown): JobError {
  if (error instanceof AppError) return { id: error.id, params: (error.params ?? {}) as JobError["params"] };
  return { id: "job_crashed", params: {} };
}

/** AppErrors are about the input (a malformed file, a missing column): a retry cannot fix them. */
const isPermanent = (error: unknown) => error instanceof AppError && error.status < 500;

const PROGRESS_EVERY_MS = 1000;

export function createJobQueue(db: Db, options: QueueOptions = {}) {
  const leaseMs = options.leaseMs ?? 30_000;
  const pollMs = options.pollMs ?? 1000;
  const retryDelayMs = options.retryDelayMs ?? 2000;
  const workerId = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const handlers = new Map<string, JobHandler>();
  let log = options.log;
  let wake: (() => void) | undefined;
  let running: { controller: AbortController; done: Promise<void> } | undefined;
  let loop: Promise<void> | undefined;
  let stopped = true;

  const leaseEnd = sql`now() + ${leaseMs} * interval '1 millisecond'`;
  const heldByMe = (id: string) => and(eq(jobs.id, id), eq(jobs.workerId, workerId), eq(jobs.state, "running"));

  async function failForGood(ctx: TxContext, job: JobRow, error: JobError) {
    await ctx.tx
      .update(jobs)
      .set({ state: "failed", error, workerId: null, leaseUntil: null, finishedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(jobs.id, job.id));
    await handlers.get(job.kind)?.failed?.(ctx, job, error);
  }

  /** Claims the oldest due job of a kind this worker handles: queued and due, or running under an expired lease. */
  async function claim(): Promise<JobRow | undefined> {
    const kinds = [...handlers.keys()];
    if (!kinds.length) return undefined;
    return inTransaction(db, async (ctx) => {
      const [due] = await ctx.tx
        .select()
        .from(jobs)
        .where(
          and(
            sql`${jobs.kind} in ${kinds}`,
            or(and(eq(jobs.state, "queued"), lte(jobs.runAfter, sql`now()`)), and(eq(jobs.state, "running"), lt(jobs.leaseUntil, sql`now()`))),
          ),
        )
        .orderBy(asc(jobs.runAfter))
        .limit(1)
        .for("update", { skipLocked: true });
      if (!due) return undefined;
      if (due.state === "running" && due.attempts >= due.maxAttempts) {
        // Its worker died on the last attempt: fail it here, and look for the next job.
        await failForGood(ctx, due, { id: "job_interrupted", params: {} });
        return { ...due, state: "failed" as const };
      }
      const [claimed] = await ctx.tx
        .update(jobs)
        .set({ state: "running", attempts: sql`${jobs.attempts} + 1`, workerId, leaseUntil: leaseEnd, progress: null, updatedAt: sql`now()` })
        .where(eq(jobs.id, due.id))
        .returning();
      return claimed;
    });
  }

  async function execute(job: JobRow, handler: JobHandler, controller: AbortController) {
    let lastProgress = 0;
    let pending: JobProgress | undefined;
    const renew = async () => {
      const progress = pending;
      pending = undefined;
      const held = await db
        .update(jobs)
        .set({ leaseUntil: leaseEnd, updatedAt: sql`now()`, ...(progress ? { progress } : {}) })
        .where(heldByMe(job.id))
        .returning({ id: jobs.id });
      if (!held.length) controller.abort(new JobLostError(job.id));
    };
    const heartbeat = setInterval(() => void renew().catch((error) => log?.error({ err: error, job: job.id }, "job lease renewal failed")), leaseMs / 3);
    const ctx: JobContext = {
      job,
      signal: controller.signal,
      progress(progress) {
        pending = progress;
        const now = Date.now();
        if (now - lastProgress < PROGRESS_EVERY_MS) return;
        lastProgress = now;
        void renew().catch((error) => log?.error({ err: error, job: job.id }, "job progress write failed"));
      },
      complete: (write) =>
        inTransaction(db, async (tx) => {
          const done = await tx.tx
            .update(jobs)
            .set({ state: "succeeded", progress: null, error: null, workerId: null, leaseUntil: null, finishedAt: sql`now()`, updatedAt: sql`now()` })
            .where(heldByMe(job.id))
            .returning({ id: jobs.id });
          if (!done.length) throw new JobLostError(job.id);
          await write(tx);
        }),
    };
    try {
      await handler.run(job, ctx);
    } catch (error) {
      if (controller.signal.aborted) return; // stopped or lost: the job is released or someone else's now
      const reason = jobErrorOf(error);
      if (!isPermanent(error)) log?.error({ err: error, job: job.id, kind: job.kind, attempt: job.attempts }, "job failed");
      await inTransaction(db, async (tx) => {
        const [current] = await tx.tx.select().from(jobs).where(heldByMe(job.id)).for("update");
        if (!current) return;
        if (isPermanent(error) || current.attempts >= current.maxAttempts) return failForGood(tx, current, reason);
        await tx.tx
          .update(jobs)
          .set({
            state: "queued",
            error: reason,
            workerId: null,
            leaseUntil: null,
            runAfter: sql`now() + ${retryDelayMs * 2 ** (current.attempts - 1)} * interval '1 millisecond'`,
            updatedAt: sql`now()`,
          })
          .where(eq(jobs.id, job.id));
      });
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** Claims and runs one due job; false when there was none. */
  async function runOnce(): Promise<boolean> {
    const job = await claim();
    if (!job) return false;
    if (job.state !== "running") return true;
    const controller = new AbortController();
    const done = execute(job, handlers.get(job.kind)!, controller);
    running = { controller, done };
    try {
      await done;
    } finally {
      running = undefined;
    }
    if (controller.signal.aborted && !(controller.signal.reason instanceof JobLostError)) {
      // Stopped on purpose (shutdown): give the job back without counting the attempt.
      await db
        .update(jobs)
        .set({ state: "queued", attempts: sql`${jobs.attempts} - 1`, workerId: null, leaseUntil: null, progress: null, updatedAt: sql`now()` })
        .where(heldByMe(job.id));
    }
    return true;
  }

  return {
    workerId,

    register(handler: JobHandler) {
      handlers.set(handler.kind, handler);
    },

    /** Adds a job, or returns the one already there with the same kind and key. */
    async enqueue(ctx: TxContext | null, kind: string, key: string, payload: Record<string, unknown>, { maxAttempts = 3 } = {}): Promise<string> {
      const target = ctx?.tx ?? db;
      const [inserted] = await target.insert(jobs).values({ kind, key, payload, maxAttempts }).onConflictDoNothing().returning({ id: jobs.id });
      const id = inserted?.id ?? (await target.select({ id: jobs.id }).from(jobs).where(and(eq(jobs.kind, kind), eq(jobs.key, key))))[0]!.id;
      if (ctx) ctx.afterCommit(() => wake?.());
      else wake?.();
      return id;
    },

    async get(id: string): Promise<JobRow | undefined> {
      const [job] = await db.select().from(jobs).where(eq(jobs.id, id));
      return job;
    },

    runOnce,

    /** Works through due jobs in the background until stop(), logging failures to `logger`. */
    start(logger: QueueOptions["log"] = log) {
      if (!stopped) return;
      log = logger;
      stopped = false;
      loop = (async () => {
        while (!stopped) {
          try {
            if (await runOnce()) continue;
          } catch (error) {
            log?.error({ err: error }, "job queue error");
          }
          if (stopped) break;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, pollMs);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = undefined;
        }
      })();
    },

    /** Stops the loop; a running job is aborted and given back to the queue. */
    async stop() {
      stopped = true;
      wake?.();
      running?.controller.abort(new Error("worker stopping"));
      await loop;
    },
  };
}

export type JobQueue = ReturnType<typeof createJobQueue>;
