// The public shape of pilots in the JSON API (and the response contracts the OpenAPI document shows): ids, texts in
// their languages, participants with their country; never who recorded what (user ids stay inside).
import { z } from "zod";
import { languages } from "../../i18n/languages.ts";
import { countries, sectors, sharingLevels } from "../exchange/sharing.ts";
import type { OrganisationView } from "../systems/present.ts";
import type { IndicatorRow, LessonRow, MeasurementRow, MilestoneRow, PilotRecord } from "./repo.ts";
import { lessonLanguages, type PilotView } from "./service.ts";
import { directions, participantRoles, pilotStates } from "./tables.ts";

const LocalizedOut = z.record(z.string(), z.object({ text: z.string(), status: z.enum(["authored", "machine"]) }));
const OrganisationOut = z.object({ id: z.string(), name: LocalizedOut, country: z.enum(countries) });
const TargetOut = z.object({ baseline: z.number(), target: z.number() });

export const ListedPilotOut = z.object({
  id: z.uuid(),
  title: LocalizedOut,
  summary: LocalizedOut,
  sector: z.enum(sectors),
  tags: z.array(z.string()),
  state: z.enum(pilotStates),
  sharing: z.enum(sharingLevels),
  startsOn: z.iso.date(),
  endsOn: z.iso.date(),
  lead: OrganisationOut,
  participants: z.array(z.object({ organisation: OrganisationOut, role: z.enum(participantRoles) })),
  updatedAt: z.iso.datetime(),
  links: z.object({ self: z.string(), html: z.string() }),
});

export const MilestoneOut = z.object({ id: z.uuid(), title: LocalizedOut, dueOn: z.iso.date(), doneOn: z.iso.date().nullable() });

export const IndicatorOut = z.object({
  id: z.uuid(),
  name: LocalizedOut,
  unit: z.string(),
  direction: z.enum(directions),
  /** Baseline and target per country that measures the indicator. */
  targets: z.object({ LU: TargetOut.optional(), BE: TargetOut.optional() }),
});

export const MeasurementOut = z.object({
  id: z.uuid(),
  indicatorId: z.uuid(),
  country: z.enum(countries),
  measuredOn: z.iso.date(),
  value: z.number(),
  note: z.string().nullable(),
  /** The participating organisation that recorded it. */
  organisationId: z.string(),
});

export const LessonOut = z.object({
  id: z.uuid(),
  organisationId: z.string(),
  title: LocalizedOut,
  context: LocalizedOut,
  whatWorked: LocalizedOut,
  whatDidNot: LocalizedOut,
  recommendation: LocalizedOut,
  tags: z.array(z.string()),
  sharing: z.enum(sharingLevels),
  /** The languages the lesson is written in. */
  languages: z.array(z.enum(languages)),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const PilotOut = ListedPilotOut.extend({
  stateReason: LocalizedOut.nullable(),
  evaluation: LocalizedOut.nullable(),
  frame: z.object({
    scope: LocalizedOut,
    population: LocalizedOut,
    dataSharingBasis: LocalizedOut,
    safeguards: LocalizedOut,
    exitCriteria: LocalizedOut,
    supervisingAuthority: z.string(),
  }),
  /** Register system ids under test (those the caller may see). */
  systems: z.array(z.string()),
  milestones: z.array(MilestoneOut),
  indicators: z.array(IndicatorOut),
  measurements: z.array(MeasurementOut),
  /** The lessons the caller may read. */
  lessons: z.array(LessonOut),
  /** What the caller may do to the pilot now. */
  actions: z.array(z.string()),
  createdAt: z.iso.datetime(),
});

export const PilotListOut = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  pageCount: z.number().int(),
  items: z.array(ListedPilotOut),
});

type Organisations = ReadonlyMap<string, Pick<OrganisationView, "id" | "name" | "country">>;

function organisation(organisations: Organisations, id: string): z.output<typeof OrganisationOut> {
  const found = organisations.get(id);
  // Participants reference organisations by foreign key: one is always there; the fallback only keeps the type honest.
  return { id, name: found?.name ?? {}, country: found?.country ?? "LU" };
}

export function presentListedPilot(pilot: PilotRecord, organisations: Organisations, lang = "en"): z.output<typeof ListedPilotOut> {
  return {
    id: pilot.id,
    title: pilot.title,
    summary: pilot.summary,
    sector: pilot.sector,
    tags: pilot.tags,
    state: pilot.state,
    sharing: pilot.sharing,
    startsOn: pilot.startsOn,
    endsOn: pilot.endsOn,
    lead: organisation(organisations, pilot.leadOrganisationId),
    participants: pilot.participants.map((p) => ({ organisation: organisation(organisations, p.organisationId), role: p.role })),
    updatedAt: pilot.updatedAt.toISOString(),
    links: { self: `/api/v1/pilots/${pilot.id}`, html: `/${lang}/pilots/${pilot.id}` },
  };
}

export const presentMilestone = (m: MilestoneRow): z.output<typeof MilestoneOut> => ({ id: m.id, title: m.title, dueOn: m.dueOn, doneOn: m.doneOn });

export const presentIndicator = (i: IndicatorRow): z.output<typeof IndicatorOut> => ({
  id: i.id,
  name: i.name,
  unit: i.unit,
  direction: i.direction,
  targets: i.targets,
});

export const presentMeasurement = (m: MeasurementRow): z.output<typeof MeasurementOut> => ({
  id: m.id,
  indicatorId: m.indicatorId,
  country: m.country,
  measuredOn: m.measuredOn,
  value: m.value,
  note: m.note,
  organisationId: m.organisationId,
});

export const presentLesson = (l: LessonRow): z.output<typeof LessonOut> => ({
  id: l.id,
  organisationId: l.organisationId,
  title: l.title,
  context: l.context,
  whatWorked: l.whatWorked,
  whatDidNot: l.whatDidNot,
  recommendation: l.recommendation,
  tags: l.tags,
  sharing: l.sharing,
  languages: lessonLanguages(l),
  createdAt: l.createdAt.toISOString(),
  updatedAt: l.updatedAt.toISOString(),
});

export function presentPilot(view: PilotView, organisations: Organisations, lang = "en"): z.output<typeof PilotOut> {
  const { pilot } = view;
  return {
    ...presentListedPilot(pilot, organisations, lang),
    stateReason: pilot.stateReason ? pilot.stateReason : null,
    evaluation: pilot.evaluation ? pilot.evaluation : null,
    frame: {
      scope: pilot.frame.scope,
      population: pilot.frame.population,
      dataSharingBasis: pilot.frame.dataSharingBasis,
      safeguards: pilot.frame.safeguards,
      exitCriteria: pilot.frame.exitCriteria,
      supervisingAuthority: pilot.frame.supervisingAuthority,
    },
    systems: view.systems.map((s) => s.id),
    milestones: view.milestones.map(presentMilestone),
    indicators: view.indicators.map(presentIndicator),
    measurements: view.measurements.map(presentMeasurement),
    lessons: view.lessons.map(presentLesson),
    actions: view.actions,
    createdAt: pilot.createdAt.toISOString(),
  };
}
