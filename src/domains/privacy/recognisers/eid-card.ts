// Belgian eID card number: NNN-NNNNNNN-NN, the last two being the first ten mod 97 (0 becomes 97).
import { compact, mod97 } from "./checks.ts";
import type { Recogniser } from "./recogniser.ts";
import { sqlDigits } from "./sql.ts";

export const beEidCard: Recogniser = {
  entity: "be_eid_card",
  evidence: "checksum",
  settledInSql: true,
  parse(value) {
    const digits = compact(value);
    if (!/^\d{12}$/.test(digits)) return null;
    // Unlike the national number, the check is the remainder itself, not 97 minus it.
    const expected = mod97(digits.slice(0, 10)) || 97;
    return expected === Number(digits.slice(10)) ? digits : null;
  },
  candidates: /\b\d{3}[- ]?\d{7}[- ]?\d{2}\b/g,
  sql({ compact, number }) {
    const rest = `${sqlDigits(number, 12, 1, 10)} % 97`;
    return `CASE WHEN length(${compact}) = 12 AND ${number} IS NOT NULL THEN CASE WHEN ${rest} = 0 THEN 97 ELSE ${rest} END = ${sqlDigits(number, 12, 11, 12)} ELSE FALSE END`;
  },
};
