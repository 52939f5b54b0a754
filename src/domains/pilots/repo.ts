// SQL of pilots. Every write appends an event whose subject is the pilot, so the audit trail of a pilot is also its
// participants' feed (what changed since their last visit) and the source of their e-mail digest.
import { and, asc, desc, eq, exists, gt, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { Tx } from "../../db/tx.ts";
import { appendEvent } from "../../events/append.ts";
import type { Lang } from "../../i18n/languages.ts";
import { bestRank, matchesAny, searchVectors } from "../../db/search.ts";
import { events } from "../../events/tables.ts";
import { memberships, organisations, users } from "../accounts/tables.ts";
import { networkMembers } from "../exchange/tables.ts";
import type { Country, Sector, Sharing } from "../exchange/sharing.ts";
import type { LocalizedText } from "../systems/schema.ts";
import {
  lessons,
  pilotContacts,
  pilotIndicators,
  pilotMeasurements,
  pilotMilestones,
  pilotNotifications,
  pilotParticipants,
  pilots,
  pilotSystems,
  type ParticipantRole,
  type PilotState,
} from "./tables.ts";

export type PilotRow = typeof pilots.$inferSelect;
export type MilestoneRow = typeof pilotMilestones.$inferSelect;
export type IndicatorRow = typeof pilotIndicators.$inferSelect;
export type MeasurementRow = typeof pilotMeasurements.$inferSelect;
export type LessonRow = Omit<typeof lessons.$inferSelect, "docFr" | "docNl" | "docDe" | "docEn">;
export type NotificationRow = typeof pilotNotifications.$inferSelect;

export interface PilotLinks {
  /** Every participating organisation, the lead included. */
  participants: Array<{ organisationId: string; role: ParticipantRole }>;
  systems: string[];
  contacts: string[];
}
export type PilotRecord = PilotRow & PilotLinks;

/** Who reads: the organisations the actor belongs to, and the sharing levels open to them whatever their participation. */
export interface Reader {
  organisationIds: string[];
  levels: Sharing[];
}

export interface PilotListQuery {
  sector?: Sector;
  state?: PilotState;
  /** The lead organisation's country. */
  country?: Country;
  offset: number;
  limit: number;
}

const SUBJECT = "pilot";
const lessonColumns = {
  id: lessons.id,
  pilotId: lessons.pilotId,
  organisationId: lessons.organisationId,
  title: lessons.title,
  context: lessons.context,
  whatWorked: lessons.whatWorked,
  whatDidNot: lessons.whatDidNot,
  recommendation: lessons.recommendation,
  tags: lessons.tags,
  sharing: lessons.sharing,
  createdBy: lessons.createdBy,
  createdAt: lessons.createdAt,
  updatedAt: lessons.updatedAt,
};
const lessonDoc = { fr: lessons.docFr, nl: lessons.docNl, de: lessons.docDe, en: lessons.docEn };

/** Whether the reader participates in the pilot of `pilotId` (a column or value). */
function participates(reader: Reader, pilotId: typeof pilots.id | typeof lessons.pilotId): SQL {
  if (!reader.organisationIds.length) return sql`false`;
  return sql`exists (select 1 from ${pilotParticipants} where ${pilotParticipants.pilotId} = ${pilotId} and ${inArray(pilotParticipants.organisationId, reader.organisationIds)})`;
}

/** Pilots the reader may see: shared at a level open to them, or theirs. */
function visiblePilot(reader: Reader): SQL {
  return or(inArray(pilots.sharing, reader.levels), participates(reader, pilots.id))!;
}

/** A lesson is never more visible than its pilot; participants see all of their pilot's lessons. */
function visibleLesson(reader: Reader): SQL {
  return or(and(inArray(lessons.sharing, reader.levels), inArray(pilots.sharing, reader.levels)), participates(reader, lessons.pilotId))!;
}

/** A lesson's search documents: title (A), recommendation (B), the rest and its tags (C), in each language. */
function lessonDocuments(lesson: Pick<LessonRow, "title" | "context" | "whatWorked" | "whatDidNot" | "recommendation" | "tags">) {
  return searchVectors((lang) => {
    const text = (value: LocalizedText) => value[lang]?.text ?? "";
    return { name: text(lesson.title), summary: text(lesson.recommendation), rest: [lesson.context, lesson.whatWorked, lesson.whatDidNot].map(text).concat(lesson.tags).join(" ") };
  });
}

export function createPilotsRepo(db: Db) {
  async function links(ids: string[], tx: Db | Tx = db): Promise<Map<string, PilotLinks>> {
    const out = new Map<string, PilotLinks>(ids.map((id) => [id, { participants: [], systems: [], contacts: [] }]));
    if (!ids.length) return out;
    // One after the other: a transaction's client runs one query at a time.
    const participants = await tx.select().from(pilotParticipants).where(inArray(pilotParticipants.pilotId, ids)).orderBy(asc(pilotParticipants.organisationId));
    const systems = await tx.select().from(pilotSystems).where(inArray(pilotSystems.pilotId, ids)).orderBy(asc(pilotSystems.systemId));
    const contacts = await tx.select().from(pilotContacts).where(inArray(pilotContacts.pilotId, ids));
    for (const p of participants) out.get(p.pilotId)!.participants.push({ organisationId: p.organisationId, role: p.role });
    for (const s of systems) out.get(s.pilotId)!.systems.push(s.systemId);
    for (const c of contacts) out.get(c.pilotId)!.contacts.push(c.memberId);
    return out;
  }

  async function withLinks(rows: PilotRow[], tx: Db | Tx = db): Promise<PilotRecord[]> {
    const byId = await links(
      rows.map((r) => r.id),
      tx,
    );
    return rows.map((row) => ({ ...row, ...byId.get(row.id)! }));
  }

  async function writeLinks(tx: Tx, id: string, value: PilotLinks): Promise<void> {
    await tx.delete(pilotParticipants).where(eq(pilotParticipants.pilotId, id));
    await tx.delete(pilotSystems).where(eq(pilotSystems.pilotId, id));
    await tx.delete(pilotContacts).where(eq(pilotContacts.pilotId, id));
    if (value.participants.length) await tx.insert(pilotParticipants).values(value.participants.map((p) => ({ pilotId: id, ...p })));
    if (value.systems.length) await tx.insert(pilotSystems).values(value.systems.map((systemId) => ({ pilotId: id, systemId })));
    if (value.contacts.length) await tx.insert(pilotContacts).values(value.contacts.map((memberId) => ({ pilotId: id, memberId })));
  }

  async function find(id: string, tx: Db | Tx = db): Promise<PilotRecord | undefined> {
    const [row] = await tx.select().from(pilots).where(eq(pilots.id, id));
    return row ? (await withLinks([row], tx))[0] : undefined;
  }

  return {
    find,

    async insert(tx: Tx, actor: string, values: typeof pilots.$inferInsert, value: PilotLinks): Promise<PilotRecord> {
      const [row] = await tx.insert(pilots).values(values).returning();
      await writeLinks(tx, row!.id, value);
      const after = (await find(row!.id, tx))!;
      await appendEvent(tx, { actor, action: "pilot.created", subjectType: SUBJECT, subjectId: row!.id, after });
      return after;
    },

    async update(tx: Tx, actor: string, id: string, values: Partial<typeof pilots.$inferInsert>, value?: PilotLinks): Promise<PilotRecord> {
      const before = await find(id, tx);
      await tx
        .update(pilots)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(pilots.id, id));
      if (value) await writeLinks(tx, id, value);
      const after = (await find(id, tx))!;
      const action = values.state && values.state !== before?.state ? "pilot.state_changed" : "pilot.updated";
      await appendEvent(tx, { actor, action, subjectType: SUBJECT, subjectId: id, before, after });
      return after;
    },

    /** Locks the pilot row for the rest of the transaction, so that two state changes never race. */
    async lock(tx: Tx, id: string): Promise<PilotRecord | undefined> {
      const [row] = await tx.select().from(pilots).where(eq(pilots.id, id)).for("update");
      return row ? (await withLinks([row], tx))[0] : undefined;
    },

    async list(reader: Reader, q: PilotListQuery): Promise<{ rows: PilotRecord[]; total: number }> {
      const where: SQL[] = [visiblePilot(reader)];
      if (q.sector) where.push(eq(pilots.sector, q.sector));
      if (q.state) where.push(eq(pilots.state, q.state));
      if (q.country) where.push(eq(organisations.country, q.country));
      const rows = await db
        .select({ pilot: pilots, total: sql<number>`count(*) over ()`.mapWith(Number) })
        .from(pilots)
        .innerJoin(organisations, eq(organisations.id, pilots.leadOrganisationId))
        .where(and(...where))
        .orderBy(desc(pilots.startsOn), asc(pilots.id))
        .offset(q.offset)
        .limit(q.limit);
      return { rows: await withLinks(rows.map((r) => r.pilot)), total: rows[0]?.total ?? 0 };
    },

    /** Pilots in which one of `organisationIds` participates (the workspace's list and the feed). */
    async listParticipating(organisationIds: string[]): Promise<PilotRecord[]> {
      if (!organisationIds.length) return [];
      const rows = await db
        .select()
        .from(pilots)
        .where(exists(db.select().from(pilotParticipants).where(and(eq(pilotParticipants.pilotId, pilots.id), inArray(pilotParticipants.organisationId, organisationIds)))))
        .orderBy(desc(pilots.updatedAt));
      return withLinks(rows);
    },

    /**
     * Pilots led from `country` that the reader may see, most comparable first: the same sector counts two, each
     * shared tag one; pilots with nothing in common are left out.
     */
    async comparable(reader: Reader, of: { id: string; country: Country; sector: Sector; tags: string[] }, limit: number): Promise<PilotRecord[]> {
      const score = sql<number>`(case when ${pilots.sector} = ${of.sector} then 2 else 0 end) + cardinality(array(select unnest(${pilots.tags}) intersect select jsonb_array_elements_text(${JSON.stringify(of.tags)}::jsonb)))`;
      const rows = await db
        .select({ pilot: pilots, score })
        .from(pilots)
        .innerJoin(organisations, eq(organisations.id, pilots.leadOrganisationId))
        .where(and(ne(pilots.id, of.id), eq(organisations.country, of.country), visiblePilot(reader), gt(score, 0)))
        .orderBy(desc(score), desc(pilots.updatedAt))
        .limit(limit);
      return withLinks(rows.map((r) => r.pilot));
    },

    /** The named contacts of a pilot who are still listed in the network, with the name they go by. */
    async contacts(pilotId: string): Promise<Array<{ memberId: string; displayName: string; position: string; organisationId: string }>> {
      return db
        .select({ memberId: networkMembers.id, displayName: users.displayName, position: networkMembers.position, organisationId: networkMembers.organisationId })
        .from(pilotContacts)
        .innerJoin(networkMembers, eq(networkMembers.id, pilotContacts.memberId))
        .innerJoin(users, eq(users.id, networkMembers.userId))
        .where(eq(pilotContacts.pilotId, pilotId))
        .orderBy(asc(users.displayName));
    },

    async milestones(pilotId: string): Promise<MilestoneRow[]> {
      return db.select().from(pilotMilestones).where(eq(pilotMilestones.pilotId, pilotId)).orderBy(asc(pilotMilestones.dueOn), asc(pilotMilestones.id));
    },

    async saveMilestone(tx: Tx, actor: string, pilotId: string, id: string | null, values: Omit<typeof pilotMilestones.$inferInsert, "pilotId" | "id">): Promise<MilestoneRow> {
      const [before] = id ? await tx.select().from(pilotMilestones).where(and(eq(pilotMilestones.id, id), eq(pilotMilestones.pilotId, pilotId))) : [];
      const [row] = before
        ? await tx.update(pilotMilestones).set(values).where(eq(pilotMilestones.id, before.id)).returning()
        : await tx
            .insert(pilotMilestones)
            .values({ ...values, pilotId })
            .returning();
      await appendEvent(tx, { actor, action: "pilot.milestone_saved", subjectType: SUBJECT, subjectId: pilotId, before, after: row });
      return row!;
    },

    async indicators(pilotIds: string[]): Promise<IndicatorRow[]> {
      if (!pilotIds.length) return [];
      return db.select().from(pilotIndicators).where(inArray(pilotIndicators.pilotId, pilotIds)).orderBy(asc(pilotIndicators.position), asc(pilotIndicators.id));
    },

    async findIndicator(id: string, tx: Db | Tx = db): Promise<IndicatorRow | undefined> {
      const [row] = await tx.select().from(pilotIndicators).where(eq(pilotIndicators.id, id));
      return row;
    },

    async saveIndicator(tx: Tx, actor: string, pilotId: string, id: string | null, values: Omit<typeof pilotIndicators.$inferInsert, "pilotId" | "id" | "position">): Promise<IndicatorRow> {
      const [before] = id ? await tx.select().from(pilotIndicators).where(and(eq(pilotIndicators.id, id), eq(pilotIndicators.pilotId, pilotId))) : [];
      const [{ next }] = (await tx
        .select({ next: sql<number>`coalesce(max(${pilotIndicators.position}) + 1, 0)`.mapWith(Number) })
        .from(pilotIndicators)
        .where(eq(pilotIndicators.pilotId, pilotId))) as [{ next: number }];
      const [row] = before
        ? await tx.update(pilotIndicators).set(values).where(eq(pilotIndicators.id, before.id)).returning()
        : await tx
            .insert(pilotIndicators)
            .values({ ...values, pilotId, position: next })
            .returning();
      await appendEvent(tx, { actor, action: "pilot.indicator_saved", subjectType: SUBJECT, subjectId: pilotId, before, after: row });
      return row!;
    },

    async measurements(pilotIds: string[]): Promise<MeasurementRow[]> {
      if (!pilotIds.length) return [];
      return db
        .select()
        .from(pilotMeasurements)
        .where(inArray(pilotMeasurements.pilotId, pilotIds))
        .orderBy(asc(pilotMeasurements.measuredOn), asc(pilotMeasurements.recordedAt));
    },

    async insertMeasurement(tx: Tx, actor: string, values: typeof pilotMeasurements.$inferInsert, indicator: IndicatorRow): Promise<MeasurementRow> {
      const [row] = await tx.insert(pilotMeasurements).values(values).returning();
      const after = { ...row, indicator: { id: indicator.id, name: indicator.name, unit: indicator.unit } };
      await appendEvent(tx, { actor, action: "pilot.measurement_recorded", subjectType: SUBJECT, subjectId: values.pilotId, after });
      return row!;
    },

    async lessons(reader: Reader, pilotId: string): Promise<LessonRow[]> {
      return db
        .select(lessonColumns)
        .from(lessons)
        .innerJoin(pilots, eq(pilots.id, lessons.pilotId))
        .where(and(eq(lessons.pilotId, pilotId), visibleLesson(reader)))
        .orderBy(asc(lessons.createdAt), asc(lessons.id));
    },

    async findLesson(id: string, tx: Db | Tx = db): Promise<LessonRow | undefined> {
      const [row] = await tx.select(lessonColumns).from(lessons).where(eq(lessons.id, id));
      return row;
    },

    async saveLesson(
      tx: Tx,
      actor: string,
      pilotId: string,
      id: string | null,
      values: Omit<typeof lessons.$inferInsert, "pilotId" | "id" | "docFr" | "docNl" | "docDe" | "docEn"> & { tags: string[] },
    ): Promise<LessonRow> {
      const [before] = id ? await tx.select(lessonColumns).from(lessons).where(and(eq(lessons.id, id), eq(lessons.pilotId, pilotId))) : [];
      const docs = lessonDocuments(values);
      const [row] = before
        ? await tx
            .update(lessons)
            .set({ ...values, ...docs, updatedAt: new Date() })
            .where(eq(lessons.id, before.id))
            .returning(lessonColumns)
        : await tx
            .insert(lessons)
            .values({ ...values, ...docs, pilotId })
            .returning(lessonColumns);
      await appendEvent(tx, { actor, action: "pilot.lesson_saved", subjectType: SUBJECT, subjectId: pilotId, before, after: row });
      return row!;
    },

    /**
     * Lessons matching `q` in any language (each text against its own language's stemmer), best first; with an empty
     * `q`, the most recent ones at rank 0 (the library being browsed).
     */
    async searchLessons(reader: Reader, q: string, lang: Lang, limit: number): Promise<Array<LessonRow & { country: Country; sector: Sector; rank: number }>> {
      const words = q.trim();
      const rank = words ? bestRank(lessonDoc, words, lang) : sql<number>`0`.mapWith(Number);
      const rows = await db
        .select({ lesson: lessonColumns, country: organisations.country, sector: pilots.sector, rank })
        .from(lessons)
        .innerJoin(pilots, eq(pilots.id, lessons.pilotId))
        .innerJoin(organisations, eq(organisations.id, lessons.organisationId))
        .where(words ? and(matchesAny(lessonDoc, words), visibleLesson(reader)) : visibleLesson(reader))
        // A constant rank would read as `order by 0`, a column position that PostgreSQL refuses.
        .orderBy(...(words ? [desc(rank)] : []), desc(lessons.updatedAt))
        .limit(limit);
      return rows.map((r) => ({ ...r.lesson, country: r.country, sector: r.sector, rank: r.rank }));
    },

    /** Events of the pilots `organisationIds` take part in, newest first, with the display name of who made them. */
    async feed(organisationIds: string[], since: Date | null, limit: number): Promise<Array<{ id: number; at: Date; actor: string; action: string; pilotId: string; after: unknown; by: string | null }>> {
      if (!organisationIds.length) return [];
      const where: SQL[] = [
        eq(events.subjectType, SUBJECT),
        sql`${events.subjectId} in (select ${pilotParticipants.pilotId}::text from ${pilotParticipants} where ${inArray(pilotParticipants.organisationId, organisationIds)})`,
      ];
      if (since) where.push(gt(events.at, since));
      return db
        .select({ id: events.id, at: events.at, actor: events.actor, action: events.action, pilotId: events.subjectId, after: events.after, by: users.displayName })
        .from(events)
        .leftJoin(users, sql`${events.actor} = 'user:' || ${users.id}::text`)
        .where(and(...where))
        .orderBy(desc(events.id))
        .limit(limit);
    },

    async titles(ids: string[]): Promise<Map<string, LocalizedText>> {
      if (!ids.length) return new Map();
      const rows = await db.select({ id: pilots.id, title: pilots.title }).from(pilots).where(inArray(pilots.id, ids));
      return new Map(rows.map((r) => [r.id, r.title]));
    },

    async notifications(userId: string): Promise<NotificationRow | undefined> {
      const [row] = await db.select().from(pilotNotifications).where(eq(pilotNotifications.userId, userId));
      return row;
    },

    /** Settings of the feed and digest: the reader's own, not a record of the register, so no event. */
    async saveNotifications(userId: string, values: Partial<Omit<NotificationRow, "userId">>): Promise<void> {
      await db
        .insert(pilotNotifications)
        .values({ userId, ...values })
        .onConflictDoUpdate({ target: pilotNotifications.userId, set: values });
    },

    /** Subscribers to a digest, with their e-mail, name and organisations. */
    async subscribers(): Promise<Array<NotificationRow & { email: string; displayName: string; organisationIds: string[] }>> {
      const rows = await db
        .select({
          n: pilotNotifications,
          email: users.email,
          displayName: users.displayName,
          organisationIds: sql<string[]>`coalesce((select array_agg(distinct ${memberships.organisationId}) from ${memberships} where ${memberships.userId} = ${users.id}), '{}')`,
        })
        .from(pilotNotifications)
        .innerJoin(users, eq(users.id, pilotNotifications.userId))
        .where(ne(pilotNotifications.digest, "off"));
      return rows.map((r) => ({ ...r.n, email: r.email, displayName: r.displayName, organisationIds: r.organisationIds }));
    },

    /** Network members by id, with their organisation (a pilot's contacts come from its participants). */
    async members(ids: string[]): Promise<Map<string, { organisationId: string }>> {
      if (!ids.length) return new Map();
      const rows = await db.select({ id: networkMembers.id, organisationId: networkMembers.organisationId }).from(networkMembers).where(inArray(networkMembers.id, ids));
      return new Map(rows.map((r) => [r.id, { organisationId: r.organisationId }]));
    },
  };
}

export type PilotsRepo = ReturnType<typeof createPilotsRepo>;
