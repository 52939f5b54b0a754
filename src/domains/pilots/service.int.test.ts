// Joint pilots through their service, on PGlite and on PostgreSQL: a Luxembourg ministry proposes a pilot with a
// Belgian partner, its reviewer approves it (not its author), the partner records a measurement for Belgium, lessons
// are seen as their sharing says, comparable pilots come from the other country, the feed and digest see the changes.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Actor } from "../../http/actor.ts";
import { AppError } from "../../http/errors.ts";
import { buildImport, buildOrganisation, buildPilotInput, seed, signedInAs } from "../../../test/factories.ts";
import { describeEachBackend, type TestContext } from "../../../test/helpers.ts";

const LU = "lu-ministry-health";
const BE = "be-agency-health";
const BE2 = "be-agency-mobility";
const text = (en: string, fr?: string) => ({ en: { text: en, status: "authored" as const }, ...(fr ? { fr: { text: fr, status: "authored" as const } } : {}) });

async function actorOf(ctx: TestContext, roles: Record<string, Array<"viewer" | "editor" | "reviewer" | "dpo" | "org_admin">>): Promise<Actor> {
  const who = await signedInAs(ctx.services, roles);
  return (await ctx.services.users.resolveSession(who.sessionToken)).actor!;
}

async function refused(work: Promise<unknown>, id: string) {
  await assert.rejects(work, (error: unknown) => error instanceof AppError && error.id === id);
}

