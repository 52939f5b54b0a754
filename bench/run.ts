// The first benchmark: public pages and API of the register against the /healthz floor, in the same run.
//
//   npm run bench                      PGlite (embedded, demo data)
//   npm run bench -- --postgres        PGlite, then PostgreSQL on 127.0.0.1:5432 (a fresh database, dropped after)
//   npm run bench -- --only audit      only the audit engine against its DuckDB scan floor (bench/audit.ts);
//                                      --only http: only the HTTP benchmarks. Both run by default, HTTP first.
//
// Settings (environment): BENCH_DURATION seconds per measured run (8), BENCH_WARMUP seconds (2),
// BENCH_CONNECTIONS (10), BENCH_POSTGRES=1 (same as --postgres), BENCH_PG_URL admin URL
// (postgres://postgres@127.0.0.1:5432/postgres). Traffic goes to 127.0.0.1 only.
// Privacy (bench/privacy.ts) runs when no --only is given: scan and pseudonymisation of a synthetic CSV of
// BENCH_PRIVACY_MB megabytes (200) against a bare read of it.
// Exit code 1 when a response was not 2xx, a request failed, or a page did not show what it should.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { measure, startServer, type Measurement, type Server } from "./http.ts";
import { runAuditBench, type AuditBenchRow } from "./audit.ts";
import { benchMegabytes, runPrivacyBench } from "./privacy.ts";

type Backend = "pglite" | "postgres";

interface Target {
  name: string;
  path: string;
  /** Text the response must contain, so that the run measures the page it claims to (checked once). */
  expect: string;
}

const DETAIL_ID = "lu-family-benefits-eligibility";
const FLOOR: Target = { name: "floor /healthz", path: "/healthz", expect: '"ok"' };
const TARGETS: Target[] = [
  FLOOR,
  { name: "list page", path: "/en/systems", expect: DETAIL_ID },
  { name: "search page", path: "/fr/systems?q=allocations", expect: DETAIL_ID },
  { name: "detail page", path: `/en/systems/${DETAIL_ID}`, expect: "<html" },
  { name: "API list", path: "/api/v1/systems", expect: DETAIL_ID },
  { name: "API detail", path: `/api/v1/systems/${DETAIL_ID}`, expect: DETAIL_ID },
  { name: "pilot list", path: "/en/pilots", expect: "Cross-border traffic forecasting" },
  // `{pilot}`: the first public demo pilot, whose id the server chose (see resolvePaths).
  { name: "pilot page", path: "/fr/pilots/{pilot}", expect: "<svg" },
  { name: "library search", path: "/fr/practices?q=recommandations", expect: "recommand" },
  { name: "network", path: "/en/network", expect: "Claire Weber" },
  { name: "API pilots", path: "/api/v1/pilots", expect: '"items"' },
];

/** Fills the ids a demo data set gets at load time into the targets' paths. */
async function resolvePaths(server: Server): Promise<Target[]> {
  const pilots = (await (await fetch(`${server.baseUrl}/api/v1/pilots?sector=transport&state=evaluated`)).json()) as { items: Array<{ id: string }> };
  return TARGETS.map((t) => ({ ...t, path: t.path.replace("{pilot}", pilots.items[0]?.id ?? "none") }));
}

function positive(name: string, fallback: number, integer = false): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new Error(`${name} must be a positive ${integer ? "integer" : "number"} (got ${JSON.stringify(raw)})`);
  }
  return value;
}

function readSettings() {
  try {
    return {
      duration: positive("BENCH_DURATION", 8),
      warmup: positive("BENCH_WARMUP", 2),
      connections: positive("BENCH_CONNECTIONS", 10, true),
    };
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
const settings = readSettings();
const onlyAt = process.argv.indexOf("--only");
const only = onlyAt === -1 ? undefined : process.argv[onlyAt + 1];
if (only !== undefined && only !== "http" && only !== "audit") {
  console.error(`--only takes http or audit (got ${only ?? "nothing"})`);
  process.exit(1);
}
const backends: Backend[] =
  only === "audit"
    ? []
    : process.argv.includes("--postgres") || process.env.BENCH_POSTGRES === "1"
      ? ["pglite", "postgres"]
      : ["pglite"];
/** Generating and auditing 1 M and 10 M rows takes about a minute; 100 M rows about ten. */
const AUDIT_BUDGET_MS = 20 * 60_000;
const postgresAdminUrl = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const START_TIMEOUT_MS = 90_000;

// Everything to undo, in reverse order, whether the run succeeds, fails or is interrupted.
const cleanups: Array<() => Promise<void>> = [];
let cleaning: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length) {
      try {
        await cleanups.pop()!();
      } catch (error) {
        console.error(`cleanup: ${(error as Error).message}`);
      }
    }
  })();
  return cleaning;
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping`);
    void cleanup().finally(() => process.exit(130));
  });
}

// A hard bound on the whole run: start-up and every warm-up and measured run, with slack.
const budgetMs =
  backends.length * (START_TIMEOUT_MS + TARGETS.length * ((settings.warmup + settings.duration) * 1000 + 5_000)) +
  (only === "http" ? 0 : AUDIT_BUDGET_MS) +
  30_000;
const watchdog = setTimeout(() => {
  console.error(`The benchmark took longer than ${Math.round(budgetMs / 1000)} s: stopping.`);
  void cleanup().finally(() => process.exit(1));
}, budgetMs);
watchdog.unref();

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A fresh PostgreSQL database on the loopback server; dropped at cleanup. */
async function createPostgresDatabase(): Promise<string> {
  const adminUrl = new URL(postgresAdminUrl);
  if (adminUrl.hostname !== "127.0.0.1" && adminUrl.hostname !== "localhost") {
    throw new Error(`BENCH_PG_URL must point at 127.0.0.1 (got ${adminUrl.hostname})`);
  }
  const name = `gaichel_bench_${process.pid}_${crypto.randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: postgresAdminUrl });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`--postgres needs PostgreSQL at ${postgresAdminUrl} (set BENCH_PG_URL): ${(error as Error).message}`);
  }
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  cleanups.push(async () => {
    const client = new pg.Client({ connectionString: postgresAdminUrl });
    await client.connect();
    try {
      await client.query(`drop database if exists ${name} with (force)`);
    } finally {
      await client.end();
    }
  });
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

