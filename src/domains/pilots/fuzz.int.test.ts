// Malformed bodies at every write of pilots and of the knowledge exchange — forms and API — on PGlite and on
// PostgreSQL: never a server error, and a refused request changes nothing.
import assert from "node:assert/strict";
import { test } from "node:test";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import type { LightMyRequestResponse } from "fastify";
import { Agent } from "../../../test/agent.ts";
import { buildOrganisation, buildPilotInput, operator, seed, signedInAs, type SignedInUser } from "../../../test/factories.ts";
import { describeEachBackend, type TestContext } from "../../../test/helpers.ts";

const LU = "lu-ministry-health";
const BE = "be-agency-health";
const RUNS = 60;

const nasty = fc.oneof(
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.constantFrom("", " ", "\0", "a\0b", "\ud800", "x".repeat(25_000), "<script>", "2026-02-30", "2026-01-15", "3,5", "-1", "1e309", "NaN", LU, BE, "public", "running", "increase", "lead"),
);
const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, nasty, fc.double(), fc.boolean(), fc.constant(null), fc.array(tie("value"), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 10 }), tie("value"), { maxKeys: 4 })),
})).value;

/** Field names the forms know, and some they do not. */
const names = [
  "title", "summary", "sector", "tags", "startsOn", "endsOn", "sharing", "lead", "organisationId", "frame.scope", "scope", "population",
  "dataSharingBasis", "safeguards", "exitCriteria", "supervisingAuthority", "participants.0.organisationId", "participants.0.role", "systems",
  "contacts", "to", "reason", "evaluation", "dueOn", "doneOn", "name", "unit", "direction", "targets.LU.baseline", "LU.baseline", "BE.target",
  "indicatorId", "measuredOn", "value", "note", "context", "whatWorked", "whatDidNot", "recommendation", "kind", "link", "body", "position",
  "expertise", "languages", "consent", "day", "startsAt", "url", "place", "description", "__proto__", "constructor",
];
const formBody = fc.dictionary(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...names) }, fc.string({ maxLength: 12 })), fc.oneof(nasty, fc.array(nasty, { maxLength: 3 })), { maxKeys: 12 });

/** What the writes of both domains change: every one of them appends an event. */
async function snapshot(ctx: TestContext): Promise<string> {
  const result = (await ctx.database.db.execute(sql`
    select (select count(*) from events)::int as events,
           (select count(*) from pilots)::int as pilots, (select count(*) from pilot_measurements)::int as measurements,
           (select count(*) from lessons)::int as lessons, (select count(*) from practices)::int as practices,
           (select count(*) from network_members)::int as members, (select count(*) from network_events)::int as gatherings
  `)) as unknown as { rows: unknown[] };
  return JSON.stringify(result.rows[0]);
}

