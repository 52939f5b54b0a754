// Small-group protection: groups under the minimum, and the groups that would give them away by subtraction.
import assert from "node:assert/strict";
import { test } from "node:test";
import { groupKey, type Counts, type GroupCounts } from "./counts.ts";
import { suppressSmallGroups } from "./suppression.ts";

const cell = (n: number) => ({ n, w: n, w2: n });

function group(attributes: Record<string, string>, rows: number): GroupCounts {
  const selected = Math.floor(rows / 2);
  return { attributes, selected: cell(selected), rejected: cell(rows - selected), confusion: null };
}

/** Counts with the total and the groupings given as { "sex": { F: 60 }, "sex,nationality": { "F,LU": 35 } }. */
function counts(groupings: Record<string, Record<string, number>>): Counts {
  const built = Object.entries(groupings).map(([names, groups]) => {
    const attributes = names.split(",");
    return {
      attributes,
      groups: Object.entries(groups).map(([values, rows]) =>
        group(Object.fromEntries(values.split(",").map((v, i) => [attributes[i]!, v])), rows),
      ),
    };
  });
  const total = Object.values(Object.values(groupings)[0]!).reduce((a, b) => a + b, 0);
  return { hasLabel: false, weighted: false, overall: group({}, total), groupings: built };
}

const withheld = (reasons: Map<string, string>) =>
  Object.fromEntries([...reasons].map(([key, reason]) => [JSON.parse(key).map(([, v]: [string, string]) => v).join(","), reason]));

test("nothing is withheld when every group has the minimum size", () => {
  assert.deepEqual(suppressSmallGroups(counts({ sex: { F: 50, M: 40, X: 10 } }), 10).size, 0);
});

test("one small group takes the next-smallest with it, or the total would give it away", () => {
  assert.deepEqual(withheld(suppressSmallGroups(counts({ sex: { F: 50, M: 30, X: 4 } }), 10)), {
    X: "below_minimum",
    M: "complementary",
  });
});

test("small groups that are still small together take the next-smallest with them", () => {
  assert.deepEqual(withheld(suppressSmallGroups(counts({ nationality: { LU: 50, PT: 3, DE: 4, FR: 40 } }), 10)), {
    PT: "below_minimum",
    DE: "below_minimum",
    FR: "complementary",
  });
});

test("one small cell of a 2 × 2 intersection with published margins withholds the whole intersection", () => {
  const reasons = suppressSmallGroups(
    counts({
      sex: { F: 60, M: 40 },
      nationality: { LU: 70, PT: 30 },
      "sex,nationality": { "F,LU": 35, "F,PT": 25, "M,LU": 35, "M,PT": 5 },
    }),
    10,
  );
  assert.deepEqual(withheld(reasons), {
    "M,PT": "below_minimum",
    "M,LU": "complementary",
    "F,PT": "complementary",
    "F,LU": "complementary",
  });
});

test("a withheld group does not come back as the sum of its published subgroups", () => {
  const reasons = suppressSmallGroups(
    counts({
      sex: { F: 100, M: 120, X: 5 },
      nationality: { LU: 150, PT: 75 },
      "sex,nationality": { "F,LU": 60, "F,PT": 40, "M,LU": 87, "M,PT": 33, "X,LU": 3, "X,PT": 2 },
    }),
    10,
  );
  // F is withheld to protect X (F + M + X = the total); F's subgroups may then not all be published.
  assert.equal(reasons.get(groupKey({ sex: "F" })), "complementary");
  const ofF = [groupKey({ sex: "F", nationality: "LU" }), groupKey({ sex: "F", nationality: "PT" })];
  assert.ok(ofF.some((key) => reasons.has(key)));
  // And every line whose sum is published holds either no withheld group or at least two with 10 rows together.
  const rows: Record<string, number> = { "F,LU": 60, "F,PT": 40, "M,LU": 87, "M,PT": 33, "X,LU": 3, "X,PT": 2 };
  for (const nationality of ["LU", "PT"]) {
    const hidden = ["F", "M", "X"].filter((sex) => reasons.has(groupKey({ sex, nationality })));
    assert.ok(hidden.length === 0 || (hidden.length >= 2 && hidden.reduce((sum, sex) => sum + rows[`${sex},${nationality}`]!, 0) >= 10));
  }
});

test("a file smaller than the minimum withholds everything, the total included", () => {
  const reasons = suppressSmallGroups(counts({ sex: { F: 4, M: 3 } }), 10);
  assert.deepEqual(withheld(reasons), { "": "below_minimum", F: "below_minimum", M: "below_minimum" });
});
