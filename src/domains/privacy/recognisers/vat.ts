// Belgian and Luxembourg VAT numbers: "BE" + enterprise number, "LU" + eight digits (last two = first six mod 89).
import { compact } from "./checks.ts";
import { parseBceNumber } from "./enterprise-number.ts";
import type { Recogniser } from "./recogniser.ts";

/**
 * The country prefix is optional in a value, because VAT columns often leave it out; the column classifier
 * then tells a VAT column from an enterprise-number column by its header. In free text the prefix is required.
 */
export const beVat: Recogniser = {
  entity: "be_vat",
  evidence: "checksum",
  parse(value) {
    const digits = parseBceNumber(compact(value).replace(/^BE/i, ""), /^[01]/);
    return digits && `BE${digits}`;
  },
  candidates: /\bBE[ ]?[01]?\d{3}[. ]?\d{3}[. ]?\d{3}\b/gi,
};

export const luVat: Recogniser = {
  entity: "lu_vat",
  evidence: "checksum",
  parse(value) {
    const digits = compact(value).replace(/^LU/i, "");
    if (!/^\d{8}$/.test(digits)) return null;
    return Number(digits.slice(0, 6)) % 89 === Number(digits.slice(6)) ? `LU${digits}` : null;
  },
  candidates: /\bLU[ ]?\d{8}\b/gi,
};
