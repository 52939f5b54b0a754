// Reads an import file (JSON or CSV) into validated items, naming the line and field of every problem.
import { findNodeAtLocation, parseTree, type Node, type ParseError } from "jsonc-parser";
import { z } from "zod";
import { AppError, errors, type FieldError } from "../../http/errors.ts";
import { OrganisationInput } from "../accounts/schema.ts";
import { parseCsv } from "./exports/csv.ts";
import { columnOf, unflattenRow } from "./exports/flat.ts";
import { SystemImport } from "./schema.ts";
import type { ImportItem } from "./service.ts";

export interface ImportFile {
  organisations: OrganisationInput[];
  systems: ImportItem[];
}

/** What a file holds: its valid items, and a problem for each invalid one (empty when the file is valid). */
export interface ReadImportFile extends ImportFile {
  problems: FieldError[];
}

/** Line (1-based) of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** A field left out is "required", whatever zod would say about its type. */
const parseOptions = {
  error: (issue: z.core.$ZodRawIssue) => (issue.code === "invalid_type" && issue.input === undefined ? "validation.required" : undefined),
};

function issuesToFields(issues: z.core.$ZodIssue[], locate: (path: PropertyKey[]) => number, prefix: string): FieldError[] {
  return issues.map((issue) => ({
    line: locate(issue.path),
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join("."),
    message: issue.message.startsWith("validation.") ? issue.message : "validation.invalid",
  }));
}

/**
 * JSON: an array of systems, or `{ "organisations": [...], "systems": [...] }`. Each error names the line of the
 * offending value (found in the syntax tree), so a long file is easy to fix.
 */
function readJson(text: string): ReadImportFile {
  const parseErrors: ParseError[] = [];
  const tree = parseTree(text, parseErrors, { allowTrailingComma: false, disallowComments: true });
  const empty = { organisations: [], systems: [] };
  if (!tree || parseErrors.length) {
    return { ...empty, problems: [{ line: lineAt(text, parseErrors[0]?.offset ?? 0), path: "", message: "validation.json_syntax" }] };
  }
  const value: unknown = JSON.parse(text);
  const root = Array.isArray(value) ? { systems: value, organisations: [] } : (value as Record<string, unknown>);
  const systemsNode = Array.isArray(value) ? tree : findNodeAtLocation(tree, ["systems"]);
  const shape = z.object({ organisations: z.array(z.unknown()).default([]), systems: z.array(z.unknown()) }).strict();
  const outer = shape.safeParse(root);
  if (!outer.success) return { ...empty, problems: issuesToFields(outer.error.issues, () => 1, "") };

  const problems: FieldError[] = [];
  const locate = (base: Node | undefined, path: PropertyKey[]) => {
    for (let n = path.length; n >= 0; n--) {
      const node = base && findNodeAtLocation(base, path.slice(0, n) as Array<string | number>);
      if (node) return lineAt(text, node.offset);
    }
    return 1;
  };
  const organisationsNode = Array.isArray(value) ? undefined : findNodeAtLocation(tree, ["organisations"]);
  const organisations: OrganisationInput[] = [];
  outer.data.organisations.forEach((entry, index) => {
    const parsed = OrganisationInput.safeParse(entry, parseOptions);
    const node = organisationsNode && findNodeAtLocation(organisationsNode, [index]);
    if (parsed.success) organisations.push(parsed.data);
    else problems.push(...issuesToFields(parsed.error.issues, (p) => locate(node, p), `organisations[${index}]`));
  });
  const systems: ImportItem[] = [];
  outer.data.systems.forEach((entry, index) => {
    const parsed = SystemImport.safeParse(entry, parseOptions);
    const node = systemsNode && findNodeAtLocation(systemsNode, [index]);
    const line = node ? lineAt(text, node.offset) : 1;
    const at = (field: "organisation" | "formerIds" | "state") => ({ path: `systems[${index}].${field}`, line: locate(node, [field]) });
    if (parsed.success) systems.push({ line, item: parsed.data, at: { organisation: at("organisation"), formerIds: at("formerIds"), state: at("state") } });
    else problems.push(...issuesToFields(parsed.error.issues, (p) => locate(node, p), `systems[${index}]`));
  });
  return { organisations, systems, problems };
}

/** CSV: the columns of the CSV export, one system per row; errors name the row and the column. */
function readCsv(text: string): ReadImportFile {
  const problems: FieldError[] = [];
  const systems: ImportItem[] = [];
  let rows;
  try {
    rows = parseCsv(text).rows;
  } catch (error) {
    if (error instanceof AppError) return { organisations: [], systems: [], problems: error.fields };
    throw error;
  }
  for (const { line, cells } of rows) {
    let candidate: unknown;
    try {
      candidate = unflattenRow(cells, line);
    } catch (error) {
      if (error instanceof AppError) problems.push(...error.fields);
      else throw error;
      continue;
    }
    const parsed = SystemImport.safeParse(candidate, parseOptions);
    if (parsed.success) {
      const at = (column: string) => ({ path: column, line });
      systems.push({ line, item: parsed.data, at: { organisation: at("organisation_id"), formerIds: at("former_ids"), state: at("lifecycle") } });
    } else {
      for (const issue of parsed.error.issues) {
        problems.push({
          line,
          path: columnOf(issue.path) ?? issue.path.join("."),
          message: issue.message.startsWith("validation.") ? issue.message : "validation.invalid",
        });
      }
    }
  }
  return { organisations: [], systems, problems };
}

/** Reads a whole file, keeping its valid items along with the problems of the others, so that they can all be reported at once. */
export function parseImportFile(text: string, format: "json" | "csv"): ReadImportFile {
  return format === "json" ? readJson(text) : readCsv(text);
}

/** Reads a file whose items must all be valid; otherwise throws `import_invalid` naming every problem. */
export function readImportFile(text: string, format: "json" | "csv"): ImportFile {
  const { problems, ...file } = parseImportFile(text, format);
  if (problems.length) throw errors.importInvalid(problems);
  return file;
}
