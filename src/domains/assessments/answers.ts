// Checks answers against their items (messages are translation keys with parameters) and measures progress.
import type { AnswerProblem, CompiledInstrument, Item, Progress, SubItem } from "./format.ts";
import { effectiveAnswers, isAnswered, visibleItems } from "./visibility.ts";

/**
 * `draft`: what has been answered must be valid, but nothing is missing yet (save as you go).
 * `submit`: besides, every visible required item is answered and every minimum is reached.
 */
export type ValidationMode = "draft" | "submit";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** Every problem of the answers, in form order. Answers to hidden items are ignored, as scoring ignores them. */
export function validateAnswers(
  instrument: CompiledInstrument,
  answers: Readonly<Record<string, unknown>>,
  mode: ValidationMode = "submit",
): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const report = (path: string, key: string, params: AnswerProblem["params"] = {}) =>
    problems.push({ path, message: `assessments.errors.${key}`, params });
  const known = new Set(instrument.pages.flatMap((p) => p.items.map((i) => i.id)));
  for (const key of Object.keys(answers)) if (!known.has(key)) report(key, "unknown_item");
  for (const item of visibleItems(instrument, answers)) {
    checkAnswer(item, Object.hasOwn(answers, item.id) ? answers[item.id] : undefined, item.id, mode, report);
  }
  return problems;
}

type Report = (path: string, key: string, params?: AnswerProblem["params"]) => void;

function checkAnswer(item: Item | SubItem, value: unknown, path: string, mode: ValidationMode, report: Report): void {
  if (!isAnswered(value)) {
    if (mode === "submit" && item.required) report(path, "required");
    return;
  }
  switch (item.type) {
    case "single":
      if (typeof value !== "string" || !item.options.some((o) => o.code === value)) report(path, "choice", { value: String(value) });
      return;
    case "multi": {
      if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) return report(path, "choices");
      for (const code of value) if (!item.options.some((o) => o.code === code)) report(path, "choice", { value: code });
      if (new Set(value).size !== value.length) report(path, "repeated_choice");
      const exclusive = item.options.find((o) => o.exclusive && value.includes(o.code));
      if (exclusive && value.length > 1) report(path, "exclusive_choice", { option: exclusive.code });
      if (mode === "submit" && item.min !== undefined && value.length < item.min) report(path, "too_few_choices", { min: item.min });
      if (item.max !== undefined && value.length > item.max) report(path, "too_many_choices", { max: item.max });
      return;
    }
    case "text":
      if (typeof value !== "string") return report(path, "text");
      if (item.max_length !== undefined && value.length > item.max_length) report(path, "too_long", { max: item.max_length });
      return;
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) return report(path, "number");
      if (item.integer && !Number.isInteger(value)) report(path, "integer");
      if (item.min !== undefined && value < item.min) report(path, "number_min", { min: item.min });
      if (item.max !== undefined && value > item.max) report(path, "number_max", { max: item.max });
      return;
    case "date":
      if (typeof value !== "string" || !isIsoDate(value)) report(path, "date");
      return;
    case "group": {
      if (!Array.isArray(value) || value.some((row) => typeof row !== "object" || row === null || Array.isArray(row))) {
        return report(path, "rows");
      }
      if (mode === "submit" && item.min !== undefined && value.length < item.min) report(path, "too_few_rows", { min: item.min });
      if (item.max !== undefined && value.length > item.max) report(path, "too_many_rows", { max: item.max });
      const subIds = new Set(item.items.map((sub) => sub.id));
      value.forEach((row: Record<string, unknown>, r) => {
        for (const key of Object.keys(row)) if (!subIds.has(key)) report(`${path}.${r}.${key}`, "unknown_item");
        for (const sub of item.items) checkAnswer(sub, Object.hasOwn(row, sub.id) ? row[sub.id] : undefined, `${path}.${r}.${sub.id}`, mode, report);
      });
      return;
    }
  }
}

/** How far a respondent is: visible required items answered, and those still missing. */
export function progress(instrument: CompiledInstrument, answers: Readonly<Record<string, unknown>>): Progress {
  const given = effectiveAnswers(instrument, answers);
  const required = visibleItems(instrument, answers).filter((item) => item.required);
  const missing = required.filter((item) => !Object.hasOwn(given, item.id)).map((item) => item.id);
  return { answered: required.length - missing.length, required: required.length, missing };
}
