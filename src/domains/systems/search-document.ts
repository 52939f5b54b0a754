// The text of a record in one language, split by weight, for PostgreSQL full-text search.
import type { Lang } from "../../i18n/languages.ts";
import type { SearchDocument } from "../../db/search.ts";
import type { LocalizedText, SystemRecord } from "./schema.ts";


const LANGS = ["fr", "nl", "de", "en"];

function isLocalized(value: unknown): value is LocalizedText {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => LANGS.includes(k));
}

/** Every text of `value` in `lang`, in document order. */
export function collectTexts(value: unknown, lang: Lang, out: string[] = []): string[] {
  if (isLocalized(value)) {
    const text = value[lang]?.text;
    if (text) out.push(text);
  } else if (Array.isArray(value)) {
    for (const item of value) collectTexts(item, lang, out);
  } else if (value && typeof value === "object") {
    for (const item of Object.values(value)) collectTexts(item, lang, out);
  }
  return out;
}

/** Name (A); summary and purpose (B); every other text, tags and the organisation's name (C). */
export function searchDocument(record: SystemRecord, lang: Lang, organisationName: LocalizedText): SearchDocument {
  const { name, summary, purpose, ...others } = record;
  return {
    name: collectTexts(name, lang).join(" "),
    summary: [...collectTexts(summary, lang), ...collectTexts(purpose, lang)].join(" "),
    rest: [
      ...collectTexts(others, lang),
      ...record.classification.tags,
      ...collectTexts(organisationName, lang),
    ].join(" "),
  };
}
