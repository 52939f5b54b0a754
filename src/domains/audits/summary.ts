// What a bias audit found, in plain language: findings as translation keys with values, said in the reader's
// language only when shown, so the web page and the PDF say the same thing in each of the four languages.
import { formatNumber, intlLocale, languages, type Lang, type T } from "../../i18n/index.ts";
import type { AuditResult, Disparity, GroupingResult, GroupResult } from "./schema.ts";

// The report's own number formats, in the same Intl locales as i18n's dates and numbers, built once per language.
const perLang = <F>(make: (locale: string) => F) =>
  Object.fromEntries(languages.map((lang) => [lang, make(intlLocale[lang])])) as Record<Lang, F>;
const percentFormats = perLang((locale) => new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }));
const wholePercentFormats = perLang((locale) => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }));
const pointFormats = perLang((locale) => new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
const signedPointFormats = perLang(
  (locale) => new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: "exceptZero" }),
);
const ratioFormats = perLang((locale) => new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
const listFormats = perLang((locale) => new Intl.ListFormat(locale, { type: "conjunction" }));

/** A rate (0..1) as a percentage with one decimal ("30,7 %"), or whole ("30 %") for an axis. */
export function formatRate(lang: Lang, value: number, whole = false): string {
  return (whole ? wholePercentFormats : percentFormats)[lang].format(value);
}

/** A difference of two rates in percentage points; signed ("−10,1") unless the words around it give the direction. */
export function formatPoints(lang: Lang, difference: number, signed = true): string {
  return (signed ? signedPointFormats : pointFormats)[lang].format(difference * 100);
}

export function formatRatio(lang: Lang, value: number): string {
  return ratioFormats[lang].format(value);
}

/** "sex, nationality and age_band": column names are the data's own, never translated. */
export function formatList(lang: Lang, items: string[]): string {
  return listFormats[lang].format(items);
}

/** A group as readers see it: its value for one attribute ("F"), "attribute: value" pairs for a combination. */
export function groupName(t: T, attributes: Record<string, string | null>): string {
  const entries = Object.entries(attributes);
  const value = (v: string | null) => v ?? t("audit_report.missing_value");
  if (entries.length === 0) return t("audit_report.all_decisions");
  if (entries.length === 1) return value(entries[0]![1]);
  return entries.map(([attribute, v]) => `${attribute}${t("common.colon")} ${value(v)}`).join(", ");
}

/** A value a finding reads out, formatted in the reader's language when the finding is said. */
export type FindingValue =
  | { kind: "count"; value: number }
  | { kind: "rate"; value: number }
  /** Percentage points, unsigned: the sentence says above or below. */
  | { kind: "points"; value: number }
  | { kind: "group"; attributes: Record<string, string | null> }
  | { kind: "groups"; groups: Array<Record<string, string | null>> }
  /** A name from the data (a column): shown as it is, in quotation marks. */
  | { kind: "name"; value: string }
  /** A term of our own, translated: its key under audit_report. */
  | { kind: "term"; key: string };

export interface Finding {
  /** Under audit_report.findings. */
  key: string;
  /** Picks the plural form. */
  count?: number;
  params: Record<string, FindingValue>;
  /** A sentence that belongs with this one, e.g. whether its gap could be chance. */
  detail?: Finding;
}

export interface GroupingFindings {
  attributes: string[];
  findings: Finding[];
}

export interface AuditSummary {
  overall: Finding[];
  /** One entry per protected attribute alone; combinations are left to the tables. */
  groupings: GroupingFindings[];
  notes: Finding[];
}

const count = (value: number): FindingValue => ({ kind: "count", value });
const rate = (value: number): FindingValue => ({ kind: "rate", value });
const points = (value: number): FindingValue => ({ kind: "points", value: Math.abs(value) });
const group = (g: GroupResult): FindingValue => ({ kind: "group", attributes: g.attributes });
const name = (value: string): FindingValue => ({ kind: "name", value });

/** Groups whose figures are shown in this view (in the raw view, all). */
const shown = (g: GroupResult) => !g.suppressed && g.count !== null;
/** Withheld in the published view, or would be in the raw one. */
const withheld = (g: GroupResult) => g.suppression !== null;

export function summarizeAudit(result: AuditResult): AuditSummary {
  return {
    overall: overallFindings(result),
    groupings: result.groupings
      .filter((g) => g.attributes.length === 1)
      .map((grouping) => ({ attributes: grouping.attributes, findings: groupingFindings(result, grouping) })),
    notes: noteFindings(result),
  };
}

function overallFindings(result: AuditResult): Finding[] {
  const { overall, settings } = result;
  if (!shown(overall) || overall.selection_rate === null) {
    return [{ key: "overall_withheld", count: settings.min_group_size, params: { minimum: count(settings.min_group_size) } }];
  }
  const findings: Finding[] = [
    {
      key: "overall",
      count: overall.count!,
      params: { decisions: count(overall.count!), rate: rate(overall.selection_rate), selected: count(overall.selected!) },
    },
  ];
  if (result.weighted && settings.weight) findings.push({ key: "weighted", params: { column: name(settings.weight) } });
  if (result.has_label && settings.label && overall.true_positive_rate !== null && overall.false_positive_rate !== null) {
    findings.push({
      key: "overall_label",
      params: { column: name(settings.label), tpr: rate(overall.true_positive_rate), fpr: rate(overall.false_positive_rate) },
    });
  } else if (!result.has_label) {
    findings.push({ key: "no_label", params: {} });
  }
  return findings;
}

/** Whether a gap could be chance: said after every gap whose interval exists. */
function certainty(d: Disparity): Finding | undefined {
  if (d.distinguishable === null || d.interval === null) return undefined;
  if (!d.distinguishable) return { key: "gap_not_distinguishable", params: {} };
  const [low, high] = [Math.abs(d.interval.low), Math.abs(d.interval.high)].sort((a, b) => a - b) as [number, number];
  return { key: "gap_distinguishable", params: { low: points(low), high: points(high) } };
}

function groupingFindings(result: AuditResult, grouping: GroupingResult): Finding[] {
  const findings: Finding[] = [];
  const reference = grouping.groups.find((g) => g.is_reference);
  if (!grouping.reference || !reference || reference.selection_rate === null) {
    findings.push({ key: "no_reference", params: {} });
  } else {
    const referenceRate = reference.selection_rate;
    findings.push({
      key: "reference",
      params: { group: group(reference), rate: rate(referenceRate), rule: { kind: "term", key: `rule_${grouping.reference.rule}` } },
    });
    const compared = grouping.groups.filter(
      (g): g is GroupResult & { disparities: NonNullable<GroupResult["disparities"]>; selection_rate: number } =>
        shown(g) && g.disparities !== null && g.selection_rate !== null && g.disparities.demographic_parity.difference !== null,
    );
    const gap = (g: (typeof compared)[number]) => g.disparities.demographic_parity.difference!;
    const below = compared.filter((g) => gap(g) < 0);
    const above = compared.filter((g) => gap(g) > 0);
    if (compared.length === 0) findings.push({ key: "only_reference", params: {} });
    else if (below.length === 0 && above.length === 0) findings.push({ key: "all_equal", params: {} });
    if (below.length) {
      const lowest = below.reduce((a, b) => (b.selection_rate < a.selection_rate ? b : a));
      findings.push({
        key: "lowest",
        params: { group: group(lowest), rate: rate(lowest.selection_rate), points: points(gap(lowest)), reference: group(reference) },
        detail: certainty(lowest.disparities.demographic_parity),
      });
    } else if (above.length) {
      findings.push({ key: "reference_lowest", params: { reference: group(reference) } });
    }
    if (above.length) {
      const highest = above.reduce((a, b) => (b.selection_rate > a.selection_rate ? b : a));
      findings.push({
        key: "highest",
        params: { group: group(highest), rate: rate(highest.selection_rate), points: points(gap(highest)), reference: group(reference) },
        detail: certainty(highest.disparities.demographic_parity),
      });
    }
    if (compared.length) {
      const flagged = compared.filter((g) => g.disparities.four_fifths.flagged);
      findings.push(
        flagged.length
          ? { key: "four_fifths_flagged", count: flagged.length, params: { groups: { kind: "groups", groups: flagged.map((g) => g.attributes) } } }
          : { key: "four_fifths_none", params: {} },
      );
    }
    if (result.has_label) findings.push(...errorFindings(compared, reference));
  }
  const hidden = grouping.groups.filter(withheld).length;
  if (hidden) {
    findings.push({
      key: result.view === "published" ? "withheld" : "would_withhold",
      count: hidden,
      params: { groups: count(hidden), minimum: count(result.settings.min_group_size) },
    });
  }
  return findings;
}

/** The largest gaps in who gets it right: equal opportunity (TPR), then equalized odds when it is another gap. */
function errorFindings(compared: Array<GroupResult & { disparities: NonNullable<GroupResult["disparities"]> }>, reference: GroupResult): Finding[] {
  const largest = <K extends "equal_opportunity" | "equalized_odds">(metric: K) =>
    compared
      .filter((g) => g.disparities[metric].difference !== null)
      .reduce<(typeof compared)[number] | undefined>(
        (top, g) => (!top || Math.abs(g.disparities[metric].difference!) > Math.abs(top.disparities[metric].difference!) ? g : top),
        undefined,
      );
  const findings: Finding[] = [];
  const opportunity = largest("equal_opportunity");
  if (opportunity && opportunity.true_positive_rate !== null && reference.true_positive_rate !== null) {
    const d = opportunity.disparities.equal_opportunity;
    findings.push({
      key: d.difference! < 0 ? "equal_opportunity_below" : "equal_opportunity_above",
      params: {
        group: group(opportunity),
        rate: rate(opportunity.true_positive_rate),
        reference: group(reference),
        reference_rate: rate(reference.true_positive_rate),
        points: points(d.difference!),
      },
      detail: certainty(d),
    });
  }
  const odds = largest("equalized_odds");
  const oddsRate = odds?.disparities.equalized_odds.rate;
  // The equalized-odds gap is often the very TPR gap just said; a second sentence would only repeat it.
  if (odds && oddsRate && !(oddsRate === "true_positive_rate" && odds === opportunity)) {
    const d = odds.disparities.equalized_odds;
    findings.push({
      key: "equalized_odds",
      params: { group: group(odds), rate_name: { kind: "term", key: `rate_terms.${oddsRate}` }, points: points(d.difference!), reference: group(reference) },
      detail: certainty(d),
    });
  }
  return findings;
}

function noteFindings(result: AuditResult): Finding[] {
  const notes: Finding[] = [];
  const combinations = result.groupings.filter((g) => g.attributes.length > 1);
  if (combinations.length) notes.push({ key: "combinations", count: combinations.length, params: { groupings: count(combinations.length) } });
  const all = result.groupings.flatMap((g) => g.groups);
  const below = all.filter((g) => g.suppression === "below_minimum").length;
  const complementary = all.filter((g) => g.suppression === "complementary").length;
  if (below + complementary) {
    const minimum = result.settings.min_group_size;
    notes.push({
      key: result.view === "published" ? "withheld_total" : "would_withhold_total",
      count: below + complementary,
      params: { groups: count(below + complementary), total: count(all.length) },
      detail: {
        key: "withheld_reasons",
        params: { below: count(below), complementary: count(complementary), minimum: count(minimum) },
      },
    });
  }
  return notes;
}

/** A finding as a sentence (with its detail) in the reader's language. */
export function sayFinding(t: T, lang: Lang, finding: Finding): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(finding.params)) params[name] = sayValue(t, lang, value);
  if (finding.count !== undefined) params.count = finding.count;
  const sentence = t(`audit_report.findings.${finding.key}`, params);
  return finding.detail ? `${sentence} ${sayFinding(t, lang, finding.detail)}` : sentence;
}

