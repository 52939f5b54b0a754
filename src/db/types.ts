// Column types drizzle does not ship, and the columns of full-text search shared by every searchable table.
import { customType, index } from "drizzle-orm/pg-core";

export const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/** One search document per language (i18n/languages.ts `searchConfig`), written with the row. */
export const searchDocuments = () => ({
  docFr: tsvector("doc_fr").notNull(),
  docNl: tsvector("doc_nl").notNull(),
  docDe: tsvector("doc_de").notNull(),
  docEn: tsvector("doc_en").notNull(),
});

type Documents = { [K in keyof ReturnType<typeof searchDocuments>]: Parameters<ReturnType<typeof index>["using"]>[1] };

/** The GIN index of each search document, named `{table}_doc_{lang}`. */
export const searchIndexes = (table: string, t: Documents) => [
  index(`${table}_doc_fr`).using("gin", t.docFr),
  index(`${table}_doc_nl`).using("gin", t.docNl),
  index(`${table}_doc_de`).using("gin", t.docDe),
  index(`${table}_doc_en`).using("gin", t.docEn),
];
