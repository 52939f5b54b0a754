// Licence plates: Belgian 1-ABC-123 (and the older ABC-123, 123-ABC) and Luxembourg AB 1234. No check digit.
import type { Recogniser } from "./recogniser.ts";
import { sqlMatchesTrimmed } from "./sql.ts";

/** Current Belgian series: a digit 1–9, or a letter for special series, then three letters and three digits. */
const BE_CURRENT = /^([1-9A-Z])[- ]?([A-Z]{3})[- ]?(\d{3})$/;
const BE_OLDER = /^(?:([A-Z]{3})[- ]?(\d{3})|(\d{3})[- ]?([A-Z]{3}))$/;
const LU = /^([A-Z]{2})[- ]?(\d{4})$/;
/** The three, for RE2 (case-insensitive, which on ASCII is what toUpperCase() does). */
const PATTERNS = [BE_CURRENT, BE_OLDER, LU].map((pattern) => pattern.source.slice(1, -1)).join("|");

export const plate: Recogniser = {
  entity: "plate",
  evidence: "shape",
  settledInSql: false,
  parse(value) {
    const text = value.trim().toUpperCase();
    const current = BE_CURRENT.exec(text);
    if (current) return `${current[1]}-${current[2]}-${current[3]}`;
    const older = BE_OLDER.exec(text);
    if (older) return older[1] ? `${older[1]}-${older[2]}` : `${older[3]}-${older[4]}`;
    const lu = LU.exec(text);
    return lu ? `${lu[1]} ${lu[2]}` : null;
  },
  // Only the current Belgian series is distinctive enough to look for in prose.
  candidates: /\b[1-9]-[A-Z]{3}-\d{3}\b/g,
  sql: ({ raw, length, ascii, digits, upperKept }) =>
    `CASE WHEN ${ascii} THEN CASE WHEN ${length} < 6 OR ${digits} THEN FALSE ELSE ${sqlMatchesTrimmed(raw, `(?i:${PATTERNS})`)} END WHEN ${upperKept} THEN FALSE END`,
};
