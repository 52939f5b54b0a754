// Protection of small groups in published results: primary suppression of groups under the minimum size, and
// complementary suppression of the groups that would let a reader recompute a suppressed one by subtraction.
import type { SuppressionReason } from "../schema.ts";
import { groupKey, rowsOf, type Counts, type GroupCounts } from "./counts.ts";

/** parent = Σ children: a group of a grouping is the sum of the groups of a finer grouping that agree with it. */
interface Equation {
  parent: string;
  children: string[];
}

/**
 * Which groups the published view withholds, and why. Every published count is additive: a group of grouping G is
 * the sum of the groups of G + one more attribute that share its values (a "line"), and the total is the sum of
 * each single-attribute grouping. So withholding a small group is not enough:
 * - in a line whose parent is published, one withheld child is parent − the others. We withhold the next-smallest
 *   child too, and keep going until the withheld children together hold at least the minimum number of rows, as
 *   their sum is itself derivable (withholding the parent instead would hide far more);
 * - in a line whose parent is withheld, publishing every child would give the parent back: one child is withheld.
 * Each new suppression may break another line, so the rules run until nothing changes. This is the classic
 * "at least two suppressed cells per line" heuristic of statistical disclosure control, not an audit against every
 * linear combination of the published tables; the intersections are what makes it matter.
 */
export function suppressSmallGroups(counts: Counts, minGroupSize: number): Map<string, SuppressionReason> {
  const rows = new Map<string, number>();
  const all: GroupCounts[] = [counts.overall, ...counts.groupings.flatMap((g) => g.groups)];
  for (const group of all) rows.set(groupKey(group.attributes), rowsOf(group));

  const reasons = new Map<string, SuppressionReason>();
  for (const [key, size] of rows) if (size < minGroupSize) reasons.set(key, "below_minimum");

  const equations = equationsOf(counts);
  const bySize = (a: string, b: string) => rows.get(a)! - rows.get(b)! || (a < b ? -1 : 1);
  let changed = true;
  while (changed) {
    changed = false;
    for (const { parent, children } of equations) {
      const withheld = children.filter((c) => reasons.has(c));
      const shown = children.filter((c) => !reasons.has(c)).sort(bySize);
      if (reasons.has(parent)) {
        if (withheld.length || !shown.length) continue;
        reasons.set(shown[0]!, "complementary");
        changed = true;
        continue;
      }
      if (!withheld.length) continue;
      const withheldRows = withheld.reduce((sum, c) => sum + rows.get(c)!, 0);
      if (withheld.length >= 2 && withheldRows >= minGroupSize) continue;
      reasons.set(shown[0] ?? parent, "complementary");
      changed = true;
    }
  }
  return reasons;
}

/** For each grouping and each of its attributes, the lines obtained by letting that attribute vary. */
function equationsOf(counts: Counts): Equation[] {
  const equations: Equation[] = [];
  for (const grouping of counts.groupings) {
    for (const varying of grouping.attributes) {
      const fixed = grouping.attributes.filter((a) => a !== varying);
      const lines = new Map<string, string[]>();
      for (const group of grouping.groups) {
        const parent = groupKey(Object.fromEntries(fixed.map((a) => [a, group.attributes[a] ?? null])));
        lines.set(parent, [...(lines.get(parent) ?? []), groupKey(group.attributes)]);
      }
      for (const [parent, children] of lines) equations.push({ parent, children });
    }
  }
  return equations;
}
