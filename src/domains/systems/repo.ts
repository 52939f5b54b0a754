// SQL of the register. Every write appends an event in the caller's transaction.
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { Tx } from "../../db/tx.ts";
import { appendEvent } from "../../events/append.ts";
import { languages, type Lang } from "../../i18n/languages.ts";
import { organisations } from "../accounts/tables.ts";
import type { LifecycleState, LocalizedText, SystemListQuery, SystemRecord } from "./schema.ts";
import { searchDocument } from "./search-document.ts";
import { bestRank, matchesAny, searchVectors } from "../../db/search.ts";
import { publicSystems, systemAliases, systemDrafts, systemReviews, systems, systemVersions } from "./tables.ts";

export type SystemRow = typeof systems.$inferSelect;
export type VersionRow = typeof systemVersions.$inferSelect;
export type DraftRow = typeof systemDrafts.$inferSelect;
export type ReviewRow = typeof systemReviews.$inferSelect;

/** A record as the workspace dashboard lists it: from its draft when it has one, else from its latest version. */
export interface WorkspaceRow {
  id: string;
  organisationId: string;
  lifecycle: LifecycleState;
  latestVersion: number | null;
  updatedAt: Date;
  name: LocalizedText;
  nextReviewDue: string | null;
}

export interface ListedSystem {
  id: string;
  version: number;
  organisationId: string;
  organisationName: Record<string, { text: string; status: "authored" | "machine" }>;
  country: "LU" | "BE";
  theme: string;
  phase: string;
  riskClass: string;
  retiredAt: Date | null;
  name: Record<string, { text: string; status: "authored" | "machine" }>;
  summary: Record<string, { text: string; status: "authored" | "machine" }>;
  publishedAt: Date;
}

export type Facet = "country" | "organisation" | "theme" | "status" | "risk";
/** Each facet's values and counts; an organisation's value also carries its name. */
export type FacetCounts = Record<Facet, Array<{ value: string; count: number; name?: LocalizedText }>>;

export interface PublishedRow {
  id: string;
  latestVersion: number;
  retiredAt: Date | null;
  version: number;
  record: SystemRecord;
  organisationId: string;
  publishedAt: Date;
  firstPublishedAt: Date;
  formerIds: string[];
}

const facetColumn = {
  country: publicSystems.country,
  organisation: publicSystems.organisationId,
  theme: publicSystems.theme,
  status: publicSystems.phase,
  risk: publicSystems.riskClass,
} as const;

const docColumn = { fr: publicSystems.docFr, nl: publicSystems.docNl, de: publicSystems.docDe, en: publicSystems.docEn };

function filters(query: SystemListQuery, except?: Facet): SQL[] {
  const where: SQL[] = [];
  const values: Record<Facet, string | undefined> = {
    country: query.country,
    organisation: query.organisation,
    theme: query.theme,
    status: query.status,
    risk: query.risk,
  };
  for (const facet of Object.keys(values) as Facet[]) {
    const value = values[facet];
    if (value !== undefined && facet !== except) where.push(eq(facetColumn[facet], value));
  }
  if (query.q) where.push(matchesAny(docColumn, query.q));
  return where;
}

/** Sorts by the name in the page's language, falling back through the others. */
function nameOrder(lang: Lang): SQL {
  const order = [lang, ...languages.filter((l) => l !== lang)];
  return sql`lower(coalesce(${sql.join(
    order.map((l) => sql`${publicSystems.name}->${l}->>'text'`),
    sql`, `,
  )}))`;
}

/** The draft's authors with `actor` added once. */
const withAuthor = (actor: string) =>
  sql`case when ${actor}::text = any(${systemDrafts.authors}) then ${systemDrafts.authors} else array_append(${systemDrafts.authors}, ${actor}::text) end`;

