// Confusion counts per group, assembled from the rows of the counting query: the data every metric derives from.
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

/** Every combination of 1..n items, by size then in the items' order (as Python's itertools.combinations). */
function combinations<T>(items: T[]): T[][] {
  const out: T[][] = [];
  const pick = (size: number, from: number, chosen: T[]) => {
    if (chosen.length === size) return void out.push(chosen);
    for (let i = from; i < items.length; i++) pick(size, i + 1, [...chosen, items[i]!]);
  };
  for (let size = 1; size <= items.length; size++) pick(size, 0, []);
  return out;
}

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

/**
 * Every grouping summed from the finest intersection's cells: each attribute alone, every combination of them, and the
 * total. Cells whose values read the same (an empty text and a missing value, say) fall into the same group.
 */
export function assembleCounts(protectedAttributes: string[], rows: CountRow[], hasLabel: boolean): Counts {
  const weighted = rows.some((r) => r.w !== null);
  const sum = (indices: number[]) => {
    const groups = new Map<string, { values: Array<string | null>; cells: Map<string, Cell> }>();
    for (const row of rows) {
      const values = indices.map((i) => row.values[i] ?? null);
      const key = JSON.stringify(values);
      const group = groups.get(key) ?? { values, cells: new Map<string, Cell>() };
      groups.set(key, group);
      const cell = `${row.selected}/${row.positive ?? false}`;
      group.cells.set(cell, addCells(group.cells.get(cell) ?? emptyCell(), { n: row.n, w: row.w ?? row.n, w2: row.w2 ?? row.n }));
    }
    return [...groups.values()].sort((a, b) => compareValues(a.values, b.values));
  };

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

  const indices = protectedAttributes.map((_, i) => i);
  return {
    hasLabel,
    weighted,
    overall: build([], [], sum([])[0]?.cells ?? new Map()),
    groupings: combinations(indices).map((chosen) => {
      const attributes = chosen.map((i) => protectedAttributes[i]!);
      return { attributes, groups: sum(chosen).map((g) => build(attributes, g.values, g.cells)) };
    }),
  };
}
