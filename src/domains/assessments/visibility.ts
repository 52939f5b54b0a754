// Which pages and items a respondent sees, given the answers so far; answers of hidden items do not count.
import { holds } from "./conditions.ts";
import type { Answers, CompiledInstrument, Item, Page } from "./format.ts";

/** Whether a value is an answer: not missing, not blank text, not an empty list. */
export function isAnswered(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === "string") return value.trim() !== "";
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

interface Visible {
  pages: Page[];
  items: Item[];
  answers: Answers;
}

/**
 * One pass in form order. A condition reads only items before it (the compiler checks that), and only the answers
 * of those that are visible: hiding an item hides, in turn, whatever depends on its answer.
 */
function resolve(instrument: CompiledInstrument, answers: Readonly<Record<string, unknown>>): Visible {
  const visible: Visible = { pages: [], items: [], answers: {} };
  for (const page of instrument.pages) {
    if (page.visible_if !== undefined && !holds(page.visible_if, visible.answers)) continue;
    visible.pages.push(page);
    for (const item of page.items) {
      if (item.visible_if !== undefined && !holds(item.visible_if, visible.answers)) continue;
      visible.items.push(item);
      const value = Object.hasOwn(answers, item.id) ? answers[item.id] : undefined;
      if (isAnswered(value)) visible.answers[item.id] = value as Answers[string];
    }
  }
  return visible;
}

export function visiblePages(instrument: CompiledInstrument, answers: Readonly<Record<string, unknown>>): Page[] {
  return resolve(instrument, answers).pages;
}

/** The items to show, in form order (a group's sub-items come with it). */
export function visibleItems(instrument: CompiledInstrument, answers: Readonly<Record<string, unknown>>): Item[] {
  return resolve(instrument, answers).items;
}

/** The answers that count: those given to visible items, without blanks. Scoring reads only these. */
export function effectiveAnswers(instrument: CompiledInstrument, answers: Readonly<Record<string, unknown>>): Answers {
  return resolve(instrument, answers).answers;
}
