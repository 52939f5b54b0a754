// A measurement of an indicator: which one, when, the value typed as the reader writes numbers, a note, and — for
// someone who contributes for more than one participating organisation — which one it is recorded for: the
// measurement counts for that organisation's country.
import { CsrfField, SelectField, TextArea, TextField } from "../../../../web/components/fields.tsx";
import { localizedString } from "../../../../web/components/localized.tsx";
import type { PageContext } from "../../../../web/context.ts";
import type { Country } from "../../../exchange/sharing.ts";
import type { LocalizedText } from "../../../systems/schema.ts";
import type { FormProblems, MeasurementFormValues } from "../../form.ts";
import type { IndicatorRow } from "../../repo.ts";
import { FormButtons, pilotPage, PilotFormFrame, workspacePilots } from "./common.tsx";

interface Props {
  ctx: PageContext;
  pilot: { id: string; title: LocalizedText };
  indicators: IndicatorRow[];
  /** The organisations the reader may record for, with their country. */
  organisations: Array<{ id: string; name: string; country: Country }>;
  values: MeasurementFormValues;
  problems: FormProblems;
}

export function MeasurementFormPage({ ctx, pilot, indicators, organisations, values, problems }: Props) {
  const { t, lang } = ctx;
  const e = problems.fields;
  const countryName = (country: string) => t(`countries.${country}`);
  const only = organisations.length === 1 ? organisations[0] : undefined;
  return (
    <PilotFormFrame ctx={ctx} pilot={pilot} heading={t("pilots.form.measurement_title")} problems={problems}>
      {only && <p>{t("pilots.form.recorded_for", { organisation: only.name, country: countryName(only.country) })}</p>}
      <form method="post" action={`${workspacePilots(lang)}/${pilot.id}/measurements/new`} novalidate class="record-form">
        <CsrfField ctx={ctx} />
        {!only && (
          <SelectField
            ctx={ctx}
            id="organisationId"
            name="organisationId"
            label={t("pilots.form.recorded_for_label")}
            hint={t("pilots.form.recorded_for_hint")}
            value={values.organisationId}
            error={e.organisationId}
            emptyLabel={t("pilots.form.choose")}
            options={organisations.map((o) => ({ value: o.id, label: `${o.name} (${countryName(o.country)})` }))}
          />
        )}
        <SelectField
          ctx={ctx}
          id="indicatorId"
          name="indicatorId"
          label={t("pilots.form.indicator")}
          hint={t("pilots.form.indicator_hint")}
          value={values.indicatorId}
          error={e.indicatorId}
          emptyLabel={t("pilots.form.choose")}
          options={indicators.map((i) => ({
            value: i.id,
            label: t("pilots.form.indicator_option", {
              name: localizedString(ctx, i.name),
              unit: i.unit,
              countries: Object.keys(i.targets).map(countryName).join(", "),
            }),
          }))}
        />
        <TextField ctx={ctx} id="measuredOn" name="measuredOn" type="date" label={t("pilots.form.measured_on")} hint={t("pilots.form.date_hint")} value={values.measuredOn} error={e.measuredOn} />
        <TextField ctx={ctx} id="value" name="value" inputMode="decimal" label={t("pilots.form.value")} hint={t("pilots.form.number_hint")} value={values.value} error={e.value} />
        <TextArea ctx={ctx} id="note" name="note" rows={3} label={`${t("pilots.form.note")} ${t("workspace.optional")}`} value={values.note} error={e.note} />
        <FormButtons ctx={ctx} back={pilotPage(lang, pilot.id)} />
      </form>
    </PilotFormFrame>
  );
}
