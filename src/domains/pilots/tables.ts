// Joint pilots of the two administrations: the pilot and its controlled frame, its participating organisations and the
// register systems it tests, milestones, indicators (KPIs) with their measurements per country, lessons learned, and
// each user's feed and digest settings.
import { date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { searchDocuments, searchIndexes } from "../../db/types.ts";
import { languages } from "../../i18n/languages.ts";
import { organisations, users } from "../accounts/tables.ts";
import { systems } from "../systems/tables.ts";
import type { LocalizedText } from "../systems/schema.ts";
import { networkMembers } from "../exchange/tables.ts";
import { countries, sectors, sharingLevels, type Country } from "../exchange/sharing.ts";

export const pilotStates = ["proposed", "approved", "running", "evaluated", "scaled_up", "stopped"] as const;
export type PilotState = (typeof pilotStates)[number];
export const participantRoles = ["lead", "partner", "observer"] as const;
export type ParticipantRole = (typeof participantRoles)[number];
export const directions = ["increase", "decrease"] as const;
export const digestFrequencies = ["off", "daily", "weekly"] as const;
export type DigestFrequency = (typeof digestFrequencies)[number];

/** The controlled frame a pilot runs in (its dates are columns of the pilot). */
export interface PilotFrame {
  scope: LocalizedText;
  population: LocalizedText;
  dataSharingBasis: LocalizedText;
  safeguards: LocalizedText;
  exitCriteria: LocalizedText;
  supervisingAuthority: string;
}

/** Baseline and target of an indicator, per country that measures it. */
export type IndicatorTargets = Partial<Record<Country, { baseline: number; target: number }>>;

export const pilots = pgTable(
  "pilots",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The organisation that leads the pilot (its participant row has the role `lead`). */
    leadOrganisationId: text("lead_organisation_id")
      .notNull()
      .references(() => organisations.id),
    title: jsonb("title").$type<LocalizedText>().notNull(),
    summary: jsonb("summary").$type<LocalizedText>().notNull(),
    sector: text("sector", { enum: sectors }).notNull(),
    tags: text("tags").array().notNull().default([]),
    frame: jsonb("frame").$type<PilotFrame>().notNull(),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(),
    state: text("state", { enum: pilotStates }).notNull().default("proposed"),
    /** Why the pilot was stopped or scaled up (required for those two states). */
    stateReason: jsonb("state_reason").$type<LocalizedText>(),
    /** The final evaluation's outcomes (required to enter `evaluated`). */
    evaluation: jsonb("evaluation").$type<LocalizedText>(),
    sharing: text("sharing", { enum: sharingLevels }).notNull().default("participants"),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("pilots_sector").on(t.sector), index("pilots_lead").on(t.leadOrganisationId)],
);

export const pilotParticipants = pgTable(
  "pilot_participants",
  {
    pilotId: uuid("pilot_id")
      .notNull()
      .references(() => pilots.id, { onDelete: "cascade" }),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    role: text("role", { enum: participantRoles }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.pilotId, t.organisationId] }), index("pilot_participants_organisation").on(t.organisationId)],
);

export const pilotSystems = pgTable(
  "pilot_systems",
  {
    pilotId: uuid("pilot_id")
      .notNull()
      .references(() => pilots.id, { onDelete: "cascade" }),
    systemId: text("system_id")
      .notNull()
      .references(() => systems.id),
  },
  (t) => [primaryKey({ columns: [t.pilotId, t.systemId] })],
);

/** People of the network named as a pilot's contacts; withdrawing consent deletes the link with the listing. */
export const pilotContacts = pgTable(
  "pilot_contacts",
  {
    pilotId: uuid("pilot_id")
      .notNull()
      .references(() => pilots.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => networkMembers.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.pilotId, t.memberId] })],
);

export const pilotMilestones = pgTable(
  "pilot_milestones",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    pilotId: uuid("pilot_id")
      .notNull()
      .references(() => pilots.id, { onDelete: "cascade" }),
    title: jsonb("title").$type<LocalizedText>().notNull(),
    dueOn: date("due_on").notNull(),
    doneOn: date("done_on"),
  },
  (t) => [index("pilot_milestones_pilot").on(t.pilotId)],
);

export const pilotIndicators = pgTable(
  "pilot_indicators",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    pilotId: uuid("pilot_id")
      .notNull()
      .references(() => pilots.id, { onDelete: "cascade" }),
    name: jsonb("name").$type<LocalizedText>().notNull(),
    unit: text("unit").notNull(),
    direction: text("direction", { enum: directions }).notNull(),
    targets: jsonb("targets").$type<IndicatorTargets>().notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("pilot_indicators_pilot").on(t.pilotId)],
);

export const pilotMeasurements = pgTable(
  "pilot_measurements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    indicatorId: uuid("indicator_id")
      .notNull()
      .references(() => pilotIndicators.id, { onDelete: "cascade" }),
    pilotId: uuid("pilot_id")
      .notNull()
      .references(() => pilots.id, { onDelete: "cascade" }),
    country: text("country", { enum: countries }).notNull(),
    measuredOn: date("measured_on").notNull(),
    value: doublePrecision("value").notNull(),
    note: text("note"),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    recordedBy: text("recorded_by").notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("pilot_measurements_indicator").on(t.indicatorId, t.country, t.measuredOn)],
);

/** Lessons learned in a pilot, searchable in the language of each text (one search document per language). */
export const lessons = pgTable(
  "lessons",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    pilotId: uuid("pilot_id")
      .notNull()
      .references(() => pilots.id, { onDelete: "cascade" }),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    title: jsonb("title").$type<LocalizedText>().notNull(),
    context: jsonb("context").$type<LocalizedText>().notNull(),
    whatWorked: jsonb("what_worked").$type<LocalizedText>().notNull(),
    whatDidNot: jsonb("what_did_not").$type<LocalizedText>().notNull(),
    recommendation: jsonb("recommendation").$type<LocalizedText>().notNull(),
    tags: text("tags").array().notNull().default([]),
    sharing: text("sharing", { enum: sharingLevels }).notNull().default("participants"),
    ...searchDocuments(),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("lessons_pilot").on(t.pilotId),
    ...searchIndexes("lessons", t),
  ],
);

/** Per user: when they last opened their pilot feed, and the e-mail digest they chose. */
export const pilotNotifications = pgTable("pilot_notifications", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  feedSeenAt: timestamp("feed_seen_at", { withTimezone: true }),
  digest: text("digest", { enum: digestFrequencies }).notNull().default("off"),
  /** The language the digest is written in: the one of the page where it was chosen. */
  digestLang: text("digest_lang", { enum: languages }).notNull().default("en"),
  digestSentAt: timestamp("digest_sent_at", { withTimezone: true }),
});
