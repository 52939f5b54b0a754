// SQL of the workspace's datasets. Every write appends an event; a protection's run record (domain, key id, operator
// per column — never the key, never a value) goes into the audit trail with it.
import { desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { Tx } from "../../db/tx.ts";
import { appendEvent } from "../../events/append.ts";
import { datasets } from "./tables.ts";

export type DatasetRow = typeof datasets.$inferSelect;

/** What an event says of a dataset: its files, state and run record; the scan's masked examples stay out. */
function summary(row: DatasetRow | undefined) {
  if (!row) return undefined;
  const { scan, ...rest } = row;
  return { ...rest, scan: scan ? { rows: scan.rows, mode: scan.mode, columns: scan.columns.map((c) => ({ name: c.name, entity: c.entity })) } : null };
}

export function createDatasetsRepo(db: Db) {
  return {
    async insert(tx: Tx, actor: string, values: typeof datasets.$inferInsert): Promise<DatasetRow> {
      const [row] = await tx.insert(datasets).values(values).returning();
      await appendEvent(tx, { actor, action: "dataset.uploaded", subjectType: "dataset", subjectId: row!.id, after: summary(row) });
      return row!;
    },

    async change(tx: Tx, actor: string, action: string, id: string, values: Partial<typeof datasets.$inferInsert>): Promise<DatasetRow> {
      const [before] = await tx.select().from(datasets).where(eq(datasets.id, id)).for("update");
      const [after] = await tx.update(datasets).set({ ...values, updatedAt: new Date() }).where(eq(datasets.id, id)).returning();
      await appendEvent(tx, { actor, action, subjectType: "dataset", subjectId: id, before: summary(before), after: summary(after) });
      return after!;
    },

    async find(id: string, tx: Db | Tx = db): Promise<DatasetRow | undefined> {
      const [row] = await tx.select().from(datasets).where(eq(datasets.id, id));
      return row;
    },

    async remove(tx: Tx, actor: string, id: string): Promise<void> {
      const [row] = await tx.delete(datasets).where(eq(datasets.id, id)).returning();
      await appendEvent(tx, { actor, action: "dataset.discarded", subjectType: "dataset", subjectId: id, before: summary(row) });
    },

    async listForOrganisations(organisationIds: string[]): Promise<DatasetRow[]> {
      if (!organisationIds.length) return [];
      return db.select().from(datasets).where(inArray(datasets.organisationId, organisationIds)).orderBy(desc(datasets.createdAt));
    },
  };
}

export type DatasetsRepo = ReturnType<typeof createDatasetsRepo>;