describeEachBackend(
  "pilots",
  (get) => {
    test("a Luxembourg lead and a Belgian partner run a pilot from proposal to evaluation", async () => {
      const { pilots } = get().services;
      const luEditor = await actorOf(get(), { [LU]: ["editor"] });
      const luReviewer = await actorOf(get(), { [LU]: ["reviewer"] });
      const beEditor = await actorOf(get(), { [BE]: ["editor"] });
      const outsider = await actorOf(get(), { [BE2]: ["editor"] });

      await assert.rejects(pilots.createPilot(beEditor, LU, buildPilotInput(BE)), AppError, "only the lead's editors create for it");
      const pilot = await pilots.createPilot(luEditor, LU, buildPilotInput(BE, { sharing: "participants" }));
      assert.deepEqual(
        pilot.participants.map((p) => [p.organisationId, p.role]).sort(),
        [
          [BE, "partner"],
          [LU, "lead"],
        ],
      );
      await refused(pilots.getPilot({ kind: "anonymous" }, pilot.id), "pilot_not_found");
      await refused(pilots.getPilot(outsider, pilot.id), "pilot_not_found");
      assert.equal((await pilots.getPilot(beEditor, pilot.id)).participant, true);

      await refused(pilots.changeState(luEditor, pilot.id, { to: "approved" }), "pilot_action_refused");
      await refused(pilots.changeState(luReviewer, pilot.id, { to: "running" }), "pilot_wrong_state");
      await pilots.changeState(luReviewer, pilot.id, { to: "approved" });
      await pilots.changeState(luEditor, pilot.id, { to: "running" });

      const indicator = await pilots.saveIndicator(luEditor, pilot.id, null, {
        name: text("Median waiting time"),
        unit: "min",
        direction: "decrease",
        targets: { LU: { baseline: 90, target: 60 }, BE: { baseline: 100, target: 70 } },
      });
      await refused(
        pilots.saveIndicator(luEditor, pilot.id, null, { name: text("Wrong way"), unit: "min", direction: "decrease", targets: { LU: { baseline: 60, target: 90 } } }),
        "invalid_input",
      );
      const measurement = await pilots.recordMeasurement(beEditor, pilot.id, { indicatorId: indicator.id, measuredOn: "2026-03-01", value: 84 });
      assert.equal(measurement.country, "BE", "recorded for the partner's country");
      assert.equal(measurement.organisationId, BE);
      await refused(pilots.recordMeasurement(outsider, pilot.id, { indicatorId: indicator.id, measuredOn: "2026-03-01", value: 1 }), "pilot_not_found");

      await pilots.saveLesson(beEditor, pilot.id, null, {
        title: text("Nurses need the reasons", "Les infirmiers ont besoin des raisons"),
        context: text("Triage"),
        whatWorked: text("Showing the three main factors"),
        whatDidNot: text("A bare score"),
        recommendation: text("Always show the reasons of a suggestion", "Toujours montrer les raisons d'une suggestion"),
        tags: ["explanations"],
        sharing: "public",
      });

      const view = await pilots.getPilot(beEditor, pilot.id);
      assert.deepEqual(view.actions.sort(), ["measure", "write_lesson"]);
      assert.equal(view.measurements.length, 1);
      assert.equal(view.lessons.length, 1);

      await refused(pilots.changeState(luEditor, pilot.id, { to: "evaluated" }), "invalid_input");
      await pilots.changeState(luEditor, pilot.id, { to: "evaluated", evaluation: text("Waiting times fell by a fifth") });
      await refused(pilots.changeState(luEditor, pilot.id, { to: "scaled_up" }), "invalid_input");
      const done = await pilots.changeState(luEditor, pilot.id, { to: "scaled_up", reason: text("Both hospitals keep it") });
      assert.equal(done.state, "scaled_up");
      await refused(pilots.updatePilot(luEditor, pilot.id, buildPilotInput(BE)), "pilot_action_refused");
    });

    test("approval needs a participant from each country; the proposer cannot approve", async () => {
      const { pilots } = get().services;
      const luAdmin = await actorOf(get(), { [LU]: ["org_admin"] });
      const luReviewer = await actorOf(get(), { [LU]: ["reviewer"] });
      const alone = await pilots.createPilot(luAdmin, LU, buildPilotInput(BE, { participants: [] }));
      await refused(pilots.changeState(luAdmin, alone.id, { to: "approved" }), "pilot_action_refused");
      await refused(pilots.changeState(luReviewer, alone.id, { to: "approved" }), "pilot_needs_both_countries");
      const stopped = await pilots.changeState(luAdmin, alone.id, { to: "stopped", reason: text("No partner found") });
      assert.equal(stopped.stateReason?.en?.text, "No partner found");
    });

    test("lessons are never more visible than their pilot, and search finds them by stemmed words", async () => {
      const { pilots } = get().services;
      const luEditor = await actorOf(get(), { [LU]: ["editor"] });
      const luReviewer = await actorOf(get(), { [LU]: ["reviewer"] });
      const beEditor = await actorOf(get(), { [BE]: ["editor"] });
      const outsider = await actorOf(get(), { [BE2]: ["viewer"] });
      const partners = await pilots.createPilot(luEditor, LU, buildPilotInput(BE, { sharing: "partners" }));
      await pilots.changeState(luReviewer, partners.id, { to: "approved" });
      const lesson = (title: string, sharing: string) => ({
        title: text(title),
        context: text("Context"),
        whatWorked: text("Volunteers"),
        whatDidNot: text("Paper forms"),
        recommendation: text("Train the reception staff"),
        tags: [],
        sharing,
      });
      await pilots.saveLesson(beEditor, partners.id, null, lesson("Receptionists trained early", "public"));
      await pilots.saveLesson(beEditor, partners.id, null, lesson("Receptionists kept private", "participants"));

      const anonymous = (await pilots.searchLessons({ kind: "anonymous" }, "en", "receptionist", 10)).length;
      assert.equal(anonymous, 0, "a public lesson of a partners-only pilot stays with the partners");
      const official = await pilots.searchLessons(outsider, "en", "receptionist", 10);
      assert.deepEqual(
        official.map((h) => h.title.en?.text),
        ["Receptionists trained early"],
      );
      assert.deepEqual(official[0]!.languages, ["en"]);
      const participant = await pilots.searchLessons(beEditor, "en", "receptionist", 10);
      assert.equal(participant.length, 2);
    });

    test("comparable pilots come from the other country, with their latest measurements", async () => {
      const { pilots } = get().services;
      const luEditor = await actorOf(get(), { [LU]: ["editor"] });
      const luReviewer = await actorOf(get(), { [LU]: ["reviewer"] });
      const beEditor = await actorOf(get(), { [BE]: ["editor"] });
      const lu = await pilots.createPilot(luEditor, LU, buildPilotInput(BE));
      const be = await pilots.createPilot(beEditor, BE, buildPilotInput(BE, { participants: [{ organisationId: LU, role: "observer" }], tags: ["triage"] }));
      await pilots.createPilot(beEditor, BE, buildPilotInput(BE, { sector: "transport", tags: ["buses"], participants: [] }));
      await pilots.changeState(luReviewer, lu.id, { to: "approved" });
      const indicator = await pilots.saveIndicator(luEditor, lu.id, null, { name: text("Waiting"), unit: "min", direction: "decrease", targets: { BE: { baseline: 100, target: 70 } } });
      await pilots.recordMeasurement(beEditor, lu.id, { indicatorId: indicator.id, measuredOn: "2026-02-01", value: 95 });
      await pilots.recordMeasurement(beEditor, lu.id, { indicatorId: indicator.id, measuredOn: "2026-03-01", value: 88 });
      await refused(pilots.recordMeasurement(luEditor, lu.id, { indicatorId: indicator.id, measuredOn: "2026-03-01", value: 1 }), "invalid_input");

      const fromBelgium = await pilots.comparablePilots(beEditor, be);
      const found = fromBelgium.find((c) => c.pilot.id === lu.id);
      assert.ok(found, "the Luxembourg pilot in the same sector is comparable to the Belgian one");
      assert.deepEqual(
        found.latest.map((m) => m.value),
        [88],
      );
      assert.ok(fromBelgium.every((c) => c.pilot.leadOrganisationId === LU));
      const fromLuxembourg = await pilots.comparablePilots(luEditor, lu);
      assert.ok(fromLuxembourg.some((c) => c.pilot.id === be.id));
      assert.ok(!fromLuxembourg.some((c) => c.pilot.sector === "transport"), "nothing in common, not comparable");
    });

    test("the feed shows participants what changed since their last visit; digests collect it", async () => {
      const { pilots } = get().services;
      const luEditor = await actorOf(get(), { [LU]: ["editor"] });
      const luReviewer = await actorOf(get(), { [LU]: ["reviewer"] });
      const beEditor = await actorOf(get(), { [BE]: ["editor"] });
      await pilots.markFeedSeen(beEditor);
      await pilots.setDigest(beEditor, { digest: "daily" }, "nl");
      const pilot = await pilots.createPilot(luEditor, LU, buildPilotInput(BE, { title: text("Feed pilot") }));
      await pilots.changeState(luReviewer, pilot.id, { to: "approved" });
      const after = await pilots.feed(beEditor);
      const fresh = after.items.filter((i) => i.pilotId === pilot.id);
      assert.deepEqual(
        fresh.map((i) => [i.action, i.unread]),
        [
          ["pilot.state_changed", true],
          ["pilot.created", true],
        ],
      );
      assert.equal(fresh[0]!.detail.state, "approved");
      assert.ok(after.items.filter((i) => i.pilotId !== pilot.id).every((i) => !i.unread), "what was there at the last visit is read");
      assert.equal(after.unread, 2);

      const later = new Date(Date.now() + 25 * 3600 * 1000);
      const due = (await pilots.dueDigests(later)).find((d) => d.userId === (beEditor as { id: string }).id);
      assert.ok(due);
      assert.equal(due.lang, "nl");
      assert.ok(due.items.some((i) => i.pilotId === pilot.id));
      await pilots.markDigestSent(due.userId, later);
      assert.ok(!(await pilots.dueDigests(later)).some((d) => d.userId === due.userId), "sent once per period");
    });
  },
  async (ctx) => {
    await seed(
      ctx.services,
      [
        buildOrganisation({ id: LU, officialId: "LU-ADM-7001" }),
        buildOrganisation({ id: BE, country: "BE", officialId: "0765.432.146", kind: "agency" }),
        buildOrganisation({ id: BE2, country: "BE", officialId: "0203.201.340", kind: "agency" }),
      ],
      [buildImport({ id: "lu-triage", organisation: LU })],
    );
  },
);
