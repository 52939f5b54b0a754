// A bias audit through HTTP, on PGlite and on PostgreSQL: an editor of the owning ministry uploads the fixture's
// decisions (multipart, streamed), maps the columns, the job runs it, a reviewer publishes it, and the public page,
// the PDF and the JSON show the published figures; other organisations see nothing; bad files and mappings give
// translated errors and store nothing; a restart mid-audit re-runs the job, and the file is gone once it has run.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { count, eq } from "drizzle-orm";
import { Agent } from "../../../test/agent.ts";
import { buildImport, buildOrganisation, seed, signedInAs, type SignedInUser } from "../../../test/factories.ts";
import { describeEachBackend, type TestContext } from "../../../test/helpers.ts";
import { jobs } from "../../jobs/tables.ts";
import { beNationalNumber, person, seededRandom } from "../privacy/synthetic.ts";
import { audits } from "./tables.ts";

const FIXTURE = fileURLToFixture("../../../../shared/fixtures/audit/decisions-20k.csv");
function fileURLToFixture(relative: string) {
  return new URL(relative, import.meta.url).pathname;
}
const expected = JSON.parse(fs.readFileSync(new URL("../../../../shared/fixtures/audit/expected-fairlearn.json", import.meta.url), "utf8")) as {
  groupings: Array<{ attributes: string[]; groups: Array<{ attributes: Record<string, string>; count: number; selection_rate: number | null }> }>;
};

const LU = "lu-ministry-family";
const BE = "be-agency-social";
const SYSTEM = "lu-child-benefit";
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gaichel-audits-int-"));
const uploads = path.join(dataDir, "uploads", "audits");

const decode = (html: string) =>
  html.replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");

/** A multipart body as a browser sends it: the title first, then the file. */
async function multipart(fields: Record<string, string>, file?: { name: string; content: Buffer | string }) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file) form.append("file", new Blob([typeof file.content === "string" ? file.content : new Uint8Array(file.content)]), file.name);
  const request = new Request("http://localhost/", { method: "POST", body: form });
  return { payload: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get("content-type")! };
}

async function browser(app: TestContext["app"], who: SignedInUser, first: string): Promise<Agent> {
  const agent = new Agent(app);
  agent.cookies.set("gaichel_session", who.sessionToken);
  const page = await agent.get(first);
  assert.equal(page.statusCode, 200, page.body.slice(0, 400));
  return agent;
}

