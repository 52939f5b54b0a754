// Belgian eID card number: NNN-NNNNNNN-NN, the last two being the first ten mod 97 (0 becomes 97).
import { compact, mod97 } from "./checks.ts";
import type { Recogniser } from "./recogniser.ts";

export const beEidCard: Recogniser = {
  entity: "be_eid_card",
  evidence: "checksum",
  parse(value) {
    const digits = compact(value);
    if (!/^\d{12}$/.test(digits)) return null;
    // Unlike the national number, the check is the remainder itself, not 97 minus it.
    const expected = mod97(digits.slice(0, 10)) || 97;
    return expected === Number(digits.slice(10)) ? digits : null;
  },
  candidates: /\b\d{3}[- ]?\d{7}[- ]?\d{2}\b/g,
};
