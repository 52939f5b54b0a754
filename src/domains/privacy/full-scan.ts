// The full scan. The first rows go through the same JavaScript as a sample, until every column has settled which
// recognisers it still tries (PRUNE_AFTER, classify.ts). The rest of the file goes through DuckDB in one streaming
// pass, where the SQL form of those recognisers judges every value (recognisers/sql.ts); JavaScript counts SQL's
// verdicts and parses only the values SQL leaves open (e-mail syntax, numbering plans, IBAN formats, free text),
// while DuckDB reads on. The counts are the ones the JavaScript alone gives.
import { ColumnTally, PRUNE_AFTER, judge, recordMention, recordOutcome, recordWhole, type Outcome } from "./classify.ts";
import { recognisers, type Recogniser } from "./recognisers/index.ts";
import type { SqlValue } from "./recognisers/recogniser.ts";
import { RE2_NOT_SPACE, RE2_SPACE, fieldsRead, sqlString, sqlValueSteps } from "./recognisers/sql.ts";
import type { ColumnFinding } from "./schema.ts";
import { UNIT_SEPARATOR, readingFile, sqlIdentifier, tallyRows, type Tabular } from "./tabular.ts";

/** Rows read in JavaScript at most; a column not settled by then is checked with every recogniser in the rest. */
const HEAD_ROWS = 2 * PRUNE_AFTER;
const EXAMPLES = 3;

/**
 * A cell's verdict as one integer: bit i when recogniser i is true for it (SQL), FILLED when it is not empty once
 * trimmed, bit MAYBE + i when SQL leaves recogniser i to `parse`, and TEXT when `findInText` may find something.
 */
const RECOGNISER_BITS = (1 << recognisers.length) - 1;
const FILLED = 1 << recognisers.length;
const MAYBE = recognisers.length + 1;
const TEXT = 1 << (MAYBE + recognisers.length);
const OPEN = TEXT | (RECOGNISER_BITS << MAYBE);

/**
 * Distinct open values remembered per column with what `parse` made of them, so that one repeated (the same e-mail
 * address in many rows) is parsed once: the first ones seen. A column whose values hardly repeat (phone numbers,
 * IBANs) gives the memory back once the limit is reached.
 */
const MEMO_LIMIT = 1 << 17;
const MEMO_WORTH = 0.1;

/**
 * What free text must hold for `findInText` to find anything: one of the recognisers' candidate patterns, without
 * their look-behinds (which RE2 lacks), so that it matches wherever the JavaScript pattern does, and some more.
 */
const TEXT_CANDIDATES = recognisers
  .filter((r) => r.candidates)
  .map(({ candidates }) => {
    const source = candidates!.source.replace(/\(\?<![^)]*\)/g, "");
    return candidates!.flags.includes("i") ? `(?i:${source})` : source;
  })
  .join("|");

/**
 * Whether `findInText` may find something in the value: it looks like text (12 UTF-16 units take at least 12 bytes of
 * UTF-8; white space between two other characters), and holds a candidate, each of which has two digits in a row or
 * an "@".
 */
const textSql = (raw: string) => `CASE WHEN strlen(${raw}) < 12 THEN FALSE
  WHEN NOT regexp_matches(${raw}, '[0-9][0-9]|@') THEN FALSE
  WHEN NOT regexp_matches(${raw}, ${sqlString(`${RE2_NOT_SPACE}${RE2_SPACE}+${RE2_NOT_SPACE}`)}) THEN FALSE
  ELSE regexp_matches(${raw}, ${sqlString(TEXT_CANDIDATES)}) END`;

/** Whether the value is not empty once trimmed: a printable ASCII character first settles most. */
const filledSql = (raw: string) =>
  `CASE WHEN ${raw} >= '!' AND ${raw} < chr(127) THEN TRUE WHEN ${raw} = '' THEN FALSE ELSE regexp_matches(${raw}, ${sqlString(RE2_NOT_SPACE)}) END`;

/** Column c of the file as an SqlValue: `c<c>` and its fields, under names of our own whatever the file's columns are called. */
const valueOf = (c: number): SqlValue => ({
  raw: `c${c}`,
  length: `c${c}_length`,
  ascii: `c${c}_ascii`,
  digits: `c${c}_digits`,
  compact: `c${c}_compact`,
  number: `c${c}_number`,
  upperKept: `c${c}_upperKept`,
});

/**
 * The rows after the file's first `offset`, with each cell as `c<i>` ('' for NULL) and the fields of SqlValue that
 * the recognisers `tried[i]` on column i read: a WITH clause, and the name of the CTE it ends in.
 */
