// Loads the demo data set: LU and BE administrations and about twenty systems with their version history.
import { z } from "zod";
import { OrganisationInput } from "../domains/accounts/schema.ts";
import { actorName, type Actor } from "../http/actor.ts";
import { SystemRecord } from "../domains/systems/schema.ts";
import type { ImportItem } from "../domains/systems/service.ts";
import type { Services } from "../services.ts";
import organisationsJson from "./organisations.json" with { type: "json" };
import systemsJson from "./systems.json" with { type: "json" };

const DemoSystem = z.object({
  id: z.string(),
  organisation: z.string(),
  state: z.enum(["published", "in_review", "draft", "retired"]),
  versions: z.array(z.object({ publishedAt: z.string(), record: SystemRecord })),
  draft: SystemRecord.optional(),
});

/** The demo systems as the import steps that produce their history: each version, then the draft or retirement. */
export function demoImportItems(): ImportItem[] {
  const items: ImportItem[] = [];
  for (const [index, raw] of (systemsJson as unknown[]).entries()) {
    const system = DemoSystem.parse(raw);
    const base = { id: system.id, organisation: system.organisation, formerIds: [] };
    for (const version of system.versions) {
      items.push({ line: index + 1, item: { ...base, state: "published", record: version.record, publishedAt: version.publishedAt } });
    }
    const last = system.versions.at(-1);
    if (system.draft) {
      const state = system.state === "in_review" ? "in_review" : "draft";
      items.push({ line: index + 1, item: { ...base, state, record: system.draft } });
    }
    if (system.state === "retired" && last) {
      items.push({ line: index + 1, item: { ...base, state: "retired", record: last.record, publishedAt: last.publishedAt } });
    }
  }
  return items;
}

export async function loadDemo(services: Services, actor: Actor): Promise<{ systems: number; versions: number }> {
  await services.organisations.saveOrganisations(actorName(actor), z.array(OrganisationInput).parse(organisationsJson));
  const result = await services.systems.importSystems(actor, demoImportItems());
  return { systems: result.ids.length, versions: result.versions };
}
