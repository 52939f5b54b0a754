// Synthetic test data: organisations and register records that pass the contracts, with overrides.
import type { OrganisationInput } from "../src/domains/accounts/schema.ts";
import type { Actor } from "../src/http/actor.ts";
import { SystemImport, SystemRecord, type SystemRecordInput } from "../src/domains/systems/schema.ts";
import type { ImportItem } from "../src/domains/systems/service.ts";
import type { Services } from "../src/services.ts";

export const operator: Actor = { kind: "operator", name: "test" };

export function buildOrganisation(overrides: Partial<OrganisationInput> = {}): OrganisationInput {
  return {
    id: "lu-test-ministry",
    country: "LU",
    officialId: "B123456",
    kind: "ministry",
    name: { fr: { text: "Ministère de test", status: "authored" }, en: { text: "Test ministry", status: "authored" } },
    ...overrides,
  };
}

export function buildRecord(overrides: Partial<SystemRecordInput> = {}): SystemRecord {
  return SystemRecord.parse({
    name: { fr: { text: "Éligibilité aux allocations familiales" }, en: { text: "Family allowance eligibility" } },
    summary: {
      fr: { text: "Calcule si une famille a droit à l'allocation familiale." },
      en: { text: "Works out whether a family is entitled to the family allowance." },
    },
    contact: { email: "register@example.lu" },
    classification: { theme: "social_security", region: "LU", tags: ["benefits"] },
    status: { phase: "in_use", startDate: "2024-01-01" },
    riskClass: { class: "high", annexIIIPoint: "5(a)" },
    purpose: { fr: { text: "Accélérer le traitement des demandes." }, en: { text: "Speed up the handling of claims." } },
    automation: "advisory",
    redress: { fr: { text: "Réclamation auprès du service." }, en: { text: "Complain to the department." } },
    ...overrides,
  });
}

export function buildImport(overrides: Partial<SystemImport> = {}, line = 1): ImportItem {
  return {
    line,
    item: SystemImport.parse({ id: "lu-family-allowance", organisation: "lu-test-ministry", record: buildRecord(), ...overrides }),
  };
}

/** Saves organisations and publishes records through the same services the CLI uses. */
export async function seed(services: Services, organisations: OrganisationInput[], items: ImportItem[]) {
  await services.organisations.saveOrganisations("operator:test", organisations);
  return services.systems.importSystems(operator, items);
}
