import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { AppError } from "../../../http/errors.ts";
import { STANDARD_VERSION, SystemImport, type SystemRecordInput } from "../schema.ts";
import type { PublishedSystem } from "../present.ts";
import { parseCsv } from "./csv.ts";
import { buildSystem, fullRecordInput } from "../../../../test/published-system.ts";
import { columnOf, FLAT_COLUMNS, flattenSystem, toFlatCsv, unflattenRow } from "./flat.ts";

const minimalInput: SystemRecordInput = {
  name: { nl: { text: "Minimaal" } },
  summary: { nl: { text: "Kort." } },
  contact: { url: "https://example.be/contact" },
  classification: { theme: "taxation", region: "BE-VLG" },
  status: { phase: "planned" },
  riskClass: { class: "minimal" },
  purpose: { nl: { text: "Doel." } },
  automation: "advisory",
  redress: { nl: { text: "Bezwaar." } },
};

/** Export to CSV text, read it back as an import would, and validate each row. */
function throughCsv(systems: PublishedSystem[]) {
  return parseCsv(toFlatCsv(systems)).rows.map(({ cells, line }) => SystemImport.parse(unflattenRow(cells, line)));
}

test("FLAT_COLUMNS starts with the metadata and has one text and one status column per language", () => {
  assert.deepEqual(FLAT_COLUMNS.slice(0, 11), [
    "id",
    "former_ids",
    "standard_version",
    "version",
    "lifecycle",
    "organisation_id",
    "organisation_official_id",
    "country",
    "published_at",
    "first_published_at",
    "retired_at",
  ]);
  assert.equal(new Set(FLAT_COLUMNS).size, FLAT_COLUMNS.length);
  for (const column of ["name_fr", "name_fr_status", "name_en_status", "risk_class_annex_iii_point", "third_parties"]) {
    assert.ok(FLAT_COLUMNS.includes(column), column);
  }
});

test("flattenSystem fills every column with text, statuses, booleans and JSON arrays", () => {
  const row = flattenSystem(buildSystem());
  assert.deepEqual(Object.keys(row).sort(), [...FLAT_COLUMNS].sort());
  assert.equal(row.standard_version, STANDARD_VERSION);
  assert.equal(row.version, "3");
  assert.equal(row.former_ids, '["lu-ancien-tri"]');
  assert.equal(row.published_at, "2024-06-01T10:00:00.000Z");
  assert.equal(row.retired_at, "");
  assert.equal(row.organisation_official_id, "LU-ADM-0001");
  assert.equal(row.summary_fr_status, "authored");
  assert.equal(row.summary_en_status, "machine");
  assert.equal(row.summary_de, "");
  assert.equal(row.summary_de_status, "missing");
  assert.equal(row.risk_class_art50_transparency, "true");
  assert.equal(row.risk_class_art6_3_exemption, "false");
  assert.equal(row.links_source_code, "https://code.example.lu/tri");
  assert.deepEqual(JSON.parse(row.classification_tags!), ["allocations", "tri"]);
  assert.equal(JSON.parse(row.models!)[0].name, "priorite");
});

test("an unflattened row passes SystemImport and gives back the exported record", () => {
  for (const system of [buildSystem(), buildSystem({}, { record: SystemImport.shape.record.parse(minimalInput) })]) {
    const entry = SystemImport.parse(unflattenRow(flattenSystem(system), 2));
    assert.deepEqual(entry.record, system.record);
    assert.equal(entry.id, system.id);
    assert.deepEqual(entry.formerIds, system.formerIds);
    assert.equal(entry.organisation, "lu-fns");
    assert.equal(entry.state, "published");
    assert.equal(entry.publishedAt, "2024-06-01T10:00:00.000Z");
  }
});

