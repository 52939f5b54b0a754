// Zod contracts of the register record (ATRS v4 + NL Algoritmeregister v1.0 + AI Act Annex VIII C) and its operations.
// Messages are translation keys (see i18n/locales); field names follow ../shared/reference/register-record.md.
import { z } from "zod";
import { languages, type Lang } from "../../i18n/languages.ts";

/** Version of our record schema, exported as `standard_version`. */
export const STANDARD_VERSION = "1.0";

export const translationStatuses = ["authored", "machine", "missing"] as const;
export type TranslationStatus = (typeof translationStatuses)[number];

const Translation = z.object({
  text: z.string().trim().min(1, "validation.required"),
  status: z.enum(["authored", "machine"]).default("authored"),
});

/** A text in up to four languages; a language left out has the status `missing`. */
export function localized(max = 20000) {
  const entry = Translation.extend({ text: Translation.shape.text.max(max, "validation.too_long") });
  return z
    .object({ fr: entry.optional(), nl: entry.optional(), de: entry.optional(), en: entry.optional() })
    .strict()
    .refine((value) => languages.some((lang) => value[lang]), "validation.one_language_required");
}
export type LocalizedText = Partial<Record<Lang, { text: string; status: "authored" | "machine" }>>;

const url = z.url({ protocol: /^https?$/, error: "validation.url" });
const isoDate = z.iso.date({ error: "validation.date" });

export const themes = [
  "social_security",
  "taxation",
  "education",
  "health",
  "mobility",
  "public_safety",
  "justice",
  "migration",
  "employment",
  "environment",
  "general_administration",
  "culture",
] as const;

export const phases = ["planned", "development", "pilot", "in_use", "retired"] as const;
export type Phase = (typeof phases)[number];

/** AI Act classes: not an AI system, minimal risk, transparency duties (Art. 50), high risk (Art. 6 / Annex III), prohibited (Art. 5). */
export const riskClasses = ["not_ai", "minimal", "transparency", "high", "prohibited"] as const;
export type RiskClass = (typeof riskClasses)[number];

export const regions = ["LU", "BE", "BE-BRU", "BE-VLG", "BE-WAL", "cross_border", "international"] as const;
export const automationLevels = ["advisory", "partly_automated", "fully_automated"] as const;
export const assessmentKinds = ["dpia", "fria", "impact_level", "bias_audit", "other"] as const;
export const thirdPartyRoles = ["supplier", "public_body", "research", "other"] as const;
export const dataKinds = ["development", "operational"] as const;

/** Annex III points as written in the Act, e.g. "5(a)" or "3". */
const annexIIIPoint = z.string().regex(/^[1-8](\([a-e]\))?$/, "validation.annex_iii_point");

export const RiskClassification = z
  .object({
    class: z.enum(riskClasses, { error: "validation.choice" }),
    annexIIIPoint: annexIIIPoint.optional(),
    /** Art. 6(1): a safety component of a product (or a product) of Annex I that needs a third-party conformity assessment. */
    annexIProduct: z.boolean().default(false),
    art6_3Exemption: z.boolean().default(false),
    art50Transparency: z.boolean().default(false),
    prohibitedChecked: z.boolean().default(false),
  })
  .strict()
  .refine((r) => r.class !== "high" || r.annexIIIPoint || r.annexIProduct, {
    message: "validation.annex_iii_point_required",
    path: ["annexIIIPoint"],
  })
  .refine((r) => !r.art6_3Exemption || (r.annexIIIPoint && r.class !== "high"), {
    message: "validation.art6_3_exemption",
    path: ["art6_3Exemption"],
  });

/** Art. 49(4): high-risk systems of Annex III points 1, 6 and 7 are registered in a non-public section. */
export function isNonPublicSection(risk: { class: RiskClass; annexIIIPoint?: string | undefined }): boolean {
  return risk.class === "high" && /^[167]/.test(risk.annexIIIPoint ?? "");
}

