// The SurveyJS importer on the real questionnaire of Canada's AIA tool (../shared/reference/instruments/canada-aia):
// importing it and answering must give the level of the tool's published formula. Expected levels are computed
// here, independently of the code under test: each answer carries its points, written by hand, and the formula of
// ../shared/reference/assessments.md is applied to their sums with its published constants (Rmax 167, Mmax 154).
import assert from "node:assert/strict";
import fs from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { validateAnswers } from "./answers.ts";
import { InstrumentError } from "./compile.ts";
import type { Answers } from "./format.ts";
import { scoreResponse } from "./scoring.ts";
import { importSurveyJs, isSurveyJs, optionPoints } from "./surveyjs.ts";
import { surveyExpressionToLogic } from "./surveyjs-expressions.ts";
import { visiblePages } from "./visibility.ts";

const SURVEY = fileURLToPath(new URL("../../../../shared/reference/instruments/canada-aia/survey-enfr.json", import.meta.url));
const survey = JSON.parse(fs.readFileSync(SURVEY, "utf8"));
const aia = importSurveyJs(survey, { id: "canada-aia", version: "1.0.1" });

/** An answer, its points read off the option value by hand, and whether they count as risk or mitigation. */
type Scored = [question: string, value: string | string[], points: number, kind: "RS" | "MS"];

/** The published formula, written out: T = round(0.85 R) when M ≥ 0.8 × 154 / 2, levels at 25/50/75 % of 167. */
function expectedLevel(answers: Scored[]): { raw: number; mitigation: number; total: number; level: string } {
  const raw = answers.filter((a) => a[3] === "RS").reduce((sum, a) => sum + a[2], 0);
  const mitigation = answers.filter((a) => a[3] === "MS").reduce((sum, a) => sum + a[2], 0);
  const total = mitigation >= 0.8 * (154 / 2) ? Math.round(0.85 * raw) : raw;
  const level = total <= 0.25 * 167 ? "level_1" : total <= 0.5 * 167 ? "level_2" : total <= 0.75 * 167 ? "level_3" : "level_4";
  return { raw, mitigation, total, level };
}

const design: Answers = { projectDetailsPhase: "item1" };
const asAnswers = (scored: Scored[]): Answers => ({ ...design, ...Object.fromEntries(scored.map(([q, v]) => [q, v])) });

const low: Scored[] = [
  ["riskProfile1", "item2-0", 0, "RS"],
  ["riskProfile2", "item2-0", 0, "RS"],
  ["riskProfile3", "item1-1", 1, "RS"],
  ["impact3", "item2-0", 0, "RS"],
  ["aboutSystem11", "item1-1", 1, "RS"],
  ["impact6", "item2-2", 2, "RS"],
  ["businessDrivers5", "item3-0", 0, "RS"],
];

const moderate: Scored[] = [
  ["impact6", "item4-4", 4, "RS"],
  ["impact7", "item4-4", 4, "RS"],
  ["impact9", "item4-4", 4, "RS"],
  ["impact24", "item4-4", 4, "RS"],
  ["impact11", "item4-4", 4, "RS"],
  ["impact13", "item4-4", 4, "RS"],
  ["impact15", "item4-4", 4, "RS"],
  ["impact30", "item1-4", 4, "RS"],
  ["impact3", "item1-4", 4, "RS"],
  ["riskProfile1", "item1-3", 3, "RS"],
  ["riskProfile2", "item1-3", 3, "RS"],
  ["riskProfile4", "item3-4", 4, "RS"],
  ["aboutSystem11", "item4-4", 4, "RS"],
  ["aboutAlgorithm2", "item1-3", 3, "RS"],
  ["decisionSector1", ["item1-1", "item2-1"], 2, "RS"],
];

const high: Scored[] = [
  ...moderate,
  ["aboutDataSource5", "item1-4", 4, "RS"],
  ["aboutDataSource6", "item1-4", 4, "RS"],
  ["aboutDataSource7", "item4-4", 4, "RS"],
  ["aboutDataSource8", "item4-4", 4, "RS"],
  ["impact28", "item4-4", 4, "RS"],
  ["aboutDataSource2", "item5-4", 4, "RS"],
  ["aboutDataSource3", "item3-3", 3, "RS"],
  ["impact18", "item1-3", 3, "RS"],
  ["aboutAlgorithm9", "item1-2", 2, "RS"],
];

