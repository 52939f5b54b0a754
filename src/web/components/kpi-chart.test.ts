// The KPI chart as a screen-reader user and a sighted reader get it: named and described, one line and marker shape
// per country, targets and baselines named in the legend, time drawn to scale, and the same figures as a table.
// (.ts, not .tsx: the suite runs *.test.ts files.)
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import { KpiChart, progressTowardTarget, targetReached, type KpiChartProps } from "./kpi-chart.tsx";

const number = new Intl.NumberFormat("fr-BE", { maximumFractionDigits: 1 });
const date = new Intl.DateTimeFormat("fr-BE", { dateStyle: "medium", timeZone: "UTC" });
const props: KpiChartProps = {
  id: "kpi-1",
  title: "Dossiers traités en ligne",
  description: "Part des dossiers traités en ligne au Luxembourg et en Belgique, et l'objectif de chaque pays.",
  unit: "%",
  direction: "increase",
  series: [
    {
      key: "LU",
      label: "LU",
      baseline: 40,
      target: 80,
      points: [
        { date: "2025-03-01", value: 55 },
        { date: "2025-01-01", value: 42 },
        { date: "2025-06-01", value: 81 },
      ],
    },
    { key: "BE", label: "BE", baseline: 35, target: 70, points: [{ date: "2025-02-01", value: 50 }, { date: "2025-05-01", value: 64 }] },
  ],
  formatValue: (v) => `${number.format(v)} %`,
  formatDate: (iso) => date.format(new Date(`${iso}T00:00:00Z`)),
  labels: {
    date: "Date",
    series: "Pays",
    value: "Valeur",
    comparison: "Objectif",
    reached: "Atteint",
    notReached: "Pas atteint",
    baseline: "Situation de départ",
    target: "Objectif",
    baselineLine: (series, value) => `Départ ${series} : ${value}`,
    targetLine: (series, value) => `Objectif ${series} : ${value}`,
    showTable: "Afficher le tableau",
    noData: "Pas encore de mesure.",
  },
};
const render = (p: Partial<KpiChartProps> = {}) => renderToString(h(KpiChart, { ...props, ...p }));
const count = (html: string, pattern: RegExp) => html.match(new RegExp(pattern.source, "g"))?.length ?? 0;
const table = (html: string) => html.slice(html.indexOf("<table"));
/** The plot alone, without the legend's small drawings. */
const plot = (html: string) => html.slice(html.indexOf('<svg class="chart-svg"'), html.indexOf("</svg>"));
const markersX = (html: string, country: string) =>
  [...plot(html).matchAll(new RegExp(`<circle class="[^"]*kpi-mark-${country}" cx="([\\d.]+)"|<rect class="[^"]*kpi-mark-${country}" x="([\\d.]+)"`, "g"))].map(
    (m) => Number(m[1] ?? Number(m[2]) + 4.5),
  );

describe("progressTowardTarget and targetReached", () => {
  it("measure the way from baseline to target, either way up", () => {
    assert.equal(progressTowardTarget(40, 80, 40), 0);
    assert.equal(progressTowardTarget(40, 80, 60), 0.5);
    assert.equal(progressTowardTarget(40, 80, 100), 1.5);
    assert.equal(progressTowardTarget(40, 80, 30), -0.25);
    assert.equal(progressTowardTarget(30, 10, 15), 0.75);
    assert.equal(progressTowardTarget(5, 5, 7), null);
  });

  it("reach the target from below when it should rise, from above when it should fall", () => {
    assert.equal(targetReached("increase", 80, 80), true);
    assert.equal(targetReached("increase", 80, 79.9), false);
    assert.equal(targetReached("decrease", 10, 10), true);
    assert.equal(targetReached("decrease", 10, 12), false);
    assert.equal(targetReached("decrease", 10, 3), true);
  });
});

