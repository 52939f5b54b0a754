// Datasets protected in the workspace: a file uploaded by an organisation, what the scan found in it, the operators
// chosen per column, and the protected file produced from them with its run record (never the key).
import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organisations } from "../accounts/tables.ts";
import type { JobError } from "../../jobs/tables.ts";
import type { PseudonymisationConfig, RunRecord, ScanResult } from "./schema.ts";

export const datasetStates = ["scanning", "scanned", "protecting", "protected", "failed"] as const;
export type DatasetState = (typeof datasetStates)[number];

export interface StoredFile {
  name: string;
  bytes: number;
  sha256: string;
  format: "csv" | "parquet";
}

export const datasets = pgTable(
  "datasets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    title: text("title").notNull(),
    state: text("state", { enum: datasetStates }).notNull().default("scanning"),
    source: jsonb("source").$type<StoredFile>().notNull(),
    scan: jsonb("scan").$type<ScanResult>(),
    config: jsonb("config").$type<PseudonymisationConfig>(),
    run: jsonb("run").$type<RunRecord>(),
    output: jsonb("output").$type<StoredFile>(),
    jobId: uuid("job_id"),
    error: jsonb("error").$type<JobError>(),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("datasets_organisation").on(t.organisationId)],
);
