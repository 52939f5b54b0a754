// The workspace's section forms: they cover the record, read a posted form into the section's contract input, and
// send each problem of the contract to the control that caused it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { buildRecord } from "../../../test/factories.ts";
import { recordSections, SectionContracts, sectionNames, SystemRecord } from "./schema.ts";
import { applyListAction, controls, decodeForm, formAction, formErrors, missingTranslations, newRecordFields, sectionFields } from "./sections.ts";

test("the sections hold every field of the record exactly once, as their contracts and forms", () => {
  const keys = sectionNames.flatMap((section) => [...recordSections[section]]).sort();
  assert.deepEqual(keys, Object.keys(SystemRecord.shape).sort());
  for (const section of sectionNames) {
    assert.deepEqual(sectionFields[section].map((f) => f.key).sort(), [...recordSections[section]].sort(), section);
  }
});

test("a form reads into the section's contract input: languages, lists by index, flags, tags, empty left out", () => {
  const values = decodeForm(sectionFields.accountability, {
    "accountability.team.fr.text": "Équipe IA",
    "accountability.team.fr.status": "authored",
    "accountability.team.de.text": "",
    "accountability.registeredBy": "  Cellule  ",
    "legalBases.3.title.de.text": "Gesetz",
    "legalBases.3.title.de.status": "machine",
    "legalBases.0.title.fr.text": "Loi",
    "legalBases.0.url": "",
    "thirdParties.99999.name": "too far: at most four digits",
    unknown: "ignored",
  });
  assert.deepEqual(values, {
    accountability: { team: { fr: { text: "Équipe IA", status: "authored" } }, registeredBy: "Cellule" },
    thirdParties: [],
    legalBases: [{ title: { fr: { text: "Loi", status: "authored" } } }, { title: { de: { text: "Gesetz", status: "machine" } } }],
  });
  assert.ok(SectionContracts.accountability.safeParse(values).success);

  const basics = decodeForm(sectionFields.basics, { "riskClass.flags": ["art50Transparency", "bogus"], "classification.tags": "a, ,b ,", "name.en.text": "" });
  assert.deepEqual((basics.riskClass as Record<string, unknown>), { annexIProduct: false, art6_3Exemption: false, art50Transparency: true, prohibitedChecked: false });
  assert.deepEqual((basics.classification as Record<string, unknown>).tags, ["a", "b"]);
  assert.deepEqual(basics.name, {}, "a required text left empty stays, so that the contract names it");
  assert.equal(basics.publicUrl, undefined);
});

test("add and remove change the form's lists without saving; unknown actions save", () => {
  const fields = sectionFields.risks;
  assert.deepEqual(formAction(fields, { _action: "add:risks" }), { kind: "add", list: "risks" });
  assert.deepEqual(formAction(fields, { _action: "remove:assessments.2" }), { kind: "remove", list: "assessments", index: 2 });
  assert.deepEqual(formAction(fields, { _action: "add:legalBases" }), { kind: "save" }, "not a list of this section");
  assert.deepEqual(formAction(fields, { _action: ["x", "y"] }), { kind: "save" });
  const values = { risks: [{ name: { fr: { text: "a" } } }, { name: { fr: { text: "b" } } }], assessments: [] };
  assert.deepEqual(applyListAction(fields, values, { kind: "remove", list: "risks", index: 0 }).risks, [{ name: { fr: { text: "b" } } }]);
  assert.equal((applyListAction(fields, values, { kind: "add", list: "assessments" }).assessments as unknown[]).length, 1);
});

test("errors go to the first control at or under their path, in the order of the page", () => {
  const values = decodeForm(sectionFields.risks, { "assessments.0.kind": "dpia", "risks.0.name.fr.text": "" });
  const parsed = SectionContracts.risks.safeParse(values);
  assert.ok(!parsed.success);
  const errors = formErrors(controls(sectionFields.risks, values, "fr"), parsed.error.issues);
  assert.deepEqual(
    errors.map((e) => [e.id, e.message]),
    [
      ["risks-0-name-fr", "validation.one_language_required"],
      ["risks-0-description-fr", "validation.one_language_required"],
      // An assessment without summary nor reason points to its summary.
      ["assessments-0-summary-fr", "validation.assessment_summary_or_reason"],
    ],
  );
  const fresh = { organisation: "", record: decodeForm(newRecordFields, {}, "record") };
  const all = [{ path: ["organisation"], id: "organisation", labelKey: "workspace.labels.organisation" }, ...controls(newRecordFields, fresh.record, "de", ["record"])];
  const issues = (SystemRecord.safeParse(fresh.record).error?.issues ?? []).map((i) => ({ ...i, path: ["record", ...i.path] }));
  const ids = formErrors(all, issues).map((e) => e.id);
  assert.deepEqual(ids.slice(0, 3), ["record-name-de", "record-summary-de", "record-purpose-de"]);
  assert.ok(ids.includes("record-contact-email"));
});

test("missing translations: texts that one language has and another lacks", () => {
  assert.deepEqual(missingTranslations(sectionFields.basics, buildRecord()), { fr: 0, nl: 2, de: 2, en: 0 });
});
