// Use cases of assessments: loading instruments, filling in a response about a register record, the workflow
// (submit, DPO opinion, approve or return, reassess), and what the public register shows of approved ones.
import { AppError, errors } from "../../http/errors.ts";
import { actorName, type Actor } from "../../http/actor.ts";
import type { Db } from "../../db/client.ts";
import { inTransaction, type Tx } from "../../db/tx.ts";
import type { UsersService } from "../accounts/users-service.ts";
import type { SystemRecord } from "../systems/schema.ts";
import type { SystemsService } from "../systems/service.ts";
import { issuesToFields } from "../../http/validation.ts";
import { validateAnswers, progress } from "./answers.ts";
import { ASSESSMENT_FORMAT, AssessmentDocument } from "./export.ts";
import { registerFieldsFromClassification } from "./classification.ts";
import type { Answers, AnswerProblem, CompiledInstrument, InstrumentRef, Page, Progress, ScoreResult } from "./format.ts";
import { canTransition, type AssessmentTransition } from "./lifecycle.ts";
import { migrateAnswers, NoMigrationError } from "./migrate.ts";
import { isAuthor, mayAssessment, type AssessmentAction, type AssessmentTarget } from "./policy.ts";
import type { AssessmentReviewRow, AssessmentsRepo, ResponseRow } from "./repo.ts";
import { scoreResponse } from "./scoring.ts";
import type { AssessmentState } from "./tables.ts";
import { refOf, versionConflicts } from "./versions.ts";
import { visiblePages } from "./visibility.ts";
import { loadInstruments as loadBundledInstruments } from "./load.ts";

/** The instance itself, as the author of what it loads on its own (the bundled instruments). */
const operatorOfInstance: Actor = { kind: "operator", name: "gaichel" };

/** The actions the workspace offers on a response, in the order its page shows them. */
export const responseActions = ["fill", "submit", "opinion", "approve", "return", "reassess"] as const satisfies AssessmentAction[];
export type ResponseAction = (typeof responseActions)[number];

export interface AssessmentView {
  response: ResponseRow;
  instrument: CompiledInstrument;
  system: { id: string; organisationId: string; name: Record<string, { text: string; status: string } | undefined> };
  /** The pages the answers so far make visible, in order. */
  pages: Page[];
  progress: Progress;
  /** The stored score once submitted; for a draft, the score of the answers so far. */
  score: ScoreResult;
  reviews: Array<AssessmentReviewRow & { reviewer?: string }>;
  /** Names of the people behind actor names (DPO, approver, authors). */
  names: Map<string, string>;
  actions: ResponseAction[];
  /** Whether this actor filled in or submitted the response, and so may not approve it. */
  authoredByActor: boolean;
}

/** An approved assessment as the public register shows it. */
export interface PublicAssessment {
  id: string;
  instrument: InstrumentRef & { title: CompiledInstrument["title"]; kind?: CompiledInstrument["register_assessment_kind"] };
  outcome: ScoreResult["outcome"];
  approvedAt: Date;
}

/** Instruments whose DPO must give an opinion before approval (GDPR Art. 35(2): the controller seeks the DPO's advice). */
const needsDpoOpinion = (instrument: CompiledInstrument) => instrument.register_assessment_kind === "dpia";

/** Orders "1.10.0" after "1.9.2": numeric parts compare as numbers, others as text. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/);
  const pb = b.split(/[.-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? "";
    const y = pb[i] ?? "";
    const order = /^\d+$/.test(x) && /^\d+$/.test(y) ? Number(x) - Number(y) : x.localeCompare(y);
    if (order !== 0) return Math.sign(order);
  }
  return 0;
}

/** Answers carried to a newer version by its explicit migration; without one, a reassessment cannot start. */
function carryOver(from: CompiledInstrument, to: CompiledInstrument, answers: Answers) {
  try {
    return migrateAnswers(from, to, answers);
  } catch (error) {
    if (error instanceof NoMigrationError) throw errors.conflict("instrument_no_migration", { from: `${from.id}@${from.version}`, to: to.version });
    throw error;
  }
}

const toFields = (problems: AnswerProblem[]) => problems.map((p) => ({ path: p.path, message: p.message, params: p.params }));

