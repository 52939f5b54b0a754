// The privacy benchmark: scan and pseudonymisation of a synthetic CSV against a bare read of the same file, same run.
//
//   npm exec -- tsx bench/privacy.ts [--mb 200]     on its own (BENCH_PRIVACY_MB sets the size too)
//   npm run bench                                   as part of the whole benchmark (bench/run.ts)
//
// Each step runs in a child process of its own, so that its peak RSS is its own: the acceptance bound is 512 MiB
// for the full scan and the pseudonymisation, whatever the file size. The file is written to a temporary folder
// and deleted after.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { DuckDBInstance } from "@duckdb/node-api";
import { parseConfig, pseudonymiseFile } from "../src/domains/privacy/pseudonymise.ts";
import { scanFile } from "../src/domains/privacy/scan.ts";
import { SecretKey } from "../src/domains/privacy/keys.ts";
import { writeSyntheticCsv } from "./privacy-data.ts";

const RSS_BOUND_MIB = 512;
const BOUNDED_STEPS = new Set(["scan (every row)", "pseudonymise"]);
const EXPECTED_ENTITIES: Record<string, string | null> = {
  rijksregisternummer: "be_national_number",
  matricule: "lu_national_id",
  courriel: "email",
  gsm: "phone",
  iban: "iban",
  code_postal: "postcode",
  date_naissance: null,
  age: null,
};

/** A typical protection: identifiers keyed or encrypted, contacts suppressed or masked, quasi-identifiers coarsened. */
const CONFIG = {
  domain: "bench",
  columns: [
    { name: "rijksregisternummer", operator: "hmac", entity: "be_national_number" },
    { name: "matricule", operator: "aes_siv" },
    { name: "courriel", operator: "suppress" },
    { name: "gsm", operator: "mask", keepLast: 2 },
    { name: "iban", operator: "hmac" },
    { name: "code_postal", operator: "generalise", to: "region" },
    { name: "date_naissance", operator: "generalise", to: "year" },
    { name: "age", operator: "generalise", to: "age_band" },
  ],
};

const READ_FLOOR = "floor: read the file";
const DUCKDB_FLOOR = "floor: DuckDB count(*)";

const STEPS: Record<string, (file: string, scratch: string) => Promise<unknown>> = {
  [READ_FLOOR]: async (file) => {
    for await (const _chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 }));
  },
  [DUCKDB_FLOOR]: async (file) => {
    const instance = await DuckDBInstance.create(":memory:", { memory_limit: "256MB" });
    const connection = await instance.connect();
    await connection.runAndReadAll(`SELECT count(*) FROM read_csv('${file}', header = true, all_varchar = true)`);
    connection.closeSync();
    instance.closeSync();
  },
  "scan (10 000-row sample)": (file) => scanFile(file).then((r) => r.columns.map((c) => [c.name, c.entity])),
  "scan (every row)": (file) => scanFile(file, { rows: "all" }).then((r) => r.columns.map((c) => [c.name, c.entity])),
  pseudonymise: (file, scratch) => pseudonymiseFile(file, path.join(scratch, "protected.csv"), parseConfig(CONFIG), { key: new SecretKey(Buffer.alloc(32, 1)) }),
};

export interface PrivacyBenchRow {
  step: string;
  seconds: number;
  mbPerSecond: number;
  /** MB/s of this step ÷ MB/s of reading the file, same run. */
  ratio: number;
  /** MB/s of this step ÷ MB/s of DuckDB counting the rows of the file, same run: the floor of any step that parses it. */
  ratioDuckDb: number;
  peakRssMiB: number;
}

interface StepResult {
  ms: number;
  peakRssMiB: number;
  result: unknown;
}

/** In a child process: runs one step and prints its time, peak RSS and result as one JSON line. */
async function runStepHere(step: string, file: string, scratch: string) {
  const started = performance.now();
  const result = await STEPS[step]!(file, scratch);
  const ms = performance.now() - started;
  process.stdout.write(`${JSON.stringify({ ms, peakRssMiB: process.resourceUsage().maxRSS / 1024, result })}\n`);
}

const exec = promisify(execFile);
const self = fileURLToPath(import.meta.url);

