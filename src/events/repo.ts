// SQL of the audit-trail views: events of one subject or of one organisation, newest first.
import { and, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { memberships, users } from "../domains/accounts/tables.ts";
import { assessmentResponses } from "../domains/assessments/tables.ts";
import { audits } from "../domains/audits/tables.ts";
import { networkEvents, networkMembers, practices } from "../domains/exchange/tables.ts";
import { pilotParticipants } from "../domains/pilots/tables.ts";
import { datasets } from "../domains/privacy/tables.ts";
import { systems } from "../domains/systems/tables.ts";
import { events } from "./tables.ts";

export type EventRow = typeof events.$inferSelect & { actorEmail: string | null };

export interface EventQuery {
  /**
   * Everything about an organisation: itself, its systems with their assessments and audits, its members, its
   * datasets, the pilots it takes part in, its practices, events and listed people.
   */
  organisationId?: string;
  /** One record. */
  subject?: { type: string; id: string };
  page: number;
  pageSize: number;
}

// The audit trail is cross-cutting: it reads the owners of subjects, never writes them.
function scope(query: EventQuery): SQL | undefined {
  const parts: SQL[] = [];
  if (query.subject) parts.push(and(eq(events.subjectType, query.subject.type), eq(events.subjectId, query.subject.id))!);
  if (query.organisationId) {
    const org = query.organisationId;
    parts.push(
      or(
        and(eq(events.subjectType, "organisation"), eq(events.subjectId, org)),
        and(eq(events.subjectType, "system"), inArray(events.subjectId, sql`(select ${systems.id} from ${systems} where ${systems.organisationId} = ${org})`)),
        and(
          eq(events.subjectType, "user"),
          inArray(events.subjectId, sql`(select ${memberships.userId}::text from ${memberships} where ${memberships.organisationId} = ${org})`),
        ),
        ...(
          [
            ["assessment", sql`(select ${assessmentResponses.id}::text from ${assessmentResponses} join ${systems} on ${systems.id} = ${assessmentResponses.systemId} where ${systems.organisationId} = ${org})`],
            ["audit", sql`(select ${audits.id}::text from ${audits} join ${systems} on ${systems.id} = ${audits.systemId} where ${systems.organisationId} = ${org})`],
            ["dataset", sql`(select ${datasets.id}::text from ${datasets} where ${datasets.organisationId} = ${org})`],
            ["pilot", sql`(select ${pilotParticipants.pilotId}::text from ${pilotParticipants} where ${pilotParticipants.organisationId} = ${org})`],
            ["practice", sql`(select ${practices.id}::text from ${practices} where ${practices.organisationId} = ${org})`],
            ["network_event", sql`(select ${networkEvents.id}::text from ${networkEvents} where ${networkEvents.organisationId} = ${org})`],
            ["network_member", sql`(select ${networkMembers.id}::text from ${networkMembers} where ${networkMembers.organisationId} = ${org})`],
          ] as const
        ).map(([type, ids]) => and(eq(events.subjectType, type), inArray(events.subjectId, ids))),
      )!,
    );
  }
  return parts.length ? and(...parts) : undefined;
}

export function createEventsRepo(db: Db) {
  return {
    async list(query: EventQuery): Promise<{ total: number; items: EventRow[] }> {
      const where = scope(query);
      const rows = await db
        .select({
          event: events,
          actorEmail: users.email,
          total: sql<number>`count(*) over ()`.mapWith(Number),
        })
        .from(events)
        .leftJoin(users, sql`${events.actor} = 'user:' || ${users.id}::text`)
        .where(where)
        .orderBy(desc(events.id))
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize);
      let total = rows[0]?.total;
      if (total === undefined) {
        const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(events).where(where);
        total = row?.n ?? 0;
      }
      return { total, items: rows.map((r) => ({ ...r.event, actorEmail: r.actorEmail })) };
    },

    /** The organisation that owns a system, to decide who may read its log. */
    async systemOwner(id: string): Promise<string | undefined> {
      const [row] = await db.select({ org: systems.organisationId }).from(systems).where(eq(systems.id, id));
      return row?.org;
    },
  };
}

export type EventsRepo = ReturnType<typeof createEventsRepo>;
