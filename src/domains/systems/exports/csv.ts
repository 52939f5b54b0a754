// CSV for every export and import: formula-injection escaping, RFC 4180 writing and the matching reader.
// Escaping follows OWASP "CSV Injection" (owasp.org/www-community/attacks/CSV_Injection): prefix a cell
// that a spreadsheet would run as a formula with an apostrophe, quote every cell, double the quotes.
import { parse } from "csv-parse/sync";
import { errors } from "../../../http/errors.ts";

/**
 * A cell a spreadsheet may evaluate: it starts with = + - @, tab, CR or LF, or the full-width
 * ＝ ＋ － ＠ that some spreadsheets normalise to their ASCII forms. Leading apostrophes are part of the
 * pattern so that a value that already starts with `'=` gets one more apostrophe: that keeps
 * escaping reversible, so a CSV import of an export gives back exactly what was exported.
 */
const formulaStart = /^'*[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

/** The one formula-injection escaper of every CSV export. */
export function escapeCsvCell(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}

/** Exact inverse of `escapeCsvCell`, for imports of our own exports. */
export function unescapeCsvCell(value: string): string {
  return value.startsWith("'") && formulaStart.test(value) ? value.slice(1) : value;
}

// Every cell is quoted, not only those with separators: a spreadsheet that guesses another
// separator (`;` in many European locales) cannot then split a cell and expose a formula.
function quote(cell: string): string {
  return `"${escapeCsvCell(cell).replaceAll('"', '""')}"`;
}

/**
 * RFC 4180 text with CRLF line ends and a UTF-8 byte order mark, without which Excel reads
 * accented text (é, ë, ä) as Latin-1.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [header, ...rows].map((row, index) => {
    if (row.length !== header.length) {
      throw new Error(`CSV row ${index + 1} has ${row.length} cells, the header has ${header.length}`);
    }
    return row.map(quote).join(",");
  });
  return `\uFEFF${lines.map((line) => `${line}\r\n`).join("")}`;
}

export interface CsvRow {
  /** Row number as a spreadsheet shows it (the header is row 1), for error messages. */
  line: number;
  cells: Record<string, string>;
}

/**
 * Reads a CSV with a header row (BOM optional), undoing `escapeCsvCell` on every cell.
 * A malformed file throws `import_invalid` with the message `validation.csv_syntax`.
 */
export function parseCsv(text: string): { header: string[]; rows: CsvRow[] } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    // csv-parse counts CR and LF inside quoted cells as two lines, so its line number is only a hint.
    const { lines } = error as { lines?: unknown };
    throw errors.importInvalid([
      { path: "", message: "validation.csv_syntax", line: typeof lines === "number" ? lines : undefined },
    ]);
  }
  const [head = [], ...body] = records;
  const header = head.map(unescapeCsvCell);
  const rows = body.map((record, index) => ({
    line: index + 2,
    cells: Object.fromEntries(header.map((column, i) => [column, unescapeCsvCell(record[i] ?? "")])),
  }));
  return { header, rows };
}
