// The audit engine's benchmark: a full audit (checks, counts of 3 protected attributes and all their intersections,
// metrics, suppression) of synthetic CSV files against the floor `SELECT count(*) FROM read_csv(file)` on the same
// file in the same run, with the peak memory of the DuckDB child process. Run by bench/run.ts (`--only audit`).
//
// Settings (environment): BENCH_AUDIT_ROWS comma-separated row counts (1000000,10000000); BENCH_AUDIT_RUNS
// measured runs per file, the median is reported (3). Targets (issue 5): within 1.5× of the floor, peak RSS < 1 GiB.
import fs from "node:fs";
import path from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { runAudit } from "../src/domains/audits/engine/run-audit.ts";

const TARGET_RATIO = 1.5;
const TARGET_FROM_ROWS = 10_000_000;
const TARGET_RSS_BYTES = 1024 ** 3;

export interface AuditBenchRow {
  rows: number;
  fileBytes: number;
  floorSeconds: number;
  auditSeconds: number;
  /** The counting query alone, inside the child: the audit minus process start-up, checks and metrics. */
  countSeconds: number;
  ratio: number;
  rowsPerSecond: number;
  peakRssBytes: number;
}

function rowCounts(): number[] {
  const raw = process.env.BENCH_AUDIT_ROWS ?? "1000000,10000000";
  const counts = raw.split(",").map((s) => Number(s.trim()));
  if (counts.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(`BENCH_AUDIT_ROWS must list positive integers (got ${raw})`);
  return counts;
}

function runCount(): number {
  const runs = Number(process.env.BENCH_AUDIT_RUNS ?? 3);
  if (!Number.isInteger(runs) || runs <= 0) throw new Error(`BENCH_AUDIT_RUNS must be a positive integer (got ${process.env.BENCH_AUDIT_RUNS})`);
  return runs;
}

/**
 * Decisions shaped like ../shared/fixtures/audit: skewed group sizes (a rare third sex, a small nationality), a score
 * shifted down for some groups, the decision a threshold on it, a label that depends mildly on age. Written by
 * DuckDB from range(), so that 10 M rows take seconds.
 */
async function generate(connection: DuckDBConnection, file: string, rows: number) {
  await connection.run(`COPY (
    WITH base AS (
      SELECT i AS id,
        CASE WHEN random() < 0.02 THEN 'X' WHEN random() < 0.5 THEN 'F' ELSE 'M' END AS sex,
        ['18-24','25-34','35-44','45-54','55-64','65+'][1 + floor(random() * 6)::INT] AS age_band,
        CASE WHEN random() < 0.47 THEN 'LU' WHEN random() < 0.45 THEN 'other' ELSE ['PT','FR','BE','DE'][1 + floor(random() * 4)::INT] END AS nationality,
        ['Luxembourg','Esch-sur-Alzette','Capellen','Diekirch','Mersch','Grevenmacher'][1 + floor(random() * 6)::INT] AS region,
        random() AS noise
      FROM range(${rows}) t(i)
    )
    SELECT id, sex, age_band, nationality, region,
      round(least(1, greatest(0, noise - (sex = 'F')::INT * 0.05 - (nationality IN ('PT', 'other'))::INT * 0.08)), 6) AS score,
      (score >= 0.5)::INT AS decision,
      (random() < 0.4 + (age_band IN ('35-44', '45-54'))::INT * 0.1)::INT AS label
    FROM base
  ) TO '${file.replaceAll("'", "''")}' (HEADER)`);
}

async function floor(connection: DuckDBConnection, file: string): Promise<number> {
  const started = performance.now();
  await connection.run(`SELECT count(*) FROM read_csv('${file.replaceAll("'", "''")}')`);
  return (performance.now() - started) / 1000;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Runs the audit benchmark, printing as it goes; `tempDir` makes a folder that the caller removes. */
export async function runAuditBench(tempDir: (prefix: string) => string): Promise<{ rows: AuditBenchRow[]; problems: string[] }> {
  const counts = rowCounts();
  const runs = runCount();
  const dir = tempDir("gaichel-bench-audit-");
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const results: AuditBenchRow[] = [];
  const problems: string[] = [];
  try {
    for (const rows of counts) {
      const file = path.join(dir, `decisions-${rows}.csv`);
      process.stdout.write(`\n[audit] generating ${rows.toLocaleString("en")} rows… `);
      const generated = performance.now();
      await generate(connection, file, rows);
      const fileBytes = fs.statSync(file).size;
      console.log(`${(fileBytes / 1024 ** 2).toFixed(0)} MiB in ${((performance.now() - generated) / 1000).toFixed(1)} s`);
      // A first floor run warms the page cache, so that neither side pays for reading the disk.
      await floor(connection, file);
      const floors: number[] = [];
      const audits: Array<{ seconds: number; countSeconds: number; peakRssBytes: number }> = [];
      // Alternated, so that a neighbour's load on the machine falls on both sides alike.
      for (let run = 0; run < runs; run++) {
        floors.push(await floor(connection, file));
        const { stats } = await runAudit(file, {
          decision: "decision",
          favourable: "1",
          label: "label",
          label_favourable: "1",
          protected: ["sex", "nationality", "age_band"],
        });
        audits.push(stats);
        console.log(
          `[audit] ${rows.toLocaleString("en")} rows, run ${run + 1}/${runs}: floor ${floors.at(-1)!.toFixed(2)} s, ` +
            `audit ${stats.seconds.toFixed(2)} s (counting ${stats.countSeconds.toFixed(2)} s)`,
        );
      }
      const floorSeconds = median(floors);
      const auditSeconds = median(audits.map((a) => a.seconds));
      const row: AuditBenchRow = {
        rows,
        fileBytes,
        floorSeconds,
        auditSeconds,
        countSeconds: median(audits.map((a) => a.countSeconds)),
        ratio: auditSeconds / floorSeconds,
        rowsPerSecond: rows / auditSeconds,
        peakRssBytes: Math.max(...audits.map((a) => a.peakRssBytes)),
      };
      results.push(row);
      fs.rmSync(file, { force: true });
      // The targets are for 10 M rows and more: on smaller files the child's start-up and the metrics (~0.15 s) weigh on the ratio.
      if (rows >= TARGET_FROM_ROWS && row.ratio > TARGET_RATIO) {
        problems.push(`${rows} rows: the audit took ${row.ratio.toFixed(2)}× the floor (target ${TARGET_RATIO}×)`);
      }
      if (row.peakRssBytes > TARGET_RSS_BYTES) problems.push(`${rows} rows: peak RSS ${(row.peakRssBytes / 1024 ** 2).toFixed(0)} MiB (target < 1 GiB)`);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  printTable(results, runs);
  return { rows: results, problems };
}

function printTable(rows: AuditBenchRow[], runs: number) {
  const header = ["rows", "MiB", "floor s", "audit s", "count s", "rows/s", "÷ floor", "peak RSS MiB"];
  const lines = rows.map((r) => [
    r.rows.toLocaleString("en"),
    (r.fileBytes / 1024 ** 2).toFixed(0),
    r.floorSeconds.toFixed(2),
    r.auditSeconds.toFixed(2),
    r.countSeconds.toFixed(2),
    Math.round(r.rowsPerSecond).toLocaleString("en"),
    r.ratio.toFixed(2),
    (r.peakRssBytes / 1024 ** 2).toFixed(0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join("  ");
  console.log(`\naudit engine: median of ${runs} runs; floor = SELECT count(*) FROM read_csv(file), same run`);
  console.log(format(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const line of lines) console.log(format(line));
}
