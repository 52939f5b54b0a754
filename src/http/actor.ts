// Who is making a request: nobody signed in, a signed-in user (by session or API token), or the instance's
// operator at the command line. Every policy decides from this.
export const roles = ["viewer", "editor", "reviewer", "dpo", "org_admin"] as const;
export type Role = (typeof roles)[number];

export type Actor =
  | { kind: "anonymous" }
  | {
      kind: "user";
      id: string;
      email: string;
      displayName: string;
      platformAdmin: boolean;
      /** Roles per organisation id. */
      roles: Record<string, Role[]>;
      /** How the request was authenticated; an API token carries scopes that narrow what it may do. */
      via: "session" | "token";
      scopes: string[];
    }
  | { kind: "operator"; name: string };

export const anonymous: Actor = { kind: "anonymous" };

/** Whether the actor holds one of `wanted` in the organisation. */
export function hasRole(actor: Actor, organisationId: string, ...wanted: Role[]): boolean {
  return actor.kind === "user" && (actor.roles[organisationId] ?? []).some((role) => wanted.includes(role));
}

/** The name events record for the actor. */
export function actorName(actor: Actor): string {
  if (actor.kind === "user") return `user:${actor.id}`;
  if (actor.kind === "operator") return `operator:${actor.name}`;
  return "anonymous";
}
