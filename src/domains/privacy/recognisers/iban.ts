// IBAN of any country (ISO 7064 mod 97-10), with the Belgian national check digits that ibantools also verifies.
import { electronicFormatIBAN, isValidIBAN } from "ibantools";
import type { Recogniser } from "./recogniser.ts";
import { RE2_SPACE, sqlMatchesTrimmed } from "./sql.ts";

/** What is left to ibantools, in RE2: an optional "IBAN:", then two letters, two digits and more, separators anywhere. */
const SEPARATOR = "[ .-]*";
const IBAN_SHAPE = `(?:[Ii][Bb][Aa][Nn]:?${RE2_SPACE}*)?${["[A-Za-z]", "[A-Za-z]", "[0-9]", "[0-9]"].map((c) => SEPARATOR + c).join("")}(?:${SEPARATOR}[A-Za-z0-9])+${SEPARATOR}`;

export const iban: Recogniser = {
  entity: "iban",
  evidence: "checksum",
  settledInSql: false,
  parse(value) {
    const electronic = electronicFormatIBAN(value.replace(/^IBAN:?\s*/i, "").replace(/[.-]/g, ""));
    return electronic && isValidIBAN(electronic) ? electronic : null;
  },
  // Printed in groups of four; a greedy match may swallow a following word in capitals, which text.ts trims.
  candidates: /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b/g,
  // The country formats are ibantools': SQL only sets aside values that cannot be an IBAN once the "IBAN:" prefix and
  // the separators are gone (two letters, two digits, letters and digits).
  sql: ({ raw, length, ascii, digits, upperKept }) =>
    `CASE WHEN ${ascii} THEN CASE WHEN ${length} < 5 OR ${digits} THEN FALSE WHEN NOT ${sqlMatchesTrimmed(raw, IBAN_SHAPE)} THEN FALSE END WHEN ${upperKept} THEN FALSE END`,
};
