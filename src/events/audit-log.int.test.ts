// The audit-trail pages: platform admins see everything, an organisation's administrators only their own.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Role } from "../http/actor.ts";
import { buildImport, buildOrganisation, buildPilotInput, seed, signedInAs } from "../../test/factories.ts";
import { describeEachBackend, type TestContext } from "../../test/helpers.ts";
import type { Services } from "../services.ts";

/** The session cookie of a new user with these roles (organisation id → roles). */
async function signIn(services: Services, email: string, options: { roles?: Record<string, Role[]>; admin?: boolean } = {}) {
  return (await signedInAs(services, options.roles ?? {}, { email, platformAdmin: options.admin ?? false })).cookie;
}

describeEachBackend(
  "audit-log pages",
  (get: () => TestContext) => {
    const page = (cookie: string | undefined, query = "") =>
      get().app.inject({ url: `/en/admin/audit-log${query}`, headers: cookie ? { cookie } : {} });

    test("anonymous visitors are sent to sign in", async () => {
      const response = await page(undefined);
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, `/en/sign-in?next=${encodeURIComponent("/en/admin/audit-log")}`);
    });

    test("a platform admin sees every event, with the values before and after", async () => {
      const cookie = await signIn(get().services, "admin@example.lu", { admin: true });
      const response = await page(cookie);
      assert.equal(response.statusCode, 200);
      assert.match(response.body, /system\.version_published/);
      assert.match(response.body, /organisation\.created/);
      assert.match(response.body, /<details>/);
    });

    test("an organisation's administrator sees its own log and its records' logs, not another's", async () => {
      const cookie = await signIn(get().services, "lu-admin@example.lu", { roles: { "lu-test-ministry": ["org_admin"] } });
      const own = await page(cookie);
      assert.equal(own.statusCode, 200);
      assert.match(own.body, /lu-family-allowance/);
      assert.doesNotMatch(own.body, /be-tax-risk/);
      const record = await page(cookie, "?system=lu-family-allowance");
      assert.equal(record.statusCode, 200);
      assert.match(record.body, /system\.created/);
      assert.equal((await page(cookie, "?organisation=be-finance")).statusCode, 403);
      assert.equal((await page(cookie, "?system=be-tax-risk")).statusCode, 403);
    });

    test("an organisation's log holds the pilots it takes part in and the practices it shares", async () => {
      const { pilots, exchange } = get().services;
      const operator = { kind: "operator", name: "test" } as const;
      const text = { en: { text: "Shared between the two", status: "authored" as const } };
      const pilot = await pilots.createPilot(operator, "be-finance", buildPilotInput("lu-test-ministry", { sharing: "participants" }));
      const practice = await exchange.createPractice(operator, { organisationId: "be-finance", kind: "guide", title: text, summary: text, body: text, tags: [], sharing: "public" });
      const lu = await page(await signIn(get().services, "lu-partner-admin@example.lu", { roles: { "lu-test-ministry": ["org_admin"] } }));
      assert.match(lu.body, new RegExp(`pilot ${pilot.id}`), "a partner's log has the pilot");
      assert.doesNotMatch(lu.body, new RegExp(practice.id), "not another organisation's practice");
      const be = await page(await signIn(get().services, "be-admin@example.be", { roles: { "be-finance": ["org_admin"] } }));
      assert.match(be.body, new RegExp(`pilot ${pilot.id}`));
      assert.match(be.body, new RegExp(`practice ${practice.id}`));
    });

    test("an editor may not read the audit trail", async () => {
      const cookie = await signIn(get().services, "editor@example.lu", { roles: { "lu-test-ministry": ["editor"] } });
      assert.equal((await page(cookie, "?organisation=lu-test-ministry")).statusCode, 403);
    });
  },
  async ({ services }) => {
    await seed(
      services,
      [buildOrganisation(), buildOrganisation({ id: "be-finance", country: "BE", officialId: "0765.432.146", kind: "agency" })],
      [buildImport(), buildImport({ id: "be-tax-risk", organisation: "be-finance" })],
    );
  },
);
