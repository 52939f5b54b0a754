// Thousands of malformed bodies at every assessment write, on PGlite and on PostgreSQL: the questionnaire pages of
// every instrument, the workflow steps, and imports of exported documents. Never a server error; a refusal changes
// nothing; what is saved still fits its instrument.
import assert from "node:assert/strict";
import { test } from "node:test";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import type { LightMyRequestResponse } from "fastify";
import { Agent } from "../../../test/agent.ts";
import { buildImport, buildOrganisation, operator, seed, signedInAs } from "../../../test/factories.ts";
import { describeEachBackend, type TestContext } from "../../../test/helpers.ts";
import { AppError } from "../../http/errors.ts";
import { validateAnswers } from "./answers.ts";
import type { CompiledInstrument } from "./format.ts";
import { loadInstruments } from "./load.ts";

const LU = "lu-ministry-family";
const SYSTEM = "lu-child-benefit";
const organisations = [buildOrganisation({ id: LU, officialId: "LU-ADM-4242", name: { fr: { text: "Ministère de la Famille", status: "authored" } } })];
const instruments = loadInstruments();

const nasty = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("", " ", "\0", "a\0b", "\ud800", "x".repeat(25_000), "<script>", "yes", "no", "none", "2026-02-30", "2026-01-15", "3,5", "-1", "1e309", "999999"),
);

/** Every field name a page form of `instrument` can post, plus some nobody shows. */
function fieldNames(instrument: CompiledInstrument): string[] {
  const names = ["intent", "_action", "__proto__", "a.constructor", "rows.x"];
  for (const page of instrument.pages) {
    for (const item of page.items) {
      names.push(`a.${item.id}`, `c.${item.id}`);
      if (item.type === "group") {
        names.push(`rows.${item.id}`);
        for (const row of [0, 1, 9999]) for (const sub of item.items) names.push(`a.${item.id}.${row}.${sub.id}`);
      }
    }
  }
  return names;
}

/** Option codes and values that fit, so that many runs get past the first check. */
function fittingValues(instrument: CompiledInstrument): string[] {
  return instrument.pages.flatMap((page) => page.items.flatMap((item) => ("options" in item ? item.options.map((o) => o.code) : [])));
}

async function snapshot(ctx: TestContext): Promise<string> {
  const result = (await ctx.database.db.execute(sql`
    select (select count(*) from events)::int as events,
           (select coalesce(json_agg(json_build_object('id', id, 'state', state, 'answers', answers, 'comments', comments) order by id), '[]') from assessment_responses) as responses
  `)) as unknown as { rows: unknown[] };
  return JSON.stringify(result.rows[0]);
}

