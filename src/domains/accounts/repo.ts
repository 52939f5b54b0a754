// SQL of organisations. Every write appends an event in the caller's transaction.
import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { Tx } from "../../db/tx.ts";
import { appendEvent } from "../../events/append.ts";
import { publicSystems } from "../systems/tables.ts";
import type { OrganisationInput } from "./schema.ts";
import { organisations } from "./tables.ts";

export type OrganisationRow = typeof organisations.$inferSelect;

export function createOrganisationsRepo(db: Db) {
  return {
    async find(id: string, tx: Db | Tx = db): Promise<OrganisationRow | undefined> {
      const [row] = await tx.select().from(organisations).where(eq(organisations.id, id));
      return row;
    },

    async findMany(ids: string[]): Promise<OrganisationRow[]> {
      return ids.length ? db.select().from(organisations).where(inArray(organisations.id, ids)) : [];
    },

    async upsert(tx: Tx, actor: string, input: OrganisationInput): Promise<void> {
      const [before] = await tx.select().from(organisations).where(eq(organisations.id, input.id));
      const values = {
        id: input.id,
        country: input.country,
        officialId: input.officialId,
        kind: input.kind,
        name: input.name,
        address: input.address ?? null,
        website: input.website ?? null,
      };
      await tx
        .insert(organisations)
        .values(values)
        .onConflictDoUpdate({ target: organisations.id, set: { ...values, updatedAt: new Date() } });
      await appendEvent(tx, {
        actor,
        action: before ? "organisation.updated" : "organisation.created",
        subjectType: "organisation",
        subjectId: input.id,
        before,
        after: values,
      });
    },

    /** Organisations with the number of systems they have in the public register. */
    async listWithCounts(): Promise<Array<OrganisationRow & { publicSystems: number }>> {
      const rows = await db
        .select({
          organisation: organisations,
          publicSystems: sql<number>`(select count(*)::int from ${publicSystems} where ${publicSystems.organisationId} = ${organisations.id})`,
        })
        .from(organisations)
        .orderBy(asc(organisations.country), asc(organisations.id));
      return rows.map((r) => ({ ...r.organisation, publicSystems: Number(r.publicSystems) }));
    },
  };
}

export type OrganisationsRepo = ReturnType<typeof createOrganisationsRepo>;
