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
 * and a full scan checks the rest of the file for the recognisers still tried only (full-scan.ts). Free-text
 * search is never dropped, because a full scan is how rare mentions in remarks are found.
 */
export const PRUNE_AFTER = 10_000;

interface Count {
  valid: number;
  examples: Set<string>;
}

/** What a tally has counted. */
export interface TallyState {
  nonEmpty: number;
  counts: Map<EntityId, Count>;
  textCounts: Map<EntityId, Count>;
}

interface Found {
  entity: EntityId;
  canonical: string;
}

/** What one distinct value turned out to be: as a whole, and (once per entity) inside it as text. */
export interface Outcome {
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

/**
 * What a trimmed, non-empty value is as a whole among `candidates` (`known` more being already established), and
 * else, when `searchText` and it looks like prose, which identifiers it mentions.
 */
export function judge(text: string, candidates: readonly Recogniser[], known = 0, searchText = true): Outcome {
  const whole: Found[] = [];
  for (const recogniser of candidates) {
    const canonical = recogniser.parse(text);
    if (canonical !== null) whole.push({ entity: recogniser.entity, canonical });
  }
  const inText: Found[] = [];
  // A value that is an identifier as a whole ("BE21 0012 3456 7803") is not prose to search as well.
  if (searchText && known + whole.length === 0 && looksLikeText(text)) {
    for (const mention of findInText(text)) {
      if (!inText.some((found) => found.entity === mention.entity)) inText.push(mention);
    }
  }
  return { whole, inText };
}

/** Adds `cells` to an entity's count, and an example (masked) while there are fewer than three. */
function record(map: Map<EntityId, Count>, entity: EntityId, cells: number, canonical?: string) {
  let count = map.get(entity);
  if (!count) map.set(entity, (count = { valid: 0, examples: new Set() }));
  count.valid += cells;
  if (canonical !== undefined && count.examples.size < EXAMPLES) count.examples.add(maskExample(canonical));
}

/** Counts an outcome for `cells` cells holding the value. */
export function recordOutcome(state: TallyState, outcome: Outcome, cells: number): void {
  for (const found of outcome.whole) record(state.counts, found.entity, cells, found.canonical);
  for (const found of outcome.inText) record(state.textCounts, found.entity, cells, found.canonical);
}

/** Counts `cells` cells that are `entity` as a whole, and the canonical form of one of them as an example if given. */
export function recordWhole(state: TallyState, entity: EntityId, cells: number, canonical?: string): void {
  record(state.counts, entity, cells, canonical);
}

/** Counts `cells` cells that mention `entity` in their text, without an example. */
export function recordMention(state: TallyState, entity: EntityId, cells: number): void {
  record(state.textCounts, entity, cells);
}

/** Tallies one column's values as they stream by; `finding()` gives the verdict at any point. */
export class ColumnTally {
  readonly state: TallyState = { nonEmpty: 0, counts: new Map(), textCounts: new Map() };
  private readonly memo = new Map<string, Outcome>();
  private active: readonly Recogniser[] = recognisers;

  constructor(readonly name: string) {}

  /** The recognisers still tried on the column: all of them until PRUNE_AFTER non-empty values have been seen. */
  get tried(): readonly Recogniser[] {
    return this.active;
  }

  /** Whether the recognisers tried are settled: no value added from now on can drop one. */
  get settled(): boolean {
    return this.state.nonEmpty >= PRUNE_AFTER;
  }

  add(value: string | null | undefined): void {
    if (value === null || value === undefined) return;
    const text = value.trim();
    if (text === "") return;
    this.state.nonEmpty++;
    let outcome = this.memo.get(text);
    if (!outcome) {
      outcome = judge(text, this.active);
      if (this.memo.size < MEMO_LIMIT) this.memo.set(text, outcome);
    }
    recordOutcome(this.state, outcome, 1);
    if (this.state.nonEmpty === PRUNE_AFTER) {
      this.active = this.active.filter((r) => (this.state.counts.get(r.entity)?.valid ?? 0) > 0);
      // Remembered outcomes may name recognisers no longer tried.
      this.memo.clear();
    }
  }

  finding(): ColumnFinding {
    const { nonEmpty, counts, textCounts } = this.state;
    const header = headerEntities(this.name);
    const scored = recognisers.map((recogniser, order) => {
      const valid = counts.get(recogniser.entity)?.valid ?? 0;
      const share = nonEmpty ? valid / nonEmpty : 0;
      return { recogniser, order, share, confidence: combineConfidence(recogniser.evidence, share, header.get(recogniser.entity)) };
    });
    // The recognisers' order settles ties: ten bare digits are an enterprise number before they are a VAT number.
    scored.sort((a, b) => b.confidence - a.confidence || a.order - b.order);
    const best = scored[0]!;
    const inText = [...textCounts.entries()]
      .map(([entity, count]) => ({ entity, share: round(count.valid / nonEmpty), examples: [...count.examples] }))
      .sort((a, b) => b.share - a.share || a.entity.localeCompare(b.entity));
    if (best.confidence < REPORT_THRESHOLD) {
      return { name: this.name, entity: null, confidence: round(1 - best.confidence), valid_share: 0, examples: [], values: nonEmpty, in_text: inText };
    }
    return {
      name: this.name,
      entity: best.recogniser.entity,
      confidence: round(best.confidence),
      valid_share: round(best.share),
      examples: [...(counts.get(best.recogniser.entity)?.examples ?? [])],
      values: nonEmpty,
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
