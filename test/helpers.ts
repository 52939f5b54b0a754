// Test harness: the real app on a real database, PGlite in memory or a fresh PostgreSQL database.
import { randomBytes } from "node:crypto";
import { after, before, describe } from "node:test";
import pg from "pg";
import { createApp, type App } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { openDatabase, openMemoryDatabase, type Database } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";
import { createServices, type Services } from "../src/services.ts";

export type Backend = "pglite" | "postgres";
export const backends: Backend[] = ["pglite", "postgres"];

/** The PostgreSQL server the suite runs against (127.0.0.1:5432, trust auth, on these machines). */
export const postgresAdminUrl = process.env.GAICHEL_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** Creates a throw-away PostgreSQL database; returns its URL and a function that drops it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `gaichel_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: postgresAdminUrl });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`The test suite needs PostgreSQL at ${postgresAdminUrl} (set GAICHEL_TEST_PG_URL): ${(error as Error).message}`);
  }
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: postgresAdminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export interface TestContext {
  app: App;
  services: Services;
  database: Database;
  close(): Promise<void>;
}

export async function createTestApp(backend: Backend, env: Record<string, string> = {}): Promise<TestContext> {
  let database: Database;
  let drop = async () => {};
  if (backend === "postgres") {
    const created = await createPostgresDatabase();
    database = await openDatabase({ dataDir: "", databaseUrl: created.url });
    drop = created.drop;
  } else {
    database = await openMemoryDatabase();
  }
  await migrate(database);
  const config = loadConfig({ LOG_LEVEL: "silent", GAICHEL_COOKIE_SECRET: randomBytes(32).toString("hex"), ...env });
  const services = createServices(config, database);
  const app = await createApp(services);
  await app.ready();
  return {
    app,
    services,
    database,
    async close() {
      await app.close();
      await database.close();
      await drop();
    },
  };
}

/** Runs the same suite once per database backend; `get()` returns that backend's app. */
export function describeEachBackend(
  name: string,
  suite: (get: () => TestContext, backend: Backend) => void,
  setup: (ctx: TestContext) => Promise<void> = async () => {},
  env: Record<string, string> = {},
) {
  for (const backend of backends) {
    describe(`${name} [${backend}]`, () => {
      let ctx: TestContext | undefined;
      before(async () => {
        ctx = await createTestApp(backend, env);
        await setup(ctx);
      });
      after(async () => ctx?.close());
      suite(() => ctx!, backend);
    });
  }
}