function rowsSql(tabular: Tabular, offset: number, tried: Recogniser[][]): { withSql: string; rows: string } {
  // As in tallyRows, which reads the first rows, a unit separator inside a cell is a space.
  const cells = tabular.columns.map((name, c) => `coalesce(replace(${sqlIdentifier(name)}, chr(31), ' '), '') AS c${c}`).join(", ");
  const steps = sqlValueSteps(
    tabular.columns.map((_, c) => valueOf(c)),
    tried.map((list) => list.flatMap((recogniser) => [...fieldsRead(recogniser.sql)])),
  );
  return { withSql: `WITH step0 AS (SELECT ${cells} FROM (SELECT * FROM ${tabular.source} OFFSET ${offset}))${steps.ctes}`, rows: steps.last };
}

/**
 * Each cell's verdict (`m<i>`), and the values SQL leaves something open in, joined by unit separators (one string
 * per row crosses to JavaScript much faster than one per cell).
 */
function verdictsSql(tabular: Tabular, offset: number, tried: Recogniser[][]): string {
  const { withSql, rows } = rowsSql(tabular, offset, tried);
  const masks = tried.map((list, c) => {
    const bits = list.flatMap((recogniser) => {
      const i = recognisers.indexOf(recogniser);
      const sql = recogniser.sql(valueOf(c));
      const sure = `CASE WHEN ${sql} THEN ${1 << i} ELSE 0 END`;
      return recogniser.settledInSql ? [sure] : [sure, `CASE WHEN (${sql}) IS NULL THEN ${1 << (MAYBE + i)} ELSE 0 END`];
    });
    return `CASE WHEN ${filledSql(`c${c}`)} THEN ${[FILLED, ...bits, `CASE WHEN ${textSql(`c${c}`)} THEN ${TEXT} ELSE 0 END`].join(" + ")} ELSE 0 END`;
  });
  return `${withSql}, judged AS (SELECT *, ${masks.map((mask, c) => `${mask} AS m${c}`).join(", ")} FROM ${rows})
    SELECT ${masks.map((_, c) => `m${c}`).join(", ")}, concat_ws(chr(31), ${masks.map((_, c) => `CASE WHEN m${c} & ${OPEN} <> 0 THEN c${c} END`).join(", ")}) FROM judged`;
}

const bitOf = new Map(recognisers.map((recogniser, i) => [recogniser.entity, 1 << i]));
/** An outcome as bits: the recognisers true as a whole, and those mentioned in text MAYBE bits higher. */
const bitsOf = (outcome: Outcome) =>
  outcome.whole.reduce((bits, found) => bits | bitOf.get(found.entity)!, 0) | outcome.inText.reduce((bits, found) => bits | (bitOf.get(found.entity)! << MAYBE), 0);

const byMask = new Map<number, Recogniser[]>();
function recognisersOf(mask: number): Recogniser[] {
  let found = byMask.get(mask);
  if (!found) byMask.set(mask, (found = recognisers.filter((_, i) => mask & (1 << i))));
  return found;
}

/** One column's part of the pass: how many cells had each verdict, and what `parse` made of the open values. */
class ColumnPass {
  readonly verdicts = new Map<number, number>();
  private memo: Map<string, number> | undefined = new Map();
  private lookups = 0;
  private hits = 0;

  constructor(private readonly tally: ColumnTally) {}

  /** Counts `cells` cells of one verdict. */
  count(verdict: number, cells: number): void {
    this.verdicts.set(verdict, (this.verdicts.get(verdict) ?? 0) + cells);
  }

  /** Judges an open value: `parse` of the recognisers SQL left open, `findInText` if TEXT and none is true. */
  open(value: string, verdict: number): void {
    const { state } = this.tally;
    const remembered = this.memo?.get(value);
    this.lookups++;
    if (remembered !== undefined) {
      this.hits++;
      // Seen before: its canonical forms were offered as examples then.
      for (const recogniser of recognisersOf(remembered & RECOGNISER_BITS)) recordWhole(state, recogniser.entity, 1);
      for (const recogniser of recognisersOf(remembered >> MAYBE)) recordMention(state, recogniser.entity, 1);
      return;
    }
    const open = (verdict >> MAYBE) & RECOGNISER_BITS;
    const outcome = judge(value.trim(), recognisersOf(open), recognisersOf(verdict & RECOGNISER_BITS).length, (verdict & TEXT) !== 0);
    recordOutcome(state, outcome, 1);
    if (this.memo && this.memo.size < MEMO_LIMIT) this.memo.set(value, bitsOf(outcome));
    else if (this.memo && this.hits < this.lookups * MEMO_WORTH) this.memo = undefined;
  }

  /** Adds SQL's verdicts to the tally; returns the recognisers SQL found true at least once. */
  close(): Recogniser[] {
    const found = new Set<Recogniser>();
    for (const [verdict, cells] of this.verdicts) {
      if (verdict & FILLED) this.tally.state.nonEmpty += cells;
      for (const recogniser of recognisersOf(verdict & RECOGNISER_BITS)) {
        recordWhole(this.tally.state, recogniser.entity, cells);
        found.add(recogniser);
      }
    }
    return [...found];
  }
}

