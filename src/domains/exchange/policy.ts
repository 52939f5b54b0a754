// Who may do what in the knowledge exchange. Practices and events are read as their sharing level says and written by
// the editors and administrators of the organisation that shares them; a directory listing is its person's own, and a
// platform admin may take one down on request.
import type { Actor } from "../../http/actor.ts";
import { decide, withRole, type Rule } from "../../http/rules.ts";
import { mayReadShared, type Sharing } from "./sharing.ts";

/** A practice or an event: the organisation that shares it and how widely. */
export interface SharedTarget {
  organisationId: string;
  sharing?: Sharing;
  authors?: readonly string[];
}

export type SharedAction = "read" | "create" | "edit";

const writer: Rule<SharedTarget> = withRole("editor", "org_admin");

const sharedRules: Record<SharedAction, Rule<SharedTarget>> = {
  read: (actor, target) => mayReadShared(actor, target.sharing ?? "participants", [target.organisationId]),
  create: writer,
  edit: writer,
};
const sharedWrites: ReadonlySet<SharedAction> = new Set(["create", "edit"]);

/** Practices and events follow the same rules. */
export function mayShared(actor: Actor, action: SharedAction, target: SharedTarget): boolean {
  return decide({ rules: sharedRules, writes: sharedWrites, notByAuthors: new Set<SharedAction>() }, actor, action, target);
}

/** A listing in the directory: whose it is and the organisation it names. */
export interface ListingTarget {
  userId: string;
  organisationId: string;
  authors?: readonly string[];
}

export type ListingAction = "list" | "withdraw" | "remove";

const self: Rule<ListingTarget> = (actor, target) => actor.kind === "user" && actor.id === target.userId;

const listingRules: Record<ListingAction, Rule<ListingTarget>> = {
  /** One lists oneself, under an organisation one belongs to. */
  list: (actor, target) => self(actor, target) && withRole("viewer", "editor", "reviewer", "dpo", "org_admin")(actor, target),
  withdraw: self,
  /** Taking down someone else's listing is for platform admins (who may do everything). */
  remove: () => false,
};

export function mayListing(actor: Actor, action: ListingAction, target: ListingTarget): boolean {
  // Listing oneself is personal: nobody, platform admins included, lists themself under an organisation they do not belong to.
  if (action === "list") return listingRules.list(actor, target);
  return decide({ rules: listingRules, writes: new Set<ListingAction>(), notByAuthors: new Set<ListingAction>() }, actor, action, target);
}
