// SQL of the knowledge exchange: practices with their search documents, directory listings, events with their
// programme and materials. Every write appends an event in the caller's transaction. A listing's events hold only
// ids: the audit trail is chained and kept, and a person's details must not outlive the consent they withdraw.
import { and, asc, count, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { bestRank, matchesAny, searchVectors } from "../../db/search.ts";
import type { Db } from "../../db/client.ts";
import type { Tx } from "../../db/tx.ts";
import { appendEvent } from "../../events/append.ts";
import { languages, type Lang } from "../../i18n/languages.ts";
import { organisations, users } from "../accounts/tables.ts";
import type { LocalizedText } from "../systems/schema.ts";
import { practiceDocument } from "./search-document.ts";
import type { Country, Sector, Sharing } from "./sharing.ts";
import { eventMaterials, eventSessions, eventSpeakers, networkEvents, networkMembers, practices } from "./tables.ts";

/** Which shared records a reader may see: every record at one of `levels`, and any record of `organisationIds`. */
export interface Readable {
  levels: Sharing[];
  organisationIds: string[];
}

const practiceColumns = {
  id: practices.id,
  organisationId: practices.organisationId,
  kind: practices.kind,
  title: practices.title,
  summary: practices.summary,
  body: practices.body,
  sector: practices.sector,
  tags: practices.tags,
  link: practices.link,
  sharing: practices.sharing,
  createdBy: practices.createdBy,
  createdAt: practices.createdAt,
  updatedAt: practices.updatedAt,
};
/** A practice without its search documents. */
export type PracticeRow = Omit<typeof practices.$inferSelect, "docFr" | "docNl" | "docDe" | "docEn">;
export type PracticeValues = Omit<typeof practices.$inferInsert, "docFr" | "docNl" | "docDe" | "docEn" | "id" | "createdAt" | "updatedAt">;
/** A practice with its organisation, and its rank in a search (0 outside one). */
export interface PracticeView extends PracticeRow {
  organisationName: LocalizedText;
  country: Country;
  rank: number;
}

export interface PracticeFilter {
  q?: string;
  kind?: PracticeRow["kind"];
  sector?: Sector;
  country?: Country;
}

export interface MemberView {
  id: string;
  userId: string;
  displayName: string;
  organisationId: string;
  organisationName: LocalizedText;
  country: Country;
  position: string;
  expertise: string[];
  languages: string[];
  updatedAt: Date;
}

export type EventRow = typeof networkEvents.$inferSelect;
export type EventValues = Omit<typeof networkEvents.$inferInsert, "id" | "createdAt" | "updatedAt">;
export interface EventView extends EventRow {
  organisationName: LocalizedText;
  country: Country;
}
export interface SessionView {
  id: string;
  day: string;
  startsAt: string;
  title: LocalizedText;
  speakers: Array<{ memberId: string; displayName: string; organisationName: LocalizedText }>;
}
export type MaterialRow = typeof eventMaterials.$inferSelect;

const docColumn = { fr: practices.docFr, nl: practices.docNl, de: practices.docDe, en: practices.docEn };

/** The four weighted search documents of a practice, computed by PostgreSQL with each language's stemmer. */
function documents(practice: Pick<PracticeValues, "title" | "summary" | "body" | "tags">) {
  return searchVectors((lang) => practiceDocument({ ...practice, tags: practice.tags ?? [] }, lang));
}

function readableBy(table: typeof practices | typeof networkEvents, readable: Readable): SQL {
  const parts = [inArray(table.sharing, readable.levels)];
  if (readable.organisationIds.length) parts.push(inArray(table.organisationId, readable.organisationIds));
  return or(...parts)!;
}

/** A text[] literal from values (drizzle would spread a JS array into a list of parameters). */
function textArray(values: readonly string[]): SQL {
  return values.length ? sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]` : sql`'{}'::text[]`;
}

const memberColumns = {
  id: networkMembers.id,
  userId: networkMembers.userId,
  displayName: users.displayName,
  organisationId: networkMembers.organisationId,
  organisationName: organisations.name,
  country: organisations.country,
  position: networkMembers.position,
  expertise: networkMembers.expertise,
  languages: networkMembers.languages,
  updatedAt: networkMembers.updatedAt,
};

/** What the audit trail says of a listing: whose and where, never what the person wrote. */
const listingIds = (row: { id: string; userId: string; organisationId: string } | undefined) =>
  row && { id: row.id, userId: row.userId, organisationId: row.organisationId };

/**
 * A page of rows that carry their query's `count(*) over ()`, as items and total; a page past the end has no row to
 * carry the count, so `countAll` gives it.
 */
async function paged<T extends { total: number }>(rows: T[], countAll: () => Promise<Array<{ n: number }>>): Promise<{ total: number; items: Array<Omit<T, "total">> }> {
  const total = rows[0]?.total ?? (await countAll())[0]?.n ?? 0;
  return { total, items: rows.map(({ total: _, ...item }) => item) };
}

export function createExchangeRepo(db: Db) {
  const practiceView = () =>
    db
      .select({ ...practiceColumns, organisationName: organisations.name, country: organisations.country })
      .from(practices)
      .innerJoin(organisations, eq(organisations.id, practices.organisationId));

  const eventView = () =>
    db
      .select({ event: networkEvents, organisationName: organisations.name, country: organisations.country })
      .from(networkEvents)
      .innerJoin(organisations, eq(organisations.id, networkEvents.organisationId));

  /** Listed people, by name, with the total for pagination. */
  async function members(
    filter: { country?: Country; expertise?: string; organisationIds?: string[]; ids?: string[]; userId?: string },
    page: { limit: number; offset: number },
  ): Promise<{ total: number; items: MemberView[] }> {
    if ((filter.ids && !filter.ids.length) || (filter.organisationIds && !filter.organisationIds.length)) return { total: 0, items: [] };
    const where = and(
      filter.country ? eq(organisations.country, filter.country) : undefined,
      filter.expertise ? sql`${filter.expertise} = any(${networkMembers.expertise})` : undefined,
      filter.organisationIds ? inArray(networkMembers.organisationId, filter.organisationIds) : undefined,
      filter.ids ? inArray(networkMembers.id, filter.ids) : undefined,
      filter.userId ? eq(networkMembers.userId, filter.userId) : undefined,
    );
    const rows = await db
      .select({ ...memberColumns, total: sql<number>`count(*) over ()`.mapWith(Number) })
      .from(networkMembers)
      .innerJoin(users, eq(users.id, networkMembers.userId))
      .innerJoin(organisations, eq(organisations.id, networkMembers.organisationId))
      .where(where)
      .orderBy(sql`lower(${users.displayName})`, asc(networkMembers.id))
      .limit(page.limit)
      .offset(page.offset);
    return paged(rows, () => db.select({ n: count() }).from(networkMembers).innerJoin(organisations, eq(organisations.id, networkMembers.organisationId)).where(where));
  }

  return {
    // ---- Practices ---------------------------------------------------------------------------------------------

    async insertPractice(tx: Tx, actor: string, values: PracticeValues): Promise<PracticeRow> {
      const [row] = await tx
        .insert(practices)
        .values({ ...values, ...documents(values) } as never)
        .returning(practiceColumns);
      await appendEvent(tx, { actor, action: "practice.created", subjectType: "practice", subjectId: row!.id, after: row });
      return row!;
    },

    async updatePractice(tx: Tx, actor: string, id: string, values: Omit<PracticeValues, "organisationId" | "createdBy">): Promise<PracticeRow> {
      const [before] = await tx.select(practiceColumns).from(practices).where(eq(practices.id, id)).for("update");
      const [after] = await tx
        .update(practices)
        .set({ ...values, ...documents(values), updatedAt: new Date() } as never)
        .where(eq(practices.id, id))
        .returning(practiceColumns);
      await appendEvent(tx, { actor, action: "practice.updated", subjectType: "practice", subjectId: id, before, after });
      return after!;
    },

    async findPractice(id: string): Promise<PracticeView | undefined> {
      const [row] = await practiceView().where(eq(practices.id, id));
      return row && { ...row, rank: 0 };
    },

    /** One page of the practices `readable` lets a reader see, best match first for a search, else most recent first. */
    async searchPractices(filter: PracticeFilter, lang: Lang, readable: Readable, page: { limit: number; offset: number }): Promise<{ total: number; items: PracticeView[] }> {
      const where = and(
        readableBy(practices, readable),
        filter.kind ? eq(practices.kind, filter.kind) : undefined,
        filter.sector ? eq(practices.sector, filter.sector) : undefined,
        filter.country ? eq(organisations.country, filter.country) : undefined,
        filter.q ? matchesAny(docColumn, filter.q) : undefined,
      );
      const rows = await db
        .select({
          ...practiceColumns,
          organisationName: organisations.name,
          country: organisations.country,
          rank: filter.q ? bestRank(docColumn, filter.q, lang) : sql<number>`0`.mapWith(Number),
          total: sql<number>`count(*) over ()`.mapWith(Number),
        })
        .from(practices)
        .innerJoin(organisations, eq(organisations.id, practices.organisationId))
        .where(where)
        .orderBy(...(filter.q ? [desc(bestRank(docColumn, filter.q, lang))] : []), desc(practices.updatedAt), asc(practices.id))
        .limit(page.limit)
        .offset(page.offset);
      return paged(rows, () => db.select({ n: count() }).from(practices).innerJoin(organisations, eq(organisations.id, practices.organisationId)).where(where));
    },

    /** Practices of `country`'s organisations: same sector first, then the most tags in common, then the most recent. */
    async comparablePractices(country: Country, sector: Sector | undefined, tags: string[], readable: Readable, limit: number): Promise<PracticeView[]> {
      const rows = await practiceView()
        .where(and(eq(organisations.country, country), readableBy(practices, readable)))
        .orderBy(
          ...(sector ? [desc(sql`coalesce(${practices.sector} = ${sector}, false)`)] : []),
          desc(sql`cardinality(array(select unnest(${practices.tags}) intersect select unnest(${textArray(tags)})))`),
          desc(practices.updatedAt),
          asc(practices.id),
        )
        .limit(limit);
      return rows.map((row) => ({ ...row, rank: 0 }));
    },

    /** The practices of these organisations, most recently changed first. */
    async practicesOf(organisationIds: string[]): Promise<PracticeView[]> {
      if (!organisationIds.length) return [];
      const rows = await practiceView().where(inArray(practices.organisationId, organisationIds)).orderBy(desc(practices.updatedAt), asc(practices.id));
      return rows.map((row) => ({ ...row, rank: 0 }));
    },

    // ---- Directory ---------------------------------------------------------------------------------------------

    async memberOfUser(userId: string): Promise<MemberView | undefined> {
      const [row] = await members({ userId }, { limit: 1, offset: 0 }).then((r) => r.items);
      return row;
    },

    members,

    /** Every expertise tag in use, for the directory's filter. */
    async expertiseTags(): Promise<string[]> {
      const result = (await db.execute(sql`select distinct unnest(${networkMembers.expertise}) as tag from ${networkMembers} order by tag`)) as unknown as {
        rows: Array<{ tag: string }>;
      };
      return result.rows.map((row) => row.tag);
    },

    /** Lists a person, or changes their listing; consent is recorded anew each time. */
    async saveListing(tx: Tx, actor: string, values: { userId: string; organisationId: string; position: string; expertise: string[]; languages: string[] }) {
      const [before] = await tx.select().from(networkMembers).where(eq(networkMembers.userId, values.userId)).for("update");
      const now = new Date();
      const [row] = await tx
        .insert(networkMembers)
        .values(values)
        .onConflictDoUpdate({ target: networkMembers.userId, set: { ...values, consentedAt: now, updatedAt: now } })
        .returning();
      await appendEvent(tx, {
        actor,
        action: before ? "network_member.updated" : "network_member.listed",
        subjectType: "network_member",
        subjectId: row!.id,
        before: listingIds(before),
        after: listingIds(row),
      });
    },

    async findListing(id: string, tx: Db | Tx = db) {
      const [row] = await tx.select().from(networkMembers).where(eq(networkMembers.id, id));
      return row;
    },

    /** Deletes a listing: the foreign keys' cascades remove the person from pilot contacts and event speakers too. */
    async deleteListing(tx: Tx, actor: string, id: string, action: "network_member.withdrawn" | "network_member.removed") {
      const [row] = await tx.delete(networkMembers).where(eq(networkMembers.id, id)).returning();
      if (row) await appendEvent(tx, { actor, action, subjectType: "network_member", subjectId: id, before: listingIds(row) });
      return row !== undefined;
    },

    // ---- Events ------------------------------------------------------------------------------------------------

    async insertEvent(tx: Tx, actor: string, values: EventValues): Promise<EventRow> {
      const [row] = await tx.insert(networkEvents).values(values).returning();
      await appendEvent(tx, { actor, action: "network_event.created", subjectType: "network_event", subjectId: row!.id, after: row });
      return row!;
    },

    async updateEvent(tx: Tx, actor: string, id: string, values: Omit<EventValues, "organisationId" | "createdBy">): Promise<EventRow> {
      const [before] = await tx.select().from(networkEvents).where(eq(networkEvents.id, id)).for("update");
      const [after] = await tx
        .update(networkEvents)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(networkEvents.id, id))
        .returning();
      await appendEvent(tx, { actor, action: "network_event.updated", subjectType: "network_event", subjectId: id, before, after });
      return after!;
    },

    async findEvent(id: string): Promise<EventView | undefined> {
      const [row] = await eventView().where(eq(networkEvents.id, id));
      return row && { ...row.event, organisationName: row.organisationName, country: row.country };
    },

    /** Events a reader may see (of `organisationIds` only, when given), the latest first. */
    async events(readable: Readable, organisationIds?: string[]): Promise<EventView[]> {
      if (organisationIds && !organisationIds.length) return [];
      const rows = await eventView()
        .where(and(readableBy(networkEvents, readable), organisationIds ? inArray(networkEvents.organisationId, organisationIds) : undefined))
        .orderBy(desc(networkEvents.startsOn), asc(networkEvents.id));
      return rows.map((row) => ({ ...row.event, organisationName: row.organisationName, country: row.country }));
    },

    /** The programme of an event in time order, each session with its speakers who are still listed. */
    async sessions(eventId: string): Promise<SessionView[]> {
      const sessions = await db
        .select({ id: eventSessions.id, day: eventSessions.day, startsAt: eventSessions.startsAt, title: eventSessions.title })
        .from(eventSessions)
        .where(eq(eventSessions.eventId, eventId))
        .orderBy(asc(eventSessions.day), asc(eventSessions.startsAt), asc(eventSessions.position), asc(eventSessions.id));
      if (!sessions.length) return [];
      const speakers = await db
        .select({ sessionId: eventSpeakers.sessionId, memberId: eventSpeakers.memberId, displayName: users.displayName, organisationName: organisations.name })
        .from(eventSpeakers)
        .innerJoin(networkMembers, eq(networkMembers.id, eventSpeakers.memberId))
        .innerJoin(users, eq(users.id, networkMembers.userId))
        .innerJoin(organisations, eq(organisations.id, networkMembers.organisationId))
        .where(
          inArray(
            eventSpeakers.sessionId,
            sessions.map((s) => s.id),
          ),
        )
        .orderBy(sql`lower(${users.displayName})`);
      return sessions.map((s) => ({ ...s, speakers: speakers.filter((p) => p.sessionId === s.id).map(({ sessionId: _, ...p }) => p) }));
    },

    async insertSession(tx: Tx, actor: string, eventId: string, values: { day: string; startsAt: string; title: LocalizedText; speakers: string[] }) {
      const { speakers, ...session } = values;
      const [row] = await tx.insert(eventSessions).values({ eventId, ...session }).returning();
      if (speakers.length) await tx.insert(eventSpeakers).values(speakers.map((memberId) => ({ sessionId: row!.id, memberId })));
      await tx.update(networkEvents).set({ updatedAt: new Date() }).where(eq(networkEvents.id, eventId));
      await appendEvent(tx, { actor, action: "network_event.session_added", subjectType: "network_event", subjectId: eventId, after: { id: row!.id, ...values } });
    },

    async deleteSession(tx: Tx, actor: string, eventId: string, sessionId: string): Promise<boolean> {
      const [row] = await tx
        .delete(eventSessions)
        .where(and(eq(eventSessions.id, sessionId), eq(eventSessions.eventId, eventId)))
        .returning();
      if (row) await appendEvent(tx, { actor, action: "network_event.session_removed", subjectType: "network_event", subjectId: eventId, before: row });
      return row !== undefined;
    },

    async materials(eventId: string): Promise<MaterialRow[]> {
      // Materials have no position of their own: listed by title, in the first language each has.
      const title = sql`lower(coalesce(${sql.join(
        languages.map((l) => sql`${eventMaterials.title}->${l}->>'text'`),
        sql`, `,
      )}))`;
      return db.select().from(eventMaterials).where(eq(eventMaterials.eventId, eventId)).orderBy(title, asc(eventMaterials.id));
    },

    async insertMaterial(tx: Tx, actor: string, eventId: string, values: { title: LocalizedText; url: string }) {
      const [row] = await tx.insert(eventMaterials).values({ eventId, ...values }).returning();
      await tx.update(networkEvents).set({ updatedAt: new Date() }).where(eq(networkEvents.id, eventId));
      await appendEvent(tx, { actor, action: "network_event.material_added", subjectType: "network_event", subjectId: eventId, after: row });
    },

    async deleteMaterial(tx: Tx, actor: string, eventId: string, materialId: string): Promise<boolean> {
      const [row] = await tx
        .delete(eventMaterials)
        .where(and(eq(eventMaterials.id, materialId), eq(eventMaterials.eventId, eventId)))
        .returning();
      if (row) await appendEvent(tx, { actor, action: "network_event.material_removed", subjectType: "network_event", subjectId: eventId, before: row });
      return row !== undefined;
    },
  };
}

export type ExchangeRepo = ReturnType<typeof createExchangeRepo>;
