// Confusion counts per group, assembled from the rows of the counting query: the data every metric derives from.
import { combinations } from "./counts-sql.ts";
import type { CountRow } from "./worker-protocol.ts";

/** Rows, sum of weights and sum of squared weights of one cell (w = w2 = n without weights). */
export interface Cell {
  n: number;
  w: number;
  w2: number;
}

export interface GroupCounts {
  attributes: Record<string, string | null>;
  /** Favourable decisions, and the others. */
  selected: Cell;
  rejected: Cell;
  /** Only with a ground-truth label. */
  confusion: { tp: Cell; fp: Cell; tn: Cell; fn: Cell } | null;
}

interface GroupingCounts {
  attributes: string[];
  groups: GroupCounts[];
}

export interface Counts {
  hasLabel: boolean;
  weighted: boolean;
  overall: GroupCounts;
  /** Each protected attribute alone, then every combination of 2..n of them (itertools.combinations order). */
  groupings: GroupingCounts[];
}

const emptyCell = (): Cell => ({ n: 0, w: 0, w2: 0 });

export function addCells(...cells: Cell[]): Cell {
  return cells.reduce((sum, c) => ({ n: sum.n + c.n, w: sum.w + c.w, w2: sum.w2 + c.w2 }), emptyCell());
}

/** Rows of the file in the group, unweighted. */
export const rowsOf = (group: GroupCounts): number => group.selected.n + group.rejected.n;

/** Identifies a group within its grouping. */
export const groupKey = (attributes: Record<string, string | null>): string => JSON.stringify(Object.entries(attributes));

/** Values in code-point order (as Python sorts), the missing-value group last. */
function compareValues(a: Array<string | null>, b: Array<string | null>): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    return x < y ? -1 : 1;
  }
  return 0;
}

export function assembleCounts(protectedAttributes: string[], rows: CountRow[], hasLabel: boolean): Counts {
  const n = protectedAttributes.length;
  const weighted = rows.some((r) => r.w !== null);
  // GROUPING() sets bit (n − 1 − i) when attribute i is summed over.
  const included = (unrolled: number) => protectedAttributes.map((_, i) => !(unrolled & (1 << (n - 1 - i))));
  const groups = new Map<number, Map<string, { values: Array<string | null>; cells: Map<string, Cell> }>>();
  for (const row of rows) {
    const values = row.values.filter((_, i) => included(row.unrolled)[i]);
    const byKey = groups.get(row.unrolled) ?? new Map();
    groups.set(row.unrolled, byKey);
    const key = JSON.stringify(values);
    const group = byKey.get(key) ?? { values, cells: new Map<string, Cell>() };
    byKey.set(key, group);
    const cell = `${row.selected}/${row.positive ?? false}`;
    group.cells.set(cell, addCells(group.cells.get(cell) ?? emptyCell(), { n: row.n, w: row.w ?? row.n, w2: row.w2 ?? row.n }));
  }

  const build = (attributes: string[], values: Array<string | null>, cells: Map<string, Cell>): GroupCounts => {
    const at = (selected: boolean, positive: boolean) => cells.get(`${selected}/${positive}`) ?? emptyCell();
    const tp = at(true, true);
    const fp = at(true, false);
    const tn = at(false, false);
    const fn = at(false, true);
    return {
      attributes: Object.fromEntries(attributes.map((a, i) => [a, values[i] ?? null])),
      selected: addCells(tp, fp),
      rejected: addCells(tn, fn),
      confusion: hasLabel ? { tp, fp, tn, fn } : null,
    };
  };

  const groupingsOut = combinations(protectedAttributes).map((attributes) => {
    const unrolled = protectedAttributes.reduce((mask, a, i) => (attributes.includes(a) ? mask : mask | (1 << (n - 1 - i))), 0);
    const found = [...(groups.get(unrolled)?.values() ?? [])].sort((a, b) => compareValues(a.values, b.values));
    return { attributes, groups: found.map((g) => build(attributes, g.values, g.cells)) };
  });
  const total = groups.get((1 << n) - 1)?.values().next().value;
  return {
    hasLabel,
    weighted,
    overall: build([], [], total?.cells ?? new Map()),
    groupings: groupingsOut,
  };
}
