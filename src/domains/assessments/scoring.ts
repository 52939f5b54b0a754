// Scores a response: variables in order, then the rules — the outcome, its explanation, the labels and obligations
// that follow, and the answers that weighed most. The result pins the instrument (id, version, hash) and the engine.
import { formatNumber } from "../../i18n/index.ts";
import { evaluate, holds } from "./conditions.ts";
import type {
  Answers,
  CompiledInstrument,
  Contribution,
  Item,
  Lang,
  LocalizedText,
  Rule,
  ScoreResult,
  WeightsVariable,
} from "./format.ts";
import { effectiveAnswers } from "./visibility.ts";

/** Version of this scoring engine, recorded with every result; a change in how a result is computed bumps it. */
export const ENGINE_VERSION = "1.0.0";

export function scoreResponse(instrument: CompiledInstrument, answers: Readonly<Record<string, unknown>>): ScoreResult {
  const given = effectiveAnswers(instrument, answers);
  const items = new Map(instrument.pages.flatMap((p) => p.items.map((i) => [i.id, i] as const)));
  const context: Record<string, unknown> = { ...given };
  const variables: Record<string, unknown> = {};
  const contributions: Contribution[] = [];
  const weightsById = new Map<string, WeightsVariable>();

  for (const variable of instrument.scoring.variables) {
    let value: unknown;
    if ("weights" in variable) {
      weightsById.set(variable.id, variable);
      const parts = weigh(variable, given);
      contributions.push(...parts);
      value = parts.reduce((sum, part) => sum + part.points, 0);
    } else if ("max_of" in variable) {
      value = highest(weightsById.get(variable.max_of)!, items);
    } else {
      value = evaluate(variable.expression, context);
    }
    variables[variable.id] = value;
    context[variable.id] = value;
  }

  const applies = (rule: Rule) => rule.when === undefined || holds(rule.when, context);
  // The compiler guarantees a last deciding rule without condition, so one always applies.
  const deciding = instrument.rules.find((rule) => rule.outcome !== undefined && applies(rule))!;
  context.outcome = deciding.outcome;
  const fired = instrument.rules.filter((rule) => rule === deciding || (rule.outcome === undefined && applies(rule)));
  const outcome = instrument.outcomes.find((o) => o.code === deciding.outcome)!;
  const explain = (rule: Rule) => interpolate(rule.explanation, variables);
  const firedCodes = (pick: (rule: Rule) => string[]) => new Set(fired.flatMap(pick));
  const labelCodes = firedCodes((rule) => rule.labels);
  const obligationCodes = firedCodes((rule) => rule.obligations);

  return {
    instrument: { id: instrument.id, version: instrument.version, hash: instrument.hash },
    engineVersion: ENGINE_VERSION,
    variables,
    outcome: { code: outcome.code, label: outcome.label, explanation: explain(deciding) },
    firedRules: fired.map((rule) => ({ id: rule.id, ...(rule.outcome ? { outcome: rule.outcome } : {}), explanation: explain(rule) })),
    labels: instrument.labels.filter((label) => labelCodes.has(label.code)),
    obligations: instrument.obligations.filter((obligation) => obligationCodes.has(obligation.code)),
    // Stable sort: equal weights keep the order of the form.
    contributions: contributions.sort((a, b) => Math.abs(b.points) - Math.abs(a.points)),
  };
}

/** What each answered item adds to a weights variable: the weight of the chosen option, or the sum of the chosen ones. */
function weigh(variable: WeightsVariable, given: Answers): Contribution[] {
  const parts: Contribution[] = [];
  for (const [item, weights] of Object.entries(variable.weights)) {
    const value = given[item];
    const chosen = (Array.isArray(value) ? value : [value]).filter((code): code is string => typeof code === "string" && Object.hasOwn(weights, code));
    const options = chosen.filter((code) => weights[code] !== 0);
    const points = options.reduce((sum, code) => sum + weights[code]!, 0);
    if (options.length) parts.push({ variable: variable.id, item, options, points });
  }
  return parts;
}

/**
 * The most a weights variable can reach, over every weighted item whether shown or not (as Canada's AIA computes
 * its maximum): the heaviest option of a single choice, the sum of the positive options of a multiple choice.
 */
function highest(variable: WeightsVariable, items: ReadonlyMap<string, Item>): number {
  let total = 0;
  for (const [id, weights] of Object.entries(variable.weights)) {
    const values = Object.values(weights);
    total += items.get(id)?.type === "multi" ? values.filter((w) => w > 0).reduce((a, b) => a + b, 0) : Math.max(0, ...values);
  }
  return total;
}

/** Fills `{{name}}` with the variable's value, numbers written the way each language writes them. */
function interpolate(text: LocalizedText, variables: Record<string, unknown>): LocalizedText {
  return Object.fromEntries(
    Object.entries(text).map(([lang, entry]) => [
      lang,
      {
        ...entry,
        text: entry.text.replace(/\{\{\s*([^}\s]+)\s*\}\}/g, (_, name: string) => show(variables[name], lang as Lang)),
      },
    ]),
  );
}

function show(value: unknown, lang: Lang): string {
  if (typeof value === "number") return formatNumber(lang, value);
  if (Array.isArray(value)) return value.map((v) => show(v, lang)).join(", ");
  return value === null || value === undefined ? "" : String(value);
}
