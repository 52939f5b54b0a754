// Use cases on organisations.
import type { Db } from "../../db/client.ts";
import { inTransaction, type Tx } from "../../db/tx.ts";
import { errors } from "../../http/errors.ts";
import type { OrganisationView } from "../systems/present.ts";
import { presentOrganisation } from "./present.ts";
import type { OrganisationsRepo } from "./repo.ts";
import type { OrganisationInput } from "./schema.ts";

export function createOrganisationsService(db: Db, repo: OrganisationsRepo) {
  return {
    async getOrganisation(id: string): Promise<OrganisationView> {
      const row = await repo.find(id);
      if (!row) throw errors.notFound("organisation", id);
      return presentOrganisation(row);
    },

    async listOrganisations(): Promise<Array<OrganisationView & { publicSystems: number }>> {
      const rows = await repo.listWithCounts();
      return rows.map((row) => ({ ...presentOrganisation(row), publicSystems: row.publicSystems }));
    },

    /** Creates or updates organisations, in the caller's transaction when given (an import file's organisations). */
    async saveOrganisations(actor: string, inputs: OrganisationInput[], tx?: Tx): Promise<void> {
      if (tx) {
        for (const input of inputs) await repo.upsert(tx, actor, input);
        return;
      }
      await inTransaction(db, ({ tx }) => this.saveOrganisations(actor, inputs, tx));
    },

    /** Organisations by id, for showing many records at once. */
    async getOrganisations(ids: string[]): Promise<Map<string, OrganisationView>> {
      const rows = await repo.findMany([...new Set(ids)]);
      return new Map(rows.map((row) => [row.id, presentOrganisation(row)]));
    },

    async findOrganisation(id: string): Promise<OrganisationView | undefined> {
      const row = await repo.find(id);
      return row && presentOrganisation(row);
    },
  };
}

export type OrganisationsService = ReturnType<typeof createOrganisationsService>;
