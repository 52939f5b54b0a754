// The e-mail digest end to end, on PGlite and on PostgreSQL, through a real SMTP server started by the test: a Belgian
// partner subscribes in Dutch, the Luxembourg lead records changes, the digest job sends one e-mail with them and
// links to the pilot, and sends nothing more until the next period.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import type { Actor } from "../../http/actor.ts";
import { buildOrganisation, buildPilotInput, seed, signedInAs } from "../../../test/factories.ts";
import { describeEachBackend, type TestContext } from "../../../test/helpers.ts";
import { startSmtpSink } from "../../../test/smtp-sink.ts";
import { DIGEST_JOB } from "./digest-job.ts";

const LU = "lu-ministry-health";
const BE = "be-agency-health";
const sink = await startSmtpSink();
after(() => sink.close());

async function actorOf(ctx: TestContext, roles: Record<string, Array<"editor" | "reviewer">>): Promise<{ actor: Actor; email: string }> {
  const who = await signedInAs(ctx.services, roles);
  return { actor: (await ctx.services.users.resolveSession(who.sessionToken)).actor!, email: who.email };
}

async function runDigest(ctx: TestContext, at: Date) {
  await ctx.services.jobs.enqueue(null, DIGEST_JOB, at.toISOString(), { at: at.toISOString() });
  while (await ctx.services.jobs.runOnce());
}

describeEachBackend(
  "pilot digests",
  (get) => {
    test("a subscriber gets one e-mail per period with what changed in their pilots", async () => {
      const { pilots } = get().services;
      const lead = await actorOf(get(), { [LU]: ["editor"] });
      const reviewer = await actorOf(get(), { [LU]: ["reviewer"] });
      const partner = await actorOf(get(), { [BE]: ["editor"] });
      await pilots.setDigest(partner.actor, { digest: "weekly" }, "nl");
      const start = sink.messages.length;

      const pilot = await pilots.createPilot(lead.actor, LU, buildPilotInput(BE, { title: { nl: { text: "Triage op de spoedafdeling", status: "authored" } } }));
      await pilots.changeState(reviewer.actor, pilot.id, { to: "approved" });

      await runDigest(get(), new Date(Date.now() + 8 * 24 * 3600 * 1000));
      const [mail] = (await sink.waitFor(start + 1)).slice(start);
      assert.equal(mail!.to && "value" in mail!.to ? mail!.to.value[0]!.address : undefined, partner.email);
      assert.match(mail!.subject ?? "", /Gäichel/);
      assert.match(mail!.text ?? "", /Triage op de spoedafdeling/);
      assert.ok((mail!.text ?? "").includes(`http://gaichel.test/nl/pilots/${pilot.id}`), "absolute link to the pilot");
      assert.ok((mail!.html || "").includes('lang="nl"'));

      await runDigest(get(), new Date(Date.now() + 9 * 24 * 3600 * 1000));
      assert.equal(sink.messages.length, start + 1, "nothing more within the same week");
    });
  },
  async (ctx) => {
    await seed(ctx.services, [buildOrganisation({ id: LU, officialId: "LU-ADM-7001" }), buildOrganisation({ id: BE, country: "BE", officialId: "0765.432.146", kind: "agency" })], []);
  },
  { GAICHEL_SMTP_URL: sink.url, GAICHEL_PUBLIC_URL: "http://gaichel.test" },
);
