// The common result of the standard shapers (ATRS, NL, AI Act Annex VIII C): the data plus notes on its text.
import type { Lang } from "../../../i18n/languages.ts";
import type { LocalizedText } from "../schema.ts";
import { pickText } from "../present.ts";

/**
 * A record shaped for one standard in one page language. Field names in the notes are the target
 * standard's keys as dotted paths (`tier_1_information.name`, `description_short`, `c4_fria.summary`,
 * `…third_parties[0].third_party_role`),
 * so a page can mark them next to the field it shows.
 */
export interface Shaped<T> {
  lang: Lang;
  data: T;
  /** Fields whose text is not in `lang`, with the language used instead. */
  fallbacks: { field: string; lang: Lang }[];
  /** Fields whose text is a machine translation (the Dutch register's users asked to see this). */
  machine: string[];
  /** Fields of the standard left empty (`null` in `data`). */
  missing: string[];
  /** Fields cut to the length the standard allows. */
  truncated: string[];
}

/** Cuts to `max` characters (code points, as the registers count them), at a word when one is near, ending in "…". */
function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max - 1).join("");
  const space = cut.lastIndexOf(" ");
  const head = space >= cut.length * 0.8 ? cut.slice(0, space) : cut;
  return `${head.trimEnd()}…`;
}

/**
 * Collects the notes while a shaper picks texts and values; `done` wraps the data. Every field that
 * ends up `null` goes through `plain` (directly or through `text`/`joined`), so `missing` lists them all.
 */
export class Shaper {
  readonly #notes: Omit<Shaped<unknown>, "data" | "lang"> = { fallbacks: [], machine: [], missing: [], truncated: [] };

  constructor(readonly lang: Lang) {}

  /** The text in the page language or a fallback, noting either under `field`; never noted missing. */
  pick(field: string, value: LocalizedText | undefined): string | undefined {
    const picked = pickText(value, this.lang);
    if (!picked) return undefined;
    if (picked.fallback && !this.#notes.fallbacks.some((f) => f.field === field)) {
      this.#notes.fallbacks.push({ field, lang: picked.lang });
    }
    if (picked.status === "machine" && !this.#notes.machine.includes(field)) this.#notes.machine.push(field);
    return picked.text;
  }

  /** The text of `field`, cut to `max`; `null` and noted missing when there is none. */
  text(field: string, value: LocalizedText | undefined, max?: number): string | null {
    return this.plain(field, this.pick(field, value), max);
  }

  /** Several texts in one field, where the standard has one field and the record several. */
  joined(field: string, parts: readonly (LocalizedText | undefined)[], max?: number): string | null {
    const texts = parts.map((part) => this.pick(field, part)).filter((text) => text !== undefined);
    return this.plain(field, texts.join("\n\n"), max);
  }

  /** A value that is not translated (URL, date, name) or already composed; `null` and noted missing when empty. */
  plain(field: string, value: string | null | undefined, max?: number): string | null {
    if (!value) {
      this.#notes.missing.push(field);
      return null;
    }
    return max === undefined ? value : this.limit(field, value, max);
  }

  /** `value` cut to `max` characters, noting the cut. */
  limit(field: string, value: string, max: number): string {
    const cut = truncate(value, max);
    if (cut !== value) this.#notes.truncated.push(field);
    return cut;
  }

  done<T>(data: T): Shaped<T> {
    return { lang: this.lang, data, ...this.#notes };
  }
}
