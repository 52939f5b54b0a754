// `gaichel audit`, run as the command runs it; no database.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { AuditResult } from "../domains/audits/schema.ts";
import { runGaichel } from "../../test/cli.ts";

/** Runs the command as `gaichel` would, capturing what it prints. */
const gaichel = (...argv: string[]) => runGaichel({}, ...argv);

const FIXTURE = fileURLToPath(new URL("../../../shared/fixtures/audit/decisions-20k.csv", import.meta.url));
const MAPPING = ["--decision", "decision", "--favourable", "1", "--label", "label", "--label-favourable", "1"];
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "gaichel-audit-cli-"));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("gaichel audit", { timeout: 120_000 }, () => {
  it("prints the published result as JSON, every combination of the protected attributes included", async () => {
    const run = await gaichel("audit", FIXTURE, ...MAPPING, "--protected", "sex,nationality,age_band", "--format", "json");
    assert.equal(run.code, 0, run.err);
    const result = AuditResult.parse(JSON.parse(run.out));
    assert.equal(result.view, "published");
    assert.deepEqual(
      result.groupings.map((g) => g.attributes.join(" × ")),
      ["sex", "nationality", "age_band", "sex × nationality", "sex × age_band", "nationality × age_band", "sex × nationality × age_band"],
    );
    assert.ok(result.groupings.at(-1)!.groups.some((g) => g.suppressed));
  });

  it("writes a self-contained HTML report in the language asked for, with accessible charts and no small group's figures", async () => {
    const run = await gaichel("audit", FIXTURE, ...MAPPING, "--protected", "nationality", "--min-group", "500", "--format", "html", "--lang", "de");
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /^<!doctype html><html lang="de">/);
    assert.match(run.out, /<style>/, "the stylesheet travels with the file");
    assert.doesNotMatch(run.out, /<link rel="stylesheet"|<script/);
    assert.match(run.out, /<svg[^>]*role="img"[^>]*><title/);
    assert.match(run.out, /<table/);
    // DE has 440 rows, under the minimum of 500: its count appears nowhere.
    assert.doesNotMatch(run.out, />440</);
  });

  it("prints the raw view on request, with no group withheld", async () => {
    const run = await gaichel("audit", FIXTURE, ...MAPPING, "--protected", "sex,age_band", "--view", "raw", "--format", "json");
    assert.equal(run.code, 0, run.err);
    const result = AuditResult.parse(JSON.parse(run.out));
    assert.ok(result.groupings.every((g) => g.groups.every((group) => !group.suppressed)));
  });

  it("prints one table per grouping, with the reference group and the four-fifths flags", async () => {
    const run = await gaichel("audit", FIXTURE, ...MAPPING, "--protected", "nationality", "--reference", "nationality=LU", "--min-group", "500");
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /^nationality — reference: LU \(named\)$/m);
    assert.match(run.out, /^LU \(reference\) +9,412 +0\.426 /m);
    assert.match(run.out, /^PT +2,913 +0\.268 .* 0\.629 ! /m);
    // DE (440 rows) is under 500, and BE (803), the next-smallest, goes with it: else the total would give DE away.
    assert.match(run.out, /^DE +withheld: fewer than 500 rows$/m);
    assert.match(run.out, /^BE +withheld: would reveal a small group$/m);
    assert.match(run.out, /^FR +1,594 /m);
  });

  it("audits a score against a threshold", async () => {
    const run = await gaichel("audit", FIXTURE, "--score", "score", "--threshold", "0.5", "--protected", "sex", "--format", "json");
    assert.equal(run.code, 0, run.err);
    assert.equal(AuditResult.parse(JSON.parse(run.out)).groupings[0]!.groups[0]!.selection_rate, 0.3069155446756426);
  });

  it("fails with the translated message when a column does not exist", async () => {
    const run = await gaichel("audit", FIXTURE, ...MAPPING, "--protected", "gender");
    assert.equal(run.code, 1);
    assert.equal(
      run.err.trim(),
      "Unknown column: The file has no column “gender”. Its columns are: id, sex, age_band, nationality, region, score, decision, label.",
    );
  });

  it("fails with the line of a row that has too few fields", async () => {
    const file = path.join(scratch, "ragged.csv");
    fs.writeFileSync(file, "sex,decision\nF,1\nM\nF,0\n");
    const run = await gaichel("audit", file, "--decision", "decision", "--favourable", "1", "--protected", "sex");
    assert.equal(run.code, 1);
    assert.equal(
      run.err.trim(),
      "A line has the wrong number of fields: Line 3 has 1 field(s); the header has 2. Check its delimiters and quotes.",
    );
  });

  it("refuses a threshold that is not a number", async () => {
    const run = await gaichel("audit", FIXTURE, "--score", "score", "--threshold", "half", "--protected", "sex");
    assert.equal(run.code, 1);
    assert.match(run.err, /--threshold <number>' argument 'half' is invalid\. not a number\./);
  });
});
