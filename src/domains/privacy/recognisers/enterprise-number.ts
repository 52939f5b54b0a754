// Belgian enterprise number (BCE/KBO, first digit 0 or 1) and establishment unit number (first digit 2–8).
import { compact, mod97 } from "./checks.ts";
import type { Recogniser } from "./recogniser.ts";

/** Ten digits whose last two are 97 − (first eight mod 97); nine-digit enterprise numbers predate the leading 0. */
export function parseBceNumber(value: string, firstDigits: RegExp): string | null {
  let digits = compact(value);
  if (/^\d{9}$/.test(digits)) digits = `0${digits}`;
  if (!/^\d{10}$/.test(digits) || !firstDigits.test(digits)) return null;
  return 97 - mod97(digits.slice(0, 8)) === Number(digits.slice(8)) ? digits : null;
}

/**
 * `parseBceNumber` in SQL, over the integer of the compacted digits and their count; the first of ten digits
 * (0 for nine) must lie between `first` and `last`.
 */
export function bceNumberSql(number: string, length: string, [first, last]: [number, number]): string {
  const checked = `${number} // 1000000000 BETWEEN ${first} AND ${last} AND 97 - (${number} // 100) % 97 = ${number} % 100`;
  return `CASE WHEN ${length} IN (9, 10) AND ${number} IS NOT NULL THEN ${checked} ELSE FALSE END`;
}

/** "0765.432.146", "0765 432 146"; a "BE" before it makes it a VAT number (see vat.ts). */
const CANDIDATES = /(?<![A-Za-z\d])\d{4}[. ]?\d{3}[. ]?\d{3}\b/g;

export const beEnterpriseNumber: Recogniser = {
  entity: "be_enterprise_number",
  evidence: "checksum",
  settledInSql: true,
  parse: (value) => parseBceNumber(value, /^[01]/),
  candidates: CANDIDATES,
  sql: ({ compact, number }) => bceNumberSql(number, `length(${compact})`, [0, 1]),
};

export const beEstablishmentUnit: Recogniser = {
  entity: "be_establishment_unit",
  evidence: "checksum",
  settledInSql: true,
  parse: (value) => parseBceNumber(value, /^[2-8]/),
  candidates: CANDIDATES,
  sql: ({ compact, number }) => bceNumberSql(number, `length(${compact})`, [2, 8]),
};
