// Use cases of the register: import, the workspace's editing and review, public reading, search, history and diffs.
import { randomBytes } from "node:crypto";
import canonicalize from "canonicalize";
import type { Db } from "../../db/client.ts";
import { inTransaction, type Tx } from "../../db/tx.ts";
import { AppError, errors, type FieldError } from "../../http/errors.ts";
import { issuesToFields } from "../../http/validation.ts";
import type { Lang } from "../../i18n/languages.ts";
import type { OrganisationInput } from "../accounts/schema.ts";
import type { UsersService } from "../accounts/users-service.ts";
import type { OrganisationsService } from "../accounts/service.ts";
import { diffRecords, type FieldDiff } from "./diff.ts";
import { canTransition, type Transition } from "./lifecycle.ts";
import { actorName, type Actor } from "../../http/actor.ts";
import { isDraftAuthor, maySystem, type SystemAction, type SystemTarget } from "./policy.ts";
import { publicRecord, type OrganisationView, type PublishedSystem } from "./present.ts";
import type { FacetCounts, ListedSystem, PublishedRow, ReviewRow, SystemRow, SystemsRepo, WorkspaceRow } from "./repo.ts";
import {
  lifecycleStates,
  recordSections,
  SystemRecord,
  type LifecycleState,
  type NewSystem,
  type RecordSection,
  type SystemImport,
  type SystemListQuery,
} from "./schema.ts";

export interface ImportItem {
  /** Line of the item in the import file, to name it in errors. */
  line: number;
  item: SystemImport;
  /**
   * Where some fields are in the file, for the problems only the database can find: the JSON path and line
   * of `organisation`, or the CSV column (`organisation_id`). Without it, errors name the item's line and the field.
   */
  at?: Partial<Record<"organisation" | "formerIds" | "state", { path: string; line: number }>>;
}

const where = ({ line, at }: ImportItem, field: "organisation" | "formerIds" | "state") => at?.[field] ?? { path: field, line };

/** The actions the workspace offers on a record, in the order its page shows them. */
export const workspaceActions = ["edit", "submit", "publish", "return", "revise", "retire"] as const satisfies readonly SystemAction[];
export type WorkspaceAction = (typeof workspaceActions)[number];

/** Where a record stands after a write. */
export interface SystemState {
  id: string;
  organisationId: string;
  lifecycle: LifecycleState;
  latestVersion: number | null;
}

/** A record as its organisation's members see it in the workspace. */
export interface WorkspaceSystem extends SystemState {
  organisation: OrganisationView;
  /** The draft when there is one (draft, in review), else the latest published version. */
  record: SystemRecord;
  hasDraft: boolean;
  updatedAt: Date;
  /** What reviewers said, newest first, with the reviewer's name when a user reviewed. */
  reviews: Array<ReviewRow & { reviewer?: string }>;
  /** What this actor may do to the record now. */
  actions: WorkspaceAction[];
  /** Whether this actor wrote to or submitted the draft, and so may not approve it. */
  authoredByActor: boolean;
}

export interface WorkspaceList {
  items: WorkspaceRow[];
  organisations: Map<string, OrganisationView>;
  /** Organisations where the actor may start a record. */
  canCreate: boolean;
}

const stateOf = (system: SystemRow): SystemState => ({
  id: system.id,
  organisationId: system.organisationId,
  lifecycle: system.lifecycle,
  latestVersion: system.latestVersion,
});

/** Why an actor who may take `action` on a record in some state cannot take it in this one. */
function stateConflict(action: SystemAction, system: SystemRow): AppError {
  const { id, lifecycle: from } = system;
  if (from === "retired") return errors.conflict("system_retired", { id });
  if (action === "edit") return errors.conflict(from === "in_review" ? "system_in_review" : "system_sealed", { id });
  return errors.conflict("transition_not_allowed", { id, from, transition: action });
}

export interface SearchResult {
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  items: ListedSystem[];
  facets: FacetCounts;
}

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

/** A new stable public id: the country and eight random base-32 characters, e.g. "lu-7k3qx9m2". */
function newSystemId(country: string): string {
  const bytes = randomBytes(8);
  return `${country.toLowerCase()}-${Array.from(bytes, (b) => ALPHABET[b % 32]).join("")}`;
}

