// The whole engine on real files: Parquet, score and threshold, no label, weights, missing values, reference groups,
// the published view and the progress it reports.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";
import type { AuditResult, AuditSettingsInput, GroupResult } from "../schema.ts";
import { AuditResult as AuditResultSchema } from "../schema.ts";
import { runAudit, type AuditProgress } from "./run-audit.ts";

const FIXTURE = fileURLToPath(new URL("../../../../../shared/fixtures/audit/decisions-20k.csv", import.meta.url));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "gaichel-audit-run-"));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));
const write = (name: string, content: string) => {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, content);
  return file;
};

const DECISIONS: AuditSettingsInput = {
  decision: "decision",
  favourable: "1",
  label: "label",
  label_favourable: "1",
  protected: ["sex", "nationality", "age_band"],
};

const find = (result: AuditResult, attributes: Record<string, string | null>): GroupResult => {
  const grouping = result.groupings.find((g) => g.attributes.join() === Object.keys(attributes).join())!;
  return grouping.groups.find((g) => JSON.stringify(g.attributes) === JSON.stringify(attributes))!;
};

describe("runAudit", { concurrency: 2, timeout: 120_000 }, () => {
  let reference: Awaited<ReturnType<typeof runAudit>>;
  const phases: AuditProgress["phase"][] = [];
  before(async () => {
    reference = await runAudit(FIXTURE, DECISIONS, { onProgress: (p) => void (phases.at(-1) !== p.phase && phases.push(p.phase)) });
  });

  it("returns both views in the shape of the API's schema, and what it measured", () => {
    AuditResultSchema.parse(reference.raw);
    AuditResultSchema.parse(reference.published);
    assert.equal(reference.stats.rows, 20_000);
    assert.ok(reference.stats.peakRssBytes > 0 && reference.stats.seconds >= reference.stats.countSeconds);
  });

  it("reports its phases in order", () => {
    assert.deepEqual(phases, ["checking", "counting", "computing"]);
  });

  it("reads a Parquet file as it reads the same data in CSV", async () => {
    const parquet = path.join(scratch, "decisions.parquet");
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    await connection.run(`COPY (SELECT * FROM read_csv('${FIXTURE}')) TO '${parquet}' (FORMAT parquet)`);
    connection.closeSync();
    instance.closeSync();
    const { raw } = await runAudit(parquet, DECISIONS);
    assert.deepEqual(raw.groupings, reference.raw.groupings);
  });

  it("counts text decisions as it counts integer ones", async () => {
    const [header, ...lines] = fs.readFileSync(FIXTURE, "utf8").trim().split("\n");
    const text = lines.map((line) => {
      const fields = line.split(",");
      fields[6] = fields[6] === "1" ? "granted" : "refused";
      fields[7] = fields[7] === "1" ? "eligible" : "not eligible";
      return fields.join(",");
    });
    const file = write("text-decisions.csv", [header, ...text].join("\n"));
    const { raw } = await runAudit(file, { ...DECISIONS, favourable: "granted", label_favourable: "eligible" });
    assert.deepEqual(raw.groupings, reference.raw.groupings);
  });

  it("takes 0 as the favourable value of a 0/1 decision", async () => {
    const { raw } = await runAudit(FIXTURE, { ...DECISIONS, favourable: "0", protected: ["sex"] });
    const [ours, theirs] = [find(raw, { sex: "F" }), find(reference.raw, { sex: "F" })];
    assert.equal(ours.selected, theirs.count! - theirs.selected!);
    assert.equal(ours.tp, theirs.fn);
  });

  it("counts a decision whose other value comes only after the first MiB", async () => {
    // 300,000 favourable decisions (1.2 MB) fill the first MiB; then 40 decisions of 7, the other value.
    const rows = [...Array.from({ length: 300_000 }, (_, i) => `${i % 2 ? "F" : "M"},1`), ...Array.from({ length: 40 }, () => "F,7")];
    const file = write("late-other.csv", ["sex,decision", ...rows].join("\n"));
    const { raw } = await runAudit(file, { decision: "decision", favourable: "1", protected: ["sex"] });
    assert.deepEqual(
      raw.groupings[0]!.groups.map((g) => [g.attributes.sex, g.count, g.selected]),
      [
        ["F", 150_040, 150_000],
        ["M", 150_000, 150_000],
      ],
    );
  });

  it("with a score and a threshold gives what the decision made from them gives", async () => {
    const { raw } = await runAudit(FIXTURE, { ...DECISIONS, decision: undefined, favourable: undefined, score: "score", threshold: 0.5 });
    assert.deepEqual(raw.groupings, reference.raw.groupings);
  });

  it("without a label has selection rates only", async () => {
    const { raw } = await runAudit(FIXTURE, { decision: "decision", favourable: "1", protected: ["sex"] });
    const female = find(raw, { sex: "F" });
    assert.equal(female.selection_rate, find(reference.raw, { sex: "F" }).selection_rate);
    assert.deepEqual([female.tp, female.true_positive_rate, female.precision, female.intervals.accuracy], [null, null, null, null]);
    assert.equal(raw.groupings[0]!.summary.equalized_odds_difference, null);
    assert.equal(raw.has_label, false);
  });

  it("weights every count, and widens no interval when every weight is the same", async () => {
    const file = write("weighted.csv", ["sex,decision,w", ...Array.from({ length: 40 }, (_, i) => `${i % 2 ? "F" : "M"},${i % 3 ? 0 : 1},2.5`)].join("\n"));
    const unweighted = (await runAudit(file, { decision: "decision", favourable: "1", protected: ["sex"] })).raw;
    const weighted = (await runAudit(file, { decision: "decision", favourable: "1", protected: ["sex"], weight: "w" })).raw;
    const [a, b] = [find(unweighted, { sex: "F" }), find(weighted, { sex: "F" })];
    assert.equal(b.count, a.count! * 2.5);
    assert.equal(b.rows, a.rows);
    assert.equal(b.selection_rate, a.selection_rate);
    assert.deepEqual(b.intervals.selection_rate, a.intervals.selection_rate);
    assert.equal(weighted.weighted, true);
  });

  it("weights integer decisions as it weights text decisions", async () => {
    const rows = Array.from({ length: 300 }, (_, i) => [i % 3 ? "F" : "M", i % 4 ? 0 : 1, i % 5 ? 1 : 0, 0.5 + (i % 7)]);
    const integers = write("weighted-integers.csv", ["sex,decision,label,w", ...rows.map((r) => r.join(","))].join("\n"));
    const text = write("weighted-text.csv", ["sex,decision,label,w", ...rows.map(([sex, d, y, w]) => [sex, d ? "yes" : "no", y ? "yes" : "no", w].join(","))].join("\n"));
    const settings = { protected: ["sex"], weight: "w", decision: "decision", label: "label" };
    const a = (await runAudit(integers, { ...settings, favourable: "1", label_favourable: "1" })).raw;
    const b = (await runAudit(text, { ...settings, favourable: "yes", label_favourable: "yes" })).raw;
    assert.deepEqual(a.groupings, b.groupings);
    // Unequal weights give fewer effective rows than rows: a wider interval than the same rates unweighted.
    const unweighted = (await runAudit(integers, { ...settings, weight: undefined, favourable: "1", label_favourable: "1" })).raw;
    const [wide, narrow] = [find(a, { sex: "F" }).intervals.selection_rate!, find(unweighted, { sex: "F" }).intervals.selection_rate!];
    assert.ok(wide.high - wide.low > narrow.high - narrow.low);
  });

  it("makes missing protected values a group of their own, listed last", async () => {
    const file = write("missing.csv", ["sex,decision", "F,1", ",0", '"",1', "M,0", "F,0"].join("\n"));
    const { raw } = await runAudit(file, { decision: "decision", favourable: "1", protected: ["sex"] });
    assert.deepEqual(
      raw.groupings[0]!.groups.map((g) => [g.attributes.sex, g.count]),
      [
        ["F", 2],
        ["M", 1],
        [null, 2],
      ],
    );
  });

  it("compares each group with a named reference group, with Newcombe's interval and the four-fifths rule", async () => {
    const { raw } = await runAudit(FIXTURE, { ...DECISIONS, reference: { sex: "M" } });
    const sex = raw.groupings[0]!;
    assert.deepEqual(sex.reference, { attributes: { sex: "M" }, rule: "named" });
    assert.equal(find(raw, { sex: "M" }).is_reference, true);
    const female = find(raw, { sex: "F" }).disparities!;
    // fairlearn's demographic parity difference for sex is |0.30692 − 0.40794| = 0.10102.
    assert.ok(Math.abs(female.demographic_parity.difference! + 0.10102080134088298) < 1e-12);
    assert.ok(Math.abs(female.demographic_parity.ratio! - 0.3069155446756426 / 0.40793634601652556) < 1e-12);
    assert.equal(female.four_fifths.flagged, true);
    assert.equal(female.demographic_parity.distinguishable, true);
    assert.ok(female.demographic_parity.interval!.high < 0);
    assert.equal(female.equalized_odds.rate, "true_positive_rate");
    // Groupings the reference does not name fall back on their largest group.
    assert.equal(raw.groupings.find((g) => g.attributes.join() === "nationality")!.reference!.rule, "largest");
  });

  it("can take the most favoured group as reference", async () => {
    const { raw } = await runAudit(FIXTURE, { ...DECISIONS, protected: ["sex"], reference: "most_favoured" });
    assert.deepEqual(raw.groupings[0]!.reference, { attributes: { sex: "M" }, rule: "most_favoured" });
    assert.ok(raw.groupings[0]!.groups.every((g) => g.disparities === null || g.disparities.demographic_parity.difference! <= 0));
  });

  it("publishes no figure of a group under the minimum size, nor of the groups that would reveal one", () => {
    const published = reference.published.groupings.at(-1)!.groups;
    const raw = reference.raw.groupings.at(-1)!.groups;
    assert.ok(published.some((g) => g.suppression === "below_minimum") && published.some((g) => g.suppression === "complementary"));
    for (const [i, group] of published.entries()) {
      assert.equal(group.suppressed, group.suppression !== null);
      if (group.suppressed) assert.deepEqual([group.count, group.tp, group.selection_rate, group.intervals.selection_rate, group.disparities], [null, null, null, null, null]);
      else assert.ok(group.rows! >= 10);
      // The raw view keeps every figure, and says what the published view withholds.
      assert.notEqual(raw[i]!.count, null);
      assert.equal(raw[i]!.suppression, group.suppression);
      assert.equal(raw[i]!.suppressed, false);
    }
  });
});
