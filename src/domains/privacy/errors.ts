// Failures of the privacy engine as translation keys with parameters that never hold a data value or a key.
export const privacyErrorKeys = [
  "privacy.errors.file_not_found",
  "privacy.errors.file_unreadable",
  "privacy.errors.column_not_found",
  "privacy.errors.config_invalid",
  "privacy.errors.key_missing",
  "privacy.errors.key_invalid",
  "privacy.errors.key_file_exists",
  "privacy.errors.key_file_permissions",
  "privacy.errors.decrypt_failed",
  "privacy.errors.qi_required",
  "privacy.errors.output_is_input",
] as const;
export type PrivacyErrorKey = (typeof privacyErrorKeys)[number];

/** One problem of a configuration file: where it is and a translation key saying what is wrong. */
export interface ConfigProblem {
  path: string;
  message: string;
}

export class PrivacyError extends Error {
  constructor(
    readonly key: PrivacyErrorKey,
    /** File paths, column names and counts only: the message is shown and logged. */
    readonly params: Record<string, string | number> = {},
    readonly problems: ConfigProblem[] = [],
  ) {
    super(key);
    this.name = "PrivacyError";
  }
}
