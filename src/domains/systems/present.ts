// Shapes in which a system leaves the domain: the published record with its organisation and dates.
import type { Lang } from "../../i18n/languages.ts";
import type { LifecycleState, LocalizedText, SystemRecord } from "./schema.ts";
import { languages as allLanguages } from "../../i18n/languages.ts";
import { translator } from "../../i18n/index.ts";
import { isNonPublicSection, STANDARD_VERSION, type TranslationStatus } from "./schema.ts";
import type { ListedSystem } from "./repo.ts";
import type { z } from "zod";
import type { DraftOut, ListedSystemOut, PublishedSystemOut, SystemStateOut } from "./schema.ts";
import type { WorkspaceSystem } from "./service.ts";

export interface OrganisationView {
  id: string;
  country: "LU" | "BE";
  officialId: string;
  kind: "ministry" | "agency" | "municipality" | "other";
  name: LocalizedText;
  address: string | null;
  website: string | null;
}

/** One published version of a system, as the public and the exports see it. */
export interface PublishedSystem {
  id: string;
  formerIds: string[];
  version: number;
  lifecycle: LifecycleState;
  publishedAt: Date;
  firstPublishedAt: Date;
  retiredAt: Date | null;
  organisation: OrganisationView;
  record: SystemRecord;
}

/** Picks the text in `lang`, else the first other language that has it, saying which one was used. */
export function pickText(
  text: LocalizedText | undefined,
  lang: Lang,
  order: readonly Lang[] = ["fr", "nl", "de", "en"],
): { text: string; lang: Lang; status: "authored" | "machine"; fallback: boolean } | undefined {
  if (!text) return undefined;
  const own = text[lang];
  if (own) return { text: own.text, lang, status: own.status, fallback: false };
  for (const other of order) {
    const entry = text[other];
    if (entry) return { text: entry.text, lang: other, status: entry.status, fallback: true };
  }
  return undefined;
}


/** The withheld-details notice, in every language, as a translated text of the record. */
function withheldNotice(): LocalizedText {
  return Object.fromEntries(
    allLanguages.map((lang) => [lang, { text: translator(lang)("system.withheld_notice"), status: "authored" as const }]),
  );
}

/**
 * What the public may see of a record. AI Act Art. 49(4): high-risk systems of Annex III points 1, 6 and 7 are
 * registered in a non-public section, so only their name, summary, owner, classification, contact and redress
 * route are shown; everything else is withheld.
 */
export function publicRecord(record: SystemRecord): { record: SystemRecord; restricted: boolean } {
  if (!isNonPublicSection(record.riskClass)) return { record, restricted: false };
  return {
    restricted: true,
    record: {
      name: record.name,
      summary: record.summary,
      contact: record.contact,
      classification: record.classification,
      status: record.status,
      riskClass: record.riskClass,
      automation: record.automation,
      redress: record.redress,
      purpose: withheldNotice(),
      accountability: {},
      thirdParties: [],
      legalBases: [],
      models: [],
      data: [],
      links: {},
      assessments: [],
      risks: [],
      nextReviewDue: record.nextReviewDue,
    },
  };
}

/** Translation status of each translated field: path → language → authored / machine / missing. */
export function translationStatuses(value: unknown, path = "", out: Record<string, Record<string, TranslationStatus>> = {}) {
  if (Array.isArray(value)) value.forEach((v, i) => translationStatuses(v, `${path}[${i}]`, out));
  else if (value && typeof value === "object") {
    const entries = Object.entries(value);
    const isText = entries.length > 0 && entries.every(([k, v]) => (allLanguages as readonly string[]).includes(k) && v && typeof v === "object" && "text" in v);
    if (isText) {
      out[path] = Object.fromEntries(
        allLanguages.map((l) => [l, ((value as LocalizedText)[l]?.status ?? "missing") as TranslationStatus]),
      );
    } else for (const [k, v] of entries) translationStatuses(v, path ? `${path}.${k}` : k, out);
  }
  return out;
}

export function presentPublished(s: PublishedSystem, lang: Lang): z.infer<typeof PublishedSystemOut> {
  return {
    id: s.id,
    formerIds: s.formerIds,
    standardVersion: STANDARD_VERSION,
    version: s.version,
    lifecycle: s.retiredAt ? "retired" : "published",
    publishedAt: s.publishedAt.toISOString(),
    firstPublishedAt: s.firstPublishedAt.toISOString(),
    retiredAt: s.retiredAt?.toISOString() ?? null,
    restricted: isNonPublicSection(s.record.riskClass),
    translations: translationStatuses(s.record),
    organisation: s.organisation,
    record: s.record as unknown as Record<string, unknown>,
    links: { html: `/${lang}/systems/${s.id}`, versions: `/api/v1/systems/${s.id}/versions` },
  };
}

export function presentListed(item: ListedSystem, lang: Lang): z.infer<typeof ListedSystemOut> {
  return {
    id: item.id,
    version: item.version,
    name: item.name,
    summary: item.summary,
    organisation: { id: item.organisationId, name: item.organisationName, country: item.country },
    theme: item.theme,
    status: item.phase,
    riskClass: item.riskClass,
    retired: item.retiredAt !== null,
    publishedAt: item.publishedAt.toISOString(),
    links: { self: `/api/v1/systems/${item.id}`, html: `/${lang}/systems/${item.id}` },
  };
}

/** Where a record stands, as the write API answers it. */
export function presentState(s: { id: string; organisationId: string; lifecycle: LifecycleState; latestVersion: number | null }): z.infer<typeof SystemStateOut> {
  return {
    id: s.id,
    organisation: s.organisationId,
    lifecycle: s.lifecycle,
    latestVersion: s.latestVersion,
    links: {
      draft: `/api/v1/systems/${s.id}/draft`,
      workspace: `/en/workspace/systems/${s.id}`,
      public: s.latestVersion ? `/api/v1/systems/${s.id}` : null,
    },
  };
}

/** The draft of a record with what reviewers said, for the members of its organisation. */
export function presentDraft(s: WorkspaceSystem): z.infer<typeof DraftOut> {
  return {
    ...presentState(s),
    updatedAt: s.updatedAt.toISOString(),
    record: s.record,
    reviews: s.reviews.map((r) => ({ decision: r.decision, comment: r.comment, at: r.at.toISOString() })),
  };
}
