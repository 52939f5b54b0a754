// Pieces the pilots' pages share: the state and sharing badges (sharing said in the pilots' words), a date range.
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