describeEachBackend(
  "assessment writes under malformed bodies",
  (get) => {
    let agent: Agent;

    /** Status codes seen, so that a test can show its runs reached both the saves and the refusals. */
    const seen = new Map<number, number>();

    async function check(send: () => Promise<LightMyRequestResponse>, what: string) {
      const before = await snapshot(get());
      const response = await send();
      seen.set(response.statusCode, (seen.get(response.statusCode) ?? 0) + 1);
      assert.ok(response.statusCode < 500, `${what} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
      if (response.statusCode !== 303) assert.equal(await snapshot(get()), before, `${what} answered ${response.statusCode} but changed the database`);
    }

    async function responseIn(instrumentId: string, state: "draft" | "submitted" | "approved"): Promise<string> {
      const { assessments } = get().services;
      if (state === "draft") return assessments.startAssessment(operator, SYSTEM, instrumentId);
      const dpia = await assessments.startAssessment(operator, SYSTEM, "dpia-screening");
      const pages = { context: { country: "lu" }, always_required: { art35_3_cases: ["none"] }, criteria: { edpb_criteria: ["large_scale"] }, national_lu: { lu_list: ["none"] } };
      for (const [page, answers] of Object.entries(pages)) await assessments.saveAnswers(operator, dpia, page, { answers, comments: {} });
      await assessments.submitAssessment(operator, dpia);
      if (state === "submitted") return dpia;
      await assessments.giveOpinion(operator, dpia, "Fine.");
      await assessments.approveAssessment(operator, dpia);
      return dpia;
    }

    test("setup", async () => {
      const who = await signedInAs(get().services, { [LU]: ["editor", "dpo"] });
      const validator = await signedInAs(get().services, { [LU]: ["reviewer"] });
      agent = new Agent(get().app);
      agent.cookies.set("gaichel_session", who.sessionToken);
      await agent.get("/en/workspace");
      // The validator's session is kept for the steps only evaluators cannot take.
      validatorAgent = new Agent(get().app);
      validatorAgent.cookies.set("gaichel_session", validator.sessionToken);
      await validatorAgent.get("/en/workspace");
    });
    let validatorAgent: Agent;

    for (const instrument of instruments) {
      test(`every page of ${instrument.id}: any fields, any values`, async () => {
        seen.clear();
        const id = await responseIn(instrument.id, "draft");
        const names = fieldNames(instrument);
        const values = fc.oneof(nasty, fc.constantFrom(...fittingValues(instrument)));
        const body = fc.dictionary(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...names) }, fc.string({ maxLength: 12 })), fc.oneof(values, fc.array(values, { maxLength: 4 })), { maxKeys: 10 });
        await fc.assert(
          fc.asyncProperty(fc.constantFrom(...instrument.pages.map((p) => p.id), "nope"), body, async (page, fields) => {
            const url = `/en/workspace/assessments/${id}/pages/${page}`;
            await check(() => agent.post(url, { ...fields, _csrf: agent.csrf }), `POST ${url} ${JSON.stringify(fields).slice(0, 200)}`);
            const saved = await get().services.assessments.getAssessment(operator, id);
            assert.deepEqual(validateAnswers(instrument, saved.response.answers, "draft"), [], "what is saved fits the instrument");
          }),
          { numRuns: 150 },
        );
        assert.ok((seen.get(303) ?? 0) > 0 && (seen.get(400) ?? 0) > 0, `both saves and refusals happened: ${JSON.stringify([...seen])}`);
      });
    }

    test("the workflow steps: any fields, each on a response in the state it needs", async () => {
      const steps = [
        ["submit", "draft", () => agent],
        ["opinion", "submitted", () => agent],
        ["approve", "submitted", () => validatorAgent],
        ["return", "submitted", () => validatorAgent],
        ["reassess", "approved", () => agent],
      ] as const;
      const body = fc.dictionary(fc.constantFrom("comment", "opinion", "intent", "__proto__", "x"), fc.oneof(nasty, fc.array(nasty, { maxLength: 3 })), { maxKeys: 4 });
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...steps), body, async ([step, state, who], fields) => {
          const id = await responseIn("dpia-screening", state);
          const url = `/en/workspace/assessments/${id}/${step}`;
          await check(() => who().post(url, { ...fields, _csrf: who().csrf }), `POST ${url} ${JSON.stringify(fields).slice(0, 160)}`);
        }),
        { numRuns: 120 },
      );
    });

    test("imports: any document is refused with a reason, or starts a draft that fits its instrument", async () => {
      const { assessments } = get().services;
      const exported = await assessments.exportAssessment(operator, await responseIn("dpia-screening", "submitted"));
      const document = fc.oneof(
        fc.jsonValue(),
        fc.tuple(fc.constantFrom(...Object.keys(exported)), fc.oneof(fc.jsonValue(), nasty)).map(([key, value]) => ({ ...exported, [key]: value })),
        fc.dictionary(fc.constantFrom("country", "art35_3_cases", "edpb_criteria", "nope"), fc.oneof(nasty, fc.jsonValue())).map((answers) => ({ ...exported, answers })),
      );
      await fc.assert(
        fc.asyncProperty(document, async (raw) => {
          const before = await snapshot(get());
          try {
            const id = await assessments.importAssessment(operator, raw);
            const saved = await assessments.getAssessment(operator, id);
            assert.deepEqual(validateAnswers(saved.instrument, saved.response.answers, "draft"), []);
          } catch (error) {
            assert.ok(error instanceof AppError && error.status < 500, `${JSON.stringify(raw).slice(0, 200)} threw ${String(error)}`);
            assert.equal(await snapshot(get()), before);
          }
        }),
        { numRuns: 200 },
      );
    });
  },
  async (ctx) => {
    await seed(ctx.services, organisations, [buildImport({ id: SYSTEM, organisation: LU, state: "published" })]);
  },
);
