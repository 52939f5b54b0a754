// Imports a SurveyJS questionnaire in the convention of Canada's Algorithmic Impact Assessment into a compiled
// instrument, with that tool's scoring written as instrument variables and rules (../shared/reference/assessments.md):
// question kind from the `-RS`/`-MS`/`-NS` suffix of its name or its parent's; points after the last `-` of an
// option value; R and M summed; Rmax and Mmax over every scored question, shown or not; mitigation counts when
// M ≥ 0.8 × Mmax / 2 (design and implementation pages duplicate each other) and then T = round(0.85 × R);
// levels I–IV at 25, 50 and 75 % of Rmax. Conditions (`visibleIf`) are kept and, as everywhere in Gäichel, an answer
// to a question its conditions hide does not count. The tool sums whatever its SurveyJS model holds: the two differ
// only on answers left behind on hidden questions (SurveyJS can clear those, see its `clearInvisibleValues`).
import { isLang, languages, type Lang } from "../../i18n/languages.ts";
import { compileDocument, InstrumentError } from "./compile.ts";
import type { CompiledInstrument, InstrumentSource, Logic } from "./format.ts";
import { ExpressionError, surveyExpressionToLogic } from "./surveyjs-expressions.ts";

type SurveyText = string | Record<string, string>;
interface SurveyElement {
  type?: string;
  name?: string;
  title?: SurveyText;
  description?: SurveyText;
  visibleIf?: string;
  isRequired?: boolean;
  inputType?: string;
  choices?: Array<string | number | { value: string | number; text?: SurveyText }>;
  elements?: SurveyElement[];
}

export interface SurveyImport {
  id: string;
  version: string;
  title?: Partial<Record<Lang, string>>;
  source?: InstrumentSource;
}

/** A SurveyJS survey has pages of elements; our instruments have pages of items. */
export function isSurveyJs(value: unknown): boolean {
  const pages = (value as { pages?: unknown } | null)?.pages;
  return Array.isArray(pages) && pages.some((page) => Array.isArray((page as SurveyElement | null)?.elements));
}

const scoredTypes = new Set(["radiogroup", "checkbox", "dropdown"]);
/** Elements that only show text: nothing to answer. */
const displayTypes = new Set(["html", "image", "expression"]);

function scoreKind(name: string | undefined): "RS" | "MS" | "NS" | undefined {
  const match = /-(RS|MS|NS)$/.exec(name ?? "");
  return match ? (match[1] as "RS" | "MS" | "NS") : undefined;
}

/** The points of an option value: the number after its last `-`, 0 when there is none (as the Canada tool reads it). */
export function optionPoints(value: string): number {
  const dash = value.lastIndexOf("-");
  if (dash < 0) return 0;
  const points = Number(value.slice(dash + 1));
  return Number.isNaN(points) ? 0 : points;
}

function choiceValues(element: SurveyElement): string[] {
  return (element.choices ?? []).map((choice) => String(typeof choice === "object" ? choice.value : choice));
}

/** Our texts are plain: SurveyJS texts may carry HTML, which is reduced to its words. */
function plain(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/[ \t]+/g, " ")
    .trim();
}

/** Generated texts of the importer: the outcome of the AIA formula in our four languages. */
const LEVELS = [
  { code: "level_1", roman: "I", limit: "threshold_1", share: "25" },
  { code: "level_2", roman: "II", limit: "threshold_2", share: "50" },
  { code: "level_3", roman: "III", limit: "threshold_3", share: "75" },
  { code: "level_4", roman: "IV", limit: undefined, share: "75" },
] as const;