export function createSystemsRepo(db: Db) {
  return {
    async findSystem(id: string, tx: Db | Tx = db): Promise<SystemRow | undefined> {
      const [row] = await tx.select().from(systems).where(eq(systems.id, id));
      return row;
    },

    /** Resolves a former id to the system's current id. */
    async resolveAlias(alias: string): Promise<string | undefined> {
      const [row] = await db.select().from(systemAliases).where(eq(systemAliases.alias, alias));
      return row?.systemId;
    },


    /** The system row locked until the transaction ends, so that two writes to one record happen one after the other. */
    async lockSystem(tx: Tx, id: string): Promise<SystemRow | undefined> {
      const [row] = await tx.select().from(systems).where(eq(systems.id, id)).for("update");
      return row;
    },

    async findDraftRow(id: string, tx: Db | Tx = db): Promise<DraftRow | undefined> {
      const [row] = await tx.select().from(systemDrafts).where(eq(systemDrafts.systemId, id));
      return row;
    },

    async insertReview(tx: Tx, actor: string, id: string, decision: ReviewRow["decision"], comment: string) {
      await tx.insert(systemReviews).values({ systemId: id, decision, comment, actor });
      await appendEvent(tx, { actor, action: `system.review_${decision}`, subjectType: "system", subjectId: id, after: { decision, comment } });
    },

    /** What reviewers said, newest first. */
    async listReviews(id: string, tx: Db | Tx = db): Promise<ReviewRow[]> {
      return tx.select().from(systemReviews).where(eq(systemReviews.systemId, id)).orderBy(desc(systemReviews.at), desc(systemReviews.id));
    },

    /** Every record of the given organisations (or of all, for `"all"`), most recently changed first. */
    async listWorkspace(organisationIds: string[] | "all"): Promise<WorkspaceRow[]> {
      if (organisationIds !== "all" && organisationIds.length === 0) return [];
      const current = sql`coalesce(${systemDrafts.record}, ${systemVersions.record})`;
      const rows = await db
        .select({
          id: systems.id,
          organisationId: systems.organisationId,
          lifecycle: systems.lifecycle,
          latestVersion: systems.latestVersion,
          updatedAt: systems.updatedAt,
          name: sql<LocalizedText>`${current}->'name'`,
          nextReviewDue: sql<string | null>`${current}->>'nextReviewDue'`,
        })
        .from(systems)
        .leftJoin(systemDrafts, eq(systemDrafts.systemId, systems.id))
        .leftJoin(systemVersions, and(eq(systemVersions.systemId, systems.id), eq(systemVersions.version, systems.latestVersion)))
        .where(organisationIds === "all" ? undefined : inArray(systems.organisationId, organisationIds))
        .orderBy(desc(systems.updatedAt), asc(systems.id));
      return rows.map((row) => ({ ...row, name: row.name ?? {} }));
    },

    /** Adds the actor who submits a draft to its authors. */
    async addDraftAuthor(tx: Tx, id: string, actor: string) {
      await tx.update(systemDrafts).set({ authors: withAuthor(actor) }).where(eq(systemDrafts.systemId, id));
    },

    async findDraft(id: string, tx: Db | Tx = db): Promise<SystemRecord | undefined> {
      const [row] = await tx.select().from(systemDrafts).where(eq(systemDrafts.systemId, id));
      return row?.record;
    },

    async createSystem(tx: Tx, actor: string, values: { id: string; organisationId: string; formerIds: string[] }) {
      await tx.insert(systems).values({ id: values.id, organisationId: values.organisationId, lifecycle: "draft" });
      for (const alias of values.formerIds) await tx.insert(systemAliases).values({ alias, systemId: values.id });
      await appendEvent(tx, { actor, action: "system.created", subjectType: "system", subjectId: values.id, after: values });
    },

    async saveDraft(tx: Tx, actor: string, id: string, record: SystemRecord, before: SystemRecord | undefined) {
      await tx
        .insert(systemDrafts)
        .values({ systemId: id, record, authors: [actor] })
        .onConflictDoUpdate({ target: systemDrafts.systemId, set: { record, updatedAt: new Date(), authors: withAuthor(actor) } });
      await tx.update(systems).set({ updatedAt: new Date() }).where(eq(systems.id, id));
      await appendEvent(tx, { actor, action: "system.draft_saved", subjectType: "system", subjectId: id, before, after: record });
    },

    async setLifecycle(tx: Tx, actor: string, id: string, from: LifecycleState, to: LifecycleState) {
      const retiredAt = to === "retired" ? new Date() : null;
      await tx.update(systems).set({ lifecycle: to, updatedAt: new Date(), retiredAt }).where(eq(systems.id, id));
      await appendEvent(tx, {
        actor,
        action: `system.${to}`,
        subjectType: "system",
        subjectId: id,
        before: { lifecycle: from },
        after: { lifecycle: to },
      });
    },

    /** Publishes the draft as the next immutable version and removes the draft. */
    async insertVersion(tx: Tx, actor: string, id: string, organisationId: string, record: SystemRecord, publishedAt: Date) {
      const [last] = await tx
        .select({ version: systemVersions.version })
        .from(systemVersions)
        .where(eq(systemVersions.systemId, id))
        .orderBy(desc(systemVersions.version))
        .limit(1);
      const version = (last?.version ?? 0) + 1;
      await tx.insert(systemVersions).values({ systemId: id, version, record, organisationId, publishedAt });
      await tx.delete(systemDrafts).where(eq(systemDrafts.systemId, id));
      await tx.update(systems).set({ latestVersion: version, updatedAt: new Date() }).where(eq(systems.id, id));
      await appendEvent(tx, { actor, action: "system.version_published", subjectType: "system", subjectId: id, after: { version } });
      return version;
    },

    /** Rebuilds the public read model of one system from its latest version. */
    async refreshPublic(tx: Tx, id: string) {
      const [system] = await tx.select().from(systems).where(eq(systems.id, id));
      if (!system?.latestVersion) {
        await tx.delete(publicSystems).where(eq(publicSystems.systemId, id));
        return;
      }
      const [latest] = await tx
        .select()
        .from(systemVersions)
        .where(and(eq(systemVersions.systemId, id), eq(systemVersions.version, system.latestVersion)));
      const [first] = await tx
        .select({ publishedAt: systemVersions.publishedAt })
        .from(systemVersions)
        .where(and(eq(systemVersions.systemId, id), eq(systemVersions.version, 1)));
      const [organisation] = await tx.select().from(organisations).where(eq(organisations.id, latest!.organisationId));
      const record = latest!.record;
      const values = {
        systemId: id,
        version: latest!.version,
        organisationId: latest!.organisationId,
        country: organisation!.country,
        theme: record.classification.theme,
        phase: record.status.phase,
        riskClass: record.riskClass.class,
        retiredAt: system.retiredAt,
        name: record.name,
        summary: record.summary,
        publishedAt: latest!.publishedAt,
        firstPublishedAt: first!.publishedAt,
        ...searchVectors((lang) => searchDocument(record, lang, organisation!.name)),
      };
      await tx
        .insert(publicSystems)
        .values(values as never)
        .onConflictDoUpdate({ target: publicSystems.systemId, set: values as never });
    },

    /** One page of public systems, with the total count in the same query. */
    async listPublic(query: SystemListQuery, lang: Lang): Promise<{ total: number; items: ListedSystem[] }> {
      const where = and(...filters(query));
      const rows = await db
        .select({
          id: publicSystems.systemId,
          version: publicSystems.version,
          organisationId: publicSystems.organisationId,
          organisationName: organisations.name,
          country: publicSystems.country,
          theme: publicSystems.theme,
          phase: publicSystems.phase,
          riskClass: publicSystems.riskClass,
          retiredAt: publicSystems.retiredAt,
          name: publicSystems.name,
          summary: publicSystems.summary,
          publishedAt: publicSystems.publishedAt,
          total: sql<number>`count(*) over ()`.mapWith(Number),
        })
        .from(publicSystems)
        .innerJoin(organisations, eq(organisations.id, publicSystems.organisationId))
        .where(where)
        .orderBy(...(query.q ? [desc(bestRank(docColumn, query.q))] : []), nameOrder(lang), asc(publicSystems.systemId))
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize);
      let total = rows[0]?.total;
      if (total === undefined) {
        // A page past the end has no rows to carry the count.
        const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(publicSystems).where(where);
        total = row?.n ?? 0;
      }
      return { total, items: rows.map(({ total: _, ...item }) => item as ListedSystem) };
    },

    /**
     * Counts per facet value, each facet filtered by every other active filter (not by itself), in one
     * statement: PGlite serialises queries, so round trips cost more than scanning the small read model.
     */
    async facetCounts(query: SystemListQuery): Promise<FacetCounts> {
      const parts = (Object.keys(facetColumn) as Facet[]).map((facet) => {
        const where = filters(query, facet);
        return sql`(select ${facet}::text as facet, ${facetColumn[facet]}::text as value, count(*)::int as count${
          facet === "organisation" ? sql`, (select ${organisations.name} from ${organisations} where ${organisations.id} = ${publicSystems.organisationId})` : sql`, null::jsonb`
        } as name from ${publicSystems}${where.length ? sql` where ${and(...where)}` : sql``} group by ${facetColumn[facet]})`;
      });
      const result = (await db.execute(sql`${sql.join(parts, sql` union all `)} order by facet, count desc, value`)) as unknown as {
        rows: Array<{ facet: Facet; value: string; count: number; name: LocalizedText | null }>;
      };
      const facets = { country: [], organisation: [], theme: [], status: [], risk: [] } as FacetCounts;
      for (const row of result.rows) {
        facets[row.facet].push({ value: row.value, count: Number(row.count), ...(row.name ? { name: row.name } : {}) });
      }
      return facets;
    },

    /**
     * Published versions with what a public page needs besides the organisation: the latest of each public
     * system (or of `id`), one given `version`, or every version (`history`), in one query.
     */
    async publishedRows(selection: { id?: string; version?: number; history?: boolean }): Promise<PublishedRow[]> {
      const conditions: SQL[] = [sql`${systems.latestVersion} is not null`];
      if (selection.id !== undefined) conditions.push(eq(systems.id, selection.id));
      if (selection.version !== undefined) conditions.push(eq(systemVersions.version, selection.version));
      else if (!selection.history) conditions.push(eq(systemVersions.version, systems.latestVersion));
      return db
        .select({
          id: systems.id,
          latestVersion: sql<number>`${systems.latestVersion}`.mapWith(Number),
          retiredAt: systems.retiredAt,
          version: systemVersions.version,
          record: systemVersions.record,
          organisationId: systemVersions.organisationId,
          publishedAt: systemVersions.publishedAt,
          firstPublishedAt: sql<Date>`(select f.published_at from ${systemVersions} f where f.system_id = ${systems.id} and f.version = 1)`.mapWith(
            (value: string | Date) => new Date(value),
          ),
          formerIds: sql<string[]>`coalesce((select array_agg(a.alias order by a.alias) from ${systemAliases} a where a.system_id = ${systems.id}), '{}')`,
        })
        .from(systems)
        .innerJoin(systemVersions, eq(systemVersions.systemId, systems.id))
        .where(and(...conditions))
        .orderBy(asc(systems.id), asc(systemVersions.version));
    },

    /** The current id and latest version of a system named by its id or a former id. */
    async resolve(idOrAlias: string): Promise<{ id: string; latestVersion: number | null } | undefined> {
      const [row] = await db
        .select({ id: systems.id, latestVersion: systems.latestVersion })
        .from(systems)
        .where(
          sql`${systems.id} = ${idOrAlias} or ${systems.id} = (select ${systemAliases.systemId} from ${systemAliases} where ${systemAliases.alias} = ${idOrAlias})`,
        )
        .orderBy(sql`${systems.id} = ${idOrAlias} desc`)
        .limit(1);
      return row;
    },

    async listVersions(id: string, tx: Db | Tx = db): Promise<VersionRow[]> {
      return tx.select().from(systemVersions).where(eq(systemVersions.systemId, id)).orderBy(desc(systemVersions.version));
    },

    async findVersion(id: string, version: number, tx: Db | Tx = db): Promise<VersionRow | undefined> {
      const [row] = await tx
        .select()
        .from(systemVersions)
        .where(and(eq(systemVersions.systemId, id), eq(systemVersions.version, version)));
      return row;
    },



    async countPublic(): Promise<{ systems: number; organisations: number }> {
      const [row] = await db
        .select({
          systems: sql<number>`count(*)::int`,
          organisations: sql<number>`count(distinct ${publicSystems.organisationId})::int`,
        })
        .from(publicSystems);
      return { systems: Number(row?.systems ?? 0), organisations: Number(row?.organisations ?? 0) };
    },

    async countAll(): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(systems);
      return Number(row?.n ?? 0);
    },
  };
}

export type SystemsRepo = ReturnType<typeof createSystemsRepo>;