/** Streams SQL's verdicts on the rows after the first `offset`, counting them and parsing the open values as they come. */
async function pass(tabular: Tabular, offset: number, tallies: ColumnTally[], onProgress: (fraction: number) => void) {
  const columns = tallies.map((tally) => new ColumnPass(tally));
  const result = await tabular.connection.stream(verdictsSql(tabular, offset, tallies.map((t) => [...t.tried])));
  let rows = 0;
  let pending = result.fetchChunk();
  for (;;) {
    const chunk = await pending;
    const size = chunk?.rowCount ?? 0;
    if (size === 0) break;
    // DuckDB reads on while JavaScript parses.
    pending = result.fetchChunk();
    const verdicts = columns.map((_, c) => chunk!.getColumnValues(c) as number[]);
    columns.forEach((column, c) => {
      // Verdicts come in runs (a column of national numbers is one verdict): counted run by run.
      const list = verdicts[c]!;
      let run = 0;
      for (let row = 1; row <= size; row++) {
        if (row < size && list[row] === list[run]) continue;
        column.count(list[run]!, row - run);
        run = row;
      }
    });
    const open = chunk!.getColumnValues(columns.length) as string[];
    for (let row = 0; row < size; row++) {
      if (open[row] === "") continue;
      const values = open[row]!.split(UNIT_SEPARATOR);
      let next = 0;
      for (let c = 0; c < columns.length; c++) {
        const verdict = verdicts[c]![row]!;
        if (verdict & OPEN) columns[c]!.open(values[next++]!, verdict);
      }
    }
    rows += size;
    onProgress(tabular.connection.progress.percentage / 100);
  }
  return { rows, found: columns.map((column) => column.close()) };
}

/**
 * Examples of what SQL found true (`found[c]`: the recognisers that did in column c), for those with fewer than three:
 * the first such values, parsed into their canonical form; stops once all have three.
 */
async function addExamples(tabular: Tabular, offset: number, tallies: ColumnTally[], found: Recogniser[][]) {
  const lacking = (c: number, recogniser: Recogniser) => (tallies[c]!.state.counts.get(recogniser.entity)?.examples.size ?? 0) < EXAMPLES;
  const wanted = found.map((list, c) => list.filter((recogniser) => lacking(c, recogniser)));
  const pairs = wanted.flatMap((list, c) => list.map((recogniser) => ({ recogniser, column: c, sql: recogniser.sql(valueOf(c)) })));
  if (pairs.length === 0) return;
  const { withSql, rows } = rowsSql(tabular, offset, wanted);
  const values = pairs.map(({ sql, column }) => `CASE WHEN ${sql} THEN c${column} END`);
  const result = await tabular.connection.stream(`${withSql} SELECT ${values.join(", ")} FROM ${rows} WHERE ${pairs.map(({ sql }) => `(${sql})`).join(" OR ")}`);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) return;
    pairs.forEach(({ recogniser, column }, k) => {
      for (const value of chunk.getColumnValues(k) as Array<string | null>) {
        if (value === null || !lacking(column, recogniser)) continue;
        // `parse` has the last word on the example, as on everything JavaScript counts.
        const canonical = recogniser.parse(value.trim());
        if (canonical !== null) recordWhole(tallies[column]!.state, recogniser.entity, 0, canonical);
      }
    });
    if (pairs.every(({ recogniser, column }) => !lacking(column, recogniser))) return;
  }
}

/** Scans every row of the file (see the top of this file). */
export async function scanAll(file: string, tabular: Tabular, onProgress?: (fraction: number) => void): Promise<{ columns: ColumnFinding[]; rows: number }> {
  let shown = 0;
  // DuckDB's progress through the file, in each of the two readings; never backwards.
  const progress = (fraction: number) => {
    if (fraction > shown) onProgress?.((shown = Math.min(1, fraction)));
  };
  const tallies = tabular.columns.map((name) => new ColumnTally(name));
  const head = await readingFile(file, () =>
    tallyRows(tabular, `SELECT * FROM ${tabular.source}`, tallies, {
      onProgress: progress,
      enough: (rows) => rows >= HEAD_ROWS || tallies.every((t) => t.settled),
    }),
  );
  let rows = head.rows;
  if (!head.ended) {
    const rest = await readingFile(file, () => pass(tabular, head.rows, tallies, progress));
    await readingFile(file, () => addExamples(tabular, head.rows, tallies, rest.found));
    rows += rest.rows;
  }
  progress(1);
  return { columns: tallies.map((t) => t.finding()), rows };
}
