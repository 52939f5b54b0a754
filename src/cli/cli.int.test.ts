// The `gaichel` command end to end, on PGlite (a data directory) and on PostgreSQL: migrations, demo data,
// exports and their round trip, all-or-nothing imports that name every problem, and the PGlite lock.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { buildOrganisation, buildRecord } from "../../test/factories.ts";
import { backends, createPostgresDatabase, type Backend } from "../../test/helpers.ts";
import { loadConfig } from "../config.ts";
import { openDatabase } from "../db/client.ts";
import demoOrganisations from "../demo/organisations.json" with { type: "json" };
import { parseCsv, toCsv } from "../domains/systems/exports/csv.ts";
import { FLAT_COLUMNS } from "../domains/systems/exports/flat.ts";
import en from "../i18n/locales/en.json" with { type: "json" };
import { createServices, type Services } from "../services.ts";
import { renderAssessmentPdf } from "../domains/assessments/export.ts";
import { runGaichel } from "../../test/cli.ts";

/** Runs the command as `gaichel` would, capturing what it prints. */
const gaichel = runGaichel;

/** Asserts a successful run and returns what it printed. */
async function ok(env: Record<string, string>, ...argv: string[]): Promise<string> {
  const run = await gaichel(env, ...argv);
  assert.equal(run.code, 0, `gaichel ${argv.join(" ")} failed:\n${run.err}`);
  return run.out;
}

/** A database the command can be pointed at: a data directory for PGlite, a fresh database for PostgreSQL. */
interface Store {
  env: Record<string, string>;
  drop(): Promise<void>;
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "gaichel-cli-"));
const file = (name: string) => path.join(scratch, name);
const write = (name: string, text: string) => (fs.writeFileSync(file(name), text), file(name));
const read = (name: string) => fs.readFileSync(file(name), "utf8");

/** The line the command prints for one problem of an import file, in English. */
function problemLine(line: number, where: string, message: string): string {
  return where ? `  line ${line}, ${where}: ${message}` : `  line ${line}: ${message}`;
}

/** The rows of a CSV, by id and version, as column → cell. */
function csvRows(text: string): Map<string, Record<string, string>> {
  return new Map(parseCsv(text).rows.map((r) => [`${r.cells.id}@${r.cells.version}`, r.cells]));
}

/** The cells that differ between two CSV exports of the same systems, as "id column". */
function differingCells(a: string, b: string): string[] {
  const [left, right] = [parseCsv(a).rows, parseCsv(b).rows];
  assert.equal(left.length, right.length, "both exports have the same rows");
  const out: string[] = [];
  left.forEach((row, index) => {
    for (const column of FLAT_COLUMNS) {
      if (row.cells[column] !== right[index]!.cells[column]) out.push(`${row.cells.id} ${column}`);
    }
  });
  return out;
}

