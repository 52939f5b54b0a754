// Building blocks of the domains' policies (policy.ts): small rules over an actor and a target, combined as data.
import { hasRole, type Actor, type Role } from "./actor.ts";

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