async function runStep(step: string, file: string, scratch: string): Promise<StepResult> {
  const { stdout } = await exec(process.execPath, ["--import", "tsx", self, "--step", step, file, scratch], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as StepResult;
}

export async function runPrivacyBench(tempDir: (prefix: string) => string, megabytes: number): Promise<{ rows: PrivacyBenchRow[]; problems: string[] }> {
  const scratch = tempDir("gaichel-bench-privacy-");
  const file = path.join(scratch, "people.csv");
  process.stdout.write(`\n[privacy] writing a synthetic CSV of ${megabytes} MB… `);
  const records = await writeSyntheticCsv(file, megabytes * 1e6);
  const bytes = fs.statSync(file).size;
  console.log(`${records.toLocaleString("en")} rows, ${(bytes / 1e6).toFixed(0)} MB`);
  const measured: Array<Omit<PrivacyBenchRow, "ratio" | "ratioDuckDb">> = [];
  const problems: string[] = [];
  for (const step of Object.keys(STEPS)) {
    process.stdout.write(`[privacy] ${step.padEnd(26)} `);
    const { ms, peakRssMiB, result } = await runStep(step, file, scratch);
    const mbPerSecond = bytes / 1e6 / (ms / 1000);
    measured.push({ step, seconds: ms / 1000, mbPerSecond, peakRssMiB });
    console.log(`${(ms / 1000).toFixed(1)} s, ${mbPerSecond.toFixed(1)} MB/s, peak RSS ${peakRssMiB.toFixed(0)} MiB`);
    if (BOUNDED_STEPS.has(step) && peakRssMiB >= RSS_BOUND_MIB) problems.push(`${step}: peak RSS ${peakRssMiB.toFixed(0)} MiB, over ${RSS_BOUND_MIB} MiB`);
    if (step.startsWith("scan")) {
      const found = Object.fromEntries(result as Array<[string, string | null]>);
      for (const [column, entity] of Object.entries(EXPECTED_ENTITIES)) {
        if (found[column] !== entity) problems.push(`${step}: column ${column} classified ${found[column]}, expected ${entity}`);
      }
    }
  }
  const floor = (name: string) => measured.find((row) => row.step === name)!.mbPerSecond;
  const rows = measured.map((row) => ({ ...row, ratio: row.mbPerSecond / floor(READ_FLOOR), ratioDuckDb: row.mbPerSecond / floor(DUCKDB_FLOOR) }));
  printTable(rows, bytes);
  return { rows, problems };
}

function printTable(rows: PrivacyBenchRow[], bytes: number) {
  const header = ["step", "s", "MB/s", "÷ read", "÷ DuckDB", "peak RSS MiB"];
  const lines = rows.map((r) => [r.step, r.seconds.toFixed(1), r.mbPerSecond.toFixed(1), r.ratio.toFixed(3), r.ratioDuckDb.toFixed(3), r.peakRssMiB.toFixed(0)]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(`\nprivacy: ${(bytes / 1e6).toFixed(0)} MB CSV, ${os.cpus().length} CPUs`);
  console.log(format(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const line of lines) console.log(format(line));
}

/** The size asked for: --mb N, else BENCH_PRIVACY_MB, else 200. */
export function benchMegabytes(argv = process.argv, env = process.env): number {
  const at = argv.indexOf("--mb");
  const raw = at === -1 ? env.BENCH_PRIVACY_MB : argv[at + 1];
  const value = raw === undefined || raw === "" ? 200 : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`the size in MB must be a positive number (got ${JSON.stringify(raw)})`);
  return value;
}

if (process.argv[1] === self) {
  const stepAt = process.argv.indexOf("--step");
  if (stepAt !== -1) {
    const [step, file, scratch] = process.argv.slice(stepAt + 1);
    await runStepHere(step!, file!, scratch!);
  } else {
    const dirs: string[] = [];
    try {
      const { problems } = await runPrivacyBench((prefix) => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
        dirs.push(dir);
        return dir;
      }, benchMegabytes());
      for (const problem of problems) console.error(`FAILED: ${problem}`);
      process.exitCode = problems.length ? 1 : 0;
    } finally {
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}
