// Pseudonymising files: configuration errors, determinism, domains, reversibility, suppression, Parquet, run records.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { DuckDBInstance } from "@duckdb/node-api";
import { AppError } from "../../http/errors.ts";
import { SecretKey } from "./keys.ts";
import { parseConfig, previewPseudonymisation, pseudonymiseFile, revealValue } from "./pseudonymise.ts";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "gaichel-pseudonymise-"));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));
const keyBytes = Buffer.alloc(32, 9);
const key = new SecretKey(keyBytes);
const otherKey = new SecretKey(Buffer.alloc(32, 10));

// Semicolons, as Belgian spreadsheets write CSV; the same national number written two ways.
const input = path.join(scratch, "people.csv");
fs.writeFileSync(
  input,
  [
    "rijksregisternummer;matricule;e-mail;gsm;date_naissance;age;code_postal;decision",
    "90.05.15-123.91;1985071412341;an.peeters@example.be;0470 12 34 56;1990-05-15;35;1000;granted",
    "90051512391;1893120105732;jan.maes@example.lu;+352 621 123 456;15/05/1990;35;L-4402;refused",
    ";;;;;;;granted",
    "",
  ].join("\n"),
);

const config = parseConfig({
  domain: "pilot-lu-be-2026",
  columns: [
    { name: "rijksregisternummer", operator: "hmac", entity: "be_national_number" },
    { name: "matricule", operator: "aes_siv" },
    { name: "e-mail", operator: "suppress" },
    { name: "gsm", operator: "mask", keepLast: 2 },
    { name: "date_naissance", operator: "generalise", to: "year" },
    { name: "age", operator: "generalise", to: "age_band" },
    { name: "code_postal", operator: "generalise", to: "region" },
  ],
});

async function run(cfg = config, options: { key?: SecretKey } = { key }, out = path.join(scratch, `out-${Math.random()}.csv`)) {
  const record = await pseudonymiseFile(input, out, cfg, options);
  const lines = fs.readFileSync(out, "utf8").trim().split("\n");
  return { record, out, header: lines[0]!.split(";"), rows: lines.slice(1).map((line) => line.split(";")) };
}

describe("parseConfig", () => {
  it("fills in the documented defaults", () => {
    assert.deepEqual(parseConfig({ domain: "d", columns: [{ name: "a", operator: "hmac" }] }).columns[0], {
      name: "a",
      operator: "hmac",
      length: 26,
      prefix: "h_",
    });
  });

  it("lists every problem with its path and a translation key", () => {
    try {
      parseConfig({
        domain: "",
        columns: [
          { name: "a", operator: "shuffle" },
          { name: "b", operator: "hmac", length: 8 },
          { name: "c", operator: "generalise", to: "decade" },
          { name: "b", operator: "mask", colour: "red" },
        ],
        extra: true,
      });
      assert.fail("expected an error");
    } catch (error) {
      assert.ok(error instanceof AppError);
      assert.equal(error.id, "privacy_config_invalid");
      assert.deepEqual(
        error.fields.map((p) => `${p.path} ${p.message}`).sort(),
        [
          "extra privacy.validation.unknown_field",
          "columns.0.operator privacy.validation.operator",
          "columns.1.length privacy.validation.range",
          "columns.2.to privacy.validation.generalise_to",
          "columns.3.colour privacy.validation.unknown_field",
          "domain validation.required",
        ].sort(),
      );
    }
  });

  it("refuses a column configured twice", () => {
    assert.throws(
      () => parseConfig({ domain: "d", columns: [{ name: "a", operator: "hmac" }, { name: "a", operator: "suppress" }] }),
      (e: unknown) => e instanceof AppError && e.fields.some((p) => p.path === "columns.1.name" && p.message === "privacy.validation.duplicate_column"),
    );
  });
});

