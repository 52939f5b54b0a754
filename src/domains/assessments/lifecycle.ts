// States of an assessment and the transitions between them: filled in as a draft, submitted, then approved (frozen)
// or returned to draft with a comment. Reassessing an approved one starts a new response from its answers.
import type { AssessmentState } from "./tables.ts";

export const transitions = {
  submit: { from: ["draft"], to: "submitted" },
  return: { from: ["submitted"], to: "draft" },
  approve: { from: ["submitted"], to: "approved" },
} as const satisfies Record<string, { from: readonly AssessmentState[]; to: AssessmentState }>;

export type AssessmentTransition = keyof typeof transitions;

export function canTransition(state: AssessmentState, transition: AssessmentTransition): boolean {
  return (transitions[transition].from as readonly AssessmentState[]).includes(state);
}
