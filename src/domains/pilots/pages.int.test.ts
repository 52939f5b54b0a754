// The pilots' public pages and JSON API through HTTP, on PGlite and on PostgreSQL: anonymous readers see public pilots
// only, a participants-only pilot stays with its participants, lessons follow their sharing, the KPI chart and table
// show a measurement the reader's way, the other country's pilots and practices are offered, and API writes need a
// token with the write scope.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Actor } from "../../http/actor.ts";
import { formatNumber, languages } from "../../i18n/index.ts";
import { buildImport, buildOrganisation, buildPilotInput, seed, signedInAs, type SignedInUser } from "../../../test/factories.ts";
import { describeEachBackend, type TestContext } from "../../../test/helpers.ts";

const LU = "lu-ministry-health";
const BE = "be-agency-health";
const BE2 = "be-agency-mobility";
const pilotInput = (overrides: Record<string, unknown> = {}) => buildPilotInput(BE, overrides);
const text = (en: string, fr?: string) => ({ en: { text: en, status: "authored" as const }, ...(fr ? { fr: { text: fr, status: "authored" as const } } : {}) });

type Roles = Record<string, Array<"viewer" | "editor" | "reviewer" | "dpo" | "org_admin">>;

async function person(ctx: TestContext, roles: Roles, scopes?: Array<"systems:read" | "systems:write">): Promise<SignedInUser & { actor: Actor }> {
  const who = await signedInAs(ctx.services, roles, { scopes });
  return { ...who, actor: (await ctx.services.users.resolveSession(who.sessionToken)).actor! };
}

const lesson = (title: string, sharing: string) => ({
  title: text(title),
  context: text("Two emergency rooms"),
  whatWorked: text("Showing the reasons"),
  whatDidNot: text("A bare score"),
  recommendation: text("Explain every suggestion"),
  tags: ["explanations"],
  sharing,
});

