// Zod problems as field errors: the path of the field and the translation key of its message.
import type { z } from "zod";
import type { FieldError } from "./errors.ts";

/** Our contracts give every message as a translation key ("validation.…"); anything else is shown as "not valid". */
export function issuesToFields(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message.startsWith("validation.") ? issue.message : "validation.invalid",
  }));
}
