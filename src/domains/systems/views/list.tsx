// The register's search page: a search form with facets, the results and pagination.
import { SelectField, TextField } from "../../../web/components/fields.tsx";
import { EmptyState, Facets, FilterForm, ResultList, ResultsHeading } from "../../../web/components/filters.tsx";
import { Localized } from "../../../web/components/localized.tsx";
import { Pagination } from "../../../web/components/pagination.tsx";
import type { PageContext } from "../../../web/context.ts";
import { formatDate, formatNumber } from "../../../i18n/index.ts";
import { Layout } from "../../../web/layout.tsx";
import type { Facet } from "../repo.ts";
import type { SystemListQuery } from "../schema.ts";
import type { SearchResult } from "../service.ts";

interface Props {
  ctx: PageContext;
  query: SystemListQuery;
  result: SearchResult;
  /** Organisation names for the organisation facet, by id. */
  organisationNames: Record<string, string>;
  /** Where the form submits: the search page, or an organisation's page. */
  action?: string;
  title?: string;
  intro?: preact.ComponentChildren;
}

const facetLabel: Record<Exclude<Facet, "organisation">, (value: string) => string> = {
  country: (v) => `countries.${v}`,
  theme: (v) => `themes.${v}`,
  status: (v) => `phases.${v}`,
  risk: (v) => `risk.${v}`,
};

/** The query string of a search, without empty values, with `changes` applied. */
export function searchHref(base: string, query: SystemListQuery, changes: Partial<Record<keyof SystemListQuery, string | number | undefined>>) {
  const params = new URLSearchParams();
  const merged = { ...query, ...changes } as Record<string, unknown>;
  for (const key of ["q", "country", "organisation", "theme", "status", "risk", "page"]) {
    const value = merged[key];
    if (value === undefined || value === "" || (key === "page" && value === 1)) continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${base}?${qs}` : base;
}

export function SystemListPage({ ctx, query, result, organisationNames, action, title, intro }: Props) {
  const { t, lang } = ctx;
  const base = action ?? `/${lang}/systems`;
  const facetOptions = (facet: Facet) =>
    result.facets[facet].map((f) => ({
      value: f.value,
      label: `${facet === "organisation" ? (organisationNames[f.value] ?? f.value) : t(facetLabel[facet](f.value))} (${formatNumber(lang, f.count)})`,
    }));
  const active = (["country", "organisation", "theme", "status", "risk"] as const).filter((f) => query[f] !== undefined);
  const heading = title ?? t("systems.list.title");
  return (
    <Layout ctx={ctx} title={query.q ? t("systems.list.title_search", { q: query.q }) : heading}>
      <h1>{heading}</h1>
      {intro}
      <FilterForm
        action={base}
        search
        label={t("systems.list.search_label")}
        submitLabel={t("systems.list.submit")}
        clearLabel={t("systems.list.clear")}
        filtered={Boolean(query.q) || active.length > 0}
      >
        <TextField
          ctx={ctx}
          id="q"
          name="q"
          type="search"
          label={t("systems.list.search_label")}
          hint={t("systems.list.search_hint")}
          value={query.q}
        />
        <Facets legend={t("systems.list.filters")}>
          {(["country", "organisation", "theme", "status", "risk"] as const)
            .filter((facet) => !(action && facet === "organisation"))
            .map((facet) => (
              <SelectField
                ctx={ctx}
                id={`facet-${facet}`}
                name={facet}
                label={t(`systems.facets.${facet}`)}
                value={query[facet]}
                emptyLabel={t("systems.list.any")}
                options={facetOptions(facet)}
              />
            ))}
        </Facets>
      </FilterForm>

      <ResultsHeading>{t("systems.list.results", { count: result.total, formatted: formatNumber(lang, result.total) })}</ResultsHeading>
      {result.items.length === 0 ? (
        <EmptyState message={t("systems.list.no_results")} showAll={{ href: `/${lang}/systems`, label: t("systems.list.show_all") }} />
      ) : (
        <ResultList page={result.page} pageSize={result.pageSize}>
          {result.items.map((item) => (
            <li class="result">
              <h3>
                <a href={`/${lang}/systems/${item.id}`}>
                  <Localized ctx={ctx} text={item.name} />
                </a>
              </h3>
              <p class="result-summary">
                <Localized ctx={ctx} text={item.summary} />
              </p>
              <dl class="result-meta">
                <div>
                  <dt>{t("systems.fields.organisation")}</dt>
                  <dd>
                    <Localized ctx={ctx} text={item.organisationName} /> ({t(`countries.${item.country}`)})
                  </dd>
                </div>
                <div>
                  <dt>{t("systems.fields.status")}</dt>
                  <dd>{item.retiredAt ? t("systems.retired_badge") : t(`phases.${item.phase}`)}</dd>
                </div>
                <div>
                  <dt>{t("systems.fields.risk_class")}</dt>
                  <dd>{t(`risk.${item.riskClass}`)}</dd>
                </div>
                <div>
                  <dt>{t("systems.fields.updated")}</dt>
                  <dd>
                    <time datetime={item.publishedAt.toISOString()}>{formatDate(lang, item.publishedAt)}</time>
                  </dd>
                </div>
              </dl>
            </li>
          ))}
        </ResultList>
      )}
      <Pagination ctx={ctx} page={result.page} pageCount={result.pageCount} href={(page) => searchHref(base, query, { page })} />
    </Layout>
  );
}
