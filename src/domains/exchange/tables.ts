// Knowledge exchange between the administrations: the practice library (practices, guides, templates), the network
// directory of people who agreed to be listed, and the network's events with their programme and materials.
import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { searchDocuments, searchIndexes } from "../../db/types.ts";
import { organisations, users } from "../accounts/tables.ts";
import type { LocalizedText } from "../systems/schema.ts";
import { sectors, sharingLevels } from "./sharing.ts";

export const practiceKinds = ["practice", "guide", "template"] as const;

export const practices = pgTable(
  "practices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    kind: text("kind", { enum: practiceKinds }).notNull(),
    title: jsonb("title").$type<LocalizedText>().notNull(),
    summary: jsonb("summary").$type<LocalizedText>().notNull(),
    body: jsonb("body").$type<LocalizedText>().notNull(),
    sector: text("sector", { enum: sectors }),
    tags: text("tags").array().notNull().default([]),
    /** Where the guide or template itself is published (an https address). */
    link: text("link"),
    sharing: text("sharing", { enum: sharingLevels }).notNull().default("participants"),
    ...searchDocuments(),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("practices_organisation").on(t.organisationId),
    ...searchIndexes("practices", t),
  ],
);

/**
 * A person listed in the network directory, by their own consent. Withdrawing consent deletes this row, and with it
 * (by cascade) every place the person is named: pilot contacts and event speakers.
 */
export const networkMembers = pgTable("network_members", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: uuid("user_id")
    .notNull()
    .unique()
    .references(() => users.id, { onDelete: "cascade" }),
  organisationId: text("organisation_id")
    .notNull()
    .references(() => organisations.id),
  /** The person's function, in their words. */
  position: text("position").notNull(),
  expertise: text("expertise").array().notNull().default([]),
  /** Languages spoken (ISO 639-1: fr, nl, de, en, lb, …). */
  languages: text("languages").array().notNull().default([]),
  consentedAt: timestamp("consented_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const networkEvents = pgTable(
  "network_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    title: jsonb("title").$type<LocalizedText>().notNull(),
    description: jsonb("description").$type<LocalizedText>().notNull(),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(),
    place: text("place").notNull(),
    sharing: text("sharing", { enum: sharingLevels }).notNull().default("participants"),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("network_events_starts").on(t.startsOn)],
);

/** One item of an event's programme. */
export const eventSessions = pgTable(
  "event_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => networkEvents.id, { onDelete: "cascade" }),
    day: date("day").notNull(),
    /** Local time "HH:MM". */
    startsAt: text("starts_at").notNull(),
    title: jsonb("title").$type<LocalizedText>().notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("event_sessions_event").on(t.eventId)],
);

export const eventSpeakers = pgTable(
  "event_speakers",
  {
    sessionId: uuid("session_id")
      .notNull()
      .references(() => eventSessions.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => networkMembers.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.memberId] })],
);

/** Slides, minutes, recordings: published elsewhere, linked here. */
export const eventMaterials = pgTable(
  "event_materials",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => networkEvents.id, { onDelete: "cascade" }),
    title: jsonb("title").$type<LocalizedText>().notNull(),
    url: text("url").notNull(),
  },
  (t) => [index("event_materials_event").on(t.eventId)],
);
