// The workspace's dataset page through HTTP, on PGlite and on PostgreSQL: an editor uploads synthetic records with
// Belgian national numbers and e-mail addresses, the scan finds them (masked on the page), the preview and the
// protected file carry pseudonyms and never the values, the run record (never the key) is in the audit trail;
// other organisations and viewers see nothing; a file DuckDB cannot read fails with a translated reason.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { eq } from "drizzle-orm";
import { Agent } from "../../../test/agent.ts";
import { buildOrganisation, seed, signedInAs, type SignedInUser } from "../../../test/factories.ts";
import { describeEachBackend, type TestContext } from "../../../test/helpers.ts";
import { events } from "../../events/tables.ts";
import { beNationalNumber, email, person, seededRandom } from "./synthetic.ts";

const LU = "lu-ministry-health";
const BE = "be-agency-mobility";
const KEY = randomBytes(32).toString("hex");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gaichel-datasets-int-"));

const next = seededRandom(7);
const people = Array.from({ length: 300 }, (_, i) => ({ nn: beNationalNumber(person(next)), mail: email(next, i), age: String(18 + (i % 60)) }));
const CSV = ["rijksregisternummer,email,age", ...people.map((p) => `${p.nn},${p.mail},${p.age}`)].join("\n") + "\n";

const decode = (html: string) =>
  html.replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");

async function browser(app: TestContext["app"], who: SignedInUser): Promise<Agent> {
  const agent = new Agent(app);
  agent.cookies.set("gaichel_session", who.sessionToken);
  await agent.get("/en/workspace/datasets");
  return agent;
}

async function upload(ctx: TestContext, agent: Agent, fields: Record<string, string>, content: string) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append("file", new Blob([content]), "people.csv");
  const request = new Request("http://localhost/", { method: "POST", body: form });
  const cookie = [...agent.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  return ctx.app.inject({
    method: "POST",
    url: `/en/workspace/datasets?_csrf=${encodeURIComponent(agent.csrf ?? "")}`,
    headers: { cookie, "content-type": request.headers.get("content-type")! },
    payload: Buffer.from(await request.arrayBuffer()),
  });
}

const idOf = (location: unknown) => /\/workspace\/datasets\/([0-9a-f-]{36})/.exec(String(location))?.[1] ?? "";

describeEachBackend(
  "datasets",
  (get) => {
    let editor: SignedInUser, viewer: SignedInUser, belgian: SignedInUser;
    let id = "";

    test("setup", async () => {
      await seed(get().services, [buildOrganisation({ id: LU, officialId: "LU-ADM-5151" }), buildOrganisation({ id: BE, country: "BE", officialId: "0765.432.146", kind: "agency" })], []);
      editor = await signedInAs(get().services, { [LU]: ["editor"] });
      viewer = await signedInAs(get().services, { [LU]: ["viewer", "reviewer"] });
      belgian = await signedInAs(get().services, { [BE]: ["editor", "dpo", "org_admin"] });
    });

    test("an editor uploads a file; the scan finds the identifiers and shows them masked", async () => {
      const ctx = get();
      const agent = await browser(ctx.app, editor);
      const refused = await upload(ctx, agent, { organisation: BE, title: "Not mine" }, CSV);
      assert.equal(refused.statusCode, 400, "only the user's own organisations");
      const response = await upload(ctx, agent, { organisation: LU, title: "Pilot cohort" }, CSV);
      assert.equal(response.statusCode, 303, response.body.slice(0, 300));
      id = idOf(response.headers.location);
      assert.match(decode((await agent.get(`/en/workspace/datasets/${id}`)).body), /<progress/);
      while (await ctx.services.jobs.runOnce());
      const page = decode((await agent.get(`/en/workspace/datasets/${id}`)).body);
      assert.match(page, /Belgian national register number/);
      assert.match(page, /E-mail address/);
      for (const p of people.slice(0, 50)) assert.ok(!page.includes(p.nn), "no national number appears unmasked");
      assert.match(page, /<option value="hmac" selected/, "identifiers are proposed for pseudonymisation");
    });

    test("the preview and the protected file carry pseudonyms; the run record, never the key, is in the audit trail", async () => {
      const ctx = get();
      const agent = await browser(ctx.app, editor);
      await agent.get(`/en/workspace/datasets/${id}`);
      const noDomain = await agent.post(`/en/workspace/datasets/${id}/preview`, { domain: "", op_0: "hmac", op_1: "hmac", op_2: "keep" });
      assert.equal(noDomain.statusCode, 400);
      assert.match(decode(noDomain.body), /href="#domain"/);
      const preview = decode((await agent.post(`/en/workspace/datasets/${id}/preview`, { domain: "pilot-health", op_0: "hmac", op_1: "suppress", op_2: "generalise_age_band" })).body);
      assert.match(preview, /The first rows, as they would come out/);
      assert.match(preview, />h_[a-z2-7]{26}</);
      assert.ok(!preview.includes(people[0]!.nn));
      const protect = await agent.post(`/en/workspace/datasets/${id}/protect`, { domain: "pilot-health", op_0: "hmac", op_1: "suppress", op_2: "generalise_age_band" });
      assert.equal(protect.statusCode, 303);
      while (await ctx.services.jobs.runOnce());
      const download = await agent.get(`/en/workspace/datasets/${id}/protected`);
      assert.equal(download.statusCode, 200);
      const [header, ...rows] = download.body.trim().split("\n");
      assert.equal(header, "rijksregisternummer,age");
      assert.equal(rows.length, people.length);
      assert.ok(rows.every((row) => /^h_[a-z2-7]{26},\d+-\d+$/.test(row)), rows[0]);
      for (const p of people) assert.ok(!download.body.includes(p.nn));
      const trail = await ctx.database.db.select().from(events).where(eq(events.subjectId, id));
      const protectedEvent = trail.find((e) => e.action === "dataset.protected");
      assert.ok(protectedEvent, "the protection is in the audit trail");
      const text = JSON.stringify(protectedEvent);
      assert.match(text, /pilot-health/);
      assert.ok(!text.includes(KEY), "never the key");
    });

    test("another organisation and a viewer of the same one see nothing of it", async () => {
      const ctx = get();
      for (const who of [belgian, viewer]) {
        const agent = await browser(ctx.app, who);
        assert.equal((await agent.get(`/en/workspace/datasets/${id}`)).statusCode, 404);
        assert.equal((await agent.get(`/en/workspace/datasets/${id}/protected`)).statusCode, 404);
        assert.doesNotMatch((await agent.get("/en/workspace/datasets")).body, /Pilot cohort/);
      }
    });

    test("a file DuckDB cannot read fails with a translated reason, and can be deleted", async () => {
      const ctx = get();
      const agent = await browser(ctx.app, editor);
      // Parquet by its magic bytes, and nothing a Parquet reader can make sense of after them.
      const response = await upload(ctx, agent, { organisation: LU, title: "Broken" }, `PAR1${"\u0007".repeat(64)}PAR1`);
      const broken = idOf(response.headers.location);
      while (await ctx.services.jobs.runOnce());
      const page = await agent.get(`/en/workspace/datasets/${broken}`);
      assert.match(decode(page.body), /Failed/);
      assert.doesNotMatch(page.body, /errors\./);
      const discarded = await agent.post(`/en/workspace/datasets/${broken}/discard`);
      assert.equal(discarded.statusCode, 303);
      assert.equal((await agent.get(`/en/workspace/datasets/${broken}`)).statusCode, 404);
    });
  },
  async () => {},
  { GAICHEL_DATA_DIR: dataDir, GAICHEL_PRIVACY_KEY: KEY },
);
