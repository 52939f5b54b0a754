// Who may do what to an assessment, and in which state. Evaluators (editors) fill in and submit; the DPO gives an
// opinion; validators (reviewers) approve or return; members read drafts; everyone reads approved outcomes. Handlers
// ask `mayAssessment`; views show only the actions it allows.
import type { Actor } from "../../http/actor.ts";
import { all, any, decide, inState as inAnyOf, isAuthorOf, withRole, type Rule as Rules } from "../../http/rules.ts";
import type { AssessmentState } from "./tables.ts";

export type AssessmentAction = "read_approved" | "read" | "start" | "fill" | "submit" | "opinion" | "approve" | "return" | "reassess";

/** The response an action applies to: the organisation owning the record, its state, its authors. */
export interface AssessmentTarget {
  organisationId: string;
  state?: AssessmentState;
  authors?: readonly string[];
}

type Rule = Rules<AssessmentTarget>;

const member: Rule = withRole("viewer", "editor", "reviewer", "dpo", "org_admin");
const evaluator: Rule = withRole("editor", "org_admin");
const dpo: Rule = withRole("dpo");
const validator: Rule = withRole("reviewer", "org_admin");
const inState = (...states: AssessmentState[]): Rule => inAnyOf(...states);

const rules: Record<AssessmentAction, Rule> = {
  read_approved: () => true,
  read: member,
  start: evaluator,
  fill: all(evaluator, inState("draft")),
  submit: all(evaluator, inState("draft")),
  opinion: all(dpo, inState("submitted")),
  approve: all(validator, inState("submitted")),
  return: all(any(validator, dpo), inState("submitted")),
  reassess: all(evaluator, inState("approved")),
};

/** An API token may only write when it carries the `systems:write` scope (assessments belong to register records). */
const writes: ReadonlySet<AssessmentAction> = new Set(["start", "fill", "submit", "opinion", "approve", "return", "reassess"]);
/** Four-eyes principle: no one approves a response they filled in or submitted. */
const notByAuthors: ReadonlySet<AssessmentAction> = new Set(["approve"]);

export const isAuthor: (actor: Actor, target: AssessmentTarget) => boolean = isAuthorOf;

export function mayAssessment(actor: Actor, action: AssessmentAction, target: AssessmentTarget): boolean {
  return decide({ rules, writes, notByAuthors }, actor, action, target);
}
