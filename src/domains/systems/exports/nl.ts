// A published system shaped as the Dutch Algoritmeregister publication standard v1.0 (publicatiestandaard).
// Field keys, length limits and permitted values follow the standard's machine-readable field list,
// MinBZK/Algoritmeregister backend/app/schemas/config/v1_0.json (and v1_0_0.json, identical on these
// points), and its handbook MinBZK/Algoritmeregister-Publicatiestandaard ch02.md. Note that v1.0 limits
// description_short to 350 characters, not the 400 our summary allows.
import type { Lang } from "../../../i18n/languages.ts";
import type { PublishedSystem } from "../present.ts";
import type { Phase, SystemRecord } from "../schema.ts";
import { Shaper, type Shaped } from "./shape.ts";

/** Version of the Dutch standard this shape follows (its `standard_version` permits only "1.0"). */
export const NL_STANDARD_VERSION = "1.0";

/** Maximum lengths the standard declares, in characters. */
export const NL_LIMITS = {
  name: 100,
  organization: 100,
  description_short: 350,
  contact_email: 500,
  website: 500,
  url: 500,
  goal: 2500,
  proportionality: 2500,
  human_intervention: 2500,
  risks: 2500,
  lawful_basis: 2500,
  lawful_basis_title: 100,
  link: 500,
  impacttoetsen: 2500,
  source_data: 2500,
  source_data_title: 500,
  methods_and_models: 5000,
  provider: 200,
  publiccode: 500,
  source_id: 100,
  tags: 2500,
  process_index_url: 500,
} as const;

// The register's "Thema" list; its values are Dutch whatever the language of the record.
const categories: Record<SystemRecord["classification"]["theme"], string> = {
  social_security: "Sociale zekerheid",
  taxation: "Overheidsfinanciën",
  education: "Onderwijs en wetenschap",
  health: "Zorg en gezondheid",
  mobility: "Verkeer",
  public_safety: "Openbare orde en veiligheid",
  justice: "Recht",
  migration: "Migratie en integratie",
  employment: "Werk",
  environment: "Natuur en milieu",
  general_administration: "Organisatie en bedrijfsvoering",
  culture: "Cultuur en recreatie",
};

// A pilot already affects people; the standard says to choose "In gebruik" when in doubt between the two.
const statuses: Record<Phase, "In ontwikkeling" | "In gebruik" | "Buiten gebruik"> = {
  planned: "In ontwikkeling",
  development: "In ontwikkeling",
  pilot: "In gebruik",
  in_use: "In gebruik",
  retired: "Buiten gebruik",
};

// ISO 639-3, as the standard's `lang` field asks (v1.0 itself permits only "nld").
const iso6393: Record<Lang, string> = { fr: "fra", nl: "nld", de: "deu", en: "eng" };

const assessmentTitles = {
  dpia: "Data Protection Impact Assessment (DPIA)",
  fria: "Fundamental Rights Impact Assessment (FRIA)",
  impact_level: "Impact level assessment",
  bias_audit: "Bias audit",
  other: "Other assessment",
} as const;

export type PublicationCategory = "Hoog-risico AI-systeem" | "Impactvolle algoritmes" | "Overige algoritmes";

/**
 * Category A for high-risk (and prohibited) AI systems. Category B, "impactful", is the Dutch
 * guidance's algorithms with legal or otherwise significant effects on people: our record does not
 * say that in one field, so we take a system working in an Annex III area (exempted under
 * Art. 6(3)) or one that decides without a human taking the decision. Everything else is C.
 */
export function publicationCategory(record: SystemRecord): PublicationCategory {
  const { riskClass, automation } = record;
  if (riskClass.class === "high" || riskClass.class === "prohibited") return "Hoog-risico AI-systeem";
  if (riskClass.annexIIIPoint || automation !== "advisory") return "Impactvolle algoritmes";
  return "Overige algoritmes";
}

export interface AlgoritmeregisterRecord {
  name: string | null;
  organization: string | null;
  description_short: string | null;
  category: string[];
  status: (typeof statuses)[Phase];
  begin_date: string | null;
  end_date: string | null;
  contact_email: string | null;
  website: string | null;
  publication_category: PublicationCategory;
  url: string | null;
  goal: string | null;
  proportionality: string | null;
  human_intervention: string | null;
  risks: string | null;
  lawful_basis: string | null;
  lawful_basis_grouping: { title: string; link: string }[];
  process_index_url: string | null;
  impacttoetsen_grouping: { title: string; link: string | null }[];
  impacttoetsen: string | null;
  source_data: string | null;
  source_data_grouping: { title: string; link: string }[];
  methods_and_models: string | null;
  provider: string | null;
  publiccode: string | null;
  lang: string;
  standard_version: typeof NL_STANDARD_VERSION;
  /**
   * The id in the owner's register: our stable public id. The standard's `lars` is left out: the
   * Dutch register assigns it on publication.
   */
  source_id: string;
  tags: string | null;
}

