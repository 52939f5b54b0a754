// Who may do what to a register record, and in which lifecycle state. Handlers ask `maySystem`; views show only
// the actions it allows. The operator (shell access to the instance) and platform admins may do everything.
import type { Actor } from "../../http/actor.ts";
import { all, decide, inState as inAnyOf, isAuthorOf, withRole, type Rule as Rules } from "../../http/rules.ts";
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

/** The record an action applies to: its owner and its state (absent for `create` and `import`), its draft's authors. */
export interface SystemTarget {
  organisationId: string;
  state?: LifecycleState;
  /** Actor names of those who wrote to or submitted the draft. */
  authors?: readonly string[];
}

type Rule = Rules<SystemTarget>;

const member: Rule = withRole("viewer", "editor", "reviewer", "dpo", "org_admin");
const editor: Rule = withRole("editor", "org_admin");
const reviewer: Rule = withRole("reviewer", "org_admin");
const inState = (...states: LifecycleState[]): Rule => inAnyOf(...states);

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

/** Four-eyes principle: no one publishes a draft they wrote or submitted, whatever their roles (platform admins too). */
const notByAuthors: ReadonlySet<SystemAction> = new Set(["publish"]);

export const isDraftAuthor: (actor: Actor, target: SystemTarget) => boolean = isAuthorOf;

export function maySystem(actor: Actor, action: SystemAction, target: SystemTarget): boolean {
  return decide({ rules, writes, notByAuthors }, actor, action, target);
}
