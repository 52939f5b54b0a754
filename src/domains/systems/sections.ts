// The workspace's forms of a record: the fields of each section, how a posted form becomes the section's contract
// input, and how the contract's problems become errors linked to the fields that caused them.
import type { z } from "zod";
import { languages, type Lang } from "../../i18n/languages.ts";
import {
  assessmentKinds,
  automationLevels,
  dataKinds,
  phases,
  recordSections,
  regions,
  riskClasses,
  themes,
  thirdPartyRoles,
  type RecordSection,
} from "./schema.ts";

/**
 * One field of a form. `key` is its name in the record; a control's form name is its path joined by dots
 * (`legalBases.0.title.fr.text`) and its id the same path joined by dashes (`legalBases-0-title-fr`).
 */
export type FieldSpec =
  /** A text in the four languages: one language is edited at a time, the others travel as hidden fields. */
  | { kind: "localized"; key: string; required?: boolean; multiline?: boolean }
  | { kind: "text"; key: string; required?: boolean; input?: "text" | "url" | "email" | "date" }
  | { kind: "select"; key: string; options: readonly string[]; labels: string }
  /** Booleans of one object, as a group of checkboxes. */
  | { kind: "flags"; key: string; options: readonly string[] }
  /** A list of short words, written comma-separated. */
  | { kind: "tags"; key: string }
  | { kind: "group"; key: string; fields: FieldSpec[] }
  /** A repeated fieldset; `focus` is the field an error about a whole item points to. */
  | { kind: "list"; key: string; fields: FieldSpec[]; max: number; focus?: string };

const loc = (key: string, options: { required?: boolean; multiline?: boolean } = {}): FieldSpec => ({ kind: "localized", key, ...options });
const line = (key: string, input: "text" | "url" | "email" | "date" = "text", required = false): FieldSpec => ({ kind: "text", key, input, required });
const select = (key: string, options: readonly string[], labels: string): FieldSpec => ({ kind: "select", key, options, labels });
const long = { multiline: true };

/** The fields of every section, in the order of the form. */
export const sectionFields: Record<RecordSection, FieldSpec[]> = {
  basics: [
    loc("name", { required: true }),
    loc("summary", { required: true, multiline: true }),
    {
      kind: "group",
      key: "classification",
      fields: [select("theme", themes, "themes"), select("region", regions, "regions"), { kind: "tags", key: "tags" }, loc("capability"), loc("task", long)],
    },
    {
      kind: "group",
      key: "status",
      fields: [select("phase", phases, "phases"), line("startDate", "date"), line("endDate", "date"), loc("stopReason", long)],
    },
    {
      kind: "group",
      key: "riskClass",
      fields: [
        select("class", riskClasses, "risk"),
        line("annexIIIPoint"),
        { kind: "flags", key: "flags", options: ["annexIProduct", "art6_3Exemption", "art50Transparency", "prohibitedChecked"] },
      ],
    },
    { kind: "group", key: "contact", fields: [line("email", "email"), line("url", "url")] },
    line("publicUrl", "url"),
    line("nextReviewDue", "date"),
    line("euDatabaseUrl", "url"),
  ],
  purpose: [
    loc("purpose", { required: true, multiline: true }),
    loc("justification", long),
    loc("decisionProcess", long),
    select("automation", automationLevels, "automation"),
    loc("humanReview", long),
    loc("scale", long),
    loc("redress", { required: true, multiline: true }),
  ],
  data: [
    loc("technicalDescription", long),
    {
      kind: "list",
      key: "models",
      max: 20,
      fields: [
        line("name", "text", true),
        line("version"),
        loc("task", long),
        loc("inputs", long),
        loc("outputs", long),
        loc("architecture", long),
        loc("performance", long),
      ],
    },
    {
      kind: "list",
      key: "data",
      max: 30,
      fields: [
        loc("name", { required: true }),
        select("kind", dataKinds, "data_kinds"),
        line("url", "url"),
        loc("description", long),
        loc("sensitiveAttributes", long),
        loc("collection", long),
        loc("sharingAgreements", long),
        loc("storage", long),
      ],
    },
    loc("maintenance", long),
    { kind: "group", key: "links", fields: [line("sourceCode", "url"), line("processingRecord", "url"), line("upstreamRecord", "url")] },
  ],
  accountability: [
    { kind: "group", key: "accountability", fields: [loc("team"), loc("seniorResponsibleRole"), line("registeredBy")] },
    {
      kind: "list",
      key: "thirdParties",
      max: 20,
      fields: [
        line("name", "text", true),
        line("companyNumber"),
        select("role", thirdPartyRoles, "third_party_roles"),
        loc("description", long),
        loc("procurement", long),
        loc("dataAccessTerms", long),
      ],
    },
    { kind: "list", key: "legalBases", max: 30, fields: [loc("title", { required: true }), line("url", "url")] },
  ],
  risks: [
    { kind: "list", key: "risks", max: 30, fields: [loc("name", { required: true }), loc("description", { required: true, multiline: true }), loc("mitigation", long)] },
    {
      kind: "list",
      key: "assessments",
      max: 30,
      focus: "summary",
      fields: [
        select("kind", assessmentKinds, "assessment_kinds"),
        line("date", "date"),
        loc("outcome"),
        loc("summary", long),
        line("url", "url"),
        loc("notDoneReason", long),
      ],
    },
  ],
};

