// Full-text search over a table's four search documents (db/types.ts `searchDocuments`): writing them, each with its
// language's stemmer; matching a query in any language, so that a text is found in the language it is written in;
// ranking with the page's language first among equals.
import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { languages, searchConfig, type Lang } from "../i18n/languages.ts";

/** The text of a row in one language, by weight: A the name, B the summary, C the rest. */
export interface SearchDocument {
  name: string;
  summary: string;
  rest: string;
}

export type DocumentColumns = Record<Lang, AnyPgColumn>;

const config = (lang: Lang) => sql.raw(`'${searchConfig[lang]}'`);
const query = (lang: Lang, q: string) => sql`websearch_to_tsquery(${config(lang)}, ${q})`;

/** The values of the four document columns of a row, from its text in each language. */
export function searchVectors(documentIn: (lang: Lang) => SearchDocument) {
  const vector = (lang: Lang) => {
    const d = documentIn(lang);
    return sql`setweight(to_tsvector(${config(lang)}, ${d.name}), 'A') || setweight(to_tsvector(${config(lang)}, ${d.summary}), 'B') || setweight(to_tsvector(${config(lang)}, ${d.rest}), 'C')`;
  };
  return { docFr: vector("fr"), docNl: vector("nl"), docDe: vector("de"), docEn: vector("en") };
}

/** Whether `q` matches any language's document, each read with its own stemmer. */
export function matchesAny(columns: DocumentColumns, q: string): SQL {
  return sql`(${sql.join(
    languages.map((lang) => sql`${columns[lang]} @@ ${query(lang, q)}`),
    sql` or `,
  )})`;
}

/** The best rank among the languages; `lang`'s (the page's) counts a little more, so it comes first among equals. */
export function bestRank(columns: DocumentColumns, q: string, lang?: Lang): SQL<number> {
  const ranks = languages.map((l) => sql`ts_rank(${columns[l]}, ${query(l, q)})${l === lang || !lang ? sql`` : sql` * 0.9`}`);
  return sql<number>`greatest(${sql.join(ranks, sql`, `)})`.mapWith(Number);
}
