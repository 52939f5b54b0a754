// Errors of the audit engine: AppErrors with stable ids, translated from errors.<id>.title and errors.<id>.detail
// like every other error, so that the CLI, the API and the pages show them without knowing the engine.
import { AppError } from "../../../http/errors.ts";

export const auditErrorIds = [
  "audit_file_missing",
  "audit_file_empty",
  "audit_not_utf8",
  "audit_header_missing",
  "audit_header_duplicated",
  "audit_unknown_column",
  "audit_malformed_csv",
  "audit_ragged_row",
  "audit_unreadable_file",
  "audit_not_binary",
  "audit_favourable_absent",
  "audit_threshold_never_reached",
  "audit_missing_value",
  "audit_not_numeric",
  "audit_negative_weight",
  "audit_zero_weight",
  "audit_no_rows",
  "audit_reference_not_found",
  "audit_engine_crashed",
  "audit_cancelled",
] as const;
export type AuditErrorId = (typeof auditErrorIds)[number];
export type AuditErrorParams = Record<string, string | number>;

/** The file or its content is at fault (422); the engine itself failed (500); the caller stopped it (409). */
function statusOf(id: AuditErrorId): number {
  if (id === "audit_engine_crashed") return 500;
  if (id === "audit_cancelled") return 409;
  return 422;
}

export function auditError(id: AuditErrorId, params: AuditErrorParams = {}): AppError {
  return new AppError(id, statusOf(id), params);
}

export function isAuditErrorId(id: string): id is AuditErrorId {
  return (auditErrorIds as readonly string[]).includes(id);
}
