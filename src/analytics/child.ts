// Runs a function of a module in a child process: for DuckDB over uploaded files, so that a crafted or corrupt file
// can crash only that process, never the server. The child gets none of the server's environment; its arguments and
// result travel over IPC (structured clone). Progress comes back as it is reported; a crash, a kill or an abort
// becomes an AppError.
import { fork } from "node:child_process";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { AppError } from "../http/errors.ts";

const CHILD = fileURLToPath(new URL("./child-main.ts", import.meta.url));
const TSX = import.meta.resolve("tsx");
/** Loaded before tsx's hooks are in place: through them DuckDB's many CommonJS files take twice as long to load. */
const DUCKDB = import.meta.resolve("@duckdb/node-api");
const STDERR_KEPT = 8 * 1024;

/** A function the child may run: exported by `module` (a file URL), called with `args` and a progress callback. */
export interface ChildTask {
  module: string;
  name: string;
  args: unknown[];
}

export type ChildMessage =
  | { kind: "progress"; fraction: number }
  | { kind: "done"; value: unknown }
  | { kind: "error"; id: string; status: number; params: Record<string, string | number> };

export interface ChildOptions {
  onProgress?: (fraction: number) => void;
  /** Aborting kills the child; the promise rejects with analysis_cancelled. */
  signal?: AbortSignal;
}

export function runInChild<T>(task: ChildTask, options: ChildOptions = {}): Promise<T> {
  if (options.signal?.aborted) return Promise.reject(new AppError("analysis_cancelled", 409));
  const child = fork(CHILD, [], {
    execArgv: ["--import", DUCKDB, "--import", TSX],
    env: { TMPDIR: os.tmpdir() },
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-STDERR_KEPT);
  });
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener("abort", abort);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      outcome();
    };
    const abort = () => settle(() => reject(new AppError("analysis_cancelled", 409)));
    const crashed = (reason: string) => {
      const error = new AppError("analysis_crashed", 422, { reason });
      error.cause = stderr.trim() || undefined;
      settle(() => reject(error));
    };
    options.signal?.addEventListener("abort", abort, { once: true });
    child.on("message", (message: ChildMessage) => {
      if (message.kind === "progress") return options.onProgress?.(message.fraction);
      if (message.kind === "done") return settle(() => resolve(message.value as T));
      settle(() => reject(new AppError(message.id, message.status, message.params)));
    });
    child.on("error", (error) => crashed(error.message));
    child.on("close", (code, signal) => crashed(signal ? `signal ${signal}` : `exit code ${code}`));
    child.send(task);
  });
}
