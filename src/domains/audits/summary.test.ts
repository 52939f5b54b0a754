// The plain-language findings of audits of the reference file: who got fewer favourable decisions, whether the gap
// could be chance, the four-fifths rule, error gaps with a label, small groups withheld; in four languages.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { formatNumber, languages, translator } from "../../i18n/index.ts";
import { runAudit, type AuditOutcome } from "./engine/run-audit.ts";
import type { AuditResult, GroupResult } from "./schema.ts";
import { describeSettings, formatRate, sayFinding, summarizeAudit, type Finding } from "./summary.ts";

const FIXTURE = fileURLToPath(new URL("../../../../shared/fixtures/audit/decisions-20k.csv", import.meta.url));
const LABELLED = { decision: "decision", favourable: "1", label: "label", label_favourable: "1", protected: ["sex", "nationality", "age_band"] };
/** Without a label, and with a minimum that withholds sex X (393 rows) and, so that X cannot be recomputed, M. */
const SMALL = { decision: "decision", favourable: "1", protected: ["sex"], min_group_size: 400 };

const en = translator("en");
const say = (finding: Finding) => sayFinding(en, "en", finding);
const findingsOf = (result: AuditResult, attribute: string) => summarizeAudit(result).groupings.find((g) => g.attributes[0] === attribute)!.findings;
const byKey = (findings: Finding[], key: string) => findings.find((f) => f.key === key);
const groupingOf = (result: AuditResult, attribute: string) => result.groupings.find((g) => g.attributes.join() === attribute)!;
const compared = (result: AuditResult, attribute: string) =>
  groupingOf(result, attribute).groups.filter((g) => !g.suppressed && g.disparities !== null) as Array<GroupResult & { disparities: NonNullable<GroupResult["disparities"]> }>;

