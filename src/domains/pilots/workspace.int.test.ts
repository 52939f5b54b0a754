// The pilots' workspace through HTTP without JavaScript, on PGlite and on PostgreSQL: a Luxembourg editor proposes a
// pilot with a Belgian partner in the form (errors listed and linked, what was typed kept), edits it, its reviewer
// approves it, an indicator is typed with a decimal comma, the Belgian partner records a measurement for Belgium and
// writes a lesson, the feed shows what is new once, the digest is offered only when the instance sends e-mail, and
// people outside the pilot or without the right role are refused.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Agent } from "../../../test/agent.ts";
import { buildImport, buildOrganisation, seed, signedInAs, type SignedInUser } from "../../../test/factories.ts";
import { describeEachBackend, type TestContext } from "../../../test/helpers.ts";
import type { Actor } from "../../http/actor.ts";

const LU = "lu-ministry-health";
const BE = "be-agency-health";
const BE2 = "be-agency-mobility";
const SYSTEM = "lu-triage-assistant";

const organisations = [
  buildOrganisation({ id: LU, officialId: "LU-ADM-2001", name: { en: { text: "Ministry of Health", status: "authored" } } }),
  buildOrganisation({ id: BE, country: "BE", officialId: "0765.432.146", kind: "agency", name: { en: { text: "Health Agency", status: "authored" } } }),
  buildOrganisation({ id: BE2, country: "BE", officialId: "0403.170.701", kind: "agency", name: { en: { text: "Mobility Agency", status: "authored" } } }),
];

const decode = (html: string) =>
  html.replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
const errorSummary = (html: string) => decode(/<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? "");

interface People {
  luEditor: SignedInUser;
  luReviewer: SignedInUser;
  luViewer: SignedInUser;
  beEditor: SignedInUser;
  be2Editor: SignedInUser;
}

async function setUp(ctx: TestContext): Promise<People> {
  await seed(ctx.services, organisations, [buildImport({ id: SYSTEM, organisation: LU })]);
  const people: People = {
    luEditor: await signedInAs(ctx.services, { [LU]: ["editor"] }),
    luReviewer: await signedInAs(ctx.services, { [LU]: ["reviewer"] }),
    luViewer: await signedInAs(ctx.services, { [LU]: ["viewer"] }),
    beEditor: await signedInAs(ctx.services, { [BE]: ["editor"] }),
    be2Editor: await signedInAs(ctx.services, { [BE2]: ["editor"] }),
  };
  // The Belgian editor is listed in the network directory, so that the lead can name them as a contact.
  await ctx.services.exchange.saveListing(await actorOf(ctx, people.beEditor), { organisationId: BE, position: "Data lead", consent: true });
  return people;
}

async function actorOf(ctx: TestContext, who: SignedInUser): Promise<Actor> {
  return (await ctx.services.users.resolveSession(who.sessionToken)).actor!;
}

async function browser(ctx: TestContext, who: SignedInUser, first: string, status = 200): Promise<Agent> {
  const agent = new Agent(ctx.app);
  agent.cookies.set("gaichel_session", who.sessionToken);
  const page = await agent.get(first);
  assert.equal(page.statusCode, status, page.body.slice(0, 500));
  return agent;
}

/** What the lead types in the pilot form (in English), with a Belgian partner and an empty second row. */
function pilotForm(overrides: Record<string, string | string[]> = {}) {
  return {
    organisationId: LU,
    "title.en": "Triage assistant in emergency rooms",
    "summary.en": "Two hospitals test a triage assistant.",
    sector: "health",
    tags: "Triage, hospitals",
    "frame.scope.en": "Emergency rooms of two hospitals",
    "frame.population.en": "Adults arriving at the emergency room",
    "frame.dataSharingBasis.en": "GDPR Art. 6(1)(e), pseudonymised data only",
    "frame.safeguards.en": "A nurse confirms every suggestion",
    "frame.exitCriteria.en": "Stop if waiting times grow",
    "frame.supervisingAuthority": "CNPD",
    startsOn: "2026-01-01",
    endsOn: "2026-12-31",
    sharing: "participants",
    "participants.0.organisationId": BE,
    "participants.0.role": "partner",
    "participants.1.organisationId": "",
    "participants.1.role": "partner",
    systems: SYSTEM,
    ...overrides,
  };
}