/** What the first form of a new record asks: the fields the record cannot be without. */
export const newRecordFields: FieldSpec[] = [
  loc("name", { required: true }),
  loc("summary", { required: true, multiline: true }),
  loc("purpose", { required: true, multiline: true }),
  select("automation", automationLevels, "automation"),
  loc("redress", { required: true, multiline: true }),
  { kind: "group", key: "classification", fields: [select("theme", themes, "themes"), select("region", regions, "regions")] },
  { kind: "group", key: "status", fields: [select("phase", phases, "phases")] },
  { kind: "group", key: "riskClass", fields: [select("class", riskClasses, "risk"), line("annexIIIPoint")] },
  { kind: "group", key: "contact", fields: [line("email", "email"), line("url", "url")] },
];

export const isSection = (value: string): value is RecordSection => Object.hasOwn(recordSections, value);

// ---- Reading a posted form -----------------------------------------------------------------------------------

/** A form body as @fastify/formbody gives it: strings, or arrays of strings for repeated names. */
export type FormBody = Record<string, unknown>;

const one = (value: unknown): string | undefined => {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === "string" ? v : undefined;
};
const many = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");

/** The indices of a list's items present in the form, in order; at most `max` of them. */
function listIndices(body: FormBody, prefix: string, max: number): number[] {
  const pattern = new RegExp(`^${prefix.replace(/\./g, "\\.")}\\.(\\d{1,4})\\.`);
  const found = new Set<number>();
  for (const name of Object.keys(body)) {
    const match = pattern.exec(name);
    if (match) found.add(Number(match[1]));
  }
  return [...found].sort((a, b) => a - b).slice(0, max);
}

function decodeFields(fields: FieldSpec[], body: FormBody, prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const name = prefix ? `${prefix}.${field.key}` : field.key;
    switch (field.kind) {
      case "localized": {
        const text: Record<string, { text: string; status: string }> = {};
        for (const lang of languages) {
          const value = one(body[`${name}.${lang}.text`]);
          if (value === undefined || value === "") continue;
          text[lang] = { text: value, status: one(body[`${name}.${lang}.status`]) ?? "authored" };
        }
        // A required text left empty in every language stays an empty object, so the contract says which it is.
        if (Object.keys(text).length > 0 || field.required) out[field.key] = text;
        break;
      }
      case "text":
      case "select": {
        const value = one(body[name])?.trim();
        if (value) out[field.key] = value;
        break;
      }
      case "tags": {
        const value = one(body[name]) ?? "";
        out[field.key] = value.split(",").map((tag) => tag.trim()).filter(Boolean);
        break;
      }
      case "flags": {
        const chosen = many(body[name]);
        for (const option of field.options) out[option] = chosen.includes(option);
        break;
      }
      case "group":
        out[field.key] = decodeFields(field.fields, body, name);
        break;
      case "list":
        out[field.key] = listIndices(body, name, field.max).map((index) => decodeFields(field.fields, body, `${name}.${index}`));
        break;
    }
  }
  return out;
}

/**
 * The contract input of a section (or of the new-record form's fields) from a posted form; unknown names are
 * ignored. `prefix` is where the fields sit in the form (`record` in the new-record form, as in its contract).
 */
export function decodeForm(fields: FieldSpec[], body: FormBody, prefix = ""): Record<string, unknown> {
  return decodeFields(fields, body, prefix);
}

/** What a section form's button asked for: save, add an item to a list, or remove one. */
export type FormAction = { kind: "save" } | { kind: "add"; list: string } | { kind: "remove"; list: string; index: number };

export function formAction(fields: FieldSpec[], body: FormBody): FormAction {
  const value = one(body._action) ?? "save";
  const lists = fields.filter((f) => f.kind === "list").map((f) => f.key);
  const add = /^add:(\w+)$/.exec(value);
  if (add && lists.includes(add[1]!)) return { kind: "add", list: add[1]! };
  const remove = /^remove:(\w+)\.(\d{1,4})$/.exec(value);
  if (remove && lists.includes(remove[1]!)) return { kind: "remove", list: remove[1]!, index: Number(remove[2]) };
  return { kind: "save" };
}

