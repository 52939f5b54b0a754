// `gaichel instruments validate` and `gaichel assessments score`: instruments checked and answers scored offline,
// without a database. Failures throw, so that runCli prints them and exits with 1 like every other command.
import fs from "node:fs";
import path from "node:path";
import { Option, type Command } from "commander";
import { progress, validateAnswers } from "../domains/assessments/answers.ts";
import { compileInstrument, InstrumentError, type InstrumentProblem } from "../domains/assessments/compile.ts";
import type { CompiledInstrument, LocalizedText, Progress, ScoreResult } from "../domains/assessments/format.ts";
import { loadInstrumentFile, loadInstruments } from "../domains/assessments/load.ts";
import { scoreResponse } from "../domains/assessments/scoring.ts";
import { importSurveyJs, isSurveyJs } from "../domains/assessments/surveyjs.ts";
import { embeddedDocument } from "../domains/assessments/export.ts";
import type { Actor } from "../http/actor.ts";
import { languages, type Lang } from "../i18n/languages.ts";
import type { Services } from "../services.ts";
import { translator } from "../i18n/index.ts";

function readFile(file: string): string {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new Error(`${file}: no such file`);
  return fs.readFileSync(file, "utf8");
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/** An instrument from a file (YAML, or SurveyJS JSON recognised by its shape) or, failing a file, a bundled id. */
function resolveInstrument(reference: string, survey: { id?: string; version?: string } = {}): CompiledInstrument {
  if (fs.existsSync(reference)) {
    const text = readFile(reference);
    if (path.extname(reference).toLowerCase() === ".json") {
      const data = parseJson(text, reference);
      if (isSurveyJs(data)) return importSurveyJs(data, { id: survey.id ?? surveyId(reference), version: survey.version ?? "1.0.0" }, reference);
    }
    return compileInstrument(text, reference);
  }
  if (/[/\\]|\.(ya?ml|json)$/i.test(reference)) throw new Error(`${reference}: no such file`);
  const bundled = loadInstruments();
  const found = bundled.find((instrument) => instrument.id === reference);
  if (!found) {
    throw new Error(`unknown instrument "${reference}": not a file, nor a bundled instrument (${bundled.map((i) => i.id).join(", ")})`);
  }
  return found;
}

/** A SurveyJS file names its instrument: "survey-enfr.json" → "survey-enfr". */
function surveyId(file: string): string {
  const slug = path.basename(file, path.extname(file)).toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "");
  return /^[a-z][a-z0-9-]{1,63}$/.test(slug) ? slug : `survey-${slug}`.slice(0, 64);
}

/** A text in the wanted language, else in the first language it has. */
function inLang(text: LocalizedText | undefined, lang: Lang): string {
  return (text?.[lang] ?? text?.en ?? Object.values(text ?? {})[0])?.text ?? "";
}

