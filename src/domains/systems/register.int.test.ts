// The public register through HTTP, on PGlite and on PostgreSQL.
import assert from "node:assert/strict";
import { test } from "node:test";
import { buildImport, buildOrganisation, buildRecord, seed } from "../../../test/factories.ts";
import { describeEachBackend } from "../../../test/helpers.ts";

const be = buildOrganisation({
  id: "be-finance",
  country: "BE",
  officialId: "0765.432.146",
  kind: "agency",
  name: { nl: { text: "Financiën", status: "authored" }, fr: { text: "Finances", status: "authored" } },
});

describeEachBackend(
  "public register",
  (get) => {
    test("French search stems: 'allocations' finds a record that says 'allocation'", async () => {
      const response = await get().app.inject({ url: "/api/v1/systems?q=allocations" });
      assert.equal(response.statusCode, 200);
      const body = response.json();
      assert.deepEqual(body.items.map((i: { id: string }) => i.id), ["lu-family-allowance"]);
    });

    test("Dutch and German search stem in their own language", async () => {
      const nl = (await get().app.inject({ url: "/api/v1/systems?q=belastingaangiftes" })).json();
      assert.deepEqual(nl.items.map((i: { id: string }) => i.id), ["be-tax-risk"]);
      const de = (await get().app.inject({ url: "/api/v1/systems?q=Steuererklärung" })).json();
      assert.deepEqual(de.items.map((i: { id: string }) => i.id), ["be-tax-risk"]);
    });

    test("facets count the other filters and filter the list", async () => {
      const body = (await get().app.inject({ url: "/api/v1/systems?country=BE" })).json();
      assert.equal(body.total, 1);
      assert.deepEqual(body.facets.country, [
        { value: "BE", count: 1 },
        { value: "LU", count: 1 },
      ]);
      assert.deepEqual(body.facets.theme, [{ value: "taxation", count: 1 }]);
    });

    test("a system in draft only is not public", async () => {
      const response = await get().app.inject({ url: "/api/v1/systems/lu-draft-only" });
      assert.equal(response.statusCode, 404);
      assert.equal(response.headers["content-type"], "application/problem+json; charset=utf-8");
      assert.equal(response.json().id, "system_not_found");
      const list = (await get().app.inject({ url: "/api/v1/systems" })).json();
      assert.equal(list.total, 2);
    });

    test("an unknown id gives a translated 404 page", async () => {
      for (const [lang, words] of [
        ["fr", "Système introuvable"],
        ["en", "System not found"],
      ] as const) {
        const response = await get().app.inject({ url: `/${lang}/systems/no-such-system` });
        assert.equal(response.statusCode, 404);
        assert.match(response.body, new RegExp(words));
        assert.match(response.body, new RegExp(`<html lang="${lang}"`));
      }
    });

    test("each publication is a version; history and diff show what changed", async () => {
      const versions = (await get().app.inject({ url: "/api/v1/systems/lu-family-allowance/versions" })).json();
      assert.deepEqual(versions.versions.map((v: { version: number }) => v.version), [2, 1]);
      const diff = (await get().app.inject({ url: "/api/v1/systems/lu-family-allowance/diff?from=1&to=2" })).json();
      assert.deepEqual(
        diff.changes.map((c: { path: string[]; lang: string }) => [c.path.join("."), c.lang]),
        [["status.phase", null]],
      );
      const page = await get().app.inject({ url: "/en/systems/lu-family-allowance/diff?from=1&to=2" });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<del>(?:(?!<\/del>).)*Pilot(?:(?!<\/del>).)*<\/del>/s, "codes are shown as their labels");
      assert.match(page.body, /<ins>(?:(?!<\/ins>).)*In use(?:(?!<\/ins>).)*<\/ins>/s);
      const old = await get().app.inject({ url: "/en/systems/lu-family-allowance/versions/1" });
      assert.match(old.body, /You are reading version 1/);
    });

    test("published versions cannot be rewritten, even in SQL", async () => {
      const { sql } = await import("drizzle-orm");
      await assert.rejects(
        get().database.db.execute(sql`update system_versions set version = 9 where system_id = 'lu-family-allowance'`),
        (error: Error) => /immutable/.test(String(error.cause)),
      );
    });

    test("a field missing in the page's language falls back visibly", async () => {
      const page = await get().app.inject({ url: "/de/systems/be-tax-risk" });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<span lang="nl">Risicoanalyse van belastingaangiftes<\/span>/);
      assert.match(page.body, /In dieser Sprache nicht verfügbar: angezeigt auf Niederländisch/);
    });

    test("a former id redirects to the current one", async () => {
      const response = await get().app.inject({ url: "/fr/systems/be-old-tax-id" });
      assert.equal(response.statusCode, 301);
      assert.equal(response.headers.location, "/fr/systems/be-tax-risk");
    });

    test("the root negotiates the language", async () => {
      const response = await get().app.inject({ url: "/", headers: { "accept-language": "nl-BE,nl;q=0.9,en;q=0.5" } });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, "/nl/");
    });

    test("a body over the limit gives 413, malformed JSON 400, never 500", async () => {
      const big = await get().app.inject({
        method: "POST",
        url: "/api/v1/systems/validate",
        headers: { "content-type": "application/json" },
        payload: JSON.stringify({ systems: ["x".repeat(2048)] }),
      });
      assert.equal(big.statusCode, 413);
      assert.equal(big.json().id, "body_too_large");
      const malformed = await get().app.inject({
        method: "POST",
        url: "/api/v1/systems/validate",
        headers: { "content-type": "application/json" },
        payload: "{not json",
      });
      assert.equal(malformed.statusCode, 400);
      assert.equal(malformed.json().id, "malformed_body");
    });
  },
  async ({ services }) => {
    await seed(services, [buildOrganisation(), be], [
      buildImport({ record: buildRecord({ status: { phase: "pilot", startDate: "2024-01-01" } }), publishedAt: "2024-01-01T00:00:00Z" }),
      buildImport({ publishedAt: "2025-01-01T00:00:00Z" }),
      buildImport({
        id: "be-tax-risk",
        formerIds: ["be-old-tax-id"],
        organisation: "be-finance",
        record: buildRecord({
          name: { nl: { text: "Risicoanalyse van belastingaangiftes", status: "authored" } },
          summary: {
            nl: { text: "Selecteert belastingaangiftes voor controle.", status: "authored" },
            de: { text: "Wählt Steuererklärungen für die Prüfung aus.", status: "machine" },
          },
          classification: { theme: "taxation", region: "BE", tags: [] },
          riskClass: { class: "minimal", art6_3Exemption: false, art50Transparency: false, prohibitedChecked: true },
        }),
      }),
      buildImport({ id: "lu-draft-only", state: "draft" }),
    ]);
  },
  { GAICHEL_BODY_LIMIT: "1024" },
);
