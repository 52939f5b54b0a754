// The home page: what the register is, a search box, and ways to browse it.
import { formatNumber } from "../../../i18n/index.ts";
import { TextField } from "../../../web/components/fields.tsx";
import type { PageContext } from "../../../web/context.ts";
import { Layout } from "../../../web/layout.tsx";
import type { FacetCounts } from "../../systems/repo.ts";

interface Props {
  ctx: PageContext;
  stats: { systems: number; organisations: number };
  facets: FacetCounts;
}

export function HomePage({ ctx, stats, facets }: Props) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t("home.title")}>
      <h1>{t("home.heading")}</h1>
      <p class="lead">{t("home.intro")}</p>
      <form method="get" action={`/${lang}/systems`} role="search" aria-label={t("systems.list.search_label")} class="search-form home-search">
        <TextField ctx={ctx} id="q" name="q" type="search" label={t("home.search_label")} hint={t("systems.list.search_hint")} />
        <button type="submit" class="button">
          {t("systems.list.submit")}
        </button>
      </form>
      <p>
        {t("home.stats", {
          systems: t("home.systems_count", { count: stats.systems, formatted: formatNumber(lang, stats.systems) }),
          organisations: t("home.organisations_count", { count: stats.organisations, formatted: formatNumber(lang, stats.organisations) }),
        })}
      </p>
      <div class="columns">
        <section aria-labelledby="by-country">
          <h2 id="by-country">{t("home.by_country")}</h2>
          <ul>
            {facets.country.map((f) => (
              <li>
                <a href={`/${lang}/systems?country=${f.value}`}>{t(`countries.${f.value}`)}</a> ({formatNumber(lang, f.count)})
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="by-theme">
          <h2 id="by-theme">{t("home.by_theme")}</h2>
          <ul>
            {facets.theme.map((f) => (
              <li>
                <a href={`/${lang}/systems?theme=${f.value}`}>{t(`themes.${f.value}`)}</a> ({formatNumber(lang, f.count)})
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="by-risk">
          <h2 id="by-risk">{t("home.by_risk")}</h2>
          <ul>
            {facets.risk.map((f) => (
              <li>
                <a href={`/${lang}/systems?risk=${f.value}`}>{t(`risk.${f.value}`)}</a> ({formatNumber(lang, f.count)})
              </li>
            ))}
          </ul>
        </section>
      </div>
      <section aria-labelledby="about">
        <h2 id="about">{t("home.about_heading")}</h2>
        <p>{t("home.about")}</p>
        <p>{t("home.contest")}</p>
      </section>
    </Layout>
  );
}
