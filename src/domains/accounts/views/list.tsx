// The list of organisations that own records, by country.
import { formatNumber } from "../../../i18n/index.ts";
import { Localized } from "../../../web/components/localized.tsx";
import type { PageContext } from "../../../web/context.ts";
import { Layout } from "../../../web/layout.tsx";
import type { OrganisationView } from "../../systems/present.ts";

type Listed = OrganisationView & { publicSystems: number };

export function OrganisationListPage({ ctx, organisations }: { ctx: PageContext; organisations: Listed[] }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t("organisations.title")}>
      <h1>{t("organisations.title")}</h1>
      <p>{t("organisations.intro")}</p>
      {organisations.length === 0 && <p class="empty-state">{t("organisations.empty")}</p>}
      {(["LU", "BE"] as const).map((country) => {
        const own = organisations.filter((o) => o.country === country);
        if (own.length === 0) return null;
        return (
          <section aria-labelledby={`country-${country}`}>
            <h2 id={`country-${country}`}>{t(`countries.${country}`)}</h2>
            <ul class="org-list">
              {own.map((o) => (
                <li>
                  <a href={`/${lang}/organisations/${o.id}`}>
                    <Localized ctx={ctx} text={o.name} />
                  </a>{" "}
                  <span class="muted">
                    {t(`org_kinds.${o.kind}`)} · {t("organisations.system_count", { count: o.publicSystems, formatted: formatNumber(lang, o.publicSystems) })}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </Layout>
  );
}