/** Compares records by their canonical JSON (RFC 8785): jsonb does not keep key order. */
function sameRecord(a: SystemRecord | undefined, b: SystemRecord): boolean {
  return a !== undefined && canonicalize(a) === canonicalize(b);
}

export function createSystemsService(db: Db, repo: SystemsRepo, organisationsService: OrganisationsService, usersService: Pick<UsersService, "displayNames">) {
  function authorize(actor: Actor, action: SystemAction, target: SystemTarget = { organisationId: "" }) {
    if (!maySystem(actor, action, target)) throw new AppError("forbidden", 403);
  }

  async function transition(tx: Tx, actor: string, id: string, from: LifecycleState, name: Transition, to: LifecycleState) {
    if (!canTransition(from, name)) throw errors.conflict("transition_not_allowed", { id, from, transition: name });
    await repo.setLifecycle(tx, actor, id, from, to);
    return to;
  }

  /** Brings one system to the imported state, creating or versioning it as needed. */
  async function applyImport(tx: Tx, actor: string, { item }: ImportItem, id: string, organisationId: string): Promise<void> {
    let system = await repo.findSystem(id, tx);
    if (!system) {
      await repo.createSystem(tx, actor, { id, organisationId, formerIds: item.formerIds });
      system = (await repo.findSystem(id, tx))!;
    }
    let state = system.lifecycle;
    const latest = system.latestVersion ? await repo.findVersion(id, system.latestVersion, tx) : undefined;
    const isRecord = (record: SystemRecord) =>
      sameRecord(record, item.record) || sameRecord(publicRecord(record).record, item.record);
    // A version with this record was already published at this date (a history export imported again,
    // `demo load` run twice): nothing to do, whatever happened to the system since.
    if (item.state === "published" && item.publishedAt && latest) {
      const at = new Date(item.publishedAt).getTime();
      const versions = await repo.listVersions(id, tx);
      if (versions.some((v) => v.publishedAt.getTime() === at && isRecord(v.record))) return;
    }
    if (state === "retired") {
      // Importing the export of a retired system again changes nothing; any other change is refused.
      if (item.state === "retired" && latest && isRecord(latest.record)) return;
      throw errors.conflict("system_retired", { id });
    }
    const draft = await repo.findDraft(id, tx);
    const wantsVersion = item.state === "published" || item.state === "retired";
    // The record of the latest version, as stored or as its public export shows it (Art. 49(4) withholds
    // details): importing an export again must not publish a duplicate, or a reduced, version, nor drop
    // a pending draft.
    const unchanged = latest !== undefined && isRecord(latest.record);

    if (!(wantsVersion && unchanged)) {
      if (state === "published") state = await transition(tx, actor, id, state, "revise", "draft");
      if (state === "in_review" && item.state === "draft") state = await transition(tx, actor, id, state, "return", "draft");
      if (!sameRecord(draft, item.record)) await repo.saveDraft(tx, actor, id, item.record, draft);
      if (item.state !== "draft" && state === "draft") state = await transition(tx, actor, id, state, "submit", "in_review");
      if (wantsVersion) {
        state = await transition(tx, actor, id, state, "publish", "published");
        const publishedAt = item.publishedAt ? new Date(item.publishedAt) : new Date();
        await repo.insertVersion(tx, actor, id, organisationId, item.record, publishedAt);
      }
    }
    if (item.state === "retired") await transition(tx, actor, id, state, "retire", "retired");
    await repo.refreshPublic(tx, id);
  }

  /** Published rows as the public sees them, with their organisations (one query for all of them). */
  async function toPublished(rows: PublishedRow[]): Promise<PublishedSystem[]> {
    const organisations = await organisationsService.getOrganisations(rows.map((row) => row.organisationId));
    return rows.map((row) => {
      const organisation = organisations.get(row.organisationId)!;
      return {
        id: row.id,
        formerIds: row.formerIds,
        version: row.version,
        // Only the last version was retired; earlier ones were superseded while published, so that a
        // history export imports again version by version.
        lifecycle: row.retiredAt && row.version === row.latestVersion ? "retired" : "published",
        publishedAt: row.publishedAt,
        firstPublishedAt: row.firstPublishedAt,
        retiredAt: row.retiredAt,
        organisation,
        record: publicRecord(row.record).record,
      };
    });
  }

  /**
   * Loads and locks a record for a workspace action. A record of an organisation where the actor holds no role is
   * answered as absent (404), so that drafts do not leak; a member who lacks the role gets 403; a role that allows
   * the action in another state gets 409 with the reason.
   */
  async function authorizeOn(tx: Tx, actor: Actor, action: SystemAction, id: string): Promise<SystemRow> {
    const system = await repo.lockSystem(tx, id);
    return check(actor, action, id, system, system && (await repo.findDraftRow(id, tx))?.authors);
  }

  function check(actor: Actor, action: SystemAction, id: string, system: SystemRow | undefined, authors: string[] = []): SystemRow {
    if (!system || !maySystem(actor, "read_draft", { organisationId: system.organisationId, state: system.lifecycle })) {
      throw errors.recordNotFound(id);
    }
    const target = { organisationId: system.organisationId, state: system.lifecycle, authors };
    if (maySystem(actor, action, target)) return system;
    if (isDraftAuthor(actor, target) && maySystem(actor, action, { ...target, authors: [] })) throw new AppError("review_by_author", 403, { id });
    const someState = lifecycleStates.some((state) => maySystem(actor, action, { organisationId: system.organisationId, state }));
    throw someState ? stateConflict(action, system) : errors.forbidden();
  }

  /** Validates a whole record with the record's contract; errors name the record's fields. */
  function checkRecord(record: unknown): SystemRecord {
    const parsed = SystemRecord.safeParse(record);
    if (!parsed.success) throw errors.invalidInput(issuesToFields(parsed.error.issues));
    return parsed.data;
  }

  async function writeDraft(tx: Tx, actor: Actor, system: SystemRow, record: SystemRecord) {
    const before = await repo.findDraft(system.id, tx);
    if (!sameRecord(before, record)) await repo.saveDraft(tx, actorName(actor), system.id, record, before);
  }

  return {
    /** Starts a record in an organisation where the actor is an editor: a new id and a first draft. */
    async createSystem(actor: Actor, input: NewSystem): Promise<SystemState> {
      authorize(actor, "create", { organisationId: input.organisation });
      const organisation = await organisationsService.findOrganisation(input.organisation);
      if (!organisation) throw errors.invalidInput([{ path: "organisation", message: "validation.unknown_organisation" }]);
      const record = checkRecord(input.record);
      const id = newSystemId(organisation.country);
      return inTransaction(db, async ({ tx }) => {
        await repo.createSystem(tx, actorName(actor), { id, organisationId: organisation.id, formerIds: [] });
        await repo.saveDraft(tx, actorName(actor), id, record, undefined);
        return stateOf((await repo.findSystem(id, tx))!);
      });
    },

    /** Replaces the whole draft. */
    async saveDraft(actor: Actor, id: string, record: SystemRecord): Promise<SystemState> {
      return inTransaction(db, async ({ tx }) => {
        const system = await authorizeOn(tx, actor, "edit", id);
        await writeDraft(tx, actor, system, checkRecord(record));
        return stateOf(system);
      });
    },

    /**
     * Replaces one section of the draft: the section's fields are set (a field left out is removed), the rest of the
     * draft is kept, and the result must still pass the record's contract.
     */
    async saveDraftSection(actor: Actor, id: string, section: RecordSection, values: Partial<SystemRecord>): Promise<SystemState> {
      return inTransaction(db, async ({ tx }) => {
        const system = await authorizeOn(tx, actor, "edit", id);
        const draft = await repo.findDraft(id, tx);
        if (!draft) throw stateConflict("edit", system);
        const next: Record<string, unknown> = { ...draft };
        for (const key of recordSections[section]) {
          const value = (values as Record<string, unknown>)[key];
          if (value === undefined) delete next[key];
          else next[key] = value;
        }
        await writeDraft(tx, actor, system, checkRecord(next));
        return stateOf(system);
      });
    },

    async submitForReview(actor: Actor, id: string): Promise<SystemState> {
      return inTransaction(db, async ({ tx }) => {
        const system = await authorizeOn(tx, actor, "submit", id);
        const lifecycle = await transition(tx, actorName(actor), id, system.lifecycle, "submit", "in_review");
        await repo.addDraftAuthor(tx, id, actorName(actor));
        return { ...stateOf(system), lifecycle };
      });
    },

    /** Publishes the draft under review as the next immutable version, with the reviewer's decision on record. */
    async approve(actor: Actor, id: string, comment = ""): Promise<SystemState> {
      return inTransaction(db, async ({ tx }) => {
        const system = await authorizeOn(tx, actor, "publish", id);
        const record = await repo.findDraft(id, tx);
        if (!record) throw stateConflict("publish", system);
        const lifecycle = await transition(tx, actorName(actor), id, system.lifecycle, "publish", "published");
        const version = await repo.insertVersion(tx, actorName(actor), id, system.organisationId, checkRecord(record), new Date());
        await repo.insertReview(tx, actorName(actor), id, "approved", comment);
        await repo.refreshPublic(tx, id);
        return { ...stateOf(system), lifecycle, latestVersion: version };
      });
    },

    /** Sends the draft back to its editors with what to change. */
    async returnForChanges(actor: Actor, id: string, comment: string): Promise<SystemState> {
      const text = comment.trim();
      if (!text) throw errors.invalidInput([{ path: "comment", message: "validation.comment_required" }]);
      return inTransaction(db, async ({ tx }) => {
        const system = await authorizeOn(tx, actor, "return", id);
        const lifecycle = await transition(tx, actorName(actor), id, system.lifecycle, "return", "draft");
        await repo.insertReview(tx, actorName(actor), id, "returned", text);
        return { ...stateOf(system), lifecycle };
      });
    },

    /**
     * Starts the next version of a published record: a draft copied from the latest version. The published version
     * stays as it is (its fields are sealed) until the draft is approved as a new version.
     */
    async reviseSystem(actor: Actor, id: string): Promise<SystemState> {
      return inTransaction(db, async ({ tx }) => {
        const system = await authorizeOn(tx, actor, "revise", id);
        const latest = system.latestVersion ? await repo.findVersion(id, system.latestVersion, tx) : undefined;
        if (!latest) throw stateConflict("revise", system);
        // A draft left by an import is kept: nothing saved is thrown away.
        if (!(await repo.findDraft(id, tx))) await repo.saveDraft(tx, actorName(actor), id, latest.record, undefined);
        const lifecycle = await transition(tx, actorName(actor), id, system.lifecycle, "revise", "draft");
        return { ...stateOf(system), lifecycle };
      });
    },

    /** Retires a record: its published versions stay public, marked as no longer in use. */
    async retireSystem(actor: Actor, id: string): Promise<SystemState> {
      return inTransaction(db, async ({ tx }) => {
        const system = await authorizeOn(tx, actor, "retire", id);
        const lifecycle = await transition(tx, actorName(actor), id, system.lifecycle, "retire", "retired");
        await repo.refreshPublic(tx, id);
        return { ...stateOf(system), lifecycle };
      });
    },

    /**
     * The owner, state and name of a record, for another domain that decides with its own policy (assessments).
     * Undefined for an unknown id. Says nothing of the draft's content.
     */
    async findRecordOwner(
      id: string,
    ): Promise<{ id: string; organisationId: string; lifecycle: LifecycleState; name: SystemRecord["name"]; latestVersion: number | null } | undefined> {
      const system = await repo.findSystem(id);
      if (!system) return undefined;
      const record = (await repo.findDraft(id)) ?? (system.latestVersion ? (await repo.findVersion(id, system.latestVersion))?.record : undefined);
      if (!record) return undefined;
      return { id, organisationId: system.organisationId, lifecycle: system.lifecycle, name: record.name, latestVersion: system.latestVersion ?? null };
    },

    /**
     * Writes an approved AI Act classification into the record, in the caller's transaction: into its draft, or into a
     * new draft started from the latest version when it is published (a published version never changes; the draft
     * is reviewed as usual). A retired record is left as it is. Returns whether the record changed.
     */
    async applyRiskClass(tx: Tx, actor: string, id: string, riskClass: SystemRecord["riskClass"]): Promise<boolean> {
      const system = await repo.lockSystem(tx, id);
      if (!system || system.lifecycle === "retired") return false;
      let draft = await repo.findDraft(id, tx);
      if (!draft && system.lifecycle === "published" && system.latestVersion) {
        draft = (await repo.findVersion(id, system.latestVersion, tx))?.record;
        if (!draft) return false;
        if (canonicalize(draft.riskClass) === canonicalize(riskClass)) return false;
        await transition(tx, actor, id, system.lifecycle, "revise", "draft");
      }
      if (!draft || canonicalize(draft.riskClass) === canonicalize(riskClass)) return false;
      const before = await repo.findDraft(id, tx);
      await repo.saveDraft(tx, actor, id, checkRecord({ ...draft, riskClass }), before);
      return true;
    },

    /** Throws what `action` on the record would answer now (404, 403 or 409) unless the actor may take it: for forms, before reading them. */
    async assertMay(actor: Actor, id: string, action: WorkspaceAction): Promise<void> {
      const system = await repo.findSystem(id);
      check(actor, action, id, system, system && (await repo.findDraftRow(id))?.authors);
    },

    /** A record as the workspace shows it to a member of its organisation. */
    async getWorkspaceSystem(actor: Actor, id: string): Promise<WorkspaceSystem> {
      const system = await repo.findSystem(id);
      if (!system || !maySystem(actor, "read_draft", { organisationId: system.organisationId, state: system.lifecycle })) {
        throw errors.recordNotFound(id);
      }
      const draft = await repo.findDraftRow(id);
      const latest = system.latestVersion ? await repo.findVersion(id, system.latestVersion) : undefined;
      const record = draft?.record ?? latest?.record;
      if (!record) throw errors.recordNotFound(id);
      const target = { organisationId: system.organisationId, state: system.lifecycle, authors: draft?.authors };
      const reviews = await repo.listReviews(id);
      const reviewers = await usersService.displayNames(reviews.map((review) => review.actor));
      return {
        ...stateOf(system),
        organisation: await organisationsService.getOrganisation(system.organisationId),
        record,
        hasDraft: draft !== undefined,
        updatedAt: draft?.updatedAt ?? system.updatedAt,
        reviews: reviews.map((review) => ({ ...review, reviewer: reviewers.get(review.actor) })),
        actions: workspaceActions.filter((action) => maySystem(actor, action, target)),
        authoredByActor: isDraftAuthor(actor, target),
      };
    },

    /** The records of every organisation where the actor holds a role (all of them for platform admins). */
    async listWorkspace(actor: Actor): Promise<WorkspaceList> {
      const everything = actor.kind === "operator" || (actor.kind === "user" && actor.platformAdmin);
      const own = actor.kind === "user" ? Object.keys(actor.roles).filter((id) => maySystem(actor, "read_draft", { organisationId: id })) : [];
      const items = await repo.listWorkspace(everything ? "all" : own);
      const organisations = await organisationsService.getOrganisations([...own, ...items.map((item) => item.organisationId)]);
      return { items, organisations, canCreate: (await this.creatableOrganisations(actor)).length > 0 };
    },

    /** The organisations where the actor may start a record. */
    async creatableOrganisations(actor: Actor): Promise<OrganisationView[]> {
      const everything = actor.kind === "operator" || (actor.kind === "user" && actor.platformAdmin);
      if (everything) return organisationsService.listOrganisations();
      if (actor.kind !== "user") return [];
      const ids = Object.keys(actor.roles).filter((id) => maySystem(actor, "create", { organisationId: id }));
      const found = await organisationsService.getOrganisations(ids);
      return ids.flatMap((id) => found.get(id) ?? []);
    },

    /** The problems of an import that only the database can tell (unknown organisation, former id taken), with each item's id. */
    async checkImport(items: ImportItem[], organisations: OrganisationInput[] = []): Promise<{ problems: FieldError[]; ids: string[] }> {
      const countryInFile = new Map(organisations.map((o) => [o.id, o.country]));
      const problems: FieldError[] = [];
      const ids: string[] = [];
      for (const entry of items) {
        const { item } = entry;
        const country = countryInFile.get(item.organisation) ?? (await organisationsService.findOrganisation(item.organisation))?.country;
        if (!country) problems.push({ ...where(entry, "organisation"), message: "validation.unknown_organisation" });
        ids.push(item.id ?? newSystemId(country ?? "xx"));
        for (const alias of item.formerIds) {
          const owner = (await repo.resolveAlias(alias)) ?? ((await repo.findSystem(alias)) ? alias : undefined);
          if (owner && owner !== item.id) problems.push({ ...where(entry, "formerIds"), message: "validation.id_taken" });
        }
      }
      return { problems, ids };
    },

    /**
     * Imports an import file's organisations and records all or nothing: every item is checked first (errors
     * name the line and field); then one transaction saves the organisations and applies the items, in file order.
     */
    async importSystems(
      actor: Actor,
      items: ImportItem[],
      organisations: OrganisationInput[] = [],
    ): Promise<{ created: number; versions: number; ids: string[] }> {
      authorize(actor, "import");
      const { problems, ids } = await this.checkImport(items, organisations);
      if (problems.length) throw errors.importInvalid(problems);
      const before = await repo.countAll();
      let versions = 0;
      await inTransaction(db, async ({ tx }) => {
        await organisationsService.saveOrganisations(actorName(actor), organisations, tx);
        for (const [index, entry] of items.entries()) {
          const id = ids[index]!;
          const previous = (await repo.findSystem(id, tx))?.latestVersion ?? 0;
          try {
            await applyImport(tx, actorName(actor), entry, id, entry.item.organisation);
          } catch (error) {
            if (error instanceof AppError) {
              throw errors.importInvalid([{ ...where(entry, "state"), message: `errors.${error.id}.title` }]);
            }
            throw error;
          }
          versions += ((await repo.findSystem(id, tx))?.latestVersion ?? 0) - previous;
        }
      });
      return { created: (await repo.countAll()) - before, versions, ids: [...new Set(ids)] };
    },

    /** The current id of a system named by its id or a former id; throws system_not_found for unknown or unpublished ones. */
    async resolvePublicId(id: string): Promise<string> {
      const system = await repo.resolve(id);
      if (!system?.latestVersion) throw errors.notFound("system", id);
      return system.id;
    },

    /** The latest published version, or a given one. */
    async getPublishedSystem(id: string, version?: number): Promise<PublishedSystem> {
      const [row] = await repo.publishedRows({ id, version });
      if (!row) throw version === undefined ? errors.notFound("system", id) : errors.notFound("version", `${id}@${version}`);
      const [system] = await toPublished([row]);
      return system!;
    },

    async listVersions(id: string): Promise<Array<{ version: number; publishedAt: Date; record: SystemRecord }>> {
      const rows = await repo.listVersions(id);
      if (rows.length === 0) throw errors.notFound("system", id);
      return rows.map((r) => ({ version: r.version, publishedAt: r.publishedAt, record: publicRecord(r.record).record }));
    },

    async diffVersions(id: string, from: number, to: number): Promise<{ from: PublishedSystem; to: PublishedSystem; changes: FieldDiff[] }> {
      const [a, b] = [await this.getPublishedSystem(id, from), await this.getPublishedSystem(id, to)];
      return { from: a, to: b, changes: diffRecords(a.record, b.record) };
    },

    async searchSystems(query: SystemListQuery, lang: Lang): Promise<SearchResult> {
      const [{ total, items }, facets] = await Promise.all([repo.listPublic(query, lang), repo.facetCounts(query)]);
      return { total, items, facets, page: query.page, pageSize: query.pageSize, pageCount: Math.max(1, Math.ceil(total / query.pageSize)) };
    },

    /** The latest published version of every public system, for the exports. */
    async exportSystems(): Promise<PublishedSystem[]> {
      return toPublished(await repo.publishedRows({}));
    },

    /** Every published version of every public system, oldest first per system. */
    async exportHistory(): Promise<PublishedSystem[]> {
      return toPublished(await repo.publishedRows({ history: true }));
    },

    async statistics() {
      return repo.countPublic();
    },
  };
}

export type SystemsService = ReturnType<typeof createSystemsService>;
