// `gaichel audit FILE …`: a bias audit of a file of automated decisions, offline and without the database: counted by
// DuckDB in a child process, printed as one table per grouping, as the JSON of the result, or as a self-contained HTML
// report, with progress on stderr.
import path from "node:path";
import cliProgress from "cli-progress";
import { InvalidArgumentError, Option, type Command } from "commander";
import { runAudit, type AuditProgress } from "../domains/audits/engine/run-audit.ts";
import type { AuditResult, AuditSettingsInput, GroupResult, ReferenceRule } from "../domains/audits/schema.ts";
import { renderStandaloneReport } from "../domains/audits/views/standalone.tsx";
import { languages, translator, type Lang } from "../i18n/index.ts";

interface AuditOptions {
  decision?: string;
  favourable?: string;
  score?: string;
  threshold?: number;
  label?: string;
  labelFavourable?: string;
  protected: string;
  weight?: string;
  reference: string;
  minGroup: number;
  view: "published" | "raw";
  format: "table" | "json" | "html";
  lang: Lang;
}

function parseNumber(value: string): number {
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number)) throw new InvalidArgumentError("not a number.");
  return number;
}

function parsePositiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError("not a whole number of 1 or more.");
  return number;
}

/** "largest", "most_favoured", or "sex=M,nationality=LU"; "sex=" names the group of missing values. */
function parseReference(value: string): ReferenceRule {
  if (value === "largest" || value === "most_favoured") return value;
  const pairs = value.split(",").map((pair) => pair.split("="));
  if (pairs.some((pair) => pair.length !== 2 || !pair[0])) {
    throw new InvalidArgumentError("give largest, most_favoured or attribute=value[,attribute=value].");
  }
  return Object.fromEntries(pairs.map(([name, v]) => [name!, v || null]));
}

/** A bar while DuckDB counts (when stderr is a terminal), the phase's name otherwise. */
function progressBar(): { update(progress: AuditProgress): void; stop(): void } {
  const bar = new cliProgress.SingleBar(
    { format: "{phase} |{bar}| {percentage}%", stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update({ phase, fraction }) {
      if (!started) {
        bar.start(100, 0, { phase });
        started = true;
      }
      bar.update(Math.round((fraction ?? (phase === "computing" ? 1 : 0)) * 100), { phase });
    },
    stop: () => bar.stop(),
  };
}

const number = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 3, maximumFractionDigits: 3 });
const whole = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });
const show = (value: number | null) => (value === null ? "–" : number.format(value));

function groupName(group: GroupResult): string {
  const values = Object.values(group.attributes);
  return values.length ? values.map((v) => v ?? "(missing)").join(" × ") : "all decisions";
}

function groupRow(group: GroupResult, minGroupSize: number): string[] {
  if (group.suppressed) {
    const why = group.suppression === "below_minimum" ? `withheld: fewer than ${minGroupSize} rows` : "withheld: would reveal a small group";
    return [groupName(group), why];
  }
  const interval = group.intervals.selection_rate;
  const d = group.disparities;
  return [
    groupName(group) + (group.is_reference ? " (reference)" : ""),
    whole.format(group.count ?? 0),
    show(group.selection_rate),
    interval ? `${show(interval.low)}–${show(interval.high)}` : "–",
    show(group.true_positive_rate),
    show(group.false_positive_rate),
    show(group.precision),
    show(group.accuracy),
    d ? show(d.demographic_parity.difference) + (d.demographic_parity.distinguishable === false ? " ~" : "") : "",
    d ? show(d.four_fifths.ratio) + (d.four_fifths.flagged ? " !" : "") : "",
    d ? show(d.equalized_odds.difference) + (d.equalized_odds.distinguishable === false ? " ~" : "") : "",
  ];
}

