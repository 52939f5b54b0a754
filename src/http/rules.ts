// Building blocks of the domains' policies (policy.ts): small rules over an actor and a target, combined as data.
import { actorName, hasRole, type Actor, type Role } from "./actor.ts";

export type Rule<T> = (actor: Actor, target: T) => boolean;

/** Holds when the actor has one of `roles` in the organisation that owns the target. */
export const withRole =
  (...roles: Role[]): Rule<{ organisationId: string }> =>
  (actor, target) =>
    hasRole(actor, target.organisationId, ...roles);

/** Holds when the target is in one of `states`. */
export const inState =
  <S extends string>(...states: S[]): Rule<{ state?: S }> =>
  (_actor, target) =>
    target.state !== undefined && states.includes(target.state);

export const all =
  <T>(...rules: Rule<T>[]): Rule<T> =>
  (actor, target) =>
    rules.every((rule) => rule(actor, target));

export const any =
  <T>(...rules: Rule<T>[]): Rule<T> =>
  (actor, target) =>
    rules.some((rule) => rule(actor, target));

/** What a domain's policy declares: a rule per action, which actions write, which its authors may not take. */
export interface Policy<A extends string, T> {
  rules: Record<A, Rule<T>>;
  /** Need the `systems:write` scope when the actor comes with an API token. */
  writes: ReadonlySet<A>;
  /** Four-eyes principle: none of the target's authors may take these, whatever their roles (platform admins too). */
  notByAuthors: ReadonlySet<A>;
}

/** Whether the actor is one of the target's authors (actor names, as events record them). */
export function isAuthorOf(actor: Actor, target: { authors?: readonly string[] }): boolean {
  return actor.kind === "user" && (target.authors ?? []).includes(actorName(actor));
}

/**
 * The decision every policy shares: the operator may do everything; authors never take a four-eyes action; a token
 * writes only with the write scope; platform admins may do the rest; everyone else as the action's rule says.
 */
export function decide<A extends string, T extends { authors?: readonly string[] }>(policy: Policy<A, T>, actor: Actor, action: A, target: T): boolean {
  if (actor.kind === "operator") return true;
  if (policy.notByAuthors.has(action) && isAuthorOf(actor, target)) return false;
  if (actor.kind === "user") {
    if (actor.via === "token" && policy.writes.has(action) && !actor.scopes.includes("systems:write")) return false;
    if (actor.platformAdmin) return true;
  }
  return policy.rules[action](actor, target);
}
