// Loads the demo data set: LU and BE administrations, about twenty systems with their version history, a few
// approved assessments, and the knowledge exchange's practices, network and colloquium.
import { z } from "zod";
import { OrganisationInput } from "../domains/accounts/schema.ts";
import { actorName, type Actor } from "../http/actor.ts";
import { SystemRecord } from "../domains/systems/schema.ts";
import type { ImportItem } from "../domains/systems/service.ts";
import type { Services } from "../services.ts";
import organisationsJson from "./organisations.json" with { type: "json" };
import assessmentsJson from "./assessments.json" with { type: "json" };
import systemsJson from "./systems.json" with { type: "json" };
import { loadDemoExchange } from "./exchange.ts";
import { loadDemoPilots } from "./pilots.ts";

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

const DemoAssessment = z.object({
  system: z.string(),
  instrument: z.string(),
  answers: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  comments: z.record(z.string(), z.string()),
  dpoOpinion: z.string().optional(),
});

/** Each demo assessment filled in page by page, submitted and approved, unless its record already has assessments. */
async function loadDemoAssessments(services: Services, actor: Actor): Promise<void> {
  const { assessments } = services;
  const demo = z.array(DemoAssessment).parse(assessmentsJson);
  for (const systemId of new Set(demo.map((a) => a.system))) {
    if ((await assessments.listForSystem(actor, systemId)).responses.length) continue;
    for (const entry of demo.filter((a) => a.system === systemId)) {
      const id = await assessments.startAssessment(actor, systemId, entry.instrument);
      const { instrument } = await assessments.getAssessment(actor, id);
      for (const page of instrument.pages) {
        const onPage = (values: Record<string, unknown>) => Object.fromEntries(Object.entries(values).filter(([item]) => page.items.some((i) => i.id === item)));
        await assessments.saveAnswers(actor, id, page.id, { answers: onPage(entry.answers) as never, comments: onPage(entry.comments) as Record<string, string> });
      }
      await assessments.submitAssessment(actor, id);
      if (entry.dpoOpinion) await assessments.giveOpinion(actor, id, entry.dpoOpinion);
      await assessments.approveAssessment(actor, id, "");
    }
  }
}

export async function loadDemo(services: Services, actor: Actor): Promise<{ systems: number; versions: number }> {
  await services.organisations.saveOrganisations(actorName(actor), z.array(OrganisationInput).parse(organisationsJson));
  const result = await services.systems.importSystems(actor, demoImportItems());
  await loadDemoAssessments(services, actor);
  await loadDemoExchange(services, actor);
  await loadDemoPilots(services, actor);
  return { systems: result.ids.length, versions: result.versions };
}
