// The pilots' workspace forms: posted bodies turned into the inputs of the contracts in schema.ts (long texts in one
// language at a time, numbers typed with a decimal comma or point, repeatable participant rows), the values shown back
// when the service refuses them, and the service's field errors turned into the form's error summary.
import type { AppError } from "../../http/errors.ts";
import { intlLocale } from "../../i18n/index.ts";
import { languages, type Lang } from "../../i18n/languages.ts";
import type { Message } from "../../web/components/fields.tsx";
import { all, localizedFromForm, optional, tagList, text, titleFromForm, type FormBody } from "../../web/form-body.ts";
import { countries, type Country } from "../exchange/sharing.ts";
import type { LocalizedText } from "../systems/schema.ts";
import type { IndicatorRow, LessonRow, MilestoneRow, PilotRecord } from "./repo.ts";

/** The frame's texts written in several languages (its supervising authority is a name). */
export const frameTexts = ["scope", "population", "dataSharingBasis", "safeguards", "exitCriteria"] as const;
export type FrameText = (typeof frameTexts)[number];

export interface ParticipantValue {
  organisationId: string;
  role: string;
}

export interface PilotFormValues {
  organisationId?: string;
  title: LocalizedText;
  summary: LocalizedText;
  sector?: string;
  /** As typed: tags separated by commas. */
  tags: string;
  frame: Record<FrameText, LocalizedText> & { supervisingAuthority: string };
  startsOn?: string;
  endsOn?: string;
  sharing?: string;
  /** The other participants, the lead left out; rows left empty are not kept. */
  participants: ParticipantValue[];
  systems: string[];
  contacts: string[];
}

/** How many empty participant rows the form offers below the filled ones: without JavaScript no row can be added. */
export const emptyParticipantRows = 2;

/** The rows `participants.N.organisationId` / `participants.N.role` in their order, those without an organisation left out. */
function participantsFromForm(body: FormBody): ParticipantValue[] {
  const rows = Object.keys(body)
    .flatMap((key) => {
      const match = /^participants\.(\d{1,3})\.organisationId$/.exec(key);
      return match ? [Number(match[1])] : [];
    })
    .sort((a, b) => a - b);
  return rows
    .map((row) => ({ organisationId: text(body, `participants.${row}.organisationId`).trim(), role: text(body, `participants.${row}.role`) }))
    .filter((p) => p.organisationId);
}

export function pilotFromForm(body: FormBody, editing: Lang, stored?: PilotRecord) {
  const frame = Object.fromEntries(frameTexts.map((name) => [name, localizedFromForm(body, `frame.${name}`, editing, stored?.frame[name])])) as Record<FrameText, LocalizedText>;
  const values: PilotFormValues = {
    organisationId: optional(body, "organisationId"),
    title: localizedFromForm(body, "title", editing, stored?.title),
    summary: localizedFromForm(body, "summary", editing, stored?.summary),
    sector: optional(body, "sector"),
    tags: text(body, "tags"),
    frame: { ...frame, supervisingAuthority: text(body, "frame.supervisingAuthority") },
    startsOn: optional(body, "startsOn"),
    endsOn: optional(body, "endsOn"),
    sharing: optional(body, "sharing"),
    participants: participantsFromForm(body),
    systems: all(body, "systems"),
    contacts: all(body, "contacts"),
  };
  const { organisationId: _, tags, ...rest } = values;
  return { values, input: { ...rest, tags: tagList(tags) } };
}

export const pilotValues = (p: PilotRecord): PilotFormValues => ({
  title: p.title,
  summary: p.summary,
  sector: p.sector,
  tags: p.tags.join(", "),
  frame: p.frame,
  startsOn: p.startsOn,
  endsOn: p.endsOn,
  sharing: p.sharing,
  participants: p.participants.filter((x) => x.role !== "lead"),
  systems: p.systems,
  contacts: p.contacts,
});

/** The pilot form's fields from top to bottom, each with the id of the control its errors link to. */
export function pilotFields(editing: Lang, rows: number): Array<[string, string]> {
  const inLanguage = (name: string): [string, string] => [name, `${name}-${editing}`];
  return [
    ["organisationId", "organisationId"],
    inLanguage("title"),
    inLanguage("summary"),
    ["sector", "sector"],
    ["tags", "tags"],
    ...frameTexts.map((name) => inLanguage(`frame.${name}`)),
    ["frame.supervisingAuthority", "supervisingAuthority"],
    ["startsOn", "startsOn"],
    ["endsOn", "endsOn"],
    ["sharing", "sharing"],
    ["participants", "participant-0-organisation"],
    ...Array.from({ length: rows }, (_, row): Array<[string, string]> => [
      [`participants.${row}.organisationId`, `participant-${row}-organisation`],
      [`participants.${row}.role`, `participant-${row}-role`],
    ]).flat(),
    ["systems", "systems"],
    ["contacts", "contacts"],
  ];
}

