// Use cases of joint pilots: propose and edit a pilot with its controlled frame, move it through its states, record
// KPI measurements per country, write lessons learned; read it as its sharing level allows; find comparable pilots
// of the other country; search lessons for the practice library; the participants' feed and e-mail digest.
import type { Db } from "../../db/client.ts";
import { inTransaction } from "../../db/tx.ts";
import { actorName, type Actor } from "../../http/actor.ts";
import { AppError, errors } from "../../http/errors.ts";
import { parseInput } from "../../http/validation.ts";
import { languages, type Lang } from "../../i18n/languages.ts";
import type { OrganisationsService } from "../accounts/service.ts";
import type { AssessmentsService, PublicAssessment } from "../assessments/service.ts";
import type { AuditsService } from "../audits/service.ts";
import type { LessonHit } from "../exchange/schema.ts";
import { levelsReadable, type Country } from "../exchange/sharing.ts";
import type { LocalizedText } from "../systems/schema.ts";
import type { SystemsService } from "../systems/service.ts";
import { nextStates, stepBetween } from "./lifecycle.ts";
import { isParticipant, mayPilot, type PilotAction, type PilotTarget } from "./policy.ts";
import type { IndicatorRow, LessonRow, MeasurementRow, MilestoneRow, PilotListQuery, PilotRecord, PilotsRepo, Reader } from "./repo.ts";
import { DigestInput, feedActions, IndicatorInput, LessonInput, MeasurementInput, MilestoneInput, PilotInput, PilotTransition, type FeedAction, type FeedItem } from "./schema.ts";
import type { DigestFrequency, PilotState } from "./tables.ts";

/** Everything a pilot's page shows, cut to what the reader may see, with the actions open to them. */
export interface PilotView {
  pilot: PilotRecord;
  actions: PilotAction[];
  nextStates: PilotState[];
  /** The reader takes part in the pilot: they see every lesson, whatever its sharing level. */
  participant: boolean;
  milestones: MilestoneRow[];
  indicators: IndicatorRow[];
  measurements: MeasurementRow[];
  lessons: LessonRow[];
  contacts: Array<{ memberId: string; displayName: string; position: string; organisationId: string }>;
  /** The register systems under test, with their published bias audits and approved assessments. */
  systems: Array<{
    id: string;
    name: LocalizedText;
    published: boolean;
    audits: Array<{ id: string; title: string; publishedAt: Date | null }>;
    assessments: PublicAssessment[];
  }>;
  /** Organisations in whose name the reader may record a measurement or write a lesson here. */
  contributesAs: string[];
}

/** The languages a text is written in. */
const languagesOf = (...texts: LocalizedText[]): Lang[] => languages.filter((lang) => texts.some((text) => text[lang]));

/** The languages a lesson is written in (any of its texts). */
export const lessonLanguages = (l: Pick<LessonRow, "title" | "context" | "whatWorked" | "whatDidNot" | "recommendation">): Lang[] =>
  languagesOf(l.title, l.context, l.whatWorked, l.whatDidNot, l.recommendation);

const fieldError = (path: string, message: string, params: Record<string, string | number> = {}) => errors.invalidInput([{ path, message, params }]);

