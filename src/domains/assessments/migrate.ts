// Carries answers over from one version of an instrument to the next, as the new version's `migrations` say.
import type { AnswerValue, Answers, CompiledInstrument, GroupRow, Item } from "./format.ts";

export interface DroppedAnswer {
  /** Id of the item in the old version. */
  item: string;
  /** For a choice: the option that no longer exists. */
  option?: string;
  reason: "item_removed" | "option_removed" | "type_changed";
}

export interface MigratedAnswers {
  answers: Answers;
  /** What could not be carried over, for the respondent to see and answer again. */
  dropped: DroppedAnswer[];
}

/** No migration leads from the answers' version to the target version: the new version must declare one. */
export class NoMigrationError extends Error {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super(`${to} declares no migration from ${from}`);
    this.name = "NoMigrationError";
  }
}

/**
 * Answers of `from` as answers of `to`. An item keeps its id unless the migration maps it to another (or to null);
 * option codes likewise. Whatever no longer fits — an item gone, an option gone, a type changed — is dropped and
 * reported, never guessed. Visibility is not applied here: the new version's conditions decide at scoring.
 */
export function migrateAnswers(from: CompiledInstrument, to: CompiledInstrument, answers: Readonly<Answers>): MigratedAnswers {
  if (from.id !== to.id) throw new Error(`answers of ${from.id} cannot become answers of ${to.id}`);
  if (from.version === to.version) {
    if (from.hash !== to.hash) throw new Error(`${to.id}@${to.version} was changed without a new version`);
    return { answers: { ...answers }, dropped: [] };
  }
  const migration = to.migrations.find((m) => m.from === from.version);
  if (!migration) throw new NoMigrationError(`${from.id}@${from.version}`, `${to.id}@${to.version}`);

  const oldItems = itemsById(from);
  const newItems = itemsById(to);
  const result: MigratedAnswers = { answers: {}, dropped: [] };
  for (const [oldId, value] of Object.entries(answers)) {
    const newId = Object.hasOwn(migration.items, oldId) ? migration.items[oldId] : oldId;
    const target = newId ? newItems.get(newId) : undefined;
    if (!target) {
      result.dropped.push({ item: oldId, reason: "item_removed" });
      continue;
    }
    if (oldItems.get(oldId)?.type !== target.type) {
      result.dropped.push({ item: oldId, reason: "type_changed" });
      continue;
    }
    const recode = migration.options[target.id] ?? {};
    const carried = carry(target, value, recode, (option) => result.dropped.push({ item: oldId, option, reason: "option_removed" }));
    if (carried !== undefined) result.answers[target.id] = carried;
  }
  return result;
}

function itemsById(instrument: CompiledInstrument): Map<string, Item> {
  return new Map(instrument.pages.flatMap((p) => p.items.map((i) => [i.id, i] as const)));
}

function carry(
  item: Item,
  value: AnswerValue,
  recode: Record<string, string | null>,
  dropOption: (code: string) => void,
): AnswerValue | undefined {
  if (item.type === "group") {
    // Rows keep the sub-items the group still has.
    const subIds = new Set(item.items.map((sub) => sub.id));
    return (value as GroupRow[]).map((row) => Object.fromEntries(Object.entries(row).filter(([key]) => subIds.has(key))));
  }
  if (item.type !== "single" && item.type !== "multi") return value;
  const codes = new Set(item.options.map((o) => o.code));
  const map = (code: string) => {
    const next = Object.hasOwn(recode, code) ? recode[code] : code;
    if (next === null || next === undefined || !codes.has(next)) {
      dropOption(code);
      return undefined;
    }
    return next;
  };
  if (item.type === "single") return map(value as string);
  const kept = (value as string[]).map(map).filter((code): code is string => code !== undefined);
  return kept.length ? kept : undefined;
}
