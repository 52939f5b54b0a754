// Errors with stable ids: problem+json under /api, a translated page elsewhere. Never a stack trace to a user.
export interface FieldError {
  /** Path of the field, e.g. "record.name.fr.text". */
  path: string;
  /** Translation key of the message. */
  message: string;
  /** Values for the message's placeholders. */
  params?: Record<string, string | number>;
  /** Line of an import file, when the error comes from one. */
  line?: number;
}

export class AppError extends Error {
  constructor(
    /** Stable id, also the translation key `errors.<id>.title`. */
    readonly id: string,
    readonly status: number,
    readonly params: Record<string, string | number> = {},
    readonly fields: FieldError[] = [],
  ) {
    super(id);
  }
}

export const errors = {
  notFound: (what: "system" | "organisation" | "version" | "page", id = "") =>
    new AppError(`${what}_not_found`, 404, { id }),
  invalidInput: (fields: FieldError[]) => new AppError("invalid_input", 400, {}, fields),
  importInvalid: (fields: FieldError[]) => new AppError("import_invalid", 422, { count: fields.length }, fields),
  conflict: (id: string, params: Record<string, string | number> = {}) => new AppError(id, 409, params),
  /** A workspace record the actor may not see: answered as absent, so that a draft's existence does not leak. */
  recordNotFound: (id: string) => new AppError("record_not_found", 404, { id }),
  forbidden: () => new AppError("forbidden", 403),
  bodyTooLarge: () => new AppError("body_too_large", 413),
  unsupportedMediaType: () => new AppError("unsupported_media_type", 415),
  internal: () => new AppError("internal", 500),
};