const pilotIdOf = (location: unknown) => /^\/en\/pilots\/([0-9a-f-]{36})$/.exec(String(location))?.[1];

let people: People;

describeEachBackend(
  "pilots' workspace",
  (get) => {
    let pilotId: string;
    let indicatorId: string;

    test("a Luxembourg editor proposes a pilot with a Belgian partner: errors are listed and linked, what was typed is kept", async () => {
      const agent = await browser(get(), people.luEditor, "/en/workspace/pilots");
      const empty = await agent.get("/en/workspace/pilots");
      assert.match(empty.body, /No pilot yet/);
      assert.match(empty.body, /href="\/en\/workspace\/pilots\/new"/);
      assert.match((await agent.get("/en/workspace")).body, /href="\/en\/workspace\/pilots"/, "the workspace links to the pilots");

      const form = await agent.get("/en/workspace/pilots/new");
      assert.equal(form.statusCode, 200);
      assert.match(form.body, new RegExp(`<option value="${BE}">Health Agency \\(Belgium\\)</option>`));
      assert.match(form.body, new RegExp(`name="systems" value="${SYSTEM}"`));
      assert.match(form.body, /name="participants\.1\.organisationId"/, "two empty rows without JavaScript");
      assert.doesNotMatch(form.body, /Data lead/, "the partner's people appear once the partner is added");

      const refused = await agent.post("/en/workspace/pilots/new?language=en", pilotForm({ "summary.en": "", endsOn: "2025-12-31" }));
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /<title>Error: /);
      const summary = errorSummary(refused.body);
      assert.match(summary, /href="#summary-en">Enter the text in at least one language/);
      assert.match(summary, /href="#endsOn">The end date must be after the start date/);
      assert.ok(summary.indexOf("#summary-en") < summary.indexOf("#endsOn"), "in the order of the form");
      assert.match(refused.body, /value="Triage assistant in emergency rooms"/);
      assert.match(refused.body, /Emergency rooms of two hospitals/);
      assert.match(refused.body, /value="2025-12-31"/);
      assert.match(refused.body, new RegExp(`<option value="${BE}" selected>`));
      assert.match(refused.body, new RegExp(`name="systems" value="${SYSTEM}" checked`));
      const contact = /name="contacts" value="([0-9a-f-]{36})"[^>]*>\s*<label[^>]*>([^<]*)</.exec(refused.body);
      assert.ok(contact, "the Belgian partner's listed people are offered as contacts");
      assert.match(contact[2]!, /Data lead/);

      const saved = await agent.post("/en/workspace/pilots/new?language=en", pilotForm({ contacts: contact[1]! }));
      assert.equal(saved.statusCode, 303, saved.body.slice(0, 800));
      pilotId = pilotIdOf(saved.headers.location)!;
      assert.ok(pilotId, String(saved.headers.location));
      assert.match((await agent.follow(saved)).body, /The pilot is proposed\. Its reviewers can now approve it\./);

      const view = await get().services.pilots.getPilot(await actorOf(get(), people.luEditor), pilotId);
      assert.deepEqual(view.pilot.participants.map((p) => `${p.organisationId}:${p.role}`).sort(), [`${BE}:partner`, `${LU}:lead`]);
      assert.deepEqual(view.pilot.systems, [SYSTEM]);
      assert.deepEqual(view.pilot.contacts, [contact[1]]);
      assert.deepEqual(view.pilot.tags, ["triage", "hospitals"]);

      const list = await agent.get("/en/workspace/pilots");
      assert.match(list.body, new RegExp(`href="/en/pilots/${pilotId}"`));
      assert.match(list.body, /Ministry of Health/);
    });

    test("the lead edits the pilot in another language, keeping the English texts", async () => {
      const agent = await browser(get(), people.luEditor, `/en/workspace/pilots/${pilotId}/edit?language=fr`);
      const form = await agent.get(`/en/workspace/pilots/${pilotId}/edit?language=fr`);
      assert.match(form.body, /name="title\.en" value="Triage assistant in emergency rooms"/);
      assert.match(form.body, new RegExp(`<option value="${BE}" selected>`));
      assert.match(form.body, /name="participants\.2\.organisationId"/, "the partner's row and two empty ones");
      assert.doesNotMatch(form.body, new RegExp(`<option value="${LU}"`), "the lead is not offered as a participant");

      const body = Object.fromEntries([...form.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, decode(m[2]!)]));
      const saved = await agent.post(`/en/workspace/pilots/${pilotId}/edit?language=fr`, {
        ...body,
        ...pilotForm({ "title.fr": "Assistant de tri aux urgences", sharing: "public" }),
        organisationId: [],
      });
      assert.equal(saved.statusCode, 303, saved.body.slice(0, 800));
      assert.equal(saved.headers.location, `/en/pilots/${pilotId}`);
      const { pilot } = await get().services.pilots.getPilot(await actorOf(get(), people.luEditor), pilotId);
      assert.equal(pilot.title.fr?.text, "Assistant de tri aux urgences");
      assert.equal(pilot.title.en?.text, "Triage assistant in emergency rooms");
      assert.equal(pilot.sharing, "public");
    });

    test("states: the reviewer approves, a stop needs its reason, the lead starts the pilot", async () => {
      const reviewer = await browser(get(), people.luReviewer, `/en/workspace/pilots/${pilotId}/state`);
      const form = await reviewer.get(`/en/workspace/pilots/${pilotId}/state`);
      assert.match(form.body, /The pilot is proposed\./);
      assert.match(form.body, /aria-current="step"/);
      assert.match(form.body, /name="to" value="approved"/);
      assert.doesNotMatch(form.body, /name="to" value="stopped"/, "only the lead's editors stop a pilot");
      const approved = await reviewer.post(`/en/workspace/pilots/${pilotId}/state?language=en`, { to: "approved" });
      assert.equal(approved.statusCode, 303, approved.body.slice(0, 500));

      const lead = await browser(get(), people.luEditor, `/en/workspace/pilots/${pilotId}/state`);
      const noReason = await lead.post(`/en/workspace/pilots/${pilotId}/state?language=en`, { to: "stopped", reason: " " });
      assert.equal(noReason.statusCode, 400);
      assert.match(errorSummary(noReason.body), /href="#reason">Say why the pilot is stopped or scaled up/);
      assert.match(noReason.body, /id="to-stopped" name="to" value="stopped" checked/);
      const started = await lead.post(`/en/workspace/pilots/${pilotId}/state?language=en`, { to: "running" });
      assert.equal(started.statusCode, 303, started.body.slice(0, 500));
      const { pilot } = await get().services.pilots.getPilot(await actorOf(get(), people.luEditor), pilotId);
      assert.equal(pilot.state, "running");
    });

    test("an indicator typed with a decimal comma; its errors name the fields; it shows back in the reader's language", async () => {
      const agent = await browser(get(), people.luEditor, `/en/workspace/pilots/${pilotId}/indicators/new`);
      const form = await agent.get(`/en/workspace/pilots/${pilotId}/indicators/new`);
      assert.match(form.body, /id="targets-BE-baseline" name="targets\.BE\.baseline" type="text" value inputmode="decimal"/);
      const indicator = { "name.en": "Median waiting time", unit: "min", direction: "decrease", "targets.LU.baseline": "90,5", "targets.LU.target": "60", "targets.BE.baseline": "100", "targets.BE.target": "70.25" };

      const refused = await agent.post(`/en/workspace/pilots/${pilotId}/indicators/new`, { ...indicator, "targets.LU.target": "95", "targets.BE.target": "7O" });
      assert.equal(refused.statusCode, 400);
      const summary = errorSummary(refused.body);
      assert.match(summary, /href="#targets-BE-target">Enter a number/);
      assert.match(refused.body, /value="7O"/);
      const against = await agent.post(`/en/workspace/pilots/${pilotId}/indicators/new`, { ...indicator, "targets.LU.target": "95" });
      assert.equal(against.statusCode, 400);
      assert.match(errorSummary(against.body), /href="#targets-LU-baseline">The target goes against the direction/);

      const saved = await agent.post(`/en/workspace/pilots/${pilotId}/indicators/new`, indicator);
      assert.equal(saved.statusCode, 303, saved.body.slice(0, 800));
      const { indicators } = await get().services.pilots.getPilot(await actorOf(get(), people.luEditor), pilotId);
      assert.equal(indicators.length, 1);
      indicatorId = indicators[0]!.id;
      assert.deepEqual(indicators[0]!.targets, { LU: { baseline: 90.5, target: 60 }, BE: { baseline: 100, target: 70.25 } });

      const french = await agent.get(`/fr/workspace/pilots/${pilotId}/indicators/${indicatorId}/edit`);
      assert.match(french.body, /name="targets\.LU\.baseline" type="text" value="90,5"/);
    });

    test("the Belgian partner records a measurement for Belgium and writes a lesson", async () => {
      const agent = await browser(get(), people.beEditor, `/en/workspace/pilots/${pilotId}/measurements/new?indicator=${indicatorId}`);
      const form = await agent.get(`/en/workspace/pilots/${pilotId}/measurements/new?indicator=${indicatorId}`);
      assert.match(form.body, new RegExp(`<option value="${indicatorId}" selected>`));
      assert.match(form.body, /You record it for Health Agency, so it counts for its country \(Belgium\)/);
      assert.doesNotMatch(form.body, /name="organisationId"/, "one organisation: nothing to choose");

      const refused = await agent.post(`/en/workspace/pilots/${pilotId}/measurements/new`, { indicatorId, measuredOn: "1 March", value: "84,5" });
      assert.equal(refused.statusCode, 400);
      assert.match(errorSummary(refused.body), /href="#measuredOn">Enter a date as YYYY-MM-DD/);
      assert.match(refused.body, /value="84,5"/);
      const saved = await agent.post(`/en/workspace/pilots/${pilotId}/measurements/new`, { indicatorId, measuredOn: "2026-03-01", value: "84,5", note: "First month" });
      assert.equal(saved.statusCode, 303, saved.body.slice(0, 800));
      const view = await get().services.pilots.getPilot(await actorOf(get(), people.beEditor), pilotId);
      assert.deepEqual(
        view.measurements.map((m) => [m.country, m.value, m.organisationId, m.note]),
        [["BE", 84.5, BE, "First month"]],
      );

      const lessonForm = await agent.get(`/en/workspace/pilots/${pilotId}/lessons/new`);
      assert.match(lessonForm.body, /A lesson is never more visible than its pilot/);
      const lesson = await agent.post(`/en/workspace/pilots/${pilotId}/lessons/new?language=en`, {
        "title.en": "Train the nurses first",
        "context.en": "Night shifts",
        "whatWorked.en": "Short sessions",
        "whatDidNot.en": "Long manuals",
        "recommendation.en": "Start with a week of shadowing",
        tags: "training",
        sharing: "public",
      });
      assert.equal(lesson.statusCode, 303, lesson.body.slice(0, 800));
      const { lessons } = await get().services.pilots.getPilot(await actorOf(get(), people.beEditor), pilotId);
      assert.deepEqual(
        lessons.map((l) => [l.title.en?.text, l.organisationId, l.sharing]),
        [["Train the nurses first", BE, "public"]],
      );
      const edit = await agent.get(`/en/workspace/pilots/${pilotId}/lessons/${lessons[0]!.id}/edit`);
      assert.match(edit.body, /value="Train the nurses first"/);
      await browser(get(), people.luEditor, `/en/workspace/pilots/${pilotId}/lessons/${lessons[0]!.id}/edit`, 403);
    });

    test("the feed shows the others' changes as new once, then as read", async () => {
      const agent = await browser(get(), people.luEditor, "/en/workspace/pilots");
      const list = await agent.get("/en/workspace/pilots");
      assert.match(list.body, /3 changes since your last visit/, "the approval, the measurement and the lesson, by others");

      const feed = await agent.get("/en/workspace/pilots/feed");
      assert.equal(feed.statusCode, 200);
      assert.match(feed.body, /changes since your last visit, marked “New”/);
      assert.match(feed.body, /<li class="feed-item unread"><strong class="badge">New<\/strong> <a/);
      assert.match(decode(feed.body), /New measurement of “Median waiting time”: 84\.5 min \(Belgium\)/);
      assert.match(decode(feed.body), /Lesson learned recorded: “Train the nurses first”/);
      assert.match(feed.body, new RegExp(`href="/en/pilots/${pilotId}"`));
      assert.match(feed.body, /This instance sends no e-mail/);
      assert.doesNotMatch(feed.body, /name="digest"/);

      const again = await agent.get("/en/workspace/pilots/feed");
      assert.doesNotMatch(again.body, /feed-item unread/);
      assert.match(again.body, /No change since your last visit\./);
      assert.match((await agent.get("/en/workspace/pilots")).body, /No change since your last visit/);
      const digest = await agent.post("/en/workspace/pilots/feed/digest", { digest: "daily" });
      assert.equal(digest.statusCode, 404, "no digest without e-mail");
    });

    test("a Belgian editor of another organisation does not find a private pilot; a viewer of the lead may not edit it", async () => {
      const lead = await actorOf(get(), people.luEditor);
      const input = {
        title: { en: { text: "Private pilot", status: "authored" } },
        summary: { en: { text: "Not shared", status: "authored" } },
        sector: "transport",
        frame: {
          scope: { en: { text: "One line", status: "authored" } },
          population: { en: { text: "Commuters", status: "authored" } },
          dataSharingBasis: { en: { text: "None", status: "authored" } },
          safeguards: { en: { text: "Human review", status: "authored" } },
          exitCriteria: { en: { text: "Complaints", status: "authored" } },
          supervisingAuthority: "CNPD",
        },
        startsOn: "2026-01-01",
        endsOn: "2026-06-30",
        sharing: "participants",
        participants: [{ organisationId: BE, role: "partner" }],
      };
      const hidden = await get().services.pilots.createPilot(lead, LU, input);
      const outsider = await browser(get(), people.be2Editor, "/en/workspace/pilots");
      for (const path of ["edit", "state", "indicators/new", "measurements/new", "lessons/new"]) {
        assert.equal((await outsider.get(`/en/workspace/pilots/${hidden.id}/${path}`)).statusCode, 404, path);
      }
      assert.equal((await outsider.post(`/en/workspace/pilots/${hidden.id}/edit`, pilotForm())).statusCode, 404);

      const viewer = await browser(get(), people.luViewer, "/en/workspace/pilots");
      const refused = await viewer.get(`/en/workspace/pilots/${hidden.id}/edit`);
      assert.equal(refused.statusCode, 403);
      assert.match(refused.body, /Not allowed on this pilot/);
      assert.equal((await viewer.get("/en/workspace/pilots/new")).statusCode, 403, "a viewer proposes no pilot");
      assert.equal((await viewer.get(`/en/workspace/pilots/${hidden.id}/measurements/new`)).statusCode, 403);
      const partner = await browser(get(), people.beEditor, "/en/workspace/pilots");
      assert.equal((await partner.get(`/en/workspace/pilots/${hidden.id}/edit`)).statusCode, 403, "a partner does not edit the pilot");
      assert.equal((await partner.get(`/en/workspace/pilots/${hidden.id}/measurements/new`)).statusCode, 403, "no measurement before approval");

      const anonymous = await new Agent(get().app).get("/en/workspace/pilots");
      assert.equal(anonymous.statusCode, 303);
      assert.match(String(anonymous.headers.location), /^\/en\/sign-in\?next=/);
    });
  },
  async (ctx) => {
    people = await setUp(ctx);
  },
);

