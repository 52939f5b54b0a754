// Translations (i18next, one JSON file per language), language negotiation and locale formatting.
import i18next, { type TFunction } from "i18next";
import de from "./locales/de.json" with { type: "json" };
import en from "./locales/en.json" with { type: "json" };
import fr from "./locales/fr.json" with { type: "json" };
import nl from "./locales/nl.json" with { type: "json" };
import { isLang, languages, type Lang } from "./languages.ts";

export { languages, isLang, type Lang };

const i18n = i18next.createInstance();
await i18n.init({
  resources: { fr: { translation: fr }, nl: { translation: nl }, de: { translation: de }, en: { translation: en } },
  lng: "fr",
  fallbackLng: false,
  // Output is escaped by Preact when rendered; escaping here too would double-escape.
  interpolation: { escapeValue: false },
  returnNull: false,
});

export type T = TFunction;

export function translator(lang: Lang): T {
  return i18n.getFixedT(lang);
}

/** Intl locale per language: the forms used in Luxembourg and Belgium. */
export const intlLocale: Record<Lang, string> = { fr: "fr-BE", nl: "nl-BE", de: "de-LU", en: "en-GB" };

// Built once per language: creating an Intl formatter costs far more than using one.
const dateFormats = Object.fromEntries(
  languages.map((lang) => [lang, new Intl.DateTimeFormat(intlLocale[lang], { dateStyle: "long", timeZone: "Europe/Luxembourg" })]),
) as Record<Lang, Intl.DateTimeFormat>;
const numberFormats = Object.fromEntries(
  languages.map((lang) => [lang, new Intl.NumberFormat(intlLocale[lang])]),
) as Record<Lang, Intl.NumberFormat>;

export function formatDate(lang: Lang, value: Date | string): string {
  return dateFormats[lang].format(typeof value === "string" ? new Date(value) : value);
}

export function formatNumber(lang: Lang, value: number): string {
  return numberFormats[lang].format(value);
}

/** Picks the best of our languages from an Accept-Language header (RFC 9110 quality values); French by default. */
export function negotiateLanguage(header: string | undefined): Lang {
  if (!header) return "fr";
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((entry) => entry.tag && Number.isFinite(entry.q) && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const primary = tag.split("-")[0];
    if (isLang(primary)) return primary;
  }
  return "fr";
}
