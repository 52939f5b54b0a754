// Pieces the pilots' pages share: the state and sharing badges (sharing said in the pilots' words), a date range, and
// a pilot's sector and dates as facts.
import { formatDate } from "../../../i18n/index.ts";
import type { PageContext } from "../../../web/context.ts";
import type { Sharing } from "../../exchange/sharing.ts";
import type { PilotState } from "../tables.ts";

export function StateBadge({ ctx, state }: { ctx: PageContext; state: PilotState }) {
  return <strong class={`badge state-${state}`}>{ctx.t(`pilots.states.${state}`)}</strong>;
}

/** Who may see the pilot, in words: never by colour or icon alone. */
export function SharingBadge({ ctx, sharing }: { ctx: PageContext; sharing: Sharing }) {
  return <span class={`badge sharing-${sharing}`}>{ctx.t(`pilots.sharing.${sharing}`)}</span>;
}

/** A day (YYYY-MM-DD) in the reader's language, machine-readable too. */
export function Day({ ctx, value }: { ctx: PageContext; value: string }) {
  return <time datetime={value}>{formatDate(ctx.lang, value)}</time>;
}

/** "1 January 2026 to 31 December 2026", in the word order of the reader's language. */
export function dateRange(ctx: PageContext, from: string, to: string): string {
  return ctx.t("pilots.public.date_range", { start: formatDate(ctx.lang, from), end: formatDate(ctx.lang, to) });
}

/** A pilot's sector and dates, two entries of a definition list: in the list's results and the pilot's key facts. */
export function SectorAndDates({ ctx, pilot }: { ctx: PageContext; pilot: { sector: string; startsOn: string; endsOn: string } }) {
  return (
    <>
      <div>
        <dt>{ctx.t("pilots.public.sector")}</dt>
        <dd>{ctx.t(`exchange.sectors.${pilot.sector}`)}</dd>
      </div>
      <div>
        <dt>{ctx.t("pilots.public.dates")}</dt>
        <dd>{dateRange(ctx, pilot.startsOn, pilot.endsOn)}</dd>
      </div>
    </>
  );
}
