// JSONLogic for instruments: evaluation, and the static checks the compiler runs on every expression.
import jsonLogic from "json-logic-js";
import type { Item, Logic } from "./format.ts";

// Scores are rounded the way Canada's AIA rounds them (Math.round); JSONLogic has no rounding of its own.
// json-logic-js keeps its operations in one module-wide table: this module is the only one that uses it.
jsonLogic.add_operation("round", (value: unknown) => Math.round(Number(value)));

/**
 * The operations an instrument may use: JSONLogic's own, without `log` (a side effect), plus `round`.
 * Anything else is rejected when the instrument is compiled.
 */
const operations = new Set([
  "var", "missing", "missing_some", "if", "?:", "==", "===", "!=", "!==", "!", "!!", "or", "and",
  ">", ">=", "<", "<=", "max", "min", "+", "-", "*", "/", "%",
  "map", "filter", "reduce", "all", "none", "some", "merge", "in", "cat", "substr", "round",
]);
/** Operations whose second argument is evaluated once per element of the first, with that element as data. */
const iterating = new Set(["map", "filter", "all", "none", "some"]);

export function evaluate(logic: Logic, data: Record<string, unknown>): unknown {
  return jsonLogic.apply(logic as jsonLogic.RulesLogic, data);
}

/** Whether a condition holds, with JSONLogic's truthiness (an empty list is false). */
export function holds(logic: Logic, data: Record<string, unknown>): boolean {
  return jsonLogic.truthy(evaluate(logic, data));
}

/** What an expression may refer to where it stands. */
export interface Scope {
  /** Items by id: their answers, with their options to check compared codes against. */
  items: ReadonlyMap<string, Item>;
  /** Other names readable there (variables, `outcome`). */
  names: ReadonlySet<string>;
}

/** The problems of an expression, as sentences: unknown operations, unknown names, codes no option has. */
export function logicProblems(logic: Logic, scope: Scope): string[] {
  const problems: string[] = [];
  walk(logic, scope, problems);
  return problems;
}

const isOperation = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 1;

function varName(value: unknown): string | undefined {
  if (!isOperation(value) || !("var" in value)) return undefined;
  const arg = Array.isArray(value.var) ? value.var[0] : value.var;
  return typeof arg === "string" ? arg : undefined;
}

function walk(logic: unknown, scope: Scope, problems: string[]): void {
  if (Array.isArray(logic)) {
    for (const part of logic) walk(part, scope, problems);
    return;
  }
  if (typeof logic !== "object" || logic === null) return;
  if (!isOperation(logic)) {
    problems.push(`an operation is an object with exactly one key, not ${JSON.stringify(logic)}`);
    return;
  }
  const [op, raw] = Object.entries(logic)[0]!;
  if (!operations.has(op)) {
    problems.push(`unknown operation "${op}"`);
    return;
  }
  const args = Array.isArray(raw) ? raw : [raw];
  if (op === "var") {
    checkName(args[0], scope, problems);
    return;
  }
  if (op === "reduce") {
    // Its data is { current, accumulator }: nothing to check by name inside.
    walk(args[0], scope, problems);
    walk(args[2], scope, problems);
    return;
  }
  if (iterating.has(op)) {
    walk(args[0], scope, problems);
    const group = scope.items.get(varName(args[0]) ?? "");
    // Inside a repeatable group the data is one row: its sub-items are the names. Over anything else (a multiple
    // choice, a computed list) the data is a value the checker cannot name, so only operations are checked.
    const inner: Scope | undefined =
      group?.type === "group" ? { items: new Map(group.items.map((sub) => [sub.id, sub as Item])), names: new Set([""]) } : undefined;
    if (inner) walk(args[1], inner, problems);
    else checkOperations(args[1], problems);
    return;
  }
  checkComparison(op, args, scope, problems);
  for (const arg of args) walk(arg, scope, problems);
}

function checkName(arg: unknown, scope: Scope, problems: string[]): void {
  if (typeof arg !== "string") {
    problems.push(`"var" takes a name, not ${JSON.stringify(arg)}`);
    return;
  }
  const head = arg.split(".")[0]!;
  if (!scope.items.has(head) && !scope.names.has(head)) problems.push(`refers to "${arg}", which is not known here`);
}

function checkOperations(logic: unknown, problems: string[]): void {
  if (Array.isArray(logic)) return logic.forEach((part) => checkOperations(part, problems));
  if (!isOperation(logic)) return;
  const [op, raw] = Object.entries(logic)[0]!;
  if (!operations.has(op)) problems.push(`unknown operation "${op}"`);
  else checkOperations(raw, problems);
}

/**
 * A literal compared with the answer of a choice item must be a code that item can have: `==` and `!=` with a single
 * choice; `in` with a multiple choice (membership); a single choice `in` a literal list. `in` over a single choice's
 * code is a substring test (SurveyJS's `contains`), so there the literal must occur in one of its codes.
 */
function checkComparison(op: string, args: unknown[], scope: Scope, problems: string[]): void {
  const pairs: Array<[unknown, unknown, "equal" | "within"]> = [];
  if (["==", "===", "!=", "!=="].includes(op)) pairs.push([args[0], args[1], "equal"], [args[1], args[0], "equal"]);
  else if (op === "in" && Array.isArray(args[1])) for (const literal of args[1]) pairs.push([args[0], literal, "equal"]);
  else if (op === "in") pairs.push([args[1], args[0], "within"]);
  for (const [reference, literal, how] of pairs) {
    const item = scope.items.get(varName(reference) ?? "");
    if (!item || (item.type !== "single" && item.type !== "multi") || typeof literal !== "string") continue;
    const codes = item.options.map((o) => o.code);
    const possible = how === "within" && item.type === "single" ? codes.some((c) => c.includes(literal)) : codes.includes(literal);
    if (!possible) problems.push(`"${literal}" is not an option of item "${item.id}"`);
  }
}