describe("KpiChart", () => {
  const html = render();

  it("is a figure whose SVG image is named by its <title> and described by its <desc>", () => {
    assert.match(html, /^<figure class="chart kpi-chart" id="kpi-1"><figcaption id="kpi-1-caption">Dossiers traités en ligne<\/figcaption>/);
    assert.match(html, /<svg[^>]* role="img" aria-labelledby="kpi-1-title" aria-describedby="kpi-1-desc"/);
    assert.match(html, /<title id="kpi-1-title">Dossiers traités en ligne<\/title>/);
    assert.match(html, /<desc id="kpi-1-desc">Part des dossiers/);
  });

  it("draws one line and one marker per measurement for each country: circles for LU, squares for BE, with different dashes", () => {
    assert.equal(count(plot(html), /<circle class="chart-mark kpi-mark kpi-mark-LU"/), 3);
    assert.equal(count(plot(html), /<rect class="chart-mark kpi-mark kpi-mark-BE"/), 2);
    assert.equal(count(html, /<polyline class="kpi-line"/), 2);
    const dashes = [...html.matchAll(/<polyline class="kpi-line"[^>]*>/g)].map((m) => /stroke-dasharray="([^"]*)"/.exec(m[0])?.[1]);
    assert.equal(new Set(dashes).size, 2, "the two countries' lines differ by dash");
  });

  it("joins each country's measurements in time order, whatever order they come in", () => {
    const xs = markersX(html, "LU");
    assert.deepEqual(xs, [...xs].sort((a, b) => a - b));
  });

  it("draws each country's target dashed and baseline dotted, and names them in the legend", () => {
    assert.equal(count(html, /<line class="kpi-target"/), 2);
    assert.equal(count(html, /<line class="kpi-baseline"/), 2);
    const legend = html.slice(html.indexOf('<ul class="chart-legend">'), html.indexOf("</ul>"));
    for (const entry of ["Objectif LU : 80 %", "Départ LU : 40 %", "Objectif BE : 70 %", "Départ BE : 35 %", ">LU<", ">BE<"]) {
      assert.ok(legend.includes(entry), entry);
    }
  });

  it("places dates by time, not by order: twice as far in time is twice as far along the axis", () => {
    const days = ["2025-01-01", "2025-01-11", "2025-01-21", "2025-02-20"];
    const out = render({ series: [{ key: "LU", label: "LU", baseline: null, target: null, points: days.map((d, i) => ({ date: d, value: i })) }] });
    const [a, b, c, d] = markersX(out, "LU") as [number, number, number, number];
    assert.ok(Math.abs(c - a - 2 * (b - a)) < 0.5, `${a} ${b} ${c}`);
    assert.ok(Math.abs(d - a - 5 * (b - a)) < 0.5, `${a} ${b} ${d}`);
  });

  it("labels the time axis with readable dates and the value axis with round values covering targets and baselines", () => {
    const ticks = [...html.matchAll(/<g class="chart-tick"><line[^>]*><\/line><text[^>]*>([^<]*)<\/text><\/g>/g)].map((m) => m[1]!);
    for (const month of ["1 janv. 2025", "1 mars 2025", "1 mai 2025"]) assert.ok(ticks.includes(month), `${month} in ${ticks}`);
    const values = ticks.filter((t) => t.endsWith("%")).map((t) => Number(t.replace(/[^\d]/g, "")));
    assert.ok(values.length >= 4 && values.length <= 12, String(values));
    assert.ok(Math.min(...values) <= 35 && Math.max(...values) >= 81, String(values));
    assert.ok(values.every((v) => v % 5 === 0), String(values));
  });

  it("has the same figures as a table: each country's baseline, measurements in time order with whether they reach the target, and target", () => {
    const t = table(html);
    assert.match(html, /<details class="chart-data"><summary>Afficher le tableau<\/summary>/);
    assert.match(t, /<caption>Dossiers traités en ligne \(%\)<\/caption>/);
    assert.equal(count(t, /<th scope="col">/), 4);
    assert.equal(count(t, /<tr class="kpi-row-measurement">/), 5);
    assert.equal(count(t, /<tr class="kpi-row-baseline">/), 2);
    assert.equal(count(t, /<tr class="kpi-row-target">/), 2);
    const lu = t.slice(t.indexOf("<tbody>"), t.indexOf("</tbody>"));
    const rows = [...lu.matchAll(/<tr class="kpi-row-(\w+)"><th scope="row">LU<\/th><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => m.slice(1).join("|"));
    assert.deepEqual(rows, [
      "baseline|Situation de départ|40 %|—",
      "measurement|1 janv. 2025|42 %|Pas atteint",
      "measurement|1 mars 2025|55 %|Pas atteint",
      "measurement|1 juin 2025|81 %|Atteint",
      "target|Objectif|80 %|—",
    ]);
  });

  it("counts a falling indicator as reaching its target at or below it", () => {
    const out = render({
      direction: "decrease",
      series: [{ key: "BE", label: "BE", baseline: 30, target: 10, points: [{ date: "2025-01-01", value: 25 }, { date: "2025-04-01", value: 9 }] }],
    });
    assert.ok(table(out).includes("<td>25 %</td><td>Pas atteint</td>"));
    assert.ok(table(out).includes("<td>9 %</td><td>Atteint</td>"));
  });

  it("says '—' against a target when a country has none", () => {
    const out = render({ series: [{ key: "LU", label: "LU", baseline: null, target: null, points: [{ date: "2025-01-01", value: 3 }] }] });
    assert.ok(table(out).includes("<td>3 %</td><td>—</td>"));
    assert.equal(count(out, /kpi-target|kpi-baseline|Objectif LU/), 0);
  });

  it("draws a single measurement as a marker alone, in the middle of the time axis", () => {
    const out = render({ series: [{ key: "LU", label: "LU", baseline: 40, target: 80, points: [{ date: "2025-01-01", value: 50 }] }] });
    assert.equal(count(plot(out), /kpi-mark-LU/), 1);
    assert.equal(count(out, /<polyline/), 0);
    assert.ok(out.includes(">1 janv. 2025</text>"));
  });

  it("says there is no measurement yet instead of drawing an empty plot, and still lists baselines and targets", () => {
    const out = render({ series: props.series.map((s) => ({ ...s, points: [] })) });
    assert.ok(out.includes('<p class="kpi-chart-empty">Pas encore de mesure.</p>'));
    assert.equal(count(out, /role="img"|kpi-mark/), 0);
    assert.ok(out.includes("Objectif LU : 80 %"));
    assert.equal(count(table(out), /<tr class="kpi-row-(baseline|target)">/), 4);
    assert.equal(count(table(out), /kpi-row-measurement/), 0);
  });

  it("escapes every text it is given, and has no inline style or script for the CSP to block", () => {
    const hostile = "<script>alert(1)</script>";
    const out = render({ title: hostile, description: hostile, unit: hostile, series: [{ ...props.series[0]!, label: hostile }] });
    assert.ok(!out.includes("<script"));
    assert.ok(out.includes("&lt;script>alert(1)&lt;/script>"));
    assert.doesNotMatch(html, /\sstyle=|<script/);
  });
});
