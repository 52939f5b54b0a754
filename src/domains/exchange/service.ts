// Use cases of the knowledge exchange: share and search practices (with the pilots' lessons merged in), list oneself
// in the network directory and withdraw at once, organise events with their programme and materials.
import type { Db } from "../../db/client.ts";
import { inTransaction } from "../../db/tx.ts";
import { actorName, type Actor } from "../../http/actor.ts";
import { AppError, errors } from "../../http/errors.ts";
import { parseInput } from "../../http/validation.ts";
import type { Lang } from "../../i18n/languages.ts";
import type { OrganisationsService } from "../accounts/service.ts";
import { mayListing, mayShared, type SharedAction } from "./policy.ts";
import type { EventView, ExchangeRepo, MaterialRow, MemberView, PracticeView, Readable, SessionView } from "./repo.ts";
import {
  EventInput,
  MaterialInput,
  MemberInput,
  NewEvent,
  NewPractice,
  PracticeInput,
  SessionInput,
  type DirectoryQuery,
  type LessonHit,
  type LessonsSource,
  type LibraryQuery,
  type PracticeListQuery,
} from "./schema.ts";
import { availableLanguages } from "./search-document.ts";
import { levelsReadable, type Country, type Sector } from "./sharing.ts";

/** Lessons asked of the pilots for one library search: more than any page shows. */
const LESSON_LIMIT = 200;
const DIRECTORY_PAGE_SIZE = 20;

/** A practice with the languages it can be read in and whether the reader may change it. */
export interface PracticeItem extends PracticeView {
  languages: Lang[];
  canEdit: boolean;
}

/** One result of the library: a practice, guide or template of the library, or a lesson of a pilot. */
export type LibraryItem = { type: "practice"; practice: PracticeItem } | { type: "lesson"; lesson: LessonHit };

export interface Page<T> {
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  items: T[];
}

export interface EventDetail {
  event: EventView;
  sessions: SessionView[];
  materials: MaterialRow[];
  canEdit: boolean;
}

const pageOf = <T>(items: T[], total: number, page: number, pageSize: number): Page<T> => ({
  total,
  page,
  pageSize,
  pageCount: Math.max(1, Math.ceil(total / pageSize)),
  items,
});

