// The recognisers' rules in DuckDB SQL, for full scans: each function returns an SQL expression built from the SQL
// expressions it is given, and mirrors a function of checks.ts or a step of a recogniser's `parse`.
import type { SqlValue } from "./recogniser.ts";
import { VERHOEFF_D, VERHOEFF_INV, VERHOEFF_P } from "./checks.ts";

/** The characters JavaScript's \s and String.prototype.trim treat as white space, taken from the engine itself. */
const JS_SPACES = Array.from({ length: 0x10000 }, (_, code) => String.fromCharCode(code)).filter((ch) => /\s/.test(ch));

/** The characters as the inside of an RE2 character class. */
const re2Chars = (chars: string[]) => chars.map((ch) => `\\x{${ch.codePointAt(0)!.toString(16)}}`).join("");

/** RE2 classes of JavaScript's \s and \S. */
export const RE2_SPACE = `[${re2Chars(JS_SPACES)}]`;
export const RE2_NOT_SPACE = `[^${re2Chars(JS_SPACES)}]`;

/** The separators `compact` removes, as the inside of an RE2 class. */
const SEPARATORS = `.\\-/${re2Chars(JS_SPACES)}`;

export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Whether the whole value matches an RE2 pattern. */
export const sqlMatches = (value: string, pattern: string) => `regexp_full_match(${value}, ${sqlString(pattern)})`;

/**
 * Whether the value, trimmed as String.prototype.trim does, matches an RE2 pattern whose matches neither start nor
 * end with white space (else the white space around the value could count as part of the match).
 */
export const sqlMatchesTrimmed = (value: string, pattern: string) => sqlMatches(value, `${RE2_SPACE}*(?:${pattern})${RE2_SPACE}*`);

/**
 * Non-ASCII characters that trimming and toUpperCase() can turn into ASCII: white space (trimmed, or dropped after
 * "IBAN:") and letters whose upper case is ASCII ("ß" → "SS", "ı" → "I", "ﬂ" → "FL"). Any other keeps a value
 * non-ASCII through `parse`, so that it cannot pass a rule of ASCII letters and digits. Asked of the engine for
 * the Basic Multilingual Plane; no character beyond it has an ASCII upper case (sql.test.ts checks).
 */
export const TO_ASCII = Array.from({ length: 0x10000 - 0x80 }, (_, i) => String.fromCharCode(i + 0x80)).filter(
  (ch) => (ch < "\ud800" || ch > "\udfff") && (/\s/.test(ch) || /^[\x00-\x7f]+$/.test(ch.toUpperCase())),
);

/**
 * How the fields of `SqlValue` are computed, each from `raw` and the fields before it. The costly ones sit behind
 * cheap tests, since DuckDB evaluates the branches of a CASE lazily, but AND and OR in full.
 */
export const SQL_VALUE_FIELDS: Array<[Exclude<keyof SqlValue, "raw">, (value: SqlValue) => string]> = [
  ["length", ({ raw }) => `length(${raw})`],
  ["ascii", ({ raw }) => `strlen(${raw}) = length(${raw})`],
  ["digits", ({ raw }) => `CASE WHEN ${raw} >= '0' AND ${raw} < ':' THEN ${sqlMatches(raw, "[0-9]+")} ELSE FALSE END`],
  [
    "compact",
    // A compacted value of digits, with or without "BE" or "LU", starts with a digit, one of those letters, a
    // separator, or white space (ASCII below "!", the rest beyond ASCII).
    ({ raw, digits }) => {
      const starts = (from: string, to: string) => `(${raw} >= '${from}' AND ${raw} < '${to}')`;
      const first = [starts("0", ":"), starts("-", "0"), starts("B", "C"), starts("L", "M"), starts("b", "c"), starts("l", "m")];
      return `CASE WHEN ${digits} THEN ${raw} WHEN ${first.join(" OR ")} OR (${raw} > '' AND ${raw} < '!') OR ${raw} >= chr(128)
        THEN CASE WHEN ${sqlMatches(raw, `[0-9BbEeLlUu${SEPARATORS}]+`)} THEN regexp_replace(${raw}, '[${SEPARATORS}]', '', 'g') END END`;
    },
  ],
  ["upperKept", ({ raw, ascii }) => `CASE WHEN ${ascii} THEN FALSE ELSE regexp_matches(${raw}, '[^\\x{1}-\\x{7f}${re2Chars(TO_ASCII)}]') END`],
  ["number", ({ raw, digits, compact }) => `CASE WHEN ${digits} THEN TRY_CAST(${raw} AS BIGINT) WHEN ${sqlMatches(compact, "[0-9]{1,18}")} THEN CAST(${compact} AS BIGINT) END`],
];