describeEachBackend(
  "pilot pages and API",
  (get) => {
    let luEditor: SignedInUser & { actor: Actor };
    let luReviewer: SignedInUser & { actor: Actor };
    let beEditor: SignedInUser & { actor: Actor };
    let outsider: SignedInUser & { actor: Actor };

    const page = (url: string, who?: SignedInUser) => get().app.inject({ method: "GET", url, headers: who ? { cookie: who.cookie } : {} });

    /** A pilot of the Luxembourg lead with the Belgian partner, approved so that measurements and lessons can come. */
    async function approvedPilot(overrides: Record<string, unknown>) {
      const { pilots } = get().services;
      const pilot = await pilots.createPilot(luEditor.actor, LU, pilotInput(overrides));
      await pilots.changeState(luReviewer.actor, pilot.id, { to: "approved" });
      return pilot;
    }

    test("set up the people", async () => {
      luEditor = await person(get(), { [LU]: ["editor"] });
      luReviewer = await person(get(), { [LU]: ["reviewer"] });
      beEditor = await person(get(), { [BE]: ["editor"] });
      outsider = await person(get(), { [BE2]: ["editor"] });
    });

    test("the list shows anonymous readers the public pilots only, and filters work without JavaScript", async () => {
      const { pilots } = get().services;
      await pilots.createPilot(luEditor.actor, LU, pilotInput({ title: text("Listed public pilot") }));
      await pilots.createPilot(luEditor.actor, LU, pilotInput({ title: text("Listed private pilot"), sharing: "participants" }));

      const anonymous = await page("/en/pilots");
      assert.equal(anonymous.statusCode, 200);
      assert.match(anonymous.body, /Listed public pilot/);
      assert.doesNotMatch(anonymous.body, /Listed private pilot/);
      assert.match(anonymous.body, /declaration of intent/);
      assert.match(anonymous.body, /Luxembourg, Belgium/, "the participating countries");

      const partner = await page("/en/pilots", beEditor);
      assert.match(partner.body, /Listed private pilot/);
      assert.match(partner.body, /Participating organisations only/, "the sharing level said in words");

      const none = await page("/en/pilots?sector=transport&state=&country=");
      assert.equal(none.statusCode, 200);
      assert.match(none.body, /No pilot matches these filters/);
      assert.match(none.body, /<option value="transport" selected/);
    });

    test("a participants-only pilot is not found by anonymous readers nor by a non-participating official; the partner sees it", async () => {
      const pilot = await get().services.pilots.createPilot(luEditor.actor, LU, pilotInput({ title: text("Private triage pilot"), sharing: "participants" }));
      const url = `/en/pilots/${pilot.id}`;
      const anonymous = await page(url);
      assert.equal(anonymous.statusCode, 404);
      assert.match(anonymous.body, /Pilot not found/);
      assert.doesNotMatch(anonymous.body, /Private triage pilot/);
      assert.equal((await page(url, outsider)).statusCode, 404);
      const partner = await page(url, beEditor);
      assert.equal(partner.statusCode, 200);
      assert.match(partner.body, /Private triage pilot/);
      assert.match(partner.body, /Participating organisations only/);
    });

    test("the public page of a public pilot shows its public lesson and hides the participants-only one", async () => {
      const { pilots } = get().services;
      const pilot = await approvedPilot({ title: text("Lessons pilot") });
      const shown = await pilots.saveLesson(beEditor.actor, pilot.id, null, lesson("Nurses need the reasons", "public"));
      await pilots.saveLesson(beEditor.actor, pilot.id, null, lesson("Kept among participants", "participants"));

      const anonymous = await page(`/en/pilots/${pilot.id}`);
      assert.equal(anonymous.statusCode, 200);
      assert.match(anonymous.body, new RegExp(`<article id="lesson-${shown.id}"`));
      assert.match(anonymous.body, /Nurses need the reasons/);
      assert.doesNotMatch(anonymous.body, /Kept among participants/);
      assert.doesNotMatch(anonymous.body, /\/workspace\/pilots\//, "no workspace link for a reader without rights");
      assert.match(anonymous.body, /Scope<\/dt>/, "the controlled frame");
      assert.match(anonymous.body, /CNPD/);

      const partner = await page(`/en/pilots/${pilot.id}`, beEditor);
      assert.match(partner.body, /Kept among participants/);
      assert.match(partner.body, new RegExp(`/en/workspace/pilots/${pilot.id}/lessons/new`));
      assert.match(partner.body, new RegExp(`/en/workspace/pilots/${pilot.id}/lessons/${shown.id}/edit`), "the partner edits its own lesson");
      assert.doesNotMatch(partner.body, new RegExp(`/en/workspace/pilots/${pilot.id}/edit"`), "only the lead edits the pilot");
      const lead = await page(`/en/pilots/${pilot.id}`, luEditor);
      assert.match(lead.body, new RegExp(`/en/workspace/pilots/${pilot.id}/edit"`));
      assert.doesNotMatch(lead.body, new RegExp(`/lessons/${shown.id}/edit`), "a lesson stays with the organisation that wrote it");
    });

    test("the KPI chart and its table show a recorded measurement, written the reader's way", async () => {
      const { pilots } = get().services;
      const pilot = await approvedPilot({ title: text("KPI pilot") });
      const indicator = await pilots.saveIndicator(luEditor.actor, pilot.id, null, {
        name: text("Patients triaged", "Patients triés"),
        unit: "patients",
        direction: "increase",
        targets: { LU: { baseline: 1000, target: 1500 }, BE: { baseline: 1000, target: 2000 } },
      });
      await pilots.recordMeasurement(beEditor.actor, pilot.id, { indicatorId: indicator.id, measuredOn: "2026-03-01", value: 1234.5 });

      for (const [lang, date] of [
        ["en", "1 March 2026"],
        ["fr", "1 mars 2026"],
      ] as const) {
        const response = await page(`/${lang}/pilots/${pilot.id}`);
        assert.equal(response.statusCode, 200);
        const value = formatNumber(lang, 1234.5);
        assert.ok(response.body.includes(`<td>${value} patients</td>`), `${lang}: the table shows ${value}`);
        assert.ok(response.body.includes(date), `${lang}: the date of the measurement`);
        assert.match(response.body, new RegExp(`<svg[^>]*role="img"[^>]*aria-labelledby="kpi-${indicator.id}-title"`));
        assert.match(response.body, /kpi-mark-BE/);
      }
      assert.notEqual(formatNumber("fr", 1234.5), formatNumber("en", 1234.5));
      const en = await page(`/en/pilots/${pilot.id}`);
      assert.match(en.body, /Belgium: latest value 1,234.5 patients on 1 March 2026, against a target of 2,000 patients/);
      assert.match(en.body, /Target not reached yet/);
      assert.match(en.body, /Luxembourg: no measurement yet/);
      const partner = await page(`/en/pilots/${pilot.id}`, beEditor);
      assert.ok(partner.body.includes(`/en/workspace/pilots/${pilot.id}/measurements/new?indicator=${indicator.id}`));
    });

    test("a scaled-up pilot shows why, its outcomes and its milestones, an overdue one flagged in words", async () => {
      const { pilots } = get().services;
      const pilot = await approvedPilot({ title: text("Evaluated pilot"), systems: ["lu-triage"] });
      await pilots.saveMilestone(luEditor.actor, pilot.id, null, { title: text("Kick-off"), dueOn: "2026-01-15", doneOn: "2026-01-14" });
      await pilots.saveMilestone(luEditor.actor, pilot.id, null, { title: text("Interim report"), dueOn: "2020-06-30" });
      await pilots.changeState(luEditor.actor, pilot.id, { to: "running" });
      await pilots.changeState(luEditor.actor, pilot.id, { to: "evaluated", evaluation: text("Waiting times fell by a fifth") });
      await pilots.changeState(luEditor.actor, pilot.id, { to: "scaled_up", reason: text("Both hospitals keep it") });

      const response = await page(`/en/pilots/${pilot.id}`);
      assert.equal(response.statusCode, 200);
      assert.match(response.body, /Why the pilot was scaled up<\/h2>/);
      assert.match(response.body, /Both hospitals keep it/);
      assert.match(response.body, /Final evaluation<\/h2>/);
      assert.match(response.body, /Waiting times fell by a fifth/);
      assert.match(response.body, /The systems tested have no published bias audit or approved assessment yet/);
      assert.match(response.body, /href="\/en\/systems\/lu-triage"/, "the system under test links to its public page");
      assert.match(response.body, /Done on 14 January 2026/);
      assert.match(response.body, /<strong class="overdue">Overdue/);
    });

    test("a Belgian pilot's page shows the comparable Luxembourg pilot with its latest measurement; the Luxembourg page a Belgian practice", async () => {
      const { pilots, exchange } = get().services;
      const lu = await approvedPilot({ title: text("Luxembourg sepsis alert"), tags: ["sepsis"] });
      const indicator = await pilots.saveIndicator(luEditor.actor, lu.id, null, {
        name: text("Alerts confirmed"),
        unit: "%",
        direction: "increase",
        targets: { LU: { baseline: 40, target: 80 } },
      });
      await pilots.recordMeasurement(luEditor.actor, lu.id, { indicatorId: indicator.id, measuredOn: "2026-02-01", value: 52 });
      await pilots.recordMeasurement(luEditor.actor, lu.id, { indicatorId: indicator.id, measuredOn: "2026-04-01", value: 67 });
      const be = await pilots.createPilot(beEditor.actor, BE, pilotInput({ title: text("Belgian sepsis alert"), tags: ["sepsis"], participants: [] }));
      const practice = await exchange.createPractice(beEditor.actor, {
        organisationId: BE,
        kind: "practice",
        title: text("Sepsis screening checklist"),
        summary: text("A checklist"),
        body: text("Ask these questions"),
        sector: "health",
        tags: ["sepsis"],
        sharing: "public",
      });

      const belgian = await page(`/en/pilots/${be.id}`);
      assert.equal(belgian.statusCode, 200);
      assert.match(belgian.body, /What Luxembourg did/);
      assert.ok(belgian.body.includes(`href="/en/pilots/${lu.id}"`));
      assert.match(belgian.body, /Alerts confirmed<\/span>: 67 % in Luxembourg on 1 April 2026 \(target 80 %\)/);

      const luxembourg = await page(`/en/pilots/${lu.id}`);
      assert.match(luxembourg.body, /What Belgium did/);
      assert.ok(luxembourg.body.includes(`href="/en/practices/${practice.id}"`));
      assert.match(luxembourg.body, /Sepsis screening checklist/);
    });

    test("the pages render in the four languages", async () => {
      const pilot = await approvedPilot({ title: text("Four languages pilot") });
      for (const lang of languages) {
        for (const url of [`/${lang}/pilots`, `/${lang}/pilots/${pilot.id}`]) {
          const response = await page(url);
          assert.equal(response.statusCode, 200, url);
          assert.match(response.body, new RegExp(`<html lang="${lang}"`), url);
        }
      }
      const fr = await page(`/fr/pilots/${pilot.id}`);
      assert.match(fr.body, /<h1><span lang="en">Four languages pilot<\/span> <span class="translation-note">[^<]*anglais<\/span><\/h1>/, "a title missing in French shows in English, with a note");
    });

    test("the API lists and reads what the caller may see, and writes only with a token that has the write scope", async () => {
      const { app } = get();
      const call = (method: "GET" | "POST" | "PUT", url: string, headers: Record<string, string> = {}, payload?: unknown) => app.inject({ method, url, headers, payload: payload as object });
      const bearer = (who: SignedInUser) => ({ authorization: `Bearer ${who.token}` });

      const readOnly = await person(get(), { [LU]: ["editor"] }, ["systems:read"]);
      const body = { ...pilotInput({ title: text("API pilot") }), leadOrganisationId: LU };
      assert.equal((await call("POST", "/api/v1/pilots", {}, body)).statusCode, 401);
      const session = await call("POST", "/api/v1/pilots", { cookie: luEditor.cookie }, body);
      assert.equal(session.statusCode, 401);
      assert.equal(session.json().id, "api_token_required");
      const scoped = await call("POST", "/api/v1/pilots", bearer(readOnly), body);
      assert.equal(scoped.statusCode, 403);
      assert.equal(scoped.json().id, "token_scope_missing");
      assert.equal((await call("POST", "/api/v1/pilots", bearer(beEditor), body)).statusCode, 400, "not an editor of the lead");

      const created = await call("POST", "/api/v1/pilots", bearer(luEditor), body);
      assert.equal(created.statusCode, 201, created.body);
      const pilot = created.json();
      assert.equal(created.headers.location, `/api/v1/pilots/${pilot.id}`);
      assert.equal(pilot.state, "proposed");
      assert.equal(pilot.lead.country, "LU");
      assert.deepEqual(
        pilot.participants.map((p: { organisation: { id: string; country: string }; role: string }) => [p.organisation.id, p.organisation.country, p.role]).sort(),
        [
          [BE, "BE", "partner"],
          [LU, "LU", "lead"],
        ],
      );
      assert.ok(!("createdBy" in pilot), "no internal fields");
      assert.ok(!JSON.stringify(pilot).includes(luEditor.userId), "no user ids");

      const wrongStep = await call("POST", `/api/v1/pilots/${pilot.id}/state`, bearer(luEditor), { to: "approved" });
      assert.equal(wrongStep.statusCode, 403, "the author does not approve");
      const approved = await call("POST", `/api/v1/pilots/${pilot.id}/state`, bearer(luReviewer), { to: "approved" });
      assert.equal(approved.statusCode, 200, approved.body);
      assert.equal(approved.json().state, "approved");
      assert.equal((await call("POST", `/api/v1/pilots/${pilot.id}/state`, bearer(luReviewer), { to: "scaled_up" })).statusCode, 400, "the reason is required");

      const indicator = await call("POST", `/api/v1/pilots/${pilot.id}/indicators`, bearer(luEditor), {
        name: text("Waiting time"),
        unit: "min",
        direction: "decrease",
        targets: { BE: { baseline: 100, target: 70 } },
      });
      assert.equal(indicator.statusCode, 201, indicator.body);
      const measured = await call("POST", `/api/v1/pilots/${pilot.id}/measurements`, bearer(beEditor), { indicatorId: indicator.json().id, measuredOn: "2026-03-01", value: 84 });
      assert.equal(measured.statusCode, 201, measured.body);
      assert.equal(measured.json().country, "BE");
      assert.equal((await call("POST", `/api/v1/pilots/${pilot.id}/measurements`, bearer(outsider), { indicatorId: indicator.json().id, measuredOn: "2026-03-01", value: 1 })).statusCode, 403, "an outsider reads the public pilot but does not measure");
      const milestone = await call("POST", `/api/v1/pilots/${pilot.id}/milestones`, bearer(luEditor), { title: text("Kick-off"), dueOn: "2026-01-15" });
      assert.equal(milestone.statusCode, 201, milestone.body);
      const written = await call("POST", `/api/v1/pilots/${pilot.id}/lessons`, bearer(beEditor), lesson("Through the API", "public"));
      assert.equal(written.statusCode, 201, written.body);
      assert.deepEqual(written.json().languages, ["en"]);
      const updated = await call("PUT", `/api/v1/pilots/${pilot.id}`, bearer(luEditor), pilotInput({ title: text("API pilot, renamed") }));
      assert.equal(updated.statusCode, 200, updated.body);

      const read = await call("GET", `/api/v1/pilots/${pilot.id}`);
      assert.equal(read.statusCode, 200, read.body);
      const full = read.json();
      assert.equal(full.title.en.text, "API pilot, renamed");
      assert.deepEqual(
        full.measurements.map((m: { value: number; country: string }) => [m.value, m.country]),
        [[84, "BE"]],
      );
      assert.equal(full.indicators[0].targets.BE.target, 70);
      assert.equal(full.milestones.length, 1);
      assert.equal(full.lessons.length, 1);
      assert.equal(full.frame.supervisingAuthority, "CNPD");
      assert.deepEqual(full.actions, [], "an anonymous caller may do nothing");
      assert.equal(full.links.html, `/en/pilots/${pilot.id}`);

      const hidden = await get().services.pilots.createPilot(luEditor.actor, LU, pilotInput({ title: text("API private pilot"), sharing: "participants" }));
      assert.equal((await call("GET", `/api/v1/pilots/${hidden.id}`)).statusCode, 404);
      assert.equal((await call("GET", `/api/v1/pilots/${hidden.id}`, bearer(beEditor))).statusCode, 200);
      const list = await call("GET", "/api/v1/pilots?sector=health");
      assert.equal(list.statusCode, 200);
      const titles = list.json().items.map((p: { title: { en?: { text: string } } }) => p.title.en?.text);
      assert.ok(titles.includes("API pilot, renamed"));
      assert.ok(!titles.includes("API private pilot"));
      assert.equal(list.json().pageSize, 20);
      const theirs = (await call("GET", "/api/v1/pilots", bearer(beEditor))).json().items.map((p: { id: string }) => p.id);
      assert.ok(theirs.includes(hidden.id));
      assert.equal((await call("GET", "/api/v1/pilots?state=unknown")).statusCode, 400);

      const openapi = (await call("GET", "/api/openapi.json")).json();
      for (const path of ["/api/v1/pilots", "/api/v1/pilots/{pilotId}", "/api/v1/pilots/{pilotId}/state", "/api/v1/pilots/{pilotId}/measurements", "/api/v1/pilots/{pilotId}/lessons"]) {
        assert.ok(openapi.paths[path], `${path} is in the OpenAPI document`);
      }
      assert.deepEqual(openapi.paths["/api/v1/pilots"].post.tags, ["pilots"]);
    });
  },
  async (ctx) => {
    await seed(
      ctx.services,
      [
        buildOrganisation({ id: LU, officialId: "LU-ADM-7001" }),
        buildOrganisation({ id: BE, country: "BE", officialId: "0765.432.146", kind: "agency", name: { fr: { text: "Agence belge de santé", status: "authored" }, en: { text: "Belgian health agency", status: "authored" } } }),
        buildOrganisation({ id: BE2, country: "BE", officialId: "0203.201.340", kind: "agency" }),
      ],
      [buildImport({ id: "lu-triage", organisation: LU })],
    );
  },
);
