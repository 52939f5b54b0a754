// The section that follows a background job (an audit, a dataset's scan or protection): a heading, a progress bar and
// the current phase in a live region, with a refresh link for pages without JavaScript. /assets/job-progress.js reads
// its data attributes to poll the job's status and update it in place.

export interface JobProgressProps {
  statusUrl: string;
  /** The record states in which the job is still at work; any other state reloads the page. */
  runningStates: string[];
  /** The label of each phase, by phase name, in the reader's language. */
  phases: Record<string, string>;
  heading: string;
  /** The current phase's name, or undefined before the job reported one. */
  phase?: string;
  /** Done so far, 0–100; undefined when unknown. */
  percent?: number;
  /** Said while the job has not reported yet. */
  waiting: string;
  refreshHref: string;
  refreshLabel: string;
}

const dataName = (phase: string) => `data-phase-${phase.replace(/_/g, "-")}`;

export function JobProgress(props: JobProgressProps) {
  const { phase, percent } = props;
  const phaseData = Object.fromEntries(Object.entries(props.phases).map(([name, label]) => [dataName(name), label]));
  return (
    <section aria-labelledby="progress-heading" class="job-progress" data-running-states={props.runningStates.join(" ")} data-status-url={props.statusUrl} {...phaseData}>
      <h2 id="progress-heading">{props.heading}</h2>
      <progress max="100" value={percent} aria-labelledby="progress-heading">
        {percent === undefined ? "" : `${percent} %`}
      </progress>
      <p role="status" aria-live="polite" class="progress-text">
        {phase ? `${props.phases[phase] ?? ""}${percent === undefined ? "" : ` – ${percent} %`}` : props.waiting}
      </p>
      <p>
        <a href={props.refreshHref}>{props.refreshLabel}</a>
      </p>
    </section>
  );
}