describe("summarizeAudit", { timeout: 120_000 }, () => {
  let labelled: AuditOutcome;
  let small: AuditOutcome;
  before(async () => {
    [labelled, small] = await Promise.all([runAudit(FIXTURE, LABELLED), runAudit(FIXTURE, SMALL)]);
  });

  it("says how many decisions were audited and how many were favourable", () => {
    const { overall } = labelled.published;
    const [first] = summarizeAudit(labelled.published).overall;
    assert.equal(first!.key, "overall");
    const [count, selected, rate] = [formatNumber("en", overall.count!), formatNumber("en", overall.selected!), formatRate("en", overall.selection_rate!)];
    assert.equal(say(first!), `The audit covers ${count} decisions; ${selected} of them (${rate}) were favourable.`);
  });

  it("names the group with the lowest rate, its gap to the reference group, and that the gap is not chance", () => {
    const groups = compared(labelled.published, "nationality");
    const lowest = groups.reduce((a, b) => (b.selection_rate! < a.selection_rate! ? b : a));
    assert.equal(lowest.disparities.demographic_parity.distinguishable, true);
    const finding = byKey(findingsOf(labelled.published, "nationality"), "lowest")!;
    assert.deepEqual(finding.params.group, { kind: "group", attributes: lowest.attributes });
    assert.equal(finding.detail?.key, "gap_distinguishable");
    const sentence = say(finding);
    assert.ok(sentence.startsWith(`“${lowest.attributes.nationality}” had the lowest rate of favourable decisions: ${formatRate("en", lowest.selection_rate!)}`), sentence);
    assert.match(sentence, /percentage points below “LU”\. This gap is too large to be due to chance alone \(95% interval: [\d.]+ to [\d.]+ percentage points\)\.$/);
  });

  it("says when a gap cannot be told apart from chance", () => {
    const groups = compared(labelled.published, "nationality").filter((g) => g.disparities.demographic_parity.difference! > 0);
    const highest = groups.reduce((a, b) => (b.selection_rate! > a.selection_rate! ? b : a));
    assert.equal(highest.disparities.demographic_parity.distinguishable, false);
    const finding = byKey(findingsOf(labelled.published, "nationality"), "highest")!;
    assert.deepEqual(finding.params.group, { kind: "group", attributes: highest.attributes });
    assert.match(say(finding), /This gap could be due to chance: the data cannot tell it apart from no gap at all\.$/);
  });

  it("says so when the reference group itself has the lowest rate", () => {
    const sex = findingsOf(labelled.published, "sex");
    assert.ok(compared(labelled.published, "sex").every((g) => g.disparities.demographic_parity.difference! > 0));
    assert.equal(byKey(sex, "lowest"), undefined);
    assert.equal(say(byKey(sex, "reference_lowest")!), "No group had a lower rate of favourable decisions than the reference group “F”.");
  });

  it("lists the groups the four-fifths rule flags, and only those", () => {
    for (const attribute of ["sex", "nationality", "age_band"]) {
      const flagged = compared(labelled.published, attribute).filter((g) => g.disparities.four_fifths.flagged);
      const findings = findingsOf(labelled.published, attribute);
      if (!flagged.length) {
        assert.ok(byKey(findings, "four_fifths_none"), attribute);
        continue;
      }
      const finding = byKey(findings, "four_fifths_flagged")!;
      assert.equal(finding.count, flagged.length);
      assert.deepEqual(finding.params.groups, { kind: "groups", groups: flagged.map((g) => g.attributes) });
      for (const g of flagged) assert.ok(say(finding).includes(`“${g.attributes[attribute]}”`));
    }
  });

  it("with a label, names the largest gap in favourable decisions among those who should have had one", () => {
    const groups = compared(labelled.published, "nationality");
    const widest = groups.reduce((a, b) =>
      Math.abs(b.disparities.equal_opportunity.difference!) > Math.abs(a.disparities.equal_opportunity.difference!) ? b : a,
    );
    const finding = summarizeAudit(labelled.published)
      .groupings.find((g) => g.attributes[0] === "nationality")!
      .findings.find((f) => f.key.startsWith("equal_opportunity"))!;
    assert.equal(finding.key, widest.disparities.equal_opportunity.difference! < 0 ? "equal_opportunity_below" : "equal_opportunity_above");
    assert.ok(say(finding).includes(`“${widest.attributes.nationality}” got one ${formatRate("en", widest.true_positive_rate!)} of the time`));
    const overall = summarizeAudit(labelled.published).overall;
    assert.ok(byKey(overall, "overall_label") && !byKey(overall, "no_label"));
  });

  it("without a label, says that only rates are compared, and nothing about errors", () => {
    const summary = summarizeAudit(small.published);
    assert.ok(byKey(summary.overall, "no_label"));
    assert.ok(summary.groupings.flatMap((g) => g.findings).every((f) => !/equal/.test(f.key)));
  });

  it("counts the withheld groups, and says in the raw view that they will be withheld", () => {
    const published = findingsOf(small.published, "sex");
    assert.equal(byKey(published, "only_reference")?.key, "only_reference");
    const withheld = byKey(published, "withheld")!;
    assert.equal(withheld.count, 2);
    assert.equal(say(withheld), "2 groups are withheld: they have fewer than 400 decisions, or their figures would let someone work out those of such a group.");
    const [total] = summarizeAudit(small.published).notes;
    assert.equal(
      say(total!),
      "In all, 2 groups out of 3 are withheld to protect the people in small groups. Fewer than 400 decisions: 1; withheld so that a smaller group cannot be worked out from the others: 1.",
    );
    assert.equal(byKey(findingsOf(small.raw, "sex"), "would_withhold")?.count, 2);
    assert.equal(summarizeAudit(small.raw).notes[0]!.key, "would_withhold_total");
  });

  it("says nothing can be compared when the named reference group is withheld", async () => {
    const { published } = await runAudit(FIXTURE, { ...SMALL, reference: { sex: "X" } });
    const findings = findingsOf(published, "sex");
    assert.equal(findings[0]!.key, "no_reference");
    assert.ok(!findings.some((f) => f.key === "lowest" || f.key === "highest"));
  });

  it("says every finding and setting in each language, with no key left untranslated", () => {
    for (const result of [labelled.published, labelled.raw, small.published, small.raw]) {
      const summary = summarizeAudit(result);
      const findings = [...summary.overall, ...summary.groupings.flatMap((g) => g.findings), ...summary.notes];
      for (const lang of languages) {
        const t = translator(lang);
        const texts = [...findings.map((f) => sayFinding(t, lang, f)), ...describeSettings(t, lang, result).flatMap((s) => [s.term, s.value])];
        for (const text of texts) assert.doesNotMatch(text, /audit_report\.|common\.|\{\{|undefined|NaN/, `${lang}: ${text}`);
      }
    }
  });
});
