// Appends one audit-trail event inside the caller's transaction, chained to the event before it.
import { desc, sql } from "drizzle-orm";
import type { Tx } from "../db/tx.ts";
import { asStoredJson, eventHash, GENESIS_HASH } from "./chain.ts";
import { events } from "./tables.ts";

export interface EventInput {
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  before?: unknown;
  after?: unknown;
}

/** Advisory lock key that serialises appends, so two transactions never chain to the same event. */
const CHAIN_LOCK = 7_205_001;

export async function appendEvent(tx: Tx, event: EventInput): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
  const [last] = await tx.select({ hash: events.hash }).from(events).orderBy(desc(events.id)).limit(1);
  const content = {
    at: new Date().toISOString(),
    actor: event.actor,
    action: event.action,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    before: asStoredJson(event.before),
    after: asStoredJson(event.after),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await tx.insert(events).values({ ...content, at: new Date(content.at), prevHash, hash: eventHash(prevHash, content) });
}
