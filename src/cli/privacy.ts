// `gaichel privacy scan | pseudonymise | risk | keygen`: the privacy engine on files, without a database.
// A key is read from --key-file or GAICHEL_PRIVACY_KEY and is never printed; errors name files and columns, never values.
import fs from "node:fs";
import path from "node:path";
import { SingleBar } from "cli-progress";
import { InvalidArgumentError, Option, type Command } from "commander";
import { privacyError } from "../domains/privacy/errors.ts";
import { readKeyFile, resolveKey, writeNewKeyFile, type SecretKey } from "../domains/privacy/keys.ts";
import { parseConfig, pseudonymiseFile } from "../domains/privacy/pseudonymise.ts";
import { DEFAULT_TARGET_K, DEFAULT_THRESHOLD, measureRisk } from "../domains/privacy/risk.ts";
import { scanFile } from "../domains/privacy/scan.ts";
import type { ColumnFinding, PseudonymisationConfig, RiskReport } from "../domains/privacy/schema.ts";

type Format = "json" | "table";

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

const percent = (x: number) => `${(x * 100).toFixed(1)} %`;

function scanTable(columns: ColumnFinding[]): string {
  return table(
    ["column", "entity", "confidence", "valid", "examples", "in text"],
    columns.map((c) => [
      c.name,
      c.entity ?? "-",
      c.confidence.toFixed(2),
      c.entity ? percent(c.valid_share) : "",
      c.examples.join(" "),
      c.in_text.map((m) => `${m.entity} ${percent(m.share)}`).join(", "),
    ]),
  );
}

function riskTable(report: RiskReport): string {
  const p = report.prosecutor;
  const lines = [
    `Quasi-identifiers: ${report.quasi_identifiers.join(", ")}`,
    `Records: ${report.records}, equivalence classes: ${report.classes}`,
    `k-anonymity: ${report.k} (target ${report.target_k}); sample uniques: ${report.sample_uniques}`,
    `Prosecutor risk: highest ${percent(p.highest)}, average ${percent(p.average)}, records above ${p.threshold}: ${percent(p.records_at_risk)}`,
    `Marketer risk: ${percent(report.marketer)}`,
  ];
  if (report.sensitive) lines.push(`l-diversity of ${report.sensitive}: ${report.l_diversity}`);
  if (report.suggestions.length) {
    lines.push(
      "",
      "One change at a time:",
      table(
        ["column", "change", "k", "classes", "at risk", "target"],
        report.suggestions.map((s) => [
          s.rule.name,
          s.rule.operator === "generalise" ? `generalise to ${s.rule.to}${s.rule.to === "age_band" ? ` (${s.rule.width})` : ""}` : s.rule.operator,
          String(s.k),
          String(s.classes),
          percent(s.records_at_risk),
          s.reaches_target ? "reached" : "",
        ]),
      ),
    );
  }
  return lines.join("\n");
}

/**
 * A progress bar on stderr, drawn only when stderr is a terminal (cli-progress's default), so that piped output
 * and logs stay clean; started at the first update, when the total is known.
 */
