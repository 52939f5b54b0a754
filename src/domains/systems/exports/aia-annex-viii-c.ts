// A published system shaped as what a public-authority deployer registers in the EU database: AI Act Annex VIII section C.
// Source: Regulation (EU) 2024/1689, Annex VIII section C points 1–5, Art. 49(3)–(5), Art. 27(1) and Art. 71.
import type { Lang } from "../../../i18n/languages.ts";
import type { PublishedSystem } from "../present.ts";
import { isNonPublicSection, type SystemRecord } from "../schema.ts";
import { Shaper, type Shaped } from "./shape.ts";

type Text = string | null;
type Assessment = SystemRecord["assessments"][number];

export interface AssessmentSummary {
  date: Text;
  outcome: Text;
  summary: Text;
  url: Text;
  /** Why the assessment was not done, when it was not. */
  not_done_reason: Text;
}

export interface AnnexVIIIC {
  /**
   * Art. 49(3): public-authority deployers register high-risk systems of Annex III, except those of
   * point 2 (critical infrastructure), which Art. 49(5) sends to national registration.
   */
  applicable: boolean;
  /** Art. 49(4): Annex III points 1, 6 and 7 go to the database's non-public section. */
  non_public_section: boolean;
  /** C.1 Name, address and contact details of the deployer. */
  c1_deployer: {
    name: Text;
    official_id: string;
    country: "LU" | "BE";
    address: Text;
    contact_email: Text;
    contact_url: Text;
    website: Text;
  };
  /** C.2 Name and contact details of the person submitting on behalf of the deployer. */
  c2_submitter: { name: Text; role: Text; contact_email: Text };
  /** C.3 URL of the system's entry in the EU database, made by its provider. */
  c3_eu_database_url: Text;
  /** C.4 Summary of the fundamental rights impact assessment (Art. 27), with the Art. 27(1) points our record holds. */
  c4_fria: AssessmentSummary & {
    /** Art. 27(1)(b): period and frequency of use. */
    period_and_frequency_of_use: Text;
    /** Art. 27(1)(e): human oversight measures. */
    human_oversight_measures: Text;
    /** Art. 27(1)(f): measures when risks materialise, including complaint mechanisms. */
    complaint_mechanisms: Text;
  };
  /** C.5 Summary of the data protection impact assessment (GDPR Art. 35), where applicable. */
  c5_dpia: AssessmentSummary;
}

/** The most recent assessment of a kind; undated ones count as oldest. */
function latest(assessments: readonly Assessment[], kind: Assessment["kind"]): Assessment | undefined {
  return assessments
    .filter((a) => a.kind === kind)
    .reduce<Assessment | undefined>((best, a) => (!best || (a.date ?? "") > (best.date ?? "") ? a : best), undefined);
}

export function isAnnexVIIICApplicable(record: SystemRecord): boolean {
  return record.riskClass.class === "high" && !record.riskClass.annexIIIPoint?.startsWith("2");
}

/**
 * `approved` adds the assessments approved in Gäichel's workspace, in the record's assessment shape: the most recent
 * FRIA and DPIA, from the record or from the workspace, give C.4 and C.5.
 */
export function toAnnexVIIIC(s: PublishedSystem, lang: Lang, approved: readonly Assessment[] = []): Shaped<AnnexVIIIC> {
  const r = s.record;
  const assessments = [...r.assessments, ...approved];
  const t = new Shaper(lang);

  const summarise = (prefix: string, a: Assessment | undefined): AssessmentSummary => ({
    date: t.plain(`${prefix}.date`, a?.date),
    outcome: t.text(`${prefix}.outcome`, a?.outcome),
    summary: t.text(`${prefix}.summary`, a?.summary),
    url: t.plain(`${prefix}.url`, a?.url),
    not_done_reason: t.text(`${prefix}.not_done_reason`, a?.notDoneReason),
  });

  return t.done({
    applicable: isAnnexVIIICApplicable(r),
    non_public_section: isNonPublicSection(r.riskClass),
    c1_deployer: {
      name: t.text("c1_deployer.name", s.organisation.name),
      official_id: s.organisation.officialId,
      country: s.organisation.country,
      address: t.plain("c1_deployer.address", s.organisation.address),
      contact_email: t.plain("c1_deployer.contact_email", r.contact.email),
      contact_url: t.plain("c1_deployer.contact_url", r.contact.url),
      website: t.plain("c1_deployer.website", s.organisation.website),
    },
    // The record keeps who registered it and the accountable role, not a personal mailbox: the
    // system's contact mailbox is the submitter's contact.
    c2_submitter: {
      name: t.plain("c2_submitter.name", r.accountability.registeredBy),
      role: t.text("c2_submitter.role", r.accountability.seniorResponsibleRole),
      contact_email: t.plain("c2_submitter.contact_email", r.contact.email),
    },
    c3_eu_database_url: t.plain("c3_eu_database_url", r.euDatabaseUrl),
    c4_fria: {
      ...summarise("c4_fria", latest(assessments, "fria")),
      period_and_frequency_of_use: t.text("c4_fria.period_and_frequency_of_use", r.scale),
      human_oversight_measures: t.text("c4_fria.human_oversight_measures", r.humanReview),
      complaint_mechanisms: t.text("c4_fria.complaint_mechanisms", r.redress),
    },
    c5_dpia: summarise("c5_dpia", latest(assessments, "dpia")),
  });
}
