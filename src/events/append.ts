// Appends one audit-trail event inside the caller's transaction.
import type { Tx } from "../db/tx.ts";
import { events } from "./tables.ts";

export interface EventInput {
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  before?: unknown;
  after?: unknown;
}

export async function appendEvent(tx: Tx, event: EventInput): Promise<void> {
  await tx.insert(events).values({
    actor: event.actor,
    action: event.action,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    before: event.before ?? null,
    after: event.after ?? null,
  });
}