async function upload(ctx: TestContext, agent: Agent, title: string, file?: { name: string; content: Buffer | string }, csrf = agent.csrf) {
  const { payload, contentType } = await multipart({ title }, file);
  const cookie = [...agent.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  return ctx.app.inject({
    method: "POST",
    url: `/en/workspace/systems/${SYSTEM}/audits?_csrf=${encodeURIComponent(csrf ?? "")}`,
    headers: { cookie, "content-type": contentType },
    payload,
  });
}

const auditIdOf = (location: unknown) => /\/workspace\/audits\/([0-9a-f-]{36})/.exec(String(location))?.[1] ?? "";

describeEachBackend(
  "bias audits",
  (get) => {
    let editor: SignedInUser, reviewer: SignedInUser, belgian: SignedInUser;
    let auditId = "";

    test("setup: a published LU record and its people", async () => {
      const { services } = get();
      await seed(
        services,
        [
          buildOrganisation({ id: LU, officialId: "LU-ADM-4242" }),
          buildOrganisation({ id: BE, country: "BE", officialId: "0765.432.146", kind: "agency" }),
        ],
        [buildImport({ id: SYSTEM, organisation: LU, state: "published" })],
      );
      editor = await signedInAs(services, { [LU]: ["editor"] });
      reviewer = await signedInAs(services, { [LU]: ["reviewer"] });
      belgian = await signedInAs(services, { [BE]: ["editor", "reviewer", "org_admin"] });
    });

    test("an upload without a title, without a file, or without the CSRF token stores nothing", async () => {
      const ctx = get();
      const agent = await browser(ctx.app, editor, `/en/workspace/systems/${SYSTEM}/audits`);
      const noTitle = await upload(ctx, agent, "", { name: "d.csv", content: fs.readFileSync(FIXTURE) });
      assert.equal(noTitle.statusCode, 400);
      assert.match(decode(noTitle.body), /href="#title"/);
      const noFile = await upload(ctx, agent, "First half");
      assert.equal(noFile.statusCode, 400);
      assert.match(decode(noFile.body), /Choose a CSV or Parquet file/);
      const empty = await upload(ctx, agent, "First half", { name: "d.csv", content: "" });
      assert.equal(empty.statusCode, 400);
      const forged = await upload(ctx, agent, "First half", { name: "d.csv", content: fs.readFileSync(FIXTURE) }, "forged");
      assert.equal(forged.statusCode, 403);
      const [stored] = await ctx.database.db.select({ n: count() }).from(audits);
      assert.equal(stored!.n, 0);
      assert.deepEqual(fs.existsSync(uploads) ? fs.readdirSync(uploads) : [], [], "no file left behind");
    });

    test("a file that is not UTF-8 is refused at upload with the reason", async () => {
      const ctx = get();
      const agent = await browser(ctx.app, editor, `/en/workspace/systems/${SYSTEM}/audits`);
      const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("sex,decision\nF,1\n", "utf16le")]);
      const response = await upload(ctx, agent, "Wrong encoding", { name: "d.csv", content: utf16 });
      assert.equal(response.statusCode, 422);
      assert.match(decode(response.body), /UTF-8/);
      const [stored] = await ctx.database.db.select({ n: count() }).from(audits);
      assert.equal(stored!.n, 0);
    });

    test("an editor uploads the decisions and maps the columns; a wrong mapping is named and keeps what was typed", async () => {
      const ctx = get();
      const agent = await browser(ctx.app, editor, `/en/workspace/systems/${SYSTEM}/audits`);
      const response = await upload(ctx, agent, "Decisions 2026 H1", { name: "decisions-20k.csv", content: fs.readFileSync(FIXTURE) });
      assert.equal(response.statusCode, 303, response.body.slice(0, 500));
      auditId = auditIdOf(response.headers.location);
      const page = decode((await agent.get(`/en/workspace/audits/${auditId}`)).body);
      assert.match(page, /Map the columns/);
      assert.match(page, /<option value="nationality"/, "the file's columns are offered");

      const wrong = await agent.post(`/en/workspace/audits/${auditId}/settings`, { outcome: "decision", decision: "decision", favourable: "1", protected: [], min_group_size: "10" });
      assert.equal(wrong.statusCode, 400);
      assert.match(decode(wrong.body), /href="#protected"/);
      const notBinary = await agent.post(`/en/workspace/audits/${auditId}/settings`, { outcome: "decision", decision: "age_band", favourable: "18-24", protected: ["sex"], min_group_size: "10" });
      assert.equal(notBinary.statusCode, 422);
      assert.match(decode(notBinary.body), /age_band/);
      assert.match(decode(notBinary.body), /<option value="age_band" selected/, "the typed mapping is kept");

      const queued = await agent.post(`/en/workspace/audits/${auditId}/settings`, {
        outcome: "decision",
        decision: "decision",
        favourable: "1",
        label: "label",
        label_favourable: "1",
        protected: ["sex", "nationality", "age_band"],
        min_group_size: "10",
        reference: "largest",
      });
      assert.equal(queued.statusCode, 303);
      const status = await ctx.app.inject({ method: "GET", url: `/api/v1/audits/${auditId}/status`, headers: { authorization: `Bearer ${editor.token}` } });
      assert.equal(status.json().state, "queued");
      assert.match(decode((await agent.get(`/en/workspace/audits/${auditId}`)).body), /<progress/);
    });

    test("nothing of an unpublished audit is public, and another organisation sees none of it", async () => {
      const ctx = get();
      assert.equal((await ctx.app.inject({ method: "GET", url: `/en/systems/${SYSTEM}/audits/${auditId}` })).statusCode, 404);
      assert.equal((await ctx.app.inject({ method: "GET", url: `/api/v1/systems/${SYSTEM}/audits/${auditId}` })).statusCode, 404);
      const other = await ctx.app.inject({ method: "GET", url: `/en/workspace/audits/${auditId}`, headers: { cookie: belgian.cookie } });
      assert.equal(other.statusCode, 404);
      const status = await ctx.app.inject({ method: "GET", url: `/api/v1/audits/${auditId}/status`, headers: { authorization: `Bearer ${belgian.token}` } });
      assert.equal(status.statusCode, 404);
    });

    test("a worker that dies mid-audit leaves nothing half-done: the job runs again and completes once", async () => {
      const ctx = get();
      // The first worker "dies": it holds the job under a lease that has run out, without having written anything.
      await ctx.database.db.update(jobs).set({ state: "running", attempts: 1, workerId: "dead", leaseUntil: new Date(Date.now() - 1000) });
      assert.equal(await ctx.services.jobs.runOnce(), true);
      const [row] = await ctx.database.db.select().from(audits).where(eq(audits.id, auditId));
      assert.equal(row!.state, "completed");
      assert.equal(row!.stats!.rows, 20_000);
      assert.deepEqual(fs.readdirSync(uploads), [], "the decisions are deleted once the counts are stored");
      assert.equal(await ctx.services.jobs.runOnce(), false, "nothing left to run");
    });

    test("the raw report shows every group to the organisation; its uploader may not publish it, a reviewer does", async () => {
      const ctx = get();
      const agent = await browser(ctx.app, editor, `/en/workspace/audits/${auditId}`);
      const page = decode((await agent.get(`/en/workspace/audits/${auditId}`)).body);
      assert.doesNotMatch(page, /Publish the audit/);
      assert.equal((await agent.post(`/en/workspace/audits/${auditId}/publish`)).statusCode, 403);
      const reviewing = await browser(ctx.app, reviewer, `/en/workspace/audits/${auditId}`);
      const published = await reviewing.post(`/en/workspace/audits/${auditId}/publish`);
      assert.equal(published.statusCode, 303);
      assert.equal(published.headers.location, `/en/systems/${SYSTEM}/audits/${auditId}`);
    });

    test("the public page, the system page, the JSON and the PDF show the published figures, in every language", async () => {
      const ctx = get();
      for (const lang of ["fr", "nl", "de", "en"]) {
        const page = await ctx.app.inject({ method: "GET", url: `/${lang}/systems/${SYSTEM}/audits/${auditId}` });
        assert.equal(page.statusCode, 200);
        assert.match(page.body, new RegExp(`<html lang="${lang}"`));
        assert.match(page.body, /<svg[^>]*role="img"/);
        assert.doesNotMatch(page.body, /audits\.|audit_report\./, "no untranslated key");
        const system = await ctx.app.inject({ method: "GET", url: `/${lang}/systems/${SYSTEM}` });
        assert.match(system.body, new RegExp(`/${lang}/systems/${SYSTEM}/audits/${auditId}`));
      }
      const json = await ctx.app.inject({ method: "GET", url: `/api/v1/systems/${SYSTEM}/audits/${auditId}` });
      assert.equal(json.statusCode, 200);
      const result = json.json().result as { view: string; groupings: Array<{ attributes: string[]; groups: Array<{ attributes: Record<string, string>; count: number | null; selection_rate: number | null; suppressed: boolean }> }> };
      assert.equal(result.view, "published");
      // Every group the reference computed with fairlearn, as published: its figures, or withheld when small.
      const sex = result.groupings.find((g) => g.attributes.join() === "sex")!;
      const reference = expected.groupings.find((g) => g.attributes.join() === "sex")!;
      for (const group of reference.groups) {
        const ours = sex.groups.find((g) => g.attributes.sex === group.attributes.sex)!;
        if (ours.suppressed) continue;
        assert.equal(ours.count, group.count);
        assert.ok(Math.abs(ours.selection_rate! - group.selection_rate!) < 1e-9);
      }
      await assert.rejects(
        ctx.database.db.update(audits).set({ title: "Rewritten" }).where(eq(audits.id, auditId)),
        (error: Error) => /published audits are frozen/.test(String(error.cause)),
        "a published audit cannot be rewritten, even in SQL",
      );
      const list = await ctx.app.inject({ method: "GET", url: `/api/v1/systems/${SYSTEM}/audits` });
      assert.deepEqual(list.json().items.map((i: { id: string }) => i.id), [auditId]);
      const pdf = await ctx.app.inject({ method: "GET", url: `/fr/systems/${SYSTEM}/audits/${auditId}/report.pdf` });
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers["content-type"], "application/pdf");
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), "%PDF-");
    });

    test("through the API: a token uploads with its mapping, a bad mapping costs no upload, a session cannot write", async () => {
      const ctx = get();
      const send = async (headers: Record<string, string>, settings: string) => {
        const { payload, contentType } = await multipart({ title: "Via API", settings }, { name: "d.csv", content: fs.readFileSync(FIXTURE) });
        return ctx.app.inject({ method: "POST", url: `/api/v1/systems/${SYSTEM}/audits`, headers: { ...headers, "content-type": contentType }, payload });
      };
      const settings = JSON.stringify({ decision: "decision", favourable: "1", protected: ["region"] });
      assert.equal((await send({ cookie: editor.cookie }, settings)).statusCode, 401);
      assert.equal((await send({ authorization: `Bearer ${belgian.token}` }, settings)).statusCode, 404, "another organisation does not learn the record exists");
      const bad = await send({ authorization: `Bearer ${editor.token}` }, JSON.stringify({ decision: "decision", protected: [] }));
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().id, "invalid_input");
      const accepted = await send({ authorization: `Bearer ${editor.token}` }, settings);
      assert.equal(accepted.statusCode, 202, accepted.body);
      assert.equal(accepted.json().state, "queued");
      while (await ctx.services.jobs.runOnce());
      const status = await ctx.app.inject({ method: "GET", url: `/api/v1/audits/${accepted.json().id}/status`, headers: { authorization: `Bearer ${editor.token}` } });
      assert.equal(status.json().state, "completed");
    });

    test("columns holding personal identifiers are named at upload and can be removed from, or pseudonymised in, the file before the audit", async () => {
      const ctx = get();
      const agent = await browser(ctx.app, editor, `/en/workspace/systems/${SYSTEM}/audits`);
      const next = seededRandom(3);
      const rows = Array.from({ length: 200 }, (_, i) => `${beNationalNumber(person(next))},${i % 2 ? "F" : "M"},${i % 3 ? 1 : 0}`);
      const response = await upload(ctx, agent, "With identifiers", { name: "ids.csv", content: ["national_number,sex,decision", ...rows].join("\n") + "\n" });
      const id = auditIdOf(response.headers.location);
      const page = decode((await agent.get(`/en/workspace/audits/${id}`)).body);
      assert.match(page, /This file holds personal identifiers/);
      assert.match(page, /<code>national_number<\/code>/);
      const dropped = await agent.post(`/en/workspace/audits/${id}/protect-identifiers`, { how: "drop" });
      assert.equal(dropped.statusCode, 303);
      const after = decode((await agent.get(String(dropped.headers.location))).body);
      assert.match(after, /national_number was removed from the stored file/);
      assert.doesNotMatch(after, /<option value="national_number"/);
      const stored = fs.readFileSync(path.join(uploads, `${id}.csv`), "utf8");
      assert.equal(stored.split("\n")[0], "sex,decision");
      for (const row of rows.slice(0, 20)) assert.ok(!stored.includes(row.split(",")[0]!));
      await agent.post(`/en/workspace/audits/${id}/discard`);

      // With the instance's key, the column stays, holding pseudonyms.
      const again = await upload(ctx, agent, "Pseudonymised", { name: "ids.csv", content: ["national_number,sex,decision", ...rows].join("\n") + "\n" });
      const second = auditIdOf(again.headers.location);
      await agent.get(`/en/workspace/audits/${second}`);
      assert.equal((await agent.post(`/en/workspace/audits/${second}/protect-identifiers`, { how: "pseudonymise" })).statusCode, 303);
      const pseudonymised = fs.readFileSync(path.join(uploads, `${second}.csv`), "utf8").trim().split("\n");
      assert.equal(pseudonymised[0], "national_number,sex,decision");
      assert.ok(pseudonymised.slice(1).every((line) => /^h_[a-z2-7]{26},[FM],[01]$/.test(line)), pseudonymised[1]);
      await agent.post(`/en/workspace/audits/${second}/discard`);
    });

    test("an upload over the size limit is refused with the limit, and leaves nothing", async () => {
      const ctx = get();
      const agent = await browser(ctx.app, editor, `/en/workspace/systems/${SYSTEM}/audits`);
      const before = (await ctx.database.db.select({ n: count() }).from(audits))[0]!.n;
      const response = await upload(ctx, agent, "Too big", { name: "big.csv", content: Buffer.alloc(3 * 1024 * 1024, "a") });
      assert.equal(response.statusCode, 413);
      assert.match(decode(response.body), /2 MiB/);
      assert.equal((await ctx.database.db.select({ n: count() }).from(audits))[0]!.n, before);
      assert.deepEqual(fs.readdirSync(uploads), []);
    });
  },
  async () => {},
  { GAICHEL_DATA_DIR: dataDir, GAICHEL_UPLOAD_LIMIT: String(2 * 1024 * 1024), GAICHEL_PRIVACY_KEY: "11".repeat(32) },
);
