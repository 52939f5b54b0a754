// Reading CSV and Parquet files through DuckDB: format detection, the source expression, a bounded-memory instance.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { AppError } from "../../http/errors.ts";
import type { ColumnTally } from "./classify.ts";
import { privacyError } from "./errors.ts";
import { sqlString } from "./recognisers/sql.ts";

export { sqlString };

export type TabularFormat = "csv" | "parquet";

/** DuckDB's own memory for a scan or a risk query; past it DuckDB spills to its temporary directory. */
const MEMORY_LIMIT = "128MB";

/** Parquet by its extension or its magic bytes "PAR1"; anything else is read as CSV (DuckDB sniffs the dialect). */
export function detectFormat(file: string): TabularFormat {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw privacyError("privacy_file_not_found", { file });
  const extension = path.extname(file).toLowerCase();
  if (extension === ".parquet" || extension === ".pq") return "parquet";
  if (extension === ".csv" || extension === ".tsv" || extension === ".txt") return "csv";
  const head = Buffer.alloc(4);
  const fd = fs.openSync(file, "r");
  try {
    fs.readSync(fd, head, 0, 4, 0);
  } finally {
    fs.closeSync(fd);
  }
  return head.toString("latin1") === "PAR1" ? "parquet" : "csv";
}

export function sqlIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Every column as text, so that identifiers keep their leading zeros and a Parquet date reads as "2024-05-01".
 * CSV: header row required, dialect sniffed; an empty cell is NULL.
 */
function sourceSql(file: string, format: TabularFormat): string {
  const reader =
    format === "parquet"
      ? `read_parquet(${sqlString(file)})`
      : `read_csv(${sqlString(file)}, header = true, skip = 0, all_varchar = true, sample_size = 20480)`;
  return `(SELECT COLUMNS(*)::VARCHAR FROM ${reader})`;
}

/**
 * Runs DuckDB work on a file, replacing any DuckDB error by file_unreadable with the file's name only: DuckDB
 * quotes the offending line of a malformed CSV ("Original Line: …"), which may hold an identifier.
 */
export async function readingFile<T>(file: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw privacyError("privacy_file_unreadable", { file: path.basename(file) });
  }
}

export interface Tabular {
  format: TabularFormat;
  connection: DuckDBConnection;
  source: string;
  columns: string[];
  close(): void;
}

/** Opens the file for reading through an in-memory DuckDB; the caller closes it. */
export async function openTabular(file: string): Promise<Tabular> {
  const format = detectFormat(file);
  const instance = await DuckDBInstance.create(":memory:", {
    memory_limit: MEMORY_LIMIT,
    // Spills (large GROUP BYs in risk measurement) go to the system's temporary folder, not the working directory.
    temp_directory: path.join(os.tmpdir(), "gaichel-duckdb"),
    // Scans and pseudonymisation are bound by JavaScript, which DuckDB's threads would wait on in turn: one thread
    // measured twice as fast on two cores, with 20 % less peak memory.
    threads: "1",
  });
  const connection = await instance.connect();
  const source = sourceSql(file, format);
  try {
    const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`);
    const columns = described.getRowObjectsJS().map((row) => String(row.column_name));
    return {
      format,
      connection,
      source,
      columns,
      close() {
        connection.closeSync();
        instance.closeSync();
      },
    };
  } catch {
    connection.closeSync();
    instance.closeSync();
    // DuckDB's message may quote a line of the file, so neither it nor the error goes on: only the file name.
    throw privacyError("privacy_file_unreadable", { file: path.basename(file) });
  }
}

/**
 * Unit separator (chr(31)): joins a row's cells into one string, so that DuckDB hands over one value per row, not
 * per cell; inside a cell it is read as a space.
 */
export const UNIT_SEPARATOR = "\x1f";

/**
 * Adds the rows of `sql` (a SELECT of the file's columns) to one tally per column, until the rows run out or, after
 * a chunk, `enough` says so; returns the rows added and whether they ran out. Rows cross from DuckDB as one joined
 * string each (three times faster than cell by cell), and the next chunk is requested before this one is tallied,
 * so that DuckDB reads on while JavaScript checks values.
 */
export async function tallyRows(
  tabular: Tabular,
  sql: string,
  tallies: ColumnTally[],
  options: { onProgress?: (fraction: number) => void; enough?: (rows: number) => boolean } = {},
): Promise<{ rows: number; ended: boolean }> {
  const cells = tabular.columns.map((name) => `coalesce(replace(${sqlIdentifier(name)}, chr(31), ' '), '')`).join(", ");
  const result = await tabular.connection.stream(`SELECT concat_ws(chr(31), ${cells}) FROM (${sql})`);
  let rows = 0;
  let pending = result.fetchChunk();
  for (;;) {
    const chunk = await pending;
    if (!chunk || chunk.rowCount === 0) return { rows, ended: true };
    pending = result.fetchChunk();
    for (const row of chunk.getColumnValues(0) as string[]) {
      const values = row.split(UNIT_SEPARATOR);
      for (let c = 0; c < tallies.length; c++) tallies[c]!.add(values[c]);
    }
    rows += chunk.rowCount;
    options.onProgress?.(Math.min(1, Math.max(0, tabular.connection.progress.percentage / 100)));
    if (options.enough?.(rows)) {
      // The chunk requested ahead is read but not tallied: the caller goes on from `rows`.
      await pending;
      return { rows, ended: false };
    }
  }
}
