// The engine against fairlearn 0.14 on the reference data: every group, every metric and every summary to 1e-9.
import assert from "node:assert/strict";
import fs from "node:fs";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type { AuditResult, GroupResult } from "../schema.ts";
import { runAudit } from "./run-audit.ts";

const fixture = (name: string) => fileURLToPath(new URL(`../../../../../shared/fixtures/audit/${name}`, import.meta.url));

interface ExpectedGroup {
  attributes: Record<string, string>;
  [metric: string]: number | null | Record<string, string>;
}
interface Expected {
  groupings: Array<{ attributes: string[]; groups: ExpectedGroup[]; summary: Record<string, number> }>;
}

const expected = JSON.parse(fs.readFileSync(fixture("expected-fairlearn.json"), "utf8")) as Expected;
const METRICS = [
  "tp",
  "fp",
  "tn",
  "fn",
  "count",
  "selection_rate",
  "true_positive_rate",
  "false_positive_rate",
  "false_negative_rate",
  "precision",
  "accuracy",
] as const;

function assertClose(actual: number | null, wanted: number | null, where: string) {
  if (wanted === null) return assert.equal(actual, null, where);
  assert.ok(actual !== null && Math.abs(actual - wanted) <= 1e-9, `${where}: ${actual} ≠ ${wanted}`);
}

describe("audit of decisions-20k.csv against fairlearn", { timeout: 60_000 }, () => {
  let raw: AuditResult;
  before(async () => {
    ({ raw } = await runAudit(fixture("decisions-20k.csv"), {
      decision: "decision",
      favourable: "1",
      label: "label",
      label_favourable: "1",
      protected: ["sex", "nationality", "age_band"],
    }));
  });

  it("has fairlearn's groupings, in its order", () => {
    assert.deepEqual(
      raw.groupings.map((g) => g.attributes),
      expected.groupings.map((g) => g.attributes),
    );
  });

  it("has every group with every metric equal to 1e-9", () => {
    let compared = 0;
    for (const [i, grouping] of expected.groupings.entries()) {
      const ours = raw.groupings[i]!.groups;
      assert.equal(ours.length, grouping.groups.length, `groups of ${grouping.attributes.join(" × ")}`);
      for (const group of grouping.groups) {
        const found = ours.find((g: GroupResult) => JSON.stringify(g.attributes) === JSON.stringify(group.attributes));
        assert.ok(found, `group ${JSON.stringify(group.attributes)}`);
        for (const metric of METRICS) {
          assertClose(found[metric], group[metric] as number | null, `${JSON.stringify(group.attributes)} ${metric}`);
          compared++;
        }
      }
    }
    assert.equal(compared, 194 * METRICS.length);
  });

  it("has fairlearn's between-groups summaries", () => {
    for (const [i, grouping] of expected.groupings.entries()) {
      for (const [name, value] of Object.entries(grouping.summary)) {
        assertClose(raw.groupings[i]!.summary[name as keyof AuditResult["groupings"][number]["summary"]], value, `${grouping.attributes.join(" × ")} ${name}`);
      }
    }
  });

  it("withholds nothing from the raw view", () => {
    assert.ok(raw.groupings.every((g) => g.groups.every((group) => !group.suppressed)));
  });
});