interface Row extends Measurement {
  name: string;
  path: string;
  /** requests/s of this target ÷ requests/s of /healthz, same run, same backend. */
  ratio: number;
}

/** One request per target before any load: 2xx and the expected content, or the run is meaningless. */
async function checkTargets(server: Server, targets: Target[]): Promise<string[]> {
  const problems: string[] = [];
  for (const target of targets) {
    const response = await fetch(server.baseUrl + target.path, { redirect: "manual", signal: AbortSignal.timeout(10_000) });
    const body = await response.text();
    if (response.status < 200 || response.status > 299) problems.push(`${target.path}: HTTP ${response.status}`);
    else if (!body.includes(target.expect)) problems.push(`${target.path}: the response does not contain ${JSON.stringify(target.expect)}`);
  }
  return problems;
}

async function runBackend(backend: Backend): Promise<{ rows: Row[]; problems: string[]; startMs: number }> {
  const dataDir = tempDir(`gaichel-bench-${backend}-`);
  const databaseUrl = backend === "postgres" ? await createPostgresDatabase() : undefined;
  const started = Date.now();
  process.stdout.write(`\n[${backend}] starting the server with the demo data… `);
  const server = await startServer({ dataDir, databaseUrl, startTimeoutMs: START_TIMEOUT_MS });
  cleanups.push(() => server.stop());
  const startMs = Date.now() - started;
  console.log(`ready in ${(startMs / 1000).toFixed(1)} s (pid ${server.pid}, ${server.baseUrl})`);

  const targets = await resolvePaths(server);
  const problems = await checkTargets(server, targets);
  if (problems.length) return { rows: [], problems, startMs };

  const measured: Array<Measurement & Target> = [];
  for (const target of targets) {
    const url = server.baseUrl + target.path;
    process.stdout.write(`[${backend}] ${target.name.padEnd(15)} warm-up ${settings.warmup} s, measure ${settings.duration} s… `);
    await measure(url, { connections: settings.connections, duration: settings.warmup });
    const result = await measure(url, { connections: settings.connections, duration: settings.duration });
    console.log(`${Math.round(result.rps)} req/s`);
    measured.push({ ...target, ...result });
    if (result.non2xx || result.errors || result.timeouts) {
      problems.push(
        `${target.path}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts ` +
          `(status codes ${JSON.stringify(result.statusCodes)})`,
      );
    }
  }
  await server.stop();
  const floor = measured[0]!.rps;
  const rows = measured.map(({ expect: _expect, ...m }) => ({ ...m, ratio: floor > 0 ? m.rps / floor : 0 }));
  return { rows, problems, startMs };
}

function printTable(backend: Backend, rows: Row[]) {
  const header = ["target", "path", "req/s", "p50 ms", "p99 ms", "÷ floor"];
  const lines = rows.map((r) => [
    r.name,
    r.path,
    r.rps.toFixed(0),
    r.p50.toFixed(1),
    r.p99.toFixed(1),
    r.ratio.toFixed(3),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(`\n${backend}: ${settings.connections} connections, ${settings.duration} s per target`);
  console.log(format(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const line of lines) console.log(format(line));
}

async function main(): Promise<number> {
  const report = {
    startedAt: new Date().toISOString(),
    node: process.version,
    cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "unknown"}`,
    settings,
    backends: [] as Array<{ backend: Backend; startMs: number; rows: Row[]; problems: string[] }>,
    audit: undefined as { rows: AuditBenchRow[]; problems: string[] } | undefined,
  };
  let failed = false;
  for (const backend of backends) {
    const { rows, problems, startMs } = await runBackend(backend);
    report.backends.push({ backend, startMs, rows, problems });
    if (rows.length) printTable(backend, rows);
    if (problems.length) {
      failed = true;
      console.error(`\n${backend}: FAILED`);
      for (const problem of problems) console.error(`  ${problem}`);
    }
  }
  if (only !== "http") {
    report.audit = await runAuditBench(tempDir);
    if (report.audit.problems.length) {
      failed = true;
      console.error("\naudit: FAILED");
      for (const problem of report.audit.problems) console.error(`  ${problem}`);
    }
  }
  if (only === undefined) {
    const privacy = await runPrivacyBench(tempDir, benchMegabytes());
    Object.assign(report, { privacy });
    if (privacy.problems.length) {
      failed = true;
      console.error("\nprivacy: FAILED");
      for (const problem of privacy.problems) console.error(`  ${problem}`);
    }
  }
  const outDir = path.join(os.tmpdir(), "gaichel-bench");
  fs.mkdirSync(outDir, { recursive: true });
  const outFile = path.join(outDir, "latest.json");
  fs.writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nResults: ${outFile}`);
  return failed ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(`\nThe benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await cleanup();
}
process.exit(code);
