// A readable diff between two versions of a record: the changed fields, each with a word-level diff of its text.
import { diffWords } from "diff";
import { isLang, type Lang } from "../../i18n/languages.ts";
import type { SystemRecord } from "./schema.ts";

export interface FieldDiff {
  /** Path of the field, e.g. ["risks", 1, "mitigation"]; the first segment names the section. */
  path: Array<string | number>;
  /** Language of the text, or null for a value that has none (a date, a class, a link). */
  lang: Lang | null;
  before: string | null;
  after: string | null;
  parts: Array<{ value: string; added: boolean; removed: boolean }>;
}

interface Leaf {
  path: Array<string | number>;
  lang: Lang | null;
  value: string;
}

/** Flattens a record into its texts and values, one leaf per language of a translated text. */
function leaves(value: unknown, path: Array<string | number> = [], out: Leaf[] = []): Leaf[] {
  if (value === undefined || value === null) return out;
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== "object")) {
      if (value.length) out.push({ path, lang: null, value: value.join(", ") });
    } else value.forEach((item, i) => leaves(item, [...path, i], out));
  } else if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    const translated = entries.length > 0 && entries.every(([k, v]) => isLang(k) && v && typeof v === "object" && "text" in v);
    if (translated) {
      for (const [lang, v] of entries) out.push({ path, lang: lang as Lang, value: (v as { text: string }).text });
    } else for (const [k, v] of entries) leaves(v, [...path, k], out);
  } else out.push({ path, lang: null, value: String(value) });
  return out;
}

const keyOf = (leaf: { path: Array<string | number>; lang: Lang | null }) => `${leaf.path.join(".")}|${leaf.lang ?? ""}`;

export function diffRecords(before: SystemRecord, after: SystemRecord): FieldDiff[] {
  const a = new Map(leaves(before).map((l) => [keyOf(l), l]));
  const b = new Map(leaves(after).map((l) => [keyOf(l), l]));
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  const changes: FieldDiff[] = [];
  for (const key of keys) {
    const x = a.get(key);
    const y = b.get(key);
    if (x?.value === y?.value) continue;
    const leaf = (y ?? x)!;
    changes.push({
      path: leaf.path,
      lang: leaf.lang,
      before: x?.value ?? null,
      after: y?.value ?? null,
      parts: diffWords(x?.value ?? "", y?.value ?? "").map((p) => ({
        value: p.value,
        added: Boolean(p.added),
        removed: Boolean(p.removed),
      })),
    });
  }
  return changes;
}
