// Re-identification risk against figures computed by hand on a ten-record example.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { AppError } from "../../http/errors.ts";
import { measureRisk } from "./risk.ts";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "gaichel-risk-"));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));
const file = path.join(scratch, "people.csv");
// Quasi-identifiers birth_year, sex, postcode; sensitive diagnosis.
fs.writeFileSync(
  file,
  [
    "birth_year,sex,postcode,diagnosis",
    "1980,F,1000,flu", //       class A (1980,F,1000)
    "1980,F,1000,asthma", //    class A
    "1980,F,1000,flu", //       class A
    "1980,M,1000,flu", //       class B (1980,M,1000)
    "1980,M,1000,flu", //       class B
    "1975,F,4000,diabetes", //  class C (1975,F,4000)
    "1975,F,4000,flu", //       class C
    "1975,F,4000,asthma", //    class C
    "1975,F,4000,diabetes", //  class C
    "1980,M,1020,flu", //       class D (1980,M,1020)
    "",
  ].join("\n"),
);

/*
 * Worked by hand. n = 10 records; classes A, B, C, D of sizes f = 3, 2, 4, 1, so J = 4.
 * k = min f = 1; sample uniques = classes of size 1 = 1 (D).
 * Prosecutor: highest = 1/k = 1; average = (3·1/3 + 2·1/2 + 4·1/4 + 1·1/1) / 10 = 4/10 = 0.4 = J/n.
 *   Records at risk, threshold 0.2 (1/f > 0.2, i.e. f < 5): every class → 10/10 = 1.
 *   Threshold 0.3: 1/3, 1/2 and 1 exceed it, 1/4 does not → (3 + 2 + 1)/10 = 0.6.
 *   Threshold 0.5: only 1/1 exceeds it (1/2 is not above 0.5) → 1/10 = 0.1.
 * Marketer: J/n = 0.4.
 * ℓ-diversity of diagnosis: A {flu, asthma} = 2, B {flu} = 1, C {diabetes, flu, asthma} = 3, D {flu} = 1 → ℓ = 1.
 * Suggestions, target k = 2:
 *   postcode → province: 1000 and 1020 both BE-BRU, 4000 BE-WLG → (1980,F,BRU) 3, (1980,M,BRU) 2+1 = 3,
 *     (1975,F,WLG) 4 → k = 3, 3 classes, reaches the target.
 *   postcode left out: (1980,F) 3, (1980,M) 3, (1975,F) 4 → the same k = 3, 3 classes; after the generalisation
 *     because it keeps less.
 *   sex left out: (1980,1000) 5, (1975,4000) 4, (1980,1020) 1 → k = 1, 3 classes, at risk (4 + 1)/10 = 0.5.
 *   birth_year left out: (F,1000) 3, (M,1000) 2, (F,4000) 4, (M,1020) 1 → k = 1, 4 classes, at risk 1.
 *   No date generalisation reads "1980" or "F", and neither header names an age or a postcode.
 */
describe("measureRisk on the worked example", () => {
  it("gives the hand-computed figures", async () => {
    const report = await measureRisk(file, { qi: ["birth_year", "sex", "postcode"], sensitive: "diagnosis", targetK: 2 });
    assert.equal(report.records, 10);
    assert.equal(report.classes, 4);
    assert.equal(report.k, 1);
    assert.equal(report.sample_uniques, 1);
    assert.equal(report.prosecutor.highest, 1);
    assert.equal(report.prosecutor.average, 0.4);
    assert.equal(report.prosecutor.records_at_risk, 1);
    assert.equal(report.marketer, 0.4);
    assert.equal(report.l_diversity, 1);
    assert.deepEqual(
      report.suggestions.map((s) => [s.rule.name, s.rule.operator, "to" in s.rule ? s.rule.to : "", s.k, s.classes, s.records_at_risk, s.reaches_target]),
      [
        ["postcode", "generalise", "region", 3, 3, 1, true],
        ["postcode", "suppress", "", 3, 3, 1, true],
        ["sex", "suppress", "", 1, 3, 0.5, false],
        ["birth_year", "suppress", "", 1, 4, 1, false],
      ],
    );
  });

  it("counts records at risk against the threshold given", async () => {
    const at = async (threshold: number) => (await measureRisk(file, { qi: ["birth_year", "sex", "postcode"], threshold })).prosecutor.records_at_risk;
    assert.equal(await at(0.3), 0.6);
    assert.equal(await at(0.5), 0.1);
  });

  it("without a sensitive column has no ℓ, and with two quasi-identifiers regroups", async () => {
    // (1980,F) 3, (1980,M) 3, (1975,F) 4: k = 3, J = 3, average 3/10.
    const report = await measureRisk(file, { qi: ["birth_year", "sex"] });
    assert.equal(report.l_diversity, null);
    assert.equal(report.k, 3);
    assert.equal(report.classes, 3);
    assert.equal(report.prosecutor.average, 0.3);
    assert.equal(report.sample_uniques, 0);
  });

  it("names a quasi-identifier the file lacks, without reading values", async () => {
    await assert.rejects(
      measureRisk(file, { qi: ["birth_year", "nationality"] }),
      (e: unknown) => e instanceof AppError && e.id === "privacy_column_not_found" && e.params.columns === "nationality",
    );
    await assert.rejects(measureRisk(file, { qi: [] }), (e: unknown) => e instanceof AppError && e.id === "privacy_qi_required");
  });
});
