// The practice library through HTTP, on PGlite and on PostgreSQL: a Luxembourg editor shares practices in forms
// without JavaScript and through the API; sharing levels decide who reads them; search stems each language's words
// and says which languages each result is in; lessons of the pilots merge into the library by rank.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Agent } from "../../../test/agent.ts";
import { buildOrganisation, signedInAs, type SignedInUser } from "../../../test/factories.ts";
import { describeEachBackend, type TestContext } from "../../../test/helpers.ts";
import type { Actor } from "../../http/actor.ts";
import { createExchangeRepo } from "./repo.ts";
import type { LessonHit } from "./schema.ts";
import { createExchangeService } from "./service.ts";

const LU = "lu-ministry-digital";
const LU_OTHER = "lu-city-test";
const BE = "be-agency-test";

const organisations = [
  buildOrganisation({ id: LU, officialId: "LU-ADM-1001", name: { fr: { text: "Ministère de la Digitalisation", status: "authored" }, en: { text: "Ministry for Digitalisation", status: "authored" } } }),
  buildOrganisation({ id: LU_OTHER, officialId: "LU-ADM-1002", kind: "municipality", name: { fr: { text: "Ville de Test", status: "authored" } } }),
  buildOrganisation({ id: BE, country: "BE", officialId: "0765.432.146", kind: "agency", name: { nl: { text: "Agentschap Test", status: "authored" } } }),
];

const decode = (html: string) =>
  html.replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
const errorSummary = (html: string) => decode(/<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? "");
const text = (lang: string, value: string) => ({ [lang]: { text: value, status: "authored" as const } });

interface People {
  editor: SignedInUser;
  belgian: SignedInUser;
  otherLu: SignedInUser;
  readOnly: SignedInUser;
}
let people: People;

