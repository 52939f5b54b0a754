// Recomputes the audit trail's hash chain and names the first event that does not match.
import { asc, gt } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { asStoredJson, eventHash, GENESIS_HASH } from "./chain.ts";
import { events } from "./tables.ts";

export type ChainReport =
  | { ok: true; events: number }
  | { ok: false; events: number; brokenAt: number; reason: "hash_mismatch" | "link_mismatch" };

const BATCH = 1000;

export async function verifyChain(db: Db): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let lastId = 0;
  let count = 0;
  for (;;) {
    const rows = await db.select().from(events).where(gt(events.id, lastId)).orderBy(asc(events.id)).limit(BATCH);
    for (const row of rows) {
      count++;
      if (row.prevHash !== prevHash) return { ok: false, events: count, brokenAt: row.id, reason: "link_mismatch" };
      const hash = eventHash(prevHash, {
        at: row.at.toISOString(),
        actor: row.actor,
        action: row.action,
        subjectType: row.subjectType,
        subjectId: row.subjectId,
        before: asStoredJson(row.before),
        after: asStoredJson(row.after),
      });
      if (hash !== row.hash) return { ok: false, events: count, brokenAt: row.id, reason: "hash_mismatch" };
      prevHash = row.hash;
      lastId = row.id;
    }
    if (rows.length < BATCH) return { ok: true, events: count };
  }
}
