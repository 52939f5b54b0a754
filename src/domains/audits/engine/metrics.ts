// Rates of a group from its confusion counts, with their Wilson intervals, and fairlearn's between-groups summaries.
// Pure arithmetic on counts: the same divisions as fairlearn, so equal to its values up to rounding.
import type { Interval, RateName, Summary } from "../schema.ts";
import { addCells, type Cell, type GroupCounts } from "./counts.ts";
import { wilson } from "./intervals.ts";

/** A proportion: its value (null when the denominator is 0) and the effective sample size behind it. */
export interface Proportion {
  value: number | null;
  n: number;
}

/**
 * numerator / denominator over weighted cells. The effective sample size is Kish's (Σw)² / Σw², which is the row
 * count when every weight is 1: intervals of weighted data then widen with the spread of the weights.
 */
function proportion(numerator: Cell[], denominator: Cell[]): Proportion {
  const num = addCells(...numerator);
  const den = addCells(...denominator);
  if (!(den.w > 0)) return { value: null, n: 0 };
  return { value: num.w / den.w, n: den.w2 > 0 ? (den.w * den.w) / den.w2 : 0 };
}

const undefinedRate: Proportion = { value: null, n: 0 };

export function proportionsOf(group: GroupCounts): Record<RateName, Proportion> {
  const { selected, rejected, confusion } = group;
  const selection_rate = proportion([selected], [selected, rejected]);
  if (!confusion) {
    return {
      selection_rate,
      true_positive_rate: undefinedRate,
      false_positive_rate: undefinedRate,
      false_negative_rate: undefinedRate,
      precision: undefinedRate,
      accuracy: undefinedRate,
    };
  }
  const { tp, fp, tn, fn } = confusion;
  return {
    selection_rate,
    true_positive_rate: proportion([tp], [tp, fn]),
    false_positive_rate: proportion([fp], [fp, tn]),
    false_negative_rate: proportion([fn], [tp, fn]),
    precision: proportion([tp], [tp, fp]),
    accuracy: proportion([tp, tn], [tp, fp, tn, fn]),
  };
}

export function intervalOf(p: Proportion): Interval | null {
  return p.value === null ? null : wilson(p.value, p.n);
}

/** max − min of the defined values; null when none is defined. */
function spread(values: Array<number | null>): number | null {
  const defined = values.filter((v): v is number => v !== null);
  return defined.length ? Math.max(...defined) - Math.min(...defined) : null;
}

/**
 * fairlearn's demographic_parity_difference/ratio, equalized_odds_difference and equal_opportunity_difference
 * (method "between_groups") over the given groups. A rate undefined in a group (no actual positives, say) is left out
 * here, where fairlearn would count it as 0; on the reference data both give the same values.
 */
export function summarize(groups: Array<Record<RateName, Proportion>>): Summary {
  const selection = groups.map((g) => g.selection_rate.value);
  const tpr = groups.map((g) => g.true_positive_rate.value);
  const fpr = groups.map((g) => g.false_positive_rate.value);
  const definedSelection = selection.filter((v): v is number => v !== null);
  const highest = definedSelection.length ? Math.max(...definedSelection) : null;
  const tprSpread = spread(tpr);
  const fprSpread = spread(fpr);
  return {
    demographic_parity_difference: spread(selection),
    demographic_parity_ratio: highest ? Math.min(...definedSelection) / highest : null,
    equalized_odds_difference: tprSpread === null && fprSpread === null ? null : Math.max(tprSpread ?? 0, fprSpread ?? 0),
    equal_opportunity_difference: tprSpread,
  };
}
