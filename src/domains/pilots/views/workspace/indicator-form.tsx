// An indicator (KPI) of a pilot: its name in each language at once, unit, direction, and per country its baseline and
// target; a country left empty does not measure it. Numbers are typed as the reader writes them (12,5 or 12.5).
import { CsrfField, RadiosField, say, TextField } from "../../../../web/components/fields.tsx";
import type { PageContext } from "../../../../web/context.ts";
import { TitleInLanguages } from "../../../exchange/views/common.tsx";
import { countries } from "../../../exchange/sharing.ts";
import type { LocalizedText } from "../../../systems/schema.ts";
import type { FormProblems, IndicatorFormValues } from "../../form.ts";
import { directions } from "../../tables.ts";
import { FormButtons, pilotPage, PilotFormFrame, workspacePilots } from "./common.tsx";

interface Props {
  ctx: PageContext;
  pilot: { id: string; title: LocalizedText };
  indicatorId?: string;
  values: IndicatorFormValues;
  problems: FormProblems;
}

export function IndicatorFormPage({ ctx, pilot, indicatorId, values, problems }: Props) {
  const { t, lang } = ctx;
  const action = `${workspacePilots(lang)}/${pilot.id}/indicators/${indicatorId ? `${indicatorId}/edit` : "new"}`;
  const e = problems.fields;
  return (
    <PilotFormFrame ctx={ctx} pilot={pilot} heading={t(indicatorId ? "pilots.form.indicator_edit_title" : "pilots.form.indicator_new_title")} problems={problems}>
      <form method="post" action={action} novalidate class="record-form">
        <CsrfField ctx={ctx} />
        <TitleInLanguages ctx={ctx} prefix="indicator" name="name" value={values.name} error={e.name} legend={t("pilots.form.indicator_name")} />
        <TextField ctx={ctx} id="unit" name="unit" label={t("pilots.form.unit")} hint={t("pilots.form.unit_hint")} value={values.unit} error={e.unit} />
        <RadiosField
          ctx={ctx}
          id="direction"
          name="direction"
          legend={t("pilots.form.direction")}
          value={values.direction}
          error={e.direction}
          options={directions.map((d) => ({ value: d, label: t(`pilots.form.directions.${d}`), hint: t(`pilots.form.direction_hints.${d}`) }))}
        />
        <div class={`field${e.targets ? " field-error" : ""}`}>
          <h2>{t("pilots.form.targets")}</h2>
          <p class="hint" id="targets-hint">
            {t("pilots.form.targets_hint")}
          </p>
          {e.targets && (
            <p class="error-message" id="targets-error">
              <span class="visually-hidden">{t("common.error_prefix")} </span>
              {say(ctx, e.targets)}
            </p>
          )}
          {countries.map((country) => (
            <fieldset class="field-group" aria-describedby={e.targets ? "targets-hint targets-error" : "targets-hint"}>
              <legend>{t(`countries.${country}`)}</legend>
              {(["baseline", "target"] as const).map((part) => (
                <TextField
                  ctx={ctx}
                  id={`targets-${country}-${part}`}
                  name={`targets.${country}.${part}`}
                  inputMode="decimal"
                  label={t(`pilots.form.${part}`)}
                  hint={part === "baseline" ? t("pilots.form.number_hint") : undefined}
                  value={values.targets[country][part]}
                  error={e[`targets.${country}.${part}`]}
                />
              ))}
            </fieldset>
          ))}
        </div>
        <FormButtons ctx={ctx} back={pilotPage(lang, pilot.id)} />
      </form>
    </PilotFormFrame>
  );
}
