// "What the other country did": the other country's pilots comparable to this one, each with its indicators' latest
// measurements against their targets, and the other country's practices on the same subject.
import { formatDate } from "../../../i18n/index.ts";
import { Localized } from "../../../web/components/localized.tsx";
import type { PageContext } from "../../../web/context.ts";
import type { PracticeItem } from "../../exchange/service.ts";
import type { Country } from "../../exchange/sharing.ts";
import type { OrganisationView } from "../../systems/present.ts";
import type { IndicatorRow, MeasurementRow, PilotRecord } from "../repo.ts";
import { StateBadge } from "./common.tsx";
import { latestOf, measuredIn, withUnit } from "./kpis.tsx";

export interface Comparable {
  pilot: PilotRecord;
  indicators: IndicatorRow[];
  latest: MeasurementRow[];
}

interface Props {
  ctx: PageContext;
  country: Country;
  comparable: Comparable[];
  practices: PracticeItem[];
  organisations: ReadonlyMap<string, OrganisationView>;
}

export function OtherCountryPanel({ ctx, country, comparable, practices, organisations }: Props) {
  const { t, lang } = ctx;
  return (
    <section class="other-country" aria-labelledby="other-country-heading">
      <h2 id="other-country-heading">{t(`pilots.page.other.title_${country}`)}</h2>
      <p>{t("pilots.page.other.intro")}</p>
      <h3>{t("pilots.page.other.pilots")}</h3>
      {comparable.length === 0 ? (
        <p>{t("pilots.page.other.pilots_none")}</p>
      ) : (
        <ul class="result-list">
          {comparable.map(({ pilot, indicators, latest }) => (
            <li class="result">
              <h4>
                <a href={`/${lang}/pilots/${pilot.id}`}>
                  <Localized ctx={ctx} text={pilot.title} />
                </a>
              </h4>
              <p>
                <StateBadge ctx={ctx} state={pilot.state} /> <Localized ctx={ctx} text={organisations.get(pilot.leadOrganisationId)?.name} />
              </p>
              {indicators.length > 0 && (
                <ul>
                  {indicators.flatMap((indicator) =>
                    measuredIn(indicator).map((c) => {
                      const m = latestOf(latest, indicator.id, c);
                      const values = { country: t(`countries.${c}`), target: withUnit(lang, indicator.targets[c]!.target, indicator.unit) };
                      return (
                        <li>
                          <Localized ctx={ctx} text={indicator.name} />
                          {t("common.colon")}{" "}
                          {m
                            ? t("pilots.page.other.latest", { ...values, value: withUnit(lang, m.value, indicator.unit), date: formatDate(lang, m.measuredOn) })
                            : t("pilots.page.other.latest_none", values)}
                        </li>
                      );
                    }),
                  )}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      <h3>{t("pilots.page.other.practices")}</h3>
      {practices.length === 0 ? (
        <p>{t("pilots.page.other.practices_none")}</p>
      ) : (
        <ul>
          {practices.map((practice) => (
            <li>
              <a href={`/${lang}/practices/${practice.id}`}>
                <Localized ctx={ctx} text={practice.title} />
              </a>{" "}
              (<Localized ctx={ctx} text={practice.organisationName} />)
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
