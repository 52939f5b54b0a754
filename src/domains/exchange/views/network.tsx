// The network's public page: the directory of people who agreed to be listed, with filters by country and expertise,
// and the network's events.
import { formatDate, formatNumber } from "../../../i18n/index.ts";
import { Facets, FilterForm, FilterSelect } from "../../../web/components/filters.tsx";
import { Localized } from "../../../web/components/localized.tsx";
import { Pagination } from "../../../web/components/pagination.tsx";
import type { PageContext } from "../../../web/context.ts";
import { Layout } from "../../../web/layout.tsx";
import type { EventView, MemberView } from "../repo.ts";
import type { DirectoryQuery } from "../schema.ts";
import type { Page } from "../service.ts";
import { CountryFacet, LanguageNames, SharingBadge, Tags } from "./common.tsx";

interface Props {
  ctx: PageContext;
  query: DirectoryQuery;
  directory: Page<MemberView> & { expertise: string[] };
  events: EventView[];
}

function directoryHref(base: string, query: DirectoryQuery, page: number) {
  const params = new URLSearchParams();
  if (query.country) params.set("country", query.country);
  if (query.expertise) params.set("expertise", query.expertise);
  if (page > 1) params.set("page", String(page));
  const qs = params.toString();
  return qs ? `${base}?${qs}` : base;
}

/** The dates of an event: one day, or from the first to the last. */
export function EventDates({ ctx, startsOn, endsOn }: { ctx: PageContext; startsOn: string; endsOn: string }) {
  if (startsOn === endsOn) return <time datetime={startsOn}>{formatDate(ctx.lang, startsOn)}</time>;
  return (
    <>
      {ctx.t("exchange.events.from")} <time datetime={startsOn}>{formatDate(ctx.lang, startsOn)}</time> {ctx.t("exchange.events.to")}{" "}
      <time datetime={endsOn}>{formatDate(ctx.lang, endsOn)}</time>
    </>
  );
}

export function NetworkPage({ ctx, query, directory, events }: Props) {
  const { t, lang, actor } = ctx;
  const base = `/${lang}/network`;
  const filtered = Boolean(query.country || query.expertise);
  const admin = actor.kind === "user" && actor.platformAdmin;
  return (
    <Layout ctx={ctx} title={t("exchange.network.title")}>
      <h1>{t("exchange.network.title")}</h1>
      <p class="lead">{t("exchange.network.intro")}</p>
      <p>
        <a href={`/${lang}/workspace/network`}>{t("exchange.network.join")}</a>
      </p>

      <section aria-labelledby="directory-heading">
        <h2 id="directory-heading">{t("exchange.network.directory")}</h2>
        <FilterForm
          action={base}
          label={t("exchange.network.filters")}
          submitLabel={t("exchange.network.submit")}
          clearLabel={t("exchange.library.clear")}
          filtered={filtered}
        >
          <Facets legend={t("exchange.network.filters")}>
            <CountryFacet ctx={ctx} label={t("exchange.country")} anyLabel={t("exchange.library.any")} value={query.country} />
            <FilterSelect
              ctx={ctx}
              name="expertise"
              label={t("exchange.listing.expertise")}
              anyLabel={t("exchange.library.any")}
              value={query.expertise}
              options={directory.expertise.map((tag) => ({ value: tag, label: tag }))}
            />
          </Facets>
        </FilterForm>
        <p id="members-count" aria-live="polite">
          {t("exchange.network.count", { count: directory.total, formatted: formatNumber(lang, directory.total) })}
        </p>
        {directory.items.length === 0 ? (
          <p class="empty-state">{t(filtered ? "exchange.network.no_results" : "exchange.network.empty")}</p>
        ) : (
          <ul class="member-list" aria-labelledby="directory-heading">
            {directory.items.map((m) => (
              <li class="result" id={`member-${m.id}`}>
                <h3>{m.displayName}</h3>
                <dl class="result-meta">
                  <div>
                    <dt>{t("exchange.listing.position")}</dt>
                    <dd>{m.position}</dd>
                  </div>
                  <div>
                    <dt>{t("exchange.form.organisation")}</dt>
                    <dd>
                      <Localized ctx={ctx} text={m.organisationName} /> ({t(`countries.${m.country}`)})
                    </dd>
                  </div>
                  <div>
                    <dt>{t("exchange.listing.languages")}</dt>
                    <dd>
                      <LanguageNames ctx={ctx} list={m.languages} />
                    </dd>
                  </div>
                  <div>
                    <dt>{t("exchange.listing.expertise")}</dt>
                    <dd>
                      <Tags ctx={ctx} tags={m.expertise} />
                    </dd>
                  </div>
                </dl>
                {admin && (
                  <p>
                    <a href={`/${lang}/workspace/network/members/${m.id}/remove`}>
                      {t("exchange.network.remove")}
                      <span class="visually-hidden"> ({m.displayName})</span>
                    </a>
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
        <Pagination ctx={ctx} page={directory.page} pageCount={directory.pageCount} href={(page) => directoryHref(base, query, page)} />
      </section>

      <section aria-labelledby="events-heading">
        <h2 id="events-heading">{t("exchange.events.title")}</h2>
        {events.length === 0 ? (
          <p class="empty-state">{t("exchange.events.empty")}</p>
        ) : (
          <ul class="result-list">
            {events.map((event) => (
              <li class="result">
                <h3>
                  <a href={`/${lang}/network/events/${event.id}`}>
                    <Localized ctx={ctx} text={event.title} />
                  </a>
                </h3>
                {event.sharing !== "public" && (
                  <p>
                    <SharingBadge ctx={ctx} sharing={event.sharing} />
                  </p>
                )}
                <p>
                  <EventDates ctx={ctx} startsOn={event.startsOn} endsOn={event.endsOn} /> · {event.place}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}
