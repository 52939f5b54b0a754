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
}
