// Suppression: the column leaves the file, or stays with every cell emptied (for tools that expect it in its place).
// Done in the SELECT itself, so that a suppressed column never crosses into JavaScript.
import { sqlIdentifier } from "../tabular.ts";

export type SuppressMode = "remove" | "empty";

/** The EXCLUDE entry of a removed column, or the REPLACE entry of an emptied one. */
export function suppressionSql(column: string, mode: SuppressMode): { exclude: string } | { replace: string } {
  return mode === "remove" ? { exclude: sqlIdentifier(column) } : { replace: `NULL::VARCHAR AS ${sqlIdentifier(column)}` };
}
