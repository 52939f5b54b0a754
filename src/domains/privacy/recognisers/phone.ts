// Phone numbers by the numbering plans of libphonenumber-js (full metadata): international form, or BE/LU national form.
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import type { Recogniser } from "./recogniser.ts";
import { RE2_SPACE, sqlMatchesTrimmed } from "./sql.ts";

/** What a number may look like as a whole value: a "+", a digit or "(" first, then digits and separators. */
const SHAPE = /^[+0-9(][0-9 ()./-]{5,20}$/;

/** 1990-05-12, 12/05/1990, 12.05.1990: dates pass the shape of a Luxembourg number without a country code. */
const DATE = /^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})$/;

/**
 * "+32 …" or "0032 …" of any country is a phone number; without a country code a Belgian number starts with its
 * trunk 0 and a Luxembourg number (which has no trunk prefix) must have 8 or 9 digits, since shorter Luxembourg
 * numbers exist but look like any counter or amount.
 */
export const phone: Recogniser = {
  entity: "phone",
  evidence: "syntax",
  settledInSql: false,
  parse(value) {
    const text = value.trim();
    if (!SHAPE.test(text) || DATE.test(text)) return null;
    const digits = text.replace(/\D/g, "");
    if (/^(\+|00)/.test(text)) {
      const number = parsePhoneNumberFromString(text.replace(/^00/, "+"));
      return number?.isValid() ? number.number : null;
    }
    const country = digits.startsWith("0") ? "BE" : digits.length === 8 || digits.length === 9 ? "LU" : null;
    if (!country) return null;
    const number = parsePhoneNumberFromString(text, country);
    return number?.isValid() ? number.number : null;
  },
  candidates: /(?<![\w+])(?:(?:\+|00)\d{2,3}[ ./-]?(?:\(0\)[ ]?)?|0)\d{1,3}(?:[ ./-]?\d{2,3}){2,4}\b/g,
  // The numbering plans are libphonenumber's: SQL only sets aside what `parse` rejects before asking it. A string of
  // digits has the shape when it has 6 to 21 of them, and is never a date.
  sql({ raw, length, digits }) {
    const digitCount = `length(regexp_replace(${raw}, '[^0-9]', '', 'g'))`;
    const asked = `regexp_matches(${raw}, '^${RE2_SPACE}*(?:\\+|00)') OR regexp_matches(${raw}, '^[^0-9]*0') OR ${digitCount} IN (8, 9)`;
    return `CASE WHEN ${length} < 6 THEN FALSE
      WHEN ${digits} THEN CASE WHEN ${length} <= 21 AND (${raw} < '1' OR ${length} IN (8, 9)) THEN NULL ELSE FALSE END
      WHEN NOT ${sqlMatchesTrimmed(raw, SHAPE.source.slice(1, -1))} OR ${sqlMatchesTrimmed(raw, DATE.source.slice(1, -1))} THEN FALSE
      WHEN ${asked} THEN NULL ELSE FALSE END`;
  },
};
