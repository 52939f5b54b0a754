// `gaichel users create` on PGlite (a data directory) and on PostgreSQL: the account, its roles, the invitation link
// that works once, every refusal with its reason, and no write while the server holds the PGlite lock.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { eq } from "drizzle-orm";
import { buildOrganisation } from "../../test/factories.ts";
import { backends, createPostgresDatabase } from "../../test/helpers.ts";
import { loadConfig } from "../config.ts";
import { openDatabase } from "../db/client.ts";
import { migrate } from "../db/migrate.ts";
import { memberships } from "../domains/accounts/tables.ts";
import { createServices, type Services } from "../services.ts";
import { runGaichel } from "../../test/cli.ts";

/** Runs the command as `gaichel` would, capturing what it prints. */
const gaichel = runGaichel;

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "gaichel-users-"));

for (const backend of backends) {
  describe(`gaichel users create [${backend}]`, () => {
    let env: Record<string, string>;
    let drop = async () => {};

    async function withServices<T>(work: (services: Services) => Promise<T>): Promise<T> {
      const config = loadConfig(env);
      const database = await openDatabase(config);
      try {
        return await work(createServices(config, database));
      } finally {
        await database.close();
      }
    }

    before(async () => {
      if (backend === "postgres") {
        const created = await createPostgresDatabase();
        env = { DATABASE_URL: created.url, LOG_LEVEL: "silent" };
        drop = created.drop;
      } else {
        env = { GAICHEL_DATA_DIR: fs.mkdtempSync(path.join(scratch, "data-")), LOG_LEVEL: "silent" };
      }
      const config = loadConfig(env);
      const database = await openDatabase(config);
      await migrate(database);
      await createServices(config, database).organisations.saveOrganisations("operator:test", [
        buildOrganisation(),
        buildOrganisation({ id: "be-test-agency", country: "BE", officialId: "0765.432.146", kind: "agency" }),
      ]);
      await database.close();
    });

    after(async () => {
      await drop();
      if (backend === "pglite") fs.rmSync(scratch, { recursive: true, force: true });
    });

    test("creates the account with its roles and prints an invitation link that works once", async () => {
      const run = await gaichel(
        env,
        ...["users", "create", "--email", "Marie.Weber@Example.lu", "--name", "Marie Weber"],
        ...["--org", "lu-test-ministry", "--role", "editor", "--org", "be-test-agency", "--role", "reviewer", "--org", "lu-test-ministry", "--role", "dpo"],
      );
      assert.equal(run.code, 0, run.err);
      const link = /^http:\/\/localhost:3000\/fr\/invitation\/([A-Za-z0-9_-]{43})$/m.exec(run.out);
      assert.ok(link, run.out);
      assert.match(run.out, /Created the account of Marie Weber <marie\.weber@example\.lu>\./);
      await withServices(async (services) => {
        const user = await services.users.findInvitation(link[1]!);
        assert.equal(user?.email, "marie.weber@example.lu");
        assert.equal(user?.platformAdmin, false);
        assert.equal(user?.passwordHash, null);
        const roles = await services.database.db.select().from(memberships).where(eq(memberships.userId, user!.id));
        assert.deepEqual(
          roles.map((m) => `${m.organisationId} ${m.role}`).sort(),
          ["be-test-agency reviewer", "lu-test-ministry dpo", "lu-test-ministry editor"],
        );
        await services.users.acceptInvitation(link[1]!, "a long enough passphrase");
        assert.equal(await services.users.findInvitation(link[1]!), undefined, "the link works once");
        const signedIn = await services.users.signInWithPassword("marie.weber@example.lu", "a long enough passphrase");
        assert.ok(signedIn.ok);
      });
    });

    test("--admin makes a platform administrator; the public URL is the link's base", async () => {
      const run = await gaichel(
        { ...env, GAICHEL_PUBLIC_URL: "https://register.example.lu/" },
        ...["users", "create", "--email", "admin@example.lu", "--name", "Admin", "--admin"],
      );
      assert.equal(run.code, 0, run.err);
      const token = /^https:\/\/register\.example\.lu\/fr\/invitation\/(\S+)$/m.exec(run.out)?.[1];
      assert.ok(token, run.out);
      await withServices(async (services) => assert.equal((await services.users.findInvitation(token))?.platformAdmin, true));
    });

    test("refuses, with the reason, and creates nothing", async () => {
      const cases: Array<[string[], RegExp]> = [
        [["--email", "admin@example.lu", "--name", "Again"], /This account already exists: An account with the e-mail address “admin@example\.lu” already exists/],
        [["--email", "x@example.lu", "--name", "X", "--org", "lu-nowhere", "--role", "editor"], /Organisation not found.*lu-nowhere/],
        [["--email", "x@example.lu", "--name", "X", "--org", "lu-test-ministry", "--role", "boss"], /memberships\.0\.role: Choose one of the roles/],
        [["--email", "x@example.lu", "--name", "X", "--org", "lu-test-ministry"], /Give one --role for each --org \(1 --org, 0 --role\)/],
        [["--email", "not-an-address", "--name", "X"], /email: Enter an e-mail address/],
        [["--email", "x@example.lu", "--name", "  "], /displayName: Enter a value/],
      ];
      for (const [args, message] of cases) {
        const run = await gaichel(env, "users", "create", ...args);
        assert.equal(run.code, 1, args.join(" "));
        assert.match(run.err, message);
      }
      const missing = await gaichel(env, "users", "create", "--name", "X");
      assert.equal(missing.code, 1);
      assert.match(missing.err, /required option '--email <email>' not specified/);
      await withServices(async (services) => {
        const { signInWithPassword } = services.users;
        assert.deepEqual(await signInWithPassword("x@example.lu", "whatever it is"), { ok: false, reason: "incorrect" });
      });
    });

    if (backend === "pglite") {
      test("refuses while another process (the server) holds the database", async () => {
        const database = await openDatabase(loadConfig(env));
        try {
          const run = await gaichel(env, "users", "create", "--email", "late@example.lu", "--name", "Late");
          assert.equal(run.code, 1);
          assert.match(run.err, /in use by process \d+/);
        } finally {
          await database.close();
        }
      });
    }
  });
}
