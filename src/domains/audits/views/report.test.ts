// The report body as readers get it, from audits of the reference file: its sections, charts and tables, withheld
// groups that show no figure, the raw view's marks, and every language with no key left untranslated.
// (.ts, not .tsx: the suite runs *.test.ts files.)
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import { anonymous } from "../../../http/actor.ts";
import { formatNumber, languages, translator, type Lang } from "../../../i18n/index.ts";
import type { PageContext } from "../../../web/context.ts";
import { runAudit, type AuditOutcome } from "../engine/run-audit.ts";
import type { AuditResult } from "../schema.ts";
import { formatRate } from "../summary.ts";
import { AuditReport } from "./report.tsx";

const FIXTURE = fileURLToPath(new URL("../../../../../shared/fixtures/audit/decisions-20k.csv", import.meta.url));
const LABELLED = { decision: "decision", favourable: "1", label: "label", label_favourable: "1", protected: ["sex", "nationality", "age_band"] };
/** Without a label, and with a minimum that withholds sex X (393 rows) and, so that X cannot be recomputed, M. */
const SMALL = { decision: "decision", favourable: "1", protected: ["sex"], min_group_size: 400 };

const contextIn = (lang: Lang): PageContext => ({ lang, t: translator(lang), path: "/", actor: anonymous, csrf: () => "" });
const render = (result: AuditResult, lang: Lang = "en") => renderToString(h(AuditReport, { ctx: contextIn(lang), result }));
/** What a reader sees: the text without tags, entities decoded. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/[ \t\n]+/g, " ");
/** The HTML of the n-th grouping's section. */
const sectionOf = (html: string, n: number) => {
  const start = html.indexOf(`<section aria-labelledby="audit-g${n}-heading"`);
  const end = html.indexOf(`<section aria-labelledby="audit-g${n + 1}-heading"`);
  return html.slice(start, end < 0 ? undefined : end);
};
/** The rows whose header starts with `label`, in every table or in the one whose caption starts with `caption`. */
const rowsOf = (html: string, label: string, caption = "") => {
  const tables = html.match(new RegExp(`<table[^>]*><caption>${caption}[\\s\\S]*?</table>`, "g")) ?? [];
  return tables.flatMap((table) => table.match(new RegExp(`<tr[^>]*><th scope="row">${label}(?:<|\\s)[\\s\\S]*?</tr>`, "g")) ?? []);
};
const count = (html: string, needle: string) => html.split(needle).length - 1;

