// Factory of a published system for the export tests: every record field set, in several languages and statuses.
import type { OrganisationView, PublishedSystem } from "../src/domains/systems/present.ts";
import { SystemRecord, type SystemRecordInput } from "../src/domains/systems/schema.ts";

const both = (fr: string, en: string) => ({ fr: { text: fr }, en: { text: en, status: "machine" as const } });

export const fullRecordInput: SystemRecordInput = {
  name: { fr: { text: "Tri des demandes d'allocation" }, nl: { text: "Sortering van aanvragen" } },
  summary: both("Classe les demandes par urgence.", "Sorts applications by urgency."),
  publicUrl: "https://example.lu/tri",
  contact: { email: "ia@example.lu", url: "https://example.lu/contact" },
  accountability: {
    team: both("Équipe données", "Data team"),
    seniorResponsibleRole: { fr: { text: "Directeur des prestations" } },
    registeredBy: "A. Exemple",
  },
  thirdParties: [
    {
      name: "Fournisseur Exemple SA",
      companyNumber: "B123456",
      role: "supplier",
      description: { fr: { text: "Développe le modèle" } },
      procurement: { fr: { text: "Procédure ouverte" } },
      dataAccessTerms: { fr: { text: "Pas d'accès aux données de production" } },
    },
  ],
  classification: {
    theme: "social_security",
    capability: { en: { text: "Classification" } },
    task: { fr: { text: "Prioriser les dossiers" } },
    tags: ["allocations", "tri"],
    region: "LU",
  },
  status: { phase: "pilot", startDate: "2024-03-15", endDate: "2026-12-31", stopReason: { fr: { text: "Fin du pilote" } } },
  riskClass: { class: "high", annexIIIPoint: "5(a)", art50Transparency: true, prohibitedChecked: true },
  purpose: both("Réduire les délais de traitement.", "Reduce processing times."),
  justification: { fr: { text: "Le tri manuel prenait trois semaines." } },
  legalBases: [
    { title: { fr: { text: "Loi du 1er janvier 2020" } }, url: "https://legilux.example/loi" },
    { title: { fr: { text: "Règlement grand-ducal" } } },
  ],
  decisionProcess: { fr: { text: "Un agent traite les dossiers dans l'ordre proposé." } },
  automation: "advisory",
  humanReview: { fr: { text: "L'agent peut changer l'ordre." } },
  scale: { fr: { text: "5 000 demandes par mois." } },
  redress: { fr: { text: "Réclamation auprès du service, puis recours." } },
  technicalDescription: { fr: { text: "Gradient boosting sur 12 variables." } },
  models: [
    {
      name: "priorite",
      version: "2.1",
      task: { fr: { text: "Score d'urgence" } },
      inputs: { fr: { text: "Données du dossier" } },
      outputs: { fr: { text: "Score de 0 à 1" } },
      architecture: { fr: { text: "Gradient boosting" } },
      performance: { fr: { text: "AUC 0,81 ; écart entre groupes < 2 points" } },
    },
  ],
  data: [
    {
      name: { fr: { text: "Dossiers 2019–2022" } },
      kind: "development",
      url: "https://data.example.lu/dossiers",
      description: { fr: { text: "Dossiers clos" } },
      sensitiveAttributes: { fr: { text: "Aucune donnée de santé" } },
      collection: { fr: { text: "Demandes en ligne" } },
      sharingAgreements: { fr: { text: "Aucun" } },
      storage: { fr: { text: "Centre de données de l'État" } },
    },
    { name: { fr: { text: "Demandes en cours" } }, kind: "operational" },
  ],
  maintenance: { fr: { text: "Revue trimestrielle." } },
  links: {
    sourceCode: "https://code.example.lu/tri",
    processingRecord: "https://example.lu/registre",
    upstreamRecord: "https://example.lu/algorithmes/tri",
  },
  assessments: [
    { kind: "fria", date: "2023-05-01", outcome: { fr: { text: "Ancien" } }, summary: { fr: { text: "Première version." } } },
    {
      kind: "fria",
      date: "2024-02-01",
      outcome: { fr: { text: "Risque acceptable" } },
      summary: { fr: { text: "Risque de biais faible, suivi mensuel." } },
      url: "https://example.lu/fria",
    },
    { kind: "dpia", notDoneReason: { fr: { text: "Pas de nouvelles données personnelles." } } },
  ],
  risks: [
    {
      name: { fr: { text: "Biais" } },
      description: { fr: { text: "Dossiers de certaines communes sous-classés." } },
      mitigation: { fr: { text: "Suivi des écarts par commune." } },
    },
  ],
  euDatabaseUrl: "https://ec.europa.eu/ai-database/entry/123",
  nextReviewDue: "2025-06-30",
};

export const organisation: OrganisationView = {
  id: "lu-fns",
  country: "LU",
  officialId: "LU-ADM-0001",
  kind: "agency",
  name: { fr: { text: "Fonds national de solidarité", status: "authored" } },
  address: "1, rue Exemple, L-1234 Luxembourg",
  website: "https://example.lu",
};

/** A published system whose record is `SystemRecord.parse` of the full input with `record` merged over it. */
export function buildSystem(record: Partial<SystemRecordInput> = {}, overrides: Partial<PublishedSystem> = {}): PublishedSystem {
  return {
    id: "lu-tri-allocations",
    formerIds: ["lu-ancien-tri"],
    version: 3,
    lifecycle: "published",
    publishedAt: new Date("2024-06-01T10:00:00.000Z"),
    firstPublishedAt: new Date("2024-01-15T09:30:00.000Z"),
    retiredAt: null,
    organisation,
    record: SystemRecord.parse({ ...fullRecordInput, ...record }),
    ...overrides,
  };
}
