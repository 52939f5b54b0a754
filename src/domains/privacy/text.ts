// Identifiers inside free text: each recogniser's candidate pattern, then its full check on the candidate.
import { recognisers } from "./recognisers/index.ts";
import type { EntityId } from "./schema.ts";

export interface Mention {
  entity: EntityId;
  /** UTF-16 offsets in the text, end exclusive. */
  start: number;
  end: number;
  canonical: string;
}

/**
 * The candidate, else the candidate shortened one space-separated group at a time from the end: a pattern that
 * allows groups ("BE21 0012 3456 7803") can also take in the capitalised word after it.
 */
function parseShrinking(parse: (value: string) => string | null, text: string): { canonical: string; length: number } | null {
  let candidate = text;
  for (;;) {
    const canonical = parse(candidate);
    if (canonical !== null) return { canonical, length: candidate.length };
    const space = candidate.lastIndexOf(" ");
    if (space <= 0) return null;
    candidate = candidate.slice(0, space);
  }
}

/** Mentions in text order; where two overlap the longer one wins, and at equal length the earlier recogniser. */
export function findInText(text: string): Mention[] {
  const found: Mention[] = [];
  for (const recogniser of recognisers) {
    if (!recogniser.candidates) continue;
    for (const match of text.matchAll(recogniser.candidates)) {
      const parsed = parseShrinking(recogniser.parse, match[0]);
      if (parsed) found.push({ entity: recogniser.entity, start: match.index, end: match.index + parsed.length, canonical: parsed.canonical });
    }
  }
  // A stable sort keeps the recognisers' order among equals.
  found.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: Mention[] = [];
  for (const mention of found) {
    const last = kept.at(-1);
    if (last && mention.start < last.end) {
      if (mention.end - mention.start > last.end - last.start) kept[kept.length - 1] = mention;
      continue;
    }
    kept.push(mention);
  }
  return kept;
}

/** Whether a cell may hold an identifier among other words: long enough, and more than one word. */
export function looksLikeText(value: string): boolean {
  return value.length >= 12 && /\S\s+\S/.test(value);
}
