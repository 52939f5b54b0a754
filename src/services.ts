// Composition root: database → repos → services. Everything else receives what it needs from here.
import type { Config } from "./config.ts";
import type { Database } from "./db/client.ts";
import { createOrganisationsRepo } from "./domains/accounts/repo.ts";
import { createOrganisationsService } from "./domains/accounts/service.ts";
import { createSystemsRepo } from "./domains/systems/repo.ts";
import { createEventsRepo } from "./events/repo.ts";
import { createAuditLog } from "./events/service.ts";
import { createUsersRepo } from "./domains/accounts/users-repo.ts";
import { createUsersService } from "./domains/accounts/users-service.ts";
import { createSystemsService } from "./domains/systems/service.ts";
import { createAssessmentsRepo } from "./domains/assessments/repo.ts";
import { createAssessmentsService } from "./domains/assessments/service.ts";
import { createAuditsRepo } from "./domains/audits/repo.ts";
import { createAuditsService } from "./domains/audits/service.ts";
import { createJobQueue } from "./jobs/queue.ts";
import { createDatasetsRepo } from "./domains/privacy/repo.ts";
import { createDatasetsService } from "./domains/privacy/service.ts";
import { createExchangeRepo } from "./domains/exchange/repo.ts";
import { createExchangeService } from "./domains/exchange/service.ts";
import { createPilotsRepo } from "./domains/pilots/repo.ts";
import { createPilotsService } from "./domains/pilots/service.ts";
import { createMailer } from "./mail/mailer.ts";
import { registerDigestJob } from "./domains/pilots/digest-job.ts";

export function createServices(config: Config, database: Database) {
  const organisations = createOrganisationsService(database.db, createOrganisationsRepo(database.db));
  const users = createUsersService(database.db, createUsersRepo(database.db));
  const systems = createSystemsService(database.db, createSystemsRepo(database.db), organisations, users);
  const assessments = createAssessmentsService(database.db, createAssessmentsRepo(database.db), systems, users);
  const auditLog = createAuditLog(database.db, createEventsRepo(database.db));
  const jobs = createJobQueue(database.db);
  const audits = createAuditsService(database.db, createAuditsRepo(database.db), systems, jobs, config);
  const datasets = createDatasetsService(database.db, createDatasetsRepo(database.db), jobs, config);
  const pilots = createPilotsService(database.db, createPilotsRepo(database.db), { organisations, systems, audits, assessments });
  const exchange = createExchangeService(database.db, createExchangeRepo(database.db), pilots, organisations);
  const mailer = createMailer(config);
  registerDigestJob(jobs, pilots, mailer, config.publicUrl);
  return { config, database, organisations, systems, users, assessments, auditLog, jobs, audits, datasets, pilots, exchange, mailer };
}

export type Services = ReturnType<typeof createServices>;
