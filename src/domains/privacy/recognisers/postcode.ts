// Postcodes: Belgian 1000–9992 (optionally "B-"), Luxembourg "L-" + four digits. No check digit.
import type { Recogniser } from "./recogniser.ts";
import { RE2_SPACE, sqlMatchesTrimmed } from "./sql.ts";

/** Belgian numbering runs from 1000 (Brussels) to 9992 (Maldegem, Middelburg). */
const BE_FIRST = 1000;
const BE_LAST = 9992;

export const postcode: Recogniser = {
  entity: "postcode",
  evidence: "shape",
  settledInSql: false,
  parse(value) {
    const text = value.trim().toUpperCase();
    const lu = /^L[- ]?(\d{4})$/.exec(text);
    if (lu) return `L-${lu[1]}`;
    const be = /^(?:B[- ]?)?(\d{4})$/.exec(text);
    if (!be) return null;
    const code = Number(be[1]);
    return code >= BE_FIRST && code <= BE_LAST ? be[1]! : null;
  },
  // A bare four-digit number in prose is a year or an amount as often as a postcode: only "L-1234" is looked for.
  candidates: /\bL-\d{4}\b/g,
  sql({ raw, length, ascii, digits, number, upperKept }) {
    const belgian = `TRY_CAST(regexp_extract(${raw}, '([0-9]{4})${RE2_SPACE}*$', 1) AS INTEGER) BETWEEN ${BE_FIRST} AND ${BE_LAST}`;
    // Trimmed, an ASCII postcode starts with a digit, "B" or "L", in either case.
    const first = `(${raw} >= '0' AND ${raw} < ':') OR (${raw} >= 'B' AND ${raw} < 'C') OR (${raw} >= 'b' AND ${raw} < 'c')
      OR (${raw} >= 'L' AND ${raw} < 'M') OR (${raw} >= 'l' AND ${raw} < 'm') OR ${raw} < '!'`;
    const checked = `CASE WHEN ${length} < 4 OR NOT (${first}) THEN FALSE WHEN ${sqlMatchesTrimmed(raw, "[Ll][- ]?[0-9]{4}")} THEN TRUE
      WHEN ${sqlMatchesTrimmed(raw, "(?:[Bb][- ]?)?[0-9]{4}")} THEN ${belgian} ELSE FALSE END`;
    return `CASE WHEN ${digits} THEN ${length} = 4 AND ${number} BETWEEN ${BE_FIRST} AND ${BE_LAST} WHEN ${ascii} THEN ${checked} WHEN ${upperKept} THEN FALSE END`;
  },
};
