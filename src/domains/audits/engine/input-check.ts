// Checks a decision file before DuckDB reads it, from its first MiB only: present, not empty, Parquet or a UTF-8 CSV
// with one header line of unique names holding every mapped column, and decision and label columns that are binary
// as far as that first MiB goes (a wrongly mapped column fails here at once, naming its line).
import fs from "node:fs/promises";
import type { AuditSettings } from "../schema.ts";
import { auditError } from "./errors.ts";

/** How the DuckDB worker reads the file. `integers`: decision and label columns read, and compared, as numbers. */
export type FileLayout = { format: "parquet" } | { format: "csv"; delimiter: string; columns: string[]; integers: string[] };

/** A row of a CSV file's first MiB, with the line it starts on. */
interface SampleRecord {
  line: number;
  fields: string[];
}

/** What the first MiB tells: a Parquet file, or a CSV file's header line and the rows after it. */
export type Inspection = { format: "parquet" } | { format: "csv"; delimiter: string; columns: string[]; sample: SampleRecord[] };

const HEAD_BYTES = 1024 * 1024;
/** Enough rows to catch a wrongly mapped column at once; the whole file's count catches the rest. */
const SAMPLE_RECORDS = 20_000;
const DELIMITERS = [",", ";", "\t", "|"] as const;
const PARQUET_MAGIC = "PAR1";
/** An integer as a program writes it (no sign +, no leading zero, no spaces), small enough for a BIGINT. */
const INTEGER = /^-?(0|[1-9]\d{0,17})$/;

export async function inspectFile(file: string): Promise<Inspection> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat?.isFile()) throw auditError("audit_file_missing", { file });
  if (stat.size === 0) throw auditError("audit_file_empty", { file });
  const handle = await fs.open(file, "r");
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(Math.min(stat.size, HEAD_BYTES));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (head.subarray(0, 4).toString("latin1") === PARQUET_MAGIC) return { format: "parquet" };
  return { format: "csv", ...readHead(head, stat.size > head.length) };
}

/** The header of a CSV file (its delimiter and column names) and the complete records after it in `head`. */
function readHead(head: Buffer, truncated: boolean): { delimiter: string; columns: string[]; sample: SampleRecord[] } {
  // UTF-16 and UTF-32 byte order marks: DuckDB would read such a file as one garbled column.
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) throw auditError("audit_not_utf8", { line: 1 });
  const start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  const end = headerEnd(head, start);
  if (end === -1 && truncated) throw auditError("audit_header_missing");
  let line: string;
  try {
    line = new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(start, end === -1 ? head.length : end));
  } catch {
    throw auditError("audit_not_utf8", { line: 1 });
  }
  // A NUL in a text header means UTF-16 without its byte order mark (or a binary file).
  if (line.includes("\0")) throw auditError("audit_not_utf8", { line: 1 });
  if (!line.trim()) throw auditError("audit_header_missing");
  const delimiter = guessDelimiter(line);
  const [names] = parseRecords(line, delimiter, 1);
  const columns = names?.fields ?? [];
  if (names?.unterminated) throw auditError("audit_malformed_csv", { line: 1 });
  const duplicate = columns.find((name, i) => name !== "" && columns.indexOf(name) !== i);
  if (duplicate !== undefined) throw auditError(looksLikeData(columns) ? "audit_header_missing" : "audit_header_duplicated", { column: duplicate });
  // The rows are only a sample: a broken character there is DuckDB's to report, with its line.
  const rest = end === -1 ? "" : new TextDecoder("utf-8").decode(head.subarray(end));
  const records = parseRecords(rest.replace(/^\r?\n/, ""), delimiter, 2);
  // The last record may be cut off by the end of the first MiB.
  const complete = records.filter((r, i) => !r.unterminated && !(truncated && i === records.length - 1));
  return {
    delimiter,
    // An unnamed column (a trailing delimiter, say) cannot be mapped; it still needs a unique name for DuckDB.
    columns: columns.map((name, i) => name || `column${i + 1}`),
    sample: complete.map(({ line, fields }) => ({ line, fields })),
  };
}

/** Offset of the first line break outside quotes, or -1. */
function headerEnd(head: Buffer, start: number): number {
  let quoted = false;
  for (let i = start; i < head.length; i++) {
    const byte = head[i];
    if (byte === 0x22) quoted = !quoted;
    else if (!quoted && (byte === 0x0a || byte === 0x0d)) return i;
  }
  return -1;
}

