// Pieces every workspace page shares: the breadcrumb, the state of a record, the review-date flag.
import type { PageContext } from "../../../../web/context.ts";
import type { LifecycleState } from "../../schema.ts";

/** Today's date as YYYY-MM-DD in Luxembourg and Brussels (the same time zone). */
export function today(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Luxembourg" }).format(new Date());
}

/** A record is overdue for review when its review date has passed; a retired record needs no more review. */
export function isOverdue(nextReviewDue: string | null | undefined, state: LifecycleState, on = today()): boolean {
  return Boolean(nextReviewDue) && state !== "retired" && nextReviewDue! < on;
}

export function Breadcrumb({ ctx, trail }: { ctx: PageContext; trail: Array<{ href?: string; label: string }> }) {
  return (
    <nav aria-label={ctx.t("common.breadcrumb")} class="breadcrumb">
      <ol>
        <li>
          <a href={`/${ctx.lang}/workspace`}>{ctx.t("workspace.dashboard.title")}</a>
        </li>
        {trail.map((step) => (step.href ? <li><a href={step.href}>{step.label}</a></li> : <li aria-current="page">{step.label}</li>))}
      </ol>
    </nav>
  );
}

export function StateBadge({ ctx, state }: { ctx: PageContext; state: LifecycleState }) {
  return <strong class={`badge state-${state}`}>{ctx.t(`workspace.states.${state}`)}</strong>;
}
