// The messages between the audit engine and its DuckDB child process (JSON over Node's IPC channel).
import type { AuditSettings } from "../schema.ts";
import type { AuditErrorParams } from "./errors.ts";
import type { FileLayout } from "./input-check.ts";

export interface CountJob {
  file: string;
  layout: FileLayout;
  settings: AuditSettings;
  /** DuckDB's memory limit, e.g. "512MB"; past it, the aggregation spills to tempDirectory. */
  memoryLimit: string;
  /** A folder of the parent's, removed by the parent when the child ends. */
  tempDirectory: string;
  /** Report DuckDB's progress of the counting query (a few per cent slower). */
  progress: boolean;
}

/** One row of the counting query: a group of the finest intersection (see countSql) and one cell of decision × label. */
export interface CountRow {
  /** The value of each protected attribute, in the settings' order. */
  values: Array<string | null>;
  /** The decision was the favourable one. */
  selected: boolean;
  /** The label was the favourable one; null without a label column. */
  positive: boolean | null;
  /** Rows; sum of weights and of squared weights, null without a weight column. */
  n: number;
  w: number | null;
  w2: number | null;
}

export interface CountStats {
  /** Rows of the file. */
  rows: number;
  /** Seconds the counting query took, inside the child. */
  countSeconds: number;
  /** Peak resident memory of the child process. */
  peakRssBytes: number;
}

export type EnginePhase = "checking" | "counting" | "computing";

export type WorkerMessage =
  /** Sent once the child listens: a message sent before that would be lost while it loads DuckDB. */
  | { kind: "ready" }
  | { kind: "progress"; phase: EnginePhase; fraction: number | null }
  | { kind: "done"; rows: CountRow[]; stats: CountStats }
  | { kind: "failed"; id: string; params: AuditErrorParams };
