// The AI Act classification walked through representative systems of an administration: the class, its
// explanation, the obligations that follow, and the risk class written back to the register record.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RiskClassification } from "../systems/schema.ts";
import { progress } from "./answers.ts";
import { registerFieldsFromClassification } from "./classification.ts";
import type { Answers } from "./format.ts";
import { loadInstruments } from "./load.ts";
import { scoreResponse } from "./scoring.ts";
import { visibleItems } from "./visibility.ts";

const instrument = loadInstruments().find((i) => i.id === "ai-act-classification")!;

/** A machine-learning system of a public body that it deploys, and that falls under nothing in particular. */
const ordinary: Answers = {
  organisation_type: "public_body",
  roles: ["deployer"],
  inference_technique: "machine_learning",
  autonomy: "yes",
  outputs: "yes",
  scope_exclusions: ["none"],
  prohibited_practices: ["none"],
  annex_i_product: "no",
  annex_iii_areas: ["none"],
  transparency_cases: ["none"],
};

function classify(answers: Answers) {
  const result = scoreResponse(instrument, answers);
  return {
    result,
    code: result.outcome.code,
    en: result.outcome.explanation.en!.text,
    rules: result.firedRules.map((r) => r.id),
    labels: result.labels.map((l) => l.code),
    obligations: result.obligations.map((o) => o.code),
  };
}

