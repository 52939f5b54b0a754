// The `gaichel` command: subcommands call the same services as the web app.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Command, CommanderError, Option } from "commander";
import { createApp } from "../app.ts";
import { loadConfig, type Config } from "../config.ts";
import { openDatabase, type Database } from "../db/client.ts";
import { migrate } from "../db/migrate.ts";
import { loadDemo } from "../demo/load.ts";
import { verifyChain } from "../events/verify.ts";
import { addAssessmentCommands } from "./assessments.ts";
import { addPrivacyCommands } from "./privacy.ts";
import { addAuditCommand } from "./audit.ts";
import { scheduleDigests } from "../domains/pilots/digest-job.ts";
import { toFlatCsv } from "../domains/systems/exports/flat.ts";
import { parseImportFile } from "../domains/systems/import-file.ts";
import type { Actor, Role } from "../http/actor.ts";
import { INVITATION_DAYS } from "../domains/accounts/users-service.ts";
import { presentPublished } from "../domains/systems/present.ts";
import { AppError, errors } from "../http/errors.ts";
import { translator } from "../i18n/index.ts";
import { createServices, type Services } from "../services.ts";

/** The CLI acts as the operator of this instance: the person with shell access to it. */
function operator(): Actor {
  return { kind: "operator", name: os.userInfo().username };
}