const veryHigh: Scored[] = [
  ...high,
  ["aboutDataSource1", "item1-2", 2, "RS"],
  ["aboutDataSource9", "item2-2", 2, "RS"],
  ["aboutDataSource10", "item1-2", 2, "RS"],
  ["aboutDataSource14", ["item4-3", "item5-3", "item2-1"], 7, "RS"],
  ["riskProfile7", "item1-3", 3, "RS"],
  ["projectAuthority1", "item1-2", 2, "RS"],
  ["aboutSystem5", "item3-2", 2, "RS"],
  ["aboutSystem6", "item2-2", 2, "RS"],
  ["aboutSystem7", "item2-2", 2, "RS"],
  ["aboutSystem9", "item2-2", 2, "RS"],
  ["aboutSystem10A", "item2-2", 2, "RS"],
  ["impact4A", "item1-2", 2, "RS"],
  ["impact22", "item1-2", 2, "RS"],
  ["impact5", "item1-2", 2, "RS"],
  ["aboutAlgorithm8", "item1-3", 3, "RS"],
  ["aboutAlgorithm11", "item2-2", 2, "RS"],
  ["businessDrivers5", "item1-2", 2, "RS"],
];

/** Mitigation on the design-phase pages: 61 points, one short of 0.8 × 154 / 2 = 61.6. */
const mitigation61: Scored[] = [
  ["consultationDesign1", "item1-2", 2, "MS"],
  ["consultationDesign3", "item1-2", 2, "MS"],
  ["consultationDesign6", "item1-3", 3, "MS"],
  ["consultationDesign7", "item1-3", 3, "MS"],
  ["dataQualityDesign1", "item1-3", 3, "MS"],
  ["dataQualityDesign2", "item1-1", 1, "MS"],
  ["dataQualityDesign3", "item1-1", 1, "MS"],
  ["dataQualityDesign4", "item1-1", 1, "MS"],
  ["dataQualityDesign5", "item1-2", 2, "MS"],
  ["dataQualityDesign7", "item1-1", 1, "MS"],
  ["dataQualityDesign8", "item1-2", 2, "MS"],
  ["dataQualityDesign9", "item1-1", 1, "MS"],
  ["dataQualityDesign10", "item1-2", 2, "MS"],
  ["fairnessDesign1", "item1-1", 1, "MS"],
  ["fairnessDesign1A", "item1-1", 1, "MS"],
  ["fairnessDesign2", "item1-2", 2, "MS"],
  ["fairnessDesign3", "item1-2", 2, "MS"],
  ["fairnessDesign4", "item1-2", 2, "MS"],
  ["fairnessDesign5", "item1-2", 2, "MS"],
  ["fairnessDesign7", "item1-1", 1, "MS"],
  ["fairnessDesign8", "item1-2", 2, "MS"],
  ["fairnessDesign9", "item1-1", 1, "MS"],
  ["fairnessDesign10", "item1-2", 2, "MS"],
  ["fairnessDesign12", "item1-2", 2, "MS"],
  ["fairnessDesign13", "item1-2", 2, "MS"],
  ["fairnessDesign16", "item1-2", 2, "MS"],
  ["fairnessDesign17", "item1-2", 2, "MS"],
  ["fairnessDesign18", "item1-2", 2, "MS"],
  ["fairnessDesign19", "item1-2", 2, "MS"],
  ["fairnessDesign20", "item1-2", 2, "MS"],
  ["fairnessDesign21", ["item1-1", "item2-1", "item3-1", "item4-1", "item5-1"], 5, "MS"],
  ["fairnessDesign22", "item1-2", 2, "MS"],
];
const mitigation62: Scored[] = [...mitigation61, ["privacyDesign3", "item1-1", 1, "MS"]];

