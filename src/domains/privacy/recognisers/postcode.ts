// Postcodes: Belgian 1000–9992 (optionally "B-"), Luxembourg "L-" + four digits. No check digit.
import type { Recogniser } from "./recogniser.ts";

/** Belgian numbering runs from 1000 (Brussels) to 9992 (Maldegem, Middelburg). */
const BE_FIRST = 1000;
const BE_LAST = 9992;

export const postcode: Recogniser = {
  entity: "postcode",
  evidence: "shape",
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
};
