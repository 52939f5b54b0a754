// An assessment through HTTP, on PGlite and on PostgreSQL: a Luxembourg ministry's evaluator fills in the DPIA
// screening page by page without JavaScript, submits it; the DPO gives an opinion; a validator approves it and its
// outcome appears on the public register; a Belgian agency sees none of it; the PDF carries the JSON, which imports
// again; an approved response keeps its outcome when the instrument gets a new version.
import assert from "node:assert/strict";
import { test } from "node:test";
import { sql } from "drizzle-orm";
import { Agent } from "../../../test/agent.ts";
import { buildImport, buildOrganisation, buildRecord, operator, seed, signedInAs, type SignedInUser } from "../../../test/factories.ts";
import { describeEachBackend, type TestContext } from "../../../test/helpers.ts";
import { translator } from "../../i18n/index.ts";
import { compileDocument } from "./compile.ts";
import { embeddedDocument } from "./export.ts";
import { loadInstruments } from "./load.ts";

const t = translator("en");
const LU = "lu-ministry-family";
const BE = "be-agency-social";
const SYSTEM = "lu-child-benefit";
const organisations = [
  buildOrganisation({ id: LU, officialId: "LU-ADM-4242", name: { fr: { text: "Ministère de la Famille", status: "authored" } } }),
  buildOrganisation({ id: BE, country: "BE", officialId: "0765.432.146", kind: "agency", name: { nl: { text: "Agentschap Sociale Zaken", status: "authored" } } }),
];

const decode = (html: string) =>
  html.replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
const idOf = (location: unknown) => /\/workspace\/assessments\/([0-9a-f-]{36})/.exec(String(location))?.[1] ?? "";

async function browser(app: TestContext["app"], who: SignedInUser, first: string): Promise<Agent> {
  const agent = new Agent(app);
  agent.cookies.set("gaichel_session", who.sessionToken);
  const page = await agent.get(first);
  assert.equal(page.statusCode, 200, page.body.slice(0, 400));
  return agent;
}

async function stateOf(ctx: TestContext, id: string): Promise<string | undefined> {
  const result = (await ctx.database.db.execute(sql`select state from assessment_responses where id = ${id}`)) as unknown as { rows: Array<{ state: string }> };
  return result.rows[0]?.state;
}