function sayValue(t: T, lang: Lang, value: FindingValue): string {
  switch (value.kind) {
    case "count":
      return formatNumber(lang, value.value);
    case "rate":
      return formatRate(lang, value.value);
    case "points":
      return formatPoints(lang, value.value, false);
    case "group":
      return t("audit_report.quoted", { text: groupName(t, value.attributes) });
    case "groups":
      return formatList(lang, value.groups.map((attributes) => t("audit_report.quoted", { text: groupName(t, attributes) })));
    case "name":
      return t("audit_report.quoted", { text: value.value });
    case "term":
      return t(`audit_report.${value.key}`);
  }
}

/** "30,2 % à 31,6 %": an interval of rates, or of differences in points when `points` is set. */
export function formatInterval(t: T, lang: Lang, interval: { low: number; high: number }, points = false): string {
  const say = (v: number) => (points ? formatPoints(lang, v) : formatRate(lang, v));
  return t("audit_report.interval", { low: say(interval.low), high: say(interval.high) });
}

/** "By sex and nationality". */
export function groupingTitle(t: T, lang: Lang, attributes: string[]): string {
  return t("audit_report.by_attributes", { attributes: formatList(lang, attributes) });
}

/** Why a group's figures are (or, in the raw view, would be) withheld from publication. */
export function withheldReason(t: T, lang: Lang, result: AuditResult, g: GroupResult): string {
  const minimum = result.settings.min_group_size;
  return t(`audit_report.withheld_reasons.${g.suppression ?? "below_minimum"}`, { count: minimum, minimum: formatNumber(lang, minimum) });
}

