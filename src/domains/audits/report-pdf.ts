// A bias-audit report as a PDF: the same findings, settings and tables as the web page, in one language, with the
// result's JSON embedded as `audit.json` so that the file alone carries the figures for re-use.
import PDFDocument from "pdfkit";
import { formatDate, formatNumber, translator, type Lang, type T } from "../../i18n/index.ts";
import type { AuditResult, Disparity, GroupingResult, GroupResult, RateName } from "./schema.ts";
import {
  describeSettings,
  formatInterval,
  formatList,
  formatPoints,
  formatRate,
  formatRatio,
  groupingTitle,
  groupName,
  sayFinding,
  summarizeAudit,
  withheldReason,
} from "./summary.ts";

export const AUDIT_PDF_ATTACHMENT = "audit.json";
export const AUDIT_DOCUMENT_FORMAT = "gaichel-audit-result";

export interface AuditPdfInput {
  lang: Lang;
  result: AuditResult;
  /** The system's name already in the reader's language. */
  system: { id: string; name: string };
  audit: { id: string; title?: string; createdAt: Date | string; publishedAt: Date | string | null };
}

const LABELLED_RATES = ["true_positive_rate", "false_positive_rate", "false_negative_rate", "precision", "accuracy"] as const;
const MUTED = "#444444";
const RULE = "#b1b4b6";

// The standard PDF fonts only know Windows-1252: Intl's narrow no-break spaces ("30,7 %" in French) and the few
// other characters outside it would print as garbage, so each gets its nearest equivalent.
const WIN_ANSI_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");
const REPLACEMENTS: Record<string, string> = { "\u202f": "\u00a0", "\u2009": " ", "\u2007": "\u00a0", "\u2212": "-", "≥": ">=", "≤": "<=", "⚠": "!" };
export function winAnsi(text: string): string {
  return [...text].map((c) => REPLACEMENTS[c] ?? (c.charCodeAt(0) <= 0xff || WIN_ANSI_EXTRA.has(c) ? c : "?")).join("");
}

/** The document embedded in the PDF: the result with what it is the result of. */
export function auditDocument(input: AuditPdfInput) {
  const date = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
  return {
    format: AUDIT_DOCUMENT_FORMAT,
    formatVersion: 1,
    system: input.system,
    audit: { id: input.audit.id, createdAt: date(input.audit.createdAt), publishedAt: date(input.audit.publishedAt) },
    result: input.result,
  };
}

