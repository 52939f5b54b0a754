// Column classification: header words and the share of values that validate, combined into one finding per column.
import { headerEntities } from "./keywords.ts";
import { maskExample } from "./mask-display.ts";
import { recognisers, type Evidence, type Recogniser } from "./recognisers/index.ts";
import type { ColumnFinding, EntityId } from "./schema.ts";
import { findInText, looksLikeText } from "./text.ts";

/** What a fully valid column proves without a header: a check digit almost everything, a bare shape little. */
const EVIDENCE_WEIGHT: Record<Evidence, number> = { checksum: 0.97, syntax: 0.85, shape: 0.4 };
/** A header alone: a specific term is worth reporting, a generic word is not without values behind it. */
const HEADER_ALONE = { stem: 0.5, word: 0.3 } as const;
/** A header backed by at least this share of valid values counts in full. */
const HEADER_BACKED_SHARE = 0.5;
const HEADER_FULL = 0.95;
/** Below this a column is reported as holding no identifier. */
const REPORT_THRESHOLD = 0.5;
const EXAMPLES = 3;
/**
 * After this many non-empty values, the recognisers that matched none of them stop being tried on the column:
 * a column whose first ten thousand values hold no national number will hardly be a national-number column,
 * and dropping them made a full scan 2.5 times faster. Free-text search is never dropped, because a full scan
 * is how rare mentions in remarks are found.
 */
const PRUNE_AFTER = 10_000;

interface Count {
  valid: number;
  examples: Set<string>;
}

interface Found {
  entity: EntityId;
  canonical: string;
}

/** What one distinct value turned out to be: as a whole, and (once per entity) inside it as text. */
interface Outcome {
  whole: Found[];
  inText: Found[];
}

/**
 * Distinct values remembered per column, so that repeated values (sexes, postcodes, stock phrases) are checked
 * once; the first ones seen, which in a low-cardinality column are all of them. Small enough that a hundred
 * columns of them stay well inside the memory bound.
 */
const MEMO_LIMIT = 4096;

/**
 * Confidence that a column holds `entity`: the values' evidence and the header's, combined as independent
 * signals (1 − (1 − v)(1 − h)). The header's part grows from its "alone" weight to 0.95 as the valid share
 * reaches one half, so that a header over values that do not validate stays a hint.
 */
export function combineConfidence(evidence: Evidence, share: number, header: "stem" | "word" | undefined): number {
  const values = share * EVIDENCE_WEIGHT[evidence];
  if (!header) return values;
  const alone = HEADER_ALONE[header];
  const headerPart = alone + (HEADER_FULL - alone) * Math.min(1, share / HEADER_BACKED_SHARE);
  return 1 - (1 - values) * (1 - headerPart);
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Tallies one column's values as they stream by; `finding()` gives the verdict at any point. */
export class ColumnTally {
  private nonEmpty = 0;
  private readonly counts = new Map<EntityId, Count>();
  private readonly textCounts = new Map<EntityId, Count>();
  private readonly memo = new Map<string, Outcome>();
  private active: readonly Recogniser[] = recognisers;

  constructor(readonly name: string) {}

  add(value: string | null | undefined): void {
    if (value === null || value === undefined) return;
    const text = value.trim();
    if (text === "") return;
    this.nonEmpty++;
    let outcome = this.memo.get(text);
    if (!outcome) {
      outcome = this.evaluate(text);
      if (this.memo.size < MEMO_LIMIT) this.memo.set(text, outcome);
    }
    for (const found of outcome.whole) this.record(this.counts, found);
    for (const found of outcome.inText) this.record(this.textCounts, found);
    if (this.nonEmpty === PRUNE_AFTER) {
      this.active = this.active.filter((r) => this.counts.has(r.entity));
      // Remembered outcomes may name recognisers no longer tried.
      this.memo.clear();
    }
  }

  private evaluate(text: string): Outcome {
    const whole: Found[] = [];
    for (const recogniser of this.active) {
      const canonical = recogniser.parse(text);
      if (canonical !== null) whole.push({ entity: recogniser.entity, canonical });
    }
    const inText: Found[] = [];
    // A value that is an identifier as a whole ("BE21 0012 3456 7803") is not prose to search as well.
    if (whole.length === 0 && looksLikeText(text)) {
      for (const mention of findInText(text)) {
        if (!inText.some((found) => found.entity === mention.entity)) inText.push(mention);
      }
    }
    return { whole, inText };
  }

  private record(map: Map<EntityId, Count>, found: Found) {
    let count = map.get(found.entity);
    if (!count) map.set(found.entity, (count = { valid: 0, examples: new Set() }));
    count.valid++;
    if (count.examples.size < EXAMPLES) count.examples.add(maskExample(found.canonical));
  }

  finding(): ColumnFinding {
    const header = headerEntities(this.name);
    const scored = recognisers.map((recogniser, order) => {
      const valid = this.counts.get(recogniser.entity)?.valid ?? 0;
      const share = this.nonEmpty ? valid / this.nonEmpty : 0;
      return { recogniser, order, share, confidence: combineConfidence(recogniser.evidence, share, header.get(recogniser.entity)) };
    });
    // The recognisers' order settles ties: ten bare digits are an enterprise number before they are a VAT number.
    scored.sort((a, b) => b.confidence - a.confidence || a.order - b.order);
    const best = scored[0]!;
    const inText = [...this.textCounts.entries()]
      .map(([entity, count]) => ({ entity, share: round(count.valid / this.nonEmpty), examples: [...count.examples] }))
      .sort((a, b) => b.share - a.share || a.entity.localeCompare(b.entity));
    if (best.confidence < REPORT_THRESHOLD) {
      return { name: this.name, entity: null, confidence: round(1 - best.confidence), valid_share: 0, examples: [], values: this.nonEmpty, in_text: inText };
    }
    return {
      name: this.name,
      entity: best.recogniser.entity,
      confidence: round(best.confidence),
      valid_share: round(best.share),
      examples: [...(this.counts.get(best.recogniser.entity)?.examples ?? [])],
      values: this.nonEmpty,
      in_text: inText,
    };
  }
}

/** Classifies a column from a list of its values (a sample already in memory). */
export function classifyColumn(name: string, values: Iterable<string | null>): ColumnFinding {
  const tally = new ColumnTally(name);
  for (const value of values) tally.add(value);
  return tally.finding();
}