function progressBar() {
  const bar = new SingleBar({ format: "{bar} {percentage}% | {value}/{total}", stream: process.stderr, hideCursor: true });
  let started = false;
  return {
    update(value: number, total: number) {
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(value);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

function readConfig(file: string): PseudonymisationConfig {
  if (!fs.existsSync(file)) throw privacyError("privacy_file_not_found", { file });
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    // V8 ends some messages with "(line L column C)"; the rest of the message may quote the file, so only the line is kept.
    const line = /\(line (\d+) column \d+\)/.exec((error as Error).message)?.[1];
    const problem = { path: path.basename(file), message: "validation.json_syntax", ...(line ? { line: Number(line) } : {}) };
    throw privacyError("privacy_config_invalid", { count: 1 }, [problem]);
  }
  return parseConfig(data);
}

function positiveNumber(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new InvalidArgumentError("expected a positive number");
  return number;
}

export function addPrivacyCommands(program: Command, context: { env: Record<string, string | undefined> }) {
  const privacy = program.command("privacy").description("find personal data in CSV/Parquet files, pseudonymise it, measure re-identification risk");
  const format = () => new Option("--format <format>", "output format").choices(["json", "table"]).default("table");

  privacy
    .command("scan")
    .description("classify each column: which identifier it holds, how sure, what share of values validate, masked examples")
    .argument("<file>", "CSV or Parquet file")
    .option("--rows <n>", "rows to sample (reservoir over the whole file)", positiveNumber, 10_000)
    .option("--all", "check every row instead of a sample")
    .addOption(format())
    .action(async (file: string, options: { rows: number; all?: boolean; format: Format }) => {
      const bar = progressBar();
      let result;
      try {
        result = await scanFile(file, { rows: options.all ? "all" : options.rows, onProgress: (fraction) => bar.update(fraction * 100, 100) });
      } finally {
        bar.stop();
      }
      console.log(options.format === "json" ? JSON.stringify({ columns: result.columns }, null, 2) : scanTable(result.columns));
    });

  privacy
    .command("pseudonymise")
    .alias("pseudonymize")
    .description("protect the columns listed in a configuration file; prints the run record (domain, key id, operators)")
    .argument("<file>", "CSV or Parquet file")
    .requiredOption("--config <file>", "JSON: { domain, columns: [{ name, operator: hmac | aes_siv | mask | generalise | suppress, … }] }")
    .option("--key-file <file>", "key file made by `gaichel privacy keygen` (else the environment variable GAICHEL_PRIVACY_KEY)")
    .requiredOption("-o, --out <file>", "output file: Parquet if it ends in .parquet, else CSV")
    .action(async (file: string, options: { config: string; keyFile?: string; out: string }) => {
      const config = readConfig(options.config);
      const keyed = config.columns.some((rule) => rule.operator === "hmac" || rule.operator === "aes_siv");
      const key: SecretKey | undefined = keyed ? resolveKey({ keyFile: options.keyFile, env: context.env }) : undefined;
      const bar = progressBar();
      const megabytes = (bytes: number) => Math.round(bytes / 1e6);
      let record;
      try {
        record = await pseudonymiseFile(file, options.out, config, { key, onProgress: (read, total) => bar.update(megabytes(read), megabytes(total)) });
      } finally {
        bar.stop();
      }
      console.log(JSON.stringify(record, null, 2));
    });

  privacy
    .command("risk")
    .description("re-identification risk over quasi-identifiers, and the generalisations that would lower it")
    .argument("<file>", "CSV or Parquet file")
    .requiredOption("--qi <columns>", "quasi-identifiers, comma-separated", (value: string) => value.split(",").map((c) => c.trim()).filter(Boolean))
    .option("--sensitive <column>", "sensitive column for l-diversity")
    .option("--threshold <risk>", "prosecutor risk above which a record is at risk", positiveNumber, DEFAULT_THRESHOLD)
    .option("--target-k <k>", "the k the suggestions aim at", positiveNumber, DEFAULT_TARGET_K)
    .addOption(format())
    .action(async (file: string, options: { qi: string[]; sensitive?: string; threshold: number; targetK: number; format: Format }) => {
      const report = await measureRisk(file, { qi: options.qi, sensitive: options.sensitive, threshold: options.threshold, targetK: options.targetK });
      console.log(options.format === "json" ? JSON.stringify(report, null, 2) : riskTable(report));
    });

  privacy
    .command("keygen")
    .description("write a new random pseudonymisation key (32 bytes, base64) to a file readable by its owner only")
    .requiredOption("--out <file>", "the key file to create (never overwritten)")
    .action(async (options: { out: string }) => {
      const key = writeNewKeyFile(options.out);
      // Read back, so that a key file the next command would refuse is caught now.
      readKeyFile(options.out);
      console.log(`Key written to ${options.out} (key id ${key.id}). Keep it apart from the data: whoever holds it can link the pseudonyms.`);
    });
}
