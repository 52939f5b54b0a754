// Who may read a shared record: its participants only, the officials of both administrations, or everyone. Pilots,
// lessons, practices and events all carry one of these levels; public pages show only `public`.
import type { Actor } from "../../http/actor.ts";

export const countries = ["LU", "BE"] as const;
export type Country = (typeof countries)[number];

export const sharingLevels = ["participants", "partners", "public"] as const;
export type Sharing = (typeof sharingLevels)[number];

export const sectors = ["health", "transport", "social_security", "taxation", "education", "justice", "environment", "employment", "public_safety", "other"] as const;
export type Sector = (typeof sectors)[number];

/** Whether `actor` may read a record shared at `level` whose participants are `organisationIds`. */
export function mayReadShared(actor: Actor, level: Sharing, organisationIds: readonly string[]): boolean {
  if (level === "public" || actor.kind === "operator") return true;
  if (actor.kind !== "user") return false;
  if (actor.platformAdmin) return true;
  const memberOf = Object.keys(actor.roles);
  // An official of either administration: any membership at all.
  if (level === "partners") return memberOf.length > 0;
  return memberOf.some((id) => organisationIds.includes(id));
}

/** The levels `actor` reads regardless of participation (for list queries): participation is checked per row. */
export function levelsReadable(actor: Actor): Sharing[] {
  if (actor.kind === "operator" || (actor.kind === "user" && actor.platformAdmin)) return [...sharingLevels];
  if (actor.kind === "user" && Object.keys(actor.roles).length > 0) return ["partners", "public"];
  return ["public"];
}