export function toAlgoritmeregister(s: PublishedSystem, lang: Lang): Shaped<AlgoritmeregisterRecord> {
  const r = s.record;
  const t = new Shaper(lang);
  const month = (date: string | undefined) => date?.slice(0, 7);
  const lines = (parts: (string | undefined)[], separator: string) => parts.filter(Boolean).join(separator);

  const risks = r.risks.map((risk) =>
    lines([t.pick("risks", risk.name), t.pick("risks", risk.description), t.pick("risks", risk.mitigation)], " — "),
  );
  // In v1.0 `impacttoetsen` explains why an impact assessment was not done.
  const notDone = r.assessments.flatMap((a) => {
    const reason = t.pick("impacttoetsen", a.notDoneReason);
    return reason ? [`${assessmentTitles[a.kind]}: ${reason}`] : [];
  });
  const sources = r.data.map((d) => lines([t.pick("source_data", d.name), t.pick("source_data", d.description)], ": "));
  const models = r.models.map((m) =>
    lines([m.version ? `${m.name} ${m.version}` : m.name, t.pick("methods_and_models", m.architecture)], ": "),
  );

  return t.done({
    name: t.text("name", r.name, NL_LIMITS.name),
    organization: t.text("organization", s.organisation.name, NL_LIMITS.organization),
    description_short: t.text("description_short", r.summary, NL_LIMITS.description_short),
    category: [categories[r.classification.theme]],
    status: statuses[r.status.phase],
    begin_date: t.plain("begin_date", month(r.status.startDate)),
    end_date: t.plain("end_date", month(r.status.endDate)),
    contact_email: t.plain("contact_email", r.contact.email ?? r.contact.url, NL_LIMITS.contact_email),
    website: t.plain("website", r.publicUrl, NL_LIMITS.website),
    publication_category: publicationCategory(r),
    url: t.plain("url", r.links.upstreamRecord, NL_LIMITS.url),
    goal: t.text("goal", r.purpose, NL_LIMITS.goal),
    proportionality: t.text("proportionality", r.justification, NL_LIMITS.proportionality),
    human_intervention: t.joined("human_intervention", [r.decisionProcess, r.humanReview], NL_LIMITS.human_intervention),
    risks: t.plain("risks", risks.join("\n"), NL_LIMITS.risks),
    lawful_basis: t.plain("lawful_basis", lines(r.legalBases.map((b) => t.pick("lawful_basis", b.title)), "\n"), NL_LIMITS.lawful_basis),
    // The grouping requires a link for each title, so a legal basis without one appears only in lawful_basis.
    lawful_basis_grouping: r.legalBases.flatMap(({ title, url }, i) => {
      const field = `lawful_basis_grouping[${i}].title`;
      const text = url && t.pick(field, title);
      return text ? [{ title: t.limit(field, text, NL_LIMITS.lawful_basis_title), link: url }] : [];
    }),
    process_index_url: t.plain("process_index_url", r.links.processingRecord, NL_LIMITS.process_index_url),
    impacttoetsen_grouping: r.assessments.map((a) => ({ title: assessmentTitles[a.kind], link: a.url ?? null })),
    impacttoetsen: t.plain("impacttoetsen", notDone.join("\n"), NL_LIMITS.impacttoetsen),
    source_data: t.plain("source_data", sources.join("\n"), NL_LIMITS.source_data),
    source_data_grouping: r.data.flatMap(({ name, url }, i) => {
      const field = `source_data_grouping[${i}].title`;
      const text = url && t.pick(field, name);
      return text ? [{ title: t.limit(field, text, NL_LIMITS.source_data_title), link: url }] : [];
    }),
    methods_and_models: t.plain(
      "methods_and_models",
      lines([t.pick("methods_and_models", r.technicalDescription), ...models], "\n\n"),
      NL_LIMITS.methods_and_models,
    ),
    provider: t.plain(
      "provider",
      r.thirdParties.filter((p) => p.role === "supplier").map((p) => p.name).join(", "),
      NL_LIMITS.provider,
    ),
    publiccode: t.plain("publiccode", r.links.sourceCode, NL_LIMITS.publiccode),
    lang: iso6393[lang],
    standard_version: NL_STANDARD_VERSION,
    source_id: s.id,
    tags: t.plain("tags", r.classification.tags.join(", "), NL_LIMITS.tags),
  });
}
