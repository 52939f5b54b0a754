// Reading posted form bodies into the values of contracts, for every domain's forms. Long texts are edited in one
// language at a time: the others travel as hidden fields (`title.nl`, `title.nl.status`), so that saving one language
// keeps the rest.
import type { LocalizedText } from "../domains/systems/schema.ts";
import { languages, type Lang } from "../i18n/languages.ts";

export type FormBody = Record<string, unknown>;

export const bodyOf = (body: unknown): FormBody => (body && typeof body === "object" && !Array.isArray(body) ? (body as FormBody) : {});
export const text = (body: FormBody, name: string): string => (typeof body[name] === "string" ? (body[name] as string) : "");
/** A field left empty is absent, so that an optional contract field is not "invalid". */
export const optional = (body: FormBody, name: string): string | undefined => text(body, name).trim() || undefined;
/** Every value of a field that may repeat (checkboxes). */
export const all = (body: FormBody, name: string): string[] => [body[name] ?? []].flat().filter((v): v is string => typeof v === "string");
/** Tags typed as one line, separated by commas. */
export const tagList = (value: string): string[] =>
  value
    .split(",")
    .map((tag) => tag.trim())
    .filter(Boolean);

/**
 * A text edited in `editing` with the other languages carried along. The edited language is "authored" unless its
 * text is unchanged from `stored` (a machine translation left as it was stays marked as such).
 */
export function localizedFromForm(body: FormBody, name: string, editing: Lang, stored?: LocalizedText): LocalizedText {
  const out: LocalizedText = {};
  for (const lang of languages) {
    const value = text(body, `${name}.${lang}`).trim();
    if (!value) continue;
    const status =
      lang === editing ? (stored?.[lang]?.text === value ? stored[lang].status : "authored") : text(body, `${name}.${lang}.status`) === "machine" ? "machine" : "authored";
    out[lang] = { text: value, status };
  }
  return out;
}

/** A short text typed in each language at once (a session's or a material's title). */
export function titleFromForm(body: FormBody, name: string): LocalizedText {
  const out: LocalizedText = {};
  for (const lang of languages) {
    const value = text(body, `${name}.${lang}`).trim();
    if (value) out[lang] = { text: value, status: "authored" };
  }
  return out;
}

/** How many of `texts` lack each language, for the language tabs. */
export function missingCounts(texts: LocalizedText[]): Record<Lang, number> {
  return Object.fromEntries(languages.map((lang) => [lang, texts.filter((t) => !t[lang]?.text).length])) as Record<Lang, number>;
}
