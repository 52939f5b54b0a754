// `gaichel privacy …`, run as the command runs them; no database. Also: no key and no raw identifier in any output.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import * as synthetic from "../domains/privacy/synthetic.ts";
import { runGaichel, type CliRun } from "../../test/cli.ts";

/** Every output of every run, searched at the end for key material and raw identifiers. */
const everything: string[] = [];

/** Runs the command as `gaichel` would, capturing what it prints. */
async function gaichel(env: Record<string, string | undefined>, ...argv: string[]): Promise<CliRun> {
  const defined = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const run = await runGaichel(defined, ...argv);
  everything.push(run.out, run.err);
  return run;
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "gaichel-privacy-cli-"));
const at = (name: string) => path.join(scratch, name);
const next = synthetic.seededRandom(5);
const people = Array.from({ length: 60 }, () => synthetic.person(next));
const nationalNumbers = people.map(synthetic.beNationalNumber);
fs.writeFileSync(
  at("people.csv"),
  [
    "rijksregisternummer,courriel,leeftijd,geslacht,postcode,beslissing",
    ...people.map((who, i) => [nationalNumbers[i], synthetic.email(next, i), 2026 - who.birth.year, i % 2 ? "M" : "V", 1000 + (i % 3) * 1000, i % 4 ? "toegekend" : "geweigerd"].join(",")),
    "",
  ].join("\n"),
);
fs.writeFileSync(
  at("config.json"),
  JSON.stringify({
    domain: "pilot-2026",
    columns: [
      { name: "rijksregisternummer", operator: "hmac", entity: "be_national_number" },
      { name: "courriel", operator: "aes_siv" },
      { name: "leeftijd", operator: "generalise", to: "age_band" },
    ],
  }),
);

describe("gaichel privacy keygen", () => {
  it("writes a key readable by its owner only, and prints its id but not the key", async () => {
    const run = await gaichel({}, "privacy", "keygen", "--out", at("pilot.key"));
    assert.equal(run.code, 0, run.err);
    assert.equal(fs.statSync(at("pilot.key")).mode & 0o777, 0o600);
    assert.match(run.out, /key id [0-9a-f]{16}/);
  });

  it("never overwrites a key file", async () => {
    const before = fs.readFileSync(at("pilot.key"), "utf8");
    const run = await gaichel({}, "privacy", "keygen", "--out", at("pilot.key"));
    assert.equal(run.code, 1);
    assert.match(run.err, /^The key file already exists: .*pilot\.key already exists; a key file is never overwritten\.$/m);
    assert.equal(fs.readFileSync(at("pilot.key"), "utf8"), before);
  });
});

describe("gaichel privacy scan", () => {
  it("prints { columns: [{ name, entity, confidence, valid_share, examples }] } as JSON", async () => {
    const run = await gaichel({}, "privacy", "scan", at("people.csv"), "--format", "json");
    assert.equal(run.code, 0, run.err);
    const { columns, ...rest } = JSON.parse(run.out) as { columns: Array<Record<string, unknown>> };
    assert.deepEqual(rest, {});
    for (const column of columns) for (const field of ["name", "entity", "confidence", "valid_share", "examples"]) assert.ok(field in column, field);
    assert.deepEqual(
      columns.map((c) => [c.name, c.entity]),
      [
        ["rijksregisternummer", "be_national_number"],
        ["courriel", "email"],
        ["leeftijd", null],
        ["geslacht", null],
        ["postcode", "postcode"],
        ["beslissing", null],
      ],
    );
  });

  it("prints a table by default", async () => {
    const run = await gaichel({}, "privacy", "scan", at("people.csv"), "--all");
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /^column\s+entity\s+confidence/);
    assert.match(run.out, /rijksregisternummer\s+be_national_number\s+1\.00\s+100\.0 %/);
  });
});

