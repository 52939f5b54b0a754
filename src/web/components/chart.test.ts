// The interval chart as a screen-reader user and a sighted reader get it: named and described, with its figures as a
// table, the reference group told by its shape, withheld rows in words, nothing the CSP would block.
// (.ts, not .tsx: the suite runs *.test.ts files.)
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import { IntervalChart, type IntervalChartProps } from "./chart.tsx";

const percent = new Intl.NumberFormat("fr-BE", { style: "percent", minimumFractionDigits: 1 });
const props: IntervalChartProps = {
  id: "sel",
  title: "Taux de décisions favorables selon sexe",
  description: "Le graphique montre le taux de 3 groupes.",
  rows: [
    { label: "F", value: 0.30692, interval: { low: 0.2979, high: 0.3161 }, reference: true },
    { label: "M", value: 0.40794, interval: { low: 0.3982, high: 0.4177 } },
    { label: "X", value: null, interval: null, missing: "Non publié" },
    { label: '<b>"Z"</b>', value: 0.5, interval: null },
  ],
  format: (v) => percent.format(v),
  formatTick: (v) => `${Math.round(v * 100)} pc`,
  formatInterval: ({ low, high }) => `${percent.format(low)} à ${percent.format(high)}`,
  referenceLine: { value: 0.30692, label: "Taux du groupe de référence" },
  threshold: { value: 0.30692 * 0.8, label: "Quatre cinquièmes" },
  labels: { group: "Groupe", estimate: "Estimation", interval: "Intervalle à 95 %", referenceGroup: "groupe de référence", showTable: "Afficher le tableau" },
};
const render = (p: IntervalChartProps = props) => renderToString(h(IntervalChart, p));
const count = (html: string, pattern: RegExp) => html.match(new RegExp(pattern.source, "g"))?.length ?? 0;

describe("IntervalChart", () => {
  const html = render();

  it("is a figure whose SVG image is named by its <title> and described by its <desc>", () => {
    assert.match(html, /^<figure class="chart" id="sel"><figcaption id="sel-caption">Taux de décisions favorables selon sexe<\/figcaption>/);
    assert.match(html, /<svg[^>]* role="img" aria-labelledby="sel-title" aria-describedby="sel-desc"/);
    assert.match(html, /<title id="sel-title">Taux de décisions favorables selon sexe<\/title>/);
    assert.match(html, /<desc id="sel-desc">Le graphique montre le taux de 3 groupes.<\/desc>/);
  });

  it("has the same figures as a table with a caption, column and row headers", () => {
    const table = html.slice(html.indexOf("<table"));
    assert.match(table, /<caption>Taux de décisions favorables selon sexe<\/caption>/);
    assert.equal(count(table, /<th scope="col">/), 3);
    assert.equal(count(table, /<th scope="row">/), 4);
    assert.ok(table.includes(`<td>${percent.format(0.40794)}</td><td>${percent.format(0.3982)} à ${percent.format(0.4177)}</td>`));
    assert.ok(table.includes("<th scope=\"row\">F (groupe de référence)</th>"));
    assert.match(html, /<details class="chart-data"><summary>Afficher le tableau<\/summary>/);
  });

  it("draws the reference group as a diamond and the others as dots, one per figure", () => {
    assert.equal(count(html, /<polygon class="chart-mark chart-mark-reference"/), 1);
    assert.equal(count(html, /<circle class="chart-mark"/), 2);
    assert.equal(count(html, /<g class="chart-interval"/), 2);
  });

  it("says a row has no figure instead of drawing one, in the chart and in the table", () => {
    assert.match(html, /<g class="chart-row chart-row-missing"><text[^>]*>X<\/text><rect[^>]*><\/rect><text[^>]*>Non publié<\/text><\/g>/);
    assert.ok(html.includes('<th scope="row">X</th><td colspan="2">Non publié</td>'));
  });

  it("labels its axis with the tick format and names the reference and threshold lines in its legend", () => {
    for (const tick of [0, 20, 40, 60, 80, 100]) assert.ok(html.includes(`>${tick} pc</text>`), `tick ${tick}`);
    assert.equal(count(html, /<line class="chart-reference"/), 1);
    assert.equal(count(html, /<line class="chart-threshold"/), 1);
    assert.ok(html.includes(`Taux du groupe de référence (${percent.format(0.30692)})`));
    assert.ok(html.includes(`Quatre cinquièmes (${percent.format(0.30692 * 0.8)})`));
    const plain = render({ ...props, referenceLine: undefined, threshold: undefined });
    assert.equal(count(plain, /chart-reference|chart-threshold/), 0);
  });

  it("escapes labels, and has no inline style or script for the CSP to block", () => {
    assert.ok(html.includes("&lt;b>&quot;Z&quot;&lt;/b>"));
    assert.ok(!html.includes('<b>"Z"</b>'));
    assert.doesNotMatch(html, /\sstyle=|<script/);
  });

  it("keeps every point inside the plot, even out of range", () => {
    const out = render({ ...props, rows: [{ label: "A", value: 1.4, interval: { low: -0.2, high: 1.6 } }] });
    const xs = [...out.matchAll(/<(?:circle[^>]* cx|line x1)="([\d.-]+)"/g)].map((m) => Number(m[1]));
    assert.ok(xs.length > 0 && xs.every((x) => x >= 0 && x <= 720));
  });
});