/** One text written in the language being edited, or absent when left empty (a state's reason, its outcomes). */
const oneText = (value: string, lang: Lang): LocalizedText | undefined => (value.trim() ? { [lang]: { text: value.trim(), status: "authored" } } : undefined);

export interface TransitionFormValues {
  to?: string;
  reason: string;
  evaluation: string;
}

export function transitionFromForm(body: FormBody, editing: Lang) {
  const values: TransitionFormValues = { to: optional(body, "to"), reason: text(body, "reason"), evaluation: text(body, "evaluation") };
  return { values, input: { to: values.to, reason: oneText(values.reason, editing), evaluation: oneText(values.evaluation, editing) } };
}

export const transitionFields: Array<[string, string]> = [
  ["to", "to"],
  ["reason", "reason"],
  ["evaluation", "evaluation"],
];

export interface MilestoneFormValues {
  title: LocalizedText;
  dueOn?: string;
  doneOn?: string;
}

export function milestoneFromForm(body: FormBody) {
  const values: MilestoneFormValues = { title: titleFromForm(body, "title"), dueOn: optional(body, "dueOn"), doneOn: optional(body, "doneOn") };
  return { values, input: values };
}

export const milestoneValues = (m: MilestoneRow): MilestoneFormValues => ({ title: m.title, dueOn: m.dueOn, doneOn: m.doneOn ?? undefined });

export const milestoneFields = (lang: Lang): Array<[string, string]> => [
  ["title", `milestone-title-${lang}`],
  ["dueOn", "dueOn"],
  ["doneOn", "doneOn"],
];

/**
 * A number as typed in any of our languages: a decimal comma or point ("12,5", "12.5"), spaces between groups of
 * digits allowed. Empty is absent; anything else is not a number, which the contract refuses.
 */
export function decimal(typed: string): number | undefined {
  const compact = typed.replace(/[\s\u00a0\u202f]/g, "").replace("\u2212", "-");
  if (!compact) return undefined;
  return /^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/.test(compact) ? Number(compact.replace(",", ".")) : Number.NaN;
}

// Without grouping, so that the number shown in a field reads back as the same number.
const decimalFormats = Object.fromEntries(languages.map((lang) => [lang, new Intl.NumberFormat(intlLocale[lang], { useGrouping: false, maximumFractionDigits: 20 })])) as Record<Lang, Intl.NumberFormat>;

/** A stored number as the page's language writes it in a field ("12,5" in French). */
const typedDecimal = (lang: Lang, value: number): string => decimalFormats[lang].format(value);

export interface IndicatorFormValues {
  name: LocalizedText;
  unit: string;
  direction?: string;
  /** As typed, per country; a country whose two fields are empty is not measured. */
  targets: Record<Country, { baseline: string; target: string }>;
}

export function indicatorFromForm(body: FormBody) {
  const values: IndicatorFormValues = {
    name: titleFromForm(body, "name"),
    unit: text(body, "unit"),
    direction: optional(body, "direction"),
    targets: Object.fromEntries(countries.map((c) => [c, { baseline: text(body, `targets.${c}.baseline`), target: text(body, `targets.${c}.target`) }])) as IndicatorFormValues["targets"],
  };
  const targets = Object.fromEntries(
    countries.flatMap((c) => {
      const { baseline, target } = values.targets[c];
      return baseline.trim() || target.trim() ? [[c, { baseline: decimal(baseline), target: decimal(target) }]] : [];
    }),
  );
  return { values, input: { name: values.name, unit: values.unit, direction: values.direction, targets } };
}

export const indicatorValues = (i: IndicatorRow, lang: Lang): IndicatorFormValues => ({
  name: i.name,
  unit: i.unit,
  direction: i.direction,
  targets: Object.fromEntries(
    countries.map((c) => {
      const t = i.targets[c];
      return [c, t ? { baseline: typedDecimal(lang, t.baseline), target: typedDecimal(lang, t.target) } : { baseline: "", target: "" }];
    }),
  ) as IndicatorFormValues["targets"],
});