describeEachBackend(
  "pilot and exchange writes under malformed bodies",
  (get) => {
    let who: SignedInUser;
    let agent: Agent;
    let pilotId: string;
    let practiceId: string;
    let eventId: string;
    const seen = new Map<number, number>();

    async function check(send: () => Promise<LightMyRequestResponse>, what: string) {
      const before = await snapshot(get());
      const response = await send();
      seen.set(response.statusCode, (seen.get(response.statusCode) ?? 0) + 1);
      assert.ok(response.statusCode < 500, `${what} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
      if (response.statusCode >= 400) assert.equal(await snapshot(get()), before, `${what} answered ${response.statusCode} but changed the database`);
    }

    test("setup", async () => {
      const { services } = get();
      who = await signedInAs(services, { [LU]: ["editor", "org_admin"], [BE]: ["editor"] });
      agent = new Agent(get().app);
      agent.cookies.set("gaichel_session", who.sessionToken);
      await agent.get("/en/workspace/pilots");
      const pilot = await services.pilots.createPilot(operator, LU, buildPilotInput(BE));
      await services.pilots.changeState(operator, pilot.id, { to: "approved" });
      pilotId = pilot.id;
      const text = { en: { text: "Fuzz", status: "authored" as const } };
      practiceId = (await services.exchange.createPractice(operator, { organisationId: LU, kind: "guide", title: text, summary: text, body: text, tags: [], sharing: "public" })).id;
      eventId = (await services.exchange.createEvent(operator, { organisationId: LU, title: text, description: text, startsOn: "2026-10-15", endsOn: "2026-10-16", place: "Luxembourg", sharing: "public" })).id;
    });

    test("every form: any fields, any values", async () => {
      seen.clear();
      const forms = [
        "/en/workspace/pilots/new",
        `/en/workspace/pilots/${pilotId}/edit`,
        `/en/workspace/pilots/${pilotId}/state`,
        `/en/workspace/pilots/${pilotId}/milestones/new`,
        `/en/workspace/pilots/${pilotId}/indicators/new`,
        `/en/workspace/pilots/${pilotId}/measurements/new`,
        `/en/workspace/pilots/${pilotId}/lessons/new`,
        "/en/workspace/pilots/feed/digest",
        "/en/workspace/practices/new",
        `/en/workspace/practices/${practiceId}/edit`,
        "/en/workspace/network",
        "/en/workspace/events/new",
        `/en/workspace/events/${eventId}/edit`,
        `/en/workspace/events/${eventId}/sessions`,
        `/en/workspace/events/${eventId}/materials`,
      ];
      for (const url of forms) {
        await fc.assert(
          fc.asyncProperty(formBody, async (fields) => {
            await check(() => agent.post(url, { ...fields, _csrf: agent.csrf }), `POST ${url} ${JSON.stringify(fields).slice(0, 200)}`);
          }),
          { numRuns: RUNS },
        );
      }
      assert.ok((seen.get(400) ?? 0) > 0, `refusals happened: ${JSON.stringify([...seen])}`);
    });

    test("every API write: any JSON, and contract bodies with one field spoiled", async () => {
      seen.clear();
      const valid = buildPilotInput(BE);
      const spoiled = fc.record({ key: fc.constantFrom(...Object.keys(valid), "leadOrganisationId", "frame", "x"), value: json }).map(({ key, value }) => ({ ...valid, leadOrganisationId: LU, [key]: value }));
      const writes: Array<["POST" | "PUT", string]> = [
        ["POST", "/api/v1/pilots"],
        ["PUT", `/api/v1/pilots/${pilotId}`],
        ["POST", `/api/v1/pilots/${pilotId}/state`],
        ["POST", `/api/v1/pilots/${pilotId}/milestones`],
        ["POST", `/api/v1/pilots/${pilotId}/indicators`],
        ["POST", `/api/v1/pilots/${pilotId}/measurements`],
        ["POST", `/api/v1/pilots/${pilotId}/lessons`],
        ["POST", "/api/v1/practices"],
        ["PUT", `/api/v1/practices/${practiceId}`],
      ];
      for (const [method, url] of writes) {
        await fc.assert(
          fc.asyncProperty(fc.oneof(json, spoiled), async (body) => {
            await check(
              () =>
                get().app.inject({
                  method,
                  url,
                  headers: { authorization: `Bearer ${who.token}`, "content-type": "application/json" },
                  payload: JSON.stringify(body) ?? "null",
                }),
              `${method} ${url} ${JSON.stringify(body)?.slice(0, 200)}`,
            );
          }),
          { numRuns: RUNS },
        );
      }
      assert.ok((seen.get(400) ?? 0) > 0, `refusals happened: ${JSON.stringify([...seen])}`);
    });
  },
  async (ctx) => {
    await seed(ctx.services, [buildOrganisation({ id: LU, officialId: "LU-ADM-7001" }), buildOrganisation({ id: BE, country: "BE", officialId: "0765.432.146", kind: "agency" })], []);
  },
);
