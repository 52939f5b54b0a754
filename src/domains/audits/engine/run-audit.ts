// The audit engine's entry point: checks the file, counts it in a DuckDB child process, derives every metric from the
// counts and returns two views of the result: raw (every figure, for the owning organisation) and published.
import { errors } from "../../../http/errors.ts";
import { issuesToFields } from "../../../http/validation.ts";
import {
  AuditSettings,
  rateNames,
  type AuditResult,
  type AuditSettingsInput,
  type GroupingResult,
  type GroupResult,
  type Interval,
  type RateName,
  type SuppressionReason,
} from "../schema.ts";
import { countInChild } from "./count-in-child.ts";
import { assembleCounts, groupKey, rowsOf, type Counts, type GroupCounts } from "./counts.ts";
import { chooseReference, disparitiesOf, type Candidate, type ChosenReference } from "./disparities.ts";
import { auditError } from "./errors.ts";
import { checkInput, inspectFile } from "./input-check.ts";
import { intervalOf, proportionsOf, summarize } from "./metrics.ts";
import { suppressSmallGroups } from "./suppression.ts";
import type { EnginePhase } from "./worker-protocol.ts";

export interface AuditProgress {
  phase: EnginePhase;
  /** 0..1 while counting, when DuckDB reports it; null otherwise. */
  fraction: number | null;
}

export interface RunAuditOptions {
  onProgress?: (progress: AuditProgress) => void;
  /** Aborting stops the child at once; runAudit then rejects with audit_cancelled. */
  signal?: AbortSignal;
  /** DuckDB's memory limit in the child (default 512MB); past it the aggregation spills to a temporary folder. */
  memoryLimit?: string;
}

export interface AuditOutcome {
  /** Every figure, small groups included: for the owning organisation's eyes only, never published. */
  raw: AuditResult;
  /** What may be shown to anyone: small groups and those that would reveal them withheld. */
  published: AuditResult;
  stats: {
    rows: number;
    /** Wall-clock seconds of the whole audit, child process included. */
    seconds: number;
    countSeconds: number;
    /** Peak resident memory of the DuckDB child process. */
    peakRssBytes: number;
  };
}

export function parseSettings(input: AuditSettingsInput): AuditSettings {
  const parsed = AuditSettings.safeParse(input);
  if (!parsed.success) throw errors.invalidInput(issuesToFields(parsed.error.issues));
  return parsed.data;
}

export async function runAudit(file: string, input: AuditSettingsInput, options: RunAuditOptions = {}): Promise<AuditOutcome> {
  const started = performance.now();
  const settings = parseSettings(input);
  options.onProgress?.({ phase: "checking", fraction: null });
  // The child process starts while the file is checked: its start-up is most of an audit's fixed cost.
  const job = inspectFile(file).then((inspection) => ({
    file,
    layout: checkInput(inspection, settings),
    settings,
    memoryLimit: options.memoryLimit ?? "512MB",
    progress: options.onProgress !== undefined,
  }));
  const { rows, stats } = await countInChild(job, {
    onProgress: (phase, fraction) => options.onProgress?.({ phase, fraction }),
    signal: options.signal,
  });
  options.onProgress?.({ phase: "computing", fraction: null });
  const counts = assembleCounts(settings.protected, rows, settings.label !== undefined);
  checkNamedReference(counts, settings);
  const suppression = suppressSmallGroups(counts, settings.min_group_size);
  return {
    raw: buildView("raw", counts, settings, suppression),
    published: buildView("published", counts, settings, suppression),
    stats: { ...stats, seconds: (performance.now() - started) / 1000 },
  };
}

/** A named reference value that no row has is a typing mistake, not a reason to audit without a reference. */
function checkNamedReference(counts: Counts, settings: AuditSettings) {
  if (typeof settings.reference !== "object") return;
  for (const [attribute, value] of Object.entries(settings.reference)) {
    const grouping = counts.groupings.find((g) => g.attributes.length === 1 && g.attributes[0] === attribute);
    if (!grouping?.groups.some((g) => g.attributes[attribute] === value)) {
      throw auditError("audit_reference_not_found", { attribute, value: value ?? "" });
    }
  }
}

/** A group's published figures: what a suppressed group has none of. */
type Figures = Omit<GroupResult, "attributes" | "is_reference" | "suppressed" | "suppression" | "disparities">;

function nullFigures(): Figures {
  const rates = Object.fromEntries(rateNames.map((name) => [name, null])) as Record<RateName, null>;
  return { tp: null, fp: null, tn: null, fn: null, count: null, selected: null, rows: null, ...rates, intervals: rates };
}

function figures(group: GroupCounts, rates: Candidate["rates"]): Figures {
  const c = group.confusion;
  return {
    tp: c ? c.tp.w : null,
    fp: c ? c.fp.w : null,
    tn: c ? c.tn.w : null,
    fn: c ? c.fn.w : null,
    count: group.selected.w + group.rejected.w,
    selected: group.selected.w,
    rows: rowsOf(group),
    ...(Object.fromEntries(rateNames.map((name) => [name, rates[name].value])) as Record<RateName, number | null>),
    intervals: Object.fromEntries(rateNames.map((name) => [name, intervalOf(rates[name])])) as Record<RateName, Interval | null>,
  };
}

function buildView(
  view: "raw" | "published",
  counts: Counts,
  settings: AuditSettings,
  suppression: Map<string, SuppressionReason>,
): AuditResult {
  const withheld = (group: GroupCounts) => view === "published" && suppression.has(groupKey(group.attributes));
  const present = (group: GroupCounts, reference: ChosenReference | null): GroupResult => {
    const key = groupKey(group.attributes);
    const base = { attributes: group.attributes, suppression: suppression.get(key) ?? null };
    if (withheld(group)) return { ...base, ...nullFigures(), disparities: null, is_reference: false, suppressed: true };
    const rates = proportionsOf(group);
    const isReference = reference?.key === key;
    return {
      ...base,
      ...figures(group, rates),
      disparities: reference && !isReference ? disparitiesOf(rates, reference.candidate.rates) : null,
      is_reference: isReference,
      suppressed: false,
    };
  };

  // In the published view, the reference and the summaries are chosen and computed among published groups only.
  const groupings = counts.groupings.map((grouping): GroupingResult => {
    const candidates = grouping.groups.filter((g) => !withheld(g)).map((group) => ({ group, rates: proportionsOf(group) }));
    const reference = chooseReference(grouping.attributes, candidates, settings.reference);
    return {
      attributes: grouping.attributes,
      reference: reference && { attributes: reference.candidate.group.attributes, rule: reference.rule },
      groups: grouping.groups.map((g) => present(g, reference)),
      summary: summarize(candidates.map((c) => c.rates)),
    };
  });

  return {
    view,
    settings: {
      decision: settings.decision ?? null,
      favourable: settings.favourable ?? null,
      score: settings.score ?? null,
      threshold: settings.threshold ?? null,
      label: settings.label ?? null,
      label_favourable: settings.label_favourable ?? null,
      protected: settings.protected,
      weight: settings.weight ?? null,
      min_group_size: settings.min_group_size,
      reference: settings.reference,
    },
    has_label: counts.hasLabel,
    weighted: counts.weighted,
    overall: present(counts.overall, null),
    groupings,
  };
}