function show(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function textReport(instrument: CompiledInstrument, result: ScoreResult, done: Progress, lang: Lang): string[] {
  const lines = [
    `${inLang(instrument.title, lang)} (${instrument.id}@${instrument.version}, sha256 ${instrument.hash.slice(0, 12)})`,
    `Outcome: ${inLang(result.outcome.label, lang)} [${result.outcome.code}]`,
    `  ${inLang(result.outcome.explanation, lang)}`,
    `Answered: ${done.answered} of ${done.required} required questions${done.missing.length ? ` (missing: ${done.missing.join(", ")})` : ""}`,
    "Variables:",
    ...Object.entries(result.variables).map(([name, value]) => `  ${name} = ${show(value)}`),
  ];
  if (result.contributions.length) {
    const heaviest = result.contributions.slice(0, 10);
    lines.push("Answers that weighed most:", ...heaviest.map((c) => `  ${c.item} = ${c.options.join(", ")}: ${c.points} (${c.variable})`));
  }
  if (result.labels.length) lines.push(`Labels: ${result.labels.map((l) => inLang(l.text, lang)).join("; ")}`);
  if (result.obligations.length) {
    lines.push("Obligations:", ...result.obligations.map((o) => `  - ${inLang(o.text, lang)} (${o.reference})`));
  }
  const others = result.firedRules.filter((rule) => rule.outcome === undefined);
  if (others.length) lines.push("Also:", ...others.map((rule) => `  - ${inLang(rule.explanation, lang)}`));
  return lines;
}

/** What the commands that use the database get from index.ts: the services of this instance, and who runs them. */
export interface CliDatabase {
  withServices<T>(work: (services: Services) => Promise<T>): Promise<T>;
  operator: Actor;
}

export function addAssessmentCommands(program: Command, cli: CliDatabase): void {
  const instruments = program.command("instruments").description("assessment instruments: versioned questionnaires written in YAML");
  instruments
    .command("import")
    .description("load an instrument version into the database: an instrument YAML file, or a SurveyJS JSON file (Canada AIA convention)")
    .argument("<file>", "instrument YAML file or SurveyJS JSON file")
    .option("--id <id>", "id of a SurveyJS instrument (default: from the file name)")
    .option("--version <version>", "version of a SurveyJS instrument", "1.0.0")
    .action(async (file: string, options: { id?: string; version: string }) => {
      const instrument = resolveInstrument(file, options);
      await cli.withServices(async (services) => {
        const added = await services.assessments.importInstruments(cli.operator, [instrument]);
        const name = `${instrument.id}@${instrument.version}`;
        console.log(added.length ? `Loaded ${name} (sha256 ${instrument.hash}).` : `${name} is already loaded with the same content.`);
      });
    });
  instruments
    .command("validate")
    .description("check instrument files against the JSON Schema and their references; every bundled instrument when no file is given")
    .argument("[files...]", "instrument YAML files")
    .action((files: string[]) => {
      const problems: InstrumentProblem[] = [];
      const report = (instrument: CompiledInstrument, file: string) =>
        console.log(`ok  ${file}  ${instrument.id}@${instrument.version}  sha256 ${instrument.hash}`);
      if (!files.length) {
        for (const instrument of loadInstruments()) report(instrument, `${instrument.id}.yaml`);
        return;
      }
      for (const file of files) {
        readFile(file);
        try {
          report(loadInstrumentFile(file), file);
        } catch (error) {
          if (!(error instanceof InstrumentError)) throw error;
          problems.push(...error.problems);
        }
      }
      if (problems.length) throw new InstrumentError(problems);
    });

  const assessments = program.command("assessments").description("risk and impact assessments");
  assessments
    .command("import")
    .description("start a draft assessment from an exported one: its JSON, or the PDF that carries it")
    .argument("<file>", "an assessment exported as JSON or PDF")
    .option("--system <id>", "the register record to assess (default: the one the export is about)")
    .action(async (file: string, options: { system?: string }) => {
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new Error(`${file}: no such file`);
      const bytes = fs.readFileSync(file);
      const text = bytes.subarray(0, 5).toString() === "%PDF-" ? embeddedDocument(bytes) : bytes.toString("utf8");
      if (text === undefined) throw new Error(`${file} is a PDF without an embedded Gäichel assessment`);
      const document = parseJson(text, file);
      await cli.withServices(async (services) => {
        const id = await services.assessments.importAssessment(cli.operator, document, options.system);
        console.log(`Started draft assessment ${id}.`);
      });
    });
  assessments
    .command("score")
    .description("score an answer file offline: print the variables, the outcome and its explanation")
    .argument("<instrument>", "a bundled instrument id (e.g. impact-level), an instrument YAML file, or a SurveyJS JSON file")
    .argument("<answers>", "JSON object of answers by item id (for a SurveyJS instrument, its result format)")
    .addOption(new Option("--format <format>", "output format").choices(["json", "text"]).default("text"))
    .addOption(new Option("--lang <lang>", "language of the instrument's texts in text output").choices(languages).default("en"))
    .action((reference: string, answersFile: string, options: { format: "json" | "text"; lang: Lang }) => {
      const instrument = resolveInstrument(reference);
      const answers = parseJson(readFile(answersFile), answersFile);
      if (typeof answers !== "object" || answers === null || Array.isArray(answers)) {
        throw new Error(`${answersFile} must hold a JSON object of answers by item id`);
      }
      const record = answers as Record<string, unknown>;
      // Unanswered items are fine offline; answers that do not fit their item would be scored as nothing.
      const problems = validateAnswers(instrument, record, "draft");
      if (problems.length) {
        const t = translator("en");
        const given = (value: unknown) => (value === undefined ? "" : ` (${JSON.stringify(value)})`);
        const lines = problems.map((p) => `  ${p.path}: ${t(p.message, p.params)}${given(p.params.value)}`);
        throw new Error([`${answersFile}: ${problems.length} answer(s) do not fit ${instrument.id}@${instrument.version}`, ...lines].join("\n"));
      }
      const result = scoreResponse(instrument, record);
      const done = progress(instrument, record);
      if (options.format === "json") console.log(JSON.stringify({ ...result, progress: done }, null, 2));
      else console.log(textReport(instrument, result, done, options.lang).join("\n"));
    });
}