/** The fields of `SqlValue` an expression built from one reads. */
export function fieldsRead(build: (value: SqlValue) => string): Set<keyof SqlValue> {
  const read = new Set<keyof SqlValue>();
  const probe = new Proxy({} as SqlValue, { get: (_, field: keyof SqlValue) => (read.add(field), field) });
  build(probe);
  return read;
}

/** The level of each field: one more than the fields it reads, `raw` being 0. */
const FIELD_LEVELS = new Map<keyof SqlValue, number>([["raw", 0]]);
for (const [field, build] of SQL_VALUE_FIELDS) FIELD_LEVELS.set(field, 1 + Math.max(...[...fieldsRead(build)].map((read) => FIELD_LEVELS.get(read)!)));

/**
 * The CTEs that add to `step0` (which has a column per value) the fields of `SqlValue` that `needs[i]` names for
 * value `values[i]`, and the fields those read; one CTE per level, so that each field reads columns of the one
 * before. Returns their text (to follow "WITH step0 AS (…)") and the name of the last.
 */
export function sqlValueSteps(values: SqlValue[], needs: Array<Iterable<keyof SqlValue>>): { ctes: string; last: string } {
  const levels: string[][] = [];
  values.forEach((value, i) => {
    const wanted = new Set<keyof SqlValue>();
    const want = (field: keyof SqlValue) => {
      if (field === "raw" || wanted.has(field)) return;
      wanted.add(field);
      fieldsRead(SQL_VALUE_FIELDS.find(([name]) => name === field)![1]).forEach(want);
    };
    for (const field of needs[i]!) want(field);
    for (const [field, build] of SQL_VALUE_FIELDS) {
      if (wanted.has(field)) (levels[FIELD_LEVELS.get(field)! - 1] ??= []).push(`${build(value)} AS ${value[field]}`);
    }
  });
  const steps = Array.from(levels, (fields = [], k) => `, step${k + 1} AS (SELECT *${fields.map((f) => `, ${f}`).join("")} FROM step${k})`);
  return { ctes: steps.join(""), last: `step${steps.length}` };
}

/** Digit `i` (1 = leftmost) of an integer written with `length` digits. */
export const sqlDigit = (number: string, length: number, i: number) => `((${number} // ${10 ** (length - i)}) % 10)`;

/** The digits from `from` to `to` (1 = leftmost) of an integer written with `length` digits, as an integer. */
export const sqlDigits = (number: string, length: number, from: number, to: number) => `((${number} // ${10 ** (length - to)}) % ${10 ** (to - from + 1)})`;

/** `isCalendarDate(year, month, day)`. */
export function sqlIsCalendarDate(year: string, month: string, day: string): string {
  const leap = `(${year} % 4 = 0 AND (${year} % 100 <> 0 OR ${year} % 400 = 0))`;
  const days = `CASE WHEN ${month} = 2 THEN CASE WHEN ${leap} THEN 29 ELSE 28 END WHEN ${month} IN (4, 6, 9, 11) THEN 30 ELSE 31 END`;
  return `(${month} BETWEEN 1 AND 12 AND ${day} BETWEEN 1 AND ${days})`;
}

/** `luhnCheckDigit` of the first `count` digits of an integer written with `length` digits. */
export function sqlLuhnCheckDigit(number: string, length: number, count: number): string {
  const terms = Array.from({ length: count }, (_, k) => {
    const digit = sqlDigit(number, length, k + 1);
    // Doubling starts at the last digit; a doubled digit above 9 loses 9.
    return (count - 1 - k) % 2 === 0 ? `CASE WHEN ${digit} > 4 THEN 2 * ${digit} - 9 ELSE 2 * ${digit} END` : digit;
  });
  return `((10 - (${terms.join(" + ")}) % 10) % 10)`;
}


/** A row of ten digits packed four bits each into one integer, so that SQL looks one up with a shift and a mask. */
const packed = (row: number[]) => String(row.reduce((sum, digit, k) => sum + BigInt(digit) * (1n << BigInt(4 * k)), 0n));
const lookUp = (row: string, index: string) => `((${row} >> (4 * ${index})) & 15)`;

/** `verhoeffCheckDigit` of the first `count` digits of an integer written with `length` digits. */
export function sqlVerhoeffCheckDigit(number: string, length: number, count: number): string {
  // Each step names the previous one once, so that the expression grows linearly with the number of digits.
  const rows = `[${VERHOEFF_D.map(packed).join(", ")}]`;
  let c = "0";
  for (let i = count, position = 1; i >= 1; i--, position++) {
    c = lookUp(`${rows}[${c} + 1]`, lookUp(packed(VERHOEFF_P[position % 8]!), sqlDigit(number, length, i)));
  }
  return lookUp(packed(VERHOEFF_INV), c);
}