const quoted = (t: T, value: string) => t("audit_report.quoted", { text: value });

/** The settings of the audit as terms and values, in the order a reader needs them. */
export function describeSettings(t: T, lang: Lang, result: AuditResult): Array<{ term: string; value: string }> {
  const s = result.settings;
  const reference =
    typeof s.reference === "object"
      ? t("audit_report.settings.reference_named", { group: quoted(t, groupName(t, s.reference)) })
      : t(`audit_report.settings.reference_${s.reference}`);
  return [
    {
      term: t("audit_report.settings.decision"),
      value:
        s.score !== null && s.threshold !== null
          ? t("audit_report.settings.score_value", { column: quoted(t, s.score), threshold: formatNumber(lang, s.threshold) })
          : t("audit_report.settings.decision_value", { column: quoted(t, s.decision ?? ""), value: quoted(t, s.favourable ?? "") }),
    },
    {
      term: t("audit_report.settings.label"),
      value:
        s.label !== null
          ? t("audit_report.settings.label_value", { column: quoted(t, s.label), value: quoted(t, s.label_favourable ?? "") })
          : t("audit_report.settings.no_label"),
    },
    { term: t("audit_report.settings.protected"), value: formatList(lang, s.protected.map((c) => quoted(t, c))) },
    {
      term: t("audit_report.settings.weight"),
      value: s.weight !== null ? t("audit_report.settings.weight_value", { column: quoted(t, s.weight) }) : t("audit_report.settings.no_weight"),
    },
    {
      term: t("audit_report.settings.min_group_size"),
      value: t("audit_report.settings.min_group_size_value", { count: s.min_group_size, minimum: formatNumber(lang, s.min_group_size) }),
    },
    { term: t("audit_report.settings.reference"), value: reference },
    { term: t("audit_report.settings.view"), value: t(`audit_report.settings.view_${result.view}`) },
  ];
}
