import { test } from "node:test";
import assert from "node:assert/strict";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { AppError } from "../../../http/errors.ts";
import { escapeCsvCell, parseCsv, toCsv, unescapeCsvCell } from "./csv.ts";

const dangerous = ["=", "+", "-", "@", "\t", "\r", "\n", "\uFF1D", "\uFF0B", "\uFF0D", "\uFF20"];

/** Text made of the characters that break naive CSV writers or trigger formulas, plus ordinary ones. */
const trickyText = fc.oneof(
  fc.string({ unit: fc.constantFrom(...dangerous, '"', ",", ";", "'", " ", "a", "é", "ä", "\r\n"), maxLength: 12 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
);

const readBack = (csv: string): string[][] => parse(csv, { bom: true }) as string[][];

test("a cell starting like a formula gets an apostrophe, in ASCII and full-width forms", () => {
  for (const start of dangerous) {
    assert.equal(escapeCsvCell(`${start}SUM(A1)`), `'${start}SUM(A1)`, JSON.stringify(start));
  }
  assert.equal(escapeCsvCell("=HYPERLINK(\"http://evil\")"), "'=HYPERLINK(\"http://evil\")");
});

test("ordinary cells are left alone, including a sign inside the text", () => {
  for (const value of ["", "Tri des dossiers", "a=b", "2024-01-01", "'quoted", " =1"]) {
    assert.equal(escapeCsvCell(value), value);
  }
});

test("an apostrophe already before a formula gets one more, so unescaping gives the original back", () => {
  assert.equal(escapeCsvCell("'=1+1"), "''=1+1");
  assert.equal(unescapeCsvCell("''=1+1"), "'=1+1");
  assert.equal(unescapeCsvCell("'plain"), "'plain");
});

test("toCsv writes a BOM, quotes every cell, doubles quotes and ends lines with CRLF", () => {
  const csv = toCsv(["name", "note"], [["Café \"Central\"", "=1+1"], ["a,b", "x\ny"]]);
  assert.ok(csv.startsWith("\uFEFF"));
  assert.equal(csv, '\uFEFF"name","note"\r\n"Café ""Central""","\'=1+1"\r\n"a,b","x\ny"\r\n');
});

test("toCsv escapes the header too and refuses ragged rows", () => {
  assert.ok(toCsv(["-id"], []).includes(`"'-id"`));
  assert.throws(() => toCsv(["a", "b"], [["only one"]]), /row 2 has 1 cells/);
});

test("property: csv-parse gives back every cell, no cell starts with a formula character", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 4 }).chain((width) =>
        fc.tuple(
          fc.array(trickyText, { minLength: width, maxLength: width }),
          fc.array(fc.array(trickyText, { minLength: width, maxLength: width }), { maxLength: 5 }),
        ),
      ),
      ([header, rows]) => {
        const parsed = readBack(toCsv(header, rows));
        for (const cell of parsed.flat()) {
          assert.ok(!dangerous.some((d) => cell.startsWith(d)), `cell starts with a formula character: ${JSON.stringify(cell)}`);
        }
        assert.deepEqual(parsed.map((row) => row.map(unescapeCsvCell)), [header, ...rows]);
      },
    ),
    { numRuns: 300 },
  );
});

test("property: unescapeCsvCell undoes escapeCsvCell", () => {
  fc.assert(fc.property(trickyText, (value) => unescapeCsvCell(escapeCsvCell(value)) === value));
});

test("parseCsv maps cells to the header, unescapes them and numbers rows as a spreadsheet does", () => {
  const csv = toCsv(["id", "note"], [["a", "=x"], ["b", "two\r\nlines"], ["c", ""]]);
  const { header, rows } = parseCsv(csv);
  assert.deepEqual(header, ["id", "note"]);
  assert.deepEqual(rows, [
    { line: 2, cells: { id: "a", note: "=x" } },
    { line: 3, cells: { id: "b", note: "two\r\nlines" } },
    { line: 4, cells: { id: "c", note: "" } },
  ]);
});

test("parseCsv rejects a malformed file with import_invalid", () => {
  assert.throws(
    () => parseCsv('"id","note"\r\n"a","unclosed\r\n'),
    (error: unknown) =>
      error instanceof AppError &&
      error.id === "import_invalid" &&
      error.fields[0]?.message === "validation.csv_syntax",
  );
  assert.throws(() => parseCsv('"id","note"\r\n"a"\r\n'), AppError);
});
