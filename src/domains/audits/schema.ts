// Zod contracts of a bias audit: the settings a user gives (column mapping, minimum group size, reference group)
// and the result the engine returns, in the shape of fairlearn's MetricFrame export plus intervals, disparities and
// suppression. Messages are translation keys; field names are snake_case because they are the JSON of the API.
import { z } from "zod";

/** At most this many protected attributes: their 2ⁿ − 1 combinations are all counted. */
export const MAX_PROTECTED = 6;
export const DEFAULT_MIN_GROUP_SIZE = 10;

const column = z.string().min(1, "validation.required");

/** A reference group named by its values, e.g. { sex: "M", nationality: "LU" }; null is the group of missing values. */
const NamedReference = z.record(z.string(), z.string().nullable());
export const ReferenceRule = z.union([z.enum(["largest", "most_favoured"]), NamedReference]);
export type ReferenceRule = z.infer<typeof ReferenceRule>;

export const AuditSettings = z
  .object({
    /** Decision column and its favourable value, or … */
    decision: column.optional(),
    favourable: z.string().min(1, "validation.required").optional(),
    /** … a score column and a threshold: score ≥ threshold is the favourable decision. */
    score: column.optional(),
    threshold: z.number({ error: "validation.invalid" }).finite("validation.invalid").optional(),
    /** Ground truth: without it only selection rates exist. */
    label: column.optional(),
    label_favourable: z.string().min(1, "validation.required").optional(),
    protected: z.array(column).min(1, "validation.audit_protected_required").max(MAX_PROTECTED, "validation.audit_too_many_protected"),
    weight: column.optional(),
    min_group_size: z.number().int("validation.invalid").min(1, "validation.invalid").default(DEFAULT_MIN_GROUP_SIZE),
    reference: ReferenceRule.default("largest"),
  })
  .superRefine((s, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if ((s.decision === undefined) === (s.score === undefined)) issue("decision", "validation.audit_decision_or_score");
    if (s.decision !== undefined && s.favourable === undefined) issue("favourable", "validation.required");
    if (s.score !== undefined && s.threshold === undefined) issue("threshold", "validation.required");
    if (s.label !== undefined && s.label_favourable === undefined) issue("label_favourable", "validation.required");
    const used = [s.decision, s.score, s.label, s.weight, ...s.protected].filter((c): c is string => c !== undefined);
    const reused = used.find((c, i) => used.indexOf(c) !== i);
    if (reused !== undefined) issue("protected", "validation.audit_column_reused");
    if (typeof s.reference === "object") {
      const names = Object.keys(s.reference);
      if (!names.length || names.some((name) => !s.protected.includes(name))) issue("reference", "validation.audit_reference_attribute");
    }
  });
export type AuditSettingsInput = z.input<typeof AuditSettings>;
export type AuditSettings = z.output<typeof AuditSettings>;

const rate = z.number().nullable();
const count = z.number().nullable();

/** A 95 % interval; null where the estimate is undefined or suppressed. */
export const Interval = z.object({ low: z.number(), high: z.number() });
export type Interval = z.infer<typeof Interval>;

export const rateNames = [
  "selection_rate",
  "true_positive_rate",
  "false_positive_rate",
  "false_negative_rate",
  "precision",
  "accuracy",
] as const;
export type RateName = (typeof rateNames)[number];

/** A group's difference to the reference group for one rate (group − reference), with Newcombe's interval. */
export const Disparity = z.object({
  difference: rate,
  ratio: rate,
  interval: Interval.nullable(),
  /** False when the interval of the difference contains 0: the gap is not distinguishable from no gap. */
  distinguishable: z.boolean().nullable(),
});
export type Disparity = z.infer<typeof Disparity>;

export const Disparities = z.object({
  demographic_parity: Disparity,
  equal_opportunity: Disparity,
  /** The TPR or the FPR difference, whichever is larger in absolute value, with that rate's ratio and interval. */
  equalized_odds: Disparity.extend({ rate: z.enum(["true_positive_rate", "false_positive_rate"]).nullable() }),
  predictive_parity: Disparity,
  /** Selection-rate ratio to the reference; flagged below 0.8. */
  four_fifths: z.object({ ratio: rate, flagged: z.boolean().nullable() }),
});
export type Disparities = z.infer<typeof Disparities>;

export const suppressionReasons = ["below_minimum", "complementary"] as const;
export type SuppressionReason = (typeof suppressionReasons)[number];

export const GroupResult = z.object({
  /** Values of the grouping's attributes; null is the group of missing (empty) values. */
  attributes: z.record(z.string(), z.string().nullable()),
  tp: count,
  fp: count,
  tn: count,
  fn: count,
  /** Number of decisions (sum of weights when weighted). */
  count,
  selection_rate: rate,
  true_positive_rate: rate,
  false_positive_rate: rate,
  false_negative_rate: rate,
  precision: rate,
  accuracy: rate,
  /** Favourable decisions (sum of weights when weighted). */
  selected: count,
  /** Rows of the file, unweighted: what the minimum group size applies to. */
  rows: count,
  intervals: z.record(z.enum(rateNames), Interval.nullable()),
  /** Null for the reference group itself, for a suppressed group, and when the grouping has no reference. */
  disparities: Disparities.nullable(),
  is_reference: z.boolean(),
  /** True in the published view when every figure of the group is withheld. */
  suppressed: z.boolean(),
  /** Why the published view withholds (or would withhold) the group; also shown in the raw view. */
  suppression: z.enum(suppressionReasons).nullable(),
});
export type GroupResult = z.infer<typeof GroupResult>;

/** fairlearn's between-groups summaries, over the groups of the view (raw: all; published: those not suppressed). */
export const Summary = z.object({
  demographic_parity_difference: rate,
  demographic_parity_ratio: rate,
  equalized_odds_difference: rate,
  equal_opportunity_difference: rate,
});
export type Summary = z.infer<typeof Summary>;

export const GroupingResult = z.object({
  attributes: z.array(z.string()),
  reference: z
    .object({ attributes: z.record(z.string(), z.string().nullable()), rule: z.enum(["named", "largest", "most_favoured"]) })
    .nullable(),
  groups: z.array(GroupResult),
  summary: Summary,
});
export type GroupingResult = z.infer<typeof GroupingResult>;

export const AuditResult = z.object({
  /** raw: every figure, for the owning organisation only; published: small groups withheld. */
  view: z.enum(["raw", "published"]),
  settings: z.object({
    decision: z.string().nullable(),
    favourable: z.string().nullable(),
    score: z.string().nullable(),
    threshold: z.number().nullable(),
    label: z.string().nullable(),
    label_favourable: z.string().nullable(),
    protected: z.array(z.string()),
    weight: z.string().nullable(),
    min_group_size: z.number(),
    reference: ReferenceRule,
  }),
  has_label: z.boolean(),
  weighted: z.boolean(),
  /** Every decision of the file, as one group. */
  overall: GroupResult,
  groupings: z.array(GroupingResult),
});
export type AuditResult = z.infer<typeof AuditResult>;
