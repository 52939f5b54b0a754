// Zod contracts of the privacy engine: the entities it recognises, the pseudonymisation configuration and the result shapes.
// Messages are translation keys.
import { z } from "zod";

/** Entity ids, as in ../shared/fixtures/identifiers/generated.json. */
export const entityIds = [
  "be_national_number",
  "be_bis_number",
  "be_enterprise_number",
  "be_establishment_unit",
  "be_vat",
  "be_eid_card",
  "lu_national_id",
  "lu_vat",
  "iban",
  "phone",
  "email",
  "plate",
  "postcode",
] as const;
export type EntityId = (typeof entityIds)[number];
export const EntityIdSchema = z.enum(entityIds, { error: "validation.choice" });

/** Identifiers that name a person (or a sole trader) by themselves; a postcode only narrows down. */
export const directIdentifiers: ReadonlySet<EntityId> = new Set(entityIds.filter((id) => id !== "postcode"));

/** One column of a scan. */
export interface ColumnFinding {
  name: string;
  /** The identifier the column holds, or null when none reaches the reporting threshold (0.5). */
  entity: EntityId | null;
  /** 0..1: for an entity, how sure the classifier is of it; for null, how sure that the column is none of them. */
  confidence: number;
  /** 0..1: share of the non-empty values examined that validate as `entity` (0 when entity is null). */
  valid_share: number;
  /** Up to three distinct valid values, masked ("85•••••••33"). */
  examples: string[];
  /** Non-empty values examined. */
  values: number;
  /** Identifiers found inside free-text cells: the share of non-empty cells holding at least one, and masked examples. */
  in_text: Array<{ entity: EntityId; share: number; examples: string[] }>;
}

export interface ScanResult {
  columns: ColumnFinding[];
  /** Rows examined: the sample's size, or every row in a full scan. */
  rows: number;
  mode: "sample" | "full";
}

const columnName = z.string({ error: "validation.required" }).min(1, "validation.required").max(256, "validation.too_long");
/** The entity whose canonical form is used before the operator, so that "90.05.15-123.91" and "90051512391" agree. */
const entity = EntityIdSchema.optional();
const prefix = (fallback: string) => z.string({ error: "validation.invalid" }).regex(/^[A-Za-z0-9_:-]{0,16}$/, "privacy.validation.prefix").default(fallback);
const count = (min: number, max: number, fallback: number) =>
  z.number({ error: "validation.invalid" }).int("privacy.validation.integer").min(min, "privacy.validation.range").max(max, "privacy.validation.range").default(fallback);

const HmacColumn = z.strictObject({
  name: columnName,
  operator: z.literal("hmac"),
  entity,
  length: count(16, 52, 26),
  prefix: prefix("h_"),
});
const AesSivColumn = z.strictObject({ name: columnName, operator: z.literal("aes_siv"), entity, prefix: prefix("e_") });
const MaskColumn = z.strictObject({
  name: columnName,
  operator: z.literal("mask"),
  entity,
  keepFirst: count(0, 64, 0),
  keepLast: count(0, 64, 4),
  char: z.string({ error: "validation.invalid" }).length(1, "privacy.validation.mask_char").default("*"),
});
const GeneraliseColumn = z.discriminatedUnion(
  "to",
  [
    z.strictObject({ name: columnName, operator: z.literal("generalise"), to: z.enum(["month", "year"]) }),
    z.strictObject({ name: columnName, operator: z.literal("generalise"), to: z.literal("age_band"), width: count(1, 50, 10), top: count(1, 150, 90) }),
    z.strictObject({ name: columnName, operator: z.literal("generalise"), to: z.literal("region"), country: z.enum(["BE", "LU"], { error: "validation.choice" }).default("BE") }),
  ],
  { error: "privacy.validation.generalise_to" },
);
const SuppressColumn = z.strictObject({
  name: columnName,
  operator: z.literal("suppress"),
  mode: z.enum(["remove", "empty"], { error: "validation.choice" }).default("remove"),
});

export const ColumnRuleSchema = z.discriminatedUnion("operator", [HmacColumn, AesSivColumn, MaskColumn, GeneraliseColumn, SuppressColumn], {
  error: "privacy.validation.operator",
});
export type ColumnRule = z.infer<typeof ColumnRuleSchema>;
export type Operator = ColumnRule["operator"];

/**
 * What `gaichel privacy pseudonymise --config` reads. The domain names who must not be able to link the
 * pseudonyms back (a joint pilot, an audit): the same key gives unrelated pseudonyms in two domains.
 * Columns not listed are copied unchanged.
 */
export const PseudonymisationConfigSchema = z
  .strictObject({
    domain: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(128, "validation.too_long"),
    columns: z.array(ColumnRuleSchema, { error: "validation.required" }).min(1, "privacy.validation.no_columns"),
  })
  .superRefine((config, context) => {
    const seen = new Set<string>();
    config.columns.forEach((column, index) => {
      if (seen.has(column.name)) context.addIssue({ code: "custom", path: ["columns", index, "name"], message: "privacy.validation.duplicate_column" });
      seen.add(column.name);
    });
  });
export type PseudonymisationConfig = z.infer<typeof PseudonymisationConfigSchema>;

/** What a run did, for the audit trail: never the key, only its fingerprint; never a value. */
export interface RunRecord {
  domain: string;
  /** First 8 bytes of SHA-256 of the master key, hex; null when no operator needed a key. */
  keyId: string | null;
  columns: Array<{ name: string; operator: Operator; params: Record<string, string | number> }>;
  /** Data rows written. */
  rows: number;
}

/** A generalisation of one quasi-identifier and what it would give, as `gaichel privacy risk` suggests it. */
export interface RiskSuggestion {
  /** The rule to put in the pseudonymisation configuration (suppress = leave the quasi-identifier out). */
  rule: ColumnRule;
  k: number;
  classes: number;
  records_at_risk: number;
  reaches_target: boolean;
}

/**
 * Re-identification risk over quasi-identifiers, as ARX and sdcMicro define it. The records are grouped by the
 * quasi-identifiers into equivalence classes of sizes f_j; n records, J classes.
 */
export interface RiskReport {
  quasi_identifiers: string[];
  records: number;
  classes: number;
  /** k-anonymity: the smallest class, min f_j. */
  k: number;
  /** Records alone in their class (f_j = 1). */
  sample_uniques: number;
  prosecutor: {
    /** 1 / k: the risk of the best-known record, when the attacker knows the person is in the data. */
    highest: number;
    /** Mean over records of 1/f_j, which equals J / n. */
    average: number;
    /** Share of records whose 1/f_j exceeds the threshold. */
    records_at_risk: number;
    threshold: number;
  };
  /** Marketer model (sample = population): expected share of records re-identified when matching them all, J / n. */
  marketer: number;
  /** Distinct ℓ-diversity of the sensitive column: the fewest distinct sensitive values in a class (null without one). */
  l_diversity: number | null;
  sensitive: string | null;
  target_k: number;
  /** One generalisation of one quasi-identifier at a time, best first. */
  suggestions: RiskSuggestion[];
}