for (const backend of backends) {
  describe(`gaichel command [${backend}]`, () => {
    const stores: Store[] = [];
    /** A migrated, empty PGlite directory, copied rather than initialised again for every fresh database. */
    let template: string | undefined;
    let main: Store;

    async function freshStore(kind: Backend = backend): Promise<Store> {
      let store: Store;
      if (kind === "postgres") {
        const created = await createPostgresDatabase();
        store = { env: { DATABASE_URL: created.url }, drop: created.drop };
      } else {
        const dir = fs.mkdtempSync(path.join(scratch, "data-"));
        if (template) fs.cpSync(template, dir, { recursive: true });
        store = { env: { GAICHEL_DATA_DIR: dir, LOG_LEVEL: "silent" }, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
      }
      stores.push(store);
      return store;
    }

    /** Opens the store's database with the services, as the command does, for checks the command cannot print. */
    async function withServices<T>(store: Store, work: (services: Services) => Promise<T>): Promise<T> {
      const config = loadConfig(store.env);
      const database = await openDatabase(config);
      try {
        return await work(createServices(config, database));
      } finally {
        await database.close();
      }
    }

    /** Every published version, to compare a database before and after a command (the latest export is a part of it). */
    const history = (store: Store) => ok(store.env, "systems", "export", "--format", "csv", "--history");
    /** The history of `main` as the previous tests left it. */
    const mainHistory = () => read(`history-${backend}.csv`);

    /** A database with the demo's organisations only, as a fresh instance that will receive an export. */
    async function storeWithOrganisations(): Promise<Store> {
      const store = await freshStore();
      const orgs = write(`orgs-${backend}.json`, JSON.stringify({ organisations: demoOrganisations, systems: [] }, null, 2));
      assert.match(await ok(store.env, "systems", "import", orgs), /Imported 0 entries/);
      return store;
    }

    before(async () => {
      main = await freshStore();
    });

    after(async () => {
      for (const store of stores) await store.drop();
    });

    test("db migrate applies the migrations, and running it again changes nothing", async () => {
      assert.equal(await ok(main.env, "db", "migrate"), `Migrations applied (${backend}).\n`);
      assert.equal(await ok(main.env, "db", "migrate"), `Migrations applied (${backend}).\n`);
      if (backend === "pglite") {
        template = fs.mkdtempSync(path.join(scratch, "template-"));
        fs.cpSync(main.env.GAICHEL_DATA_DIR!, template, { recursive: true });
      }
    });

    test("demo load, then the register exported as CSV and as JSON", async () => {
      assert.equal(await ok(main.env, "demo", "load"), "Demo data loaded: 20 systems, 39 new versions.\n");

      await ok(main.env, "systems", "export", "--format", "csv", "--out", file(`latest-${backend}.csv`));
      const csv = read(`latest-${backend}.csv`);
      assert.ok(csv.startsWith("\uFEFF"), "a byte order mark, so that spreadsheets read UTF-8");
      const { header, rows } = parseCsv(csv);
      assert.deepEqual(header, FLAT_COLUMNS);
      // The demo has 20 systems; one has never been published.
      assert.equal(rows.length, 19);
      const ids = rows.map((r) => r.cells.id!);
      assert.deepEqual(ids, [...ids].sort(), "rows in a stable order: by id");
      assert.equal(new Set(ids).size, ids.length);
      assert.ok(!ids.includes("be-bellemont-permit-completeness"), "a draft-only system is not exported");

      const json = JSON.parse(await ok(main.env, "systems", "export", "--format", "json")) as Array<{ id: string; version: number; lifecycle: string }>;
      assert.deepEqual(json.map((s) => s.id), ids);
      assert.deepEqual(json.map((s) => String(s.version)), rows.map((r) => r.cells.version));
      assert.equal(json.find((s) => s.id === "lu-school-dropout-early-warning")?.lifecycle, "retired");
    });

    test("instruments import loads Canada's AIA from its SurveyJS file once; assessments import starts a draft from an exported PDF", async () => {
      const canada = fileURLToPath(new URL("../../../shared/reference/instruments/canada-aia/survey-enfr.json", import.meta.url));
      const args = ["instruments", "import", canada, "--id", "canada-aia", "--version", "1.0.1"];
      assert.match(await ok(main.env, ...args), /^Loaded canada-aia@1\.0\.1 \(sha256 [0-9a-f]{64}\)\.\n$/);
      assert.equal(await ok(main.env, ...args), "canada-aia@1.0.1 is already loaded with the same content.\n");
      const missing = await gaichel(main.env, "instruments", "import", file("nowhere.yaml"));
      assert.equal(missing.code, 1);
      assert.match(missing.err, /nowhere\.yaml: no such file/);

      const system = "lu-family-benefits-eligibility";
      const pdf = await withServices(main, async (services) => {
        const actor = { kind: "operator", name: "test" } as const;
        const id = await services.assessments.startAssessment(actor, system, "dpia-screening");
        await services.assessments.saveAnswers(actor, id, "context", { answers: { country: "be" }, comments: { country: "Brussels office" } });
        const view = await services.assessments.getAssessment(actor, id);
        return renderAssessmentPdf("fr", view, await services.assessments.exportAssessment(actor, id));
      });
      fs.writeFileSync(file("assessment.pdf"), pdf);
      const started = await ok(main.env, "assessments", "import", file("assessment.pdf"));
      const id = /^Started draft assessment ([0-9a-f-]{36})\.\n$/.exec(started)?.[1];
      assert.ok(id, started);
      const copy = await withServices(main, (services) => services.assessments.getAssessment({ kind: "operator", name: "test" }, id));
      assert.deepEqual(copy.response.answers, { country: "be" });
      assert.deepEqual(copy.response.comments, { country: "Brussels office" });
      assert.equal(copy.system.id, system);

      const bad = await gaichel(main.env, "assessments", "import", write("not-an-export.json", JSON.stringify({ format: "something else" })));
      assert.equal(bad.code, 1);
      assert.match(bad.err, /format/);
    });

    test("systems export --history has one row per published version, oldest first", async () => {
      await ok(main.env, "systems", "export", "--format", "csv", "--history", "--out", file(`history-${backend}.csv`));
      const rows = parseCsv(read(`history-${backend}.csv`)).rows.map((r) => r.cells);
      assert.equal(rows.length, 39);
      const family = rows.filter((r) => r.id === "lu-family-benefits-eligibility");
      assert.deepEqual(family.map((r) => r.version), ["1", "2", "3"]);
      assert.ok(family.every((r) => r.first_published_at === family[0]!.published_at));
      // Only the last version of a retired system was retired; the others were superseded while published.
      const retired = rows.filter((r) => r.id === "lu-school-dropout-early-warning");
      assert.deepEqual(retired.map((r) => r.lifecycle), ["published", "published", "retired"]);

      const json = JSON.parse(await ok(main.env, "systems", "export", "--format", "json", "--history")) as Array<{ id: string; version: number }>;
      assert.deepEqual(json.map((s) => `${s.id}@${s.version}`), rows.map((r) => `${r.id}@${r.version}`));
    });

    test("importing the exports, or the demo, into the same database again changes nothing", async () => {
      assert.equal(await ok(main.env, "systems", "import", file(`latest-${backend}.csv`)), "Imported 19 entries: 0 new systems, 0 new versions.\n");
      assert.equal(await ok(main.env, "systems", "import", file(`history-${backend}.csv`)), "Imported 39 entries: 0 new systems, 0 new versions.\n");
      assert.equal(await ok(main.env, "demo", "load"), "Demo data loaded: 20 systems, 0 new versions.\n");
      assert.equal(await history(main), mainHistory());
    });

    test("the CSV export imported into a fresh database gives the same export, but for what only history tells", async () => {
      const store = await storeWithOrganisations();
      assert.equal(await ok(store.env, "systems", "import", file(`latest-${backend}.csv`)), "Imported 19 entries: 19 new systems, 19 new versions.\n");
      const exported = await ok(store.env, "systems", "export", "--format", "csv");
      // The latest export holds one version per system: the fresh database numbers it 1, and it is also the first
      // publication there. `retired_at` is when the import retired the system (an export cannot set it back).
      const original = csvRows(read(`latest-${backend}.csv`));
      const versioned = [...original.values()].filter((r) => r.version !== "1").map((r) => r.id!);
      const expected = [
        ...versioned.flatMap((id) => [`${id} version`, `${id} first_published_at`]),
        "lu-school-dropout-early-warning retired_at",
      ].sort();
      assert.deepEqual(differingCells(read(`latest-${backend}.csv`), exported).sort(), expected);
    });

    test("the history export imported into a fresh database gives byte for byte the same exports, but retired_at", async () => {
      const store = await storeWithOrganisations();
      assert.equal(await ok(store.env, "systems", "import", file(`history-${backend}.csv`)), "Imported 39 entries: 19 new systems, 39 new versions.\n");
      const after = { history: await history(store), latest: await ok(store.env, "systems", "export", "--format", "csv") };
      const retiredAt = (csv: string) => csvRows(csv).get("lu-school-dropout-early-warning@3")!.retired_at!;
      const original = mainHistory();
      // The retirement date is the import's: the export's value is put in its place to compare the rest byte for byte.
      assert.notEqual(retiredAt(after.history), retiredAt(original));
      assert.equal(after.history.replaceAll(retiredAt(after.history), retiredAt(original)), original);
      assert.equal(after.latest.replaceAll(retiredAt(after.history), retiredAt(original)), read(`latest-${backend}.csv`));
    });

    test("an invalid JSON file exits 1, names the line and field of every problem, and changes nothing", async () => {
      const record = buildRecord();
      const { name: _name, ...withoutName } = record;
      const agency = buildOrganisation({ id: "lu-new-agency", officialId: "B999999" });
      const systems = [
        { id: "lu-valid-one", organisation: "lu-new-agency", record },
        { id: "lu-no-name", organisation: "lu-new-agency", record: withoutName },
        { id: "lu-bad-theme", organisation: "lu-new-agency", record: { ...record, classification: { ...record.classification, theme: "astrology" } } },
        { id: "lu-bad-url", organisation: "lu-new-agency", record: { ...record, publicUrl: "javascript:alert(1)" } },
        { id: "lu-nobody-owns", organisation: "lu-nobody", record },
      ];
      // One system per line, so that the lines to expect are plain: systems[i] is on line 4 + i.
      const text = `{\n  "organisations": [${JSON.stringify(agency)}],\n  "systems": [\n${systems.map((s) => `    ${JSON.stringify(s)}`).join(",\n")}\n  ]\n}\n`;
      const run = await gaichel(main.env, "systems", "import", write("invalid.json", text));
      assert.equal(run.code, 1);
      assert.equal(
        run.err,
        [
          `${en.errors.import_invalid.title}: ${en.errors.import_invalid.detail.replace("{{count}}", "4")}`,
          problemLine(5, "systems[1].record.name", en.validation.required),
          problemLine(6, "systems[2].record.classification.theme", en.validation.choice),
          problemLine(7, "systems[3].record.publicUrl", en.validation.url),
          problemLine(8, "systems[4].organisation", en.validation.unknown_organisation),
          "",
        ].join("\n"),
      );
      assert.equal(await withServices(main, (s) => s.organisations.findOrganisation("lu-new-agency")), undefined);

      const syntax = await gaichel(main.env, "systems", "import", write("syntax.json", '[\n  { "id": "lu-x",\n    "organisation": }\n]\n'));
      assert.equal(syntax.code, 1);
      assert.match(syntax.err, new RegExp(`^${problemLine(3, "", en.validation.json_syntax).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "m"));
      assert.equal(await history(main), mainHistory());
    });

    test("an invalid CSV names the row and the column of every problem, and changes nothing", async () => {
      const { header, rows } = parseCsv(read(`latest-${backend}.csv`));
      // Rows are numbered as a spreadsheet shows them: the header is row 1, so rows[1] is row 3.
      rows[1]!.cells.classification_tags = "[not json";
      rows[3]!.cells.automation = "robotic";
      rows[4]!.cells.risk_class_art50_transparency = "yes";
      const csv = toCsv(header, rows.map((r) => header.map((column) => r.cells[column] ?? "")));
      const run = await gaichel(main.env, "systems", "import", write("invalid.csv", csv));
      assert.equal(run.code, 1);
      const problems = run.err.split("\n").slice(1, -1);
      assert.deepEqual(problems, [
        problemLine(3, "classification_tags", en.validation.json_cell),
        problemLine(5, "automation", en.validation.choice),
        problemLine(6, "risk_class_art50_transparency", en.validation.choice),
      ]);

      const malformed = await gaichel(main.env, "systems", "import", write("malformed.csv", `${FLAT_COLUMNS.join(",")}\n"unclosed,quote\n`));
      assert.equal(malformed.code, 1);
      assert.match(malformed.err, new RegExp(en.validation.csv_syntax.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
      assert.equal(await history(main), mainHistory());
    });

    test("a refusal inside the transaction also undoes the file's organisations", async () => {
      const agency = buildOrganisation({ id: "lu-new-agency", officialId: "B999999" });
      // A retired system cannot change: the database finds this only when applying the file.
      const text = JSON.stringify(
        { organisations: [agency], systems: [{ id: "lu-school-dropout-early-warning", organisation: "lu-new-agency", record: buildRecord() }] },
        null,
        2,
      );
      const run = await gaichel(main.env, "systems", "import", write("retired.json", text));
      assert.equal(run.code, 1);
      assert.match(run.err, new RegExp(`line \\d+, systems\\[0\\]\\.state: ${en.errors.system_retired.title}`));
      assert.equal(await history(main), mainHistory());
      assert.equal(await withServices(main, (s) => s.organisations.findOrganisation("lu-new-agency")), undefined);
    });

    test("audit-log verify passes on the trail the commands wrote, and names an event changed behind their back", async () => {
      assert.match(await ok(main.env, "audit-log", "verify"), /^Audit trail intact: \d+ events/);
      const tampered = await withServices(main, async (services) => {
        const db = services.database.db;
        const { rows } = (await db.execute(sql`select max(id)::int as id from events where action = 'system.version_published'`)) as unknown as {
          rows: Array<{ id: number }>;
        };
        await db.execute(sql`alter table events disable trigger events_append_only`);
        await db.execute(sql`update events set actor = 'operator:someone-else' where id = ${rows[0]!.id}`);
        await db.execute(sql`alter table events enable trigger events_append_only`);
        return rows[0]!.id;
      });
      const run = await gaichel(main.env, "audit-log", "verify");
      assert.equal(run.code, 1);
      assert.match(run.err, new RegExp(`Audit trail broken at event ${tampered}: its content does not match its hash`));
    });

    test("a valid file with an organisations section creates the organisation and its systems", async () => {
      const agency = buildOrganisation({ id: "lu-new-agency", officialId: "B999999" });
      const text = JSON.stringify({ organisations: [agency], systems: [{ id: "lu-new-system", organisation: "lu-new-agency", record: buildRecord() }] }, null, 2);
      assert.equal(await ok(main.env, "systems", "import", write("valid.json", text)), "Imported 1 entries: 1 new systems, 1 new versions.\n");
      const saved = await withServices(main, (s) => s.organisations.findOrganisation("lu-new-agency"));
      assert.equal(saved?.officialId, "B999999");
      const json = JSON.parse(await ok(main.env, "systems", "export")) as Array<{ id: string; organisation: { id: string } }>;
      assert.equal(json.find((s) => s.id === "lu-new-system")?.organisation.id, "lu-new-agency");
    });

    if (backend === "pglite") {
      test("one process at a time on a data directory; a stale lock is taken over", async () => {
        const store = await freshStore();
        const dataDir = store.env.GAICHEL_DATA_DIR!;
        const lockFile = path.join(dataDir, "pglite.lock");
        const first = await openDatabase({ dataDir });
        try {
          assert.equal(fs.readFileSync(lockFile, "utf8"), String(process.pid));
          await assert.rejects(openDatabase({ dataDir }), /in use by process \d+/);
          const run = await gaichel(store.env, "db", "migrate");
          assert.equal(run.code, 1);
          assert.match(run.err, new RegExp(`in use by process ${process.pid}`));
        } finally {
          await first.close();
        }
        assert.ok(!fs.existsSync(lockFile), "closing releases the lock");

        // A process that has exited leaves its pid behind.
        const dead = spawnSync(process.execPath, ["-e", ""]).pid;
        fs.writeFileSync(lockFile, String(dead));
        const second = await openDatabase({ dataDir });
        assert.equal(fs.readFileSync(lockFile, "utf8"), String(process.pid));
        await second.close();
        assert.ok(!fs.existsSync(lockFile));
      });
    } else {
      test("PostgreSQL takes no lock: two connections at once", async () => {
        const config = loadConfig(main.env);
        const [a, b] = [await openDatabase(config), await openDatabase(config)];
        await Promise.all([a.close(), b.close()]);
        assert.equal((await gaichel(main.env, "db", "migrate")).code, 0);
      });
    }
  });
}

after(() => fs.rmSync(scratch, { recursive: true, force: true }));
