// The network through HTTP, on PGlite and on PostgreSQL: an official lists themself with explicit consent, an
// organiser builds an event's programme with them as a speaker and links its materials, and withdrawing consent
// removes the person from the directory, the programme and a pilot's contacts in one action.
import assert from "node:assert/strict";
import { test } from "node:test";
import { sql } from "drizzle-orm";
import { Agent } from "../../../test/agent.ts";
import { buildOrganisation, signedInAs, type SignedInUser } from "../../../test/factories.ts";
import { describeEachBackend, type TestContext } from "../../../test/helpers.ts";

const LU = "lu-ministry-network";
const BE = "be-agency-network";

const organisations = [
  buildOrganisation({ id: LU, officialId: "LU-ADM-2001", name: { fr: { text: "Ministère du Réseau", status: "authored" }, en: { text: "Ministry of the Network", status: "authored" } } }),
  buildOrganisation({ id: BE, country: "BE", officialId: "0765.432.146", kind: "agency", name: { nl: { text: "Agentschap Netwerk", status: "authored" } } }),
];

const decode = (html: string) =>
  html.replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
const errorSummary = (html: string) => decode(/<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? "");
const text = (value: string) => ({ en: { text: value, status: "authored" as const } });

interface People {
  organiser: SignedInUser;
  speaker: SignedInUser;
  admin: SignedInUser;
  outsider: SignedInUser;
}
let people: People;

async function browser(app: TestContext["app"], who: SignedInUser, first: string): Promise<Agent> {
  const agent = new Agent(app);
  agent.cookies.set("gaichel_session", who.sessionToken);
  const page = await agent.get(first);
  assert.equal(page.statusCode, 200, page.body.slice(0, 500));
  return agent;
}

async function rows(ctx: TestContext, query: ReturnType<typeof sql>): Promise<Array<Record<string, unknown>>> {
  return ((await ctx.database.db.execute(query)) as unknown as { rows: Array<Record<string, unknown>> }).rows;
}

/** Lists `who` in the directory through the form, under the BE agency. */
async function listThroughForm(app: TestContext["app"], who: SignedInUser, position: string) {
  const agent = await browser(app, who, "/en/workspace/network");
  const saved = await agent.post("/en/workspace/network", { organisationId: BE, position, expertise: "bias audits, Procurement", languages: ["nl", "fr", "lb"], consent: "yes" });
  assert.equal(saved.statusCode, 303, saved.body.slice(0, 800));
  return agent;
}

