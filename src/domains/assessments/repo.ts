// SQL of instruments, assessment responses and their reviews. Every write appends an event.
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { Tx } from "../../db/tx.ts";
import { appendEvent } from "../../events/append.ts";
import type { CompiledInstrument, InstrumentRef } from "./format.ts";
import { assessmentResponses, assessmentReviews, instruments } from "./tables.ts";

export type ResponseRow = typeof assessmentResponses.$inferSelect;
export type AssessmentReviewRow = typeof assessmentReviews.$inferSelect;
export type InstrumentRow = typeof instruments.$inferSelect;

/** What an event says of a response: its state and answers, not the stored score (derived from them). */
function summary(row: ResponseRow | undefined) {
  if (!row) return undefined;
  const { result: _, ...rest } = row;
  return rest;
}

export function createAssessmentsRepo(db: Db) {
  return {
    async instrumentRefs(tx: Db | Tx = db): Promise<InstrumentRef[]> {
      return tx.select({ id: instruments.id, version: instruments.version, hash: instruments.hash }).from(instruments);
    },

    async listInstruments(): Promise<InstrumentRow[]> {
      return db.select().from(instruments).orderBy(instruments.id, desc(instruments.loadedAt));
    },

    async findInstrument(id: string, version: string, tx: Db | Tx = db): Promise<InstrumentRow | undefined> {
      const [row] = await tx.select().from(instruments).where(and(eq(instruments.id, id), eq(instruments.version, version)));
      return row;
    },

    /** Stores a new instrument version; false when that id@version is already there. */
    async insertInstrument(tx: Tx, actor: string, definition: CompiledInstrument, origin: InstrumentRow["origin"]): Promise<boolean> {
      const rows = await tx
        .insert(instruments)
        .values({ id: definition.id, version: definition.version, hash: definition.hash, definition, origin })
        .onConflictDoNothing()
        .returning({ id: instruments.id });
      if (!rows.length) return false;
      await appendEvent(tx, {
        actor,
        action: "instrument.loaded",
        subjectType: "instrument",
        subjectId: `${definition.id}@${definition.version}`,
        after: { hash: definition.hash, origin },
      });
      return true;
    },

    async insertResponse(tx: Tx, actor: string, values: typeof assessmentResponses.$inferInsert): Promise<ResponseRow> {
      const [row] = await tx.insert(assessmentResponses).values(values).returning();
      await appendEvent(tx, { actor, action: "assessment.started", subjectType: "assessment", subjectId: row!.id, after: summary(row) });
      return row!;
    },

    async findResponse(id: string, tx: Db | Tx = db): Promise<ResponseRow | undefined> {
      const [row] = await tx.select().from(assessmentResponses).where(eq(assessmentResponses.id, id));
      return row;
    },

    /** The response, locked until the transaction ends, so that two writes to it happen one after the other. */
    async lockResponse(tx: Tx, id: string): Promise<ResponseRow | undefined> {
      const [row] = await tx.select().from(assessmentResponses).where(eq(assessmentResponses.id, id)).for("update");
      return row;
    },

    async updateResponse(tx: Tx, actor: string, before: ResponseRow, values: Partial<typeof assessmentResponses.$inferInsert>, action: string) {
      const [after] = await tx
        .update(assessmentResponses)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(assessmentResponses.id, before.id))
        .returning();
      await appendEvent(tx, { actor, action, subjectType: "assessment", subjectId: before.id, before: summary(before), after: summary(after) });
      return after!;
    },

    async listForSystem(systemId: string, states?: ResponseRow["state"][]): Promise<ResponseRow[]> {
      return db
        .select()
        .from(assessmentResponses)
        .where(and(eq(assessmentResponses.systemId, systemId), states ? inArray(assessmentResponses.state, states) : undefined))
        .orderBy(desc(assessmentResponses.createdAt));
    },

    async insertReview(tx: Tx, actor: string, responseId: string, decision: AssessmentReviewRow["decision"], comment: string) {
      await tx.insert(assessmentReviews).values({ responseId, decision, comment, actor });
      await appendEvent(tx, { actor, action: `assessment.review_${decision}`, subjectType: "assessment", subjectId: responseId, after: { decision, comment } });
    },

    /** What validators said, newest first. */
    async listReviews(responseId: string): Promise<AssessmentReviewRow[]> {
      return db.select().from(assessmentReviews).where(eq(assessmentReviews.responseId, responseId)).orderBy(desc(assessmentReviews.at));
    },
  };
}

export type AssessmentsRepo = ReturnType<typeof createAssessmentsRepo>;