function levelTexts(level: (typeof LEVELS)[number]) {
  const share = { fr: `${level.share} %`, nl: `${level.share}%`, de: `${level.share} %`, en: `${level.share}%` };
  const scores = {
    fr: "Score de risque brut {{raw_risk}} sur {{raw_risk_max}}, score d'atténuation {{mitigation}} sur {{mitigation_max}}.",
    nl: "Ruwe risicoscore {{raw_risk}} van {{raw_risk_max}}, mitigatiescore {{mitigation}} van {{mitigation_max}}.",
    de: "Rohrisikowert {{raw_risk}} von {{raw_risk_max}}, Minderungswert {{mitigation}} von {{mitigation_max}}.",
    en: "Raw risk score {{raw_risk}} of {{raw_risk_max}}, mitigation score {{mitigation}} of {{mitigation_max}}.",
  };
  const bound = level.limit
    ? {
        fr: `Niveau d'incidence ${level.roman} : le score total {{total}} ne dépasse pas {{${level.limit}}} (${share.fr} du score de risque brut maximal).`,
        nl: `Impactniveau ${level.roman}: de totale score {{total}} is niet hoger dan {{${level.limit}}} (${share.nl} van de hoogst mogelijke ruwe risicoscore).`,
        de: `Auswirkungsstufe ${level.roman}: Der Gesamtwert {{total}} liegt nicht über {{${level.limit}}} (${share.de} des höchstmöglichen Rohrisikowerts).`,
        en: `Impact level ${level.roman}: the total score {{total}} is at most {{${level.limit}}} (${share.en} of the highest possible raw risk score).`,
      }
    : {
        fr: "Niveau d'incidence IV : le score total {{total}} dépasse {{threshold_3}} (75 % du score de risque brut maximal).",
        nl: "Impactniveau IV: de totale score {{total}} is hoger dan {{threshold_3}} (75% van de hoogst mogelijke ruwe risicoscore).",
        de: "Auswirkungsstufe IV: Der Gesamtwert {{total}} liegt über {{threshold_3}} (75 % des höchstmöglichen Rohrisikowerts).",
        en: "Impact level IV: the total score {{total}} is above {{threshold_3}} (75% of the highest possible raw risk score).",
      };
  return {
    label: { fr: `Niveau ${level.roman}`, nl: `Niveau ${level.roman}`, de: `Stufe ${level.roman}`, en: `Level ${level.roman}` },
    explanation: Object.fromEntries(languages.map((lang) => [lang, `${bound[lang]} ${scores[lang]}`])),
  };
}

/**
 * Converts a SurveyJS survey into an instrument and compiles it. Texts come from the survey's locale strings (its
 * default locale, English unless `locale` says otherwise, and any of fr/nl/de/en); languages it lacks stay missing.
 */
