// `gaichel instruments validate` and `gaichel assessments score`, run as the command runs them; no database.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { runGaichel } from "../../test/cli.ts";

/** Runs the command as `gaichel` would, capturing what it prints. */
const gaichel = (...argv: string[]) => runGaichel({}, ...argv);

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "gaichel-assessments-"));
const write = (name: string, text: string) => {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, text);
  return file;
};
const SURVEY = fileURLToPath(new URL("../../../shared/reference/instruments/canada-aia/survey-enfr.json", import.meta.url));

const benefits = write(
  "benefits.json",
  JSON.stringify({ decision_area: "rights_benefits", automation: "automatic", vulnerable_groups: "mainly", rights_affected: ["equality", "privacy"] }),
);

describe("gaichel instruments validate", () => {
  it("checks every bundled instrument when given no file", async () => {
    const run = await gaichel("instruments", "validate");
    assert.equal(run.code, 0, run.err);
    for (const id of ["ai-act-classification", "dpia-screening", "fria", "impact-level"]) assert.match(run.out, new RegExp(`^ok .* ${id}@1\\.0\\.0 `, "m"));
  });

  it("fails with the file, line and path of the bad node", async () => {
    const broken = write(
      "broken.yaml",
      [
        "id: broken",
        "version: 1.0.0",
        "title: { en: Broken }",
        "pages:",
        "  - id: p",
        "    title: { en: Page }",
        "    items:",
        "      - id: q",
        "        type: single",
        "        text: { en: Question }",
        "        options:",
        "          - { code: a, text: { en: A } }",
        "outcomes: [{ code: done, label: { en: Done } }]",
        "rules: [{ id: done, outcome: done, explanation: { en: Done } }]",
        "",
      ].join("\n"),
    );
    const run = await gaichel("instruments", "validate", broken);
    assert.equal(run.code, 1);
    assert.equal(run.err.trim(), `${broken}:11: pages/0/items/0/options: must NOT have fewer than 2 items`);
  });

  it("fails on a file that does not exist", async () => {
    const run = await gaichel("instruments", "validate", path.join(scratch, "absent.yaml"));
    assert.equal(run.code, 1);
    assert.match(run.err, /absent\.yaml: no such file/);
  });
});

describe("gaichel assessments score", () => {
  it("prints the result as one JSON object", async () => {
    const run = await gaichel("assessments", "score", "impact-level", benefits, "--format", "json");
    assert.equal(run.code, 0, run.err);
    const result = JSON.parse(run.out);
    // 3 + 4 + 4 + 2
    assert.equal(result.variables.raw_risk, 13);
    assert.equal(result.outcome.code, "level_2");
    assert.match(result.outcome.explanation.en.text, /^Total score 13 /);
    assert.equal(result.instrument.id, "impact-level");
    assert.equal(result.progress.required, 25);
  });

  it("prints readable lines in the language asked", async () => {
    const run = await gaichel("assessments", "score", "impact-level", benefits, "--lang", "de");
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /^Outcome: Stufe II — mäßige Auswirkung \[level_2\]$/m);
    assert.match(run.out, /^ {2}Gesamtwert 13 /m);
    assert.match(run.out, /^ {2}raw_risk = 13$/m);
  });

  it("scores an instrument YAML file", async () => {
    const file = path.join(fileURLToPath(new URL("../domains/assessments/instruments/", import.meta.url)), "dpia-screening.yaml");
    const answers = write("dpia.json", JSON.stringify({ country: "be", edpb_criteria: ["evaluation_scoring", "large_scale"] }));
    const run = await gaichel("assessments", "score", file, answers, "--format", "json");
    assert.equal(run.code, 0, run.err);
    assert.equal(JSON.parse(run.out).outcome.code, "dpia_required");
  });

  it("scores a SurveyJS survey with answers in its result format", async () => {
    // riskProfile1 item1-3 (3) + impact3 item1-4 (4) + decisionSector1 item1-1, item2-1 (2) = 9: level I
    const answers = write("aia.json", JSON.stringify({ projectDetailsPhase: "item1", riskProfile1: "item1-3", impact3: "item1-4", decisionSector1: ["item1-1", "item2-1"] }));
    const run = await gaichel("assessments", "score", SURVEY, answers, "--format", "json");
    assert.equal(run.code, 0, run.err);
    const result = JSON.parse(run.out);
    assert.deepEqual([result.variables.raw_risk, result.variables.raw_risk_max, result.variables.mitigation_max], [9, 167, 154]);
    assert.equal(result.outcome.code, "level_1");
  });

  it("names an unknown instrument, a missing file and bad JSON", async () => {
    const unknown = await gaichel("assessments", "score", "impact-levels", benefits);
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /unknown instrument "impact-levels": not a file, nor a bundled instrument \(ai-act-classification, dpia-screening, fria, impact-level\)/);

    const missing = await gaichel("assessments", "score", "impact-level", path.join(scratch, "none.json"));
    assert.equal(missing.code, 1);
    assert.match(missing.err, /none\.json: no such file/);

    const bad = await gaichel("assessments", "score", "impact-level", write("bad.json", '{"decision_area": '));
    assert.equal(bad.code, 1);
    assert.match(bad.err, /bad\.json is not valid JSON/);

    const list = await gaichel("assessments", "score", "impact-level", write("list.json", "[]"));
    assert.equal(list.code, 1);
    assert.match(list.err, /must hold a JSON object of answers by item id/);
  });

  it("refuses answers that do not fit the instrument, naming each", async () => {
    const run = await gaichel("assessments", "score", "impact-level", write("wrong.json", JSON.stringify({ decision_area: "maybe", colour: "red" })));
    assert.equal(run.code, 1);
    assert.match(run.err, /wrong\.json: 2 answer\(s\) do not fit impact-level@1\.0\.0/);
    assert.match(run.err, /^ {2}colour: /m);
    assert.match(run.err, /^ {2}decision_area: .*\("maybe"\)$/m);
  });

  it("refuses an unknown output format", async () => {
    const run = await gaichel("assessments", "score", "impact-level", benefits, "--format", "xml");
    assert.notEqual(run.code, 0);
    assert.match(run.err, /Allowed choices are json, text/);
  });
});
