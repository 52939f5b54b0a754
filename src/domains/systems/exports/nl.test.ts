import { test } from "node:test";
import assert from "node:assert/strict";
import type { SystemRecordInput } from "../schema.ts";
import { buildSystem, organisation } from "../../../../test/published-system.ts";
import { NL_LIMITS, toAlgoritmeregister } from "./nl.ts";

const length = (text: string | null) => Array.from(text ?? "").length;

test("the record is shaped with the field names of publication standard v1.0", () => {
  const { data } = toAlgoritmeregister(buildSystem(), "nl");
  assert.equal(data.name, "Sortering van aanvragen");
  assert.equal(data.organization, "Fonds national de solidarité");
  assert.deepEqual(data.category, ["Sociale zekerheid"]);
  assert.equal(data.status, "In gebruik");
  assert.equal(data.begin_date, "2024-03");
  assert.equal(data.end_date, "2026-12");
  assert.equal(data.contact_email, "ia@example.lu");
  assert.equal(data.publication_category, "Hoog-risico AI-systeem");
  assert.equal(data.human_intervention, "Un agent traite les dossiers dans l'ordre proposé.\n\nL'agent peut changer l'ordre.");
  assert.deepEqual(data.lawful_basis_grouping, [{ title: "Loi du 1er janvier 2020", link: "https://legilux.example/loi" }]);
  assert.equal(data.impacttoetsen, "Data Protection Impact Assessment (DPIA): Pas de nouvelles données personnelles.");
  assert.equal(data.provider, "Fournisseur Exemple SA");
  assert.equal(data.publiccode, "https://code.example.lu/tri");
  assert.equal(data.process_index_url, "https://example.lu/registre");
  assert.equal(data.source_id, "lu-tri-allocations");
  assert.equal(data.standard_version, "1.0");
  assert.equal(data.lang, "nld");
  assert.equal(data.tags, "allocations, tri");
  assert.ok(!("lars" in data), "lars is assigned by the Dutch register");
});

test("lang is the ISO 639-3 code of the page language", () => {
  assert.equal(toAlgoritmeregister(buildSystem(), "fr").data.lang, "fra");
  assert.equal(toAlgoritmeregister(buildSystem(), "de").data.lang, "deu");
});

test("texts over the declared limits are cut with an ellipsis and reported", () => {
  const longName = `${"Nom très long ".repeat(7)}x`.slice(0, 100);
  const system = buildSystem(
    {
      name: { nl: { text: longName } },
      summary: { nl: { text: "Een zin die blijft gaan. ".repeat(16).trim() } },
      purpose: { nl: { text: "d".repeat(3000) } },
    },
    { organisation: { ...organisation, name: { nl: { text: "Organisatie ".repeat(12), status: "authored" } } } },
  );
  const { data, truncated } = toAlgoritmeregister(system, "nl");
  assert.equal(NL_LIMITS.name, 100);
  assert.equal(NL_LIMITS.description_short, 350);
  assert.equal(data.name, longName, "a 100-character name fits");
  assert.ok(length(data.description_short) <= 350 && data.description_short!.endsWith("…"));
  assert.ok(length(data.organization) <= 100 && data.organization!.endsWith("…"));
  assert.equal(length(data.goal), 2500);
  assert.deepEqual(truncated.sort(), ["description_short", "goal", "organization"]);
});

test("the limit counts characters, not UTF-16 units, and never splits one", () => {
  const summary = "🙂".repeat(351);
  const { data } = toAlgoritmeregister(buildSystem({ summary: { nl: { text: summary.slice(0, 400) } } }), "nl");
  assert.equal(length(data.description_short), 200, "200 emoji are 400 UTF-16 units and fit");
  const { data: cut } = toAlgoritmeregister(buildSystem({ summary: { nl: { text: "é".repeat(400) } } }), "nl");
  assert.equal(length(cut.description_short), 350);
  assert.ok(!cut.description_short!.includes("\uFFFD"));
});

test("publication_category follows the AI Act class and the degree of automation", () => {
  const category = (riskClass: SystemRecordInput["riskClass"], automation: SystemRecordInput["automation"] = "advisory") =>
    toAlgoritmeregister(buildSystem({ riskClass, automation }), "nl").data.publication_category;
  assert.equal(category({ class: "high", annexIIIPoint: "5(a)" }), "Hoog-risico AI-systeem");
  assert.equal(category({ class: "minimal", annexIIIPoint: "4", art6_3Exemption: true }), "Impactvolle algoritmes");
  assert.equal(category({ class: "not_ai" }, "fully_automated"), "Impactvolle algoritmes");
  assert.equal(category({ class: "transparency", art50Transparency: true }), "Overige algoritmes");
});

test("status maps the five phases onto the three of the standard", () => {
  const status = (phase: "planned" | "development" | "in_use" | "retired") =>
    toAlgoritmeregister(buildSystem({ status: { phase } }), "nl").data.status;
  assert.equal(status("planned"), "In ontwikkeling");
  assert.equal(status("development"), "In ontwikkeling");
  assert.equal(status("in_use"), "In gebruik");
  assert.equal(status("retired"), "Buiten gebruik");
});

test("texts in another language and empty fields are reported", () => {
  const { data, fallbacks, missing } = toAlgoritmeregister(
    buildSystem({ justification: undefined, publicUrl: undefined }),
    "nl",
  );
  assert.deepEqual(
    fallbacks.find((f) => f.field === "goal"),
    { field: "goal", lang: "fr" },
  );
  assert.ok(!fallbacks.some((f) => f.field === "name"), "the name exists in Dutch");
  assert.equal(data.proportionality, null);
  assert.ok(missing.includes("proportionality") && missing.includes("website"));
});
