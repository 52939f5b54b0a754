// Generalisation: dates to month or year, ages to bands, postcodes to Belgian provinces or Luxembourg postal regions.
// An unreadable value becomes empty: passing it through unchanged would leak the detail the column was meant to lose.

const pad2 = (n: number) => String(n).padStart(2, "0");

/** ISO (2024-05-31, with or without a time) and the day-first forms of BE/LU (31/05/2024, 31.05.2024, 31-05-2024). */
function readDate(value: string): { year: number; month: number } | null {
  const text = value.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(text);
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const [year, month] = iso ? [Number(iso[1]), Number(iso[2])] : dayFirst ? [Number(dayFirst[3]), Number(dayFirst[2])] : [0, 0];
  return year && month >= 1 && month <= 12 ? { year, month } : null;
}

export function generaliseDate(value: string, to: "month" | "year"): string {
  const date = readDate(value);
  if (!date) return "";
  return to === "year" ? String(date.year) : `${date.year}-${pad2(date.month)}`;
}

export interface AgeBandOptions {
  width: number;
  /** Ages from here on share one open band ("90+"), since the very old are few and stand out. */
  top: number;
}
export const AGE_BAND_DEFAULTS: AgeBandOptions = { width: 10, top: 90 };

/** No one is older; a larger number is a year or an amount, not an age. */
const OLDEST = 130;

/** 37 → "30-39"; 93 → "90+"; a fractional age counts by its completed years. */
export function generaliseAge(value: string, options: AgeBandOptions = AGE_BAND_DEFAULTS): string {
  const text = value.trim().replace(",", ".");
  if (!/^\d+(\.\d+)?$/.test(text)) return "";
  const age = Math.floor(Number(text));
  if (age > OLDEST) return "";
  if (age >= options.top) return `${options.top}+`;
  const low = Math.floor(age / options.width) * options.width;
  return `${low}-${Math.min(low + options.width - 1, options.top - 1)}`;
}

/**
 * Belgian postcode ranges → province (ISO 3166-2:BE). The first digit mostly tells the province, but 1xxx,
 * 3xxx and 6xxx are split; ranges from bpost's numbering as described in "Postal codes in Belgium" (Wikipedia).
 */
const BELGIAN_PROVINCES: Array<[number, number, string]> = [
  [1000, 1299, "BE-BRU"],
  [1300, 1499, "BE-WBR"],
  [1500, 1999, "BE-VBR"],
  [2000, 2999, "BE-VAN"],
  [3000, 3499, "BE-VBR"],
  [3500, 3999, "BE-VLI"],
  [4000, 4999, "BE-WLG"],
  [5000, 5999, "BE-WNA"],
  [6000, 6599, "BE-WHT"],
  [6600, 6999, "BE-WLX"],
  [7000, 7999, "BE-WHT"],
  [8000, 8999, "BE-VWV"],
  [9000, 9999, "BE-VOV"],
];

/**
 * Luxembourg postcodes do not follow canton borders (their first digit is a postal region: 1–2 the capital,
 * 3 south of it, 4 Esch-sur-Alzette, 5 south-east, 6 north-east, 7 north of the capital, 8 west, 9 north), so
 * they generalise to that region, "L-4xxx". A canton would need Post Luxembourg's register of postcodes.
 */
function luxembourgRegion(code: string): string {
  return `L-${code[0]}xxx`;
}

/**
 * "L-" (or "L") + 4 digits is Luxembourg; bare 4 digits are read as `country` says, since "4402" is valid in both.
 * Returns a province code, a Luxembourg postal region, or "" for anything else.
 */
export function generalisePostcode(value: string, country: "BE" | "LU" = "BE"): string {
  const text = value.trim().toUpperCase();
  const lu = /^L[- ]?(\d{4})$/.exec(text);
  if (lu) return luxembourgRegion(lu[1]!);
  const bare = /^(?:B[- ]?)?(\d{4})$/.exec(text);
  if (!bare) return "";
  if (country === "LU" && !text.startsWith("B")) return luxembourgRegion(bare[1]!);
  const code = Number(bare[1]);
  return BELGIAN_PROVINCES.find(([low, high]) => code >= low && code <= high)?.[2] ?? "";
}
