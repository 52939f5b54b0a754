// Scanning files through DuckDB: CSV with a semicolon, Parquet, a sample and every row.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { DuckDBInstance } from "@duckdb/node-api";
import { PrivacyError } from "./errors.ts";
import { scanFile } from "./scan.ts";
import * as synthetic from "./synthetic.ts";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "gaichel-scan-"));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));
const next = synthetic.seededRandom(11);
const csv = path.join(scratch, "people.csv");
fs.writeFileSync(
  csv,
  [
    "NISS;Matricule;Courriel;Handy;IBAN;Postleitzuel;montant;opmerking",
    ...Array.from({ length: 300 }, (_, i) => {
      const who = synthetic.person(next);
      const note = i % 10 === 0 ? `"Bel terug op ${synthetic.phone(next)}"` : "Geen opmerkingen";
      return [synthetic.beNationalNumber(who), synthetic.luNationalId(who), synthetic.email(next, i), synthetic.phone(next), synthetic.beIban(next), synthetic.postcode(next), (next() * 900).toFixed(2), note].join(";");
    }),
    "",
  ].join("\n"),
);
const expected = [
  ["NISS", "be_national_number"],
  ["Matricule", "lu_national_id"],
  ["Courriel", "email"],
  ["Handy", "phone"],
  ["IBAN", "iban"],
  ["Postleitzuel", "postcode"],
  ["montant", null],
  ["opmerking", null],
];

describe("scanFile", () => {
  it("classifies every column of a CSV from a sample", async () => {
    const result = await scanFile(csv, { rows: 100 });
    assert.equal(result.mode, "sample");
    assert.equal(result.rows, 100);
    assert.deepEqual(result.columns.map((c) => [c.name, c.entity]), expected);
  });

  it("reads every row in full mode, and finds the phone numbers in the remarks", async () => {
    const result = await scanFile(csv, { rows: "all" });
    assert.equal(result.mode, "full");
    assert.equal(result.rows, 300);
    assert.deepEqual(result.columns.at(-1)!.in_text.map((m) => [m.entity, m.share]), [["phone", 0.1]]);
  });

  it("reads Parquet the same way, its typed columns as text", async () => {
    const parquet = path.join(scratch, "people.parquet");
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    await connection.run(`COPY (SELECT * FROM read_csv('${csv}', all_varchar = true)) TO '${parquet}' (FORMAT parquet)`);
    connection.closeSync();
    instance.closeSync();
    const result = await scanFile(parquet);
    assert.deepEqual(result.columns.map((c) => [c.name, c.entity]), expected);
  });

  it("says which file is missing or unreadable, and nothing of its content", async () => {
    await assert.rejects(scanFile(path.join(scratch, "absent.csv")), (e: unknown) => e instanceof PrivacyError && e.key === "privacy.errors.file_not_found");
    const binary = path.join(scratch, "broken.parquet");
    fs.writeFileSync(binary, "PAR1 this is not parquet 90051512391");
    await assert.rejects(
      scanFile(binary),
      (e: unknown) => e instanceof PrivacyError && e.key === "privacy.errors.file_unreadable" && !JSON.stringify(e.params).includes("90051512391"),
    );
  });
});
