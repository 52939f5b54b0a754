// Zod contracts of pilots and lessons, one per operation: the workspace forms, the JSON API and the demo data use them
// alike, and OpenAPI is generated from them. Messages are translation keys.
import { z } from "zod";
import { localized, type LocalizedText } from "../systems/schema.ts";
import { countries, sectors, sharingLevels } from "../exchange/sharing.ts";
import { digestFrequencies, directions, participantRoles, pilotStates } from "./tables.ts";

const isoDate = z.iso.date({ error: "validation.date" });
const shortText = (max: number) => z.string().trim().min(1, "validation.required").max(max, "validation.too_long");
const tags = z.array(z.string().trim().toLowerCase().min(1).max(40, "validation.too_long")).max(20, "validation.too_many_items").default([]);

export const PilotFrame = z
  .object({
    scope: localized(4000),
    population: localized(2000),
    dataSharingBasis: localized(2000),
    safeguards: localized(4000),
    exitCriteria: localized(2000),
    supervisingAuthority: shortText(200),
  })
  .strict();

export const Participant = z
  .object({
    organisationId: shortText(100),
    role: z.enum(participantRoles, { error: "validation.choice" }),
  })
  .strict();

/** What the lead writes about a pilot: everything but its state. */
export const PilotInput = z
  .object({
    title: localized(200),
    summary: localized(2000),
    sector: z.enum(sectors, { error: "validation.choice" }),
    tags,
    frame: PilotFrame,
    startsOn: isoDate,
    endsOn: isoDate,
    sharing: z.enum(sharingLevels, { error: "validation.choice" }).default("participants"),
    /** The other participants (the lead is the organisation that creates the pilot). */
    participants: z.array(Participant).max(30, "validation.too_many_items").default([]),
    /** Register system ids under test. */
    systems: z.array(shortText(100)).max(30, "validation.too_many_items").default([]),
    /** Network member ids named as contacts. */
    contacts: z.array(z.uuid({ error: "validation.choice" })).max(30, "validation.too_many_items").default([]),
  })
  .strict()
  .refine((p) => p.endsOn >= p.startsOn, { message: "validation.end_before_start", path: ["endsOn"] })
  .refine((p) => new Set(p.participants.map((x) => x.organisationId)).size === p.participants.length, {
    message: "validation.duplicate_participant",
    path: ["participants"],
  })
  .refine((p) => p.participants.every((x) => x.role !== "lead"), { message: "validation.one_lead", path: ["participants"] });
export type PilotInput = z.output<typeof PilotInput>;

/** A change of state; the reason is required to stop or scale up, the outcomes to enter `evaluated`. */
export const PilotTransition = z
  .object({
    to: z.enum(pilotStates, { error: "validation.choice" }),
    reason: localized(2000).optional(),
    evaluation: localized(8000).optional(),
  })
  .strict()
  .refine((t) => !(t.to === "stopped" || t.to === "scaled_up") || t.reason, { message: "validation.reason_required", path: ["reason"] })
  .refine((t) => t.to !== "evaluated" || t.evaluation, { message: "validation.evaluation_required", path: ["evaluation"] });
export type PilotTransition = z.output<typeof PilotTransition>;

export const MilestoneInput = z
  .object({
    title: localized(300),
    dueOn: isoDate,
    doneOn: isoDate.optional(),
  })
  .strict();
export type MilestoneInput = z.output<typeof MilestoneInput>;

const Target = z
  .object({
    baseline: z.number({ error: "validation.number" }).finite("validation.number"),
    target: z.number({ error: "validation.number" }).finite("validation.number"),
  })
  .strict();

export const IndicatorInput = z
  .object({
    name: localized(200),
    unit: shortText(40),
    direction: z.enum(directions, { error: "validation.choice" }),
    targets: z
      .object({ LU: Target.optional(), BE: Target.optional() })
      .strict()
      .refine((t) => t.LU || t.BE, "validation.one_country_required"),
  })
  .strict()
  .refine(
    (i) =>
      countries.every((c) => {
        const t = i.targets[c];
        return !t || (i.direction === "increase" ? t.target >= t.baseline : t.target <= t.baseline);
      }),
    { message: "validation.target_against_direction", path: ["targets"] },
  );
export type IndicatorInput = z.output<typeof IndicatorInput>;

/** A measurement is recorded for the country of the recording organisation. */
export const MeasurementInput = z
  .object({
    indicatorId: z.uuid({ error: "validation.choice" }),
    measuredOn: isoDate,
    value: z.number({ error: "validation.number" }).finite("validation.number"),
    note: z.string().trim().max(1000, "validation.too_long").optional(),
    /** The participating organisation recorded for, when the actor belongs to more than one. */
    organisationId: z.string().max(100).optional(),
  })
  .strict();
export type MeasurementInput = z.output<typeof MeasurementInput>;

export const LessonInput = z
  .object({
    title: localized(200),
    context: localized(4000),
    whatWorked: localized(4000),
    whatDidNot: localized(4000),
    recommendation: localized(4000),
    tags,
    sharing: z.enum(sharingLevels, { error: "validation.choice" }).default("participants"),
  })
  .strict();
export type LessonInput = z.output<typeof LessonInput>;

export const DigestInput = z.object({ digest: z.enum(digestFrequencies, { error: "validation.choice" }) }).strict();

/** What the feed and the digest say happened to a pilot. */
export const feedActions = [
  "pilot.created",
  "pilot.updated",
  "pilot.state_changed",
  "pilot.milestone_saved",
  "pilot.indicator_saved",
  "pilot.measurement_recorded",
  "pilot.lesson_saved",
] as const;
export type FeedAction = (typeof feedActions)[number];

export interface FeedItem {
  eventId: number;
  at: Date;
  action: FeedAction;
  pilotId: string;
  pilotTitle: LocalizedText;
  /** The person who made the change (display name), or null for the platform. */
  by: string | null;
  /** A few words on what changed: the new state, the indicator and value, the lesson's title. */
  detail: { state?: string; indicator?: LocalizedText; value?: number; unit?: string; country?: string; lesson?: LocalizedText };
  /** Newer than the reader's last visit. */
  unread: boolean;
}

// ---- The JSON API's and the public list's contracts ------------------------------------------------------------

/** A new pilot through the API: the organisation that leads it, and what the lead writes. */
export const NewPilot = PilotInput.safeExtend({ leadOrganisationId: shortText(100) });

/** A lesson through the API: the organisation it is written for, when the caller contributes for more than one. */
export const NewLesson = LessonInput.extend({ organisationId: z.string().max(100).optional() }).strict();

/** A filter left at "Any" in an HTML form arrives as `name=`: the same as no filter. */
const filter = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

/** Pilots a page of the list holds, on the public page and in the API. */
export const PILOT_PAGE_SIZE = 20;

/** The filters of the pilots' list, on the public page and in the API; `country` is the lead organisation's. */
export const PilotFilters = z.object({
  sector: filter(z.enum(sectors)),
  state: filter(z.enum(pilotStates)),
  country: filter(z.enum(countries)),
  page: z.coerce.number().int().min(1).max(1000).default(1),
});
export type PilotFilters = z.output<typeof PilotFilters>;

export const PilotIdParams = z.object({ pilotId: z.uuid() });
