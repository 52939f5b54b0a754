// Durable background jobs: one row per job, claimed by a worker with FOR UPDATE SKIP LOCKED (so any number of
// processes share the queue), held by a lease that a crashed worker stops renewing.
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const jobStates = ["queued", "running", "succeeded", "failed"] as const;
export type JobState = (typeof jobStates)[number];

/** Where a running job is, for a progress bar: a phase name and, when known, the share done (0..1). */
export interface JobProgress {
  phase: string;
  fraction: number | null;
}

/** Why a job failed, as a translatable error id with its parameters (never a stack trace). */
export interface JobError {
  id: string;
  params: Record<string, string | number>;
}

export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").notNull(),
    /** The same kind and key is the same job: enqueueing it again does not run it twice. */
    key: text("key").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    state: text("state", { enum: jobStates }).notNull().default("queued"),
    /** Claims so far, the current one included. */
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(3),
    runAfter: timestamp("run_after", { withTimezone: true }).notNull().defaultNow(),
    /** The worker holding a running job, and until when; past it the job is anyone's again. */
    workerId: text("worker_id"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    progress: jsonb("progress").$type<JobProgress>(),
    error: jsonb("error").$type<JobError>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("jobs_kind_key").on(t.kind, t.key), index("jobs_due").on(t.state, t.runAfter)],
);
