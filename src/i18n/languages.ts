// The four languages of the platform, in the order used for fallbacks and listings.
export const languages = ["fr", "nl", "de", "en"] as const;
export type Lang = (typeof languages)[number];

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (languages as readonly string[]).includes(value);
}

/** PostgreSQL text search configuration per language (created by a migration: the stemmer plus unaccent). */
export const searchConfig: Record<Lang, string> = {
  fr: "gaichel_fr",
  nl: "gaichel_nl",
  de: "gaichel_de",
  en: "gaichel_en",
};