export function renderAuditPdf(input: AuditPdfInput): Promise<Buffer> {
  const { lang, result, system, audit } = input;
  const t = translator(lang);
  const title = audit.title ?? t("audit_report.pdf.title");
  const pdf = new PDFDocument({
    size: "A4",
    margin: 50,
    lang,
    info: { Title: winAnsi(title), Subject: `${system.id} ${audit.id}`, Creator: "Gäichel" },
  } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });

  const text = (value: string, options?: PDFKit.Mixins.TextOptions) => pdf.text(winAnsi(value), options);
  const heading = (value: string, size: number) => {
    pdf.moveDown(0.6).font("Helvetica-Bold").fontSize(size).fillColor("black");
    text(value).moveDown(0.3).font("Helvetica").fontSize(10);
  };

  pdf.font("Helvetica-Bold").fontSize(18);
  text(title);
  pdf.moveDown(0.3).font("Helvetica").fontSize(10).fillColor(MUTED);
  text(`${t("audit_report.pdf.system")}${t("common.colon")} ${system.name} (${system.id})`);
  text(`${t("audit_report.pdf.audit")}${t("common.colon")} ${audit.id}`);
  text(`${t("audit_report.pdf.created")}${t("common.colon")} ${formatDate(lang, audit.createdAt)}`);
  text(
    `${t("audit_report.pdf.published")}${t("common.colon")} ${audit.publishedAt === null ? t("audit_report.pdf.not_published") : formatDate(lang, audit.publishedAt)}`,
  );
  pdf.fillColor("black");
  if (result.view === "raw") {
    pdf.moveDown(0.5).font("Helvetica-Bold");
    text(t("audit_report.pdf.raw_warning"));
    pdf.font("Helvetica");
  }

  const summary = summarizeAudit(result);
  heading(t("audit_report.findings_heading"), 14);
  for (const finding of summary.overall) text(sayFinding(t, lang, finding)).moveDown(0.3);
  for (const { attributes, findings } of summary.groupings) {
    heading(groupingTitle(t, lang, attributes), 11);
    pdf.list(findings.map((f) => winAnsi(sayFinding(t, lang, f))), { bulletRadius: 1.5, paragraphGap: 2 });
  }
  if (summary.notes.length) {
    pdf.moveDown(0.5).fillColor(MUTED);
    for (const note of summary.notes) text(sayFinding(t, lang, note)).moveDown(0.3);
    pdf.fillColor("black");
  }

  heading(t("audit_report.settings_heading"), 14);
  for (const { term, value } of describeSettings(t, lang, result)) {
    pdf.font("Helvetica-Bold");
    text(`${term}${t("common.colon")} `, { continued: true });
    pdf.font("Helvetica");
    text(value);
  }

  heading(t("audit_report.read_heading"), 14);
  const minimum = { count: result.settings.min_group_size, minimum: formatNumber(lang, result.settings.min_group_size) };
  const glossary: Array<[string, string]> = [
    [t("audit_report.rates.selection_rate"), t("audit_report.rate_explained.selection_rate")],
    ...(result.has_label ? LABELLED_RATES.map((r): [string, string] => [t(`audit_report.rates.${r}`), t(`audit_report.rate_explained.${r}`)]) : []),
    ...(["interval", "difference", "not_distinguishable", "ratio", "four_fifths", "withheld"] as const).map((term): [string, string] => [
      t(`audit_report.glossary.${term}`),
      t(`audit_report.glossary.${term}_explained`, minimum),
    ]),
  ];
  for (const [term, explained] of glossary) {
    pdf.font("Helvetica-Bold");
    text(`${term}${t("common.colon")} `, { continued: true });
    pdf.font("Helvetica");
    text(explained).moveDown(0.2);
  }

  heading(t("audit_report.groups_heading"), 14);
  for (const grouping of result.groupings) groupingTables(pdf, t, lang, result, grouping, heading);

  pdf.moveDown().font("Helvetica").fontSize(8).fillColor(MUTED);
  text(t("audit_report.pdf.embedded", { file: AUDIT_PDF_ATTACHMENT }));
  pdf.file(Buffer.from(JSON.stringify(auditDocument(input), null, 2)), {
    name: AUDIT_PDF_ATTACHMENT,
    type: "application/json",
    description: "Gäichel bias audit result (JSON)",
  });
  pdf.end();
  return done;
}

type Cell = string | { text: string; colSpan: number };

