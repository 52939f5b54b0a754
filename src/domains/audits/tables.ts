// Bias audits of a register record: the uploaded decision file (kept on disk only until the audit has run), the
// column mapping, the job that runs it, and its two results: raw for the owning organisation, published for anyone.
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organisations } from "../accounts/tables.ts";
import { systems } from "../systems/tables.ts";
import type { JobError } from "../../jobs/tables.ts";
import type { AuditResult, AuditSettings } from "./schema.ts";

export const auditStates = ["uploaded", "queued", "running", "completed", "failed"] as const;
export type AuditState = (typeof auditStates)[number];

/** What the upload check found in the file: its format and, for CSV, the columns a user can map. */
export interface DatasetInfo {
  name: string;
  bytes: number;
  sha256: string;
  format: "csv" | "parquet";
  columns: string[];
}

/** Columns that hold direct identifiers (found by the privacy scan of a sample), for the upload's warning. */
export interface IdentifierFinding {
  column: string;
  entity: string;
  confidence: number;
}

export interface AuditStats {
  rows: number;
  seconds: number;
}

export const audits = pgTable(
  "audits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    systemId: text("system_id")
      .notNull()
      .references(() => systems.id),
    /** The published version of the record the decisions belong to (null when the record has no published version yet). */
    systemVersion: integer("system_version"),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    title: text("title").notNull(),
    state: text("state", { enum: auditStates }).notNull().default("uploaded"),
    dataset: jsonb("dataset").$type<DatasetInfo>().notNull(),
    identifiers: jsonb("identifiers").$type<IdentifierFinding[]>().notNull().default([]),
    /** Identifier columns removed from the stored file, or pseudonymised in it, before the audit at the uploader's request. */
    protectedColumns: jsonb("protected_columns").$type<Array<{ column: string; how: "drop" | "pseudonymise" }>>().notNull().default([]),
    settings: jsonb("settings").$type<AuditSettings>(),
    jobId: uuid("job_id"),
    raw: jsonb("raw").$type<AuditResult>(),
    published: jsonb("published").$type<AuditResult>(),
    stats: jsonb("stats").$type<AuditStats>(),
    error: jsonb("error").$type<JobError>(),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    publishedBy: text("published_by"),
  },
  (t) => [index("audits_system").on(t.systemId), index("audits_organisation").on(t.organisationId)],
);
