// Re-identification risk over quasi-identifiers (k, uniques, prosecutor and marketer risk, ℓ-diversity) and the
// generalisations that would lower it, computed by DuckDB in one pass over the file.
//
// Definitions as ARX and sdcMicro report them (Prasser et al., ARX; El Emam, Guide to the De-Identification of
// Personal Health Information): records grouped by the quasi-identifiers into equivalence classes of sizes f_j,
// n records, J classes.
//   k-anonymity            k = min f_j; sample uniques: records with f_j = 1.
//   prosecutor model       the attacker knows the person is in the data: record risk 1/f_j; highest 1/k; average
//                          (1/n)·Σ_records 1/f_j = J/n; records at risk: share of records with 1/f_j > threshold.
//   marketer model         the attacker matches every record; with the sample taken as the population the expected
//                          share re-identified is J/n (ARX reports the same figure for this case).
//   distinct ℓ-diversity   the fewest distinct values of the sensitive column in any class.
import { privacyError } from "./errors.ts";
import { headerEntities, headerNamesAge } from "./keywords.ts";
import { generaliseAge, generaliseDate, generalisePostcode } from "./operators/generalise.ts";
import type { ColumnRule, RiskReport, RiskSuggestion } from "./schema.ts";
import { openTabular, readingFile, sqlIdentifier, sqlString, type Tabular } from "./tabular.ts";

export interface RiskOptions {
  qi: string[];
  sensitive?: string;
  /** Prosecutor risk above which a record counts as at risk; 0.2 means classes of fewer than 5. */
  threshold?: number;
  targetK?: number;
}

export const DEFAULT_THRESHOLD = 0.2;
export const DEFAULT_TARGET_K = 5;

/** Missing values form a class of their own: an attacker learns "unknown" as surely as a value. */
const MISSING = "∅";

interface Figures {
  records: number;
  classes: number;
  k: number;
  uniques: number;
  atRisk: number;
  l: number | null;
}

/**
 * The figures of a grouping of the `cells` table (the finest classes, counted once: quasi-identifiers, the
 * sensitive value and a count n). Coarser groupings are sums of it, so every suggestion costs a GROUP BY over
 * the cells, not over the file.
 */
async function figures(tabular: Tabular, columns: string[], threshold: number, withSensitive: boolean, from = "cells"): Promise<Figures> {
  const group = columns.length ? `GROUP BY ${columns.map(sqlIdentifier).join(", ")}` : "";
  const l = withSensitive ? ", count(DISTINCT s) AS l" : ", NULL::BIGINT AS l";
  const reader = await tabular.connection.runAndReadAll(`
    SELECT sum(f)::BIGINT AS records, count(*)::BIGINT AS classes, min(f)::BIGINT AS k,
           count(*) FILTER (WHERE f = 1)::BIGINT AS uniques,
           coalesce(sum(f) FILTER (WHERE 1.0 / f > ${threshold}), 0)::BIGINT AS at_risk,
           min(l)::BIGINT AS l
    FROM (SELECT sum(n) AS f${l} FROM ${from} ${group})`);
  const row = reader.getRowObjectsJS()[0]!;
  const number = (value: unknown) => (value === null || value === undefined ? 0 : Number(value));
  return {
    records: number(row.records),
    classes: number(row.classes),
    k: number(row.k),
    uniques: number(row.uniques),
    atRisk: number(row.at_risk),
    l: withSensitive && row.l !== null ? number(row.l) : null,
  };
}

/**
 * The generalisations worth trying on a column: each one our operators offer, kept if it reads most values.
 * Dates tell themselves by their values; a number is an age or a postcode only if the header says so, since a
 * year of birth reads as a Belgian postcode and an amount as an age.
 */
const CANDIDATES: Array<{ rule: (name: string) => ColumnRule; apply: (value: string) => string; fits: (header: string) => boolean }> = [
  { rule: (name) => ({ name, operator: "generalise", to: "month" }), apply: (v) => generaliseDate(v, "month"), fits: () => true },
  { rule: (name) => ({ name, operator: "generalise", to: "year" }), apply: (v) => generaliseDate(v, "year"), fits: () => true },
  ...[5, 10, 20].map((width) => ({
    rule: (name: string): ColumnRule => ({ name, operator: "generalise", to: "age_band", width, top: 90 }),
    apply: (v: string) => generaliseAge(v, { width, top: 90 }),
    fits: headerNamesAge,
  })),
  {
    rule: (name) => ({ name, operator: "generalise", to: "region", country: "BE" }),
    apply: (v) => generalisePostcode(v, "BE"),
    fits: (header) => headerEntities(header).has("postcode"),
  },
];
/** A generalisation that leaves more than this share of a column's distinct values unreadable is not for it. */
const READABLE_SHARE = 0.9;

