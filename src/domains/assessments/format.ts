// The shapes of an instrument (as compiled from its YAML), of the answers to it and of a scored response.
// Keys are snake_case as in the authored YAML, so that a compiled instrument reads like its source.
import type { Lang } from "../../i18n/languages.ts";
import type { assessmentKinds, LocalizedText } from "../systems/schema.ts";

export type { Lang, LocalizedText };

/** Version of the compiled JSON format; a change of shape that old readers cannot read bumps it. */
export const COMPILED_FORMAT = 1;

/** The kind of entry (`assessments[].kind` of the register record) an approved response of an instrument becomes. */
export type RegisterAssessmentKind = (typeof assessmentKinds)[number];

/** A JSONLogic expression (https://jsonlogic.com): pure data, evaluated by conditions.ts. */
export type Logic = unknown;

export interface Option {
  code: string;
  text: LocalizedText;
  /** Chosen alone or not at all ("none of these") in a multiple choice. */
  exclusive: boolean;
}

interface ItemBase {
  id: string;
  text: LocalizedText;
  help?: LocalizedText;
  required: boolean;
  visible_if?: Logic;
}

export interface ChoiceItem extends ItemBase {
  type: "single" | "multi";
  options: Option[];
  /** Multiple choice only: fewest and most options that may be chosen. */
  min?: number;
  max?: number;
}

export interface TextItem extends ItemBase {
  type: "text";
  multiline: boolean;
  max_length?: number;
}

export interface NumberItem extends ItemBase {
  type: "number";
  integer: boolean;
  min?: number;
  max?: number;
}

export interface DateItem extends ItemBase {
  type: "date";
}

/** Items of a repeatable group: every item type but a group, and no condition of their own. */
export type SubItem = Omit<ChoiceItem, "visible_if"> | Omit<TextItem, "visible_if"> | Omit<NumberItem, "visible_if"> | Omit<DateItem, "visible_if">;

/** A repeatable group: each answer is a list of rows, each row answering the group's sub-items. */
export interface GroupItem extends ItemBase {
  type: "group";
  items: SubItem[];
  min?: number;
  max?: number;
}

export type Item = ChoiceItem | TextItem | NumberItem | DateItem | GroupItem;

export interface Page {
  id: string;
  title: LocalizedText;
  description?: LocalizedText;
  visible_if?: Logic;
  items: Item[];
}

interface VariableBase {
  id: string;
  description?: LocalizedText;
}
/** Sum of the weights of the chosen options, per item and option code; an option left out weighs 0. */
export interface WeightsVariable extends VariableBase {
  weights: Record<string, Record<string, number>>;
}
/** Any JSONLogic expression over the answers and the variables defined before it. */
export interface ExpressionVariable extends VariableBase {
  expression: Logic;
}
/** The highest value a weights variable can take, whatever the answers and conditions. */
export interface MaxOfVariable extends VariableBase {
  max_of: string;
}
export type Variable = WeightsVariable | ExpressionVariable | MaxOfVariable;

export interface Outcome {
  code: string;
  label: LocalizedText;
  description?: LocalizedText;
}

/**
 * Rules run in order after the variables. The first rule with an `outcome` whose condition holds decides the
 * outcome; every rule without an `outcome` whose condition holds adds its labels and obligations (its condition
 * may read the decided `outcome`). A rule without `when` always holds.
 */
export interface Rule {
  id: string;
  when?: Logic;
  outcome?: string;
  labels: string[];
  obligations: string[];
  /** Shown with the result; `{{name}}` is replaced by the value of the variable `name`. */
  explanation: LocalizedText;
}

export interface Label {
  code: string;
  text: LocalizedText;
}

export interface Obligation {
  code: string;
  /** Where the obligation comes from, e.g. "AI Act Art. 26(1)". */
  reference: string;
  text: LocalizedText;
}

/** An item that states the same fact as a field of the register record: the form may pre-fill one from the other. */
export interface CrosswalkLink {
  item: string;
  register_field: string;
  note?: LocalizedText;
}

/**
 * How answers given to version `from` carry over to this version. Items keep their id unless `items` maps it to a
 * new id (or to null: dropped); option codes likewise per item (keyed by the item's id in this version).
 */
export interface Migration {
  from: string;
  items: Record<string, string | null>;
  options: Record<string, Record<string, string | null>>;
}

export interface InstrumentSource {
  name: string;
  url?: string;
  licence?: string;
}

export interface CompiledInstrument {
  format: typeof COMPILED_FORMAT;
  id: string;
  version: string;
  /** sha256 (hex) of the canonical JSON (RFC 8785) of everything else in this object. */
  hash: string;
  title: LocalizedText;
  description?: LocalizedText;
  register_assessment_kind?: RegisterAssessmentKind;
  source?: InstrumentSource;
  pages: Page[];
  scoring: { variables: Variable[] };
  outcomes: Outcome[];
  rules: Rule[];
  labels: Label[];
  obligations: Obligation[];
  crosswalk: CrosswalkLink[];
  migrations: Migration[];
}

/** What a response pins: an instrument is known by id and version, and proven unchanged by its hash. */
export interface InstrumentRef {
  id: string;
  version: string;
  hash: string;
}

export type GroupRow = Record<string, string | number | string[]>;
/** single: an option code; multi: option codes; text and date (YYYY-MM-DD): a string; number; group: rows. */
export type AnswerValue = string | number | string[] | GroupRow[];
/** Answers by item id (the SurveyJS result format has the same shape). */
export type Answers = Record<string, AnswerValue>;

/** A problem with an answer: `message` is a translation key, `params` fill its placeholders. */
export interface AnswerProblem {
  /** Item id, or `group.row.subitem` inside a repeatable group (row counted from 0). */
  path: string;
  message: string;
  params: Record<string, string | number>;
}

export interface Progress {
  /** Visible required items that have an answer. */
  answered: number;
  /** Visible required items. */
  required: number;
  /** Ids of the visible required items still without an answer, in the order of the form. */
  missing: string[];
}

/** How much one answer added to a weights variable. */
export interface Contribution {
  variable: string;
  item: string;
  /** The chosen options that carry a weight. */
  options: string[];
  points: number;
}

export interface FiredRule {
  id: string;
  outcome?: string;
  explanation: LocalizedText;
}

export interface ScoreResult {
  instrument: InstrumentRef;
  engineVersion: string;
  variables: Record<string, unknown>;
  outcome: { code: string; label: LocalizedText; explanation: LocalizedText };
  firedRules: FiredRule[];
  labels: Label[];
  obligations: Obligation[];
  /** Answers that moved a weights variable, largest effect first. */
  contributions: Contribution[];
}