export const SystemRecord = z
  .object({
    name: localized(100),
    summary: localized(400),
    publicUrl: url.optional(),
    contact: z
      .object({ email: z.email({ error: "validation.email" }).optional(), url: url.optional() })
      .strict()
      .refine((c) => c.email || c.url, "validation.contact_required"),
    accountability: z
      .object({
        team: localized(200).optional(),
        seniorResponsibleRole: localized(200).optional(),
        registeredBy: z.string().trim().max(200).optional(),
      })
      .strict()
      .default({}),
    thirdParties: z
      .array(
        z
          .object({
            name: z.string().trim().min(1, "validation.required").max(200),
            companyNumber: z.string().trim().max(40).optional(),
            role: z.enum(thirdPartyRoles, { error: "validation.choice" }),
            description: localized(2000).optional(),
            procurement: localized(2000).optional(),
            dataAccessTerms: localized(2000).optional(),
          })
          .strict(),
      )
      .default([]),
    classification: z
      .object({
        theme: z.enum(themes, { error: "validation.choice" }),
        capability: localized(200).optional(),
        task: localized(500).optional(),
        tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
        region: z.enum(regions, { error: "validation.choice" }),
      })
      .strict(),
    status: z
      .object({
        phase: z.enum(phases, { error: "validation.choice" }),
        startDate: isoDate.optional(),
        endDate: isoDate.optional(),
        stopReason: localized(2000).optional(),
      })
      .strict()
      .refine((s) => !s.startDate || !s.endDate || s.startDate <= s.endDate, {
        message: "validation.end_before_start",
        path: ["endDate"],
      }),
    riskClass: RiskClassification,
    purpose: localized(),
    justification: localized().optional(),
    legalBases: z
      .array(z.object({ title: localized(300), url: url.optional() }).strict())
      .default([]),
    decisionProcess: localized().optional(),
    automation: z.enum(automationLevels, { error: "validation.choice" }),
    humanReview: localized().optional(),
    scale: localized().optional(),
    redress: localized(),
    technicalDescription: localized().optional(),
    models: z
      .array(
        z
          .object({
            name: z.string().trim().min(1, "validation.required").max(200),
            version: z.string().trim().max(60).optional(),
            task: localized(500).optional(),
            inputs: localized(2000).optional(),
            outputs: localized(2000).optional(),
            architecture: localized(2000).optional(),
            performance: localized(4000).optional(),
          })
          .strict(),
      )
      .default([]),
    data: z
      .array(
        z
          .object({
            name: localized(200),
            kind: z.enum(dataKinds, { error: "validation.choice" }),
            url: url.optional(),
            description: localized(4000).optional(),
            sensitiveAttributes: localized(2000).optional(),
            collection: localized(2000).optional(),
            sharingAgreements: localized(2000).optional(),
            storage: localized(2000).optional(),
          })
          .strict(),
      )
      .default([]),
    maintenance: localized().optional(),
    links: z
      .object({ sourceCode: url.optional(), processingRecord: url.optional(), upstreamRecord: url.optional() })
      .strict()
      .default({}),
    assessments: z
      .array(
        z
          .object({
            kind: z.enum(assessmentKinds, { error: "validation.choice" }),
            date: isoDate.optional(),
            outcome: localized(300).optional(),
            summary: localized(4000).optional(),
            url: url.optional(),
            notDoneReason: localized(2000).optional(),
          })
          .strict()
          .refine((a) => a.summary || a.notDoneReason, "validation.assessment_summary_or_reason"),
      )
      .default([]),
    risks: z
      .array(
        z.object({ name: localized(200), description: localized(4000), mitigation: localized(4000).optional() }).strict(),
      )
      .default([]),
    euDatabaseUrl: url.optional(),
    nextReviewDue: isoDate.optional(),
  })
  .strict();

export type SystemRecord = z.output<typeof SystemRecord>;
export type SystemRecordInput = z.input<typeof SystemRecord>;

/** Stable public id: lowercase letters, digits and dashes; never reused, never changed. */
export const SystemId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{2,63}$/, "validation.system_id");

export const lifecycleStates = ["draft", "in_review", "published", "retired"] as const;
export type LifecycleState = (typeof lifecycleStates)[number];

/** One entry of an import file; also the shape of the JSON export. */
export const SystemImport = z
  .object({
    id: SystemId.optional(),
    formerIds: z.array(SystemId).default([]),
    organisation: z.string().min(1, "validation.required"),
    /** `published` publishes a new version when the record changed; `draft` only saves the working copy. */
    state: z.enum(["draft", "in_review", "published", "retired"]).default("published"),
    record: SystemRecord,
    /** For imported history: when this version was published (defaults to now). */
    publishedAt: z.iso.datetime({ offset: true, error: "validation.datetime" }).optional(),
  })
  .strict();
export type SystemImport = z.output<typeof SystemImport>;

// ---- API contracts -------------------------------------------------------------------------

/** A filter left at "Any" in an HTML form arrives as `name=`: the same as no filter. */
const filter = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

export const SystemListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  country: filter(z.enum(["LU", "BE"])),
  organisation: filter(z.string().max(64)),
  theme: filter(z.enum(themes)),
  status: filter(z.enum(phases)),
  risk: filter(z.enum(riskClasses)),
  page: z.coerce.number().int().min(1).max(10000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  lang: z.enum(languages).optional(),
});
export type SystemListQuery = z.infer<typeof SystemListQuery>;

export const SystemIdParams = z.object({ id: z.string().max(64) });
// Versions are stored as PostgreSQL integers: a larger number is a 400, not a database error.
export const VersionNumber = z.coerce.number().int().min(1).max(2_147_483_647);
export const VersionParams = z.object({ id: z.string().max(64), version: VersionNumber });
export const DiffQuery = z.object({ from: VersionNumber, to: VersionNumber });

// ---- Response contracts (the OpenAPI document is generated from these) --------------------

const LocalizedOut = z.record(z.string(), z.object({ text: z.string(), status: z.enum(["authored", "machine"]) }));

export const OrganisationOut = z.object({
  id: z.string(),
  country: z.enum(["LU", "BE"]),
  officialId: z.string(),
  kind: z.string(),
  name: LocalizedOut,
  address: z.string().nullable(),
  website: z.string().nullable(),
});