test("a history export (one row per version) round-trips through CSV text", () => {
  const versions = [
    buildSystem({}, { version: 1, publishedAt: new Date("2024-01-15T09:30:00.000Z") }),
    buildSystem({ status: { phase: "in_use" } }, { version: 2 }),
    buildSystem({ status: { phase: "retired" } }, { version: 3, lifecycle: "retired", retiredAt: new Date("2025-01-01T00:00:00Z") }),
  ];
  const imported = throughCsv(versions);
  assert.deepEqual(
    imported.map((entry) => entry.record),
    versions.map((v) => v.record),
  );
  assert.deepEqual(
    imported.map((entry) => entry.state),
    ["published", "published", "retired"],
  );
});

test("empty cells mean absent", () => {
  const row = { ...flattenSystem(buildSystem()), justification_fr: "", eu_database_url: "", models: "", id: "" };
  const entry = SystemImport.parse(unflattenRow(row, 2));
  assert.equal(entry.record.justification, undefined);
  assert.equal(entry.record.euDatabaseUrl, undefined);
  assert.deepEqual(entry.record.models, []);
  assert.equal(entry.id, undefined);
});

test("a JSON cell that does not parse throws import_invalid naming the column and the line", () => {
  const row = { ...flattenSystem(buildSystem()), models: "[{broken", risks: "not json" };
  assert.throws(
    () => unflattenRow(row, 7),
    (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.id, "import_invalid");
      assert.deepEqual(error.fields, [
        { path: "models", message: "validation.json_cell", line: 7 },
        { path: "risks", message: "validation.json_cell", line: 7 },
      ]);
      return true;
    },
  );
});

test("a boolean or translation status outside its choices is refused with its column", () => {
  const row = { ...flattenSystem(buildSystem()), risk_class_prohibited_checked: "yes", name_fr_status: "missing" };
  assert.throws(
    () => unflattenRow(row, 3),
    (error: unknown) =>
      error instanceof AppError &&
      error.fields.map((f) => f.path).sort().join() === "name_fr_status,risk_class_prohibited_checked",
  );
});

test("columnOf names the CSV column of a zod issue", () => {
  const row = { ...flattenSystem(buildSystem()), risk_class_annex_iii_point: "9", name_fr: "", name_nl: "", contact_email: "", contact_url: "" };
  const result = SystemImport.safeParse(unflattenRow(row, 2));
  assert.equal(result.success, false);
  const columns = result.error!.issues.map((issue) => columnOf(issue.path)).sort();
  assert.deepEqual(columns, ["contact_email", "name_fr", "risk_class_annex_iii_point"]);

  assert.equal(columnOf(["record", "summary", "en", "status"]), "summary_en_status");
  assert.equal(columnOf(["record", "models", 0, "name"]), "models");
  assert.equal(columnOf(["organisation"]), "organisation_id");
  assert.equal(columnOf(["record"]), undefined);
});

/** Text as the register stores it: trimmed, not empty, full of CSV and formula traps. */
const storedText = (max: number) =>
  fc
    .string({
      unit: fc.oneof(
        fc.constantFrom("=", "+", "-", "@", "\t", "\n", "\r\n", '"', ",", ";", "'", "＝", "＋", "－", "＠", "é", "ß"),
        fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }),
      ),
      minLength: 1,
      maxLength: max,
    })
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && Array.from(s).length <= max);

test("property: any stored texts round-trip through the CSV export and import", () => {
  fc.assert(
    fc.property(
      storedText(100),
      storedText(400),
      storedText(300),
      storedText(200),
      fc.constantFrom("authored" as const, "machine" as const),
      (name, summary, lawTitle, registeredBy, status) => {
        const system = buildSystem({
          name: { de: { text: name, status } },
          summary: { ...fullRecordInput.summary, nl: { text: summary } },
          legalBases: [{ title: { en: { text: lawTitle } } }],
          accountability: { registeredBy },
          risks: [{ name: { fr: { text: name } }, description: { fr: { text: summary } } }],
        });
        const [entry] = throughCsv([system]);
        assert.deepEqual(entry!.record, system.record);
      },
    ),
    { numRuns: 150 },
  );
});
