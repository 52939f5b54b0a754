// Form posts parsed with a zod contract into either the data or the errors a page shows: one message per field, and
// the error summary's items in the order of the form, each linking to its field.
import type { z } from "zod";
import { AppError } from "../http/errors.ts";
import { issuesToFields } from "../http/validation.ts";

export interface FormErrors {
  /** Translation key of the first error of each field, by field name. */
  fields: Record<string, string>;
  /** The error summary: each item links to the field (`#id`) it is about. */
  summary: Array<{ href: string; message: string }>;
}

export const noErrors: FormErrors = { fields: {}, summary: [] };

/**
 * Builds the errors of a form from (field name, message key) pairs. The summary follows `order` (the form's field
 * names from top to bottom); a field's id is its name unless `ids` says otherwise.
 */
export function formErrors(
  problems: Array<{ field: string; message: string }>,
  order: string[] = [],
  ids: Record<string, string> = {},
): FormErrors {
  const fields: Record<string, string> = {};
  for (const { field, message } of problems) fields[field] ??= message;
  const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
  const summary = Object.keys(fields)
    .sort((a, b) => rank(a) - rank(b))
    .map((field) => ({ href: `#${ids[field] ?? field}`, message: fields[field]! }));
  return { fields, summary };
}

export type ParsedForm<S extends z.ZodType> = { ok: true; data: z.output<S> } | { ok: false; errors: FormErrors };

/** Parses a form body (unknown fields such as `_csrf` are dropped by the contract). */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown, order: string[] = [], ids: Record<string, string> = {}): ParsedForm<S> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return { ok: true, data: parsed.data };
  const problems = issuesToFields(parsed.error.issues).map((f) => ({ field: f.path.split(".")[0] || "form", message: f.message }));
  return { ok: false, errors: formErrors(problems, order, ids) };
}

/**
 * A problem a service found in a posted form that its contract could not see (a day outside an event, a choice that is
 * not the user's), as the form's errors; any other error is thrown again.
 */
export function serviceFormErrors(error: unknown, order: string[] = [], ids: Record<string, string> = {}): FormErrors {
  if (!(error instanceof AppError) || error.id !== "invalid_input") throw error;
  return formErrors(
    error.fields.map((f) => ({ field: f.path.split(".")[0]!, message: f.message })),
    order,
    ids,
  );
}

/** The submitted text of a field, to show it again after an error (never a password). */
export function submitted(body: unknown, field: string): string | undefined {
  const value = (body as Record<string, unknown> | undefined)?.[field];
  return typeof value === "string" ? value : undefined;
}
