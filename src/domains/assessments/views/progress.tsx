// How far a response is: required questions answered out of those the answers so far make visible.
import type { PageContext } from "../../../web/context.ts";
import type { Progress } from "../format.ts";

export function ProgressBar({ ctx, progress }: { ctx: PageContext; progress: Progress }) {
  const label = ctx.t("assessments.progress", { answered: progress.answered, count: progress.required });
  return (
    <div class="progress">
      <label for="assessment-progress">{label}</label>
      <progress id="assessment-progress" max={Math.max(progress.required, 1)} value={progress.answered}>
        {label}
      </progress>
    </div>
  );
}
