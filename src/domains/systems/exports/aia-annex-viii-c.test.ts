import { test } from "node:test";
import assert from "node:assert/strict";
import type { SystemRecordInput } from "../schema.ts";
import { toAnnexVIIIC } from "./aia-annex-viii-c.ts";
import { buildSystem } from "../../../../test/published-system.ts";

test("applicable to high-risk systems of Annex III, except point 2 (registered nationally)", () => {
  const applicable = (riskClass: SystemRecordInput["riskClass"]) =>
    toAnnexVIIIC(buildSystem({ riskClass }), "fr").data.applicable;
  assert.equal(applicable({ class: "high", annexIIIPoint: "5(a)" }), true);
  assert.equal(applicable({ class: "high", annexIIIPoint: "6(a)" }), true);
  assert.equal(applicable({ class: "high", annexIIIPoint: "2" }), false);
  assert.equal(applicable({ class: "minimal" }), false);
  assert.equal(applicable({ class: "transparency", art50Transparency: true }), false);
  assert.equal(applicable({ class: "minimal", annexIIIPoint: "5(a)", art6_3Exemption: true }), false);
});

test("Annex III points 1, 6 and 7 are flagged for the non-public section", () => {
  assert.equal(toAnnexVIIIC(buildSystem({ riskClass: { class: "high", annexIIIPoint: "7" } }), "fr").data.non_public_section, true);
  assert.equal(toAnnexVIIIC(buildSystem(), "fr").data.non_public_section, false);
});

test("C.1 to C.3: deployer, submitter and the provider's EU database entry", () => {
  const { data } = toAnnexVIIIC(buildSystem(), "fr");
  assert.deepEqual(data.c1_deployer, {
    name: "Fonds national de solidarité",
    official_id: "LU-ADM-0001",
    country: "LU",
    address: "1, rue Exemple, L-1234 Luxembourg",
    contact_email: "ia@example.lu",
    contact_url: "https://example.lu/contact",
    website: "https://example.lu",
  });
  assert.deepEqual(data.c2_submitter, { name: "A. Exemple", role: "Directeur des prestations", contact_email: "ia@example.lu" });
  assert.equal(data.c3_eu_database_url, "https://ec.europa.eu/ai-database/entry/123");
});

test("C.4 summarises the latest FRIA with the Art. 27(1) points the record holds", () => {
  const { c4_fria } = toAnnexVIIIC(buildSystem(), "fr").data;
  assert.deepEqual(c4_fria, {
    date: "2024-02-01",
    outcome: "Risque acceptable",
    summary: "Risque de biais faible, suivi mensuel.",
    url: "https://example.lu/fria",
    not_done_reason: null,
    period_and_frequency_of_use: "5 000 demandes par mois.",
    human_oversight_measures: "L'agent peut changer l'ordre.",
    complaint_mechanisms: "Réclamation auprès du service, puis recours.",
  });
});

test("C.5 summarises the DPIA, or says why none was done", () => {
  const notDone = toAnnexVIIIC(buildSystem(), "fr").data.c5_dpia;
  assert.equal(notDone.not_done_reason, "Pas de nouvelles données personnelles.");
  assert.equal(notDone.summary, null);

  const done = toAnnexVIIIC(
    buildSystem({ assessments: [{ kind: "dpia", date: "2024-01-10", summary: { fr: { text: "Base légale : mission publique." } } }] }),
    "fr",
  ).data;
  assert.deepEqual(done.c5_dpia, {
    date: "2024-01-10",
    outcome: null,
    summary: "Base légale : mission publique.",
    url: null,
    not_done_reason: null,
  });
  assert.equal(done.c4_fria.summary, null, "no FRIA in this record");
});

test("texts in another language than the page are reported", () => {
  const { fallbacks, missing } = toAnnexVIIIC(buildSystem({ euDatabaseUrl: undefined }), "nl");
  assert.ok(fallbacks.some((f) => f.field === "c4_fria.summary" && f.lang === "fr"));
  assert.ok(missing.includes("c3_eu_database_url"));
});
