// Zod problems as field errors: the path of the field and the translation key of its message.
import type { z } from "zod";
import { errors, type FieldError } from "./errors.ts";

/** Our contracts give every message as a translation key ("validation.…"); anything else is shown as "not valid". */
export function issuesToFields(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message.startsWith("validation.") ? issue.message : "validation.invalid",
  }));
}

/** The input parsed by a use case's contract, or the AppError `invalid_input` with every field's problem. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw errors.invalidInput(issuesToFields(parsed.error.issues));
  return parsed.data;
}
