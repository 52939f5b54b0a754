// The result of a response as its readers see it: the outcome and why, the scores, the answers that weighed most,
// and the obligations and labels that follow.
import { formatNumber } from "../../../i18n/index.ts";
import { Localized, localizedString } from "../../../web/components/localized.tsx";
import type { PageContext } from "../../../web/context.ts";
import type { CompiledInstrument, Item, ScoreResult } from "../format.ts";

/** How many of the answers that weighed most are listed. */
const TOP_CONTRIBUTIONS = 5;

const formatValue = (ctx: PageContext, value: unknown) =>
  typeof value === "number" ? formatNumber(ctx.lang, value) : typeof value === "boolean" ? ctx.t(value ? "common.yes" : "common.no") : String(value ?? "");

export function ResultPanel({ ctx, instrument, score, provisional }: { ctx: PageContext; instrument: CompiledInstrument; score: ScoreResult; provisional: boolean }) {
  const { t } = ctx;
  const items = new Map<string, Item>(instrument.pages.flatMap((page) => page.items.map((item) => [item.id, item] as const)));
  const variables = instrument.scoring.variables.filter((v) => v.description && score.variables[v.id] !== undefined);
  return (
    <section aria-labelledby="result-heading" class="assessment-result">
      <h2 id="result-heading">{t(provisional ? "assessments.result_provisional" : "assessments.result")}</h2>
      <p class="outcome">
        <strong>
          <Localized ctx={ctx} text={score.outcome.label} />
        </strong>
      </p>
      <Localized ctx={ctx} text={score.outcome.explanation} block />
      {score.firedRules.filter((rule) => !rule.outcome).length > 0 && (
        <ul>
          {score.firedRules
            .filter((rule) => !rule.outcome)
            .map((rule) => (
              <li>
                <Localized ctx={ctx} text={rule.explanation} />
              </li>
            ))}
        </ul>
      )}
      {variables.length > 0 && (
        <table class="table">
          <caption>{t("assessments.scores")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("assessments.score_name")}</th>
              <th scope="col">{t("assessments.score_value")}</th>
            </tr>
          </thead>
          <tbody>
            {variables.map((v) => (
              <tr>
                <th scope="row">{localizedString(ctx, v.description)}</th>
                <td>{formatValue(ctx, score.variables[v.id])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {score.contributions.length > 0 && (
        <>
          <h3>{t("assessments.weighed_most")}</h3>
          <ol>
            {score.contributions.slice(0, TOP_CONTRIBUTIONS).map((c) => {
              const item = items.get(c.item);
              const options = item && "options" in item ? item.options.filter((o) => c.options.includes(o.code)) : [];
              return (
                <li>
                  {item ? localizedString(ctx, item.text) : c.item}
                  {options.length > 0 && ` — ${options.map((o) => localizedString(ctx, o.text)).join(", ")}`}{" "}
                  <span class="points">({t("assessments.points", { count: c.points, formatted: formatNumber(ctx.lang, c.points) })})</span>
                </li>
              );
            })}
          </ol>
        </>
      )}
      {score.obligations.length > 0 && (
        <>
          <h3>{t("assessments.obligations")}</h3>
          <ul>
            {score.obligations.map((o) => (
              <li>
                <Localized ctx={ctx} text={o.text} /> <span class="reference">({o.reference})</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {score.labels.length > 0 && (
        <p>
          {t("assessments.labels")}
          {t("common.colon")} {score.labels.map((l) => localizedString(ctx, l.text)).join(" · ")}
        </p>
      )}
      <p class="hint">
        {t("assessments.scored_with", { instrument: `${instrument.id}@${instrument.version}`, engine: score.engineVersion })}
      </p>
    </section>
  );
}
