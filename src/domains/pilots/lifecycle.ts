// A pilot's states and the steps between them: proposed → approved → running → evaluated → scaled up, or stopped
// (with its reason) at any point before it is scaled up.
import type { PilotState } from "./tables.ts";

export type PilotStep = "approve" | "start" | "evaluate" | "scale_up" | "stop";

const steps: Record<PilotState, Partial<Record<PilotState, PilotStep>>> = {
  proposed: { approved: "approve", stopped: "stop" },
  approved: { running: "start", stopped: "stop" },
  running: { evaluated: "evaluate", stopped: "stop" },
  evaluated: { scaled_up: "scale_up", stopped: "stop" },
  scaled_up: {},
  stopped: {},
};

/** The step that takes a pilot from `from` to `to`, or undefined when there is none. */
export function stepBetween(from: PilotState, to: PilotState): PilotStep | undefined {
  return steps[from][to];
}

/** The states a pilot may go to next. */
export function nextStates(from: PilotState): PilotState[] {
  return Object.keys(steps[from]) as PilotState[];
}

/** Texts, frame, participants, milestones and indicators change only until the pilot is evaluated. */
export const editableStates: readonly PilotState[] = ["proposed", "approved", "running"];
/** Measurements are recorded once the pilot is approved (baselines) and while it runs. */
export const measurableStates: readonly PilotState[] = ["approved", "running"];
/** Lessons come from doing: from approval on, after the end too. */
export const lessonStates: readonly PilotState[] = ["approved", "running", "evaluated", "scaled_up", "stopped"];
