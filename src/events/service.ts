// Reading the audit trail: platform admins see everything; an organisation's administrators see its own log.
import type { Db } from "../db/client.ts";
import { hasRole, type Actor } from "../http/actor.ts";
import { AppError, errors } from "../http/errors.ts";
import type { EventQuery, EventsRepo } from "./repo.ts";
import { verifyChain } from "./verify.ts";

function isAdmin(actor: Actor): boolean {
  return actor.kind === "operator" || (actor.kind === "user" && actor.platformAdmin);
}

export function createAuditLog(db: Db, repo: EventsRepo) {
  return {
    /** Whether the actor may read the log of this organisation (or, without one, the whole log). */
    mayRead(actor: Actor, organisationId?: string): boolean {
      return isAdmin(actor) || (organisationId !== undefined && hasRole(actor, organisationId, "org_admin"));
    },

    async listEvents(actor: Actor, query: Omit<EventQuery, "organisationId"> & { organisationId?: string; systemId?: string }) {
      let organisationId = query.organisationId;
      let subject = query.subject;
      if (query.systemId) {
        const owner = await repo.systemOwner(query.systemId);
        if (!owner) throw errors.notFound("system", query.systemId);
        subject = { type: "system", id: query.systemId };
        if (!isAdmin(actor)) organisationId = owner;
      }
      if (!this.mayRead(actor, organisationId)) throw new AppError("forbidden", 403);
      return repo.list({ organisationId, subject, page: query.page, pageSize: query.pageSize });
    },

    async verify(actor: Actor) {
      if (!isAdmin(actor)) throw new AppError("forbidden", 403);
      return verifyChain(db);
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
