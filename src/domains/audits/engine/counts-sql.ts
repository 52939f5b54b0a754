// The SQL the DuckDB worker runs: the file reader with strict options, the one-pass counting query (the finest
// intersection, from which counts.ts sums every grouping) and the query that finds a bad row.
import type { AuditSettings } from "../schema.ts";

/** How DuckDB reads the file: a CSV's layout comes from input-check.ts, a Parquet file describes itself. */
export type Source =
  | { format: "csv"; file: string; delimiter: string; columns: string[]; integers: string[] }
  | { format: "parquet"; file: string; columns: string[] };

/** The score column's codes: whether a score reaches the threshold, or is not a number at all. */
export const SCORE = { below: "0", reaches: "1", notANumber: "2" } as const;

export const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;
export const identifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

function csvType(source: Extract<Source, { format: "csv" }>, settings: AuditSettings, column: string): string {
  // Numeric columns are read as DOUBLE so that a non-number is a cast error with its line.
  if (column === settings.score || column === settings.weight) return "DOUBLE";
  return source.integers.includes(column) ? "BIGINT" : "VARCHAR";
}

export function readerSql(source: Source, settings: AuditSettings, options: { rejects?: boolean } = {}): string {
  if (source.format === "parquet") return `read_parquet(${literal(source.file)})`;
  const columns = source.columns.map((c) => `${literal(c)}: '${csvType(source, settings, c)}'`).join(", ");
  // No sniffing: the sniffer may skip "bad" leading rows or guess a type that a later row breaks. RFC 4180 quoting.
  return [
    `read_csv(${literal(source.file)}`,
    "auto_detect = false, header = true, skip = 0",
    `delim = ${literal(source.delimiter)}, quote = '"', escape = '"'`,
    `columns = {${columns}}`,
    "strict_mode = true, null_padding = false, encoding = 'utf-8'",
    ...(options.rejects ? ["store_rejects = true"] : []),
  ].join(", ") + ")";
}

/** A value as text, the empty string read as missing (CSV writes both as an empty field). */
function textOf(expression: string): string {
  return `NULLIF(CAST(${expression} AS VARCHAR), '')`;
}

export function textSql(column: string): string {
  return textOf(identifier(column));
}

export function numberSql(source: Source, column: string): string {
  return source.format === "parquet" ? `CAST(${identifier(column)} AS DOUBLE)` : identifier(column);
}

function scoreCodeSql(source: Source, settings: AuditSettings): string {
  const score = numberSql(source, settings.score!);
  const threshold = `CAST(${settings.threshold} AS DOUBLE)`;
  // NaN compares greater than every number in DuckDB: it would count as reaching the threshold.
  return `CASE WHEN isnan(${score}) THEN ${SCORE.notANumber} WHEN ${score} >= ${threshold} THEN ${SCORE.reaches} WHEN ${score} < ${threshold} THEN ${SCORE.below} END`;
}

/**
 * The counting query, one pass over the file: the finest intersection of every protected attribute, the decision (or
 * the score's code) and the label, grouped as read — raw values hash faster than any expression computed per row, and
 * a third decision value shows up as a group of its own. Only its few hundred rows are turned into text; counts.ts sums
 * every coarser grouping from them (confusion counts are additive), which costs nothing next to a second aggregation.
 */
export function countSql(source: Source, settings: AuditSettings): string {
  const attributes = settings.protected.map((_, i) => `a${i}`);
  const texts = [...attributes, "d", ...(settings.label === undefined ? [] : ["y"])];
  const weight = settings.weight === undefined ? undefined : numberSql(source, settings.weight);
  const finest = [
    ...settings.protected.map((column, i) => `${identifier(column)} AS ${attributes[i]}`),
    `${settings.score === undefined ? identifier(settings.decision!) : scoreCodeSql(source, settings)} AS d`,
    ...(settings.label === undefined ? [] : [`${identifier(settings.label)} AS y`]),
    "count(*) AS n",
    ...(weight === undefined
      ? []
      : [`sum(${weight}) AS w`, `sum(${weight} * ${weight}) AS w2`, `min(${weight}) AS w_min`, `count(${weight}) AS w_n`]),
  ];
  return [
    `SELECT ${texts.map((c) => `${textOf(c)} AS ${c}`).join(", ")}, * EXCLUDE (${texts.join(", ")})`,
    `FROM (SELECT ${finest.join(", ")} FROM ${readerSql(source, settings)} GROUP BY ALL)`,
  ].join("\n");
}

/** The first row (1-based) where `condition` holds, and the value of `value` there: run only once a check failed. */
export function firstRowSql(source: Source, settings: AuditSettings, condition: string, value: string): string {
  return `SELECT ordinality AS row, CAST(${value} AS VARCHAR) AS value FROM ${readerSql(source, settings)} WITH ORDINALITY WHERE ${condition} ORDER BY ordinality LIMIT 1`;
}
