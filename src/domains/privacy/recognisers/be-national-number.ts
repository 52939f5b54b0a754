// Belgian national register number and BIS number: YYMMDD SSS CC, with the century told by the check digits.
import { compact, isCalendarDate, mod97 } from "./checks.ts";
import type { Recogniser } from "./recogniser.ts";
import { sqlDigits, sqlIsCalendarDate } from "./sql.ts";

/** Written as "90.05.15-123.91", "900515 123 91" or "90051512391". */
const CANDIDATES = /\b\d{2}[. ]?\d{2}[. ]?\d{2}[-. ]?\d{3}[-. ]?\d{2}\b/g;

/**
 * The birth year the check digits point to, or null when neither century matches.
 * CC = 97 − (YYMMDDSSS mod 97); for births from 2000 on a "2" is put before the nine digits first.
 */
function checkedBirthYear(digits: string): number | null {
  const check = Number(digits.slice(9));
  const nine = digits.slice(0, 9);
  const yy = Number(digits.slice(0, 2));
  if (97 - mod97(`2${nine}`) === check) return 2000 + yy;
  if (97 - mod97(nine) === check) return 1900 + yy;
  return null;
}

/**
 * Parses the 11 digits when the month, shifted back by `monthOffsets`, is a month (or 00, unknown) and the
 * date exists in the century the check digits tell; day 00 means the day is unknown.
 */
function parseNumber(value: string, monthOffsets: number[]): string | null {
  const digits = compact(value);
  if (!/^\d{11}$/.test(digits)) return null;
  const year = checkedBirthYear(digits);
  if (year === null || year > new Date().getUTCFullYear()) return null;
  const rawMonth = Number(digits.slice(2, 4));
  const day = Number(digits.slice(4, 6));
  for (const offset of monthOffsets) {
    const month = rawMonth - offset;
    if (month < 0 || month > 12) continue;
    if (month === 0 || day === 0) return day <= 31 ? digits : null;
    return isCalendarDate(year, month, day) ? digits : null;
  }
  return null;
}

/** `parseNumber` in SQL, over the compacted value and its integer. */
function numberSql(compact: string, number: string, monthOffsets: number[]): string {
  const digits = (from: number, to: number) => sqlDigits(number, 11, from, to);
  const nine = digits(1, 9);
  const check = digits(10, 11);
  const yy = digits(1, 2);
  const year = `CASE WHEN 97 - (2000000000 + ${nine}) % 97 = ${check} THEN 2000 + ${yy} WHEN 97 - ${nine} % 97 = ${check} THEN 1900 + ${yy} END`;
  const rawMonth = digits(3, 4);
  const day = digits(5, 6);
  const dated = (month: string) => `CASE WHEN ${month} = 0 OR ${day} = 0 THEN ${day} <= 31 ELSE ${sqlIsCalendarDate(year, month, day)} END`;
  const months = monthOffsets.map((offset) => `WHEN ${rawMonth} BETWEEN ${offset} AND ${offset + 12} THEN ${dated(`(${rawMonth} - ${offset})`)}`);
  const valid = `coalesce(${year} <= ${new Date().getUTCFullYear()} AND CASE ${months.join(" ")} ELSE FALSE END, FALSE)`;
  return `CASE WHEN length(${compact}) = 11 AND ${number} IS NOT NULL THEN ${valid} ELSE FALSE END`;
}

export const beNationalNumber: Recogniser = {
  entity: "be_national_number",
  evidence: "checksum",
  settledInSql: true,
  parse: (value) => parseNumber(value, [0]),
  candidates: CANDIDATES,
  sql: ({ compact, number }) => numberSql(compact, number, [0]),
};

/** The BIS number adds 20 to the month when the sex is unknown, 40 when it is known. */
export const beBisNumber: Recogniser = {
  entity: "be_bis_number",
  evidence: "checksum",
  settledInSql: true,
  parse: (value) => parseNumber(value, [20, 40]),
  candidates: CANDIDATES,
  sql: ({ compact, number }) => numberSql(compact, number, [20, 40]),
};
