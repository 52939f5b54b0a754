// A published system shaped as the UK Algorithmic Transparency Recording Standard (ATRS) v4: metadata, tier 1, tier 2.
// Sources: the ATRS v2.1 field table on GOV.UK ("algorithmic-transparency-data-standard", attribute names
// such as id 0.1, standard_version 0.2, name 1.1, description 1.2, website 1.3, contact_email 1.4); the
// v3.0 template (GOV.UK ATRS hub: sections Owner and responsibility 2.1, Description and rationale 2.2,
// Decision-making process 2.3, Tool specification 2.4, Risks, mitigations and impact assessments 2.5);
// and the v4 changes listed in shared/reference/register-record.md (external supplier → third party,
// scope merged into the description, decision-making process → deployment context, data split into
// development and operational data, phases private/public beta, region "International").
// No machine-readable ATRS v4 schema was found in public repositories: keys are the snake_case
// attribute names of those tables with the v4 renames applied, and enumerated values (function,
// region) stay Gäichel codes where the ATRS code list was not available.
import type { Lang } from "../../../i18n/languages.ts";
import type { PublishedSystem } from "../present.ts";
import type { LocalizedText, Phase, SystemRecord } from "../schema.ts";
import { Shaper, type Shaped } from "./shape.ts";

export const ATRS_STANDARD_VERSION = "4.0";

// v4 phases; a pilot is used by a limited group on real cases, which is the private beta.
const phases: Record<Phase, string> = {
  planned: "Pre-deployment",
  development: "Pre-deployment",
  pilot: "Private beta",
  in_use: "Production",
  retired: "Retired",
};

const assessmentTitles = {
  dpia: "Data Protection Impact Assessment (DPIA)",
  fria: "Fundamental Rights Impact Assessment (FRIA, AI Act Art. 27)",
  impact_level: "Impact level assessment",
  bias_audit: "Bias audit",
  other: "Other assessment",
} as const;

type Text = string | null;

export interface AtrsThirdParty {
  third_party: string;
  /** Belgian enterprise number or Luxembourg registry id: not a UK Companies House number, hence the name. */
  company_registration_number: Text;
  third_party_role: Text;
  procurement_procedure_type: Text;
  third_party_data_access_terms: Text;
}

export interface AtrsModel {
  model_name: string;
  model_version: Text;
  model_task: Text;
  model_input: Text;
  model_output: Text;
  model_architecture: Text;
  model_performance: Text;
}

export interface AtrsData {
  source_data_name: Text;
  source_data_url: Text;
  data_description: Text;
  sensitive_attributes: Text;
  data_collection: Text;
  data_sharing_agreements: Text;
  data_access_and_storage: Text;
}

export interface AtrsRecord {
  metadata: {
    id: string;
    standard_version: typeof ATRS_STANDARD_VERSION;
    organisation: Text;
    function: SystemRecord["classification"]["theme"];
    capability: Text;
    task: Text;
    tags: string[];
    region: SystemRecord["classification"]["region"];
    phase: string;
    date_published: string;
    date_updated: string;
    date_retired: Text;
    date_next_review: Text;
  };
  tier_1_information: { name: Text; description: Text; website: Text; contact_email: Text };
  tier_2_information: {
    owner_and_responsibility: {
      organisation: Text;
      team: Text;
      senior_responsible_owner_role: Text;
      third_party_involvement: boolean;
      third_parties: AtrsThirdParty[];
    };
    description_and_rationale: {
      detailed_description: Text;
      benefits: Text;
      previous_process: Text;
      alternatives_considered: Text;
    };
    deployment_context: {
      process_integration: Text;
      provided_information: Text;
      frequency_and_scale_of_usage: Text;
      human_decisions_and_review: Text;
      required_training: Text;
      appeals_and_review: Text;
    };
    tool_specification: {
      system_architecture: Text;
      maintenance: Text;
      models: AtrsModel[];
      development_data: AtrsData[];
      operational_data: AtrsData[];
    };
    risks_mitigations_and_impact_assessments: {
      impact_assessments: {
        assessment_title: string;
        assessment_description: Text;
        date_completed: Text;
        link_to_assessment: Text;
      }[];
      risks: { risk_name: Text; risk_description: Text; risk_mitigation: Text }[];
    };
  };
}

