// Errors of the privacy engine: AppErrors with stable ids, translated from errors.<id>.title and errors.<id>.detail
// like every other error. Their parameters are file paths, column names and counts, never a data value or a key.
import { AppError, type FieldError } from "../../http/errors.ts";

export const privacyErrorIds = [
  "privacy_file_not_found",
  "privacy_file_unreadable",
  "privacy_column_not_found",
  "privacy_config_invalid",
  "privacy_key_missing",
  "privacy_key_invalid",
  "privacy_key_file_exists",
  "privacy_key_file_permissions",
  "privacy_decrypt_failed",
  "privacy_qi_required",
  "privacy_output_is_input",
] as const;
export type PrivacyErrorId = (typeof privacyErrorIds)[number];
export type PrivacyErrorParams = Record<string, string | number>;

/** An existing key file is a conflict (409); everything else is the input or the settings at fault (422). */
function statusOf(id: PrivacyErrorId): number {
  return id === "privacy_key_file_exists" ? 409 : 422;
}

/** `fields`: the problems of a configuration file, each a path and a translation key. */
export function privacyError(id: PrivacyErrorId, params: PrivacyErrorParams = {}, fields: FieldError[] = []): AppError {
  return new AppError(id, statusOf(id), params, fields);
}

export function isPrivacyErrorId(id: string): id is PrivacyErrorId {
  return (privacyErrorIds as readonly string[]).includes(id);
}
