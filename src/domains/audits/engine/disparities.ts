// Disparities of each group against a reference group: differences with Newcombe intervals, ratios, four-fifths rule.
import type { Disparities, Disparity, RateName, ReferenceRule } from "../schema.ts";
import { groupKey, type GroupCounts } from "./counts.ts";
import { excludesZero, newcombe } from "./intervals.ts";
import type { Proportion } from "./metrics.ts";

/** The four-fifths rule (US EEOC Uniform Guidelines, 29 CFR 1607.4(D)): a selection-rate ratio below 0.8 is flagged. */
const FOUR_FIFTHS = 0.8;

export interface Candidate {
  group: GroupCounts;
  rates: Record<RateName, Proportion>;
}

export interface ChosenReference {
  key: string;
  candidate: Candidate;
  rule: "named" | "largest" | "most_favoured";
}

/**
 * The reference of one grouping among the candidate groups. A named reference applies to every grouping whose
 * attributes it all names ({sex: "M", nationality: "LU"} gives (M) for sex, (LU) for nationality and (M, LU) for
 * both); other groupings fall back on the largest group. Null when the named group is not among the candidates.
 */
export function chooseReference(attributes: string[], candidates: Candidate[], rule: ReferenceRule): ChosenReference | null {
  const named = typeof rule === "object" && attributes.every((a) => a in rule) ? rule : undefined;
  if (named) {
    const wanted = groupKey(Object.fromEntries(attributes.map((a) => [a, named[a] ?? null])));
    const found = candidates.find((c) => groupKey(c.group.attributes) === wanted);
    return found ? { key: wanted, candidate: found, rule: "named" } : null;
  }
  const ruleName = rule === "most_favoured" ? "most_favoured" : "largest";
  const size = (c: Candidate) => c.group.selected.w + c.group.rejected.w;
  const better = (a: Candidate, b: Candidate) =>
    ruleName === "most_favoured"
      ? (a.rates.selection_rate.value ?? -1) > (b.rates.selection_rate.value ?? -1) ||
        ((a.rates.selection_rate.value ?? -1) === (b.rates.selection_rate.value ?? -1) && size(a) > size(b))
      : size(a) > size(b);
  // Candidates come in value order, so ties go to the first: the choice does not depend on the file's row order.
  const best = candidates.reduce<Candidate | undefined>((top, c) => (!top || better(c, top) ? c : top), undefined);
  return best ? { key: groupKey(best.group.attributes), candidate: best, rule: ruleName } : null;
}

function disparity(group: Proportion, reference: Proportion): Disparity {
  if (group.value === null || reference.value === null) return { difference: null, ratio: null, interval: null, distinguishable: null };
  const interval = newcombe(group.value, group.n, reference.value, reference.n);
  return {
    difference: group.value - reference.value,
    ratio: reference.value === 0 ? null : group.value / reference.value,
    interval,
    distinguishable: interval ? excludesZero(interval) : null,
  };
}

export function disparitiesOf(group: Record<RateName, Proportion>, reference: Record<RateName, Proportion>): Disparities {
  const demographic = disparity(group.selection_rate, reference.selection_rate);
  const tpr = disparity(group.true_positive_rate, reference.true_positive_rate);
  const fpr = disparity(group.false_positive_rate, reference.false_positive_rate);
  const gap = (d: Disparity) => (d.difference === null ? -1 : Math.abs(d.difference));
  const odds =
    tpr.difference === null && fpr.difference === null
      ? { ...tpr, rate: null }
      : gap(fpr) > gap(tpr)
        ? { ...fpr, rate: "false_positive_rate" as const }
        : { ...tpr, rate: "true_positive_rate" as const };
  return {
    demographic_parity: demographic,
    equal_opportunity: tpr,
    equalized_odds: odds,
    predictive_parity: disparity(group.precision, reference.precision),
    four_fifths: {
      ratio: demographic.ratio,
      flagged: demographic.ratio === null ? null : demographic.ratio < FOUR_FIFTHS,
    },
  };
}
