// The list of joint pilots a reader may see, with filters by sector, state and the lead's country (a GET form that
// works without JavaScript) and pagination.
import { formatNumber } from "../../../i18n/index.ts";
import { SelectField } from "../../../web/components/fields.tsx";
import { Localized } from "../../../web/components/localized.tsx";
import { Pagination } from "../../../web/components/pagination.tsx";
import type { PageContext } from "../../../web/context.ts";
import { Layout } from "../../../web/layout.tsx";
import { countries, sectors } from "../../exchange/sharing.ts";
import type { OrganisationView } from "../../systems/present.ts";
import type { PilotRecord } from "../repo.ts";
import type { PilotFilters } from "../schema.ts";
import { pilotStates } from "../tables.ts";
import { dateRange, SharingBadge, StateBadge } from "./common.tsx";

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
      <form method="get" action={base} class="search-form" aria-labelledby="pilot-filters-legend">
        <fieldset class="facets">
          <legend id="pilot-filters-legend">{t("pilots.public.filters")}</legend>
          <div class="facet-grid">
            <SelectField
              ctx={ctx}
              id="filter-sector"
              name="sector"
              label={t("pilots.public.sector")}
              value={filters.sector}
              emptyLabel={t("pilots.public.any")}
              options={sectors.map((s) => ({ value: s, label: t(`exchange.sectors.${s}`) }))}
            />
            <SelectField
              ctx={ctx}
              id="filter-state"
              name="state"
              label={t("pilots.public.state")}
              value={filters.state}
              emptyLabel={t("pilots.public.any")}
              options={pilotStates.map((s) => ({ value: s, label: t(`pilots.states.${s}`) }))}
            />
            <SelectField
              ctx={ctx}
              id="filter-country"
              name="country"
              label={t("pilots.public.lead_country")}
              value={filters.country}
              emptyLabel={t("pilots.public.any")}
              options={countries.map((c) => ({ value: c, label: t(`countries.${c}`) }))}
            />
          </div>
        </fieldset>
        <button type="submit" class="button">
          {t("pilots.public.submit")}
        </button>
        {filtered && (
          <a class="clear-link" href={base}>
            {t("pilots.public.clear")}
          </a>
        )}
      </form>

      <h2 id="results-heading" aria-live="polite">
        {t("pilots.public.results", { count: result.total, formatted: formatNumber(lang, result.total) })}
      </h2>
      {result.rows.length === 0 ? (
        <div class="empty-state">
          <p>{t(filtered ? "pilots.public.no_results" : "pilots.public.empty")}</p>
          {filtered && (
            <p>
              <a href={base}>{t("pilots.public.show_all")}</a>
            </p>
          )}
        </div>
      ) : (
        <ol class="result-list" aria-labelledby="results-heading" start={(filters.page - 1) * result.pageSize + 1}>
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
                  <div>
                    <dt>{t("pilots.public.sector")}</dt>
                    <dd>{t(`exchange.sectors.${pilot.sector}`)}</dd>
                  </div>
                  <div>
                    <dt>{t("pilots.public.dates")}</dt>
                    <dd>{dateRange(ctx, pilot.startsOn, pilot.endsOn)}</dd>
                  </div>
                </dl>
              </li>
            );
          })}
        </ol>
      )}
      <Pagination ctx={ctx} page={filters.page} pageCount={result.pageCount} href={(page) => listHref(base, filters, { page })} />
    </Layout>
  );
}
