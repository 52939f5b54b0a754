import { test } from "node:test";
import assert from "node:assert/strict";
import { toAtrs } from "./atrs.ts";
import { buildSystem } from "../../../../test/published-system.ts";

test("the record has metadata, tier 1 and the five tier 2 sections with their v4 names", () => {
  const { data } = toAtrs(buildSystem(), "fr");
  assert.deepEqual(Object.keys(data), ["metadata", "tier_1_information", "tier_2_information"]);
  assert.deepEqual(Object.keys(data.tier_2_information), [
    "owner_and_responsibility",
    "description_and_rationale",
    "deployment_context",
    "tool_specification",
    "risks_mitigations_and_impact_assessments",
  ]);
  assert.equal(data.metadata.standard_version, "4.0");
  assert.equal(data.metadata.id, "lu-tri-allocations");
  assert.deepEqual(data.tier_1_information, {
    name: "Tri des demandes d'allocation",
    description: "Classe les demandes par urgence.",
    website: "https://example.lu/tri",
    contact_email: "ia@example.lu",
  });
});

test("v4 renames: third party instead of external supplier, deployment context instead of decision-making", () => {
  const { data } = toAtrs(buildSystem(), "fr");
  const json = JSON.stringify(data);
  for (const old of ["external_supplier", "decision_making", "scope"]) assert.ok(!json.includes(old), old);
  const owner = data.tier_2_information.owner_and_responsibility;
  assert.equal(owner.third_party_involvement, true);
  assert.deepEqual(owner.third_parties[0], {
    third_party: "Fournisseur Exemple SA",
    company_registration_number: "B123456",
    third_party_role: "Développe le modèle",
    procurement_procedure_type: "Procédure ouverte",
    third_party_data_access_terms: "Pas d'accès aux données de production",
  });
  assert.equal(data.tier_2_information.deployment_context.appeals_and_review, "Réclamation auprès du service, puis recours.");
});

test("v4 splits data into development and operational data", () => {
  const { tool_specification } = toAtrs(buildSystem(), "fr").data.tier_2_information;
  assert.deepEqual(
    tool_specification.development_data.map((d) => d.source_data_name),
    ["Dossiers 2019–2022"],
  );
  assert.deepEqual(
    tool_specification.operational_data.map((d) => d.source_data_name),
    ["Demandes en cours"],
  );
  assert.equal(tool_specification.models[0]?.model_performance, "AUC 0,81 ; écart entre groupes < 2 points");
});

test("phases use the v4 list, with a pilot as private beta", () => {
  const phase = (p: "planned" | "pilot" | "in_use" | "retired") =>
    toAtrs(buildSystem({ status: { phase: p } }), "en").data.metadata.phase;
  assert.equal(phase("planned"), "Pre-deployment");
  assert.equal(phase("pilot"), "Private beta");
  assert.equal(phase("in_use"), "Production");
  assert.equal(phase("retired"), "Retired");
});

test("impact assessments keep those not done, with the reason", () => {
  const { impact_assessments } = toAtrs(buildSystem(), "fr").data.tier_2_information.risks_mitigations_and_impact_assessments;
  assert.equal(impact_assessments.length, 3);
  assert.equal(impact_assessments[2]?.assessment_title, "Data Protection Impact Assessment (DPIA)");
  assert.equal(impact_assessments[2]?.assessment_description, "Pas de nouvelles données personnelles.");
  assert.equal(impact_assessments[1]?.assessment_description, "Risque acceptable\n\nRisque de biais faible, suivi mensuel.");
});

test("fallbacks, machine translations and empty fields are reported with their ATRS path", () => {
  const { fallbacks, machine, missing } = toAtrs(buildSystem(), "en");
  assert.deepEqual(
    fallbacks.find((f) => f.field === "tier_1_information.name"),
    { field: "tier_1_information.name", lang: "fr" },
  );
  assert.ok(machine.includes("tier_1_information.description"), "the English summary is a machine translation");
  assert.ok(missing.includes("tier_2_information.deployment_context.required_training"));
  assert.ok(missing.includes("metadata.date_retired"));
});
