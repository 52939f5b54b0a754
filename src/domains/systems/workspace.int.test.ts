// The workspace through HTTP, on PGlite and on PostgreSQL: a Luxembourg ministry writes, reviews and publishes a
// record in forms without JavaScript and through the API; a Belgian agency can neither see nor touch its drafts;
// and hundreds of malformed bodies at every write endpoint never cause a server error or a partial write.
import assert from "node:assert/strict";
import { test } from "node:test";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import type { LightMyRequestResponse } from "fastify";
import { Agent } from "../../../test/agent.ts";
import { buildImport, buildOrganisation, buildRecord, operator, seed, signedInAs, type SignedInUser } from "../../../test/factories.ts";
import { describeEachBackend, type TestContext } from "../../../test/helpers.ts";
import en from "../../i18n/locales/en.json" with { type: "json" };
import { translator } from "../../i18n/index.ts";
import { sectionNames, SystemRecord, type SystemRecordInput } from "./schema.ts";
import { sectionFields } from "./sections.ts";

const t = translator("en");
const LU = "lu-ministry-family";
const BE = "be-agency-social";
/** A record of the LU ministry that was published by an import, before anyone signed in. */
const PUBLISHED = "lu-child-benefit";

const organisations = [
  buildOrganisation({ id: LU, officialId: "LU-ADM-4242", name: { fr: { text: "Ministère de la Famille", status: "authored" } } }),
  buildOrganisation({ id: BE, country: "BE", officialId: "0765.432.146", kind: "agency", name: { nl: { text: "Agentschap Sociale Zaken", status: "authored" } } }),
];

const errorIds = new Set(Object.entries(en.errors).flatMap(([id, value]) => (typeof value === "object" ? [id] : [])));
const decode = (html: string) =>
  html.replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
const title = (html: string) => decode(/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "");
const errorSummary = (html: string) => decode(/<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? "");
const idOf = (location: unknown) => /\/workspace\/systems\/([a-z0-9-]+)/.exec(String(location))?.[1] ?? "";

interface People {
  editor: SignedInUser;
  reviewer: SignedInUser;
  viewer: SignedInUser;
  /** Editor and reviewer of the Belgian agency, and nothing in Luxembourg. */
  belgian: SignedInUser;
  /** The LU editor again, with a token that may only read. */
  readOnly: SignedInUser;
}

/** A browser signed in as `who`, having loaded a page so that it holds a CSRF token. */
async function browser(app: TestContext["app"], who: SignedInUser, first = "/en/workspace"): Promise<Agent> {
  const agent = new Agent(app);
  agent.cookies.set("gaichel_session", who.sessionToken);
  const page = await agent.get(first);
  assert.equal(page.statusCode, 200, page.body.slice(0, 500));
  return agent;
}

function api(app: TestContext["app"], token: string | undefined, method: "GET" | "POST" | "PUT", url: string, payload?: unknown) {
  return app.inject({
    method,
    url,
    headers: { "accept-language": "en", ...(token ? { authorization: `Bearer ${token}` } : {}), ...(payload === undefined ? {} : { "content-type": "application/json" }) },
    payload: payload === undefined ? undefined : JSON.stringify(payload),
  });
}

/** Everything a write could change, to compare before and after a refused one. */
async function snapshot(ctx: TestContext): Promise<string> {
  const result = (await ctx.database.db.execute(sql`
    select
      (select count(*) from events)::int as events,
      (select coalesce(json_agg(json_build_object('id', id, 'lifecycle', lifecycle, 'v', latest_version, 'org', organisation_id) order by id), '[]') from systems) as systems,
      (select coalesce(json_agg(json_build_object('id', system_id, 'record', record) order by system_id), '[]') from system_drafts) as drafts,
      (select count(*) from system_versions)::int as versions,
      (select count(*) from system_reviews)::int as reviews,
      (select coalesce(json_agg(json_build_object('id', system_id, 'v', version) order by system_id), '[]') from public_systems) as public
  `)) as unknown as { rows: unknown[] };
  return JSON.stringify(result.rows[0]);
}

async function draftOf(ctx: TestContext, id: string) {
  const result = (await ctx.database.db.execute(sql`select record from system_drafts where system_id = ${id}`)) as unknown as {
    rows: Array<{ record: SystemRecordInput }>;
  };
  return result.rows[0]?.record;
}

async function lifecycleOf(ctx: TestContext, id: string) {
  const result = (await ctx.database.db.execute(sql`select lifecycle, latest_version from systems where id = ${id}`)) as unknown as {
    rows: Array<{ lifecycle: string; latest_version: number | null }>;
  };
  return result.rows[0];
}

/** A problem+json answer with a known stable id. */
function assertProblem(response: LightMyRequestResponse, status: number, id?: string) {
  assert.equal(response.statusCode, status, response.body.slice(0, 400));
  assert.match(String(response.headers["content-type"]), /^application\/problem\+json/);
  const problem = response.json() as { id: string; title: string };
  assert.ok(errorIds.has(problem.id), `unknown error id ${problem.id}`);
  if (id) assert.equal(problem.id, id);
  assert.ok(!problem.title.startsWith("errors."), "translated title");
}

