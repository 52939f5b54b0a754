// Runs the DuckDB worker as a child process and turns whatever happens to it into a typed result or an AppError:
// its counts, the input problem it found, or audit_engine_crashed when it dies (a signal, an exit code, no answer).
import { fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AppError } from "../../../http/errors.ts";
import { auditError, isAuditErrorId } from "./errors.ts";
import type { CountJob, CountRow, CountStats, EnginePhase, WorkerMessage } from "./worker-protocol.ts";

const WORKER = fileURLToPath(new URL("./duckdb-worker.ts", import.meta.url));
/** The worker is TypeScript: the child loads tsx by its resolved path, so that it starts from any working folder. */
const TSX = import.meta.resolve("tsx");
/** DuckDB's native bindings (see duckdb-session.ts), loaded before tsx's hooks are in place, which would only slow them. */
const DUCKDB = import.meta.resolve("@duckdb/node-bindings");
/** The last stderr of a crashed child, kept for the logs (never shown to users). */
const STDERR_KEPT = 8 * 1024;

export interface CountOptions {
  onProgress?: (phase: EnginePhase, fraction: number | null) => void;
  /** Aborting kills the child; the promise rejects with audit_cancelled. */
  signal?: AbortSignal;
  /** Another worker module: tests use one that crashes. */
  worker?: string;
  /** A child that has not started listening by then will not: it is stopped as crashed (default 30 s). */
  startTimeoutMs?: number;
}

/**
 * Counts in a new child process. The job may still be coming (the caller checking the file): the child, which takes
 * a good part of the audit's fixed cost to start, starts meanwhile; a job that fails stops it.
 */
export function countInChild(
  job: Omit<CountJob, "tempDirectory"> | Promise<Omit<CountJob, "tempDirectory">>,
  options: CountOptions = {},
): Promise<{ rows: CountRow[]; stats: CountStats }> {
  const pending = Promise.resolve(job);
  if (options.signal?.aborted) {
    pending.catch(() => {});
    return Promise.reject(auditError("audit_cancelled"));
  }
  const tempDirectory = fs.mkdtempSync(path.join(os.tmpdir(), "gaichel-audit-"));
  const child = fork(options.worker ?? WORKER, [], {
    execArgv: ["--import", DUCKDB, "--import", TSX],
    // Nothing of the server's environment (database URL, secrets) reaches the process that parses untrusted files.
    env: { TMPDIR: os.tmpdir() },
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-STDERR_KEPT);
  });

  return new Promise((resolve, reject) => {
    let settled = false;
    let starting: NodeJS.Timeout | undefined;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(starting);
      options.signal?.removeEventListener("abort", abort);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      fs.rmSync(tempDirectory, { recursive: true, force: true });
      outcome();
    };
    const abort = () => settle(() => reject(auditError("audit_cancelled")));
    const crashed = (reason: string) => {
      const error: AppError = auditError("audit_engine_crashed", { reason });
      error.cause = stderr.trim() || undefined;
      settle(() => reject(error));
    };
    options.signal?.addEventListener("abort", abort, { once: true });
    starting = setTimeout(() => crashed("did not start"), options.startTimeoutMs ?? 30_000);
    pending.catch((error: unknown) => settle(() => reject(error)));

    child.on("message", (message: WorkerMessage) => {
      if (message.kind === "ready") {
        clearTimeout(starting);
        return void pending.then((ready) => settled || child.send({ ...ready, tempDirectory } satisfies CountJob), () => {});
      }
      if (message.kind === "progress") return options.onProgress?.(message.phase, message.fraction);
      if (message.kind === "done") return settle(() => resolve({ rows: message.rows, stats: message.stats }));
      const { id, params } = message;
      if (isAuditErrorId(id)) settle(() => reject(auditError(id, params)));
      else crashed(`unknown error ${id}`);
    });
    child.on("error", (error) => crashed(error.message));
    // "close" comes after the IPC channel has delivered every message, unlike "exit".
    child.on("close", (code, signal) => crashed(signal ? `signal ${signal}` : `exit code ${code}`));
  });
}
