// The text of a practice in one language, split by weight, for PostgreSQL full-text search (as the register's).
import { languages, type Lang } from "../../i18n/languages.ts";
import type { LocalizedText } from "../systems/schema.ts";
import type { SearchDocument } from "../../db/search.ts";

export function practiceDocument(practice: { title: LocalizedText; summary: LocalizedText; body: LocalizedText; tags: string[] }, lang: Lang): SearchDocument {
  return {
    name: practice.title[lang]?.text ?? "",
    summary: practice.summary[lang]?.text ?? "",
    // Tags are words of no one language: every language's document holds them.
    rest: [practice.body[lang]?.text ?? "", ...practice.tags].join(" "),
  };
}

/** The languages a practice can be read in: those its body is written in. */
export function availableLanguages(body: LocalizedText): Lang[] {
  return languages.filter((lang) => body[lang]?.text);
}
