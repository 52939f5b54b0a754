// The PDF of a report, read back as its readers and re-users get it: its text (title, system, findings, tables) in
// each language, no figure of a withheld group, and the result's JSON attached as audit.json.
import assert from "node:assert/strict";
import { inflateSync } from "node:zlib";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { formatDate, formatNumber, languages, translator } from "../../i18n/index.ts";
import { embeddedDocument } from "../assessments/export.ts";
import { runAudit, type AuditOutcome } from "./engine/run-audit.ts";
import { AUDIT_DOCUMENT_FORMAT, renderAuditPdf, winAnsi, type AuditPdfInput } from "./report-pdf.ts";
import type { AuditResult } from "./schema.ts";
import { formatRate, sayFinding, summarizeAudit } from "./summary.ts";

const FIXTURE = fileURLToPath(new URL("../../../../shared/fixtures/audit/decisions-20k.csv", import.meta.url));
const LABELLED = { decision: "decision", favourable: "1", label: "label", label_favourable: "1", protected: ["sex", "nationality", "age_band"] };
/** Without a label, and with a minimum that withholds sex X (393 rows) and, so that X cannot be recomputed, M. */
const SMALL = { decision: "decision", favourable: "1", protected: ["sex"], min_group_size: 400 };

const cp1252 = new TextDecoder("windows-1252");

/**
 * The text a PDF shows, one line per text object: pdfkit writes the standard fonts' text as hex strings of
 * Windows-1252 codes inside TJ arrays, in content streams that are deflated.
 */
function pdfText(pdf: Buffer): string {
  const source = pdf.toString("latin1");
  const lines: string[] = [];
  for (const match of source.matchAll(/<<((?:(?!>>\s*stream)[\s\S])*?)>>\s*stream\r?\n/g)) {
    const dictionary = match[1]!;
    if (/\/Type\s*\/EmbeddedFile/.test(dictionary)) continue;
    const start = match.index! + match[0].length;
    const length = Number(/\/Length (\d+)/.exec(dictionary)?.[1]);
    const data = pdf.subarray(start, start + length);
    let content: string;
    try {
      content = (/\/FlateDecode/.test(dictionary) ? inflateSync(data) : data).toString("latin1");
    } catch {
      continue;
    }
    for (const block of content.matchAll(/BT([\s\S]*?)ET/g)) {
      const hex = [...block[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]).join("");
      lines.push(cp1252.decode(Buffer.from(hex, "hex")));
    }
  }
  return lines.join("\n");
}
/** Lines wrap anywhere a space or a hyphen is: compare texts without their white space. */
const squeeze = (text: string) => text.replace(/\s+/g, "");

const input = (result: AuditResult, lang: AuditPdfInput["lang"] = "en"): AuditPdfInput => ({
  lang,
  result,
  system: { id: "lu-child-benefit", name: "Allocation familiale" },
  audit: { id: "0193b3c4-audit", createdAt: new Date("2026-03-02T10:00:00Z"), publishedAt: new Date("2026-03-09T10:00:00Z") },
});

describe("renderAuditPdf", { timeout: 120_000 }, () => {
  let labelled: AuditOutcome;
  let small: AuditOutcome;
  before(async () => {
    [labelled, small] = await Promise.all([runAudit(FIXTURE, LABELLED), runAudit(FIXTURE, SMALL)]);
  });

  it("carries the result as audit.json, with the system and audit it belongs to", async () => {
    const pdf = await renderAuditPdf(input(labelled.published));
    assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
    assert.ok(pdf.includes("(audit.json)"));
    const document = JSON.parse(embeddedDocument(pdf)!);
    assert.equal(document.format, AUDIT_DOCUMENT_FORMAT);
    assert.deepEqual(document.result, labelled.published);
    assert.deepEqual(document.system, { id: "lu-child-benefit", name: "Allocation familiale" });
    assert.deepEqual(document.audit, { id: "0193b3c4-audit", createdAt: "2026-03-02T10:00:00.000Z", publishedAt: "2026-03-09T10:00:00.000Z" });
  });

  it("shows the title, the system, the dates, every finding and a table per grouping", async () => {
    const result = labelled.published;
    const text = pdfText(await renderAuditPdf(input(result)));
    const all = squeeze(text);
    assert.match(text, /^Bias audit report\n/);
    assert.ok(text.includes("System: Allocation familiale (lu-child-benefit)"));
    assert.ok(text.includes(`Publication date: ${formatDate("en", "2026-03-09T10:00:00Z")}`));
    const summary = summarizeAudit(result);
    for (const finding of [...summary.overall, ...summary.groupings.flatMap((g) => g.findings), ...summary.notes]) {
      const sentence = sayFinding(translator("en"), "en", finding);
      assert.ok(all.includes(squeeze(winAnsi(sentence))), sentence);
    }
    assert.equal(text.split("\n").filter((line) => line.startsWith("Rates of each group by ")).length, result.groupings.length);
    assert.equal(text.split("\n").filter((line) => line.startsWith("Each group compared with the reference group")).length, result.groupings.length);
    assert.ok(text.includes("This PDF carries the full result as the attached file audit.json."));
  });

  it("shows no figure of a withheld group, only that it is withheld and why", async () => {
    const text = pdfText(await renderAuditPdf(input(small.published)));
    const lines = text.split("\n");
    for (const group of small.published.groupings[0]!.groups.filter((g) => g.suppressed)) {
      const raw = small.raw.groupings[0]!.groups.find((g) => g.attributes.sex === group.attributes.sex)!;
      for (const figure of [formatNumber("en", raw.count!), formatNumber("en", raw.selected!), winAnsi(formatRate("en", raw.selection_rate!))]) {
        assert.ok(!lines.some((line) => line.split(/[^\d.,%]+/).includes(figure)), `${group.attributes.sex}: ${figure}`);
      }
    }
    assert.ok(lines.includes("Withheld: fewer than 400 decisions"));
    assert.ok(text.includes("Withheld: its figures would let someone work out those of a smaller group"));
    // The raw view shows them, and says they will be withheld.
    const raw = pdfText(await renderAuditPdf(input(small.raw)));
    assert.ok(raw.includes("Internal report: it shows every group, small ones included. Do not publish it."));
    assert.ok(raw.split("\n").includes(formatNumber("en", small.raw.groupings[0]!.groups.find((g) => g.attributes.sex === "M")!.count!)));
  });

  it("is written in each language, its numbers in the language's form, no key left untranslated", async () => {
    for (const lang of languages) {
      const text = pdfText(await renderAuditPdf(input(labelled.published, lang)));
      assert.ok(text.startsWith(translator(lang)("audit_report.pdf.title")));
      assert.doesNotMatch(text, /audit_report\.|common\.|\{\{|undefined|NaN/, lang);
      // French puts a narrow no-break space before "%", which the PDF's fonts print as a no-break space.
      assert.ok(text.includes(winAnsi(formatRate(lang, labelled.published.overall.selection_rate!))), lang);
      assert.doesNotMatch(text, /[\u0080-\u009f]/, `${lang}: a character the font cannot print`);
    }
  });

  it("maps what Windows-1252 lacks to the nearest character it has", () => {
    assert.equal(winAnsi("35,7\u202f% – “F” ≥ 0,8 − 1 · € Œ 漢"), "35,7\u00a0% – “F” >= 0,8 - 1 · € Œ ?");
  });
});