export const PublishedSystemOut = z.object({
  id: z.string(),
  formerIds: z.array(z.string()),
  standardVersion: z.string(),
  version: z.number().int(),
  lifecycle: z.enum(["published", "retired"]),
  publishedAt: z.string(),
  firstPublishedAt: z.string(),
  retiredAt: z.string().nullable(),
  /** True when the AI Act (Art. 49(4)) keeps the details of this system out of public view. */
  restricted: z.boolean(),
  /** Translation status of every translated field, by path and language. */
  translations: z.record(z.string(), z.record(z.string(), z.enum(translationStatuses))),
  organisation: OrganisationOut,
  record: z.record(z.string(), z.unknown()),
  links: z.object({ html: z.string(), versions: z.string() }),
});

export const ListedSystemOut = z.object({
  id: z.string(),
  version: z.number().int(),
  name: LocalizedOut,
  summary: LocalizedOut,
  organisation: z.object({ id: z.string(), name: LocalizedOut, country: z.enum(["LU", "BE"]) }),
  theme: z.string(),
  status: z.string(),
  riskClass: z.string(),
  retired: z.boolean(),
  publishedAt: z.string(),
  links: z.object({ self: z.string(), html: z.string() }),
});

const FacetOut = z.array(z.object({ value: z.string(), count: z.number().int(), name: LocalizedOut.optional() }));

export const SystemListOut = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  pageCount: z.number().int(),
  items: z.array(ListedSystemOut),
  facets: z.object({ country: FacetOut, organisation: FacetOut, theme: FacetOut, status: FacetOut, risk: FacetOut }),
});

export const VersionListOut = z.object({
  id: z.string(),
  versions: z.array(
    z.object({ version: z.number().int(), publishedAt: z.string(), name: LocalizedOut, status: z.string(), links: z.object({ self: z.string() }) }),
  ),
});

export const DiffOut = z.object({
  id: z.string(),
  from: z.number().int(),
  to: z.number().int(),
  changes: z.array(
    z.object({
      path: z.array(z.union([z.string(), z.number()])),
      lang: z.string().nullable(),
      before: z.string().nullable(),
      after: z.string().nullable(),
    }),
  ),
});

export const ProblemOut = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  id: z.string(),
  instance: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string(), detail: z.string(), line: z.number().optional() })).optional(),
});

// ---- Workspace and API write contracts -----------------------------------------------------

/**
 * The record split into the sections the workspace edits one at a time. Together they hold every field once; a
 * section's contract is the record's own fields picked, so a form and the API validate alike.
 */
export const recordSections = {
  basics: ["name", "summary", "publicUrl", "contact", "classification", "status", "riskClass", "nextReviewDue", "euDatabaseUrl"],
  purpose: ["purpose", "justification", "decisionProcess", "automation", "humanReview", "scale", "redress"],
  data: ["technicalDescription", "models", "data", "maintenance", "links"],
  accountability: ["accountability", "thirdParties", "legalBases"],
  risks: ["risks", "assessments"],
} as const satisfies Record<string, ReadonlyArray<keyof SystemRecord>>;
export type RecordSection = keyof typeof recordSections;
export const sectionNames = Object.keys(recordSections) as RecordSection[];

const pickKeys = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, true as const]));
/** The contract of each section: the record's fields of that section, with the same messages. */
export const SectionContracts = Object.fromEntries(
  sectionNames.map((section) => [section, SystemRecord.pick(pickKeys(recordSections[section]) as never)]),
) as unknown as Record<RecordSection, z.ZodType<Partial<SystemRecord>, unknown>>;

/** A new record: the organisation that owns it and its first draft. */
export const NewSystem = z
  .object({
    organisation: z.string().trim().min(1, "validation.required").max(64, "validation.too_long"),
    record: SystemRecord,
  })
  .strict();
export type NewSystem = z.output<typeof NewSystem>;

/** A reviewer's decision; returning a draft needs a comment that says what to change. */
export const ReturnForChanges = z
  .object({ comment: z.string().trim().min(1, "validation.comment_required").max(4000, "validation.too_long") })
  .strict();
export const Approval = z
  .object({ comment: z.string().trim().max(4000, "validation.too_long").optional() })
  .strict()
  .nullish();
/** Submit, revise and retire take no fields; a body, if any, must be an empty object. */
export const NoFields = z.object({}).strict().nullish();

export const reviewDecisions = ["approved", "returned"] as const;

export const ReviewOut = z.object({
  decision: z.enum(reviewDecisions),
  comment: z.string(),
  at: z.string(),
});

/** The state of a record in the workspace, after a write or on request. */
export const SystemStateOut = z.object({
  id: z.string(),
  organisation: z.string(),
  lifecycle: z.enum(lifecycleStates),
  /** The latest published version, if any. */
  latestVersion: z.number().int().nullable(),
  links: z.object({ draft: z.string(), workspace: z.string(), public: z.string().nullable() }),
});

/** The working copy of a record, for the members of its organisation. */
export const DraftOut = SystemStateOut.extend({
  updatedAt: z.string(),
  record: SystemRecord,
  reviews: z.array(ReviewOut),
});