describe("gaichel privacy pseudonymise", () => {
  it("protects the file with the key file and prints the run record", async () => {
    const run = await gaichel({}, "privacy", "pseudonymise", at("people.csv"), "--config", at("config.json"), "--key-file", at("pilot.key"), "-o", at("out.csv"));
    assert.equal(run.code, 0, run.err);
    const record = JSON.parse(run.out) as { domain: string; keyId: string; rows: number; columns: Array<{ name: string; operator: string }> };
    assert.equal(record.domain, "pilot-2026");
    assert.match(record.keyId, /^[0-9a-f]{16}$/);
    assert.equal(record.rows, 60);
    assert.deepEqual(record.columns.map((c) => c.operator), ["hmac", "aes_siv", "generalise"]);
    const output = fs.readFileSync(at("out.csv"), "utf8");
    for (const number of nationalNumbers) assert.ok(!output.includes(number));
  });

  it("takes the key from GAICHEL_PRIVACY_KEY, giving the same pseudonyms as the key file", async () => {
    const env = { GAICHEL_PRIVACY_KEY: fs.readFileSync(at("pilot.key"), "utf8").trim() };
    const run = await gaichel(env, "privacy", "pseudonymise", at("people.csv"), "--config", at("config.json"), "-o", at("out-env.csv"));
    assert.equal(run.code, 0, run.err);
    assert.equal(fs.readFileSync(at("out-env.csv"), "utf8"), fs.readFileSync(at("out.csv"), "utf8"));
  });

  it("fails with key_missing when there is no key, and writes nothing", async () => {
    const run = await gaichel({}, "privacy", "pseudonymise", at("people.csv"), "--config", at("config.json"), "-o", at("nokey.csv"));
    assert.equal(run.code, 1);
    assert.match(run.err, /^No pseudonymisation key: No pseudonymisation key was found \(GAICHEL_PRIVACY_KEY\)\./m);
    assert.equal(fs.existsSync(at("nokey.csv")), false);
  });

  it("lists the problems of a configuration", async () => {
    fs.writeFileSync(at("bad.json"), JSON.stringify({ domain: "d", columns: [{ name: "courriel", operator: "hash" }] }));
    const run = await gaichel({}, "privacy", "pseudonymise", at("people.csv"), "--config", at("bad.json"), "--key-file", at("pilot.key"), "-o", at("bad.csv"));
    assert.equal(run.code, 1);
    assert.equal(
      run.err.trim(),
      [
        "The configuration is not valid: The configuration has 1 problem(s); nothing was written.",
        "  columns.0.operator: Choose an operator: hmac, aes_siv, mask, generalise or suppress",
      ].join("\n"),
    );
  });

  it("names the line of a configuration that is not JSON", async () => {
    fs.writeFileSync(at("syntax.json"), '{\n  "domain": "d"\n  "columns": []\n}\n');
    const run = await gaichel({}, "privacy", "pseudonymise", at("people.csv"), "--config", at("syntax.json"), "--key-file", at("pilot.key"), "-o", at("syntax.csv"));
    assert.equal(run.code, 1);
    assert.match(run.err, /^ {2}line 3, syntax\.json: The file is not valid JSON/m);
  });
});

describe("gaichel privacy risk", () => {
  it("reports k, uniques, prosecutor and marketer risk and suggestions as JSON", async () => {
    const run = await gaichel({}, "privacy", "risk", at("people.csv"), "--qi", "leeftijd,geslacht,postcode", "--sensitive", "beslissing", "--format", "json");
    assert.equal(run.code, 0, run.err);
    const report = JSON.parse(run.out) as { records: number; k: number; marketer: number; classes: number; l_diversity: number; suggestions: unknown[] };
    assert.equal(report.records, 60);
    assert.equal(report.marketer, report.classes / 60);
    assert.ok(report.k >= 1);
    assert.ok(report.l_diversity >= 1);
    assert.ok(report.suggestions.length >= 3);
  });

  it("prints a readable summary by default, and names an unknown column", async () => {
    const run = await gaichel({}, "privacy", "risk", at("people.csv"), "--qi", "leeftijd,geslacht");
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /k-anonymity: \d+/);
    const missing = await gaichel({}, "privacy", "risk", at("people.csv"), "--qi", "leeftijd,nationaliteit");
    assert.equal(missing.code, 1);
    assert.match(missing.err, /The file has no column named nationaliteit\./);
  });
});

describe("a malformed file", () => {
  it("is reported by name, without the offending line, which may hold an identifier", async () => {
    // DuckDB quotes a bad line in its own message ("Original Line: …"): the commands must not pass it on.
    fs.writeFileSync(at("broken.csv"), `rijksregisternummer,courriel\n${nationalNumbers[0]},a@example.be\n${nationalNumbers[1]},b@example.be,extra,"unclosed\n`);
    for (const argv of [
      ["privacy", "scan", at("broken.csv"), "--all"],
      ["privacy", "risk", at("broken.csv"), "--qi", "courriel"],
      ["privacy", "pseudonymise", at("broken.csv"), "--config", at("config.json"), "--key-file", at("pilot.key"), "-o", at("broken-out.csv")],
    ]) {
      const run = await gaichel({}, ...argv);
      if (run.code === 0) continue;
      assert.match(run.err, /^(The file cannot be read: The file broken\.csv could not be read|Unknown column: )/, argv[1]);
    }
  });
});

after(() => {
  // No output of any command holds the key, in any encoding, nor a raw national number.
  const key = Buffer.from(fs.readFileSync(at("pilot.key"), "utf8").trim(), "base64");
  const printed = everything.join("\n");
  for (const secret of [key.toString("hex"), key.toString("base64"), key.toString("base64url")]) assert.ok(!printed.includes(secret), "key material printed");
  for (const number of nationalNumbers) assert.ok(!printed.includes(number), "a raw identifier was printed");
  fs.rmSync(scratch, { recursive: true, force: true });
});
