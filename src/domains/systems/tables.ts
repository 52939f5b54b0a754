// The register: systems, their working drafts, their immutable published versions, and the public read model.
import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organisations } from "../accounts/tables.ts";
import { searchDocuments, searchIndexes } from "../../db/types.ts";
import type { SystemRecord } from "./schema.ts";

export const systems = pgTable("systems", {
  id: text("id").primaryKey(),
  organisationId: text("organisation_id")
    .notNull()
    .references(() => organisations.id),
  lifecycle: text("lifecycle", { enum: ["draft", "in_review", "published", "retired"] }).notNull(),
  latestVersion: integer("latest_version"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  retiredAt: timestamp("retired_at", { withTimezone: true }),
});

/** Former public ids keep resolving to the system they named. */
export const systemAliases = pgTable("system_aliases", {
  alias: text("alias").primaryKey(),
  systemId: text("system_id")
    .notNull()
    .references(() => systems.id),
});

/** The working copy an editor changes; at most one per system. */
export const systemDrafts = pgTable("system_drafts", {
  systemId: text("system_id")
    .primaryKey()
    .references(() => systems.id),
  record: jsonb("record").$type<SystemRecord>().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  /** Who wrote to or submitted this draft (actor names): none of them may approve it (four-eyes principle). */
  authors: text("authors").array().notNull().default(sql`'{}'::text[]`),
});

/** Each publication: immutable (a trigger refuses UPDATE and DELETE). */
export const systemVersions = pgTable(
  "system_versions",
  {
    systemId: text("system_id")
      .notNull()
      .references(() => systems.id),
    version: integer("version").notNull(),
    record: jsonb("record").$type<SystemRecord>().notNull(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.systemId, t.version] })],
);

/** Read model of what the public sees: the latest published version of each visible system, with its search documents. */
export const publicSystems = pgTable(
  "public_systems",
  {
    systemId: text("system_id")
      .primaryKey()
      .references(() => systems.id),
    version: integer("version").notNull(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    country: text("country").notNull(),
    theme: text("theme").notNull(),
    phase: text("phase").notNull(),
    riskClass: text("risk_class").notNull(),
    retiredAt: timestamp("retired_at", { withTimezone: true }),
    name: jsonb("name").notNull(),
    summary: jsonb("summary").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull(),
    firstPublishedAt: timestamp("first_published_at", { withTimezone: true }).notNull(),
    ...searchDocuments(),
  },
  (t) => [
    ...searchIndexes("public_systems", t),
    index("public_systems_org").on(t.organisationId),
  ],
);

/** What reviewers said when they approved or returned a draft, shown to its editors. */
export const systemReviews = pgTable("system_reviews", {
  id: uuid("id").primaryKey().defaultRandom(),
  systemId: text("system_id")
    .notNull()
    .references(() => systems.id),
  decision: text("decision", { enum: ["approved", "returned"] }).notNull(),
  comment: text("comment").notNull(),
  actor: text("actor").notNull(),
  at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
});