/** Applies an add or remove to decoded values (nothing is saved: the form is shown again). */
export function applyListAction(fields: FieldSpec[], values: Record<string, unknown>, action: FormAction): Record<string, unknown> {
  if (action.kind === "save") return values;
  const spec = fields.find((f) => f.kind === "list" && f.key === action.list);
  const items = Array.isArray(values[action.list]) ? [...(values[action.list] as unknown[])] : [];
  if (action.kind === "add" && spec?.kind === "list" && items.length < spec.max) items.push({});
  if (action.kind === "remove") items.splice(action.index, 1);
  return { ...values, [action.list]: items };
}

// ---- Controls and errors -----------------------------------------------------------------------------------

/** One control of a rendered form: its path in the record and its id; `label` names it in the error summary. */
export interface Control {
  path: string[];
  id: string;
  /** Label keys from the outermost field in, with the list item numbers and the text's language, to name the control. */
  labelKey: string;
  item?: number;
  lang?: Lang;
}

export const controlId = (path: Array<string | number>) => path.join("-");
export const controlName = (path: Array<string | number>) => path.join(".");
/** A field's path in the record: the new-record form nests the record under `record`, as its contract does. */
export const recordPath = (path: Array<string | number>) => (path[0] === "record" ? path.slice(1) : path);
/** The label key of a field: its record path without list indices, e.g. `workspace.labels.thirdParties_name`. */
export const labelKey = (path: Array<string | number>) =>
  `workspace.labels.${recordPath(path).filter((p) => typeof p === "string").join("_")}`;

function listItems(values: unknown): unknown[] {
  return Array.isArray(values) ? values : [];
}

function valueAt(values: unknown, key: string): unknown {
  return values && typeof values === "object" ? (values as Record<string, unknown>)[key] : undefined;
}

/** Every control the form of `fields` shows for `values` in language `lang`, in the order of the page. */
export function controls(fields: FieldSpec[], values: unknown, lang: Lang, prefix: Array<string | number> = [], item?: number): Control[] {
  const out: Control[] = [];
  for (const field of fields) {
    const path = [...prefix, field.key];
    const at = (p: Array<string | number>, extra: Partial<Control> = {}): Control => ({
      path: p.map(String),
      id: controlId(p),
      labelKey: labelKey(path),
      ...(item === undefined ? {} : { item }),
      ...extra,
    });
    switch (field.kind) {
      case "localized":
        out.push(at([...path, lang, "text"], { id: controlId([...path, lang]), lang }), at([...path, lang, "status"], { lang }));
        break;
      case "flags":
        // The group's first box has the group's id; each boolean points to it.
        for (const option of field.options) out.push(at([...prefix, option], { id: controlId(path) }));
        break;
      case "group":
        out.push(...controls(field.fields, valueAt(values, field.key), lang, path, item));
        break;
      case "list":
        listItems(valueAt(values, field.key)).forEach((entry, index) => {
          const itemControls = controls(field.fields, entry, lang, [...path, index], index + 1);
          if (field.focus) {
            // An error about the whole item points to its `focus` field.
            const focus = itemControls.find((c) => c.path[path.length + 1] === field.focus);
            if (focus) out.push({ ...focus, path: [...path, index].map(String) });
          }
          out.push(...itemControls);
        });
        break;
      default:
        out.push(at(path));
    }
  }
  return out;
}

export interface FieldErrorView {
  id: string;
  message: string;
  control: Control;
}

/**
 * The errors of a form: each problem goes to the first control at or under its path (a problem about a whole
 * object, such as "give a contact e-mail or page", goes to the object's first control), one per control, in the
 * order of the page.
 */
export function formErrors(all: Control[], issues: readonly z.core.$ZodIssue[], prefix: string[] = []): FieldErrorView[] {
  const byId = new Map<string, FieldErrorView>();
  for (const issue of issues) {
    const path = [...prefix, ...issue.path.map(String)];
    const message = issue.message.startsWith("validation.") ? issue.message : "validation.invalid";
    let control: Control | undefined;
    for (let length = path.length; length >= 0 && !control; length--) {
      const head = path.slice(0, length);
      control = all.find((c) => head.every((segment, i) => c.path[i] === segment));
    }
    if (control && !byId.has(control.id)) byId.set(control.id, { id: control.id, message, control });
  }
  const order = all.map((c) => c.id);
  return [...byId.values()].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
}

/** How many texts of the values lack each language while another language has them. */
export function missingTranslations(fields: FieldSpec[], values: unknown): Record<Lang, number> {
  const counts = Object.fromEntries(languages.map((l) => [l, 0])) as Record<Lang, number>;
  const walk = (specs: FieldSpec[], v: unknown) => {
    for (const field of specs) {
      const value = valueAt(v, field.key);
      if (field.kind === "localized" && value && typeof value === "object" && Object.keys(value).length > 0) {
        for (const lang of languages) if (!valueAt(value, lang)) counts[lang]++;
      } else if (field.kind === "group") walk(field.fields, value);
      else if (field.kind === "list") for (const entry of listItems(value)) walk(field.fields, entry);
    }
  };
  walk(fields, values);
  return counts;
}