export function toAtrs(s: PublishedSystem, lang: Lang): Shaped<AtrsRecord> {
  const r = s.record;
  const t = new Shaper(lang);
  // Each section names its fields with their dotted path, so the notes point into the ATRS shape.
  const section = (prefix: string) => ({
    text: (key: string, value: LocalizedText | undefined) => t.text(`${prefix}.${key}`, value),
    plain: (key: string, value: string | undefined) => t.plain(`${prefix}.${key}`, value),
    pick: (key: string, value: LocalizedText | undefined) => t.pick(`${prefix}.${key}`, value),
  });

  const meta = section("metadata");
  const tier1 = section("tier_1_information");
  const owner = section("tier_2_information.owner_and_responsibility");
  const rationale = section("tier_2_information.description_and_rationale");
  const context = section("tier_2_information.deployment_context");
  const tool = section("tier_2_information.tool_specification");

  const dataItems = (kind: "development" | "operational"): AtrsData[] =>
    r.data
      .filter((d) => d.kind === kind)
      .map((d, i) => {
        const item = section(`tier_2_information.tool_specification.${kind}_data[${i}]`);
        return {
          source_data_name: item.text("source_data_name", d.name),
          source_data_url: item.plain("source_data_url", d.url),
          data_description: item.text("data_description", d.description),
          sensitive_attributes: item.text("sensitive_attributes", d.sensitiveAttributes),
          data_collection: item.text("data_collection", d.collection),
          data_sharing_agreements: item.text("data_sharing_agreements", d.sharingAgreements),
          data_access_and_storage: item.text("data_access_and_storage", d.storage),
        };
      });

  return t.done({
    metadata: {
      id: s.id,
      standard_version: ATRS_STANDARD_VERSION,
      organisation: meta.text("organisation", s.organisation.name),
      function: r.classification.theme,
      capability: meta.text("capability", r.classification.capability),
      task: meta.text("task", r.classification.task),
      tags: r.classification.tags,
      region: r.classification.region,
      phase: phases[r.status.phase],
      date_published: s.firstPublishedAt.toISOString().slice(0, 10),
      date_updated: s.publishedAt.toISOString().slice(0, 10),
      date_retired: meta.plain("date_retired", s.retiredAt?.toISOString().slice(0, 10)),
      date_next_review: meta.plain("date_next_review", r.nextReviewDue),
    },
    tier_1_information: {
      name: tier1.text("name", r.name),
      description: tier1.text("description", r.summary),
      website: tier1.plain("website", r.publicUrl),
      contact_email: tier1.plain("contact_email", r.contact.email ?? r.contact.url),
    },
    tier_2_information: {
      owner_and_responsibility: {
        organisation: owner.text("organisation", s.organisation.name),
        team: owner.text("team", r.accountability.team),
        senior_responsible_owner_role: owner.text("senior_responsible_owner_role", r.accountability.seniorResponsibleRole),
        third_party_involvement: r.thirdParties.length > 0,
        third_parties: r.thirdParties.map((p, i) => {
          const item = section(`tier_2_information.owner_and_responsibility.third_parties[${i}]`);
          return {
            third_party: p.name,
            company_registration_number: item.plain("company_registration_number", p.companyNumber),
            // The role code stands in when the record does not describe the role.
            third_party_role: item.plain("third_party_role", item.pick("third_party_role", p.description) ?? p.role),
            procurement_procedure_type: item.text("procurement_procedure_type", p.procurement),
            third_party_data_access_terms: item.text("third_party_data_access_terms", p.dataAccessTerms),
          };
        }),
      },
      // Our purpose answers description, scope and benefit in one text (v4 merged scope into the
      // description), our justification the previous process and alternatives: each goes in the first
      // ATRS field it answers, rather than being repeated.
      description_and_rationale: {
        detailed_description: rationale.text("detailed_description", r.purpose),
        benefits: rationale.plain("benefits", undefined),
        previous_process: rationale.plain("previous_process", undefined),
        alternatives_considered: rationale.text("alternatives_considered", r.justification),
      },
      deployment_context: {
        process_integration: context.text("process_integration", r.decisionProcess),
        provided_information: context.plain("provided_information", undefined),
        frequency_and_scale_of_usage: context.text("frequency_and_scale_of_usage", r.scale),
        human_decisions_and_review: context.text("human_decisions_and_review", r.humanReview),
        required_training: context.plain("required_training", undefined),
        appeals_and_review: context.text("appeals_and_review", r.redress),
      },
      tool_specification: {
        system_architecture: tool.text("system_architecture", r.technicalDescription),
        maintenance: tool.text("maintenance", r.maintenance),
        models: r.models.map((m, i) => {
          const item = section(`tier_2_information.tool_specification.models[${i}]`);
          return {
            model_name: m.name,
            model_version: item.plain("model_version", m.version),
            model_task: item.text("model_task", m.task),
            model_input: item.text("model_input", m.inputs),
            model_output: item.text("model_output", m.outputs),
            model_architecture: item.text("model_architecture", m.architecture),
            model_performance: item.text("model_performance", m.performance),
          };
        }),
        development_data: dataItems("development"),
        operational_data: dataItems("operational"),
      },
      risks_mitigations_and_impact_assessments: {
        impact_assessments: r.assessments.map((a, i) => {
          const field = `tier_2_information.risks_mitigations_and_impact_assessments.impact_assessments[${i}]`;
          const item = section(field);
          // An assessment not done is still listed, with the reason, so that the gap is visible.
          const body = a.summary ?? a.notDoneReason;
          const parts = [item.pick("assessment_description", a.outcome), item.pick("assessment_description", body)];
          return {
            assessment_title: assessmentTitles[a.kind],
            assessment_description: item.plain("assessment_description", parts.filter(Boolean).join("\n\n")),
            date_completed: item.plain("date_completed", a.date),
            link_to_assessment: item.plain("link_to_assessment", a.url),
          };
        }),
        risks: r.risks.map((risk, i) => {
          const item = section(`tier_2_information.risks_mitigations_and_impact_assessments.risks[${i}]`);
          return {
            risk_name: item.text("risk_name", risk.name),
            risk_description: item.text("risk_description", risk.description),
            risk_mitigation: item.text("risk_mitigation", risk.mitigation),
          };
        }),
      },
    },
  });
}
