// Who may do what to a register record. Accounts and roles arrive with issue 3; until then the only writer
// is the operator of the instance through the CLI, and anyone may read what is published.
export type Actor = { kind: "public" } | { kind: "operator"; name: string };

export type SystemAction = "read_published" | "read_draft" | "import" | "transition";

export function mayOnSystems(actor: Actor, action: SystemAction): boolean {
  if (action === "read_published") return true;
  return actor.kind === "operator";
}

export function actorName(actor: Actor): string {
  return actor.kind === "operator" ? `operator:${actor.name}` : "public";
}