describe("AI Act classification", () => {
  it("a rule-based calculation is not an AI system (recital 12)", () => {
    const c = classify({ organisation_type: "public_body", roles: ["deployer"], inference_technique: "fixed_rules", autonomy: "yes", outputs: "yes" });
    assert.equal(c.code, "not_ai");
    assert.match(c.en, /does not meet the definition of an AI system in Art\. 3\(1\)/);
    assert.deepEqual(c.rules, ["not_ai_system", "rules_only"]);
    assert.deepEqual(c.obligations, []);
    // Nothing further is asked of a system that is not an AI system.
    assert.deepEqual(progress(instrument, { organisation_type: "public_body", roles: ["deployer"], inference_technique: "fixed_rules", autonomy: "yes", outputs: "yes" }).missing, []);
    assert.deepEqual(registerFieldsFromClassification(c.result), {
      class: "not_ai",
      annexIProduct: false,
      art6_3Exemption: false,
      art50Transparency: false,
      prohibitedChecked: false,
    });
  });

  it("an unsure inference is treated as an AI system, with a label to check it", () => {
    const c = classify({ ...ordinary, inference_technique: "unsure" });
    assert.equal(c.code, "minimal");
    assert.ok(c.labels.includes("definition_unsure"));
  });

  it("a research prototype is outside the scope of the Act (Art. 2(6))", () => {
    const c = classify({ ...ordinary, scope_exclusions: ["research_only"] });
    assert.equal(c.code, "out_of_scope");
    assert.match(c.en, /one of the exclusions of Art\. 2 applies/);
    assert.equal(registerFieldsFromClassification(c.result), null);
  });

  it("social scoring is prohibited (Art. 5(1)(c)), and nothing after Art. 5 is asked", () => {
    const answers = { ...ordinary, prohibited_practices: ["social_scoring"] };
    const c = classify(answers);
    assert.equal(c.code, "prohibited");
    assert.match(c.en, /practice prohibited by Art\. 5 .* since 2 February 2025/);
    assert.deepEqual(c.obligations, ["cease_prohibited"]);
    assert.ok(!visibleItems(instrument, answers).some((item) => item.id === "annex_iii_areas"));
    assert.deepEqual(registerFieldsFromClassification(c.result), {
      class: "prohibited",
      annexIProduct: false,
      art6_3Exemption: false,
      art50Transparency: false,
      prohibitedChecked: true,
    });
  });

  it("benefit eligibility with profiling is high-risk under Annex III, point 5(a), and the Art. 6(3) exception is not even asked", () => {
    const answers = { ...ordinary, annex_iii_areas: ["essential_services"], annex_iii_5: ["a"], profiling: "yes" };
    const c = classify(answers);
    assert.equal(c.code, "high");
    assert.equal(
      c.en,
      "The system is intended for a use listed in Annex III (point 5(a)) and the exception of Art. 6(3) does not apply (it never applies to a system that profiles natural persons): it is high-risk under Art. 6(2).",
    );
    assert.match(c.result.outcome.explanation.fr!.text, /annexe III \(point 5\(a\)\)/);
    assert.ok(!visibleItems(instrument, answers).some((item) => item.id === "art6_3_conditions"));
    assert.deepEqual(c.labels, ["role_deployer", "annex_iii", "profiling", "fria_required"]);
    assert.deepEqual(c.obligations, [
      "ai_literacy",
      "deployer_use_oversight",
      "deployer_input_data",
      "deployer_monitoring",
      "deployer_logs",
      "deployer_inform_workers",
      "deployer_dpia",
      "deployer_inform_persons",
      "explanation_right",
      "deployer_registration",
      "fria",
      "fria_notification",
    ]);
    const fields = registerFieldsFromClassification(c.result)!;
    assert.deepEqual(fields, { class: "high", annexIIIPoint: "5(a)", annexIProduct: false, art6_3Exemption: false, art50Transparency: false, prohibitedChecked: true });
    assert.deepEqual(RiskClassification.parse(fields), fields);
  });

  it("a preparatory task without profiling is not high-risk (Art. 6(3)(d)); its provider documents and registers it", () => {
    const c = classify({
      ...ordinary,
      roles: ["provider", "deployer"],
      annex_iii_areas: ["essential_services"],
      annex_iii_5: ["a"],
      profiling: "no",
      art6_3_conditions: ["d"],
      art6_3_no_significant_risk: "yes",
    });
    assert.equal(c.code, "minimal");
    assert.match(c.en, /minimal risk/);
    assert.ok(c.labels.includes("art6_3_exemption"));
    assert.deepEqual(c.obligations, ["ai_literacy", "exemption_documentation", "exemption_registration"]);
    const explanation = c.result.firedRules.find((r) => r.id === "art6_3_exempt")!.explanation.en!.text;
    assert.match(explanation, /falls under Annex III \(point 5\(a\)\)/);
    const fields = registerFieldsFromClassification(c.result)!;
    assert.deepEqual(fields, { class: "minimal", annexIIIPoint: "5(a)", annexIProduct: false, art6_3Exemption: true, art50Transparency: false, prohibitedChecked: true });
    assert.deepEqual(RiskClassification.parse(fields), fields);
  });

  it("a chatbot built in-house has transparency duties (Art. 50(1))", () => {
    const c = classify({ ...ordinary, roles: ["provider", "deployer"], transparency_cases: ["interacts"] });
    assert.equal(c.code, "transparency");
    assert.match(c.en, /Art\. 50 requires that people know they are dealing with an AI system/);
    assert.deepEqual(c.obligations, ["ai_literacy", "inform_interaction", "transparency_manner"]);
    assert.equal(registerFieldsFromClassification(c.result)!.art50Transparency, true);
  });

  it("AI-written public information reviewed by an editor has no Art. 50(4) duty", () => {
    assert.equal(classify({ ...ordinary, transparency_cases: ["public_interest_text"], editorial_control: "yes" }).code, "minimal");
    assert.equal(classify({ ...ordinary, transparency_cases: ["public_interest_text"], editorial_control: "no" }).code, "transparency");
  });

  it("a system with no particular use is minimal risk, with AI literacy only", () => {
    const c = classify(ordinary);
    assert.equal(c.code, "minimal");
    assert.match(c.en, /AI literacy .* remains required \(Art\. 4\)/);
    assert.deepEqual(c.obligations, ["ai_literacy"]);
  });

  it("authorised real-time biometric identification is high-risk (Annex III, 1(a)) and registered out of public view", () => {
    const c = classify({
      ...ordinary,
      prohibited_practices: ["real_time_rbi"],
      rbi_exception: "yes",
      annex_iii_areas: ["biometrics"],
      annex_iii_1: ["a"],
      profiling: "yes",
    });
    assert.equal(c.code, "high");
    assert.deepEqual(
      c.labels.filter((l) => ["rbi_authorised", "non_public_registration"].includes(l)),
      ["non_public_registration", "rbi_authorised"],
    );
    assert.ok(c.obligations.includes("rbi_conditions"));
    assert.equal(classify({ ...ordinary, prohibited_practices: ["real_time_rbi"], rbi_exception: "no" }).code, "prohibited");
  });

  it("creditworthiness (5(b)) calls for a FRIA from any deployer; critical infrastructure (point 2) for none", () => {
    const credit = classify({ ...ordinary, organisation_type: "other", annex_iii_areas: ["essential_services"], annex_iii_5: ["b"], profiling: "yes" });
    assert.ok(credit.labels.includes("fria_required"));
    const grid = classify({ ...ordinary, annex_iii_areas: ["critical_infrastructure"], profiling: "no", art6_3_conditions: ["none"] });
    assert.equal(grid.code, "high");
    assert.equal(grid.result.variables.annex_iii_point, "2");
    assert.ok(!grid.labels.includes("fria_required"));
    assert.ok(!grid.obligations.includes("deployer_registration"));
  });

  it("a safety component of a product under Annex I is high-risk under Art. 6(1), recorded as such in the register", () => {
    const c = classify({ ...ordinary, roles: ["provider"], annex_i_product: "section_a", annex_i_third_party: "yes" });
    assert.equal(c.code, "high");
    assert.match(c.en, /high-risk under Art\. 6\(1\)/);
    assert.ok(c.obligations.includes("provider_conformity"));
    const fields = registerFieldsFromClassification(c.result)!;
    assert.equal(fields.annexIIIPoint, undefined);
    assert.equal(fields.annexIProduct, true);
    assert.equal(RiskClassification.safeParse(fields).success, true);
  });

  it("gives nothing for the result of another instrument", () => {
    const other = loadInstruments().find((i) => i.id === "impact-level")!;
    assert.equal(registerFieldsFromClassification(scoreResponse(other, {})), null);
  });
});
