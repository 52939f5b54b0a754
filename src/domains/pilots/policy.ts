// Who may do what to a pilot. The lead organisation's editors write the pilot; its reviewers approve it (not the
// people who proposed it); the editors of the lead and of partner organisations record measurements for their
// country and write lessons; observers read. Reading otherwise follows the pilot's sharing level (exchange/sharing.ts).
import type { Actor, Role } from "../../http/actor.ts";
import { hasRole } from "../../http/actor.ts";
import { all, decide, inState, withRole, type Rule as Rules } from "../../http/rules.ts";
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
const editable: Rule = inState<PilotState>(...editableStates);
const contributor: Rule = participantWith(["lead", "partner"], "editor", "org_admin");
const readable: Rule = (actor, target) => mayReadShared(actor, target.sharing ?? "participants", Object.keys(target.participants ?? {}));

const rules: Record<PilotAction, Rule> = {
  read: readable,
  create: leadWriter,
  edit: all(leadWriter, editable),
  approve: all(leadReviewer, inState<PilotState>("proposed")),
  start: all(leadWriter, inState<PilotState>("approved")),
  evaluate: all(leadWriter, inState<PilotState>("running")),
  scale_up: all(leadWriter, inState<PilotState>("evaluated")),
  stop: all(leadWriter, inState<PilotState>("proposed", "approved", "running", "evaluated")),
  measure: all(contributor, inState<PilotState>(...measurableStates)),
  write_lesson: all(contributor, inState<PilotState>(...lessonStates)),
};

const writes: ReadonlySet<PilotAction> = new Set(["create", "edit", "approve", "start", "evaluate", "scale_up", "stop", "measure", "write_lesson"]);
/** Four-eyes principle: whoever proposed or edited the pilot does not approve it. */
const notByAuthors: ReadonlySet<PilotAction> = new Set(["approve"]);

export function mayPilot(actor: Actor, action: PilotAction, target: PilotTarget): boolean {
  return decide({ rules, writes, notByAuthors }, actor, action, target);
}

/** Whether the actor is a member of one of the pilot's participating organisations (they see every part of it). */
export function isParticipant(actor: Actor, target: PilotTarget): boolean {
  return actor.kind === "user" && Object.keys(target.participants ?? {}).some((id) => id in actor.roles);
}
