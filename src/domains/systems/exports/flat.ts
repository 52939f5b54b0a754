// One CSV row per published system version, and its inverse so that a CSV import of an export round-trips.
// Columns: metadata, then every record field in schema order; a localized field becomes `<column>_<lang>` and
// `<column>_<lang>_status` (authored / machine / missing) for fr, nl, de, en; nested objects join their
// names with underscores; arrays are compact JSON cells. Empty cells mean absent.
import { errors, type FieldError } from "../../../http/errors.ts";
import { languages } from "../../../i18n/languages.ts";
import type { PublishedSystem } from "../present.ts";
import { STANDARD_VERSION, type LocalizedText } from "../schema.ts";
import { toCsv } from "./csv.ts";

type Kind = "text" | "bool" | "json" | "localized";
interface Field {
  column: string;
  /** Path inside `record`. */
  path: readonly string[];
  kind: Kind;
}

const field = (kind: Kind) => (column: string, ...path: string[]): Field => ({ column, path, kind });
const text = field("text");
const bool = field("bool");
const json = field("json");
const localized = field("localized");

/** The record's fields in schema order; the single table that both directions read. */
const recordFields: readonly Field[] = [
  localized("name", "name"),
  localized("summary", "summary"),
  text("public_url", "publicUrl"),
  text("contact_email", "contact", "email"),
  text("contact_url", "contact", "url"),
  localized("accountability_team", "accountability", "team"),
  localized("accountability_senior_responsible_role", "accountability", "seniorResponsibleRole"),
  text("accountability_registered_by", "accountability", "registeredBy"),
  json("third_parties", "thirdParties"),
  text("classification_theme", "classification", "theme"),
  localized("classification_capability", "classification", "capability"),
  localized("classification_task", "classification", "task"),
  json("classification_tags", "classification", "tags"),
  text("classification_region", "classification", "region"),
  text("status_phase", "status", "phase"),
  text("status_start_date", "status", "startDate"),
  text("status_end_date", "status", "endDate"),
  localized("status_stop_reason", "status", "stopReason"),
  // `risk_class` rather than `risk_class_class`: the class is what the column is about.
  text("risk_class", "riskClass", "class"),
  text("risk_class_annex_iii_point", "riskClass", "annexIIIPoint"),
  bool("risk_class_annex_i_product", "riskClass", "annexIProduct"),
  bool("risk_class_art6_3_exemption", "riskClass", "art6_3Exemption"),
  bool("risk_class_art50_transparency", "riskClass", "art50Transparency"),
  bool("risk_class_prohibited_checked", "riskClass", "prohibitedChecked"),
  localized("purpose", "purpose"),
  localized("justification", "justification"),
  json("legal_bases", "legalBases"),
  localized("decision_process", "decisionProcess"),
  text("automation", "automation"),
  localized("human_review", "humanReview"),
  localized("scale", "scale"),
  localized("redress", "redress"),
  localized("technical_description", "technicalDescription"),
  json("models", "models"),
  json("data", "data"),
  localized("maintenance", "maintenance"),
  text("links_source_code", "links", "sourceCode"),
  text("links_processing_record", "links", "processingRecord"),
  text("links_upstream_record", "links", "upstreamRecord"),
  json("assessments", "assessments"),
  json("risks", "risks"),
  text("eu_database_url", "euDatabaseUrl"),
  text("next_review_due", "nextReviewDue"),
];

const metaColumns = [
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
] as const;

const columnsOf = (f: Field): string[] =>
  f.kind === "localized" ? languages.flatMap((lang) => [`${f.column}_${lang}`, `${f.column}_${lang}_status`]) : [f.column];

/** The CSV header, in order; the same for the register export and a system's history (one row per version). */
export const FLAT_COLUMNS: readonly string[] = [...metaColumns, ...recordFields.flatMap(columnsOf)];

function get(source: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], source);
}

function set(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  const parents = path.slice(0, -1);
  const leaf = path.at(-1) as string;
  let node = target;
  for (const key of parents) node = (node[key] ??= {}) as Record<string, unknown>;
  node[leaf] = value;
}

const jsonCell = (value: unknown[]): string => (value.length ? JSON.stringify(value) : "");

