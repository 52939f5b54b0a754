// Luxembourg national identification number (matricule): YYYYMMDD XXX C1 C2, a real birth date and two check digits.
import { compact, isCalendarDate, luhnCheckDigit, verhoeffCheckDigit } from "./checks.ts";
import type { Recogniser } from "./recogniser.ts";
import { sqlDigit, sqlDigits, sqlIsCalendarDate, sqlLuhnCheckDigit, sqlVerhoeffCheckDigit } from "./sql.ts";

/** People born before this year are not in the register any more; it keeps 13-digit counters from passing as dates. */
const FIRST_YEAR = 1850;

export const luNationalId: Recogniser = {
  entity: "lu_national_id",
  evidence: "checksum",
  settledInSql: true,
  parse(value) {
    const digits = compact(value);
    if (!/^\d{13}$/.test(digits)) return null;
    const year = Number(digits.slice(0, 4));
    if (year < FIRST_YEAR || year > new Date().getUTCFullYear()) return null;
    if (!isCalendarDate(year, Number(digits.slice(4, 6)), Number(digits.slice(6, 8)))) return null;
    // Both check digits are computed over the same first eleven digits: C2 does not cover C1.
    const eleven = digits.slice(0, 11);
    if (luhnCheckDigit(eleven) !== Number(digits[11])) return null;
    if (verhoeffCheckDigit(eleven) !== Number(digits[12])) return null;
    return digits;
  },
  candidates: /\b\d{4}[ ]?\d{2}[ ]?\d{2}[ ]?\d{3}[ ]?\d{2}\b/g,
  sql({ compact, number }) {
    const year = sqlDigits(number, 13, 1, 4);
    const dated = `${year} BETWEEN ${FIRST_YEAR} AND ${new Date().getUTCFullYear()} AND ${sqlIsCalendarDate(year, sqlDigits(number, 13, 5, 6), sqlDigits(number, 13, 7, 8))}`;
    const checked = `${sqlLuhnCheckDigit(number, 13, 11)} = ${sqlDigit(number, 13, 12)} AND ${sqlVerhoeffCheckDigit(number, 13, 11)} = ${sqlDigit(number, 13, 13)}`;
    return `CASE WHEN length(${compact}) = 13 AND ${number} IS NOT NULL THEN ${dated} AND ${checked} ELSE FALSE END`;
  },
};
