// Assessments: the instruments as loaded (every version ever loaded is kept, so that old responses keep their
// meaning), the responses to them about a register record, and the reviewers' decisions.
import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organisations } from "../accounts/tables.ts";
import { systems } from "../systems/tables.ts";
import type { Answers, CompiledInstrument, ScoreResult } from "./format.ts";

export const instruments = pgTable(
  "instruments",
  {
    id: text("id").notNull(),
    version: text("version").notNull(),
    /** sha256 of the compiled definition's canonical JSON; a version is never loaded again with other content. */
    hash: text("hash").notNull(),
    definition: jsonb("definition").$type<CompiledInstrument>().notNull(),
    /** Bundled with Gäichel (instruments/*.yaml) or imported (`gaichel instruments import`). */
    origin: text("origin", { enum: ["bundled", "imported"] }).notNull(),
    loadedAt: timestamp("loaded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.id, t.version] })],
);

export const assessmentStates = ["draft", "submitted", "approved"] as const;
export type AssessmentState = (typeof assessmentStates)[number];

/** One assessment of a register record with one instrument version. Approved responses never change (a trigger). */
export const assessmentResponses = pgTable(
  "assessment_responses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    systemId: text("system_id")
      .notNull()
      .references(() => systems.id),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    instrumentId: text("instrument_id").notNull(),
    instrumentVersion: text("instrument_version").notNull(),
    /** The content hash of the instrument version, pinned when the response starts. */
    instrumentHash: text("instrument_hash").notNull(),
    state: text("state", { enum: assessmentStates }).notNull(),
    answers: jsonb("answers").$type<Answers>().notNull().default({}),
    /** A note on any answer, by item id. */
    comments: jsonb("comments").$type<Record<string, string>>().notNull().default({}),
    /** The score when submitted and when approved (with the engine version that computed it). */
    result: jsonb("result").$type<ScoreResult>(),
    /** The response this one reassesses. */
    previousId: uuid("previous_id"),
    /** Who wrote answers to or submitted the response (actor names): none of them may approve it. */
    authors: text("authors").array().notNull().default(sql`'{}'::text[]`),
    dpoOpinion: text("dpo_opinion"),
    dpoBy: text("dpo_by"),
    dpoAt: timestamp("dpo_at", { withTimezone: true }),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    approvedBy: text("approved_by"),
  },
  (t) => [index("assessment_responses_system").on(t.systemId), index("assessment_responses_organisation").on(t.organisationId)],
);

/** What validators (and DPOs returning a response) said. */
export const assessmentReviews = pgTable("assessment_reviews", {
  id: uuid("id").primaryKey().defaultRandom(),
  responseId: uuid("response_id")
    .notNull()
    .references(() => assessmentResponses.id),
  decision: text("decision", { enum: ["approved", "returned"] }).notNull(),
  comment: text("comment").notNull(),
  actor: text("actor").notNull(),
  at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
});