describe("importing Canada's AIA (SurveyJS, version 1.0.1)", () => {
  it("is recognised as a SurveyJS survey and compiles into an instrument", () => {
    assert.ok(isSurveyJs(survey));
    assert.equal(aia.id, "canada-aia");
    assert.match(aia.hash, /^[0-9a-f]{64}$/);
    assert.equal(aia.register_assessment_kind, "impact_level");
  });

  it("has Rmax = 167 and Mmax = 154, over every scored question, shown or not", () => {
    const { variables } = scoreResponse(aia, {});
    assert.equal(variables.raw_risk_max, 167);
    assert.equal(variables.mitigation_max, 154);
  });

  it("takes English and French from the survey and leaves Dutch and German missing", () => {
    const item = aia.pages.flatMap((p) => p.items).find((i) => i.id === "projectDetailsPhase")!;
    assert.deepEqual(item.text, { fr: { text: "Phase du projet", status: "authored" }, en: { text: "Project Phase", status: "authored" } });
    assert.equal(item.required, true);
  });

  it("keeps the survey's conditions, pages included", () => {
    const shown = (answers: Answers) => visiblePages(aia, answers).map((p) => p.id);
    assert.ok(shown(design).includes("consultationDesign"));
    assert.ok(!shown(design).includes("consultationImplementation"));
    const implementation = scoreResponse(aia, { projectDetailsPhase: "item2", consultationDesign1: "item1-2", consultationImplementation1: "item1-2" });
    // Only the implementation page is shown in the implementation phase: its answer counts, the design one does not.
    assert.equal(implementation.variables.mitigation, 2);
    assert.deepEqual(implementation.contributions.map((c) => c.item), ["consultationImplementation1"]);
  });

  it("reads points after the last dash of an option value, 0 without one", () => {
    assert.deepEqual(["item3-4", "item1-0", "item6", "item2-x"].map(optionPoints), [4, 0, 0, 0]);
  });

  const cases: Array<[name: string, answers: Scored[], level: string, total: number]> = [
    ["level I", low, "level_1", 4],
    ["level II", moderate, "level_2", 55],
    ["level III", high, "level_3", 87],
    ["level IV", veryHigh, "level_4", 128],
    ["level IV: mitigation of 61 is short of 61.6", [...veryHigh, ...mitigation61], "level_4", 128],
    ["level III: mitigation of 62 lowers 128 to round(0.85 × 128) = 109", [...veryHigh, ...mitigation62], "level_3", 109],
  ];
  for (const [name, scored, level, total] of cases) {
    it(`gives the level of the published formula: ${name}`, () => {
      const expected = expectedLevel(scored);
      assert.deepEqual([expected.level, expected.total], [level, total], "the hand-written case itself");
      const answers = asAnswers(scored);
      assert.deepEqual(validateAnswers(aia, answers, "draft"), []);
      const result = scoreResponse(aia, answers);
      assert.equal(result.variables.raw_risk, expected.raw);
      assert.equal(result.variables.mitigation, expected.mitigation);
      assert.equal(result.variables.total, expected.total);
      assert.equal(result.outcome.code, expected.level);
    });
  }

  it("explains the level with the score and its threshold", () => {
    const result = scoreResponse(aia, asAnswers([...veryHigh, ...mitigation62]));
    assert.equal(
      result.outcome.explanation.en!.text,
      "Impact level III: the total score 109 is at most 125.25 (75% of the highest possible raw risk score). Raw risk score 128 of 167, mitigation score 62 of 154.",
    );
    assert.equal(result.outcome.label.nl!.text, "Niveau III");
    assert.deepEqual(result.labels.map((l) => l.code), ["mitigation_applied"]);
    assert.deepEqual(result.contributions[0], { variable: "raw_risk", item: "aboutDataSource14", options: ["item4-3", "item5-3", "item2-1"], points: 7 });
  });
});

describe("SurveyJS conditions", () => {
  it("become JSONLogic with the same meaning", () => {
    assert.deepEqual(surveyExpressionToLogic('{a} = "x"'), { "==": [{ var: "a" }, "x"] });
    assert.deepEqual(surveyExpressionToLogic('{a} contains ["x"]'), { in: ["x", { var: "a" }] });
    assert.deepEqual(surveyExpressionToLogic('({a} = "x" or {a} = "y") and {b} notcontains "z"'), {
      and: [{ or: [{ "==": [{ var: "a" }, "x"] }, { "==": [{ var: "a" }, "y"] }] }, { "!": { in: ["z", { var: "b" }] } }],
    });
    assert.deepEqual(surveyExpressionToLogic("{a} notempty"), { "!!": { var: "a" } });
    assert.deepEqual(surveyExpressionToLogic("{n} >= 3"), { ">=": [{ var: "n" }, 3] });
  });

  it("an expression the importer cannot read is named with the question", () => {
    const broken = { pages: [{ name: "p", elements: [{ type: "radiogroup", name: "q-RS", visibleIf: "{a} ~ 1", choices: ["a-1", "b-2"] }] }] };
    assert.throws(
      () => importSurveyJs(broken, { id: "broken", version: "1.0.0" }),
      (error: InstrumentError) => error.problems[0]!.path === "pages/0/elements/0/visibleIf" && /cannot read the condition/.test(error.problems[0]!.message),
    );
  });

  it("refuses what is not a SurveyJS survey", () => {
    assert.ok(!isSurveyJs({ id: "impact-level", pages: [{ items: [] }] }));
    assert.throws(() => importSurveyJs({ questions: [] }, { id: "x", version: "1.0.0" }), InstrumentError);
  });
});
