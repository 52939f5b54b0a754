// Compiles an authored instrument (YAML) into immutable JSON with a content hash: parse → JSON Schema → semantic
// checks → normalised form → sha256 of its canonical JSON. Every problem names the file, the path and the line.
import { createHash } from "node:crypto";
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import canonicalize from "canonicalize";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import { languages } from "../../i18n/languages.ts";
import { SystemRecord } from "../systems/schema.ts";
import { logicProblems, type Scope } from "./conditions.ts";
import {
  COMPILED_FORMAT,
  type CompiledInstrument,
  type Item,
  type Lang,
  type LocalizedText,
  type Option,
  type Page,
  type Rule,
  type SubItem,
  type Variable,
} from "./format.ts";
import schema from "./instrument.schema.json" with { type: "json" };

export interface InstrumentProblem {
  file: string;
  /** Path of the bad node, e.g. `pages/2/items/3/options`; empty for the document as a whole. */
  path: string;
  message: string;
  line?: number;
}

/** One or more instruments that cannot be compiled, with every problem found; the message lists them, one a line. */
export class InstrumentError extends Error {
  constructor(readonly problems: InstrumentProblem[]) {
    super(
      problems
        .map((p) => `${p.file}${p.line === undefined ? "" : `:${p.line}`}: ${p.path || "(document)"}: ${p.message}`)
        .join("\n"),
    );
    this.name = "InstrumentError";
  }
}

type Segment = string | number;
type Locate = (path: Segment[]) => number | undefined;

// Ajv's default strictness (unknown keywords are errors), without its type hints: the if/then branches of the schema
// describe objects that the enclosing schema already types.
const ajv = new Ajv2020({ allErrors: true, verbose: true, strictTypes: false });
const validateSource = ajv.compile(schema);

/** Compiles the text of an instrument (YAML, or JSON, which is YAML too). `file` names it in problems. */
export function compileInstrument(text: string, file = "<instrument>"): CompiledInstrument {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    throw new InstrumentError(
      doc.errors.map((e) => ({ file, path: "", message: e.message.split("\n")[0]!, line: lines.linePos(e.pos[0]).line })),
    );
  }
  return compileDocument(doc.toJS(), file, locator(doc, lines));
}

/** Compiles an instrument already parsed into plain data (the SurveyJS importer builds one). */
export function compileDocument(source: unknown, file = "<instrument>", locate: Locate = () => undefined): CompiledInstrument {
  const fail = (problems: Array<{ path: Segment[]; message: string }>) =>
    new InstrumentError(problems.map(({ path, message }) => ({ file, path: path.join("/"), message, line: locate(path) })));
  if (!validateSource(source)) throw fail(schemaProblems(validateSource.errors ?? []));
  const body = normalise(source as Source);
  const problems = semanticProblems(body);
  if (problems.length) throw fail(problems);
  const hash = createHash("sha256").update(canonicalize(body)!).digest("hex");
  return deepFreeze({ ...body, hash });
}

/** The line of the YAML node at a path (of its key, in a mapping), or of its nearest ancestor that exists. */
function locator(doc: Document, lines: LineCounter): Locate {
  const lineOf = (node: unknown) => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? lines.linePos(range[0]).line : undefined;
  };
  return (path) => {
    for (let n = path.length; n > 0; n--) {
      const parent = n === 1 ? doc.contents : doc.getIn(path.slice(0, n - 1), true);
      const last = path[n - 1];
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(last));
        if (pair) return lineOf(pair.key);
      } else if (isSeq(parent) && typeof last === "number" && parent.items[last]) {
        return lineOf(parent.items[last]);
      }
    }
    return lineOf(doc.contents);
  };
}

// ---- JSON Schema problems ------------------------------------------------------------------------------------

