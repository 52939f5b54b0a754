// The child process that reads a decision file with DuckDB and sends back its confusion counts, or the first problem
// found in it. It runs on a throw-away in-memory database that may read only that file, so that a crafted or corrupt
// file can at worst crash this process, never the server.
import { AppError } from "../../../http/errors.ts";
import type { AuditSettings } from "../schema.ts";
import { countSql, firstRowSql, identifier, literal, numberSql, readerSql, SCORE, textSql, type Source } from "./counts-sql.ts";
import { openSession, type Row, type Session } from "./duckdb-session.ts";
import { auditError, isAuditErrorId } from "./errors.ts";
import { checkColumns } from "./input-check.ts";
import type { CountJob, CountRow, WorkerMessage } from "./worker-protocol.ts";

const PROGRESS_EVERY_MS = 250;
/** How many of a column's values an error message lists. */
const VALUES_LISTED = 5;
const NUMERIC_TYPE = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/;

function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => process.send!(message, () => resolve()));
}

async function openDatabase(job: CountJob): Promise<Session> {
  const session = await openSession({
    // A path like https://… or s3://… must not make DuckDB fetch an extension, nor the file anything.
    autoinstall_known_extensions: "false",
    autoload_known_extensions: "false",
    memory_limit: job.memoryLimit,
    temp_directory: job.tempDirectory,
  });
  await session.run(`SET allowed_paths = [${literal(job.file)}, ${literal(job.tempDirectory)}]; SET enable_external_access = false`);
  if (job.progress) await session.run("SET enable_progress_bar = true; SET enable_progress_bar_print = false; SET progress_bar_time = 0");
  return session;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!.slice(0, 300);
}

/** Finds the rows behind a failed check. Each call reads the file again: it runs only once a check has failed. */
interface Probe {
  source: Source;
  /** The first row where `condition` holds, with the value of `value` there. */
  locate(condition: string, value: string): Promise<{ line: number; value: string | null }>;
  query(select: string): Promise<Row[]>;
}

/**
 * Where a row is in the file as a person would count it: CSV lines include the header (and assume no line break
 * inside a quoted value); Parquet rows start at 1.
 */
function probe(session: Session, source: Source, settings: AuditSettings): Probe {
  return {
    source,
    locate: async (condition, value) => {
      const [row] = await session.rows(firstRowSql(source, settings, condition, value));
      if (!row) return { line: 0, value: null };
      return { line: Number(row.row) + (source.format === "csv" ? 1 : 0), value: (row.value as string | null) ?? null };
    },
    query: (select) => session.rows(`${select} FROM ${readerSql(source, settings)}`),
  };
}

