// An assessment as a document: JSON that can be imported again, and a PDF for people that carries the same JSON as an
// embedded file (so that the PDF alone can be imported again).
import { inflateSync } from "node:zlib";
import PDFDocument from "pdfkit";
import { z } from "zod";
import { formatDate, translator, type Lang } from "../../i18n/index.ts";
import { pickText } from "../systems/present.ts";
import type { AnswerValue, CompiledInstrument, Item, LocalizedText, SubItem } from "./format.ts";
import type { AssessmentView } from "./service.ts";
import { visibleItems } from "./visibility.ts";

export const ASSESSMENT_FORMAT = "gaichel-assessment";
const EMBEDDED_NAME = "assessment.json";

const answerValue: z.ZodType<AnswerValue> = z.union([
  z.string().max(20_000),
  z.number(),
  z.array(z.string().max(200)).max(500),
  z.array(z.record(z.string(), z.union([z.string().max(20_000), z.number(), z.array(z.string().max(200)).max(500)]))).max(200),
]);

/** The exported document; the part an import reads is checked with this contract. */
export const AssessmentDocument = z.object({
  format: z.literal(ASSESSMENT_FORMAT),
  formatVersion: z.literal(1),
  id: z.string(),
  system: z.object({ id: z.string().max(64), organisationId: z.string().max(64) }),
  instrument: z.object({ id: z.string().max(100), version: z.string().max(40), hash: z.string().regex(/^[0-9a-f]{64}$/) }),
  state: z.enum(["draft", "submitted", "approved"]),
  answers: z.record(z.string().max(100), answerValue),
  comments: z.record(z.string().max(100), z.string().max(20_000)).default({}),
  result: z.unknown().optional(),
  dpoOpinion: z.string().nullable().optional(),
  createdAt: z.string(),
  submittedAt: z.string().nullable().optional(),
  approvedAt: z.string().nullable().optional(),
  exportedAt: z.string(),
});
export type AssessmentDocument = z.output<typeof AssessmentDocument>;

export function exportFileName(document: AssessmentDocument, extension: "json" | "pdf"): string {
  return `${document.system.id}-${document.instrument.id}-${document.id.slice(0, 8)}.${extension}`.replace(/[^a-zA-Z0-9._-]/g, "-");
}

const textIn = (lang: Lang, text: LocalizedText | undefined) => pickText(text, lang)?.text ?? "";

/** An answer as a reader sees it: option texts for codes, rows of a group one per line. */
export function describeAnswer(lang: Lang, item: Item | SubItem, value: AnswerValue | undefined): string {
  if (value === undefined) return "—";
  if (item.type === "single" || item.type === "multi") {
    const codes = Array.isArray(value) ? (value as string[]) : [String(value)];
    return codes.map((code) => textIn(lang, item.options.find((o) => o.code === code)?.text) || code).join("; ");
  }
  if (item.type === "group" && Array.isArray(value)) {
    return (value as Array<Record<string, AnswerValue>>)
      .map((row, r) => `${r + 1}. ${item.items.map((sub) => `${textIn(lang, sub.text)}: ${describeAnswer(lang, sub, row[sub.id])}`).join(" · ")}`)
      .join("\n");
  }
  return String(value);
}

/** A PDF of the response (in `lang`) with its JSON document embedded as `assessment.json`. */
export function renderAssessmentPdf(lang: Lang, view: AssessmentView, document: AssessmentDocument): Promise<Buffer> {
  const t = translator(lang);
  const instrument: CompiledInstrument = view.instrument;
  const title = textIn(lang, instrument.title);
  const pdf = new PDFDocument({ size: "A4", margin: 56, info: { Title: title, Subject: document.system.id, Creator: "Gäichel" }, lang } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });

  pdf.font("Helvetica-Bold").fontSize(18).text(title);
  pdf.moveDown(0.3).font("Helvetica").fontSize(10).fillColor("#444");
  pdf.text(`${t("assessments.pdf.system")}: ${textIn(lang, view.system.name as LocalizedText)} (${document.system.id})`);
  pdf.text(`${t("assessments.instrument_version")}: ${instrument.id}@${instrument.version} · sha256 ${instrument.hash.slice(0, 16)}…`);
  pdf.text(`${t("assessments.state")}: ${t(`assessments.states.${document.state}`)}`);
  if (view.response.approvedAt) pdf.text(`${t("assessments.approved")}: ${formatDate(lang, view.response.approvedAt)}`);
  pdf.fillColor("black").moveDown();

  pdf.font("Helvetica-Bold").fontSize(13).text(t(document.state === "draft" ? "assessments.result_provisional" : "assessments.result"));
  pdf.font("Helvetica-Bold").fontSize(11).text(textIn(lang, view.score.outcome.label));
  pdf.font("Helvetica").fontSize(10).text(textIn(lang, view.score.outcome.explanation));
  for (const obligation of view.score.obligations) pdf.text(`• ${textIn(lang, obligation.text)} (${obligation.reference})`);
  if (view.response.dpoOpinion) {
    pdf.moveDown().font("Helvetica-Bold").text(t("assessments.dpo_opinion")).font("Helvetica").text(view.response.dpoOpinion);
  }
  pdf.moveDown();

  const visible = new Set(visibleItems(instrument, view.response.answers).map((item) => item.id));
  for (const page of view.pages) {
    pdf.font("Helvetica-Bold").fontSize(13).text(textIn(lang, page.title)).moveDown(0.3);
    for (const item of page.items.filter((i) => visible.has(i.id))) {
      pdf.font("Helvetica-Bold").fontSize(10).text(textIn(lang, item.text));
      pdf.font("Helvetica").text(describeAnswer(lang, item, view.response.answers[item.id]));
      const note = view.response.comments[item.id];
      if (note) pdf.font("Helvetica-Oblique").text(`${t("assessments.note_label")}: ${note}`);
      pdf.moveDown(0.5);
    }
  }
  pdf.moveDown().font("Helvetica").fontSize(8).fillColor("#444").text(t("assessments.pdf.embedded", { file: EMBEDDED_NAME }));
  pdf.file(Buffer.from(JSON.stringify(document, null, 2)), { name: EMBEDDED_NAME, type: "application/json", description: "Gäichel assessment (JSON)" });
  pdf.end();
  return done;
}

/**
 * The JSON document a Gäichel PDF carries: the stream of its `/Type /EmbeddedFile` object, inflated when compressed.
 * Undefined when the file has none.
 */
export function embeddedDocument(pdf: Buffer): string | undefined {
  const marker = pdf.indexOf("/Type /EmbeddedFile");
  if (marker < 0) return undefined;
  // The dictionary (with nested ones, such as /Params) runs up to the `stream` keyword.
  const streamAt = pdf.indexOf("stream", marker);
  if (streamAt < 0) return undefined;
  const dictionary = pdf.subarray(marker, streamAt).toString("latin1");
  const length = Number(/\/Length (\d+)/.exec(dictionary)?.[1]);
  let start = streamAt + "stream".length;
  if (pdf[start] === 0x0d) start++;
  if (pdf[start] === 0x0a) start++;
  const end = Number.isFinite(length) && length > 0 ? start + length : pdf.indexOf("endstream", start);
  const data = pdf.subarray(start, end);
  try {
    return (dictionary.includes("/FlateDecode") ? inflateSync(data) : data).toString("utf8");
  } catch {
    return undefined;
  }
}
