// Scanning a CSV or Parquet file for identifiers: a reservoir sample by default, every row on request, in bounded memory.
import { Worker } from "node:worker_threads";
import { ColumnTally } from "./classify.ts";
import { privacyError, type PrivacyErrorId, type PrivacyErrorParams } from "./errors.ts";
import { scanAll } from "./full-scan.ts";
import type { ScanResult } from "./schema.ts";
import { openTabular, readingFile, tallyRows } from "./tabular.ts";

export const DEFAULT_SAMPLE_ROWS = 10_000;

export interface ScanOptions {
  /**
   * Rows to examine, drawn by reservoir sampling over the whole file (default 10 000); "all" reads every row.
   * Reservoir rather than the first rows: exports are often sorted (by date, office, status), so the first
   * rows can all come from one office or leave a column empty that is filled further down. DuckDB draws the
   * reservoir in one pass at close to its scan speed and holds only the sample.
   */
  rows?: number | "all";
  /** Called as rows are processed, with DuckDB's estimate of the share of the file read (0..1). */
  onProgress?: (fraction: number) => void;
}

/** The scan in this thread: what `scanFile` runs for a sample, and what the worker runs for a full scan (full-scan.ts). */
export async function scanInThread(file: string, options: ScanOptions = {}): Promise<ScanResult> {
  const tabular = await openTabular(file);
  try {
    const wanted = options.rows ?? DEFAULT_SAMPLE_ROWS;
    if (wanted === "all") return { ...(await scanAll(file, tabular, options.onProgress)), mode: "full" };
    // Tallies do not care about order; keeping it would make DuckDB hold chunks read ahead of a slower consumer.
    await tabular.connection.run("SET preserve_insertion_order = false");
    const sql = `SELECT * FROM ${tabular.source} USING SAMPLE reservoir(${Math.max(1, Math.floor(wanted))} ROWS) REPEATABLE (42)`;
    const tallies = tabular.columns.map((name) => new ColumnTally(name));
    const { rows } = await readingFile(file, () => tallyRows(tabular, sql, tallies, { onProgress: options.onProgress }));
    return { columns: tallies.map((t) => t.finding()), rows, mode: "sample" };
  } finally {
    tabular.close();
  }
}

/**
 * A full scan allocates as it goes; left to itself V8 lets the heap grow to twice what it uses. In a worker with
 * these limits it stays within its live data (tallies, memos of open values, modules); the young generation is large
 * enough that the garbage of the validators' libraries (libphonenumber, ibantools) dies young.
 */
const FULL_SCAN_LIMITS = { maxOldGenerationSizeMb: 160, maxYoungGenerationSizeMb: 48 };

/** What the scan worker posts: progress as it reads, then the result or the error's id and parameters. */
export type ScanWorkerMessage =
  | { progress: number }
  | { result: ScanResult }
  | { error: { id: PrivacyErrorId; params: PrivacyErrorParams } }
  | { failure: string };

function scanInWorker(file: string, onProgress?: (fraction: number) => void): Promise<ScanResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./scan-worker.ts", import.meta.url), { workerData: { file }, resourceLimits: FULL_SCAN_LIMITS });
    worker.on("message", (message: ScanWorkerMessage) => {
      if ("progress" in message) onProgress?.(message.progress);
      else if ("result" in message) resolve(message.result);
      else if ("error" in message) reject(privacyError(message.error.id, message.error.params));
      else reject(new Error(message.failure));
    });
    worker.on("error", reject);
    worker.on("exit", (code) => {
      if (code !== 0) reject(new Error(`the scan worker stopped with code ${code}`));
    });
  });
}

/** Scans a file: a sample in this thread, every row in a worker whose heap is bounded. */
export function scanFile(file: string, options: ScanOptions = {}): Promise<ScanResult> {
  return options.rows === "all" ? scanInWorker(file, options.onProgress) : scanInThread(file, options);
}
