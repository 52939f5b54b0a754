// The SQL the DuckDB worker runs: the file reader with strict options, the one-pass counting query (the finest
// intersection counted once, every grouping summed from it with GROUPING SETS) and the query that finds a bad row.
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
 * The counting query, one pass over the file. The inner GROUP BY counts the finest intersection: every protected
 * attribute, the decision (or the score's code) and the label, as read — raw values hash faster than any expression
 * computed per row, and a third decision value shows up as a group of its own. The small result is then turned into
 * text, and GROUPING SETS sum it into each attribute alone, every combination of 2..n of them, and the total.
 * `unrolled` is DuckDB's GROUPING() bit mask: bit (n−1−i) set when attribute i is summed over.
 */
export function countSql(source: Source, settings: AuditSettings): string {
  const attributes = settings.protected.map((_, i) => `a${i}`);
  const outcome = settings.label === undefined ? ["d"] : ["d", "y"];
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
  const sums = ["sum(n) AS n", ...(weight === undefined ? [] : ["sum(w) AS w", "sum(w2) AS w2", "min(w_min) AS w_min", "sum(w_n) AS w_n"])];
  const texts = [...attributes, ...outcome];
  const sets = [...combinations(attributes), []].map((set) => `(${[...set, ...outcome].join(", ")})`);
  return [
    `WITH finest AS (SELECT ${finest.join(", ")} FROM ${readerSql(source, settings)} GROUP BY ALL),`,
    `texts AS (SELECT ${texts.map((c) => `${textOf(c)} AS ${c}`).join(", ")}, * EXCLUDE (${texts.join(", ")}) FROM finest)`,
    `SELECT GROUPING(${attributes.join(", ")}) AS unrolled, ${texts.join(", ")}, ${sums.join(", ")} FROM texts`,
    `GROUP BY GROUPING SETS (${sets.join(", ")})`,
  ].join("\n");
}

/** Every combination of 1..n items, by size then in the items' order (as Python's itertools.combinations). */
export function combinations<T>(items: T[]): T[][] {
  const out: T[][] = [];
  const pick = (size: number, from: number, chosen: T[]) => {
    if (chosen.length === size) return void out.push(chosen);
    for (let i = from; i < items.length; i++) pick(size, i + 1, [...chosen, items[i]!]);
  };
  for (let size = 1; size <= items.length; size++) pick(size, 0, []);
  return out;
}

/** The first row (1-based) where `condition` holds, and the value of `value` there: run only once a check failed. */
export function firstRowSql(source: Source, settings: AuditSettings, condition: string, value: string): string {
  return `SELECT ordinality AS row, CAST(${value} AS VARCHAR) AS value FROM ${readerSql(source, settings)} WITH ORDINALITY WHERE ${condition} ORDER BY ordinality LIMIT 1`;
}
