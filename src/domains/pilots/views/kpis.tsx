// A pilot's indicators: per indicator, where each country stands against its target in words, and the chart of its
// measurements per country with the same figures as a table.
import { formatDate, formatNumber, intlLocale, languages, type Lang } from "../../../i18n/index.ts";
import { KpiChart, progressTowardTarget, targetReached, type KpiSeries } from "../../../web/components/kpi-chart.tsx";
import { localizedString, Localized } from "../../../web/components/localized.tsx";
import type { PageContext } from "../../../web/context.ts";
import { countries, type Country } from "../../exchange/sharing.ts";
import type { IndicatorRow, MeasurementRow } from "../repo.ts";

// Built once per language, in the same Intl locales as the i18n helpers' numbers and dates.
const percentFormats = Object.fromEntries(
  languages.map((lang) => [lang, new Intl.NumberFormat(intlLocale[lang], { style: "percent", maximumFractionDigits: 0 })]),
) as Record<Lang, Intl.NumberFormat>;

/** A value with its unit ("84 min", "92 %"), the number written the reader's way. */
export const withUnit = (lang: Lang, value: number, unit: string) => `${formatNumber(lang, value)} ${unit}`;

/** The latest measurement of `indicator` in `country`, if any (measurements come oldest first). */
export const latestOf = (measurements: MeasurementRow[], indicatorId: string, country: Country) =>
  measurements.findLast((m) => m.indicatorId === indicatorId && m.country === country);

/** The countries that measure an indicator: those it has a baseline and target for. */
export const measuredIn = (indicator: IndicatorRow) => countries.filter((c) => indicator.targets[c]);

interface Props {
  ctx: PageContext;
  pilotId: string;
  indicators: IndicatorRow[];
  measurements: MeasurementRow[];
  canEdit: boolean;
  canMeasure: boolean;
}

export function Indicators({ ctx, pilotId, indicators, measurements, canEdit, canMeasure }: Props) {
  const { t, lang } = ctx;
  const workspace = `/${lang}/workspace/pilots/${pilotId}`;
  if (!indicators.length) return <p>{t("pilots.kpi.none")}</p>;
  return (
    <>
      {indicators.map((indicator) => {
        const name = localizedString(ctx, indicator.name);
        const series: KpiSeries[] = measuredIn(indicator).map((country) => ({
          key: country,
          label: t(`countries.${country}`),
          baseline: indicator.targets[country]!.baseline,
          target: indicator.targets[country]!.target,
          points: measurements.filter((m) => m.indicatorId === indicator.id && m.country === country).map((m) => ({ date: m.measuredOn, value: m.value })),
        }));
        return (
          <section class="kpi" aria-labelledby={`kpi-${indicator.id}-heading`}>
            <h3 id={`kpi-${indicator.id}-heading`}>
              <Localized ctx={ctx} text={indicator.name} />
            </h3>
            <p>{t(`pilots.kpi.direction_${indicator.direction}`, { unit: indicator.unit })}</p>
            <ul>
              {series.map((s) => (
                <li>
                  <Standing ctx={ctx} indicator={indicator} country={s.key} latest={latestOf(measurements, indicator.id, s.key)} />
                </li>
              ))}
            </ul>
            <KpiChart
              id={`kpi-${indicator.id}`}
              title={name}
              description={t(`pilots.kpi.description_${indicator.direction}`, { name, unit: indicator.unit })}
              unit={indicator.unit}
              direction={indicator.direction}
              series={series}
              formatValue={(value) => withUnit(lang, value, indicator.unit)}
              formatTick={(value) => formatNumber(lang, value)}
              formatDate={(iso) => formatDate(lang, iso)}
              labels={{
                date: t("pilots.kpi.date"),
                series: t("pilots.kpi.country"),
                value: t("pilots.kpi.value"),
                comparison: t("pilots.kpi.comparison"),
                reached: t("pilots.kpi.reached"),
                notReached: t("pilots.kpi.not_reached"),
                baseline: t("pilots.kpi.baseline"),
                target: t("pilots.kpi.target"),
                baselineLine: (country, value) => t("pilots.kpi.baseline_line", { country, value }),
                targetLine: (country, value) => t("pilots.kpi.target_line", { country, value }),
                showTable: t("pilots.kpi.show_table"),
                noData: t("pilots.kpi.no_data"),
              }}
            />
            {(canMeasure || canEdit) && (
              <ul class="actions">
                {canMeasure && (
                  <li>
                    <a href={`${workspace}/measurements/new?indicator=${indicator.id}`}>{t("pilots.kpi.record", { name })}</a>
                  </li>
                )}
                {canEdit && (
                  <li>
                    <a href={`${workspace}/indicators/${indicator.id}/edit`}>{t("pilots.kpi.edit", { name })}</a>
                  </li>
                )}
              </ul>
            )}
          </section>
        );
      })}
    </>
  );
}

/** One country's latest value against its target, in a sentence, with how far it has come from the baseline. */
function Standing({ ctx, indicator, country, latest }: { ctx: PageContext; indicator: IndicatorRow; country: Country; latest: MeasurementRow | undefined }) {
  const { t, lang } = ctx;
  const { baseline, target } = indicator.targets[country]!;
  const values = {
    country: t(`countries.${country}`),
    target: withUnit(lang, target, indicator.unit),
    baseline: withUnit(lang, baseline, indicator.unit),
  };
  if (!latest) return <>{t("pilots.kpi.standing_none", values)}</>;
  const progress = progressTowardTarget(baseline, target, latest.value);
  return (
    <>
      {t("pilots.kpi.standing", { ...values, value: withUnit(lang, latest.value, indicator.unit), date: formatDate(lang, latest.measuredOn) })}{" "}
      <strong>{t(targetReached(indicator.direction, target, latest.value) ? "pilots.kpi.reached" : "pilots.kpi.not_reached")}</strong>
      {progress !== null && <> {t("pilots.kpi.progress", { progress: percentFormats[lang].format(progress) })}</>}
    </>
  );
}
