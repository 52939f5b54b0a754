// Belgian and Luxembourg VAT numbers: "BE" + enterprise number, "LU" + eight digits (last two = first six mod 89).
import { compact } from "./checks.ts";
import { bceNumberSql, parseBceNumber } from "./enterprise-number.ts";
import type { Recogniser } from "./recogniser.ts";
import { sqlMatches } from "./sql.ts";

/**
 * A VAT rule in SQL: `rule` over the integer of the digits and their count, whether the compacted value is bare digits
 * or starts with the country prefix in any case (as /^BE/i does without the u flag, which folds ASCII letters only).
 */
function withPrefix(compact: string, number: string, country: string, rule: (digits: string, length: string) => string): string {
  const prefix = [...country].map((letter) => `[${letter}${letter.toLowerCase()}]`).join("");
  const prefixed = rule(`CAST(${compact}[3:] AS BIGINT)`, `length(${compact}) - 2`);
  return `CASE WHEN ${number} IS NOT NULL THEN ${rule(number, `length(${compact})`)} WHEN ${sqlMatches(compact, `${prefix}[0-9]{1,18}`)} THEN ${prefixed} ELSE FALSE END`;
}

/**
 * The country prefix is optional in a value, because VAT columns often leave it out; the column classifier
 * then tells a VAT column from an enterprise-number column by its header. In free text the prefix is required.
 */
export const beVat: Recogniser = {
  entity: "be_vat",
  evidence: "checksum",
  settledInSql: true,
  parse(value) {
    const digits = parseBceNumber(compact(value).replace(/^BE/i, ""), /^[01]/);
    return digits && `BE${digits}`;
  },
  candidates: /\bBE[ ]?[01]?\d{3}[. ]?\d{3}[. ]?\d{3}\b/gi,
  sql: ({ compact, number }) => withPrefix(compact, number, "BE", (digits, length) => bceNumberSql(digits, length, [0, 1])),
};

export const luVat: Recogniser = {
  entity: "lu_vat",
  evidence: "checksum",
  settledInSql: true,
  parse(value) {
    const digits = compact(value).replace(/^LU/i, "");
    if (!/^\d{8}$/.test(digits)) return null;
    return Number(digits.slice(0, 6)) % 89 === Number(digits.slice(6)) ? `LU${digits}` : null;
  },
  candidates: /\bLU[ ]?\d{8}\b/gi,
  sql: ({ compact, number }) => withPrefix(compact, number, "LU", (digits, length) => `${length} = 8 AND ${digits} // 100 % 89 = ${digits} % 100`),
};
