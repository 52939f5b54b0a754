// A list page's filters and results: the GET filter form with its facets, the results' count and list, the empty state.
import type { ComponentChildren } from "preact";
import type { PageContext } from "../context.ts";
import { SelectField } from "./fields.tsx";

/** The id of the results' heading, which announces their count and names their list. */
const resultsHeadingId = "results-heading";

/**
 * A filter form that works without JavaScript (GET to the list's own address), its fields followed by the submit
 * button and, while a filter is set, a link back to the unfiltered list. Named by `label` or by the element
 * `labelledBy` points at; a `search` form is a search landmark.
 */
export function FilterForm(props: {
  action: string;
  search?: boolean;
  label?: string;
  labelledBy?: string;
  submitLabel: string;
  clearLabel: string;
  /** Whether a filter or search is set: only then is the clear link shown. */
  filtered: boolean;
  children: ComponentChildren;
}) {
  const { action, search, label, labelledBy, submitLabel, clearLabel, filtered, children } = props;
  return (
    <form method="get" action={action} class="search-form" role={search ? "search" : undefined} aria-label={label} aria-labelledby={labelledBy}>
      {children}
      <button type="submit" class="button">
        {submitLabel}
      </button>
      {filtered && (
        <a class="clear-link" href={action}>
          {clearLabel}
        </a>
      )}
    </form>
  );
}

/** The filter form's drop-downs, side by side under one legend (given an id when the form is named by it). */
export function Facets({ legend, legendId, children }: { legend: string; legendId?: string; children: ComponentChildren }) {
  return (
    <fieldset class="facets">
      <legend id={legendId}>{legend}</legend>
      <div class="facet-grid">{children}</div>
    </fieldset>
  );
}

/** One facet: a drop-down named `name` (its id `filter-${name}`) whose first choice, `anyLabel`, filters nothing out. */
export function FilterSelect(props: {
  ctx: PageContext;
  name: string;
  label: string;
  anyLabel: string;
  value?: string;
  options: Array<{ value: string; label: string }>;
}) {
  const { ctx, name, label, anyLabel, value, options } = props;
  return <SelectField ctx={ctx} id={`filter-${name}`} name={name} label={label} value={value} emptyLabel={anyLabel} options={options} />;
}

/** "42 results": a heading that screen readers announce again when the count changes. */
export function ResultsHeading({ children }: { children: ComponentChildren }) {
  return (
    <h2 id={resultsHeadingId} aria-live="polite">
      {children}
    </h2>
  );
}

/** The numbered results of one page of the list, numbered on from the pages before it, named by the results heading. */
export function ResultList({ page, pageSize, children }: { page: number; pageSize: number; children: ComponentChildren }) {
  return (
    <ol class="result-list" aria-labelledby={resultsHeadingId} start={(page - 1) * pageSize + 1}>
      {children}
    </ol>
  );
}

/** What stands instead of the results when there are none, with a link to the whole list when it was filtered. */
export function EmptyState({ message, showAll }: { message: string; showAll?: { href: string; label: string } }) {
  return (
    <div class="empty-state">
      <p>{message}</p>
      {showAll && (
        <p>
          <a href={showAll.href}>{showAll.label}</a>
        </p>
      )}
    </div>
  );
}
