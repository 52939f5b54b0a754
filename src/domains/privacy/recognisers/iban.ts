// IBAN of any country (ISO 7064 mod 97-10), with the Belgian national check digits that ibantools also verifies.
import { electronicFormatIBAN, isValidIBAN } from "ibantools";
import type { Recogniser } from "./recogniser.ts";

export const iban: Recogniser = {
  entity: "iban",
  evidence: "checksum",
  parse(value) {
    const electronic = electronicFormatIBAN(value.replace(/^IBAN:?\s*/i, "").replace(/[.-]/g, ""));
    return electronic && isValidIBAN(electronic) ? electronic : null;
  },
  // Printed in groups of four; a greedy match may swallow a following word in capitals, which text.ts trims.
  candidates: /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b/g,
};
