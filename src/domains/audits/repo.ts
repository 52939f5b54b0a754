// SQL of bias audits. Every write appends an event (the results themselves are summarised, not copied, in it).
import { and, desc, eq, isNotNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { Tx } from "../../db/tx.ts";
import { appendEvent } from "../../events/append.ts";
import { audits } from "./tables.ts";

export type AuditRow = typeof audits.$inferSelect;

/** What an event says of an audit: everything but the result tables. */
function summary(row: AuditRow | undefined) {
  if (!row) return undefined;
  const { raw: _raw, published: _published, ...rest } = row;
  return rest;
}

export function createAuditsRepo(db: Db) {
  async function change(tx: Tx, actor: string, action: string, id: string, values: Partial<typeof audits.$inferInsert>): Promise<AuditRow> {
    const [before] = await tx.select().from(audits).where(eq(audits.id, id)).for("update");
    const [after] = await tx.update(audits).set({ ...values, updatedAt: new Date() }).where(eq(audits.id, id)).returning();
    await appendEvent(tx, { actor, action, subjectType: "audit", subjectId: id, before: summary(before), after: summary(after) });
    return after!;
  }

  return {
    change,

    async insert(tx: Tx, actor: string, values: typeof audits.$inferInsert): Promise<AuditRow> {
      const [row] = await tx.insert(audits).values(values).returning();
      await appendEvent(tx, { actor, action: "audit.uploaded", subjectType: "audit", subjectId: row!.id, after: summary(row) });
      return row!;
    },

    async find(id: string, tx: Db | Tx = db): Promise<AuditRow | undefined> {
      const [row] = await tx.select().from(audits).where(eq(audits.id, id));
      return row;
    },

    async remove(tx: Tx, actor: string, id: string): Promise<void> {
      const [row] = await tx.delete(audits).where(eq(audits.id, id)).returning();
      await appendEvent(tx, { actor, action: "audit.discarded", subjectType: "audit", subjectId: id, before: summary(row) });
    },

    async listForSystem(systemId: string, { publishedOnly }: { publishedOnly: boolean }): Promise<AuditRow[]> {
      const where = publishedOnly ? and(eq(audits.systemId, systemId), isNotNull(audits.publishedAt)) : eq(audits.systemId, systemId);
      return db.select().from(audits).where(where).orderBy(desc(audits.createdAt));
    },
  };
}

export type AuditsRepo = ReturnType<typeof createAuditsRepo>;