export function createAssessmentsService(
  db: Db,
  repo: AssessmentsRepo,
  systems: Pick<SystemsService, "findRecordOwner" | "applyRiskClass">,
  users: Pick<UsersService, "displayNames">,
) {
  /** Every instrument version ever loaded, by `id@version`: kept so that old responses are read as they were. */
  const cache = new Map<string, CompiledInstrument>();
  let bundled: Promise<string[]> | undefined;

  /** The bundled instruments are stored before any use of instruments, once per process. */
  function ensureBundled(): Promise<string[]> {
    bundled ??= store(operatorOfInstance, loadBundledInstruments(), "bundled").catch((error: unknown) => {
      bundled = undefined;
      throw error;
    });
    return bundled;
  }

  async function store(actor: Actor, loaded: CompiledInstrument[], origin: "bundled" | "imported"): Promise<string[]> {
    return inTransaction(db, async ({ tx }) => {
      const conflicts = versionConflicts(await repo.instrumentRefs(tx), loaded);
      if (conflicts.length) throw errors.conflict("instrument_version_changed", { id: conflicts.map((c) => `${c.id}@${c.version}`).join(", ") });
      const added: string[] = [];
      for (const instrument of loaded) {
        if (await repo.insertInstrument(tx, actorName(actor), instrument, origin)) added.push(`${instrument.id}@${instrument.version}`);
      }
      return added;
    });
  }

  async function instrumentOf(ref: { id: string; version: string }, tx: Db | Tx = db): Promise<CompiledInstrument> {
    const key = `${ref.id}@${ref.version}`;
    const cached = cache.get(key);
    if (cached) return cached;
    if (tx === db) await ensureBundled();
    const row = await repo.findInstrument(ref.id, ref.version, tx);
    if (!row) throw new AppError("instrument_not_found", 404, { id: key });
    cache.set(key, row.definition);
    return row.definition;
  }

  const pinned = (response: ResponseRow) => instrumentOf({ id: response.instrumentId, version: response.instrumentVersion });
  const targetOf = (response: ResponseRow): AssessmentTarget => ({ organisationId: response.organisationId, state: response.state, authors: response.authors });

  /** The record the response is about, if the actor may read its assessments; else 404, so that drafts do not leak. */
  async function recordFor(actor: Actor, systemId: string) {
    const record = await systems.findRecordOwner(systemId);
    if (!record || !mayAssessment(actor, "read", { organisationId: record.organisationId })) throw errors.recordNotFound(systemId);
    return record;
  }

  /** Loads and locks a response for an action: 404 when the actor may not read it, 403 or 409 when it may not act. */
  async function authorizeOn(tx: Tx, actor: Actor, action: AssessmentAction, id: string): Promise<ResponseRow> {
    const response = await repo.lockResponse(tx, id);
    if (!response || !mayAssessment(actor, "read", targetOf(response))) throw new AppError("assessment_not_found", 404, { id });
    const target = targetOf(response);
    if (mayAssessment(actor, action, target)) return response;
    if (isAuthor(actor, target) && mayAssessment(actor, action, { ...target, authors: [] })) throw new AppError("assessment_by_author", 403, { id });
    const someState = (["draft", "submitted", "approved"] as const).some((state) => mayAssessment(actor, action, { ...target, state }));
    if (someState) throw errors.conflict("assessment_state", { id, state: response.state });
    throw errors.forbidden();
  }

  function withAuthor(response: ResponseRow, actor: Actor): string[] {
    const name = actorName(actor);
    return response.authors.includes(name) ? response.authors : [...response.authors, name];
  }

  function move(response: ResponseRow, transition: AssessmentTransition, to: AssessmentState): AssessmentState {
    if (!canTransition(response.state, transition)) throw errors.conflict("assessment_state", { id: response.id, state: response.state });
    return to;
  }

  return {
    /**
     * Stores the bundled instruments (instruments/*.yaml) not stored yet; `gaichel start` calls it so that an edited
     * instrument that kept its version stops the start, naming it. Other uses store them on first need.
     */
    loadBundledInstruments: ensureBundled,

    /** Stores imported instrument versions (`gaichel instruments import`); an id@version stored with other content is refused. */
    async importInstruments(actor: Actor, loaded: CompiledInstrument[]): Promise<string[]> {
      if (actor.kind !== "operator") throw errors.forbidden();
      await ensureBundled();
      return store(actor, loaded, "imported");
    },

    /** The newest version of each instrument: what a new assessment uses. */
    async currentInstruments(): Promise<CompiledInstrument[]> {
      await ensureBundled();
      const newest = new Map<string, CompiledInstrument>();
      for (const row of await repo.listInstruments()) {
        const known = newest.get(row.id);
        if (!known || compareVersions(row.version, known.version) > 0) newest.set(row.id, row.definition);
      }
      return [...newest.values()].sort((a, b) => a.id.localeCompare(b.id));
    },

    /** The responses about a record the actor may read: all of them for its organisation's members. */
    async listForSystem(actor: Actor, systemId: string) {
      const record = await recordFor(actor, systemId);
      const responses = await repo.listForSystem(systemId);
      const withInstruments = await Promise.all(responses.map(async (response) => ({ response, instrument: await pinned(response) })));
      return {
        record,
        responses: withInstruments,
        instruments: await this.currentInstruments(),
        canStart: mayAssessment(actor, "start", { organisationId: record.organisationId }),
      };
    },

    /** Starts an assessment of a record with the newest version of an instrument; returns the response's id. */
    async startAssessment(actor: Actor, systemId: string, instrumentId: string): Promise<string> {
      const record = await recordFor(actor, systemId);
      if (!mayAssessment(actor, "start", { organisationId: record.organisationId })) throw errors.forbidden();
      const instrument = (await this.currentInstruments()).find((i) => i.id === instrumentId);
      if (!instrument) throw errors.invalidInput([{ path: "instrument", message: "validation.choice" }]);
      return inTransaction(db, async ({ tx }) => {
        const row = await repo.insertResponse(tx, actorName(actor), {
          systemId,
          organisationId: record.organisationId,
          instrumentId: instrument.id,
          instrumentVersion: instrument.version,
          instrumentHash: instrument.hash,
          state: "draft",
          createdBy: actorName(actor),
          authors: [actorName(actor)],
        });
        return row.id;
      });
    },

    async getAssessment(actor: Actor, id: string): Promise<AssessmentView> {
      const response = await repo.findResponse(id);
      if (!response || !mayAssessment(actor, "read", targetOf(response))) throw new AppError("assessment_not_found", 404, { id });
      const instrument = await pinned(response);
      const record = await systems.findRecordOwner(response.systemId);
      const reviews = await repo.listReviews(id);
      const people = [...reviews.map((r) => r.actor), ...response.authors, response.dpoBy ?? "", response.approvedBy ?? ""];
      const names = await users.displayNames(people);
      const target = targetOf(response);
      return {
        response,
        instrument,
        system: { id: response.systemId, organisationId: response.organisationId, name: record?.name ?? {} },
        pages: visiblePages(instrument, response.answers),
        progress: progress(instrument, response.answers),
        score: response.result ?? scoreResponse(instrument, response.answers),
        reviews: reviews.map((review) => ({ ...review, reviewer: names.get(review.actor) })),
        names,
        actions: responseActions.filter((action) => mayAssessment(actor, action, target)),
        authoredByActor: isAuthor(actor, target),
      };
    },

    /**
     * Saves the answers and notes of one page (an item of the page left out is cleared). Answers must be valid for
     * their items, but nothing is required yet: save as you go. On an error nothing is saved.
     */
    async saveAnswers(actor: Actor, id: string, pageId: string, input: { answers: Answers; comments: Record<string, string> }): Promise<void> {
      await inTransaction(db, async ({ tx }) => {
        const response = await authorizeOn(tx, actor, "fill", id);
        const instrument = await instrumentOf({ id: response.instrumentId, version: response.instrumentVersion }, tx);
        const page = instrument.pages.find((p) => p.id === pageId);
        if (!page) throw errors.notFound("page", pageId);
        const answers: Answers = { ...response.answers };
        const comments = { ...response.comments };
        for (const item of page.items) {
          if (Object.hasOwn(input.answers, item.id)) answers[item.id] = input.answers[item.id]!;
          else delete answers[item.id];
          const note = input.comments[item.id]?.trim();
          if (note) comments[item.id] = note;
          else delete comments[item.id];
        }
        const onPage = new Set(page.items.map((item) => item.id));
        const problems = validateAnswers(instrument, answers, "draft").filter((p) => onPage.has(p.path.split(".")[0]!));
        if (problems.length) throw errors.invalidInput(toFields(problems));
        await repo.updateResponse(tx, actorName(actor), response, { answers, comments, authors: withAuthor(response, actor) }, "assessment.answers_saved");
      });
    },

    /** Submits a complete response for the DPO's opinion and validation; the score is stored with it. */
    async submitAssessment(actor: Actor, id: string): Promise<void> {
      await inTransaction(db, async ({ tx }) => {
        const response = await authorizeOn(tx, actor, "submit", id);
        const instrument = await instrumentOf({ id: response.instrumentId, version: response.instrumentVersion }, tx);
        const problems = validateAnswers(instrument, response.answers, "submit");
        if (problems.length) throw new AppError("assessment_incomplete", 409, { count: problems.length }, toFields(problems));
        const state = move(response, "submit", "submitted");
        await repo.updateResponse(
          tx,
          actorName(actor),
          response,
          { state, result: scoreResponse(instrument, response.answers), submittedAt: new Date(), authors: withAuthor(response, actor) },
          "assessment.submitted",
        );
      });
    },

    /** The DPO's opinion on a submitted response (required before approving a DPIA). */
    async giveOpinion(actor: Actor, id: string, opinion: string): Promise<void> {
      const text = opinion.trim();
      if (!text) throw errors.invalidInput([{ path: "opinion", message: "validation.required" }]);
      await inTransaction(db, async ({ tx }) => {
        const response = await authorizeOn(tx, actor, "opinion", id);
        await repo.updateResponse(tx, actorName(actor), response, { dpoOpinion: text, dpoBy: actorName(actor), dpoAt: new Date() }, "assessment.dpo_opinion");
      });
    },

    /**
     * Approves a submitted response: it is frozen from then on, its outcome appears on the public register, and an AI
     * Act classification is written into the register record (its draft, or a new draft of a published record).
     */
    async approveAssessment(actor: Actor, id: string, comment = ""): Promise<void> {
      await inTransaction(db, async ({ tx }) => {
        const response = await authorizeOn(tx, actor, "approve", id);
        const instrument = await instrumentOf({ id: response.instrumentId, version: response.instrumentVersion }, tx);
        if (needsDpoOpinion(instrument) && !response.dpoOpinion) throw errors.conflict("assessment_needs_dpo_opinion", { id });
        const result = scoreResponse(instrument, response.answers);
        await repo.insertReview(tx, actorName(actor), id, "approved", comment.trim());
        const state = move(response, "approve", "approved");
        await repo.updateResponse(tx, actorName(actor), response, { state, result, approvedAt: new Date(), approvedBy: actorName(actor) }, "assessment.approved");
        const riskClass = registerFieldsFromClassification(result);
        if (riskClass) await systems.applyRiskClass(tx, actorName(actor), response.systemId, riskClass);
      });
    },

    /** Sends a submitted response back to its evaluators with what to change. */
    async returnAssessment(actor: Actor, id: string, comment: string): Promise<void> {
      const text = comment.trim();
      if (!text) throw errors.invalidInput([{ path: "comment", message: "validation.comment_required" }]);
      await inTransaction(db, async ({ tx }) => {
        const response = await authorizeOn(tx, actor, "return", id);
        await repo.insertReview(tx, actorName(actor), id, "returned", text);
        const state = move(response, "return", "draft");
        await repo.updateResponse(tx, actorName(actor), response, { state, result: null, submittedAt: null }, "assessment.returned");
      });
    },

    /**
     * Starts the next assessment of the same record and instrument from an approved one's answers, carried over to
     * the instrument's newest version by its explicit migrations. The approved one stays as it was.
     */
    async reassess(actor: Actor, id: string): Promise<string> {
      // Read before the transaction: storing the bundled instruments takes one of its own.
      const current = await this.currentInstruments();
      return inTransaction(db, async ({ tx }) => {
        const previous = await authorizeOn(tx, actor, "reassess", id);
        const from = await instrumentOf({ id: previous.instrumentId, version: previous.instrumentVersion }, tx);
        const to = current.find((i) => i.id === previous.instrumentId) ?? from;
        const { answers } = from.hash === to.hash ? { answers: previous.answers } : carryOver(from, to, previous.answers);
        const ref = refOf(to);
        const row = await repo.insertResponse(tx, actorName(actor), {
          systemId: previous.systemId,
          organisationId: previous.organisationId,
          instrumentId: ref.id,
          instrumentVersion: ref.version,
          instrumentHash: ref.hash,
          state: "draft",
          answers,
          comments: previous.comments,
          previousId: previous.id,
          createdBy: actorName(actor),
          authors: [actorName(actor)],
        });
        return row.id;
      });
    },

    /** Throws what `action` on the response would answer now (404, 403 or 409) unless the actor may take it: for forms, before reading them. */
    async assertMay(actor: Actor, id: string, action: AssessmentAction): Promise<void> {
      await inTransaction(db, ({ tx }) => authorizeOn(tx, actor, action, id));
    },

    /** The response as a document that `importAssessment` reads back. */
    async exportAssessment(actor: Actor, id: string): Promise<AssessmentDocument> {
      const response = await repo.findResponse(id);
      if (!response || !mayAssessment(actor, "read", targetOf(response))) throw new AppError("assessment_not_found", 404, { id });
      return {
        format: ASSESSMENT_FORMAT,
        formatVersion: 1,
        id: response.id,
        system: { id: response.systemId, organisationId: response.organisationId },
        instrument: { id: response.instrumentId, version: response.instrumentVersion, hash: response.instrumentHash },
        state: response.state,
        answers: response.answers,
        comments: response.comments,
        result: response.result ?? undefined,
        dpoOpinion: response.dpoOpinion,
        createdAt: response.createdAt.toISOString(),
        submittedAt: response.submittedAt?.toISOString() ?? null,
        approvedAt: response.approvedAt?.toISOString() ?? null,
        exportedAt: new Date().toISOString(),
      };
    },

    /**
     * Starts a draft assessment of `systemId` (by default the record the document is about) from an exported
     * document's answers and notes, with the very instrument version it pins (same content hash).
     */
    async importAssessment(actor: Actor, raw: unknown, systemId?: string): Promise<string> {
      const parsed = AssessmentDocument.safeParse(raw);
      if (!parsed.success) throw errors.invalidInput(issuesToFields(parsed.error.issues));
      const document = parsed.data;
      const record = await recordFor(actor, systemId ?? document.system.id);
      if (!mayAssessment(actor, "start", { organisationId: record.organisationId })) throw errors.forbidden();
      const instrument = await instrumentOf(document.instrument);
      if (instrument.hash !== document.instrument.hash) throw errors.conflict("instrument_version_changed", { id: `${instrument.id}@${instrument.version}` });
      const problems = validateAnswers(instrument, document.answers, "draft");
      if (problems.length) throw errors.invalidInput(toFields(problems).map((f) => ({ ...f, path: `answers.${f.path}` })));
      return inTransaction(db, async ({ tx }) => {
        const row = await repo.insertResponse(tx, actorName(actor), {
          systemId: record.id,
          organisationId: record.organisationId,
          instrumentId: instrument.id,
          instrumentVersion: instrument.version,
          instrumentHash: instrument.hash,
          state: "draft",
          answers: document.answers,
          comments: document.comments,
          createdBy: actorName(actor),
          authors: [actorName(actor)],
        });
        return row.id;
      });
    },

    /**
     * Approved assessments of a record that the register's assessment kinds name (FRIA, DPIA, impact level), in the
     * record's own assessment shape, for the exports that summarise them (AI Act Annex VIII C.4 and C.5).
     */
    async registerEntriesFor(systemId: string): Promise<SystemRecord["assessments"]> {
      return (await this.approvedForSystem(systemId)).flatMap((a) =>
        a.instrument.kind
          ? [{ kind: a.instrument.kind, date: a.approvedAt.toISOString().slice(0, 10), outcome: a.outcome.label, summary: a.outcome.explanation }]
          : [],
      );
    },

    /** Approved assessments of a record, newest first, as the public register shows them. */
    async approvedForSystem(systemId: string): Promise<PublicAssessment[]> {
      const rows = await repo.listForSystem(systemId, ["approved"]);
      return Promise.all(
        rows.map(async (row) => {
          const instrument = await pinned(row);
          return {
            id: row.id,
            instrument: { ...refOf(instrument), title: instrument.title, kind: instrument.register_assessment_kind },
            outcome: row.result!.outcome,
            approvedAt: row.approvedAt!,
          };
        }),
      );
    },
  };
}

export type AssessmentsService = ReturnType<typeof createAssessmentsService>;