/** The form fields of the new-record page, in French, as someone would fill them in. */
function newRecordForm(overrides: Record<string, string> = {}) {
  return {
    organisation: LU,
    "record.name.fr.text": "Orientation des demandes d'allocation",
    "record.name.fr.status": "authored",
    "record.summary.fr.text": "Propose un ordre de traitement des demandes.",
    "record.summary.fr.status": "authored",
    "record.purpose.fr.text": "Réduire les délais pour les familles.",
    "record.purpose.fr.status": "authored",
    "record.automation": "advisory",
    "record.redress.fr.text": "Réclamation auprès de la Caisse, puis recours.",
    "record.redress.fr.status": "authored",
    "record.classification.theme": "social_security",
    "record.classification.region": "LU",
    "record.status.phase": "pilot",
    "record.riskClass.class": "minimal",
    "record.contact.email": "ia@famille.example.lu",
    ...overrides,
  };
}

/** The form of a section as the edit page shows it now: every control's name and value, hidden fields included. */
function formFields(html: string): Record<string, string | string[]> {
  const form = /<form method="post" action="[^"]*\/edit\/[^"]*"[\s\S]*?<\/form>/.exec(html)?.[0] ?? "";
  const fields: Record<string, string | string[]> = {};
  const add = (name: string, value: string) => {
    const existing = fields[name];
    fields[name] = existing === undefined ? value : [existing, value].flat();
  };
  for (const m of form.matchAll(/<input([^>]*)>/g)) {
    const attrs = m[1]!;
    const name = /name="([^"]*)"/.exec(attrs)?.[1];
    if (!name || name === "_csrf") continue;
    if (/type="checkbox"/.test(attrs) && !/checked/.test(attrs)) continue;
    add(decode(name), decode(/value="([^"]*)"/.exec(attrs)?.[1] ?? ""));
  }
  for (const m of form.matchAll(/<textarea[^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/textarea>/g)) add(decode(m[1]!), decode(m[2]!));
  for (const m of form.matchAll(/<select[^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = /<option value="([^"]*)" selected/.exec(m[2]!)?.[1] ?? /<option value="([^"]*)"/.exec(m[2]!)?.[1] ?? "";
    add(decode(m[1]!), decode(selected));
  }
  return fields;
}

describeEachBackend(
  "workspace",
  (get) => {
    let people: People;
    const app = () => get().app;

    test("people of both organisations sign in", async () => {
      const { services } = get();
      people = {
        editor: await signedInAs(services, { [LU]: ["editor"] }),
        reviewer: await signedInAs(services, { [LU]: ["reviewer"] }),
        viewer: await signedInAs(services, { [LU]: ["viewer"] }),
        belgian: await signedInAs(services, { [BE]: ["editor", "reviewer"] }),
        readOnly: await signedInAs(services, { [LU]: ["editor"] }, { scopes: ["systems:read"] }),
      };
    });

    test("the dashboard: records by state, review dates flagged; an empty state; sign-in asked of strangers", async () => {
      const editor = await browser(app(), people.editor);
      const page = await editor.get("/en/workspace");
      assert.match(page.body, new RegExp(`href="/en/workspace/systems/${PUBLISHED}"`));
      assert.match(page.body, new RegExp(`<h2 id="state-published">${t("workspace.states_plural.published")}`));
      assert.match(decode(page.body), new RegExp(t("workspace.dashboard.overdue", { count: 1 })), "the imported record's review date (2020) has passed");
      assert.match(decode(page.body), new RegExp(`\\(${t("workspace.overdue").slice(1, -1)}\\)`));
      assert.match(page.body, /href="\/en\/workspace\/systems\/new"/, "an editor may start a record");

      const belgian = await browser(app(), people.belgian);
      const empty = await belgian.get("/en/workspace");
      assert.match(decode(empty.body), new RegExp(t("workspace.dashboard.empty_title")));
      assert.doesNotMatch(empty.body, new RegExp(PUBLISHED), "no record of another organisation");

      const viewer = await browser(app(), people.viewer);
      assert.doesNotMatch((await viewer.get("/en/workspace")).body, /workspace\/systems\/new/, "a viewer may not start a record");
      assert.equal((await viewer.get("/en/workspace/systems/new")).statusCode, 403);

      const anonymous = await app().inject({ url: "/fr/workspace/systems/new" });
      assert.equal(anonymous.statusCode, 303);
      assert.equal(anonymous.headers.location, `/fr/sign-in?next=${encodeURIComponent("/fr/workspace/systems/new")}`);
    });

    test("scenario: an LU editor creates, edits and submits; the reviewer returns it; fixed, resubmitted, approved; revised into version 2", async () => {
      const ctx = get();
      const editor = await browser(app(), people.editor, "/en/workspace/systems/new?language=fr");

      // Create: a first attempt without a contact and a theme comes back with the errors and every value typed.
      const missing = await editor.post("/en/workspace/systems/new?language=fr", newRecordForm({ "record.contact.email": "", "record.classification.theme": "" }));
      assert.equal(missing.statusCode, 400);
      assert.match(title(missing.body), /^Error: /);
      assert.match(errorSummary(missing.body), /href="#record-contact-email"/);
      assert.match(errorSummary(missing.body), /href="#record-classification-theme"/);
      assert.match(decode(missing.body), /Orientation des demandes d'allocation/);
      const created = await editor.post("/en/workspace/systems/new?language=fr", newRecordForm());
      assert.equal(created.statusCode, 303, errorSummary(created.body));
      const id = idOf(created.headers.location);
      assert.match(id, /^lu-[0-9a-z]{8}$/);
      assert.equal(created.headers.location, `/en/workspace/systems/${id}?done=created`);
      assert.equal((await lifecycleOf(ctx, id))?.lifecycle, "draft");
      assert.equal((await app().inject({ url: `/en/systems/${id}` })).statusCode, 404, "a draft is not public");

      // Edit the purpose in German: the French texts travel with the form and are kept.
      const german = await editor.get(`/en/workspace/systems/${id}/edit/purpose?language=de`);
      assert.equal(german.statusCode, 200);
      const form = formFields(german.body);
      assert.equal(form["purpose.fr.text"], "Réduire les délais pour les familles.", "other languages travel as hidden fields");
      const savedGerman = await editor.post(`/en/workspace/systems/${id}/edit/purpose?language=de`, {
        ...form,
        "purpose.de.text": "Kürzere Fristen für Familien.",
        "purpose.de.status": "machine",
        "humanReview.de.text": "Eine Sachbearbeiterin prüft jeden Vorschlag.",
      });
      assert.equal(savedGerman.statusCode, 303, errorSummary(savedGerman.body));
      assert.equal(savedGerman.headers.location, `/en/workspace/systems/${id}?done=saved`);
      let draft = (await draftOf(ctx, id))!;
      assert.deepEqual(draft.purpose, {
        fr: { text: "Réduire les délais pour les familles.", status: "authored" },
        de: { text: "Kürzere Fristen für Familien.", status: "machine" },
      });
      assert.equal(draft.humanReview?.de?.text, "Eine Sachbearbeiterin prüft jeden Vorschlag.");
      assert.equal(draft.name.fr?.text, "Orientation des demandes d'allocation", "other sections are untouched");

      // A legal basis, with "add another" and no JavaScript; an empty one is an error that keeps what was typed.
      const accountability = await editor.get(`/en/workspace/systems/${id}/edit/accountability?language=fr`);
      const added = await editor.post(`/en/workspace/systems/${id}/edit/accountability?language=fr`, {
        ...formFields(accountability.body),
        "accountability.registeredBy": "Cellule IA",
        _action: "add:legalBases",
      });
      assert.equal(added.statusCode, 200);
      assert.match(added.body, /id="legalBases-0-title-fr"/);
      assert.match(added.body, /value="Cellule IA"/, "the typed value is kept");
      assert.equal((await draftOf(ctx, id))!.accountability?.registeredBy, undefined, "adding a fieldset saves nothing");
      const empty = await editor.post(`/en/workspace/systems/${id}/edit/accountability?language=fr`, formFields(added.body));
      assert.equal(empty.statusCode, 400);
      assert.match(errorSummary(empty.body), /href="#legalBases-0-title-fr"/);
      assert.match(empty.body, /id="legalBases-0-title-fr"[^>]*aria-describedby="[^"]*legalBases-0-title-fr-error"/);
      assert.match(empty.body, /value="Cellule IA"/);
      const withBasis = await editor.post(`/en/workspace/systems/${id}/edit/accountability?language=fr`, {
        ...formFields(empty.body),
        "legalBases.0.title.fr.text": "Loi du 21 décembre 2007 concernant les prestations familiales",
        "legalBases.0.url": "https://legilux.public.lu/eli/etat/leg/loi/2007/12/21/n1/jo",
      });
      assert.equal(withBasis.statusCode, 303, errorSummary(withBasis.body));
      draft = (await draftOf(ctx, id))!;
      assert.equal(draft.legalBases?.length, 1);
      assert.equal(draft.accountability?.registeredBy, "Cellule IA");

      // Submit. The draft is then frozen for its editor, and the actions on its page change.
      assert.doesNotMatch((await editor.get(`/en/workspace/systems/${id}`)).body, /\/approve"/, "an editor is not offered approval");
      assert.equal((await editor.post(`/en/workspace/systems/${id}/submit`)).statusCode, 303);
      assert.equal((await lifecycleOf(ctx, id))?.lifecycle, "in_review");
      assert.equal((await editor.get(`/en/workspace/systems/${id}/edit/basics`)).statusCode, 409);
      assert.equal((await editor.post(`/en/workspace/systems/${id}/edit/basics`, { "name.fr.text": "x" })).statusCode, 409);

      // The reviewer must say why when returning it.
      const reviewer = await browser(app(), people.reviewer, `/en/workspace/systems/${id}`);
      const reviewPage = await reviewer.get(`/en/workspace/systems/${id}`);
      assert.match(reviewPage.body, new RegExp(`action="/en/workspace/systems/${id}/approve"`));
      assert.match(reviewPage.body, new RegExp(`action="/en/workspace/systems/${id}/return"`));
      assert.doesNotMatch(reviewPage.body, /\/submit"|\/edit\//, "a reviewer is offered neither submit nor edit");
      const noComment = await reviewer.post(`/en/workspace/systems/${id}/return`, { comment: "  " });
      assert.equal(noComment.statusCode, 400);
      assert.match(title(noComment.body), /^Error: /);
      assert.match(errorSummary(noComment.body), new RegExp(`href="#return-comment">${t("validation.comment_required")}`));
      assert.equal((await lifecycleOf(ctx, id))?.lifecycle, "in_review");
      const comment = "Le résumé doit dire qui est concerné.";
      assert.equal((await reviewer.post(`/en/workspace/systems/${id}/return`, { comment })).statusCode, 303);
      assert.equal((await lifecycleOf(ctx, id))?.lifecycle, "draft");

      // The editor reads the comment, fixes the summary and submits again; the reviewer approves: version 1 is public.
      const returned = await editor.get(`/en/workspace/systems/${id}`);
      assert.match(decode(returned.body), new RegExp(comment));
      assert.match(decode(returned.body), new RegExp(t("workspace.decisions.returned")));
      const basics = await editor.get(`/en/workspace/systems/${id}/edit/basics?language=fr`);
      const fixed = await editor.post(`/en/workspace/systems/${id}/edit/basics?language=fr`, {
        ...formFields(basics.body),
        "summary.fr.text": "Propose aux agents un ordre de traitement des demandes des familles.",
      });
      assert.equal(fixed.statusCode, 303, errorSummary(fixed.body));
      assert.equal((await editor.post(`/en/workspace/systems/${id}/submit`)).statusCode, 303);
      await reviewer.get(`/en/workspace/systems/${id}`);
      const approved = await reviewer.post(`/en/workspace/systems/${id}/approve`, { comment: "" });
      assert.equal(approved.statusCode, 303);
      assert.equal((await lifecycleOf(ctx, id))?.latest_version, 1);
      const publicPage = await app().inject({ url: `/fr/systems/${id}` });
      assert.equal(publicPage.statusCode, 200);
      assert.match(decode(publicPage.body), /Propose aux agents un ordre de traitement/);
      assert.equal((await app().inject({ url: `/api/v1/systems/${id}` })).json().version, 1);
      assert.equal(await draftOf(ctx, id), undefined, "the draft became the version");

      // Published fields are sealed: no form, no API write, until a new version is started.
      assert.equal((await editor.get(`/en/workspace/systems/${id}/edit/basics`)).statusCode, 409);
      assertProblem(await api(app(), people.editor.token, "PUT", `/api/v1/systems/${id}/draft`, buildRecord()), 409, "system_sealed");
      await editor.get(`/en/workspace/systems/${id}`);
      assert.equal((await editor.post(`/en/workspace/systems/${id}/revise`)).statusCode, 303);
      const revised = await editor.get(`/en/workspace/systems/${id}/edit/basics?language=fr`);
      assert.equal(revised.statusCode, 200);
      const renamed = await editor.post(`/en/workspace/systems/${id}/edit/basics?language=fr`, {
        ...formFields(revised.body),
        "name.fr.text": "Priorisation des demandes d'allocation",
      });
      assert.equal(renamed.statusCode, 303, errorSummary(renamed.body));
      assert.match(decode((await app().inject({ url: `/fr/systems/${id}` })).body), /Orientation des demandes d'allocation/, "the public still sees version 1");
      assert.equal((await editor.post(`/en/workspace/systems/${id}/submit`)).statusCode, 303);
      await reviewer.get(`/en/workspace/systems/${id}`);
      assert.equal((await reviewer.post(`/en/workspace/systems/${id}/approve`, { comment: "Merci." })).statusCode, 303);
      const latest = (await app().inject({ url: `/api/v1/systems/${id}` })).json();
      assert.equal(latest.version, 2);
      assert.equal(latest.record.name.fr.text, "Priorisation des demandes d'allocation");
      const first = (await app().inject({ url: `/api/v1/systems/${id}/versions/1` })).json();
      assert.equal(first.record.name.fr.text, "Orientation des demandes d'allocation", "version 1 is unchanged");
      const diff = (await app().inject({ url: `/api/v1/systems/${id}/diff?from=1&to=2` })).json() as { changes: Array<{ path: string[] }> };
      assert.deepEqual(diff.changes.map((c) => c.path.join(".")), ["name"]);
    });

    test("four eyes: whoever wrote to or submitted a draft cannot approve it, through the form or the API; reviews name their reviewer", async () => {
      const { services } = get();
      const admin = await signedInAs(services, { [LU]: ["org_admin"] });
      const platformAdmin = await signedInAs(services, {}, { platformAdmin: true });
      const created = await api(app(), admin.token, "POST", "/api/v1/systems", { organisation: LU, record: buildRecord() });
      assert.equal(created.statusCode, 201, created.body);
      const id = (created.json() as { id: string }).id;
      // The platform admin only submits: submitting makes them an author too.
      assert.equal((await api(app(), platformAdmin.token, "POST", `/api/v1/systems/${id}/submit`)).statusCode, 200);
      for (const author of [admin, platformAdmin]) {
        assertProblem(await api(app(), author.token, "POST", `/api/v1/systems/${id}/approve`, {}), 403, "review_by_author");
        const page = await (await browser(app(), author)).get(`/en/workspace/systems/${id}`);
        assert.doesNotMatch(page.body, /\/approve"/, "no approval form for an author");
        assert.match(decode(page.body), new RegExp(t("workspace.system.four_eyes").replace(/[()]/g, "\\$&")));
        assert.match(page.body, /\/return"/, "an author who reviews may still return the draft");
      }
      const adminBrowser = await browser(app(), admin, `/en/workspace/systems/${id}`);
      const refused = await adminBrowser.post(`/en/workspace/systems/${id}/approve`, { comment: "" });
      assert.equal(refused.statusCode, 403);
      assert.match(decode(refused.body), new RegExp(t("errors.review_by_author.title")));
      assert.equal((await lifecycleOf(get(), id))?.lifecycle, "in_review", "nothing changed");

      const reviewer = await browser(app(), people.reviewer, `/en/workspace/systems/${id}`);
      assert.equal((await reviewer.post(`/en/workspace/systems/${id}/approve`, { comment: "Relu, merci." })).statusCode, 303);
      assert.equal((await lifecycleOf(get(), id))?.lifecycle, "published");
      const reviewed = decode((await adminBrowser.get(`/en/workspace/systems/${id}`)).body);
      const reviewerName = people.reviewer.email.split("@")[0]!;
      assert.match(reviewed, new RegExp(`${t("workspace.decisions.approved")}</strong> · ${t("workspace.system.reviewed_by", { name: reviewerName })}`));
      // The next version starts with no authors: the editor who revises it becomes one.
      assert.equal((await api(app(), admin.token, "POST", `/api/v1/systems/${id}/revise`)).statusCode, 200);
      assert.equal((await api(app(), people.reviewer.token, "POST", `/api/v1/systems/${id}/submit`)).statusCode, 403, "a reviewer does not submit");
      assert.equal((await api(app(), admin.token, "POST", `/api/v1/systems/${id}/submit`)).statusCode, 200);
      assert.equal((await api(app(), people.reviewer.token, "POST", `/api/v1/systems/${id}/approve`)).statusCode, 200);
    });

    test("the API: create, replace the draft, submit, return with a comment, approve, revise and retire with a token", async () => {
      const ctx = get();
      const { token } = people.editor;
      const created = await api(app(), token, "POST", "/api/v1/systems", { organisation: LU, record: buildRecord() });
      assert.equal(created.statusCode, 201, created.body);
      const body = created.json() as { id: string; lifecycle: string; record: unknown; links: { draft: string } };
      assert.equal(body.lifecycle, "draft");
      assert.equal(created.headers.location, body.links.draft);
      const { id } = body;
      const draft = await api(app(), people.viewer.token, "GET", `/api/v1/systems/${id}/draft`);
      assert.equal(draft.statusCode, 200, "members read drafts");
      assert.deepEqual(draft.json().record, buildRecord());

      const renamed = buildRecord({ name: { en: { text: "Renamed through the API" } } });
      const put = await api(app(), token, "PUT", `/api/v1/systems/${id}/draft`, renamed);
      assert.equal(put.statusCode, 200, put.body);
      assert.deepEqual(put.json().record, renamed);
      const invalid = await api(app(), token, "PUT", `/api/v1/systems/${id}/draft`, { ...renamed, contact: {} });
      assertProblem(invalid, 400, "invalid_input");
      assert.deepEqual((invalid.json() as { errors: Array<{ path: string; message: string }> }).errors, [
        { path: "body.contact", message: "validation.contact_required", detail: t("validation.contact_required") },
      ]);
      // Half a surrogate pair travels in JSON ("\ud800") but not into PostgreSQL's jsonb: a field error, not a failure.
      const broken = await api(app(), token, "PUT", `/api/v1/systems/${id}/draft`, buildRecord({ name: { fr: { text: "a\ud800b" } } }));
      assertProblem(broken, 400, "invalid_input");
      assert.deepEqual((broken.json() as { errors: Array<{ path: string }> }).errors.map((e) => e.path), ["body.name.fr.text"]);
      assert.deepEqual(await draftOf(ctx, id), renamed, "an invalid draft changes nothing");

      assert.equal((await api(app(), token, "POST", `/api/v1/systems/${id}/submit`)).json().lifecycle, "in_review");
      assertProblem(await api(app(), token, "POST", `/api/v1/systems/${id}/approve`, {}), 403, "forbidden");
      assertProblem(await api(app(), people.reviewer.token, "POST", `/api/v1/systems/${id}/return`, {}), 400, "invalid_input");
      assertProblem(await api(app(), people.reviewer.token, "POST", `/api/v1/systems/${id}/return`, { comment: " " }), 400, "invalid_input");
      const returned = await api(app(), people.reviewer.token, "POST", `/api/v1/systems/${id}/return`, { comment: "Add a legal basis." });
      assert.equal(returned.json().lifecycle, "draft");
      assert.deepEqual(
        (await api(app(), token, "GET", `/api/v1/systems/${id}/draft`)).json().reviews.map((r: { decision: string; comment: string }) => [r.decision, r.comment]),
        [["returned", "Add a legal basis."]],
      );
      await api(app(), token, "POST", `/api/v1/systems/${id}/submit`);
      const approved = await api(app(), people.reviewer.token, "POST", `/api/v1/systems/${id}/approve`);
      assert.equal(approved.statusCode, 200, approved.body);
      assert.deepEqual(approved.json(), {
        id,
        organisation: LU,
        lifecycle: "published",
        latestVersion: 1,
        links: { draft: `/api/v1/systems/${id}/draft`, workspace: `/en/workspace/systems/${id}`, public: `/api/v1/systems/${id}` },
      });
      assertProblem(await api(app(), token, "GET", `/api/v1/systems/${id}/draft`), 404, "draft_not_found");
      assertProblem(await api(app(), token, "POST", `/api/v1/systems/${id}/submit`), 409, "transition_not_allowed");
      assert.equal((await api(app(), token, "POST", `/api/v1/systems/${id}/revise`, {})).json().lifecycle, "draft");
      assert.deepEqual((await api(app(), token, "GET", `/api/v1/systems/${id}/draft`)).json().record, renamed, "the new draft starts from the latest version");
      assertProblem(await api(app(), token, "POST", `/api/v1/systems/${id}/retire`), 403, "forbidden");
      assert.equal((await api(app(), people.reviewer.token, "POST", `/api/v1/systems/${id}/retire`)).json().lifecycle, "retired");
      assert.ok((await app().inject({ url: `/api/v1/systems/${id}` })).json().retiredAt, "the public record says it is retired");
      assertProblem(await api(app(), token, "PUT", `/api/v1/systems/${id}/draft`, renamed), 409, "system_retired");
    });

    test("a Belgian agency editor can neither see nor change the Luxembourg ministry's drafts: forms, API, crafted requests", async () => {
      const ctx = get();
      const draftId = (await api(app(), people.editor.token, "POST", "/api/v1/systems", { organisation: LU, record: buildRecord() })).json().id as string;
      await api(app(), people.editor.token, "POST", `/api/v1/systems/${draftId}/submit`);
      const before = await snapshot(ctx);
      const belgian = await browser(app(), people.belgian);
      for (const id of [draftId, PUBLISHED]) {
        for (const url of [`/en/workspace/systems/${id}`, `/en/workspace/systems/${id}/edit/basics`]) {
          const page = await belgian.get(url);
          assert.equal(page.statusCode, 404, url);
          assert.match(page.body, /<code>record_not_found<\/code>/);
          assert.doesNotMatch(page.body, /Family allowance/, "nothing of the record shows");
        }
        for (const step of ["submit", "approve", "return", "revise", "retire", "edit/basics"]) {
          const response = await belgian.post(`/en/workspace/systems/${id}/${step}`, { comment: "taken over", "name.en.text": "Hijacked" });
          assert.equal(response.statusCode, 404, `POST ${step} on ${id}`);
        }
        assertProblem(await api(app(), people.belgian.token, "GET", `/api/v1/systems/${id}/draft`), 404, "record_not_found");
        assertProblem(await api(app(), people.belgian.token, "PUT", `/api/v1/systems/${id}/draft`, buildRecord()), 404, "record_not_found");
        for (const step of ["submit", "approve", "revise", "retire"]) {
          assertProblem(await api(app(), people.belgian.token, "POST", `/api/v1/systems/${id}/${step}`, {}), 404, "record_not_found");
        }
        assertProblem(await api(app(), people.belgian.token, "POST", `/api/v1/systems/${id}/return`, { comment: "x" }), 404, "record_not_found");
      }
      // The same answer for a record that does not exist: a draft's existence does not leak.
      assertProblem(await api(app(), people.belgian.token, "GET", "/api/v1/systems/lu-nothing-here/draft"), 404, "record_not_found");
      // Creating in the ministry's name: refused by the API, and not among the form's choices.
      assertProblem(await api(app(), people.belgian.token, "POST", "/api/v1/systems", { organisation: LU, record: buildRecord() }), 403, "forbidden");
      await belgian.get("/en/workspace/systems/new");
      const crafted = await belgian.post("/en/workspace/systems/new", newRecordForm({ organisation: LU }));
      assert.equal(crafted.statusCode, 400);
      assert.match(errorSummary(crafted.body), /href="#organisation"/);
      assert.doesNotMatch((await belgian.get("/en/workspace")).body, new RegExp(draftId));
      assert.equal(await snapshot(ctx), before, "the database is unchanged");
    });

    test("members without the role get 403; a token without systems:write and a session on the API are refused", async () => {
      const ctx = get();
      const id = (await api(app(), people.editor.token, "POST", "/api/v1/systems", { organisation: LU, record: buildRecord() })).json().id as string;
      const before = await snapshot(ctx);
      const viewer = await browser(app(), people.viewer, `/en/workspace/systems/${id}`);
      const page = await viewer.get(`/en/workspace/systems/${id}`);
      assert.match(decode(page.body), new RegExp(t("workspace.system.no_actions")), "a viewer is offered no action");
      assert.equal((await viewer.post(`/en/workspace/systems/${id}/submit`)).statusCode, 403);
      assert.equal((await viewer.post(`/en/workspace/systems/${id}/edit/basics`, {})).statusCode, 403);
      assertProblem(await api(app(), people.viewer.token, "PUT", `/api/v1/systems/${id}/draft`, buildRecord()), 403, "forbidden");
      assertProblem(await api(app(), people.reviewer.token, "POST", `/api/v1/systems/${id}/submit`), 403, "forbidden");

      // The editor's read-only token reads the draft but writes nothing.
      assert.equal((await api(app(), people.readOnly.token, "GET", `/api/v1/systems/${id}/draft`)).statusCode, 200);
      for (const [method, url, body] of [
        ["PUT", `/api/v1/systems/${id}/draft`, buildRecord()],
        ["POST", `/api/v1/systems/${id}/submit`, undefined],
        ["POST", "/api/v1/systems", { organisation: LU, record: buildRecord() }],
        ["POST", "/api/v1/systems", { nonsense: true }],
      ] as const) {
        assertProblem(await api(app(), people.readOnly.token, method, url, body), 403, "token_scope_missing");
      }
      // A browser session cannot write through the API, which takes no CSRF token.
      const session = await app().inject({ method: "POST", url: `/api/v1/systems/${id}/submit`, headers: { cookie: people.editor.cookie } });
      assertProblem(session, 401, "api_token_required");
      assertProblem(await api(app(), undefined, "PUT", `/api/v1/systems/${id}/draft`, buildRecord()), 401, "api_token_required");
      assertProblem(await api(app(), "gai_not-a-token", "POST", `/api/v1/systems/${id}/submit`), 401);
      // A form post without its CSRF token is refused too.
      assert.equal((await viewer.post(`/en/workspace/systems/${id}/submit`, { _csrf: undefined })).statusCode, 403);
      assert.equal(await snapshot(ctx), before);
    });

    test("form errors: the summary links each field, the title says Error, fields point to their messages, values are kept", async () => {
      const ctx = get();
      const editor = await browser(app(), people.editor);
      const id = (await api(app(), people.editor.token, "POST", "/api/v1/systems", { organisation: LU, record: buildRecord() })).json().id as string;
      const saved = await draftOf(ctx, id);
      const page = await editor.get(`/en/workspace/systems/${id}/edit/basics?language=en`);
      const typed = {
        ...formFields(page.body),
        "name.en.text": "",
        "name.fr.text": "",
        "summary.en.text": "A summary typed <with> “quotes” & ampersands",
        "contact.email": "not an address",
        "riskClass.class": "high",
        "riskClass.annexIIIPoint": "",
        "status.startDate": "2026-13-45",
        "classification.tags": "alpha, beta",
      };
      const response = await editor.post(`/en/workspace/systems/${id}/edit/basics?language=en`, typed);
      assert.equal(response.statusCode, 400);
      assert.match(title(response.body), /^Error: Basics – /);
      const summary = errorSummary(response.body);
      const links = [...summary.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
      assert.deepEqual(links, ["name-en", "status-startDate", "riskClass-annexIIIPoint", "contact-email"]);
      for (const id of links) {
        assert.match(response.body, new RegExp(`id="${id}"[^>]*aria-describedby="[^"]*${id}-error`), `${id} points to its message`);
        assert.match(response.body, new RegExp(`id="${id}-error"`));
      }
      assert.match(summary, new RegExp(`Name \\(English\\): ${t("validation.one_language_required")}`));
      const body = decode(response.body);
      for (const value of ["A summary typed <with> “quotes” & ampersands", "not an address", "2026-13-45", "alpha, beta"]) {
        assert.ok(body.includes(value), `keeps ${value}`);
      }
      assert.match(response.body, /<option value="high" selected/);
      assert.deepEqual(await draftOf(ctx, id), saved, "nothing saved is lost or changed");
    });

    test("the OpenAPI document describes the writes, with their bearer security", async () => {
      const doc = (await app().inject({ url: "/api/openapi.json" })).json() as {
        components: { securitySchemes: Record<string, { type: string; scheme: string }> };
        paths: Record<string, Record<string, { security?: unknown[]; requestBody?: unknown; responses: Record<string, unknown> }>>;
      };
      assert.equal(doc.components.securitySchemes.bearer?.type, "http");
      assert.equal(doc.components.securitySchemes.bearer?.scheme, "bearer");
      const writes = [
        ["post", "/api/v1/systems"],
        ["get", "/api/v1/systems/{id}/draft"],
        ["put", "/api/v1/systems/{id}/draft"],
        ...["submit", "approve", "return", "revise", "retire"].map((s) => ["post", `/api/v1/systems/{id}/${s}`]),
      ] as const;
      for (const [method, path] of writes) {
        const operation = doc.paths[path]?.[method];
        assert.ok(operation, `${method} ${path}`);
        assert.deepEqual(operation.security, [{ bearer: [] }]);
        for (const status of ["401", "403", "404"]) assert.ok(operation.responses[status], `${method} ${path} documents ${status}`);
      }
      assert.ok(doc.paths["/api/v1/systems/{id}/draft"]!.put!.requestBody, "the record contract documents the body");
    });
  },
  async (ctx) => {
    await seed(ctx.services, organisations, [
      buildImport({ id: PUBLISHED, organisation: LU, record: buildRecord({ nextReviewDue: "2020-01-31" }) }),
    ]);
  },
);

// ---- Malformed bodies ----------------------------------------------------------------------------------------

/** A valid record as JSON, and the paths in it that a mutation may replace. */
const validRecord = JSON.parse(JSON.stringify(buildRecord())) as Record<string, unknown>;
const recordPaths = [
  [],
  ["name"],
  ["name", "fr"],
  ["name", "fr", "text"],
  ["name", "fr", "status"],
  ["summary"],
  ["contact"],
  ["contact", "email"],
  ["classification", "theme"],
  ["classification", "tags"],
  ["status", "startDate"],
  ["riskClass"],
  ["riskClass", "annexIIIPoint"],
  ["legalBases"],
  ["models"],
  ["assessments"],
  ["nextReviewDue"],
  ["extra"],
];
function setPath(target: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = (target && typeof target === "object" ? structuredClone(target) : {}) as Record<string, unknown>;
  copy[path[0]!] = setPath(copy[path[0]!], path.slice(1), value);
  return copy;
}

const nasty = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("", " ", "\0", "a\0b", "\ud800", "a\udc00b", "x".repeat(25_000), "<script>", "high", "5(a)", "2026-02-30", "fr", "machine", "add:legalBases", "remove:legalBases.0", "remove:models.9999"),
);
const jsonLike = fc.oneof(fc.jsonValue(), nasty, fc.constant(undefined));
const mutatedRecord = fc.tuple(fc.constantFrom(...recordPaths), jsonLike).map(([path, value]) => setPath(validRecord, path, value));
const apiBody = fc.oneof(
  { weight: 3, arbitrary: mutatedRecord },
  { weight: 2, arbitrary: fc.jsonValue() },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(LU, BE, "", "nope"), mutatedRecord).map(([organisation, record]) => ({ organisation, record })) },
  { weight: 1, arbitrary: jsonLike.map((comment) => ({ comment })) },
);
const contentType = fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "application/xml", "");

/** Every control name the section forms can show (first items of lists), plus a few nobody shows. */
const controlNames = [
  ...sectionNames.flatMap((section) => {
    const names: string[] = [];
    const walk = (fields: (typeof sectionFields)[keyof typeof sectionFields], prefix: string) => {
      for (const field of fields) {
        const name = prefix ? `${prefix}.${field.key}` : field.key;
        if (field.kind === "localized") for (const lang of ["fr", "en", "xx"]) names.push(`${name}.${lang}.text`, `${name}.${lang}.status`);
        else if (field.kind === "group") walk(field.fields, name);
        else if (field.kind === "list") for (const index of [0, 1, 99999]) walk(field.fields, `${name}.${index}`);
        else names.push(name);
      }
    };
    walk(sectionFields[section], "");
    return names;
  }),
  "organisation",
  "comment",
  "_action",
  "record.name.fr.text",
  "record.contact.email",
  "__proto__",
  "constructor.prototype",
];
const formBody = fc.dictionary(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...controlNames) }, fc.string({ maxLength: 12 })), fc.oneof(nasty, fc.array(nasty, { maxLength: 3 })), {
  maxKeys: 12,
});

describeEachBackend(
  "workspace writes under malformed bodies",
  (get) => {
    let editor: SignedInUser;
    let agent: Agent;
    /** The record whose draft a write may have changed, checked to still pass the contract. */
    let watched = "";

    /** Never a server error; a refusal or a form shown again changes nothing; a write leaves a valid draft. */
    async function check(send: () => Promise<LightMyRequestResponse>, what: string) {
      const before = await snapshot(get());
      const response = await send();
      assert.ok(response.statusCode < 500, `${what} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
      const isApi = what.includes(" /api/");
      const wrote = response.statusCode === 201 || response.statusCode === 303 || (response.statusCode === 200 && isApi);
      if (!wrote) assert.equal(await snapshot(get()), before, `${what} answered ${response.statusCode} but changed the database`);
      else {
        const draft = await draftOf(get(), watched);
        if (draft) assert.ok(SystemRecord.safeParse(draft).success, `${what} saved an invalid draft`);
      }
      if (isApi && response.statusCode >= 400) {
        assert.match(String(response.headers["content-type"]), /^application\/problem\+json/, what);
        assert.ok(errorIds.has((response.json() as { id: string }).id), what);
      }
    }

    /** A fresh record in the state where `step` is allowed, so that every run reaches the step's own checks. */
    async function recordFor(step: string): Promise<string> {
      const { systems } = get().services;
      const { id } = await systems.createSystem(operator, { organisation: LU, record: buildRecord() });
      if (step === "draft" || step === "submit") return id;
      await systems.submitForReview(operator, id);
      if (step === "approve" || step === "return") return id;
      await systems.approve(operator, id);
      return id;
    }

    const steps = ["submit", "approve", "return", "revise", "retire"] as const;
    const json = fc.oneof({ weight: 6, arbitrary: fc.constantFrom("application/json", "application/json; charset=utf-8") }, contentType);
    const send = (method: "POST" | "PUT", url: string, type: string, body: unknown) =>
      get().app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${editor.token}`, ...(type ? { "content-type": type } : {}) },
        payload: body === undefined ? undefined : JSON.stringify(body),
      });

    test("setup", async () => {
      editor = await signedInAs(get().services, { [LU]: ["editor", "reviewer"] });
      agent = await browser(get().app, editor);
    });

    test("API edits: any body with any content type at POST /api/v1/systems and PUT …/draft", async () => {
      watched = await recordFor("draft");
      const endpoints = [
        ["POST", "/api/v1/systems"],
        ["PUT", `/api/v1/systems/${watched}/draft`],
      ] as const;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...endpoints), apiBody, json, async ([method, url], body, type) => {
          await check(() => send(method, url, type, body), `${method} ${url} ${type}: ${JSON.stringify(body)?.slice(0, 120)}`);
        }),
        { numRuns: 300 },
      );
    });

    test("API steps: any body at submit, approve, return, revise and retire, each on a record in the state it needs", async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...steps), apiBody, json, async (step, body, type) => {
          watched = await recordFor(step);
          const url = `/api/v1/systems/${watched}/${step}`;
          await check(() => send("POST", url, type, body), `POST ${url} ${type}: ${JSON.stringify(body)?.slice(0, 120)}`);
        }),
        { numRuns: 200 },
      );
    });

    test("forms: any fields at the new-record and section forms, with a valid CSRF token", async () => {
      watched = await recordFor("draft");
      const urls = ["/en/workspace/systems/new", ...sectionNames.map((section) => `/fr/workspace/systems/${watched}/edit/${section}?language=de`)];
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...urls), formBody, async (url, body) => {
          await check(() => agent.post(url, { ...body, _csrf: agent.csrf }), `POST ${url} ${JSON.stringify(body).slice(0, 160)}`);
        }),
        { numRuns: 300 },
      );
    });

    test("forms: any fields at the review forms, each on a record in the state it needs", async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...steps), formBody, async (step, body) => {
          watched = await recordFor(step);
          const url = `/en/workspace/systems/${watched}/${step}`;
          await check(() => agent.post(url, { ...body, _csrf: agent.csrf }), `POST ${url} ${JSON.stringify(body).slice(0, 160)}`);
        }),
        { numRuns: 200 },
      );
    });
  },
  async (ctx) => {
    await seed(ctx.services, organisations, []);
  },
);
