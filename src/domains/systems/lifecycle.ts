// States of a register record and the transitions between them. A publication is an immutable version;
// changing a published record starts a new draft, which becomes the next version when published.
import type { LifecycleState } from "./schema.ts";

export const transitions = {
  submit: { from: ["draft"], to: "in_review" },
  return: { from: ["in_review"], to: "draft" },
  publish: { from: ["in_review"], to: "published" },
  revise: { from: ["published"], to: "draft" },
  retire: { from: ["published", "draft", "in_review"], to: "retired" },
} as const satisfies Record<string, { from: readonly LifecycleState[]; to: LifecycleState }>;

export type Transition = keyof typeof transitions;

export function canTransition(state: LifecycleState, transition: Transition): boolean {
  return (transitions[transition].from as readonly LifecycleState[]).includes(state);
}