async function suggest(tabular: Tabular, qi: string[], threshold: number, targetK: number, withSensitive: boolean): Promise<RiskSuggestion[]> {
  const suggestions: RiskSuggestion[] = [];
  const entry = (rule: ColumnRule, result: Figures): RiskSuggestion => ({
    rule,
    k: result.k,
    classes: result.classes,
    records_at_risk: result.records ? result.atRisk / result.records : 0,
    reaches_target: result.k >= targetK,
  });
  for (const [index, column] of qi.entries()) {
    const others = qi.filter((_, i) => i !== index);
    suggestions.push(entry({ name: column, operator: "suppress", mode: "remove" }, await figures(tabular, others, threshold, withSensitive)));
    const distinct = (await tabular.connection.runAndReadAll(`SELECT DISTINCT ${sqlIdentifier(column)} AS v FROM cells`))
      .getRowObjectsJS()
      .map((row) => String(row.v));
    const present = distinct.filter((value) => value !== MISSING);
    for (const candidate of CANDIDATES.filter((c) => c.fits(column))) {
      const mapped = present.map((value) => [value, candidate.apply(value)] as const);
      const readable = mapped.filter(([, general]) => general !== "").length;
      const coarser = new Set(mapped.map(([, general]) => general)).size < present.length;
      if (!present.length || readable / present.length < READABLE_SHARE || !coarser) continue;
      await tabular.connection.run("CREATE OR REPLACE TEMP TABLE mapping (v VARCHAR, g VARCHAR)");
      const appender = await tabular.connection.createAppender("mapping");
      for (const [value, general] of mapped) {
        appender.appendVarchar(value);
        appender.appendVarchar(general === "" ? MISSING : general);
        appender.endRow();
      }
      appender.closeSync();
      const replaced = `(SELECT cells.* REPLACE (coalesce(mapping.g, cells.${sqlIdentifier(column)}) AS ${sqlIdentifier(column)})
                          FROM cells LEFT JOIN mapping ON cells.${sqlIdentifier(column)} = mapping.v)`;
      suggestions.push(entry(candidate.rule(column), await figures(tabular, qi, threshold, withSensitive, replaced)));
    }
  }
  // Lowest risk first: the target reached, then a higher k, fewer records at risk, fewer classes (a lower average
  // risk); at equal figures a generalisation before a suppression, since it keeps more of the column.
  const suppresses = (s: RiskSuggestion) => Number(s.rule.operator === "suppress");
  return suggestions.sort(
    (a, b) =>
      Number(b.reaches_target) - Number(a.reaches_target) ||
      b.k - a.k ||
      a.records_at_risk - b.records_at_risk ||
      a.classes - b.classes ||
      suppresses(a) - suppresses(b),
  );
}

/** The figures over the file, then one suggestion per generalisation or suppression of one quasi-identifier. */
async function reportRisk(tabular: Tabular, options: RiskOptions, threshold: number, targetK: number): Promise<RiskReport> {
  const keep = (name: string) => `coalesce(${sqlIdentifier(name)}, ${sqlString(MISSING)}) AS ${sqlIdentifier(name)}`;
  const sensitive = options.sensitive ? `, coalesce(${sqlIdentifier(options.sensitive)}, ${sqlString(MISSING)}) AS s` : "";
  await tabular.connection.run(
    `CREATE TEMP TABLE cells AS SELECT ${options.qi.map(keep).join(", ")}${sensitive}, count(*) AS n FROM ${tabular.source} GROUP BY ALL`,
  );
  const result = await figures(tabular, options.qi, threshold, Boolean(options.sensitive));
  return {
    quasi_identifiers: options.qi,
    records: result.records,
    classes: result.classes,
    k: result.k,
    sample_uniques: result.uniques,
    prosecutor: {
      highest: result.k ? 1 / result.k : 0,
      average: result.records ? result.classes / result.records : 0,
      records_at_risk: result.records ? result.atRisk / result.records : 0,
      threshold,
    },
    marketer: result.records ? result.classes / result.records : 0,
    l_diversity: result.l,
    sensitive: options.sensitive ?? null,
    target_k: targetK,
    suggestions: await suggest(tabular, options.qi, threshold, targetK, Boolean(options.sensitive)),
  };
}

export async function measureRisk(file: string, options: RiskOptions): Promise<RiskReport> {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const targetK = options.targetK ?? DEFAULT_TARGET_K;
  if (!options.qi.length) throw privacyError("privacy_qi_required");
  const tabular = await openTabular(file);
  try {
    const wanted = [...options.qi, ...(options.sensitive ? [options.sensitive] : [])];
    const missing = wanted.filter((name) => !tabular.columns.includes(name));
    if (missing.length) throw privacyError("privacy_column_not_found", { columns: missing.join(", ") });
    return await readingFile(file, () => reportRisk(tabular, options, threshold, targetK));
  } finally {
    tabular.close();
  }
}

