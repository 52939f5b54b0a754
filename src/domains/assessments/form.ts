// The fields of an assessment page's form, and the answers and notes a posted form gives. Field names: `a.<item>` (a
// multiple choice repeats it), `a.<group>.<row>.<sub-item>` for a repeatable group's rows, `c.<item>` for the note on
// an answer; `rows.<group>` says how many rows the form showed.
import type { AnswerValue, Answers, GroupItem, GroupRow, Item, Page, SubItem } from "./format.ts";
import { isAnswered } from "./visibility.ts";

/** The most rows a form may post for one group, whatever `rows.<group>` claims. */
const MAX_ROWS = 200;

export const answerField = (itemId: string) => `a.${itemId}`;
export const commentField = (itemId: string) => `c.${itemId}`;
export const rowField = (groupId: string, row: number, subId: string) => `a.${groupId}.${row}.${subId}`;
export const rowCountField = (groupId: string) => `rows.${groupId}`;

/** The HTML id of an item's control (or of a group row's sub-item), which the error summary links to. */
export function controlId(path: string): string {
  return `q-${path.replaceAll(".", "-")}`;
}

const texts = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");
const text = (value: unknown): string => texts(value)[0] ?? "";

/** A number as typed in any of the four languages ("3,5" or "3.5"); kept as text when it is not one, for the error. */
function numberOf(raw: string): number | string {
  const normalised = raw.trim().replace(/\s/g, "").replace(",", ".");
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(normalised) ? Number(normalised) : raw.trim();
}

function valueOf(item: Item | SubItem, raw: unknown): AnswerValue | undefined {
  switch (item.type) {
    case "multi": {
      const codes = texts(raw).filter((code) => code !== "");
      return codes.length ? codes : undefined;
    }
    case "number": {
      const typed = text(raw);
      return typed.trim() === "" ? undefined : numberOf(typed);
    }
    case "text":
      return isAnswered(text(raw)) ? text(raw) : undefined;
    default:
      return text(raw) === "" ? undefined : text(raw);
  }
}

function rowsOf(group: GroupItem, body: Record<string, unknown>): GroupRow[] {
  const count = Math.min(MAX_ROWS, Math.max(0, Number.parseInt(text(body[rowCountField(group.id)]), 10) || 0));
  const rows: GroupRow[] = [];
  for (let r = 0; r < count; r++) {
    const row: GroupRow = {};
    for (const sub of group.items) {
      const value = valueOf(sub, body[rowField(group.id, r, sub.id)]);
      if (value !== undefined) row[sub.id] = value as GroupRow[string];
    }
    // A row left blank is no row: the form always offers an empty one to fill.
    if (Object.keys(row).length) rows.push(row);
  }
  return rows;
}

/** The answers and notes of one page's form. An item without an answer is left out (the service clears it). */
export function answersFromForm(page: Page, body: unknown): { answers: Answers; comments: Record<string, string> } {
  const fields = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const answers: Answers = {};
  const comments: Record<string, string> = {};
  for (const item of page.items) {
    const value = item.type === "group" ? rowsOf(item, fields) : valueOf(item, fields[answerField(item.id)]);
    if (value !== undefined && isAnswered(value)) answers[item.id] = value;
    const note = text(fields[commentField(item.id)]).trim();
    if (note) comments[item.id] = note;
  }
  return { answers, comments };
}