export function createExchangeService(db: Db, repo: ExchangeRepo, lessons: LessonsSource, organisations: Pick<OrganisationsService, "listOrganisations">) {
  const memberOf = (actor: Actor) => (actor.kind === "user" ? Object.keys(actor.roles) : []);
  const readableBy = (actor: Actor): Readable => ({ levels: levelsReadable(actor), organisationIds: memberOf(actor) });
  const item = (actor: Actor, practice: PracticeView): PracticeItem => ({
    ...practice,
    languages: availableLanguages(practice.body),
    canEdit: mayShared(actor, "edit", practice),
  });

  /** Organisations where the actor may create practices or events: theirs, or any for a platform admin (as in the register). */
  async function writableOrganisations(actor: Actor): Promise<string[]> {
    const everything = actor.kind === "operator" || (actor.kind === "user" && actor.platformAdmin);
    const candidates = everything ? (await organisations.listOrganisations()).map((o) => o.id) : memberOf(actor);
    return candidates.filter((organisationId) => mayShared(actor, "create", { organisationId }));
  }

  async function readablePractice(actor: Actor, id: string, action: SharedAction): Promise<PracticeView> {
    const practice = await repo.findPractice(id);
    // Whoever may not read it hears that it does not exist: a private practice's existence does not leak.
    if (!practice || !mayShared(actor, "read", practice)) throw new AppError("practice_not_found", 404, { id });
    if (!mayShared(actor, action, practice)) throw errors.forbidden();
    return practice;
  }

  async function readableEvent(actor: Actor, id: string, action: SharedAction): Promise<EventView> {
    const event = await repo.findEvent(id);
    if (!event || !mayShared(actor, "read", event)) throw new AppError("event_not_found", 404, { id });
    if (!mayShared(actor, action, event)) throw errors.forbidden();
    return event;
  }

  async function getPractice(actor: Actor, id: string): Promise<PracticeItem> {
    return item(actor, await readablePractice(actor, id, "read"));
  }

  async function getEvent(actor: Actor, id: string): Promise<EventDetail> {
    const event = await readableEvent(actor, id, "read");
    const sessions = await repo.sessions(id);
    const materials = await repo.materials(id);
    return { event, sessions, materials, canEdit: mayShared(actor, "edit", event) };
  }

  async function ownListing(actor: Actor): Promise<MemberView | undefined> {
    return actor.kind === "user" ? repo.memberOfUser(actor.id) : undefined;
  }

  async function membersByIds(ids: string[]): Promise<MemberView[]> {
    const unique = [...new Set(ids)];
    return (await repo.members({ ids: unique }, { limit: unique.length || 1, offset: 0 })).items;
  }

  return {
    writableOrganisations,

    // ---- Practices ---------------------------------------------------------------------------------------------

    /** The practices of the actor's organisations, for the workspace. */
    async listWorkspacePractices(actor: Actor): Promise<PracticeItem[]> {
      return (await repo.practicesOf(memberOf(actor))).map((p) => item(actor, p));
    },

    getPractice,

    /** The practice as its editors change it; anyone else is refused. */
    async practiceForEdit(actor: Actor, id: string): Promise<PracticeItem> {
      return item(actor, await readablePractice(actor, id, "edit"));
    },

    async createPractice(actor: Actor, input: unknown): Promise<PracticeItem> {
      const { organisationId, ...values } = parseInput(NewPractice, input);
      if (!mayShared(actor, "create", { organisationId })) throw errors.forbidden();
      const row = await inTransaction(db, ({ tx }) =>
        repo.insertPractice(tx, actorName(actor), { organisationId, ...values, sector: values.sector ?? null, link: values.link ?? null, createdBy: actorName(actor) }),
      );
      return getPractice(actor, row.id);
    },

    async updatePractice(actor: Actor, id: string, input: unknown): Promise<PracticeItem> {
      await readablePractice(actor, id, "edit");
      const values = parseInput(PracticeInput, input);
      await inTransaction(db, ({ tx }) => repo.updatePractice(tx, actorName(actor), id, { ...values, sector: values.sector ?? null, link: values.link ?? null }));
      return getPractice(actor, id);
    },

    /** The practices the actor may read, for the API. */
    async searchPractices(actor: Actor, query: Omit<PracticeListQuery, "lang">, lang: Lang): Promise<Page<PracticeItem>> {
      const { total, items } = await repo.searchPractices(query, lang, readableBy(actor), { limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
      return pageOf(
        items.map((p) => item(actor, p)),
        total,
        query.page,
        query.pageSize,
      );
    },

    /**
     * The library's page: its practices and the pilots' lessons the actor may read, merged by rank. Each source gives
     * its best `page × size` results, which hold every result of the merged list up to that page.
     */
    async searchLibrary(actor: Actor, query: LibraryQuery, lang: Lang, pageSize = 20): Promise<Page<LibraryItem>> {
      const window = query.page * pageSize;
      const { kind, ...filter } = query;
      const practices =
        kind === "lesson" ? { total: 0, items: [] } : await repo.searchPractices({ ...filter, kind }, lang, readableBy(actor), { limit: window, offset: 0 });
      const hits =
        kind && kind !== "lesson"
          ? []
          : (await lessons.searchLessons(actor, lang, query.q ?? "", LESSON_LIMIT)).filter(
              (hit) => (!query.country || hit.country === query.country) && (!query.sector || hit.sector === query.sector),
            );
      // A stable sort: among equal ranks (no search words), the library's own items come first, most recent first.
      const merged: LibraryItem[] = [
        ...practices.items.map((p) => ({ type: "practice" as const, practice: item(actor, p) })),
        ...hits.map((lesson) => ({ type: "lesson" as const, lesson })),
      ].sort((a, b) => (b.type === "practice" ? b.practice.rank : b.lesson.rank) - (a.type === "practice" ? a.practice.rank : a.lesson.rank));
      return pageOf(merged.slice(window - pageSize, window), practices.total + hits.length, query.page, pageSize);
    },

    /**
     * What the other country did: practices of `country`'s organisations the actor may read, those of the same sector
     * first, then those sharing the most tags, then the most recent.
     */
    async listComparablePractices(actor: Actor, about: { country: Country; sector?: Sector; tags: string[] }, limit = 5): Promise<PracticeItem[]> {
      const rows = await repo.comparablePractices(about.country, about.sector, about.tags, readableBy(actor), limit);
      return rows.map((p) => item(actor, p));
    },

    // ---- Directory ---------------------------------------------------------------------------------------------

    /** Organisations under which the actor may list themself: any they belong to. */
    listableOrganisations(actor: Actor): string[] {
      return actor.kind === "user" ? memberOf(actor).filter((organisationId) => mayListing(actor, "list", { userId: actor.id, organisationId })) : [];
    },

    ownListing,

    /** Lists the actor in the directory, or changes their listing, with their consent given again. */
    async saveListing(actor: Actor, input: unknown): Promise<void> {
      const values = parseInput(MemberInput, input);
      if (actor.kind !== "user" || !mayListing(actor, "list", { userId: actor.id, organisationId: values.organisationId })) {
        throw errors.invalidInput([{ path: "organisationId", message: "validation.choice" }]);
      }
      const { consent: _, ...listing } = values;
      await inTransaction(db, ({ tx }) => repo.saveListing(tx, actorName(actor), { userId: actor.id, ...listing }));
    },

    /**
     * Withdraws the actor's consent: their listing goes, and with it (by the foreign keys' cascades, in the same
     * transaction) every pilot contact and event speaker that named them.
     */
    async withdrawListing(actor: Actor): Promise<void> {
      const own = await ownListing(actor);
      if (!own || !mayListing(actor, "withdraw", own)) throw new AppError("listing_not_found", 404);
      await inTransaction(db, ({ tx }) => repo.deleteListing(tx, actorName(actor), own.id, "network_member.withdrawn"));
    },

    /** A platform admin takes a listing down at the person's request, with the same effect as a withdrawal. */
    async removeListing(actor: Actor, memberId: string): Promise<void> {
      const listing = await repo.findListing(memberId);
      if (!listing) throw new AppError("listing_not_found", 404, { id: memberId });
      if (!mayListing(actor, "remove", listing)) throw errors.forbidden();
      await inTransaction(db, ({ tx }) => repo.deleteListing(tx, actorName(actor), memberId, "network_member.removed"));
    },

    /** The public directory: everyone listed agreed to be shown. */
    async directory(query: DirectoryQuery): Promise<Page<MemberView> & { expertise: string[] }> {
      const { total, items } = await repo.members(
        { country: query.country, expertise: query.expertise },
        { limit: DIRECTORY_PAGE_SIZE, offset: (query.page - 1) * DIRECTORY_PAGE_SIZE },
      );
      return { ...pageOf(items, total, query.page, DIRECTORY_PAGE_SIZE), expertise: await repo.expertiseTags() };
    },

    /** Listed people to choose from in a workspace form (contacts of a pilot, speakers of an event). */
    async listMembers(actor: Actor, filter: { organisationIds?: string[] } = {}): Promise<MemberView[]> {
      if (actor.kind === "anonymous") throw errors.forbidden();
      return (await repo.members(filter, { limit: 1000, offset: 0 })).items;
    },

    /** The listed people among `ids` (a withdrawn one is simply absent). */
    membersByIds,

    // ---- Events ------------------------------------------------------------------------------------------------

    /** The events the actor may read, the latest first (of `organisationIds` only, when given). */
    async listEvents(actor: Actor, organisationIds?: string[]): Promise<Array<EventView & { canEdit: boolean }>> {
      const events = await repo.events(readableBy(actor), organisationIds);
      return events.map((event) => ({ ...event, canEdit: mayShared(actor, "edit", event) }));
    },

    getEvent,

    /** The event as its organisers change it; anyone else is refused. */
    async eventForEdit(actor: Actor, id: string): Promise<EventDetail> {
      await readableEvent(actor, id, "edit");
      return getEvent(actor, id);
    },

    async createEvent(actor: Actor, input: unknown): Promise<EventView> {
      const { organisationId, ...values } = parseInput(NewEvent, input);
      if (!mayShared(actor, "create", { organisationId })) throw errors.forbidden();
      const row = await inTransaction(db, ({ tx }) => repo.insertEvent(tx, actorName(actor), { organisationId, ...values, createdBy: actorName(actor) }));
      return readableEvent(actor, row.id, "read");
    },

    async updateEvent(actor: Actor, id: string, input: unknown): Promise<EventView> {
      await readableEvent(actor, id, "edit");
      const values = parseInput(EventInput, input);
      await inTransaction(db, ({ tx }) => repo.updateEvent(tx, actorName(actor), id, values));
      return readableEvent(actor, id, "read");
    },

    /** Adds a session to the programme: on a day of the event, with speakers who are listed in the directory. */
    async addSession(actor: Actor, eventId: string, input: unknown): Promise<void> {
      const event = await readableEvent(actor, eventId, "edit");
      const values = parseInput(SessionInput, input);
      if (values.day < event.startsOn || values.day > event.endsOn) throw errors.invalidInput([{ path: "day", message: "validation.day_outside_event" }]);
      const speakers = [...new Set(values.speakers)];
      if ((await membersByIds(speakers)).length !== speakers.length) throw errors.invalidInput([{ path: "speakers", message: "validation.choice" }]);
      await inTransaction(db, ({ tx }) => repo.insertSession(tx, actorName(actor), eventId, { ...values, speakers }));
    },

    async removeSession(actor: Actor, eventId: string, sessionId: string): Promise<void> {
      await readableEvent(actor, eventId, "edit");
      const removed = await inTransaction(db, ({ tx }) => repo.deleteSession(tx, actorName(actor), eventId, sessionId));
      if (!removed) throw new AppError("session_not_found", 404, { id: sessionId });
    },

    async addMaterial(actor: Actor, eventId: string, input: unknown): Promise<void> {
      await readableEvent(actor, eventId, "edit");
      const values = parseInput(MaterialInput, input);
      await inTransaction(db, ({ tx }) => repo.insertMaterial(tx, actorName(actor), eventId, values));
    },

    async removeMaterial(actor: Actor, eventId: string, materialId: string): Promise<void> {
      await readableEvent(actor, eventId, "edit");
      const removed = await inTransaction(db, ({ tx }) => repo.deleteMaterial(tx, actorName(actor), eventId, materialId));
      if (!removed) throw new AppError("material_not_found", 404, { id: materialId });
    },
  };
}

export type ExchangeService = ReturnType<typeof createExchangeService>;