async function withServices<T>(config: Config, work: (services: Services, database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(config);
  try {
    await migrate(database);
    return await work(createServices(config, database), database);
  } finally {
    await database.close();
  }
}

/** Prints an AppError as the translated message with every field problem and its line. */
function printError(error: AppError, out: (line: string) => void) {
  const t = translator("en");
  out(`${t(`errors.${error.id}.title`, error.params)}: ${t(`errors.${error.id}.detail`, error.params)}`);
  for (const field of error.fields) {
    const where = [field.line !== undefined ? `line ${field.line}` : "", field.path].filter(Boolean).join(", ");
    out(`  ${where}: ${t(field.message)}`);
  }
}

const IMPORT_LIMIT = 64 * 1024 * 1024;

function readText(file: string): string {
  const stat = fs.statSync(file);
  if (stat.size > IMPORT_LIMIT) throw new Error(`${file} is larger than ${IMPORT_LIMIT / 1024 / 1024} MiB`);
  return fs.readFileSync(file, "utf8");
}

export async function runCli(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
  /** Set by a command that reports a failure without throwing (a broken audit trail). */
  let exitCode = 0;
  const program = new Command("gaichel")
    .description("Gäichel: the register of AI systems of Luxembourg and Belgian administrations")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command("start")
    .description("migrate the database and serve the platform")
    .option("--demo-if-empty", "load the demo data set when the register is empty")
    .action(async (options: { demoIfEmpty?: boolean }) => {
      const database = await openDatabase(config);
      await migrate(database);
      const services = createServices(config, database);
      // An edited instrument that kept its version stops the start here, named, rather than at first use.
      const instruments = await services.assessments.loadBundledInstruments();
      if (instruments.length) console.log(`Loaded the instruments ${instruments.join(", ")}.`);
      if (options.demoIfEmpty && (await services.systems.statistics()).systems === 0) {
        const loaded = await loadDemo(services, operator());
        console.log(`Loaded the demo data: ${loaded.systems} systems, ${loaded.versions} versions.`);
      }
      const app = await createApp(services);
      // Audits queued or cut short by a stop run here; a job this process was running goes back to the queue.
      services.jobs.start(app.log);
      const stopDigests = scheduleDigests(services.jobs, app.log);
      const close = async () => {
        stopDigests();
        await services.jobs.stop();
        await app.close();
        await database.close();
        process.exit(0);
      };
      process.once("SIGINT", close);
      process.once("SIGTERM", close);
      await app.listen({ port: config.port, host: config.host });
      const where = config.host === "0.0.0.0" ? "localhost" : config.host;
      console.log(`Gäichel is running at http://${where}:${config.port}/ (${database.kind})`);
      await new Promise(() => {});
    });

  program
    .command("db")
    .description("database maintenance")
    .command("migrate")
    .description("apply the database migrations")
    .action(async () => {
      await withServices(config, async (_services, database) => console.log(`Migrations applied (${database.kind}).`));
    });

  program
    .command("demo")
    .description("the demo data set")
    .command("load")
    .description("load about twenty synthetic LU and BE systems with their history")
    .action(async () => {
      await withServices(config, async (services) => {
        const loaded = await loadDemo(services, operator());
        console.log(`Demo data loaded: ${loaded.systems} systems, ${loaded.versions} new versions.`);
      });
    });

  program
    .command("audit-log")
    .description("the tamper-evident audit trail")
    .command("verify")
    .description("recompute the hash chain of every event; exit 1 and name the first broken event if any")
    .action(async () => {
      await withServices(config, async (_services, database) => {
        const report = await verifyChain(database.db);
        if (report.ok) {
          console.log(`Audit trail intact: ${report.events} events, every hash and link verified.`);
          return;
        }
        const why = report.reason === "hash_mismatch" ? "its content does not match its hash" : "it does not link to the event before it";
        console.error(`Audit trail broken at event ${report.brokenAt}: ${why}. Events from ${report.brokenAt} on cannot be trusted.`);
        exitCode = 1;
      });
    });

  const systems = program.command("systems").description("register records");
  systems
    .command("import")
    .description("import records from a JSON or CSV file, all or nothing")
    .argument("<file>", "JSON (an array of systems, or { organisations, systems }) or CSV (the export's columns)")
    .addOption(new Option("--format <format>", "file format (default: from the extension)").choices(["json", "csv"]))
    .action(async (file: string, options: { format?: "json" | "csv" }) => {
      const format = options.format ?? (path.extname(file).toLowerCase() === ".csv" ? "csv" : "json");
      const parsed = parseImportFile(readText(file), format);
      await withServices(config, async (services) => {
        // Every problem at once, in file order: those of the contract and those only the database can tell.
        const { problems } = await services.systems.checkImport(parsed.systems, parsed.organisations);
        const all = [...parsed.problems, ...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
        if (all.length) throw errors.importInvalid(all);
        const result = await services.systems.importSystems(operator(), parsed.systems, parsed.organisations);
        console.log(`Imported ${parsed.systems.length} entries: ${result.created} new systems, ${result.versions} new versions.`);
      });
    });

  systems
    .command("export")
    .description("export the public register")
    .addOption(new Option("--format <format>", "output format").choices(["json", "csv"]).default("json"))
    .option("--history", "every published version, not only the latest")
    .option("-o, --out <file>", "write to a file instead of standard output")
    .action(async (options: { format: "json" | "csv"; history?: boolean; out?: string }) => {
      await withServices(config, async (services) => {
        const list = options.history ? await services.systems.exportHistory() : await services.systems.exportSystems();
        const text =
          options.format === "csv"
            ? toFlatCsv(list)
            : `${JSON.stringify(list.map((s) => presentPublished(s, "en")), null, 2)}\n`;
        if (options.out) fs.writeFileSync(options.out, text);
        else process.stdout.write(text);
      });
    });

  const collect = (value: string, previous: string[]) => [...previous, value];
  program
    .command("users")
    .description("people who sign in")
    .command("create")
    .description("create an account and print its invitation link, with which its owner sets a password")
    .requiredOption("--email <email>", "e-mail address, with which the person signs in")
    .requiredOption("--name <name>", "name shown in the platform and in the audit trail")
    .option("--org <organisation>", "id of an organisation the person belongs to; repeat with one --role each", collect, [])
    .option("--role <role>", "role in the --org at the same position: viewer, editor, reviewer, dpo or org_admin", collect, [])
    .option("--admin", "platform administrator: may do everything, in every organisation")
    .action(async (options: { email: string; name: string; org: string[]; role: string[]; admin?: boolean }) => {
      if (options.org.length !== options.role.length) {
        throw new Error(`Give one --role for each --org (${options.org.length} --org, ${options.role.length} --role).`);
      }
      await withServices(config, async (services) => {
        for (const id of options.org) {
          if (!(await services.organisations.findOrganisation(id))) throw errors.notFound("organisation", id);
        }
        const { user, invitationToken } = await services.users.createUser(operator(), {
          email: options.email,
          displayName: options.name,
          platformAdmin: options.admin ?? false,
          memberships: options.org.map((organisationId, i) => ({ organisationId, role: options.role[i] as Role })),
        });
        const base = (config.publicUrl ?? "http://localhost:3000").replace(/\/+$/, "");
        console.log(`Created the account of ${user.displayName} <${user.email}>.`);
        console.log(`Send them this invitation link (valid ${INVITATION_DAYS} days, usable once) to set their password:`);
        console.log(`${base}/fr/invitation/${invitationToken}`);
      });
    });

  addAssessmentCommands(program, { withServices: (work) => withServices(config, work), operator: operator() });
  addPrivacyCommands(program, { env });
  addAuditCommand(program);

  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof AppError) {
      printError(error, (line) => console.error(line));
      return 1;
    }
    console.error(error instanceof Error ? error.message : error);
    return 1;
  }
}
