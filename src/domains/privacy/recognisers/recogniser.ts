// What every recogniser offers: parse a value into its canonical form, and say how much a match proves.
import type { EntityId } from "../schema.ts";

/**
 * How much a value that parses says on its own: a check digit rarely passes by chance (≈ 1 in 97),
 * a syntax such as an e-mail address or a numbering plan is telling, a bare shape (four digits) is not.
 */
export type Evidence = "checksum" | "syntax" | "shape";

export interface Recogniser {
  entity: EntityId;
  evidence: Evidence;
  /** The canonical form (separators removed, prefixes settled) when the value is this identifier, else null. */
  parse(value: string): string | null;
  /**
   * Candidates in free text, each then checked with `parse`; left out when the shape is so common in prose
   * (four digits, two letters and four digits) that matches would be mostly noise.
   */
  candidates?: RegExp;
  /**
   * The same rule in DuckDB SQL, for full scans: an expression that is TRUE when `parse` returns a value, FALSE when
   * it returns null, and NULL when only `parse` can tell (rules kept in a library: e-mail syntax, numbering plans,
   * IBAN formats). Full scans parse those values, and only those, in JavaScript. Tested value for value against
   * `parse` (sql.test.ts).
   */
  sql(value: SqlValue): string;
  /** Whether `sql` never answers NULL: SQL alone counts this identifier. */
  settledInSql: boolean;
}

/**
 * SQL expressions of one value, computed once for all recognisers (see sqlValueSteps). `parse` gets the value trimmed
 * of JavaScript's white space; SQL works on it as read, so that a rule must allow white space around the value.
 */
export interface SqlValue {
  /** The value as read, never NULL. */
  raw: string;
  /** Its length in characters. */
  length: string;
  /** Whether it is ASCII only; only then do SQL's and JavaScript's upper cases agree ("ß" is "SS" in JavaScript). */
  ascii: string;
  /** Whether it is nothing but ASCII digits. */
  digits: string;
  /**
   * `compact(raw)` when the value holds nothing but digits, separators and the letters of a "BE" or "LU" prefix;
   * NULL otherwise, since no rule on compacted values can then match.
   */
  compact: string;
  /** `compact` as an integer when it is all digits (18 at most), else NULL. */
  number: string;
  /** Whether a character stays non-ASCII through trimming and toUpperCase() (see sqlValueSteps). */
  upperKept: string;
}