export function createPilotsService(
  db: Db,
  repo: PilotsRepo,
  deps: { organisations: OrganisationsService; systems: SystemsService; audits: AuditsService; assessments: AssessmentsService },
) {
  const target = (p: PilotRecord): PilotTarget => ({
    organisationId: p.leadOrganisationId,
    state: p.state,
    sharing: p.sharing,
    participants: Object.fromEntries(p.participants.map((x) => [x.organisationId, x.role])),
    authors: [p.createdBy],
  });

  function readerOf(actor: Actor): Reader {
    return { organisationIds: actor.kind === "user" ? Object.keys(actor.roles) : [], levels: levelsReadable(actor) };
  }

  /** The pilot if the actor may read it; otherwise absent, so that a private pilot's existence does not leak. */
  async function load(actor: Actor, id: string): Promise<PilotRecord> {
    const pilot = await repo.find(id);
    if (!pilot || !mayPilot(actor, "read", target(pilot))) throw new AppError("pilot_not_found", 404, { id });
    return pilot;
  }

  function authorize(actor: Actor, pilot: PilotRecord, action: PilotAction): void {
    if (!mayPilot(actor, action, target(pilot))) throw new AppError("pilot_action_refused", 403, { action, state: pilot.state });
  }

  /** The organisations in whose name the actor may `action` on the pilot: a participant that is lead or partner. */
  function contributingOrganisations(actor: Actor, pilot: PilotRecord, action: "measure" | "write_lesson"): string[] {
    const whole = target(pilot);
    return pilot.participants
      .filter((p) => p.role !== "observer")
      .filter((p) => mayPilot(actor, action, { ...whole, participants: { [p.organisationId]: p.role } }))
      .map((p) => p.organisationId);
  }

  /** The one organisation the actor acts for: the one they named, or their only one. */
  function actingFor(actor: Actor, pilot: PilotRecord, action: "measure" | "write_lesson", named: string | undefined): string {
    const allowed = contributingOrganisations(actor, pilot, action);
    if (!allowed.length) throw new AppError("pilot_action_refused", 403, { action, state: pilot.state });
    if (named) {
      if (!allowed.includes(named)) throw fieldError("organisationId", "validation.choice");
      return named;
    }
    if (allowed.length > 1) throw fieldError("organisationId", "validation.required");
    return allowed[0]!;
  }

  /** Checks what a pilot points at: organisations, register systems, network contacts of its participants. */
  async function checkLinks(leadOrganisationId: string, input: PilotInput): Promise<void> {
    const ids = [leadOrganisationId, ...input.participants.map((p) => p.organisationId)];
    const found = await deps.organisations.getOrganisations(ids);
    input.participants.forEach((p, i) => {
      if (!found.has(p.organisationId)) throw fieldError(`participants.${i}.organisationId`, "validation.unknown_organisation", { id: p.organisationId });
      if (p.organisationId === leadOrganisationId) throw fieldError(`participants.${i}.organisationId`, "validation.duplicate_participant");
    });
    for (const [i, systemId] of input.systems.entries()) {
      if (!(await deps.systems.findRecordOwner(systemId))) throw fieldError(`systems.${i}`, "validation.unknown_system", { id: systemId });
    }
    const members = await repo.members(input.contacts);
    input.contacts.forEach((memberId, i) => {
      const member = members.get(memberId);
      if (!member || !ids.includes(member.organisationId)) throw fieldError(`contacts.${i}`, "validation.unknown_contact");
    });
  }

  function rowValues(input: PilotInput) {
    return {
      title: input.title,
      summary: input.summary,
      sector: input.sector,
      tags: [...new Set(input.tags)],
      frame: input.frame,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      sharing: input.sharing,
    };
  }

  function linksOf(leadOrganisationId: string, input: PilotInput) {
    return {
      participants: [{ organisationId: leadOrganisationId, role: "lead" as const }, ...input.participants],
      systems: [...new Set(input.systems)],
      contacts: [...new Set(input.contacts)],
    };
  }

  async function systemsOf(actor: Actor, pilot: PilotRecord): Promise<PilotView["systems"]> {
    return Promise.all(
      pilot.systems.map(async (systemId) => {
        const owner = await deps.systems.findRecordOwner(systemId);
        const [audits, assessments] = await Promise.all([deps.audits.listPublished(systemId), deps.assessments.approvedForSystem(systemId)]);
        return {
          id: systemId,
          name: owner?.name ?? {},
          published: owner?.latestVersion != null,
          audits: audits.map((a) => ({ id: a.id, title: a.title, publishedAt: a.publishedAt })),
          assessments,
        };
      }),
    ).then((list) => list.filter((s) => s.published || isParticipant(actor, target(pilot))));
  }

  /** Feed items from the audit trail's events on the reader's pilots. */
  async function feedItems(organisationIds: string[], since: Date | null, seenAt: Date | null, self: string, limit: number): Promise<FeedItem[]> {
    const rows = (await repo.feed(organisationIds, since, limit)).filter((row) => (feedActions as readonly string[]).includes(row.action));
    const titles = await repo.titles([...new Set(rows.map((r) => r.pilotId))]);
    return rows.map((row) => {
      const after = (row.after ?? {}) as Record<string, unknown>;
      const indicator = after.indicator as { name: LocalizedText; unit: string } | undefined;
      return {
        eventId: row.id,
        at: row.at,
        action: row.action as FeedAction,
        pilotId: row.pilotId,
        pilotTitle: titles.get(row.pilotId) ?? {},
        by: row.by,
        detail: {
          state: row.action === "pilot.state_changed" ? String(after.state) : undefined,
          indicator: indicator?.name,
          unit: indicator?.unit,
          value: typeof after.value === "number" ? after.value : undefined,
          country: typeof after.country === "string" && row.action === "pilot.measurement_recorded" ? after.country : undefined,
          lesson: row.action === "pilot.lesson_saved" ? (after.title as LocalizedText) : undefined,
        },
        unread: row.actor !== self && (!seenAt || row.at > seenAt),
      };
    });
  }

  /** The country whose pilots and practices a pilot's page offers as "what the other country did". */
  async function otherCountryOf(pilot: PilotRecord): Promise<Country> {
    return (await deps.organisations.getOrganisation(pilot.leadOrganisationId)).country === "LU" ? "BE" : "LU";
  }

  /** Organisations the actor may lead a new pilot for: their own, or any for a platform admin. */
  async function creatableOrganisations(actor: Actor): Promise<string[]> {
    if (actor.kind !== "user") return [];
    const candidates = actor.platformAdmin ? (await deps.organisations.listOrganisations()).map((o) => o.id) : Object.keys(actor.roles);
    return candidates.filter((organisationId) => mayPilot(actor, "create", { organisationId }));
  }

  return {
    creatableOrganisations,

    async createPilot(actor: Actor, leadOrganisationId: string, raw: unknown): Promise<PilotRecord> {
      if (!mayPilot(actor, "create", { organisationId: leadOrganisationId })) {
        // Someone who may lead a pilot for another organisation chose the wrong one; anyone else is refused.
        if (!(await creatableOrganisations(actor)).length) throw new AppError("pilot_action_refused", 403, { action: "create", state: "" });
        throw fieldError("organisation", "validation.choice");
      }
      const input = parseInput(PilotInput, raw);
      await checkLinks(leadOrganisationId, input);
      return inTransaction(db, ({ tx }) =>
        repo.insert(tx, actorName(actor), { ...rowValues(input), leadOrganisationId, createdBy: actorName(actor) }, linksOf(leadOrganisationId, input)),
      );
    },

    async updatePilot(actor: Actor, id: string, raw: unknown): Promise<PilotRecord> {
      const current = await load(actor, id);
      authorize(actor, current, "edit");
      const input = parseInput(PilotInput, raw);
      await checkLinks(current.leadOrganisationId, input);
      return inTransaction(db, async ({ tx }) => {
        const pilot = (await repo.lock(tx, id))!;
        authorize(actor, pilot, "edit");
        return repo.update(tx, actorName(actor), id, rowValues(input), linksOf(pilot.leadOrganisationId, input));
      });
    },

    async changeState(actor: Actor, id: string, raw: unknown): Promise<PilotRecord> {
      const current = await load(actor, id);
      const input = parseInput(PilotTransition, raw);
      // Read outside the transaction: PGlite has one connection, which the transaction holds.
      const active = await deps.organisations.getOrganisations(current.participants.filter((p) => p.role !== "observer").map((p) => p.organisationId));
      const bothCountries = new Set([...active.values()].map((o) => o.country)).size === 2;
      return inTransaction(db, async ({ tx }) => {
        const pilot = (await repo.lock(tx, id))!;
        const step = stepBetween(pilot.state, input.to);
        if (!step) throw errors.conflict("pilot_wrong_state", { state: pilot.state, to: input.to });
        authorize(actor, pilot, step);
        if (step === "approve" && !bothCountries) throw errors.conflict("pilot_needs_both_countries");
        return repo.update(tx, actorName(actor), id, {
          state: input.to,
          stateReason: input.reason ?? null,
          ...(input.evaluation ? { evaluation: input.evaluation } : {}),
        });
      });
    },

    async saveMilestone(actor: Actor, pilotId: string, milestoneId: string | null, raw: unknown): Promise<MilestoneRow> {
      const pilot = await load(actor, pilotId);
      authorize(actor, pilot, "edit");
      const input = parseInput(MilestoneInput, raw);
      return inTransaction(db, ({ tx }) => repo.saveMilestone(tx, actorName(actor), pilotId, milestoneId, { title: input.title, dueOn: input.dueOn, doneOn: input.doneOn ?? null }));
    },

    async saveIndicator(actor: Actor, pilotId: string, indicatorId: string | null, raw: unknown): Promise<IndicatorRow> {
      const pilot = await load(actor, pilotId);
      authorize(actor, pilot, "edit");
      const input = parseInput(IndicatorInput, raw);
      if (indicatorId && !(await repo.findIndicator(indicatorId))) throw new AppError("indicator_not_found", 404, { id: indicatorId });
      return inTransaction(db, ({ tx }) => repo.saveIndicator(tx, actorName(actor), pilotId, indicatorId, input));
    },

    /** Records a measurement for the country of the organisation the actor acts for. */
    async recordMeasurement(actor: Actor, pilotId: string, raw: unknown): Promise<MeasurementRow> {
      const pilot = await load(actor, pilotId);
      const input = parseInput(MeasurementInput, raw);
      const organisationId = actingFor(actor, pilot, "measure", input.organisationId);
      const indicator = await repo.findIndicator(input.indicatorId);
      if (!indicator || indicator.pilotId !== pilotId) throw fieldError("indicatorId", "validation.choice");
      const country = (await deps.organisations.getOrganisation(organisationId)).country;
      if (!indicator.targets[country]) throw fieldError("indicatorId", "validation.indicator_not_measured_in_country", { country });
      return inTransaction(db, async ({ tx }) => {
        const locked = (await repo.lock(tx, pilotId))!;
        authorize(actor, locked, "measure");
        return repo.insertMeasurement(
          tx,
          actorName(actor),
          { indicatorId: indicator.id, pilotId, country, measuredOn: input.measuredOn, value: input.value, note: input.note || null, organisationId, recordedBy: actorName(actor) },
          indicator,
        );
      });
    },

    async saveLesson(actor: Actor, pilotId: string, lessonId: string | null, raw: unknown): Promise<LessonRow> {
      const pilot = await load(actor, pilotId);
      const { organisationId: named, ...rest } = (raw ?? {}) as Record<string, unknown>;
      const input = parseInput(LessonInput, rest);
      const existing = lessonId ? await repo.findLesson(lessonId) : undefined;
      if (lessonId && (!existing || existing.pilotId !== pilotId)) throw new AppError("lesson_not_found", 404, { id: lessonId });
      // A lesson stays with the organisation that wrote it: only its people edit it.
      const organisationId = actingFor(actor, pilot, "write_lesson", existing?.organisationId ?? (typeof named === "string" && named ? named : undefined));
      return inTransaction(db, ({ tx }) => repo.saveLesson(tx, actorName(actor), pilotId, lessonId, { ...input, organisationId, createdBy: existing?.createdBy ?? actorName(actor) }));
    },

    async getPilot(actor: Actor, id: string): Promise<PilotView> {
      const pilot = await load(actor, id);
      const t = target(pilot);
      const [milestones, indicators, measurements, lessons, contacts, systems] = await Promise.all([
        repo.milestones(id),
        repo.indicators([id]),
        repo.measurements([id]),
        repo.lessons(readerOf(actor), id),
        repo.contacts(id),
        systemsOf(actor, pilot),
      ]);
      const actions = (["edit", "approve", "start", "evaluate", "scale_up", "stop", "measure", "write_lesson"] as const).filter((a) => mayPilot(actor, a, t));
      return {
        pilot,
        actions,
        nextStates: nextStates(pilot.state).filter((to) => actions.includes(stepBetween(pilot.state, to)!)),
        participant: isParticipant(actor, t),
        milestones,
        indicators,
        measurements,
        lessons,
        contacts,
        systems,
        contributesAs: [...new Set([...contributingOrganisations(actor, pilot, "measure"), ...contributingOrganisations(actor, pilot, "write_lesson")])],
      };
    },

    async listPilots(actor: Actor, query: PilotListQuery): Promise<{ rows: PilotRecord[]; total: number }> {
      return repo.list(readerOf(actor), query);
    },

    /** The pilots the actor's organisations take part in. */
    async listWorkspace(actor: Actor): Promise<PilotRecord[]> {
      return repo.listParticipating(readerOf(actor).organisationIds);
    },

    /**
     * "What the other country did": pilots led from the other country than this pilot's lead, in the same sector or
     * sharing tags, with their indicators and latest measurements. `pilot` is one the actor has read (`getPilot`).
     */
    async comparablePilots(actor: Actor, pilot: PilotRecord, limit = 5): Promise<Array<{ pilot: PilotRecord; indicators: IndicatorRow[]; latest: MeasurementRow[] }>> {
      const other = await otherCountryOf(pilot);
      const found = await repo.comparable(readerOf(actor), { id: pilot.id, country: other, sector: pilot.sector, tags: pilot.tags }, limit);
      const ids = found.map((p) => p.id);
      const indicators = await repo.indicators(ids);
      const measurements = await repo.measurements(ids);
      return found.map((p) => {
        const own = measurements.filter((m) => m.pilotId === p.id);
        // The latest measurement of each indicator in each country (measurements come oldest first).
        const latest = [...new Map(own.map((m) => [`${m.indicatorId}/${m.country}`, m])).values()];
        return { pilot: p, indicators: indicators.filter((i) => i.pilotId === p.id), latest };
      });
    },

    otherCountryOf,

    /** Lessons the actor may read that match `q` (the most recent when `q` is empty), for the practice library. */
    async searchLessons(actor: Actor, lang: Lang, q: string, limit: number): Promise<LessonHit[]> {
      const rows = await repo.searchLessons(readerOf(actor), q, lang, limit);
      return rows.map((l) => ({
        id: l.id,
        pilotId: l.pilotId,
        title: l.title,
        excerpt: l.recommendation,
        organisationId: l.organisationId,
        country: l.country,
        tags: l.tags,
        languages: lessonLanguages(l),
        rank: l.rank,
        sector: l.sector,
      }));
    },

    /** What changed in the actor's pilots: the latest items, those since their last visit marked unread. */
    async feed(actor: Actor, limit = 50): Promise<{ items: FeedItem[]; unread: number }> {
      if (actor.kind !== "user") return { items: [], unread: 0 };
      const settings = await repo.notifications(actor.id);
      const items = await feedItems(readerOf(actor).organisationIds, null, settings?.feedSeenAt ?? null, actorName(actor), limit);
      return { items, unread: items.filter((i) => i.unread).length };
    },

    /** Marks the feed read up to now (called once the feed has been shown). */
    async markFeedSeen(actor: Actor, at = new Date()): Promise<void> {
      if (actor.kind === "user") await repo.saveNotifications(actor.id, { feedSeenAt: at });
    },

    async notificationSettings(actor: Actor): Promise<{ digest: DigestFrequency; digestLang: Lang }> {
      const row = actor.kind === "user" ? await repo.notifications(actor.id) : undefined;
      return { digest: row?.digest ?? "off", digestLang: row?.digestLang ?? "en" };
    },

    async setDigest(actor: Actor, raw: unknown, lang: Lang): Promise<void> {
      if (actor.kind !== "user") throw errors.forbidden();
      const { digest } = parseInput(DigestInput, raw);
      const current = await repo.notifications(actor.id);
      // A new subscription starts now: the first digest does not replay the whole history.
      await repo.saveNotifications(actor.id, { digest, digestLang: lang, digestSentAt: current?.digestSentAt ?? new Date() });
    },

    /** Digests that are due at `now`, each with its items since the last one sent (none when nothing changed). */
    async dueDigests(now: Date): Promise<Array<{ userId: string; email: string; displayName: string; lang: Lang; period: "daily" | "weekly"; items: FeedItem[] }>> {
      const due = [];
      for (const sub of await repo.subscribers()) {
        const period = sub.digest as "daily" | "weekly";
        const interval = (period === "daily" ? 1 : 7) * 24 * 3600 * 1000;
        if (sub.digestSentAt && now.getTime() - sub.digestSentAt.getTime() < interval) continue;
        const items = await feedItems(sub.organisationIds, sub.digestSentAt, sub.digestSentAt, `user:${sub.userId}`, 200);
        due.push({ userId: sub.userId, email: sub.email, displayName: sub.displayName, lang: sub.digestLang, period, items: items.filter((i) => i.unread) });
      }
      return due;
    },

    async markDigestSent(userId: string, at: Date): Promise<void> {
      await repo.saveNotifications(userId, { digestSentAt: at });
    },
  };
}

export type PilotsService = ReturnType<typeof createPilotsService>;