export const indicatorFields = (lang: Lang): Array<[string, string]> => [
  ["name", `indicator-name-${lang}`],
  ["unit", "unit"],
  ["direction", "direction"],
  ["targets", "targets-LU-baseline"],
  ...countries.flatMap((c): Array<[string, string]> => [
    [`targets.${c}.baseline`, `targets-${c}-baseline`],
    [`targets.${c}.target`, `targets-${c}-target`],
  ]),
];

export interface MeasurementFormValues {
  indicatorId?: string;
  measuredOn?: string;
  /** As typed. */
  value: string;
  note: string;
  organisationId?: string;
}

export function measurementFromForm(body: FormBody) {
  const values: MeasurementFormValues = {
    indicatorId: optional(body, "indicatorId"),
    measuredOn: optional(body, "measuredOn"),
    value: text(body, "value"),
    note: text(body, "note"),
    organisationId: optional(body, "organisationId"),
  };
  return { values, input: { ...values, value: decimal(values.value), note: optional(body, "note") } };
}

export const measurementFields: Array<[string, string]> = [
  ["organisationId", "organisationId"],
  ["indicatorId", "indicatorId"],
  ["measuredOn", "measuredOn"],
  ["value", "value"],
  ["note", "note"],
];

export const lessonTexts = ["title", "context", "whatWorked", "whatDidNot", "recommendation"] as const;
export type LessonText = (typeof lessonTexts)[number];

export type LessonFormValues = Record<LessonText, LocalizedText> & { organisationId?: string; tags: string; sharing?: string };

export function lessonFromForm(body: FormBody, editing: Lang, stored?: LessonRow) {
  const texts = Object.fromEntries(lessonTexts.map((name) => [name, localizedFromForm(body, name, editing, stored?.[name])])) as Record<LessonText, LocalizedText>;
  const values: LessonFormValues = { ...texts, organisationId: optional(body, "organisationId"), tags: text(body, "tags"), sharing: optional(body, "sharing") };
  return { values, input: { ...values, tags: tagList(values.tags) } };
}

export const lessonValues = (l: LessonRow): LessonFormValues => ({
  title: l.title,
  context: l.context,
  whatWorked: l.whatWorked,
  whatDidNot: l.whatDidNot,
  recommendation: l.recommendation,
  tags: l.tags.join(", "),
  sharing: l.sharing,
});

export const lessonFields = (editing: Lang): Array<[string, string]> => [
  ["organisationId", "organisationId"],
  ...lessonTexts.map((name): [string, string] => [name, `${name}-${editing}`]),
  ["tags", "tags"],
  ["sharing", "sharing"],
];

/** A form's errors: one message per field, and the summary's items in the form's order, each linking to its control. */
export interface FormProblems {
  fields: Record<string, Message>;
  summary: Array<{ href: string; message: Message }>;
}

export const noProblems: FormProblems = { fields: {}, summary: [] };

/** The listed field a contract path is about: the longest one it starts with ("frame.scope.en.text" → "frame.scope"). */
function fieldOf(path: string, names: string[]): string {
  const parts = path.split(".");
  for (let n = parts.length; n > 0; n--) {
    const head = parts.slice(0, n).join(".");
    if (names.includes(head)) return head;
  }
  return parts[0] || "form";
}

/**
 * The errors of a refused form from the service's `invalid_input` (the contract's and its own checks alike). `fields`
 * lists the form's fields from top to bottom with their controls' ids; `aliases` renames paths the service names
 * otherwise than the form.
 */
export function problemsOf(error: AppError, fields: Array<[string, string]>, aliases: Record<string, string> = {}): FormProblems {
  const names = fields.map(([name]) => name);
  const found: Record<string, Message> = {};
  for (const problem of error.fields) {
    const name = fieldOf(aliases[problem.path] ?? problem.path, names);
    found[name] ??= problem.params && Object.keys(problem.params).length ? { key: problem.message, params: problem.params } : problem.message;
  }
  const rank = (name: string) => (names.includes(name) ? names.indexOf(name) : names.length);
  const summary = Object.keys(found)
    .sort((a, b) => rank(a) - rank(b))
    .map((name) => ({ href: `#${fields.find(([n]) => n === name)?.[1] ?? name}`, message: found[name]! }));
  return { fields: found, summary };
}