describeEachBackend(
  "assessments workflow",
  (get) => {
    let editor: SignedInUser, dpo: SignedInUser, reviewer: SignedInUser, belgian: SignedInUser;
    let rid = "";
    const app = () => get().app;

    test("setup: a published LU record and its people", async () => {
      const { services } = get();
      await seed(services, organisations, [buildImport({ id: SYSTEM, organisation: LU, state: "published" })]);
      editor = await signedInAs(services, { [LU]: ["editor"] });
      dpo = await signedInAs(services, { [LU]: ["dpo"] });
      reviewer = await signedInAs(services, { [LU]: ["reviewer"] });
      belgian = await signedInAs(services, { [BE]: ["editor", "reviewer", "dpo", "org_admin"] });
    });

    test("an evaluator starts the DPIA screening and fills it in page by page, with errors shown and nothing lost", async () => {
      const agent = await browser(app(), editor, `/en/workspace/systems/${SYSTEM}/assessments`);
      const list = decode((await agent.get(`/en/workspace/systems/${SYSTEM}/assessments`)).body);
      for (const instrument of loadInstruments()) assert.match(list, new RegExp(instrument.title.en!.text.replace(/[()]/g, "\\$&")));
      assert.match(list, new RegExp(t("assessments.none")));
      const none = await agent.post(`/en/workspace/systems/${SYSTEM}/assessments`, {});
      assert.equal(none.statusCode, 400);
      assert.match(decode(none.body), new RegExp(t("assessments.errors.choose_instrument")));
      const started = await agent.post(`/en/workspace/systems/${SYSTEM}/assessments`, { instrument: "dpia-screening" });
      assert.equal(started.statusCode, 303);
      rid = idOf(started.headers.location);
      const overview = decode((await agent.follow(started)).body);
      assert.match(overview, new RegExp(t("assessments.done.started")));
      assert.match(overview, /dpia-screening@1\.0\.0/);

      const base = `/en/workspace/assessments/${rid}/pages`;
      await agent.get(`${base}/context`);
      // An option the question does not offer, and a note: the error names the question; the note is kept.
      const wrong = await agent.post(`${base}/context`, { "a.country": "fr", "c.country": "Our ministry is in Luxembourg City.", intent: "continue" });
      assert.equal(wrong.statusCode, 400);
      const wrongPage = decode(wrong.body);
      assert.match(wrongPage, /<title>Error: /);
      assert.match(wrongPage, new RegExp(`href="#q-country">In which country is the controller established\\?${t("common.colon")} ${t("assessments.errors.choice")}`));
      assert.match(wrongPage, /Our ministry is in Luxembourg City\./);
      assert.equal(await stateOf(get(), rid), "draft");

      const context = await agent.post(`${base}/context`, { "a.country": "lu", "c.country": "Our ministry is in Luxembourg City.", intent: "continue" });
      assert.equal(context.headers.location, `${base}/always_required`);
      assert.equal((await agent.post(`${base}/always_required`, { "a.art35_3_cases": "none", intent: "continue" })).headers.location, `${base}/criteria`);
      const criteria = await agent.post(`${base}/criteria`, { "a.edpb_criteria": ["evaluation_scoring", "large_scale"], intent: "continue" });
      // The Belgian list is hidden by the answer "Luxembourg": the next page is the Luxembourg list, then the overview.
      assert.equal(criteria.headers.location, `${base}/national_lu`);
      const last = await agent.post(`${base}/national_lu`, { "a.lu_list": "none", intent: "continue" });
      assert.equal(last.headers.location, `/en/workspace/assessments/${rid}?done=saved`);
      const filled = decode((await agent.follow(last)).body);
      assert.ok(filled.includes(t("assessments.result_provisional")));
      assert.match(filled, /DPIA required/);
      // Going back shows what was saved.
      const again = decode((await agent.get(`${base}/criteria`)).body);
      assert.match(again, /value="large_scale" checked/);
    });

    test("submitted, the DPO's opinion comes before approval; authors and other roles cannot approve", async () => {
      const evaluator = await browser(app(), editor, `/en/workspace/assessments/${rid}`);
      assert.equal((await evaluator.post(`/en/workspace/assessments/${rid}/submit`)).statusCode, 303);
      assert.equal(await stateOf(get(), rid), "submitted");
      assert.equal((await evaluator.post(`/en/workspace/assessments/${rid}/approve`, { comment: "" })).statusCode, 403, "an evaluator does not validate");
      assert.equal((await evaluator.post(`/en/workspace/assessments/${rid}/pages/context`, { "a.country": "be" })).statusCode, 409, "submitted answers are locked");

      const validator = await browser(app(), reviewer, `/en/workspace/assessments/${rid}`);
      const early = await validator.post(`/en/workspace/assessments/${rid}/approve`, { comment: "" });
      assert.equal(early.statusCode, 409);
      assert.match(decode(early.body), new RegExp(t("errors.assessment_needs_dpo_opinion.title")));

      const officer = await browser(app(), dpo, `/en/workspace/assessments/${rid}`);
      const empty = await officer.post(`/en/workspace/assessments/${rid}/opinion`, { opinion: " " });
      assert.equal(empty.statusCode, 400);
      assert.match(decode(empty.body), /href="#opinion-text"/);
      assert.equal((await officer.post(`/en/workspace/assessments/${rid}/opinion`, { opinion: "Carry out the DPIA before the pilot." })).statusCode, 303);

      assert.equal((await validator.post(`/en/workspace/assessments/${rid}/approve`, { comment: "Agreed." })).statusCode, 303);
      assert.equal(await stateOf(get(), rid), "approved");
      const approved = decode((await validator.get(`/en/workspace/assessments/${rid}`)).body);
      assert.match(approved, /Carry out the DPIA before the pilot\./);
      assert.match(approved, new RegExp(t("workspace.system.reviewed_by", { name: reviewer.email.split("@")[0] })));
      await assert.rejects(
        get().database.db.execute(sql`update assessment_responses set answers = '{}'::jsonb where id = ${rid}`),
        "an approved assessment is frozen in the database",
      );
    });

    test("the public register shows the approved outcome and date; the API lists it", async () => {
      const page = decode((await app().inject({ url: `/en/systems/${SYSTEM}` })).body);
      assert.match(page, new RegExp(t("system.approved_assessments")));
      assert.match(page, /Data protection impact assessment screening/);
      assert.match(page, /DPIA required/);
      const api = (await app().inject({ url: `/api/v1/systems/${SYSTEM}/assessments` })).json() as { items: Array<{ outcome: { code: string } }> };
      assert.deepEqual(api.items.map((a) => a.outcome.code), ["dpia_required"]);
      // The AI Act Annex VIII C summary takes its C.5 from the approved screening.
      const annex = (await app().inject({ url: `/api/v1/systems/${SYSTEM}/export/aia-annex-viii-c?lang=en` })).json() as { data: { c5_dpia: { outcome: string; date: string } } };
      assert.equal(annex.data.c5_dpia.outcome, "DPIA required");
      assert.equal(annex.data.c5_dpia.date, new Date().toISOString().slice(0, 10));
    });

    test("a Belgian agency sees none of it: list, response, pages, steps, exports", async () => {
      const agent = new Agent(app());
      agent.cookies.set("gaichel_session", belgian.sessionToken);
      await agent.get("/en/workspace");
      assert.equal((await agent.get(`/en/workspace/systems/${SYSTEM}/assessments`)).statusCode, 404);
      assert.equal((await agent.post(`/en/workspace/systems/${SYSTEM}/assessments`, { instrument: "fria" })).statusCode, 404);
      for (const path of ["", "/pages/context", "/export.json", "/export.pdf"]) assert.equal((await agent.get(`/en/workspace/assessments/${rid}${path}`)).statusCode, 404, path);
      for (const step of ["submit", "opinion", "approve", "return", "reassess"]) assert.equal((await agent.post(`/en/workspace/assessments/${rid}/${step}`, { comment: "x", opinion: "x" })).statusCode, 404, step);
      const api = await app().inject({ url: `/api/v1/assessments/${rid}`, headers: { authorization: `Bearer ${belgian.token}` } });
      assert.equal(api.statusCode, 404);
    });

    test("the PDF carries the JSON export, which imports again as a new draft", async () => {
      const agent = await browser(app(), editor, `/en/workspace/assessments/${rid}`);
      const json = await agent.get(`/en/workspace/assessments/${rid}/export.json`);
      assert.match(String(json.headers["content-disposition"]), /attachment; filename="lu-child-benefit-dpia-screening-/);
      const document = JSON.parse(json.body) as { answers: unknown; instrument: unknown; state: string };
      assert.equal(document.state, "approved");
      const pdf = await app().inject({ url: `/en/workspace/assessments/${rid}/export.pdf`, headers: { cookie: editor.cookie } });
      assert.equal(pdf.headers["content-type"], "application/pdf");
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), "%PDF-");
      const carried = JSON.parse(embeddedDocument(pdf.rawPayload)!) as typeof document;
      assert.deepEqual(carried.answers, document.answers);
      assert.deepEqual(carried.instrument, document.instrument);
      const { actor } = await get().services.users.resolveSession(editor.sessionToken);
      const copy = await get().services.assessments.importAssessment(actor!, carried);
      assert.equal(await stateOf(get(), copy), "draft");
      const imported = await get().services.assessments.getAssessment(actor!, copy);
      assert.deepEqual(imported.response.answers, document.answers);
    });

    test("a FRIA shows what the register record says for the same facts, and starts its answer from it", async () => {
      const { services } = get();
      await seed(services, [], [buildImport({ id: "lu-scaled", organisation: LU, state: "published", record: buildRecord({ scale: { fr: { text: "Environ 80 000 dossiers par an.", status: "authored" } } }) })]);
      const fria = loadInstruments().find((i) => i.id === "fria")!;
      const page = fria.pages.find((p) => p.items.some((item) => item.id === "use_scale"))!;
      const agent = await browser(app(), editor, `/fr/workspace/systems/lu-scaled/assessments`);
      const started = await agent.post(`/fr/workspace/systems/lu-scaled/assessments`, { instrument: "fria" });
      const html = decode((await agent.get(`/fr/workspace/assessments/${idOf(started.headers.location)}/pages/${page.id}`)).body);
      assert.match(html, new RegExp(translator("fr")("assessments.in_register")));
      assert.match(html, /<textarea id="q-use_scale"[^>]*>Environ 80 000 dossiers par an\.<\/textarea>/);
    });

    test("an approved AI Act classification is written into the record: a new draft of the published record, reviewed as usual", async () => {
      const { services } = get();
      const { assessments, systems } = services;
      await seed(services, [], [buildImport({ id: "lu-classified", organisation: LU, state: "published", record: buildRecord({ riskClass: { class: "minimal" } }) })]);
      const answers: Record<string, unknown> = {
        organisation_type: "public_body", roles: ["deployer"], inference_technique: "machine_learning", autonomy: "yes", outputs: "yes",
        scope_exclusions: ["none"], prohibited_practices: ["none"], annex_i_product: "no", annex_iii_areas: ["essential_services"],
        annex_iii_5: ["a"], profiling: "yes", transparency_cases: ["none"],
      };
      const id = await assessments.startAssessment(operator, "lu-classified", "ai-act-classification");
      const { instrument } = await assessments.getAssessment(operator, id);
      for (const page of instrument.pages) {
        const onPage = Object.fromEntries(Object.entries(answers).filter(([item]) => page.items.some((i) => i.id === item)));
        await assessments.saveAnswers(operator, id, page.id, { answers: onPage as never, comments: {} });
      }
      await assessments.submitAssessment(operator, id);
      const validator = await browser(app(), reviewer, `/en/workspace/assessments/${id}`);
      assert.equal((await validator.post(`/en/workspace/assessments/${id}/approve`, { comment: "" })).statusCode, 303);
      const { actor } = await services.users.resolveSession(editor.sessionToken);
      const record = await systems.getWorkspaceSystem(actor!, "lu-classified");
      assert.equal(record.lifecycle, "draft", "the published version stays; a draft carries the class");
      assert.deepEqual(record.record.riskClass, { class: "high", annexIIIPoint: "5(a)", annexIProduct: false, art6_3Exemption: false, art50Transparency: false, prohibitedChecked: true });
      assert.equal((await app().inject({ url: "/api/v1/systems/lu-classified" })).json().record.riskClass.class, "minimal", "the public still sees the published class");
    });

    test("a new instrument version: the approved response keeps its outcome; a reassessment carries the answers over", async () => {
      const { services } = get();
      const current = loadInstruments().find((i) => i.id === "dpia-screening")!;
      // Version 2: two criteria are no longer enough (a made-up rule change, to see that old outcomes stay as they were).
      const { hash: _, format: __, ...source } = structuredClone(current) as unknown as Record<string, unknown>;
      const rules = (source.rules as Array<{ id: string; when?: unknown }>).map((rule) =>
        rule.id === "two_or_more_criteria" ? { ...rule, when: { ">=": [{ var: "criteria_count" }, 3] } } : rule,
      );
      const next = compileDocument({ ...source, version: "2.0.0", rules, migrations: [{ from: "1.0.0", items: {}, options: {} }] });
      assert.deepEqual(await services.assessments.importInstruments(operator, [next]), ["dpia-screening@2.0.0"]);

      const api = (await app().inject({ url: `/api/v1/systems/${SYSTEM}/assessments` })).json() as { items: Array<{ outcome: { code: string }; instrument: { version: string } }> };
      assert.deepEqual(api.items.map((a) => [a.outcome.code, a.instrument.version]), [["dpia_required", "1.0.0"]]);
      const { actor } = await services.users.resolveSession(editor.sessionToken);
      assert.equal((await services.assessments.getAssessment(actor!, rid)).score.outcome.code, "dpia_required");

      const agent = await browser(app(), editor, `/en/workspace/assessments/${rid}`);
      const reassessed = await agent.post(`/en/workspace/assessments/${rid}/reassess`);
      assert.equal(reassessed.statusCode, 303);
      const fresh = await services.assessments.getAssessment(actor!, idOf(reassessed.headers.location));
      assert.equal(fresh.instrument.version, "2.0.0");
      assert.equal(fresh.response.previousId, rid);
      assert.deepEqual(fresh.response.answers, (await services.assessments.getAssessment(actor!, rid)).response.answers);
      assert.equal(fresh.score.outcome.code, "dpia_not_required", "under version 2, two criteria are not enough");

      // The same id@version with other content is refused, naming it.
      await assert.rejects(services.assessments.importInstruments(operator, [{ ...next, hash: "0".repeat(64) }]), /instrument_version_changed/);
    });
  },
);