function groupingTables(
  pdf: PDFKit.PDFDocument,
  t: T,
  lang: Lang,
  result: AuditResult,
  grouping: GroupingResult,
  heading: (value: string, size: number) => void,
) {
  heading(groupingTitle(t, lang, grouping.attributes), 12);
  const reference = grouping.groups.find((g) => g.is_reference);
  pdf.text(
    winAnsi(
      grouping.reference && reference
        ? t("audit_report.reference_group", {
            group: t("audit_report.quoted", { text: groupName(t, reference.attributes) }),
            rule: t(`audit_report.rule_${grouping.reference.rule}`),
          })
        : t("audit_report.no_reference"),
    ),
  );

  const shown = (g: GroupResult) => !g.suppressed && g.count !== null;
  const none = "—";
  const label = (g: GroupResult) =>
    [
      groupName(t, g.attributes),
      g.is_reference ? `(${t("audit_report.reference_badge")})` : "",
      !g.suppressed && g.suppression !== null ? `${t("audit_report.would_withhold_badge")}${t("common.colon")} ${withheldReason(t, lang, result, g)}` : "",
    ]
      .filter(Boolean)
      .join("\n");
  const withheldCell = (g: GroupResult, columns: number): Cell => ({
    text: `${t("audit_report.withheld_badge")}${t("common.colon")} ${withheldReason(t, lang, result, g)}`,
    colSpan: columns,
  });
  const rateCell = (g: GroupResult, rate: RateName) => {
    const value = g[rate];
    const interval = g.intervals[rate];
    return value === null ? none : `${formatRate(lang, value)}${interval ? `\n${formatInterval(t, lang, interval)}` : ""}`;
  };
  const differenceCell = (d: Disparity) =>
    d.difference === null
      ? none
      : [
          formatPoints(lang, d.difference),
          d.interval ? formatInterval(t, lang, d.interval, true) : "",
          d.distinguishable === false ? t("audit_report.not_distinguishable") : "",
        ]
          .filter(Boolean)
          .join("\n");

  const rates: RateName[] = result.has_label ? ["selection_rate", ...LABELLED_RATES] : ["selection_rate"];
  table(pdf, t("audit_report.rates_table", { attributes: formatList(lang, grouping.attributes) }), [
    [
      t("audit_report.columns.group"),
      t(result.weighted ? "audit_report.columns.decisions_weighted" : "audit_report.columns.decisions"),
      ...rates.map((r) => t(`audit_report.rates.${r}`)),
    ],
    ...grouping.groups.map((g): Cell[] =>
      shown(g) ? [label(g), formatNumber(lang, g.count!), ...rates.map((r) => rateCell(g, r))] : [label(g), withheldCell(g, rates.length + 1)],
    ),
  ]);

  if (!grouping.reference) return;
  const columns = result.has_label ? 5 : 3;
  table(pdf, t("audit_report.comparison_table", { attributes: formatList(lang, grouping.attributes) }), [
    [
      t("audit_report.columns.group"),
      t("audit_report.columns.difference"),
      t("audit_report.columns.ratio"),
      t("audit_report.columns.four_fifths"),
      ...(result.has_label ? [t("audit_report.columns.equal_opportunity"), t("audit_report.columns.equalized_odds")] : []),
    ],
    ...grouping.groups.map((g): Cell[] => {
      if (!shown(g)) return [label(g), withheldCell(g, columns)];
      const d = g.disparities;
      if (g.is_reference || !d) return [label(g), { text: t(g.is_reference ? "audit_report.is_reference" : "audit_report.no_figure"), colSpan: columns }];
      return [
        label(g),
        differenceCell(d.demographic_parity),
        d.demographic_parity.ratio === null ? none : formatRatio(lang, d.demographic_parity.ratio),
        d.four_fifths.flagged === null ? none : d.four_fifths.flagged ? t("audit_report.below_four_fifths") : t("common.no"),
        ...(result.has_label ? [differenceCell(d.equal_opportunity), differenceCell(d.equalized_odds)] : []),
      ];
    }),
  ]);
}

/** A table whose first row is its header and first column names the rows; the group column is the widest. */
function table(pdf: PDFKit.PDFDocument, caption: string, rows: Cell[][]) {
  pdf.moveDown(0.6).font("Helvetica-Bold").fontSize(9).fillColor("black").text(winAnsi(caption)).moveDown(0.2);
  const [header, ...body] = rows;
  const columns = header!.length;
  const width = pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
  const groupWidth = Math.min(150, width / 3);
  const cell = (c: Cell, type: "TH" | "TD", bold: boolean) => {
    const { text, colSpan } = typeof c === "string" ? { text: c, colSpan: 1 } : c;
    return { text: winAnsi(text), colSpan, type, font: { src: bold ? "Helvetica-Bold" : "Helvetica", size: 7.5 } };
  };
  pdf.fontSize(7.5).table({
    columnStyles: (i) => (i === 0 ? { width: groupWidth } : { width: (width - groupWidth) / (columns - 1) }),
    defaultStyle: { border: 0.5, borderColor: RULE, padding: 3 },
    data: [header!.map((c) => cell(c, "TH", true)), ...body.map((row) => row.map((c, i) => cell(c, i === 0 ? "TH" : "TD", false)))],
  });
  pdf.font("Helvetica").fontSize(10);
}
