// Opens the database: embedded PGlite under the data directory by default, PostgreSQL when a URL is given.
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";

export type Db = PgDatabase<PgQueryResultHKT>;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  close(): Promise<void>;
}

const extensions = { pg_trgm, unaccent };

export class DatabaseInUseError extends Error {
  constructor(
    readonly folder: string,
    readonly pid: number,
  ) {
    super(
      `The database in ${folder} is in use by process ${pid}. Stop that process first ` +
        `(PGlite allows one process at a time), or set DATABASE_URL to use PostgreSQL.`,
    );
  }
}

/** Lock files this process holds: a lock with our own pid is ours only if listed here (in a container, a restart reuses the pid). */
const heldLocks = new Set<string>();

/** Takes the data directory's lock file, or fails if a live process, this one included, holds it. Returns the release function. */
function takeLock(lockFile: string): () => void {
  for (;;) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      heldLocks.add(lockFile);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        heldLocks.delete(lockFile);
        process.off("exit", release);
        try {
          if (fs.readFileSync(lockFile, "utf8") === String(process.pid)) fs.unlinkSync(lockFile);
        } catch {
          // already gone
        }
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(fs.readFileSync(lockFile, "utf8"));
      const ours = holder === process.pid;
      if (holder && (ours ? heldLocks.has(lockFile) : isAlive(holder))) {
        throw new DatabaseInUseError(path.dirname(lockFile), holder);
      }
      // A stale lock from a process that died: take it over.
      fs.rmSync(lockFile, { force: true });
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Opens PGlite in `dataDir/pglite`. A first initialisation happens in a temporary folder that is renamed
 * when complete, because a process killed during initialisation leaves a folder PGlite cannot reopen.
 */
async function openPglite(dataDir: string): Promise<Database> {
  fs.mkdirSync(dataDir, { recursive: true });
  const release = takeLock(path.resolve(dataDir, "pglite.lock"));
  try {
    const folder = path.join(dataDir, "pglite");
    if (!fs.existsSync(path.join(folder, "PG_VERSION"))) {
      const temporary = `${folder}.init-${process.pid}`;
      fs.rmSync(temporary, { recursive: true, force: true });
      const fresh = await PGlite.create(temporary, { extensions });
      await fresh.close();
      fs.rmSync(folder, { recursive: true, force: true });
      fs.renameSync(temporary, folder);
    }
    const client = await PGlite.create(folder, { extensions });
    return {
      db: drizzlePglite(client) as unknown as Db,
      kind: "pglite",
      async close() {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** An in-memory PGlite database, for tests and throw-away runs. */
export async function openMemoryDatabase(): Promise<Database> {
  const client = await PGlite.create({ extensions });
  return { db: drizzlePglite(client) as unknown as Db, kind: "pglite", close: () => client.close() };
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection the server closes (a restart, a terminated backend) is dropped by the pool, and the next query
  // opens another; without a listener its error would crash the process.
  pool.on("error", () => {});
  await pool.query("select 1");
  return { db: drizzlePg(pool) as unknown as Db, kind: "postgres", close: () => pool.end() };
}

export function openDatabase(options: { dataDir: string; databaseUrl?: string | undefined }): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.dataDir);
}