/** The candidate that occurs most often outside quotes; a comma when none does (a single column). */
function guessDelimiter(line: string): string {
  let best: string = ",";
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    const count = (parseRecords(line, delimiter, 1)[0]?.fields.length ?? 1) - 1;
    if (count > bestCount) [best, bestCount] = [delimiter, count];
  }
  return best;
}

/**
 * RFC 4180 records, each with the line it starts on; a quoted value may span lines. At most SAMPLE_RECORDS: the
 * parent process parses them, so a text without quotes (most exports) takes the fast way of splitting.
 */
function parseRecords(text: string, delimiter: string, firstLine: number): Array<SampleRecord & { unterminated: boolean }> {
  if (!text.includes('"')) {
    return text
      .split("\n", SAMPLE_RECORDS)
      .map((line, i) => ({ line: firstLine + i, fields: line.replace(/\r$/, "").split(delimiter), unterminated: false }))
      .filter((r) => r.fields.length > 1 || r.fields[0] !== "");
  }
  const records: Array<SampleRecord & { unterminated: boolean }> = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = firstLine;
  let start = firstLine;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== "") records.push({ line: start, fields, unterminated: false });
    fields = [];
    field = "";
  };
  for (let i = 0; i < text.length && records.length < SAMPLE_RECORDS; i++) {
    const char = text[i]!;
    if (char === "\n") line++;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === "") quoted = true;
    else if (char === delimiter) {
      fields.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") {
        i++;
        line++;
      }
      endRecord();
      start = line;
    } else field += char;
  }
  if (records.length === SAMPLE_RECORDS) return records;
  if (quoted) records.push({ line: start, fields: [...fields, field], unterminated: true });
  else if (field !== "" || fields.length) endRecord();
  return records;
}

/** The columns the settings map, in a fixed order: decision or score, label, weight, protected attributes. */
function mappedColumns(settings: AuditSettings): string[] {
  return [settings.decision ?? settings.score, settings.label, settings.weight, ...settings.protected].filter(
    (c): c is string => c !== undefined,
  );
}

/** Numbers among the names of a header: the first line is most likely data, and the file has no header at all. */
function looksLikeData(columns: string[]): boolean {
  return columns.some((name) => /^[-+]?\d+([.,]\d+)?$/.test(name.trim()));
}

/** Every mapped column must exist; when none does in a header that looks like data, the header is what is missing. */
export function checkColumns(columns: string[], settings: AuditSettings): void {
  const missing = mappedColumns(settings).filter((c) => !columns.includes(c));
  if (!missing.length) return;
  if (missing.length === mappedColumns(settings).length && looksLikeData(columns)) throw auditError("audit_header_missing");
  throw auditError("audit_unknown_column", { column: missing[0]!, columns: columns.join(", ") });
}

/**
 * The layout the worker reads a file with, once its mapped columns exist and the sample's decision and label are
 * binary. A decision or label column whose sample values and favourable value are all integers is read as integers:
 * about a tenth faster to count than text, and "1" then equals "01".
 */
export function checkInput(inspection: Inspection, settings: AuditSettings): FileLayout {
  if (inspection.format === "parquet") return inspection;
  checkColumns(inspection.columns, settings);
  const integers: string[] = [];
  const binaries: Array<[string | undefined, string | undefined]> = [
    [settings.decision, settings.favourable],
    [settings.label, settings.label_favourable],
  ];
  for (const [column, favourable] of binaries) {
    if (column === undefined || favourable === undefined) continue;
    const index = inspection.columns.indexOf(column);
    const values = inspection.sample.map((r) => ({ line: r.line, value: r.fields[index] ?? "" })).filter((v) => v.value !== "");
    const other = values.find((v) => v.value !== favourable);
    const third = other && values.find((v) => v.value !== favourable && v.value !== other.value);
    // Only with the favourable value among them: without it, the whole file's check says that the value never occurs.
    if (third && values.some((v) => v.value === favourable)) {
      throw auditError("audit_not_binary", { column, line: third.line, values: [favourable, other.value, third.value].join(", ") });
    }
    if (INTEGER.test(favourable) && values.every((v) => INTEGER.test(v.value))) integers.push(column);
  }
  return { format: "csv", delimiter: inspection.delimiter, columns: inspection.columns, integers };
}
