// Who may do what to a pilot. The lead organisation's editors write the pilot; its reviewers approve it (not the
// people who proposed it); the editors of the lead and of partner organisations record measurements for their
// country and write lessons; observers read. Reading otherwise follows the pilot's sharing level (exchange/sharing.ts).
import type { Actor, Role } from "../../http/actor.ts";
import { hasRole } from "../../http/actor.ts";
import { decide, withRole, type Rule as Rules } from "../../http/rules.ts";
import { mayReadShared, type Sharing } from "../exchange/sharing.ts";
import { editableStates, lessonStates, measurableStates, type PilotStep } from "./lifecycle.ts";
import type { ParticipantRole, PilotState } from "./tables.ts";

export type PilotAction = "read" | "create" | "edit" | PilotStep | "measure" | "write_lesson";

export interface PilotTarget {
  /** The lead organisation. */
  organisationId: string;
  state?: PilotState;
  sharing?: Sharing;
  /** Participating organisations (the lead included) and their roles. */
  participants?: Readonly<Record<string, ParticipantRole>>;
  authors?: readonly string[];
}

type Rule = Rules<PilotTarget>;

/** Holds when the actor has one of `roles` in a participating organisation whose role is one of `as`. */
const participantWith =
  (as: ParticipantRole[], ...roles: Role[]): Rule =>
  (actor, target) =>
    Object.entries(target.participants ?? {}).some(([organisationId, role]) => as.includes(role) && hasRole(actor, organisationId, ...roles));

const leadWriter: Rule = withRole("editor", "org_admin");
const leadReviewer: Rule = withRole("reviewer", "org_admin");
const contributor: Rule = participantWith(["lead", "partner"], "editor", "org_admin");
const readable: Rule = (actor, target) => mayReadShared(actor, target.sharing ?? "participants", Object.keys(target.participants ?? {}));

/** Who may take each action. */
const rules: Record<PilotAction, Rule> = {
  read: readable,
  create: leadWriter,
  edit: leadWriter,
  approve: leadReviewer,
  start: leadWriter,
  evaluate: leadWriter,
  scale_up: leadWriter,
  stop: leadWriter,
  measure: contributor,
  write_lesson: contributor,
};

/**
 * When: the states an action needs, for everyone — platform admins and the operator too, whom `decide` lets do the
 * rest: a step out of order (a measurement on a proposal, an edit after the evaluation) would make the record lie.
 */
const states: Partial<Record<PilotAction, readonly PilotState[]>> = {
  edit: editableStates,
  approve: ["proposed"],
  start: ["approved"],
  evaluate: ["running"],
  scale_up: ["evaluated"],
  stop: ["proposed", "approved", "running", "evaluated"],
  measure: measurableStates,
  write_lesson: lessonStates,
};

const writes: ReadonlySet<PilotAction> = new Set(["create", "edit", "approve", "start", "evaluate", "scale_up", "stop", "measure", "write_lesson"]);
/** Four-eyes principle: whoever proposed or edited the pilot does not approve it. */
const notByAuthors: ReadonlySet<PilotAction> = new Set(["approve"]);

export function mayPilot(actor: Actor, action: PilotAction, target: PilotTarget): boolean {
  const when = states[action];
  if (when && !(target.state && when.includes(target.state))) return false;
  return decide({ rules, writes, notByAuthors }, actor, action, target);
}

/** Whether the actor is a member of one of the pilot's participating organisations (they see every part of it). */
export function isParticipant(actor: Actor, target: PilotTarget): boolean {
  return actor.kind === "user" && Object.keys(target.participants ?? {}).some((id) => id in actor.roles);
}