describeEachBackend(
  "network",
  (get) => {
    test("listing oneself needs explicit consent; the form keeps what was typed; the directory then shows the person", async () => {
      const app = get().app;
      const agent = await browser(app, people.speaker, "/en/workspace/network");
      const refused = await agent.post("/en/workspace/network", { organisationId: BE, position: "Data protection lead", expertise: "bias audits", languages: ["nl", "lb"] });
      assert.equal(refused.statusCode, 400);
      assert.match(errorSummary(refused.body), /href="#consent">Tick the box to agree to be listed/);
      assert.match(refused.body, /value="Data protection lead"/);
      assert.match(refused.body, /id="languages-lb" name="languages" value="lb" checked/);
      const foreign = await agent.post("/en/workspace/network", { organisationId: LU, position: "Anything", consent: "yes" });
      assert.equal(foreign.statusCode, 400);
      assert.match(errorSummary(foreign.body), /href="#organisationId"/);

      await listThroughForm(app, people.speaker, "Data protection lead");
      const page = await agent.get("/en/workspace/network?done=saved");
      assert.match(page.body, /Your listing is saved/);
      assert.match(page.body, /Withdraw my consent/);
      const directory = await app.inject({ url: "/en/network" });
      assert.match(directory.body, /Data protection lead/);
      assert.match(directory.body, /Agentschap Netwerk/);
      assert.match(directory.body, /Dutch, French, Luxembourgish|Dutch, Luxembourgish, French|French, Dutch, Luxembourgish/);
      assert.ok(!directory.body.includes(people.speaker.email), "the e-mail address is never shown");
      const filtered = await app.inject({ url: "/en/network?country=LU" });
      assert.match(filtered.body, /No one listed matches these filters/);
      const byExpertise = await app.inject({ url: "/en/network?expertise=procurement" });
      assert.match(byExpertise.body, /Data protection lead/);
    });

    test("an organiser builds an event's programme with a listed speaker and its materials; sharing applies", async () => {
      const app = get().app;
      const agent = await browser(app, people.organiser, "/en/workspace/events/new");
      const refused = await agent.post("/en/workspace/events/new?language=en", { organisationId: LU, "title.en": "", startsOn: "2026-10-16", endsOn: "2026-10-15", place: "Luxembourg", sharing: "public" });
      assert.equal(refused.statusCode, 400);
      const summary = errorSummary(refused.body);
      assert.match(summary, /href="#title-en"/);
      assert.match(summary, /href="#endsOn">The end date must be after the start date/);
      assert.match(refused.body, /value="Luxembourg"/);

      const created = await agent.post("/en/workspace/events/new?language=en", {
        organisationId: LU,
        "title.en": "LU–BE colloquium on AI in the public sector",
        "description.en": "Two days of exchange.",
        startsOn: "2026-10-15",
        endsOn: "2026-10-16",
        place: "Luxembourg, Abbaye de Neumünster",
        sharing: "public",
      });
      assert.equal(created.statusCode, 303, created.body.slice(0, 800));
      const manage = String(created.headers.location).replace(/\?.*/, "");
      const eventId = manage.split("/").at(-1)!;
      const page = await agent.get(String(created.headers.location));
      assert.match(page.body, /The event is created/);
      const speaker = (await rows(get(), sql`select id from network_members where user_id = ${people.speaker.userId}`))[0]!.id as string;
      assert.match(page.body, new RegExp(`value="${speaker}"`), "listed members are offered as speakers");

      const outside = await agent.post(`${manage}/sessions`, { day: "2026-10-20", startsAt: "9:30", "title.en": "Opening" });
      assert.equal(outside.statusCode, 400);
      assert.match(errorSummary(outside.body), /href="#session-startsAt">Enter a time as HH:MM/);
      const wrongDay = await agent.post(`${manage}/sessions`, { day: "2026-10-20", startsAt: "09:30", "title.en": "Opening" });
      assert.equal(wrongDay.statusCode, 400);
      assert.match(errorSummary(wrongDay.body), /href="#session-day">Choose a day within the event's dates/);
      assert.match(wrongDay.body, /value="Opening"/);

      for (const [day, startsAt, title, speakers] of [
        ["2026-10-16", "14:00", "Bias audits across the border", [speaker]],
        ["2026-10-15", "09:30", "Opening", []],
      ] as const) {
        const added = await agent.post(`${manage}/sessions`, { day, startsAt, "title.en": title, speakers: [...speakers] });
        assert.equal(added.statusCode, 303, added.body.slice(0, 800));
      }
      const insecure = await agent.post(`${manage}/materials`, { "title.en": "Slides", url: "http://slides.example.lu" });
      assert.equal(insecure.statusCode, 400);
      assert.match(errorSummary(insecure.body), /href="#material-url"/);
      assert.equal((await agent.post(`${manage}/materials`, { "title.en": "Slides of the opening", url: "https://slides.example.lu/opening.pdf" })).statusCode, 303);

      const publicPage = await app.inject({ url: `/en/network/events/${eventId}` });
      assert.equal(publicPage.statusCode, 200);
      const body = decode(publicPage.body);
      assert.ok(body.indexOf("Opening") < body.indexOf("Bias audits across the border"), "the programme is in time order");
      const speakerName = people.speaker.email.split("@")[0]!;
      assert.match(body, new RegExp(`<p class="programme-speakers">Speakers: ${speakerName} \\(<span lang="nl">Agentschap Netwerk</span>`));
      assert.match(body, /href="https:\/\/slides\.example\.lu\/opening\.pdf"/);
      assert.match((await app.inject({ url: "/en/network" })).body, /LU–BE colloquium on AI in the public sector/);

      // A participants-only event is the organiser's alone.
      const privateEvent = await agent.post("/en/workspace/events/new?language=en", {
        organisationId: LU,
        "title.en": "Internal preparation meeting",
        "description.en": "Who does what.",
        startsOn: "2026-09-01",
        endsOn: "2026-09-01",
        place: "Online",
        sharing: "participants",
      });
      assert.equal(privateEvent.statusCode, 303, privateEvent.body.slice(0, 800));
      const privateId = String(privateEvent.headers.location).replace(/\?.*/, "").split("/").at(-1)!;
      assert.equal((await app.inject({ url: `/en/network/events/${privateId}` })).statusCode, 404);
      assert.equal((await app.inject({ url: `/en/network/events/${privateId}`, headers: { cookie: people.outsider.cookie } })).statusCode, 404);
      assert.equal((await app.inject({ url: `/en/network/events/${privateId}`, headers: { cookie: people.organiser.cookie } })).statusCode, 200);
      assert.doesNotMatch((await app.inject({ url: "/en/network" })).body, /Internal preparation meeting/);
      // Only the organisers manage it.
      const outsider = await browser(app, people.outsider, "/en/workspace/events");
      assert.equal((await outsider.get(manage)).statusCode, 403);
      assert.equal((await outsider.post(`${manage}/materials`, { "title.en": "x", url: "https://x.example.lu" })).statusCode, 403);
    });

    test("withdrawing consent removes the person from the directory, the programme and a pilot's contacts in one action", async () => {
      const ctx = get();
      const app = ctx.app;
      const member = (await rows(ctx, sql`select id from network_members where user_id = ${people.speaker.userId}`))[0]!.id as string;
      const [pilot] = await rows(
        ctx,
        sql`insert into pilots (lead_organisation_id, title, summary, sector, frame, starts_on, ends_on, created_by)
            values (${LU}, ${JSON.stringify(text("Pilot"))}::jsonb, ${JSON.stringify(text("Pilot"))}::jsonb, 'transport', '{}'::jsonb, '2026-01-01', '2026-12-31', 'test') returning id`,
      );
      await ctx.database.db.execute(sql`insert into pilot_contacts (pilot_id, member_id) values (${pilot!.id as string}, ${member})`);
      const speakerRows = sql`select count(*)::int as n from event_speakers where member_id = ${member}`;
      assert.equal((await rows(ctx, speakerRows))[0]!.n, 1);

      const agent = await browser(app, people.speaker, "/en/workspace/network");
      const confirm = await agent.get("/en/workspace/network/withdraw");
      assert.equal(confirm.statusCode, 200);
      assert.match(confirm.body, /Withdraw your consent\?/);
      assert.match(confirm.body, /form method="post" action="\/en\/workspace\/network\/withdraw"/);
      const withdrawn = await agent.post("/en/workspace/network/withdraw");
      assert.equal(withdrawn.statusCode, 303);
      assert.match((await agent.follow(withdrawn)).body, /Your consent is withdrawn/);

      assert.doesNotMatch((await app.inject({ url: "/en/network" })).body, /Data protection lead/);
      const events = await rows(ctx, sql`select id from network_events where title->'en'->>'text' like 'LU–BE colloquium%'`);
      const eventPage = await app.inject({ url: `/en/network/events/${events[0]!.id as string}` });
      assert.doesNotMatch(eventPage.body, /programme-speakers/);
      assert.match(eventPage.body, /Bias audits across the border/, "the session itself stays");
      assert.equal((await rows(ctx, speakerRows))[0]!.n, 0);
      assert.equal((await rows(ctx, sql`select count(*)::int as n from pilot_contacts where member_id = ${member}`))[0]!.n, 0);
      const [event] = await rows(ctx, sql`select actor, before, after from events where action = 'network_member.withdrawn' and subject_id = ${member}`);
      assert.deepEqual(Object.keys(event!.before as object).sort(), ["id", "organisationId", "userId"], "the audit trail holds ids only");
      assert.equal(event!.after, null);
      // Nothing left to withdraw.
      assert.equal((await agent.post("/en/workspace/network/withdraw")).statusCode, 404);
    });

    test("a platform admin removes a listing on request; no one else may", async () => {
      const app = get().app;
      await listThroughForm(app, people.outsider, "Mobility analyst");
      const member = (await rows(get(), sql`select id from network_members where user_id = ${people.outsider.userId}`))[0]!.id as string;
      const organiser = await browser(app, people.organiser, "/en/workspace/network");
      assert.equal((await organiser.get(`/en/workspace/network/members/${member}/remove`)).statusCode, 403);
      assert.equal((await organiser.post(`/en/workspace/network/members/${member}/remove`)).statusCode, 403);
      const admin = await browser(app, people.admin, "/en/network");
      assert.match((await admin.get("/en/network")).body, new RegExp(`/en/workspace/network/members/${member}/remove`));
      const confirm = await admin.get(`/en/workspace/network/members/${member}/remove`);
      assert.match(decode(confirm.body), /Remove the listing of/);
      const removed = await admin.post(`/en/workspace/network/members/${member}/remove`);
      assert.equal(removed.statusCode, 303);
      assert.doesNotMatch((await app.inject({ url: "/en/network" })).body, /Mobility analyst/);
      const [event] = await rows(get(), sql`select actor from events where action = 'network_member.removed' and subject_id = ${member}`);
      assert.equal(event!.actor, `user:${people.admin.userId}`);
    });

    test("listing oneself is personal: a platform admin lists themself only under an organisation they belong to", async () => {
      const ctx = get();
      const member = await signedInAs(ctx.services, { [BE]: ["viewer"] }, { platformAdmin: true });
      const agent = await browser(ctx.app, member, "/en/workspace/network");
      const listing = { position: "Platform steward", expertise: "", languages: ["en"], consent: "yes" };
      const foreign = await agent.post("/en/workspace/network", { ...listing, organisationId: LU });
      assert.equal(foreign.statusCode, 400);
      assert.match(errorSummary(foreign.body), /href="#organisationId">/);
      const actor = (await ctx.services.users.resolveSession(member.sessionToken)).actor!;
      await assert.rejects(ctx.services.exchange.saveListing(actor, { organisationId: LU, position: "Platform steward", consent: true }), { id: "invalid_input" });
      assert.equal((await rows(ctx, sql`select 1 from network_members where user_id = ${member.userId}`)).length, 0);
      assert.equal((await agent.post("/en/workspace/network", { ...listing, organisationId: BE })).statusCode, 303);

      const noMembership = await browser(ctx.app, people.admin, "/en/workspace/network");
      assert.equal((await noMembership.post("/en/workspace/network", { ...listing, organisationId: LU })).statusCode, 403);
    });

    test("listMembers and membersByIds give the pilot form its choices", async () => {
      const ctx = get();
      await listThroughForm(ctx.app, people.organiser, "Head of digital");
      const organiser = (await ctx.services.users.resolveSession(people.organiser.sessionToken)).actor!;
      const listed = await ctx.services.exchange.listMembers(organiser, { organisationIds: [BE] });
      assert.ok(listed.some((m) => m.position === "Head of digital"));
      assert.deepEqual(await ctx.services.exchange.listMembers(organiser, { organisationIds: [LU] }), []);
      const [one] = await ctx.services.exchange.membersByIds([listed[0]!.id, crypto.randomUUID()]);
      assert.equal(one!.id, listed[0]!.id);
    });
  },
  async (ctx) => {
    await ctx.services.organisations.saveOrganisations("operator:test", organisations);
    people = {
      organiser: await signedInAs(ctx.services, { [LU]: ["editor"], [BE]: ["viewer"] }),
      speaker: await signedInAs(ctx.services, { [BE]: ["viewer"] }),
      admin: await signedInAs(ctx.services, {}, { platformAdmin: true }),
      outsider: await signedInAs(ctx.services, { [BE]: ["editor"] }),
    };
  },
);