describeEachBackend(
  "pilots' e-mail digest form",
  (get) => {
    test("with e-mail configured, a participant chooses a weekly digest in the language of the page", async () => {
      const who = await signedInAs(get().services, { [LU]: ["editor"] });
      const agent = await browser(get(), who, "/fr/workspace/pilots/feed");
      const feed = await agent.get("/fr/workspace/pilots/feed");
      assert.match(feed.body, /id="digest-frequency" name="digest" value="off" checked/);
      const saved = await agent.post("/fr/workspace/pilots/feed/digest", { digest: "weekly" });
      assert.equal(saved.statusCode, 303);
      assert.equal(saved.headers.location, "/fr/workspace/pilots/feed");
      const page = await agent.follow(saved);
      assert.match(page.body, /Vous recevrez un résumé chaque semaine/);
      assert.match(page.body, /name="digest" value="weekly" checked/);
      assert.deepEqual(await get().services.pilots.notificationSettings(await actorOf(get(), who)), { digest: "weekly", digestLang: "fr" });

      const refused = await agent.post("/fr/workspace/pilots/feed/digest", { digest: "hourly" });
      assert.equal(refused.statusCode, 400);
    });
  },
  async (ctx) => {
    await ctx.services.organisations.saveOrganisations("operator:test", organisations);
  },
  // Nothing is sent here: the address only has to be configured for the digest to be offered.
  { GAICHEL_SMTP_URL: "smtp://127.0.0.1:2525", GAICHEL_PUBLIC_URL: "https://gaichel.example" },
);
