// The list of joint pilots a reader may see, with filters by sector, state and the lead's country (a GET form that
// works without JavaScript) and pagination.
import { formatNumber } from "../../../i18n/index.ts";
import { EmptyState, Facets, FilterForm, FilterSelect, ResultList, ResultsHeading } from "../../../web/components/filters.tsx";
import { Localized } from "../../../web/components/localized.tsx";
import { Pagination } from "../../../web/components/pagination.tsx";
import type { PageContext } from "../../../web/context.ts";
import { Layout } from "../../../web/layout.tsx";
import { countries } from "../../exchange/sharing.ts";
import { CountryFacet, SectorFacet } from "../../exchange/views/common.tsx";
import type { OrganisationView } from "../../systems/present.ts";
import type { PilotRecord } from "../repo.ts";
import type { PilotFilters } from "../schema.ts";
import { pilotStates } from "../tables.ts";
import { SectorAndDates, SharingBadge, StateBadge } from "./common.tsx";

interface Props {
  ctx: PageContext;
  filters: PilotFilters;
  result: { rows: PilotRecord[]; total: number; pageCount: number; pageSize: number };
  /** The lead and participating organisations of the pilots listed, by id. */
  organisations: ReadonlyMap<string, OrganisationView>;
}

/** The address of the list with `changes` applied, without empty values. */
function listHref(base: string, filters: PilotFilters, changes: Partial<Record<keyof PilotFilters, string | number>>) {
  const params = new URLSearchParams();
  const merged = { ...filters, ...changes } as Record<string, unknown>;
  for (const key of ["sector", "state", "country", "page"]) {
    const value = merged[key];
    if (value === undefined || value === "" || (key === "page" && value === 1)) continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${base}?${qs}` : base;
}

export function PilotListPage({ ctx, filters, result, organisations }: Props) {
  const { t, lang } = ctx;
  const base = `/${lang}/pilots`;
  const filtered = Boolean(filters.sector || filters.state || filters.country);
  return (
    <Layout ctx={ctx} title={t("pilots.public.title")}>
      <h1>{t("pilots.public.title")}</h1>
      <p class="lead">{t("pilots.public.intro")}</p>
      <p>{t("pilots.public.intro_more")}</p>
      <FilterForm action={base} labelledBy="pilot-filters-legend" submitLabel={t("pilots.public.submit")} clearLabel={t("pilots.public.clear")} filtered={filtered}>
        <Facets legend={t("pilots.public.filters")} legendId="pilot-filters-legend">
          <SectorFacet ctx={ctx} label={t("pilots.public.sector")} anyLabel={t("pilots.public.any")} value={filters.sector} />
          <FilterSelect
            ctx={ctx}
            name="state"
            label={t("pilots.public.state")}
            anyLabel={t("pilots.public.any")}
            value={filters.state}
            options={pilotStates.map((s) => ({ value: s, label: t(`pilots.states.${s}`) }))}
          />
          <CountryFacet ctx={ctx} label={t("pilots.public.lead_country")} anyLabel={t("pilots.public.any")} value={filters.country} />
        </Facets>
      </FilterForm>

      <ResultsHeading>{t("pilots.public.results", { count: result.total, formatted: formatNumber(lang, result.total) })}</ResultsHeading>
      {result.rows.length === 0 ? (
        <EmptyState
          message={t(filtered ? "pilots.public.no_results" : "pilots.public.empty")}
          showAll={filtered ? { href: base, label: t("pilots.public.show_all") } : undefined}
        />
      ) : (
        <ResultList page={filters.page} pageSize={result.pageSize}>
          {result.rows.map((pilot) => {
            const participating = countries.filter((c) => pilot.participants.some((p) => organisations.get(p.organisationId)?.country === c));
            return (
              <li class="result">
                <h3>
                  <a href={`/${lang}/pilots/${pilot.id}`}>
                    <Localized ctx={ctx} text={pilot.title} />
                  </a>
                </h3>
                <p>
                  <StateBadge ctx={ctx} state={pilot.state} />
                  {pilot.sharing !== "public" && <> <SharingBadge ctx={ctx} sharing={pilot.sharing} /></>}
                </p>
                <dl class="result-meta">
                  <div>
                    <dt>{t("pilots.public.lead")}</dt>
                    <dd>
                      <Localized ctx={ctx} text={organisations.get(pilot.leadOrganisationId)?.name} />
                    </dd>
                  </div>
                  <div>
                    <dt>{t("pilots.public.countries")}</dt>
                    <dd>{participating.map((c) => t(`countries.${c}`)).join(", ")}</dd>
                  </div>
                  <SectorAndDates ctx={ctx} pilot={pilot} />
                </dl>
              </li>
            );
          })}
        </ResultList>
      )}
      <Pagination ctx={ctx} page={filters.page} pageCount={result.pageCount} href={(page) => listHref(base, filters, { page })} />
    </Layout>
  );
}