export function flattenSystem(s: PublishedSystem): Record<string, string> {
  const row: Record<string, string> = {
    id: s.id,
    former_ids: jsonCell(s.formerIds),
    standard_version: STANDARD_VERSION,
    version: String(s.version),
    lifecycle: s.lifecycle,
    organisation_id: s.organisation.id,
    organisation_official_id: s.organisation.officialId,
    country: s.organisation.country,
    published_at: s.publishedAt.toISOString(),
    first_published_at: s.firstPublishedAt.toISOString(),
    retired_at: s.retiredAt?.toISOString() ?? "",
  };
  for (const f of recordFields) {
    const value = get(s.record, f.path);
    if (f.kind === "localized") {
      const texts = value as LocalizedText | undefined;
      for (const lang of languages) {
        row[`${f.column}_${lang}`] = texts?.[lang]?.text ?? "";
        row[`${f.column}_${lang}_status`] = texts?.[lang]?.status ?? "missing";
      }
    } else if (f.kind === "json") {
      row[f.column] = jsonCell((value as unknown[] | undefined) ?? []);
    } else {
      row[f.column] = value === undefined ? "" : String(value);
    }
  }
  return row;
}

/** The CSV of many system versions: the register export, or one system's history (one row per version). */
export function toFlatCsv(systems: readonly PublishedSystem[]): string {
  return toCsv(
    FLAT_COLUMNS,
    systems.map((s) => {
      const row = flattenSystem(s);
      return FLAT_COLUMNS.map((column) => row[column] ?? "");
    }),
  );
}

/**
 * The input of `SystemImport` from one row (as `flattenSystem` writes it). Only shapes, never
 * validates content: zod does that, and `columnOf` names the column of each zod issue.
 * Derived columns (standard_version, version, organisation_official_id, country, first_published_at,
 * retired_at) are ignored: the platform sets them. A cell that cannot even be shaped (JSON that does
 * not parse, a boolean other than true/false, a translation status other than authored/machine)
 * throws `import_invalid` with one field per bad cell, its path being the column name.
 */
export function unflattenRow(row: Record<string, string>, line: number): unknown {
  const problems: FieldError[] = [];
  const cell = (column: string): string => row[column] ?? "";
  const problem = (column: string, message: string) => problems.push({ path: column, message, line });

  const parseJson = (column: string): unknown => {
    try {
      return JSON.parse(cell(column));
    } catch {
      problem(column, "validation.json_cell");
      return undefined;
    }
  };

  // Parents always exist, so that zod reports the missing child ("validation.choice" on the theme,
  // "validation.contact_required") rather than a missing object.
  const record: Record<string, unknown> = {
    contact: {},
    accountability: {},
    classification: {},
    status: {},
    riskClass: {},
    links: {},
  };
  for (const f of recordFields) {
    if (f.kind === "localized") {
      const texts: Record<string, { text: string; status?: string }> = {};
      for (const lang of languages) {
        const value = cell(`${f.column}_${lang}`);
        const status = cell(`${f.column}_${lang}_status`);
        if (!value) continue;
        if (status && status !== "authored" && status !== "machine") {
          problem(`${f.column}_${lang}_status`, "validation.choice");
        }
        texts[lang] = status ? { text: value, status } : { text: value };
      }
      if (Object.keys(texts).length) set(record, f.path, texts);
      continue;
    }
    const value = cell(f.column);
    if (!value) continue;
    if (f.kind === "json") {
      const parsed = parseJson(f.column);
      if (parsed !== undefined) set(record, f.path, parsed);
    } else if (f.kind === "bool") {
      if (value === "true" || value === "false") set(record, f.path, value === "true");
      else problem(f.column, "validation.choice");
    } else {
      set(record, f.path, value);
    }
  }

  const entry: Record<string, unknown> = { organisation: cell("organisation_id"), record };
  if (cell("id")) entry.id = cell("id");
  if (cell("former_ids")) entry.formerIds = parseJson("former_ids");
  if (cell("lifecycle")) entry.state = cell("lifecycle");
  if (cell("published_at")) entry.publishedAt = cell("published_at");

  if (problems.length) throw errors.importInvalid(problems);
  return entry;
}

const metaColumnOf: Record<string, string> = {
  id: "id",
  formerIds: "former_ids",
  organisation: "organisation_id",
  state: "lifecycle",
  publishedAt: "published_at",
};

/**
 * The CSV column of a `SystemImport` issue path (`["record", "name", "fr", "text"]` → `name_fr`),
 * so that zod's errors on an imported row name what the person sees in the spreadsheet.
 */
export function columnOf(path: readonly PropertyKey[]): string | undefined {
  const [head, ...rest] = path.map(String);
  if (head !== "record") return head === undefined ? undefined : metaColumnOf[head];
  if (!rest.length) return undefined;
  for (const f of recordFields) {
    const within = f.path.every((key, i) => rest[i] === key);
    if (within) {
      const lang = rest[f.path.length];
      if (f.kind !== "localized" || !lang) return columnsOf(f)[0];
      return rest[f.path.length + 1] === "status" ? `${f.column}_${lang}_status` : `${f.column}_${lang}`;
    }
  }
  // An issue on a parent object (a refinement of `contact`, `status`, …) names its first column.
  return recordFields.find((f) => rest.every((key, i) => f.path[i] === key))?.column;
}