function pointer(instancePath: string): Segment[] {
  return instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * Ajv's errors, made to point at the bad node: an unknown property names itself, a field refused for an item's
 * type says so, and the branches of a failed oneOf/anyOf give way to the description of what was expected.
 */
function schemaProblems(errors: ErrorObject[]): Array<{ path: Segment[]; message: string }> {
  const alternatives = errors.filter((e) => e.keyword === "oneOf" || e.keyword === "anyOf").map((e) => `${e.schemaPath}/`);
  // An item of an unknown type refuses every field that depends on the type: only the type is worth reporting.
  const badTypes = new Set(errors.filter((e) => e.keyword === "enum" && e.instancePath.endsWith("/type")).map((e) => e.instancePath.slice(0, -"/type".length)));
  const seen = new Set<string>();
  const problems: Array<{ path: Segment[]; message: string }> = [];
  for (const error of errors) {
    if (error.keyword === "if" || alternatives.some((prefix) => error.schemaPath.startsWith(prefix))) continue;
    if (error.keyword === "false schema" && badTypes.has(error.instancePath.slice(0, error.instancePath.lastIndexOf("/")))) continue;
    const path = pointer(error.instancePath);
    let message = error.message ?? "is not valid";
    if (error.keyword === "additionalProperties") {
      path.push((error.params as { additionalProperty: string }).additionalProperty);
      message = "is not a property allowed here";
    } else if (error.keyword === "false schema") {
      message = "is not allowed for this type of item";
    } else if (error.keyword === "enum") {
      message = `must be one of: ${(error.params as { allowedValues: unknown[] }).allowedValues.join(", ")}`;
    } else if (error.keyword === "oneOf" || error.keyword === "anyOf") {
      const description = (error.parentSchema as { description?: string } | undefined)?.description;
      if (description) message = `must be ${description}`;
    }
    const key = `${path.join("/")}\n${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ path, message });
  }
  return problems;
}

// ---- Normalisation -------------------------------------------------------------------------------------------

type SourceText = string | { text: string; status?: "authored" | "machine" };
type SourceLocalized = Partial<Record<Lang, SourceText>>;
/** The authored shape, as the schema admits it: texts may be plain strings and defaults may be left out. */
type Source = {
  id: string;
  version: string;
  title: SourceLocalized;
  description?: SourceLocalized;
  register_assessment_kind?: CompiledInstrument["register_assessment_kind"];
  source?: CompiledInstrument["source"];
  translation_status?: Partial<Record<Lang, "authored" | "machine">>;
  pages: Array<Omit<Page, "title" | "description" | "items"> & { title: SourceLocalized; description?: SourceLocalized; items: SourceItem[] }>;
  scoring?: { variables?: Array<Variable & { description?: SourceLocalized }> };
  outcomes: Array<{ code: string; label: SourceLocalized; description?: SourceLocalized }>;
  rules: Array<Omit<Rule, "labels" | "obligations" | "explanation"> & { labels?: string[]; obligations?: string[]; explanation: SourceLocalized }>;
  labels?: Array<{ code: string; text: SourceLocalized }>;
  obligations?: Array<{ code: string; reference: string; text: SourceLocalized }>;
  crosswalk?: Array<{ item: string; register_field: string; note?: SourceLocalized }>;
  migrations?: Array<{ from: string; items?: Record<string, string | null>; options?: Record<string, Record<string, string | null>> }>;
};
type SourceItem = {
  id: string;
  type: Item["type"];
  text: SourceLocalized;
  help?: SourceLocalized;
  required?: boolean;
  visible_if?: unknown;
  options?: Array<{ code: string; text: SourceLocalized; exclusive?: boolean }>;
  min?: number;
  max?: number;
  integer?: boolean;
  multiline?: boolean;
  max_length?: number;
  items?: SourceItem[];
};

/** Drops the keys whose value is undefined, so that the canonical JSON (and the hash) does not depend on them. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The compiled form: every text as { text, status }, every default written out. */
function normalise(source: Source): Omit<CompiledInstrument, "hash"> {
  const status = (lang: Lang) => source.translation_status?.[lang] ?? "authored";
  const text = (value: SourceLocalized): LocalizedText =>
    Object.fromEntries(
      languages
        .filter((lang) => value[lang] !== undefined)
        .map((lang) => {
          const entry = value[lang]!;
          return [lang, typeof entry === "string" ? { text: entry, status: status(lang) } : { text: entry.text, status: entry.status ?? status(lang) }];
        }),
    );
  const maybe = (value: SourceLocalized | undefined) => (value === undefined ? undefined : text(value));
  const option = (o: NonNullable<SourceItem["options"]>[number]): Option => ({ code: o.code, text: text(o.text), exclusive: o.exclusive ?? false });
  const item = (i: SourceItem): Item => {
    const base = { id: i.id, text: text(i.text), help: maybe(i.help), required: i.required ?? true, visible_if: i.visible_if };
    switch (i.type) {
      case "single":
      case "multi":
        return defined({ ...base, type: i.type, options: i.options!.map(option), min: i.min, max: i.max });
      case "text":
        return defined({ ...base, type: i.type, multiline: i.multiline ?? false, max_length: i.max_length });
      case "number":
        return defined({ ...base, type: i.type, integer: i.integer ?? false, min: i.min, max: i.max });
      case "date":
        return defined({ ...base, type: i.type });
      case "group":
        return defined({ ...base, type: i.type, items: i.items!.map((sub) => item(sub) as SubItem), min: i.min, max: i.max });
    }
  };
  return defined({
    format: COMPILED_FORMAT,
    id: source.id,
    version: source.version,
    title: text(source.title),
    description: maybe(source.description),
    register_assessment_kind: source.register_assessment_kind,
    source: source.source,
    pages: source.pages.map((p) =>
      defined({ id: p.id, title: text(p.title), description: maybe(p.description), visible_if: p.visible_if, items: p.items.map(item) }),
    ),
    scoring: { variables: (source.scoring?.variables ?? []).map((v) => defined({ ...v, description: maybe(v.description) })) },
    outcomes: source.outcomes.map((o) => defined({ code: o.code, label: text(o.label), description: maybe(o.description) })),
    rules: source.rules.map((r) =>
      defined({
        id: r.id,
        when: r.when,
        outcome: r.outcome,
        labels: r.labels ?? [],
        obligations: r.obligations ?? [],
        explanation: text(r.explanation),
      }),
    ),
    labels: (source.labels ?? []).map((l) => ({ code: l.code, text: text(l.text) })),
    obligations: (source.obligations ?? []).map((o) => ({ code: o.code, reference: o.reference, text: text(o.text) })),
    crosswalk: (source.crosswalk ?? []).map((c) => defined({ item: c.item, register_field: c.register_field, note: maybe(c.note) })),
    migrations: (source.migrations ?? []).map((m) => ({ from: m.from, items: m.items ?? {}, options: m.options ?? {} })),
  });
}

// ---- Semantic checks -----------------------------------------------------------------------------------------

/** Names the engine puts beside the answers and variables. */
const RESERVED = new Set(["outcome"]);
const registerFields = new Set(Object.keys(SystemRecord.shape));

/** Positions of the values used before them: the second and later uses of an id. */
function repeatedAt(values: string[]): number[] {
  const seen = new Set<string>();
  return values.flatMap((value, i) => (seen.has(value) ? [i] : (seen.add(value), [])));
}

/** What a schema cannot say: ids unique, references known, codes existing, every response given an outcome. */
function semanticProblems(body: Omit<CompiledInstrument, "hash">): Array<{ path: Segment[]; message: string }> {
  const problems: Array<{ path: Segment[]; message: string }> = [];
  const report = (path: Segment[], message: string) => problems.push({ path, message });
  const checkLogic = (path: Segment[], logic: unknown, scope: Scope) => {
    for (const message of logicProblems(logic, scope)) report(path, message);
  };

  const items = new Map<string, Item>();
  const itemIds = new Set<string>();
  const pageIds = new Set<string>();
  const variableIds = body.scoring.variables.map((v) => v.id);

  body.pages.forEach((page, p) => {
    if (pageIds.has(page.id)) report(["pages", p, "id"], `page id "${page.id}" is used more than once`);
    pageIds.add(page.id);
    // A condition reads only items before it, so one pass in form order settles every visibility.
    if (page.visible_if !== undefined) checkLogic(["pages", p, "visible_if"], page.visible_if, { items: new Map(items), names: new Set() });
    page.items.forEach((item, i) => {
      const at: Segment[] = ["pages", p, "items", i];
      if (itemIds.has(item.id)) report([...at, "id"], `item id "${item.id}" is used more than once`);
      if (RESERVED.has(item.id) || variableIds.includes(item.id)) report([...at, "id"], `"${item.id}" is also the name of a variable or reserved`);
      if (item.visible_if !== undefined) checkLogic([...at, "visible_if"], item.visible_if, { items: new Map(items), names: new Set() });
      checkItem(item, at, report);
      itemIds.add(item.id);
      if (item.type === "group") {
        item.items.forEach((sub, s) => {
          if (itemIds.has(sub.id)) report([...at, "items", s, "id"], `item id "${sub.id}" is used more than once`);
          itemIds.add(sub.id);
          checkItem(sub, [...at, "items", s], report);
        });
      }
      // The first of two items with one id is the one conditions and weights refer to.
      if (!items.has(item.id)) items.set(item.id, item);
    });
  });

  const known = new Set<string>();
  const weighted = new Set<string>();
  body.scoring.variables.forEach((variable, v) => {
    const at: Segment[] = ["scoring", "variables", v];
    if (known.has(variable.id)) report([...at, "id"], `variable "${variable.id}" is defined more than once`);
    if (RESERVED.has(variable.id)) report([...at, "id"], `"${variable.id}" is a reserved name`);
    if ("weights" in variable) {
      for (const [itemId, codes] of Object.entries(variable.weights)) {
        const item = items.get(itemId);
        if (!item) report([...at, "weights", itemId], `"${itemId}" is not an item of this instrument (items of a group cannot be weighted)`);
        else if (item.type !== "single" && item.type !== "multi") report([...at, "weights", itemId], `"${itemId}" is not a choice item`);
        else {
          for (const code of Object.keys(codes)) {
            if (!item.options.some((o) => o.code === code)) report([...at, "weights", itemId, code], `"${code}" is not an option of item "${itemId}"`);
          }
        }
      }
      weighted.add(variable.id);
    } else if ("max_of" in variable) {
      if (!weighted.has(variable.max_of)) report([...at, "max_of"], `"${variable.max_of}" is not a weights variable defined before this one`);
    } else {
      checkLogic([...at, "expression"], variable.expression, { items, names: new Set(known) });
    }
    known.add(variable.id);
  });

  const outcomeCodes = body.outcomes.map((o) => o.code);
  const labelCodes = new Set(body.labels.map((l) => l.code));
  const obligationCodes = new Set(body.obligations.map((o) => o.code));
  const catalogues = [
    ["outcomes", outcomeCodes],
    ["labels", body.labels.map((l) => l.code)],
    ["obligations", body.obligations.map((o) => o.code)],
  ] as const;
  for (const [list, codes] of catalogues) {
    for (const i of repeatedAt(codes)) report([list, i, "code"], `"${codes[i]}" is defined more than once`);
  }

  for (const r of repeatedAt(body.rules.map((rule) => rule.id))) report(["rules", r, "id"], `rule id "${body.rules[r]!.id}" is used more than once`);
  body.rules.forEach((rule, r) => {
    const at: Segment[] = ["rules", r];
    if (rule.outcome !== undefined && !outcomeCodes.includes(rule.outcome)) report([...at, "outcome"], `"${rule.outcome}" is not one of the outcomes`);
    // Only a rule that does not decide the outcome may read it: the outcome is known once the deciding rule is found.
    const names = new Set(rule.outcome === undefined ? [...known, "outcome"] : known);
    if (rule.when !== undefined) checkLogic([...at, "when"], rule.when, { items, names });
    rule.labels.forEach((code, l) => labelCodes.has(code) || report([...at, "labels", l], `"${code}" is not one of the labels`));
    rule.obligations.forEach((code, o) => obligationCodes.has(code) || report([...at, "obligations", o], `"${code}" is not one of the obligations`));
    for (const [lang, entry] of Object.entries(rule.explanation)) {
      for (const [, name] of entry.text.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)) {
        if (!known.has(name!)) report([...at, "explanation", lang], `{{${name}}} is not a variable`);
      }
    }
  });
  const deciding = body.rules.filter((r) => r.outcome !== undefined);
  if (!deciding.length) report(["rules"], "no rule decides an outcome");
  else if (deciding.at(-1)!.when !== undefined) {
    const last = body.rules.indexOf(deciding.at(-1)!);
    report(["rules", last, "when"], "the last rule that decides an outcome must have no condition, so that every response has one");
  }
  body.outcomes.forEach((o, i) => deciding.some((r) => r.outcome === o.code) || report(["outcomes", i, "code"], `no rule decides outcome "${o.code}"`));

  body.crosswalk.forEach((link, c) => {
    if (!items.has(link.item)) report(["crosswalk", c, "item"], `"${link.item}" is not an item of this instrument`);
    if (!registerFields.has(link.register_field)) report(["crosswalk", c, "register_field"], `"${link.register_field}" is not a field of the register record`);
  });

  for (const m of repeatedAt(body.migrations.map((migration) => migration.from))) {
    report(["migrations", m, "from"], `there is more than one migration from ${body.migrations[m]!.from}`);
  }
  body.migrations.forEach((migration, m) => {
    const at: Segment[] = ["migrations", m];
    if (migration.from === body.version) report([...at, "from"], "a migration comes from an earlier version, not this one");
    for (const [from, to] of Object.entries(migration.items)) {
      if (to !== null && !items.has(to)) report([...at, "items", from], `"${to}" is not an item of this version`);
    }
    for (const [itemId, codes] of Object.entries(migration.options)) {
      const item = items.get(itemId);
      if (!item || (item.type !== "single" && item.type !== "multi")) {
        report([...at, "options", itemId], `"${itemId}" is not a choice item of this version`);
        continue;
      }
      for (const [from, to] of Object.entries(codes)) {
        if (to !== null && !item.options.some((o) => o.code === to)) report([...at, "options", itemId, from], `"${to}" is not an option of item "${itemId}"`);
      }
    }
  });
  return problems;
}

function checkItem(item: Item | SubItem, at: Segment[], report: (path: Segment[], message: string) => void): void {
  if (item.type === "single" || item.type === "multi") {
    for (const o of repeatedAt(item.options.map((option) => option.code))) {
      report([...at, "options", o, "code"], `option code "${item.options[o]!.code}" is used more than once`);
    }
    if (item.type === "single") {
      item.options.forEach((o, i) => o.exclusive && report([...at, "options", i, "exclusive"], "only an option of a multiple choice can be exclusive"));
    }
    if (item.max !== undefined && item.max > item.options.length) report([...at, "max"], `is more than the ${item.options.length} options`);
  }
  if ("min" in item && "max" in item && item.min !== undefined && item.max !== undefined && item.min > item.max) {
    report([...at, "min"], "is more than max");
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
