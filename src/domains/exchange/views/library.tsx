// The practice library's search page: practices, guides and templates of both administrations and the pilots'
// lessons learned, found by the stemmed words of their text, each saying which languages it can be read in.
import { formatNumber } from "../../../i18n/index.ts";
import { TextField } from "../../../web/components/fields.tsx";
import { EmptyState, Facets, FilterForm, FilterSelect, ResultList, ResultsHeading } from "../../../web/components/filters.tsx";
import { Localized } from "../../../web/components/localized.tsx";
import { Pagination } from "../../../web/components/pagination.tsx";
import type { PageContext } from "../../../web/context.ts";
import { Layout } from "../../../web/layout.tsx";
import type { LocalizedText } from "../../systems/schema.ts";
import { libraryKinds, type LibraryQuery } from "../schema.ts";
import type { LibraryItem, Page } from "../service.ts";
import { CountryFacet, KindBadge, LanguageNames, SectorFacet, SharingBadge } from "./common.tsx";

interface Props {
  ctx: PageContext;
  query: LibraryQuery;
  result: Page<LibraryItem>;
  /** Names of the organisations of the lessons found, by id. */
  organisationNames: Map<string, LocalizedText>;
}

/** The address of a search with `changes` applied, without empty values. */
function searchHref(base: string, query: LibraryQuery, changes: Partial<Record<keyof LibraryQuery, string | number>>) {
  const params = new URLSearchParams();
  const merged = { ...query, ...changes } as Record<string, unknown>;
  for (const key of ["q", "kind", "sector", "country", "page"]) {
    const value = merged[key];
    if (value === undefined || value === "" || (key === "page" && value === 1)) continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${base}?${qs}` : base;
}

export function LibraryPage({ ctx, query, result, organisationNames }: Props) {
  const { t, lang } = ctx;
  const base = `/${lang}/practices`;
  const heading = t("exchange.library.title");
  const filtered = Boolean(query.q || query.kind || query.sector || query.country);
  return (
    <Layout ctx={ctx} title={query.q ? t("exchange.library.title_search", { q: query.q }) : heading}>
      <h1>{heading}</h1>
      <p class="lead">{t("exchange.library.intro")}</p>
      <FilterForm
        action={base}
        search
        label={t("exchange.library.search_label")}
        submitLabel={t("exchange.library.submit")}
        clearLabel={t("exchange.library.clear")}
        filtered={filtered}
      >
        <TextField ctx={ctx} id="q" name="q" type="search" label={t("exchange.library.search_label")} hint={t("exchange.library.search_hint")} value={query.q} />
        <Facets legend={t("exchange.library.filters")}>
          <FilterSelect
            ctx={ctx}
            name="kind"
            label={t("exchange.form.kind")}
            anyLabel={t("exchange.library.any")}
            value={query.kind}
            options={libraryKinds.map((k) => ({ value: k, label: t(`exchange.kinds.${k}`) }))}
          />
          <SectorFacet ctx={ctx} label={t("exchange.form.sector")} anyLabel={t("exchange.library.any")} value={query.sector} />
          <CountryFacet ctx={ctx} label={t("exchange.country")} anyLabel={t("exchange.library.any")} value={query.country} />
        </Facets>
      </FilterForm>

      <ResultsHeading>{t("exchange.library.results", { count: result.total, formatted: formatNumber(lang, result.total) })}</ResultsHeading>
      {result.items.length === 0 ? (
        <EmptyState
          message={t(filtered ? "exchange.library.no_results" : "exchange.library.empty")}
          showAll={filtered ? { href: base, label: t("exchange.library.show_all") } : undefined}
        />
      ) : (
        <ResultList page={result.page} pageSize={result.pageSize}>
          {result.items.map((entry) =>
            entry.type === "practice" ? (
              <li class="result">
                <h3>
                  <a href={`/${lang}/practices/${entry.practice.id}`}>
                    <Localized ctx={ctx} text={entry.practice.title} />
                  </a>
                </h3>
                <p>
                  <KindBadge ctx={ctx} kind={entry.practice.kind} />
                  {entry.practice.sharing !== "public" && <SharingBadge ctx={ctx} sharing={entry.practice.sharing} />}
                </p>
                <p class="result-summary">
                  <Localized ctx={ctx} text={entry.practice.summary} />
                </p>
                <dl class="result-meta">
                  <div>
                    <dt>{t("exchange.form.organisation")}</dt>
                    <dd>
                      <Localized ctx={ctx} text={entry.practice.organisationName} /> ({t(`countries.${entry.practice.country}`)})
                    </dd>
                  </div>
                  {entry.practice.sector && (
                    <div>
                      <dt>{t("exchange.form.sector")}</dt>
                      <dd>{t(`exchange.sectors.${entry.practice.sector}`)}</dd>
                    </div>
                  )}
                  <div>
                    <dt>{t("exchange.available_in")}</dt>
                    <dd class="available-languages">
                      <LanguageNames ctx={ctx} list={entry.practice.languages} />
                    </dd>
                  </div>
                </dl>
              </li>
            ) : (
              <li class="result">
                <h3>
                  <a href={`/${lang}/pilots/${entry.lesson.pilotId}#lesson-${entry.lesson.id}`}>
                    <Localized ctx={ctx} text={entry.lesson.title} />
                  </a>
                </h3>
                <p>
                  <KindBadge ctx={ctx} kind="lesson" />
                </p>
                <p class="result-summary">
                  <Localized ctx={ctx} text={entry.lesson.excerpt} />
                </p>
                <dl class="result-meta">
                  <div>
                    <dt>{t("exchange.form.organisation")}</dt>
                    <dd>
                      <Localized ctx={ctx} text={organisationNames.get(entry.lesson.organisationId)} /> ({t(`countries.${entry.lesson.country}`)})
                    </dd>
                  </div>
                  <div>
                    <dt>{t("exchange.available_in")}</dt>
                    <dd class="available-languages">
                      <LanguageNames ctx={ctx} list={entry.lesson.languages} />
                    </dd>
                  </div>
                </dl>
              </li>
            ),
          )}
        </ResultList>
      )}
      <Pagination ctx={ctx} page={result.page} pageCount={result.pageCount} href={(page) => searchHref(base, query, { page })} />
    </Layout>
  );
}