export function importSurveyJs(survey: unknown, meta: SurveyImport, file = `${meta.id}.json`): CompiledInstrument {
  if (!isSurveyJs(survey)) {
    throw new InstrumentError([{ file, path: "pages", message: "is not a SurveyJS survey: it needs pages with elements" }]);
  }
  const root = survey as { pages: SurveyElement[]; locale?: string; title?: SurveyText };
  const defaultLang: Lang = isLang(root.locale) ? root.locale : "en";
  const localized = (value: SurveyText | undefined, fallback?: string): Partial<Record<Lang, string>> | undefined => {
    const entries: Array<[string, unknown]> =
      typeof value === "string" ? [[defaultLang, value]] : Object.entries(value ?? {}).map(([k, v]) => [k === "default" ? defaultLang : k, v]);
    const texts = Object.fromEntries(
      entries.filter(([lang, text]) => isLang(lang) && typeof text === "string" && plain(text)).map(([lang, text]) => [lang, plain(text as string)]),
    );
    if (Object.keys(texts).length) return texts;
    return fallback === undefined ? undefined : { [defaultLang]: fallback };
  };

  const problems: Array<{ path: string; message: string }> = [];
  const condition = (expression: string | undefined, path: string): Logic | undefined => {
    if (!expression?.trim()) return undefined;
    try {
      return surveyExpressionToLogic(expression);
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      problems.push({ path, message: `cannot read the condition "${expression}": ${error.message}` });
      return undefined;
    }
  };
  const both = (a: Logic | undefined, b: Logic | undefined) => (a === undefined ? b : b === undefined ? a : { and: [a, b] });

  function toItem(element: SurveyElement, at: string): Record<string, unknown> | undefined {
    const base = {
      id: element.name,
      text: localized(element.title, element.name),
      help: localized(element.description),
      required: element.isRequired === true,
    };
    switch (element.type) {
      case "radiogroup":
      case "dropdown":
      case "checkbox":
        return {
          ...base,
          type: element.type === "checkbox" ? "multi" : "single",
          options: (element.choices ?? []).map((choice, c) => {
            const value = choiceValues(element)[c]!;
            return { code: value, text: localized(typeof choice === "object" ? choice.text : undefined, value) };
          }),
        };
      case "comment":
        return { ...base, type: "text", multiline: true };
      case "text":
        if (element.inputType === "number") return { ...base, type: "number" };
        if (element.inputType === "date") return { ...base, type: "date" };
        return { ...base, type: "text" };
      default:
        problems.push({ path: at, message: `question type "${element.type}" cannot be imported` });
        return undefined;
    }
  }

  const risk: Record<string, Record<string, number>> = {};
  const mitigation: Record<string, Record<string, number>> = {};
  const pages = root.pages.map((page, p) => {
    const items: unknown[] = [];
    const walk = (elements: SurveyElement[], parent: SurveyElement, inherited: Logic | undefined, path: string) => {
      elements.forEach((element, e) => {
        const at = `${path}/elements/${e}`;
        const shown = both(inherited, condition(element.visibleIf, `${at}/visibleIf`));
        if (element.type === "panel") return walk(element.elements ?? [], element, shown, at);
        if (displayTypes.has(element.type ?? "")) return;
        const item = toItem(element, at);
        if (!item) return;
        items.push({ ...item, visible_if: shown });
        const kind = scoreKind(element.name) ?? scoreKind(parent.name);
        if (scoredTypes.has(element.type!) && (kind === "RS" || kind === "MS")) {
          const weights = Object.fromEntries(choiceValues(element).map((value) => [value, optionPoints(value)]));
          (kind === "RS" ? risk : mitigation)[element.name!] = weights;
        }
      });
    };
    walk(page.elements ?? [], page, undefined, `pages/${p}`);
    const id = page.name ?? `page${p + 1}`;
    return { id, title: localized(page.title, id), visible_if: condition(page.visibleIf, `pages/${p}/visibleIf`), items };
  });

  if (!Object.keys(risk).length) problems.push({ path: "pages", message: "has no scored -RS question: not in the AIA convention" });
  if (problems.length) throw new InstrumentError(problems.map((problem) => ({ file, ...problem })));

  const weightsOrZero = (id: string, weights: Record<string, Record<string, number>>) =>
    Object.keys(weights).length ? [{ id, weights }, { id: `${id}_max`, max_of: id }] : [{ id, expression: 0 }, { id: `${id}_max`, expression: 0 }];
  const v = (name: string) => ({ var: name });
  const document = {
    id: meta.id,
    version: meta.version,
    title: meta.title ?? localized(root.title, meta.id),
    source: meta.source,
    register_assessment_kind: "impact_level",
    pages: pages.filter((page) => page.items.length),
    scoring: {
      variables: [
        ...weightsOrZero("raw_risk", risk),
        ...weightsOrZero("mitigation", mitigation),
        { id: "mitigation_applies", expression: { ">=": [v("mitigation"), { "*": [0.8, { "/": [v("mitigation_max"), 2] }] }] } },
        { id: "total", expression: { if: [v("mitigation_applies"), { round: { "*": [0.85, v("raw_risk")] } }, v("raw_risk")] } },
        { id: "threshold_1", expression: { "*": [0.25, v("raw_risk_max")] } },
        { id: "threshold_2", expression: { "*": [0.5, v("raw_risk_max")] } },
        { id: "threshold_3", expression: { "*": [0.75, v("raw_risk_max")] } },
      ],
    },
    outcomes: LEVELS.map((level) => ({ code: level.code, label: levelTexts(level).label })),
    rules: [
      ...LEVELS.map((level) => ({
        id: level.code,
        ...(level.limit ? { when: { "<=": [v("total"), v(level.limit)] } } : {}),
        outcome: level.code,
        explanation: levelTexts(level).explanation,
      })),
      {
        id: "mitigation_discount",
        when: v("mitigation_applies"),
        labels: ["mitigation_applied"],
        explanation: {
          fr: "Le score d'atténuation {{mitigation}} atteint 80 % de la moitié du maximum ({{mitigation_max}}) : le score brut est réduit de 15 %.",
          nl: "De mitigatiescore {{mitigation}} bereikt 80% van de helft van het maximum ({{mitigation_max}}): de ruwe score wordt met 15% verlaagd.",
          de: "Der Minderungswert {{mitigation}} erreicht 80 % der Hälfte des Höchstwerts ({{mitigation_max}}): Der Rohwert wird um 15 % gesenkt.",
          en: "The mitigation score {{mitigation}} reaches 80% of half its maximum ({{mitigation_max}}): the raw score is lowered by 15%.",
        },
      },
    ],
    labels: [
      {
        code: "mitigation_applied",
        text: { fr: "Atténuation prise en compte", nl: "Mitigatie meegeteld", de: "Minderung berücksichtigt", en: "Mitigation applied" },
      },
    ],
  };
  // Through JSON, as if read from a file: the fields left undefined disappear.
  return compileDocument(JSON.parse(JSON.stringify(document)), file);
}
