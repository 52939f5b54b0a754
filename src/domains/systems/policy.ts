// Who may do what to a register record, and in which lifecycle state. Handlers ask `maySystem`; views show only
// the actions it allows. The operator (shell access to the instance) and platform admins may do everything.
import { hasRole, type Actor } from "../../http/actor.ts";
import type { LifecycleState } from "./schema.ts";

export type SystemAction =
  | "read_published"
  | "read_draft"
  | "create"
  | "edit"
  | "submit"
  | "publish"
  | "return"
  | "revise"
  | "retire"
  | "import";

/** The record an action applies to: its owner and its state (absent for `create` and `import`). */
export interface SystemTarget {
  organisationId: string;
  state?: LifecycleState;
}

type Rule = (actor: Actor, target: SystemTarget) => boolean;

const member: Rule = (actor, t) => hasRole(actor, t.organisationId, "viewer", "editor", "reviewer", "dpo", "org_admin");
const editor: Rule = (actor, t) => hasRole(actor, t.organisationId, "editor", "org_admin");
const reviewer: Rule = (actor, t) => hasRole(actor, t.organisationId, "reviewer", "org_admin");
const inState =
  (...states: LifecycleState[]): Rule =>
  (_actor, t) =>
    t.state !== undefined && states.includes(t.state);
const all =
  (...rules: Rule[]): Rule =>
  (actor, t) =>
    rules.every((rule) => rule(actor, t));

const rules: Record<SystemAction, Rule> = {
  read_published: () => true,
  read_draft: member,
  create: editor,
  edit: all(editor, inState("draft")),
  submit: all(editor, inState("draft")),
  publish: all(reviewer, inState("in_review")),
  return: all(reviewer, inState("in_review")),
  revise: all(editor, inState("published")),
  retire: all(reviewer, inState("published", "draft", "in_review")),
  import: () => false,
};

/** An API token may only write when it carries the `systems:write` scope. */
const writes: ReadonlySet<SystemAction> = new Set(["create", "edit", "submit", "publish", "return", "revise", "retire", "import"]);

export function maySystem(actor: Actor, action: SystemAction, target: SystemTarget): boolean {
  if (actor.kind === "operator") return true;
  if (actor.kind === "user") {
    if (actor.via === "token" && writes.has(action) && !actor.scopes.includes("systems:write")) return false;
    if (actor.platformAdmin) return true;
  }
  return rules[action](actor, target);
}
