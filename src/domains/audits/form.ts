// The column-mapping form of an audit as the engine's settings: empty fields are absent, numbers are parsed (a
// number that is not one stays a string, so that the contract names the field), protected attributes are a list.
import type { AuditSettingsInput } from "./schema.ts";

/** The form's fields from top to bottom, for the error summary's order. */
export const settingsFieldOrder = ["outcome", "decision", "favourable", "score", "threshold", "label", "label_favourable", "protected", "weight", "min_group_size", "reference"];

const text = (value: unknown): string | undefined => {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" && first.trim() !== "" ? first.trim() : undefined;
};
const list = (value: unknown): string[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === "string" && v !== "");
const number = (value: unknown): unknown => {
  const raw = text(value);
  if (raw === undefined) return undefined;
  const parsed = Number(raw.replace(",", "."));
  return Number.isFinite(parsed) ? parsed : raw;
};

export function settingsFromForm(body: unknown): AuditSettingsInput {
  const form = (body ?? {}) as Record<string, unknown>;
  const byScore = text(form.outcome) === "score";
  const reference = text(form.reference);
  return {
    ...(byScore ? { score: text(form.score), threshold: number(form.threshold) as number } : { decision: text(form.decision), favourable: text(form.favourable) }),
    label: text(form.label),
    label_favourable: text(form.label) ? text(form.label_favourable) : undefined,
    protected: list(form.protected),
    weight: text(form.weight),
    min_group_size: number(form.min_group_size) as number | undefined,
    reference: reference === "most_favoured" ? "most_favoured" : "largest",
  };
}

/** The settings as the form shows them again (after an error, or for a failed audit being configured anew). */
export function formFromSettings(settings: AuditSettingsInput | null | undefined): Record<string, string | string[]> {
  if (!settings) return { outcome: "decision", min_group_size: "10", reference: "largest", protected: [] };
  return {
    outcome: settings.score !== undefined ? "score" : "decision",
    decision: settings.decision ?? "",
    favourable: settings.favourable ?? "",
    score: settings.score ?? "",
    threshold: settings.threshold === undefined ? "" : String(settings.threshold),
    label: settings.label ?? "",
    label_favourable: settings.label_favourable ?? "",
    protected: settings.protected ?? [],
    weight: settings.weight ?? "",
    min_group_size: settings.min_group_size === undefined ? "10" : String(settings.min_group_size),
    reference: typeof settings.reference === "string" ? settings.reference : "largest",
  };
}