describe("AuditReport", { timeout: 120_000 }, () => {
  let labelled: AuditOutcome;
  let small: AuditOutcome;
  before(async () => {
    [labelled, small] = await Promise.all([runAudit(FIXTURE, LABELLED), runAudit(FIXTURE, SMALL)]);
  });

  it("has the findings, the settings, how to read, and a section per grouping with its charts and tables", () => {
    const result = labelled.published;
    const html = render(result);
    assert.deepEqual(
      [...html.matchAll(/<h2 id="[^"]+">([^<]+)<\/h2>/g)].map((m) => m[1]),
      ["What the audit found", "How the audit was done", "How to read the figures", "Results by group"],
    );
    const singles = result.groupings.filter((g) => g.attributes.length === 1).length;
    const combinations = result.groupings.length - singles;
    assert.equal(html.match(/<section aria-labelledby="audit-g\d+-heading"/g)?.length, result.groupings.length);
    // Selection, true and false positive rates for each attribute alone; combinations chart the selection rate.
    assert.equal(count(html, '<figure class="chart"'), singles * 3 + combinations);
    assert.equal(count(html, '<details class="audit-combination">'), combinations);
    assert.equal(count(html, "<caption>Rates of each group by "), result.groupings.length);
    assert.equal(count(html, "<caption>Each group compared with the reference group, by "), result.groupings.length);
    assert.ok(textOf(html).includes("By sex, nationality and age_band"));
  });

  it("marks the reference group, the four-fifths flags and the gaps not distinguishable from zero", () => {
    const result = labelled.published;
    const index = result.groupings.findIndex((g) => g.attributes.join() === "nationality");
    const section = sectionOf(render(result), index);
    const groups = result.groupings[index]!.groups;
    const reference = groups.find((g) => g.is_reference)!;
    const comparison = "Each group compared";
    assert.match(rowsOf(section, reference.attributes.nationality!, comparison)[0]!, /This is the reference group\./);
    assert.equal(count(section, "Below four fifths</strong>"), groups.filter((g) => g.disparities?.four_fifths.flagged).length);
    for (const group of groups.filter((g) => g.disparities)) {
      const [row] = rowsOf(section, group.attributes.nationality!, comparison);
      const d = group.disparities!;
      const uncertain = [d.demographic_parity, d.equal_opportunity, d.equalized_odds].filter((x) => x.distinguishable === false).length;
      assert.equal(count(row!, "not distinguishable from zero"), uncertain, group.attributes.nationality!);
    }
  });

  it("shows no figure of a withheld group, only that it is withheld and why", () => {
    const html = render(small.published);
    const rawGroups = small.raw.groupings[0]!.groups;
    const withheld = small.published.groupings[0]!.groups.filter((g) => g.suppressed);
    assert.deepEqual(withheld.map((g) => g.attributes.sex), ["M", "X"]);
    const text = textOf(html);
    for (const group of withheld) {
      const raw = rawGroups.find((g) => g.attributes.sex === group.attributes.sex)!;
      for (const figure of [formatNumber("en", raw.count!), formatNumber("en", raw.selected!), formatRate("en", raw.selection_rate!)]) {
        assert.ok(!new RegExp(`(^|[^\\d.,])${figure.replace(/[.]/g, "\\.")}([^\\d]|$)`).test(text), `${group.attributes.sex}: ${figure}`);
      }
      // In the chart's table, the rates table and the comparison table: withheld, and no number but the minimum.
      const rows = rowsOf(html, group.attributes.sex!);
      assert.equal(rows.length, 3);
      for (const row of rows) {
        const words = textOf(row);
        assert.match(words, /Withheld/);
        for (const number of words.match(/\d[\d,.]*/g) ?? []) assert.equal(number, "400", words);
      }
    }
    assert.ok(text.includes("fewer than 400 decisions"));
    assert.ok(text.includes("its figures would let someone work out those of a smaller group"));
    // The chart draws the one group shown; the others are rows that say so.
    assert.equal(count(html, '<polygon class="chart-mark chart-mark-reference"'), 1);
    assert.equal(count(html, '<circle class="chart-mark"'), 0);
    assert.equal(count(html, '<g class="chart-row chart-row-missing">'), 2);
  });

  it("shows the raw view's small groups with their figures, marked as withheld when published", () => {
    const html = render(small.raw);
    const m = small.raw.groupings[0]!.groups.find((g) => g.attributes.sex === "M")!;
    assert.ok(textOf(html).includes(formatNumber("en", m.count!)));
    assert.equal(count(html, "Withheld when published"), 2 * 2);
    assert.ok(textOf(html).includes("Internal: every group, small ones included; not for publication"));
  });

  it("formats numbers in the reader's language", () => {
    const { overall } = labelled.published;
    const text = textOf(render(labelled.published, "fr"));
    assert.ok(text.includes(formatNumber("fr", overall.count!)));
    assert.ok(text.includes(formatRate("fr", overall.selection_rate!)));
    assert.ok(formatRate("fr", overall.selection_rate!).includes(","));
  });

  it("renders in every language with no key left untranslated, unique ids and no inline style", () => {
    for (const result of [labelled.published, labelled.raw, small.published, small.raw]) {
      for (const lang of languages) {
        const html = render(result, lang);
        assert.doesNotMatch(textOf(html), /audit_report\.|common\.|\{\{|undefined|NaN/, `${lang} ${result.view}`);
        const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
        assert.equal(new Set(ids).size, ids.length, `${lang}: duplicate ids`);
        for (const ref of html.matchAll(/aria-(?:labelledby|describedby)="([^"]+)"/g)) assert.ok(ids.includes(ref[1]), `${lang}: ${ref[1]}`);
        assert.doesNotMatch(html, /\sstyle=|<script/);
      }
    }
  });
});
