// Synthetic test data: organisations and register records that pass the contracts, with overrides.
import type { OrganisationInput } from "../src/domains/accounts/schema.ts";
import type { Actor, Role } from "../src/http/actor.ts";
import { SESSION_COOKIE } from "../src/http/auth.ts";
import type { TokenScope } from "../src/domains/accounts/schema.ts";
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

let people = 0;

/** A signed-in user of the test app: the session cookie a browser would send, and a personal API token. */
export interface SignedInUser {
  userId: string;
  email: string;
  /** `gaichel_session=…`, for the Cookie header. */
  cookie: string;
  sessionToken: string;
  /** A personal API token with the given scopes (both scopes unless told). */
  token: string;
}

/**
 * Creates a user with `roles` (organisation id → roles) and signs them in without a password: through the OpenID
 * Connect path of the users service, which completes a session at once. The API token is created by that session.
 */
export async function signedInAs(
  services: Services,
  roles: Record<string, Role[]>,
  options: { scopes?: TokenScope[]; platformAdmin?: boolean; email?: string } = {},
): Promise<SignedInUser> {
  const email = options.email ?? `person${++people}-${Date.now()}@example.lu`;
  const memberships = Object.entries(roles).flatMap(([organisationId, list]) => list.map((role) => ({ organisationId, role })));
  const { user } = await services.users.createUser(operator, {
    email,
    displayName: email.split("@")[0]!,
    platformAdmin: options.platformAdmin ?? false,
    memberships,
  });
  const sessionToken = await services.users.signInWithOidc({ issuer: "https://idp.test", subject: user.id, email });
  if (!sessionToken) throw new Error(`could not sign in ${email}`);
  const { actor } = await services.users.resolveSession(sessionToken);
  const { token } = await services.users.createApiToken(actor!, { name: "test", scopes: options.scopes ?? ["systems:read", "systems:write"] });
  return { userId: user.id, email, cookie: `${SESSION_COOKIE}=${sessionToken}`, sessionToken, token };
}

const en = (text: string) => ({ en: { text, status: "authored" as const } });

/** What a lead writes about a pilot (the contract's input), with `partner` as a partner organisation. */
export function buildPilotInput(partner: string | null, overrides: Record<string, unknown> = {}) {
  return {
    title: { ...en("Triage assistant in emergency rooms"), fr: { text: "Assistant de tri aux urgences", status: "authored" as const } },
    summary: en("Two hospitals test a triage assistant."),
    sector: "health",
    tags: ["triage", "hospitals"],
    frame: {
      scope: en("Emergency rooms of two hospitals"),
      population: en("Adults arriving at the emergency room"),
      dataSharingBasis: en("GDPR Art. 6(1)(e), pseudonymised data only"),
      safeguards: en("A nurse confirms every suggestion"),
      exitCriteria: en("Stop if waiting times grow"),
      supervisingAuthority: "CNPD",
    },
    startsOn: "2026-01-01",
    endsOn: "2026-12-31",
    sharing: "public",
    participants: partner ? [{ organisationId: partner, role: "partner" }] : [],
    ...overrides,
  };
}