async function browser(app: TestContext["app"], who: SignedInUser, first: string): Promise<Agent> {
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

/** A practice of the LU ministry shared at `sharing`, created through the service as its editor would. */
async function share(ctx: TestContext, sharing: "participants" | "partners" | "public", title: string, extra: Record<string, unknown> = {}) {
  const actor = (await ctx.services.users.resolveSession(people.editor.sessionToken)).actor!;
  return ctx.services.exchange.createPractice(actor, {
    organisationId: LU,
    kind: "practice",
    title: text("en", title),
    summary: text("en", `${title}, in short.`),
    body: text("en", `${title}, in detail.`),
    sharing,
    ...extra,
  });
}

describeEachBackend(
  "practice library",
  (get) => {
    test("an editor shares a practice in the form: errors are listed and linked, what was typed is kept", async () => {
      const agent = await browser(get().app, people.editor, "/en/workspace/practices/new");
      const refused = await agent.post("/en/workspace/practices/new?language=en", {
        organisationId: LU,
        kind: "guide",
        "title.en": "",
        "summary.en": "Kept summary",
        "body.en": "Kept body text",
        tags: "procurement, audits",
        link: "http://insecure.example.lu/guide",
        sharing: "public",
      });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /<title>Error: /);
      const summary = errorSummary(refused.body);
      assert.match(summary, /href="#title-en">Enter the text in at least one language/);
      assert.match(summary, /href="#link">Enter a web address starting with https:\/\//);
      assert.match(refused.body, /Kept summary/);
      assert.match(refused.body, /Kept body text/);
      assert.match(refused.body, /value="procurement, audits"/);
      assert.match(refused.body, /id="kind-guide" name="kind" value="guide" checked/);

      const saved = await agent.post("/en/workspace/practices/new?language=en", {
        organisationId: LU,
        kind: "guide",
        "title.en": "Writing an algorithm notice",
        "summary.en": "How to tell citizens an algorithm is used.",
        "body.en": "Start with the decision, then the data.",
        tags: "Transparency, notices",
        link: "https://guides.example.lu/notice",
        sharing: "public",
      });
      assert.equal(saved.statusCode, 303, saved.body.slice(0, 500));
      assert.equal(saved.headers.location, "/en/workspace/practices?done=created");
      const list = await agent.follow(saved);
      assert.match(list.body, /The practice is shared/);
      assert.match(list.body, /Writing an algorithm notice/);
    });

    test("editing in another language keeps the texts of the others", async () => {
      const created = await share(get(), "public", "Open data checklist");
      const agent = await browser(get().app, people.editor, `/en/workspace/practices/${created.id}/edit?language=fr`);
      const form = await agent.get(`/en/workspace/practices/${created.id}/edit?language=fr`);
      assert.match(form.body, /Not written in French yet\. It exists in English\./);
      assert.match(form.body, /name="title.en" value="Open data checklist"/);
      const saved = await agent.post(`/en/workspace/practices/${created.id}/edit?language=fr`, {
        kind: "practice",
        "title.fr": "Liste de contrôle des données ouvertes",
        "summary.fr": "",
        "body.fr": "",
        "title.en": "Open data checklist",
        "title.en.status": "authored",
        "summary.en": "Open data checklist, in short.",
        "summary.en.status": "authored",
        "body.en": "Open data checklist, in detail.",
        "body.en.status": "machine",
        tags: "",
        link: "",
        sharing: "public",
      });
      assert.equal(saved.statusCode, 303, saved.body.slice(0, 800));
      const body = (await api(get().app, undefined, "GET", `/api/v1/practices/${created.id}`)).json();
      assert.deepEqual(body.title, { fr: { text: "Liste de contrôle des données ouvertes", status: "authored" }, en: { text: "Open data checklist", status: "authored" } });
      assert.deepEqual(body.body, { en: { text: "Open data checklist, in detail.", status: "machine" } });
      assert.deepEqual(body.languages, ["en"]);
    });

    test("only the owning organisation's editors may edit; a foreign organisation cannot be chosen", async () => {
      const created = await share(get(), "public", "Editable only by LU");
      const other = await browser(get().app, people.otherLu, "/en/workspace/practices");
      const edit = await other.get(`/en/workspace/practices/${created.id}/edit`);
      assert.equal(edit.statusCode, 403);
      await other.get("/en/workspace/practices/new");
      const foreign = await other.post("/en/workspace/practices/new", {
        organisationId: LU,
        kind: "practice",
        "title.en": "Sneaky",
        "summary.en": "Sneaky",
        "body.en": "Sneaky",
        sharing: "public",
      });
      assert.equal(foreign.statusCode, 400);
      assert.match(errorSummary(foreign.body), /href="#organisationId">Choose one of the listed values/);
      const reader = await browser(get().app, people.belgian, "/en/workspace/practices");
      assert.equal((await reader.get("/en/workspace/practices/new")).statusCode, 403);
    });

    test("sharing: anonymous readers see public items, a Belgian official partners' items too, participants' items stay with their organisation", async () => {
      const privateOne = await share(get(), "participants", "Internal staffing memo");
      const partnersOne = await share(get(), "partners", "Cross-border staffing plan");
      const publicOne = await share(get(), "public", "Public staffing report");
      const seen = async (cookie: string | undefined) => {
        const response = await get().app.inject({ url: "/en/practices?q=staffing", headers: cookie ? { cookie } : {} });
        assert.equal(response.statusCode, 200);
        return ["Internal staffing memo", "Cross-border staffing plan", "Public staffing report"].filter((title) => response.body.includes(title));
      };
      assert.deepEqual(await seen(undefined), ["Public staffing report"]);
      assert.deepEqual(await seen(people.belgian.cookie), ["Cross-border staffing plan", "Public staffing report"]);
      assert.deepEqual(await seen(people.editor.cookie), ["Internal staffing memo", "Cross-border staffing plan", "Public staffing report"]);
      assert.deepEqual(await seen(people.otherLu.cookie), ["Cross-border staffing plan", "Public staffing report"]);

      assert.equal((await get().app.inject({ url: `/en/practices/${partnersOne.id}` })).statusCode, 404);
      assert.equal((await get().app.inject({ url: `/en/practices/${publicOne.id}` })).statusCode, 200);
      assert.equal((await get().app.inject({ url: `/en/practices/${partnersOne.id}`, headers: { cookie: people.belgian.cookie } })).statusCode, 200);
      assert.equal((await get().app.inject({ url: `/en/practices/${privateOne.id}`, headers: { cookie: people.belgian.cookie } })).statusCode, 404);
      assert.equal((await get().app.inject({ url: `/en/practices/${privateOne.id}`, headers: { cookie: people.editor.cookie } })).statusCode, 200);
      // The API answers the same for a token.
      const anonymous = (await api(get().app, undefined, "GET", "/api/v1/practices?q=staffing")).json();
      assert.deepEqual(anonymous.items.map((i: { id: string }) => i.id), [publicOne.id]);
      const belgian = (await api(get().app, people.belgian.token, "GET", "/api/v1/practices?q=staffing")).json();
      assert.equal(belgian.total, 2);
      assert.equal((await api(get().app, people.belgian.token, "GET", `/api/v1/practices/${privateOne.id}`)).statusCode, 404);
    });

    test("search stems each language's words and shows which languages each result is in", async () => {
      const cases = [
        { lang: "fr", text: "Une recommandation sur la transparence des algorithmes", q: "recommandations", shown: "français" },
        { lang: "nl", text: "Een aanbeveling over de uitlegbaarheid van beslissingen", q: "aanbevelingen", shown: "Nederlands" },
        { lang: "de", text: "Eine Empfehlung zur Barrierefreiheit digitaler Formulare", q: "Empfehlungen", shown: "Deutsch" },
        { lang: "en", text: "A recommendation on pseudonymising case files", q: "recommendations", shown: "English" },
      ];
      for (const c of cases) {
        await share(get(), "public", "ignored", { title: text(c.lang, c.text), summary: text(c.lang, c.text), body: text(c.lang, c.text) });
      }
      for (const c of cases) {
        const page = await get().app.inject({ url: `/${c.lang}/practices?q=${encodeURIComponent(c.q)}` });
        assert.equal(page.statusCode, 200);
        const results = [...page.body.matchAll(/<li class="result">([\s\S]*?)<\/li>/g)].map((m) => decode(m[1]!));
        assert.equal(results.length, 1, `${c.lang}: ${c.q} finds one practice`);
        assert.ok(results[0]!.includes(c.text), `${c.lang}: the practice that says it`);
        assert.match(results[0]!, new RegExp(`<dd class="available-languages">${c.shown}</dd>`));
      }
      // A text in one language shows its language, and the page says so, on a page of another language.
      const english = await get().app.inject({ url: "/en/practices?q=Empfehlungen" });
      assert.match(english.body, /<dd class="available-languages">German<\/dd>/);
      assert.match(english.body, /Shown in German/i);
    });

    test("the library filters by kind, sector and country, paginates, and has an empty state", async () => {
      await share(get(), "public", "Health triage rota", { kind: "template", sector: "health" });
      const filtered = await get().app.inject({ url: "/en/practices?kind=template&sector=health&country=LU" });
      assert.match(filtered.body, /Health triage rota/);
      assert.match(filtered.body, /1 result</);
      const belgian = await get().app.inject({ url: "/en/practices?country=BE" });
      assert.match(belgian.body, /0 results/);
      assert.match(belgian.body, /Nothing in the library matches this search/);
      const second = await get().app.inject({ url: "/en/practices?page=2" });
      assert.equal(second.statusCode, 200);
    });

    test("API: create and update with a write token; read-only tokens and sessions are refused; OpenAPI documents the paths", async () => {
      const app = get().app;
      const input = {
        organisationId: LU,
        kind: "template",
        title: text("de", "Vorlage für Folgenabschätzungen"),
        summary: text("de", "Eine Vorlage."),
        body: text("de", "Abschnitte und Fragen."),
        sector: "justice",
        tags: ["dpia"],
        link: "https://templates.example.lu/dpia",
        sharing: "partners",
      };
      const created = await api(app, people.editor.token, "POST", "/api/v1/practices", input);
      assert.equal(created.statusCode, 201, created.body);
      const practice = created.json();
      assert.equal(created.headers.location, `/api/v1/practices/${practice.id}`);
      assert.deepEqual(practice.languages, ["de"]);
      assert.equal(practice.organisation.country, "LU");

      const readOnly = await api(app, people.readOnly.token, "POST", "/api/v1/practices", input);
      assert.equal(readOnly.statusCode, 403);
      assert.equal(readOnly.json().id, "token_scope_missing");
      const session = await app.inject({ method: "POST", url: "/api/v1/practices", headers: { cookie: people.editor.cookie, "content-type": "application/json" }, payload: JSON.stringify(input) });
      assert.equal(session.statusCode, 401);
      const foreign = await api(app, people.belgian.token, "POST", "/api/v1/practices", input);
      assert.equal(foreign.statusCode, 403);
      const invalid = await api(app, people.editor.token, "POST", "/api/v1/practices", { ...input, link: "http://plain.example.lu" });
      assert.equal(invalid.statusCode, 400);
      assert.equal(invalid.headers["content-type"], "application/problem+json; charset=utf-8");

      const { organisationId: _, ...changes } = input;
      const updated = await api(app, people.editor.token, "PUT", `/api/v1/practices/${practice.id}`, { ...changes, sharing: "public", tags: ["dpia", "fria"] });
      assert.equal(updated.statusCode, 200, updated.body);
      assert.deepEqual(updated.json().tags, ["dpia", "fria"]);
      assert.equal((await api(app, undefined, "GET", `/api/v1/practices/${practice.id}`)).json().sharing, "public");
      const notMine = await api(app, people.otherLu.token, "PUT", `/api/v1/practices/${practice.id}`, changes);
      assert.equal(notMine.statusCode, 403);
      assert.equal((await api(app, people.editor.token, "PUT", `/api/v1/practices/${crypto.randomUUID()}`, changes)).json().id, "practice_not_found");

      const openapi = (await app.inject({ url: "/api/openapi.json" })).json();
      assert.ok(openapi.paths["/api/v1/practices"]?.get && openapi.paths["/api/v1/practices"]?.post);
      assert.ok(openapi.paths["/api/v1/practices/{id}"]?.get && openapi.paths["/api/v1/practices/{id}"]?.put);
    });

    test("comparable practices of the other country: same sector first, then shared tags", async () => {
      const ctx = get();
      await share(ctx, "public", "Transport tags only", { sector: "education", tags: ["ticketing", "fraud"] });
      await share(ctx, "public", "Transport sector match", { sector: "transport", tags: [] });
      await share(ctx, "participants", "Transport private", { sector: "transport", tags: ["ticketing"] });
      const belgian = (await ctx.services.users.resolveSession(people.belgian.sessionToken)).actor!;
      const found = await ctx.services.exchange.listComparablePractices(belgian, { country: "LU", sector: "transport", tags: ["ticketing", "fraud"] }, 2);
      assert.deepEqual(
        found.map((p) => p.title.en?.text),
        ["Transport sector match", "Transport tags only"],
      );
      assert.deepEqual(await ctx.services.exchange.listComparablePractices(belgian, { country: "BE", tags: [] }, 5), []);
    });

    test("the library merges the pilots' lessons by rank, and filters them by country", async () => {
      const ctx = get();
      await share(ctx, "public", "Chatbot escalation rules", { tags: ["chatbot"] });
      const lesson = (rank: number, country: "LU" | "BE"): LessonHit => ({
        id: crypto.randomUUID(),
        pilotId: crypto.randomUUID(),
        title: text("en", `Chatbot lesson ranked ${rank}`),
        excerpt: text("en", "What worked."),
        organisationId: BE,
        country,
        tags: [],
        languages: ["en"],
        rank,
      });
      const hits = [lesson(0.99, "BE"), lesson(0.0001, "BE"), lesson(0.5, "LU")];
      const asked: Array<{ q: string; lang: string }> = [];
      const service = createExchangeService(
        ctx.database.db,
        createExchangeRepo(ctx.database.db),
        {
          async searchLessons(_actor: Actor, lang, q) {
            asked.push({ q, lang });
            return hits;
          },
        },
        ctx.services.organisations,
      );
      const page = await service.searchLibrary({ kind: "anonymous" }, { q: "chatbot", page: 1 }, "en");
      assert.deepEqual(asked, [{ q: "chatbot", lang: "en" }]);
      const order = page.items.map((i) => (i.type === "lesson" ? i.lesson.title.en!.text : i.practice.title.en!.text));
      assert.equal(order[0], "Chatbot lesson ranked 0.99");
      assert.equal(order.at(-1), "Chatbot lesson ranked 0.0001");
      assert.ok(order.includes("Chatbot escalation rules"));
      assert.equal(page.total, 4);
      const belgianOnly = await service.searchLibrary({ kind: "anonymous" }, { q: "chatbot", country: "BE", page: 1 }, "en");
      assert.deepEqual(
        belgianOnly.items.map((i) => i.type),
        ["lesson", "lesson"],
      );
      const practicesOnly = await service.searchLibrary({ kind: "anonymous" }, { q: "chatbot", kind: "practice", page: 1 }, "en");
      assert.deepEqual(
        practicesOnly.items.map((i) => i.type),
        ["practice"],
      );
    });
  },
  async (ctx) => {
    await ctx.services.organisations.saveOrganisations("operator:test", organisations);
    people = {
      editor: await signedInAs(ctx.services, { [LU]: ["editor"] }),
      belgian: await signedInAs(ctx.services, { [BE]: ["viewer"] }),
      otherLu: await signedInAs(ctx.services, { [LU_OTHER]: ["editor"] }),
      readOnly: await signedInAs(ctx.services, { [LU]: ["editor"] }, { scopes: ["systems:read"] }),
    };
  },
);
