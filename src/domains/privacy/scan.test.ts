// Scanning files through DuckDB: CSV with a semicolon, Parquet, a sample and every row.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { DuckDBInstance } from "@duckdb/node-api";
import { AppError } from "../../http/errors.ts";
import type { ColumnFinding } from "./schema.ts";
import { classifyColumn, PRUNE_AFTER } from "./classify.ts";
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
    await assert.rejects(scanFile(path.join(scratch, "absent.csv")), (e: unknown) => e instanceof AppError && e.id === "privacy_file_not_found");
    const binary = path.join(scratch, "broken.parquet");
    fs.writeFileSync(binary, "PAR1 this is not parquet 90051512391");
    await assert.rejects(
      scanFile(binary),
      (e: unknown) => e instanceof AppError && e.id === "privacy_file_unreadable" && !JSON.stringify(e.params).includes("90051512391"),
    );
  });

  it("counts every row of a large file as JavaScript alone would, past the rows it reads in JavaScript", async () => {
    const random = synthetic.seededRandom(3);
    const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
    // More rows than full-scan.ts reads in JavaScript at most: a sparse column never settles which recognisers it tries.
    const rows = 2 * PRUNE_AFTER + 2500;
    // Past those rows, values turn up in forms that the SQL of full-scan.ts must read as parse does.
    const late = (i: number) => i > 2 * PRUNE_AFTER + 500;
    const spaced = (value: string) => pick([value, ` ${value} `, `\u00a0${value}`, value.replace(/(\d{3})(?=\d)/g, "$1 "), value.replace(/(\d{2})(?=\d)/g, "$1.")]);
    const columns: Record<string, (i: number) => string> = {
      NISS: (i) => {
        const number = synthetic.beNationalNumber(synthetic.person(random));
        return late(i) ? pick([spaced(number), "90451512380", "unknown", "", number.slice(1), `${number.slice(0, 10)}0`]) : number;
      },
      Matricule: (i) => (late(i) && random() < 0.3 ? spaced(synthetic.luNationalId(synthetic.person(random))) : synthetic.luNationalId(synthetic.person(random))),
      mail: (i) => (late(i) && random() < 0.2 ? pick(["an.peeters@example", " An.Peeters@Example.BE", "mailto:x@example.lu"]) : synthetic.email(random, i)),
      tel: (i) => (late(i) ? pick([synthetic.phone(random), "0470 12 34 56", "+32 430 12 34 56", "1990-05-12", "621 123 456", "12345"]) : synthetic.phone(random)),
      iban: (i) => {
        const iban = synthetic.beIban(random);
        return late(i) ? pick([iban, `IBAN: ${iban}`, iban.replace(/(.{4})/g, "$1 ").trim(), iban.toLowerCase(), `${iban.slice(0, 15)}9`]) : iban;
      },
      code: (i) => (late(i) ? pick(["L-4402", "l 4402", "B-1000", "0999", "9993", "ﬂ-1234", synthetic.postcode(random)]) : synthetic.postcode(random)),
      ondernemingsnummer: (i) => {
        const number = synthetic.beEnterpriseNumber(random);
        return late(i) ? pick([number, `BE${number}`, `be ${number.slice(1)}`, "2123456791", `${number.slice(0, 9)}0`]) : number;
      },
      plaat: (i) => (late(i) ? pick(["2-XYZ-789", "abc-123", "ﬂ 1234", "ſx 1234", "1-AB-123", "XY 3456"]) : pick(["1-ABC-123", "2-DEF-456", "ABC-123"])),
      notes: (i) =>
        late(i)
          ? pick([
              `Rappeler au ${synthetic.phone(random)} ou écrire à ${synthetic.email(random, i)}.`,
              `Compte ${synthetic.beIban(random)} vérifié`,
              `NISS ${synthetic.beNationalNumber(synthetic.person(random))} reçu`,
              "Plaque 1-ABC-123 signalée\u00a0hier",
              "Dossier complet.",
              "",
            ])
          : pick(["Dossier complet.", "Pièces reçues.", `Suivi dans ${i % 12} mois.`]),
      sparse: () => (random() < 0.03 ? pick([synthetic.beNationalNumber(synthetic.person(random)), synthetic.phone(random), "L-1234", "texte libre ici"]) : ""),
    };
    const names = Object.keys(columns);
    const table = Array.from({ length: rows }, (_, i) => names.map((name) => columns[name]!(i)));
    const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
    const file = path.join(scratch, "large.csv");
    fs.writeFileSync(file, [names.join(","), ...table.map((row) => row.map(quote).join(","))].join("\n") + "\n");
    const result = await scanFile(file, { rows: "all" });
    assert.equal(result.rows, rows);
    // Examples are the first ones found, which need not be the same ones.
    const comparable = ({ examples, in_text, ...finding }: ColumnFinding) => ({ ...finding, examples: examples.length, in_text: in_text.map((m) => ({ ...m, examples: m.examples.length })) });
    const expectedFindings = names.map((name, c) => comparable(classifyColumn(name, table.map((row) => row[c]!))));
    assert.deepEqual(result.columns.map(comparable), expectedFindings);
  });
});