function printTables(result: AuditResult) {
  const header = ["group", "count", "selection", "95 % interval", "TPR", "FPR", "precision", "accuracy", "DP diff", "sel. ratio", "EO diff"];
  const lines: string[] = [];
  for (const grouping of [{ attributes: ["total"], reference: null, groups: [result.overall], summary: null }, ...result.groupings]) {
    const rows = grouping.groups.map((g) => groupRow(g, result.settings.min_group_size));
    const widths = header.map((h, i) => Math.max(h.length, ...rows.filter((r) => r.length > 2).map((r) => r[i]?.length ?? 0)));
    const format = (cells: string[]) =>
      cells.length === 2 ? `${cells[0]!.padEnd(widths[0]!)}  ${cells[1]}` : cells.map((c, i) => (i ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ");
    const reference = grouping.reference ? ` — reference: ${Object.values(grouping.reference.attributes).map((v) => v ?? "(missing)").join(" × ")} (${grouping.reference.rule.replace("_", " ")})` : "";
    lines.push("", `${grouping.attributes.join(" × ")}${reference}`, format(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(format));
    if (grouping.summary) {
      const s = grouping.summary;
      lines.push(
        `between groups: demographic parity difference ${show(s.demographic_parity_difference)}, ratio ${show(s.demographic_parity_ratio)}; ` +
          `equalized odds difference ${show(s.equalized_odds_difference)}; equal opportunity difference ${show(s.equal_opportunity_difference)}`,
      );
    }
  }
  lines.push("", "~ not distinguishable from no difference (95 % Newcombe interval contains 0); ! below four fifths of the reference's rate");
  console.log(lines.join("\n"));
}

export function addAuditCommand(program: Command): void {
  program
    .command("audit")
    .description("bias audit of a file of automated decisions (CSV or Parquet): rates and disparities per group and intersection")
    .argument("<file>", "CSV file (UTF-8, with a header line) or Parquet file")
    .option("--decision <column>", "column of the decision")
    .option("--favourable <value>", "value of the decision that is favourable to the person")
    .option("--score <column>", "column of a score, instead of --decision")
    .option("--threshold <number>", "a score at or above it is a favourable decision", parseNumber)
    .option("--label <column>", "column of the ground truth: what the right decision was")
    .option("--label-favourable <value>", "value of the label that is favourable")
    .requiredOption("--protected <columns>", "protected attributes, separated by commas (e.g. sex,nationality,age_band)")
    .option("--weight <column>", "column of row weights")
    .option("--reference <group>", "reference group: largest, most_favoured, or attribute=value[,attribute=value]", "largest")
    .option("--min-group <rows>", "groups with fewer rows are withheld from published figures", parsePositiveInteger, 10)
    .addOption(
      new Option("--view <view>", "published (small groups withheld) or raw (every figure: for the file's owner only)")
        .choices(["published", "raw"])
        .default("published"),
    )
    .addOption(new Option("--format <format>", "output format: a table, JSON, or a self-contained HTML report").choices(["table", "json", "html"]).default("table"))
    .addOption(new Option("--lang <lang>", "language of the HTML report").choices([...languages]).default("en"))
    .action(async (file: string, options: AuditOptions) => {
      const settings: AuditSettingsInput = {
        decision: options.decision,
        favourable: options.favourable,
        score: options.score,
        threshold: options.threshold,
        label: options.label,
        label_favourable: options.labelFavourable,
        protected: options.protected.split(",").map((c) => c.trim()).filter(Boolean),
        weight: options.weight,
        min_group_size: options.minGroup,
        reference: parseReference(options.reference),
      };
      const bar = progressBar();
      let outcome;
      try {
        outcome = await runAudit(file, settings, { onProgress: (progress) => bar.update(progress) });
      } finally {
        bar.stop();
      }
      const result = outcome[options.view];
      if (options.format === "json") process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else if (options.format === "html") process.stdout.write(renderStandaloneReport(result, options.lang, translator(options.lang)("audits.public_caption", { system: path.basename(file) })));
      else printTables(result);
    });
}