/** A Parquet file's columns, after checking that the mapped ones exist and the numeric ones hold numbers. */
async function describeParquet(session: Session, job: CountJob): Promise<Source> {
  let described: Row[];
  try {
    described = await session.rows(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(${literal(job.file)}))`);
  } catch (error) {
    throw auditError("audit_unreadable_file", { reason: firstLine(error) });
  }
  const source: Source = { format: "parquet", file: job.file, columns: described.map((r) => String(r.column_name)) };
  checkColumns(source.columns, job.settings);
  for (const column of [job.settings.score, job.settings.weight]) {
    if (column === undefined) continue;
    const type = String(described.find((r) => r.column_name === column)?.column_type);
    if (NUMERIC_TYPE.test(type)) continue;
    const value = identifier(column);
    const at = await probe(session, source, job.settings).locate(`${value} IS NOT NULL AND TRY_CAST(${value} AS DOUBLE) IS NULL`, value);
    if (at.line) throw auditError("audit_not_numeric", { column, line: at.line, value: at.value ?? "" });
  }
  return source;
}

/** The first row whose value is neither the favourable one nor the first other one met in the file. */
async function notBinary(probe: Probe, column: string, favourable: string): Promise<AppError> {
  const value = textSql(column);
  const other = await probe.locate(`${value} <> ${literal(favourable)}`, value);
  const third = await probe.locate(`${value} NOT IN (${literal(favourable)}, ${literal(other.value ?? "")})`, value);
  return auditError("audit_not_binary", { column, line: third.line, values: [favourable, other.value, third.value].join(", ") });
}

/**
 * Why DuckDB could not read a CSV file: read it again, every column, on a fresh database (a failed query may have
 * invalidated the first), keeping the rejected lines; the first of them names the problem and its line.
 */
async function diagnoseCsv(job: CountJob, source: Source, original: unknown): Promise<AppError> {
  if (source.format !== "csv") return auditError("audit_unreadable_file", { reason: firstLine(original) });
  const session = await openDatabase({ ...job, progress: false });
  try {
    await session.run(`SELECT count(COLUMNS(*)) FROM ${readerSql(source, job.settings, { rejects: true })}`);
    const [reject] = await session.rows(
      "SELECT line, column_name, CAST(error_type AS VARCHAR) AS error_type, error_message FROM reject_errors ORDER BY line LIMIT 1",
    );
    if (!reject) return auditError("audit_unreadable_file", { reason: firstLine(original) });
    const line = Number(reject.line);
    const column = String(reject.column_name);
    switch (reject.error_type) {
      case "CAST": {
        // A decision or label read as integers (input-check.ts) that holds something else: a value too many.
        const binary = [job.settings.decision, job.settings.label].includes(column);
        if (binary) return await notBinary(probe(session, { ...source, integers: [] }, job.settings), column, favourableOf(job.settings, column));
        const value = /Could not convert string "(.*)" to/.exec(String(reject.error_message))?.[1] ?? "";
        return auditError("audit_not_numeric", { column, line, value });
      }
      case "MISSING COLUMNS":
      case "TOO MANY COLUMNS": {
        const found = /Found: (\d+)/.exec(String(reject.error_message))?.[1];
        return auditError("audit_ragged_row", { line, expected: source.columns.length, found: found ?? "?" });
      }
      case "INVALID ENCODING":
        return auditError("audit_not_utf8", { line });
      default:
        return auditError("audit_malformed_csv", { line });
    }
  } catch (error) {
    return auditError("audit_unreadable_file", { reason: firstLine(error) });
  } finally {
    session.close();
  }
}

const favourableOf = (settings: AuditSettings, column: string) =>
  (column === settings.label ? settings.label_favourable : settings.favourable) ?? "";

/** One cell of one group: the decision and the label as text, its rows, sum of weights and of squared weights. */
type Cell = Omit<CountRow, "selected" | "positive"> & { d: string | null; y: string | null };

/** What the checks need from the whole file. */
interface Totals {
  rows: number;
  decisions: Set<string | null>;
  labels: Set<string | null>;
  weights: { counted: number; min: number; sum: number; squares: number } | null;
}

const numeric = (row: Row, name: string) => (row[name] as number | null) ?? 0;

/** Rows of the counting query: one cell each of the finest intersection; summed, they give the totals. */
function readRows(rows: Row[], settings: AuditSettings): { cells: Cell[]; totals: Totals } {
  const weighted = settings.weight !== undefined;
  const cells = rows.map((row) => ({
    values: Array.from({ length: settings.protected.length }, (_, i) => (row[`a${i}`] as string | null) ?? null),
    d: (row.d as string | null) ?? null,
    y: (row.y as string | null) ?? null,
    n: numeric(row, "n"),
    w: weighted ? numeric(row, "w") : null,
    w2: weighted ? numeric(row, "w2") : null,
  }));
  const total = (name: string) => rows.reduce((sum, row) => sum + numeric(row, name), 0);
  return {
    cells,
    totals: {
      rows: total("n"),
      decisions: new Set(cells.map((cell) => cell.d)),
      labels: new Set(cells.map((cell) => cell.y)),
      weights: weighted
        ? {
            counted: total("w_n"),
            // A cell whose weights are all missing has no minimum: the count of weights has already said so.
            min: rows.reduce((min, row) => Math.min(min, (row.w_min as number | null) ?? Infinity), Infinity),
            sum: total("w"),
            squares: total("w2"),
          }
        : null,
    },
  };
}

/** The checks that need the whole file, read off its totals; the first that fails is located and thrown. */
async function checkTotals(probe: Probe, settings: AuditSettings, totals: Totals) {
  if (totals.rows === 0) throw auditError("audit_no_rows");
  if (settings.score !== undefined) await checkScore(probe, settings.score, settings.threshold!, totals.decisions);
  else await checkBinary(probe, settings.decision!, settings.favourable!, totals.decisions);
  if (settings.label !== undefined) await checkBinary(probe, settings.label, settings.label_favourable!, totals.labels);
  if (settings.weight !== undefined) await checkWeights(probe, settings.weight, totals.rows, totals.weights!);
}

/** A favourable value that never occurs is most likely a typing mistake: said first, with the values that do occur. */
async function checkBinary(probe: Probe, column: string, favourable: string, values: Set<string | null>) {
  const present = [...values].filter((v): v is string => v !== null).sort();
  if (!values.has(favourable)) {
    throw auditError("audit_favourable_absent", { column, value: favourable, values: present.slice(0, VALUES_LISTED).join(", ") });
  }
  if (present.length > 2) throw await notBinary(probe, column, favourable);
  const value = textSql(column);
  if (values.has(null)) throw auditError("audit_missing_value", { column, line: (await probe.locate(`${value} IS NULL`, value)).line });
}

async function checkScore(probe: Probe, column: string, threshold: number, codes: Set<string | null>) {
  const score = numberSql(probe.source, column);
  if (!codes.has(SCORE.reaches)) {
    const [row] = await probe.query(`SELECT max(${score}) AS highest`);
    throw auditError("audit_threshold_never_reached", { column, threshold, highest: String(row?.highest) });
  }
  if (codes.has(SCORE.notANumber)) {
    const at = await probe.locate(`isnan(${score})`, score);
    throw auditError("audit_not_numeric", { column, line: at.line, value: at.value ?? "" });
  }
  if (codes.has(null)) throw auditError("audit_missing_value", { column, line: (await probe.locate(`${score} IS NULL`, score)).line });
}

async function checkWeights(probe: Probe, column: string, rows: number, weights: NonNullable<Totals["weights"]>) {
  const weight = numberSql(probe.source, column);
  if (weights.counted < rows) throw auditError("audit_missing_value", { column, line: (await probe.locate(`${weight} IS NULL`, weight)).line });
  if (weights.min < 0) throw auditError("audit_negative_weight", { column, line: (await probe.locate(`${weight} < 0`, weight)).line });
  if (!Number.isFinite(weights.sum) || !Number.isFinite(weights.squares)) {
    const at = await probe.locate(`NOT isfinite(${weight})`, weight);
    throw auditError("audit_not_numeric", { column, line: at.line, value: at.value ?? "" });
  }
  if (weights.sum === 0) throw auditError("audit_zero_weight", { column });
}

async function count(job: CountJob): Promise<WorkerMessage> {
  const session = await openDatabase(job);
  try {
    const source: Source = job.layout.format === "csv" ? { file: job.file, ...job.layout } : await describeParquet(session, job);
    await send({ kind: "progress", phase: "counting", fraction: job.progress ? 0 : null });
    const started = performance.now();
    const progress = job.progress ? reportProgress(session) : undefined;
    let rows: Row[];
    try {
      rows = await session.rows(countSql(source, job.settings));
    } catch (error) {
      throw await diagnoseCsv(job, source, error);
    } finally {
      clearInterval(progress);
    }
    const { cells, totals } = readRows(rows, job.settings);
    const countSeconds = (performance.now() - started) / 1000;
    await checkTotals(probe(session, source, job.settings), job.settings, totals);
    const selected = job.settings.score === undefined ? job.settings.favourable : SCORE.reaches;
    return {
      kind: "done",
      rows: cells.map(
        ({ d, y, ...cell }): CountRow => ({
          ...cell,
          selected: d === selected,
          positive: job.settings.label === undefined ? null : y === job.settings.label_favourable,
        }),
      ),
      stats: { rows: totals.rows, countSeconds, peakRssBytes: process.resourceUsage().maxRSS * 1024 },
    };
  } finally {
    session.close();
  }
}

/**
 * DuckDB's progress of the counting query. Its estimate of the work counts the file's blocks twice, once more for the
 * aggregation that has only a few hundred groups to emit: the file has been read when it reports half.
 */
function reportProgress(session: Session): NodeJS.Timeout {
  return setInterval(() => {
    const fraction = session.progress();
    if (fraction !== null) void send({ kind: "progress", phase: "counting", fraction: Math.min(1, 2 * fraction) });
  }, PROGRESS_EVERY_MS);
}

async function main() {
  const job = new Promise<CountJob>((resolve) => process.once("message", (message) => resolve(message as CountJob)));
  await send({ kind: "ready" });
  let message: WorkerMessage;
  try {
    message = await count(await job);
  } catch (error) {
    if (!(error instanceof AppError) || !isAuditErrorId(error.id)) throw error;
    message = { kind: "failed", id: error.id, params: error.params };
  }
  await send(message);
  process.exit(0);
}

// The parent going away (a killed server) must not leave DuckDB running.
process.once("disconnect", () => process.exit(0));
await main();
