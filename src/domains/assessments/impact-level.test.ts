// The impact level walked through: levels I to IV at 25/50/75 % of the highest raw score (51), mitigation at 80 %
// of its maximum (18) lowering the raw score by 15 %, the explanation with score and thresholds, and the answers
// that weighed most. Expected totals are summed by hand from the weights in impact-level.yaml.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Answers } from "./format.ts";
import { loadInstruments } from "./load.ts";
import { scoreResponse } from "./scoring.ts";

const instrument = loadInstruments().find((i) => i.id === "impact-level")!;

const mitigationYes = (except: Record<string, string> = {}): Answers => ({
  m_dpia: "yes",
  m_bias_testing: "yes",
  m_monitoring: "yes",
  m_human_review: "yes",
  m_notice: "yes",
  m_redress: "yes",
  m_consultation: "yes",
  m_logging: "yes",
  m_publication: "yes",
  m_fallback: "yes",
  ...except,
});

// 0+1+0+0+0+0+0+0+0+0+0+0+0+0+0 = 1
const lowest: Answers = {
  decision_area: "information",
  automation: "advisory",
  reversibility: "reversible",
  duration: "days",
  people_affected: "under_100",
  vulnerable_groups: "no",
  personal_data: "none",
  data_sources: "own",
  protected_characteristics: "no",
  model_explainability: "rules",
  novelty: "proven",
  economic_effect: "no",
  supplier_dependence: "in_house",
  rights_affected: ["none"],
  physical_harm: "no",
};

// 3+2+1+1+2+2+1+1+2+1+1+2+1+3+0 = 23
const benefits: Answers = {
  decision_area: "rights_benefits",
  automation: "recommended",
  reversibility: "effort",
  duration: "months",
  people_affected: "under_100000",
  vulnerable_groups: "some",
  personal_data: "personal",
  data_sources: "public_sources",
  protected_characteristics: "proxies",
  model_explainability: "interpretable",
  novelty: "new_here",
  economic_effect: "moderate",
  supplier_dependence: "supplier_open",
  rights_affected: ["equality", "good_administration", "social_protection"],
  physical_harm: "no",
};

// 4+3+3+2+3+4+3+2+3+2+2+3+2+2+0 = 38
const residence: Answers = {
  decision_area: "liberty_family",
  automation: "automatic_review",
  reversibility: "difficult",
  duration: "years",
  people_affected: "over_100000",
  vulnerable_groups: "mainly",
  personal_data: "sensitive",
  data_sources: "external",
  protected_characteristics: "direct",
  model_explainability: "complex",
  novelty: "new_public",
  economic_effect: "substantial",
  supplier_dependence: "supplier_closed",
  rights_affected: ["equality", "privacy"],
  physical_harm: "no",
};

describe("impact level", () => {
  it("has a highest raw score of 51 and a highest mitigation of 18, with thresholds at 25, 50 and 75 %", () => {
    const { variables } = scoreResponse(instrument, {});
    // 4+4+4+3+3+4+3+2+3+3+2+3+2+7+4 and 2×8+1+1
    assert.equal(variables.raw_risk_max, 51);
    assert.equal(variables.mitigation_max, 18);
    assert.deepEqual([variables.threshold_1, variables.threshold_2, variables.threshold_3], [12.75, 25.5, 38.25]);
  });

  it("level I: information only", () => {
    const result = scoreResponse(instrument, lowest);
    assert.equal(result.outcome.code, "level_1");
    assert.equal(
      result.outcome.explanation.en!.text,
      "Total score 1 (raw risk 1 of 51, mitigation 0 of 18): at most 12.75, 25% of the highest raw risk, hence level I.",
    );
    assert.equal(
      result.outcome.explanation.fr!.text,
      "Score total 1 (risque brut 1 sur 51, atténuation 0 sur 18) : il ne dépasse pas 12,75, soit 25 % du risque brut maximal, d'où le niveau I.",
    );
  });

  it("level II: a benefits decision proposed to staff", () => {
    const result = scoreResponse(instrument, benefits);
    assert.equal(result.variables.raw_risk, 23);
    assert.equal(result.variables.total, 23);
    assert.equal(result.outcome.code, "level_2");
    assert.match(result.outcome.explanation.en!.text, /^Total score 23 .*above 12\.75 and at most 25\.5, .*hence level II\.$/);
  });

  it("level III right at its upper threshold, and the answers that weighed most", () => {
    const result = scoreResponse(instrument, residence);
    assert.equal(result.variables.total, 38);
    assert.equal(result.outcome.code, "level_3");
    assert.deepEqual(result.labels.map((l) => l.code), ["high_impact"]);
    assert.deepEqual(
      result.contributions.slice(0, 3).map((c) => [c.item, c.points]),
      [
        ["decision_area", 4],
        ["vulnerable_groups", 4],
        ["automation", 3],
      ],
    );
  });

  it("level IV above 75 %; mitigation of 80 % lowers it by 15 % to level III", () => {
    const answers = { ...residence, rights_affected: ["equality", "privacy", "children"] };
    const raw = scoreResponse(instrument, answers);
    assert.equal(raw.variables.total, 39);
    assert.equal(raw.outcome.code, "level_4");
    assert.match(raw.outcome.explanation.en!.text, /above 38\.25, 75% of the highest raw risk, hence level IV\./);

    const mitigated = scoreResponse(instrument, { ...answers, ...mitigationYes() });
    // round(0.85 × 39) = round(33.15) = 33
    assert.equal(mitigated.variables.total, 33);
    assert.equal(mitigated.outcome.code, "level_3");
    assert.deepEqual(mitigated.labels.map((l) => l.code), ["mitigation_applied", "high_impact"]);
    assert.equal(
      mitigated.firedRules.find((r) => r.id === "mitigation_discount")!.explanation.en!.text,
      "Mitigation reaches 18 of 18, at least 80% of its maximum: the raw risk 39 is lowered by 15%, to 33.",
    );
  });

  it("mitigation counts from 80 % of 18, that is 15 points and not 14", () => {
    const fourteen = scoreResponse(instrument, { ...benefits, ...mitigationYes({ m_dpia: "no", m_publication: "no", m_fallback: "no" }) });
    assert.equal(fourteen.variables.mitigation, 14);
    assert.equal(fourteen.variables.total, 23);
    const fifteen = scoreResponse(instrument, { ...benefits, ...mitigationYes({ m_dpia: "in_progress", m_publication: "no", m_fallback: "no" }) });
    assert.equal(fifteen.variables.mitigation, 15);
    // round(0.85 × 23) = round(19.55) = 20
    assert.equal(fifteen.variables.total, 20);
    assert.equal(fifteen.outcome.code, "level_2");
  });
});