describe("pseudonymiseFile", () => {
  it("applies each operator, keeps the delimiter, leaves empty cells empty, and removes suppressed columns", async () => {
    const { header, rows, record } = await run();
    assert.deepEqual(header, ["rijksregisternummer", "matricule", "gsm", "date_naissance", "age", "code_postal", "decision"]);
    const [first, second, empty] = rows;
    assert.match(first![0]!, /^h_[a-z2-7]{26}$/);
    assert.match(first![1]!, /^e_[A-Za-z0-9_-]+$/);
    assert.deepEqual(first!.slice(2), ["***********56", "1990", "30-39", "BE-BRU", "granted"]);
    assert.deepEqual(second!.slice(2), ["**************56", "1990", "30-39", "L-4xxx", "refused"]);
    assert.deepEqual(empty, ["", "", "", "", "", "", "granted"]);
    assert.equal(record.rows, 3);
  });

  it("gives one pseudonym to one national number however it is written", async () => {
    const { rows } = await run();
    assert.equal(rows[0]![0], rows[1]![0]);
  });

  it("gives the same output for the same input, key and domain; another domain or key gives others", async () => {
    const first = await run();
    const again = await run();
    assert.deepEqual(again.rows, first.rows);
    const otherDomain = await run(parseConfig({ ...config, domain: "audit-42" }));
    const otherKeyRun = await run(config, { key: otherKey });
    for (const other of [otherDomain, otherKeyRun]) {
      assert.notEqual(other.rows[0]![0], first.rows[0]![0]);
      assert.notEqual(other.rows[0]![1], first.rows[0]![1]);
    }
  });

  it("AES-SIV pseudonyms decrypt with the key and domain, and not with another key or domain", async () => {
    const { rows } = await run();
    assert.equal(revealValue(rows[0]![1]!, key, "pilot-lu-be-2026"), "1985071412341");
    assert.equal(revealValue(rows[1]![1]!, key, "pilot-lu-be-2026"), "1893120105732");
    const failed = (e: unknown) => e instanceof AppError && e.id === "privacy_decrypt_failed";
    assert.throws(() => revealValue(rows[0]![1]!, otherKey, "pilot-lu-be-2026"), failed);
    assert.throws(() => revealValue(rows[0]![1]!, key, "another-domain"), failed);
  });

  it("records the domain, the key id and each operator with its parameters, never the key", async () => {
    const { record } = await run();
    assert.equal(record.domain, "pilot-lu-be-2026");
    assert.equal(record.keyId, key.id);
    assert.deepEqual(record.columns[0], { name: "rijksregisternummer", operator: "hmac", params: { entity: "be_national_number", length: 26, prefix: "h_" } });
    assert.deepEqual(record.columns[2], { name: "e-mail", operator: "suppress", params: { mode: "remove" } });
    const text = JSON.stringify(record);
    for (const secret of [keyBytes.toString("hex"), keyBytes.toString("base64"), keyBytes.toString("base64url")]) assert.ok(!text.includes(secret));
  });

  it("needs no key for masking and generalisation alone; a keyed operator without one is refused", async () => {
    const keyless = parseConfig({ domain: "d", columns: [{ name: "age", operator: "generalise", to: "age_band", width: 20 }, { name: "e-mail", operator: "suppress", mode: "empty" }] });
    const { record, header, rows } = await run(keyless, {});
    assert.equal(record.keyId, null);
    assert.equal(header.length, 8);
    assert.deepEqual([rows[0]![2], rows[0]![5]], ["", "20-39"]);
    await assert.rejects(run(config, {}), (e: unknown) => e instanceof AppError && e.id === "privacy_key_missing");
  });

  it("names configured columns the file lacks, and leaves no output behind on failure", async () => {
    const out = path.join(scratch, "never.csv");
    const cfg = parseConfig({ domain: "d", columns: [{ name: "iban", operator: "hmac" }, { name: "BSN", operator: "hmac" }] });
    await assert.rejects(
      pseudonymiseFile(input, out, cfg, { key }),
      (e: unknown) => e instanceof AppError && e.id === "privacy_column_not_found" && e.params.columns === "iban, BSN",
    );
    assert.deepEqual(fs.readdirSync(scratch).filter((f) => f.startsWith("never")), []);
    await assert.rejects(pseudonymiseFile(input, input, config, { key }), (e: unknown) => e instanceof AppError && e.id === "privacy_output_is_input");
  });

  it("writes Parquet when asked, with the same values", async () => {
    const csv = await run();
    const out = path.join(scratch, "out.parquet");
    await pseudonymiseFile(input, out, config, { key });
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    const reader = await connection.runAndReadAll(`SELECT rijksregisternummer, age FROM read_parquet('${out}')`);
    assert.deepEqual(reader.getRows()[0], [csv.rows[0]![0], "30-39"]);
    connection.closeSync();
    instance.closeSync();
  });

  it("previews the first rows as they would come out", async () => {
    const preview = await previewPseudonymisation(input, config, { key, rows: 2 });
    const { rows } = await run();
    assert.deepEqual(preview.header, ["rijksregisternummer", "matricule", "gsm", "date_naissance", "age", "code_postal", "decision"]);
    assert.deepEqual(preview.rows, rows.slice(0, 2));
  });
});
