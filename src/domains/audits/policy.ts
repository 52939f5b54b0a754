// Who may do what with a bias audit. Only the organisation that owns the record runs and publishes its audits:
// editors upload and configure, reviewers publish (never an audit they uploaded themselves), members read the raw
// figures, everyone reads a published audit.
import type { Actor } from "../../http/actor.ts";
import { all, decide, inState, withRole, type Rule as Rules } from "../../http/rules.ts";
import type { AuditState } from "./tables.ts";

export type AuditAction = "read_published" | "read" | "run" | "configure" | "publish" | "discard";

export interface AuditTarget {
  organisationId: string;
  state?: AuditState;
  published?: boolean;
  /** Who uploaded the file (actor names). */
  authors?: readonly string[];
}

type Rule = Rules<AuditTarget>;

const member: Rule = withRole("viewer", "editor", "reviewer", "dpo", "org_admin");
const runner: Rule = withRole("editor", "org_admin");
const publisher: Rule = withRole("reviewer", "org_admin");
const unpublished: Rule = (_actor, target) => !target.published;

const rules: Record<AuditAction, Rule> = {
  read_published: (_actor, target) => target.published === true,
  read: member,
  run: runner,
  configure: all(runner, inState<AuditState>("uploaded", "failed")),
  publish: all(publisher, inState<AuditState>("completed"), unpublished),
  discard: all(runner, inState<AuditState>("uploaded", "failed", "completed"), unpublished),
};

const writes: ReadonlySet<AuditAction> = new Set(["run", "configure", "publish", "discard"]);
/** Four-eyes principle: the person who uploaded the decisions does not publish their audit. */
const notByAuthors: ReadonlySet<AuditAction> = new Set(["publish"]);

export function mayAudit(actor: Actor, action: AuditAction, target: AuditTarget): boolean {
  return decide({ rules, writes, notByAuthors }, actor, action, target);
}
