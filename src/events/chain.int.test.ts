// The audit trail's hash chain detects an event changed behind the application's back.
import assert from "node:assert/strict";
import { test } from "node:test";
import { sql } from "drizzle-orm";
import { buildImport, buildOrganisation, buildRecord, seed } from "../../test/factories.ts";
import { describeEachBackend } from "../../test/helpers.ts";
import { verifyChain } from "./verify.ts";

describeEachBackend(
  "audit trail",
  (get) => {
    test("every write left an event, chained to the one before", async () => {
      const report = await verifyChain(get().database.db);
      assert.equal(report.ok, true);
      assert.ok(report.events >= 8, `expected the import's events, got ${report.events}`);
      const rows = (await get().database.db.execute(sql`select action from events order by id`)) as unknown as { rows: Array<{ action: string }> };
      const actions = rows.rows.map((r) => r.action);
      assert.ok(actions.includes("organisation.created"));
      assert.equal(actions.filter((a) => a === "system.version_published").length, 2);
    });

    test("events are append-only for the application's database role", async () => {
      await assert.rejects(
        get().database.db.execute(sql`update events set actor = 'someone else' where id = 2`),
        (error: Error) => /append-only/.test(String(error.cause ?? error)),
      );
    });

    test("changing one stored event, even with the trigger disabled, is named by verify", async () => {
      const db = get().database.db;
      await db.execute(sql`alter table events disable trigger events_append_only`);
      await db.execute(sql`update events set after = jsonb_set(after, '{version}', '7') where action = 'system.version_published' and id = (select min(id) from events where action = 'system.version_published')`);
      await db.execute(sql`alter table events enable trigger events_append_only`);
      const changed = (await db.execute(sql`select min(id)::int as id from events where action = 'system.version_published'`)) as unknown as { rows: Array<{ id: number }> };
      const report = await verifyChain(db);
      assert.deepEqual(report, { ok: false, events: report.events, brokenAt: changed.rows[0]!.id, reason: "hash_mismatch" });
    });
  },
  async ({ services }) => {
    await seed(services, [buildOrganisation()], [
      buildImport({ record: buildRecord({ status: { phase: "pilot", startDate: "2024-01-01" } }) }),
      buildImport(),
    ]);
  },
);
