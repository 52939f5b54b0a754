// The form of an event's details in the workspace: its title and description in one language at a time, its dates,
// place and sharing level. The programme and materials are edited on the event's own workspace page.
import { ErrorSummary, TextField } from "../../../web/components/fields.tsx";
import { FormActions } from "../../../web/components/form-actions.tsx";
import { Layout } from "../../../web/layout.tsx";
import type { LocalizedText } from "../../systems/schema.ts";
import { Breadcrumb } from "../../systems/views/workspace/common.tsx";
import { FormInLanguage, organisationChoice, SharingField, TextsInLanguage, type RecordFormProps } from "./common.tsx";

export interface EventFormValues {
  organisationId?: string;
  title: LocalizedText;
  description: LocalizedText;
  startsOn?: string;
  endsOn?: string;
  place?: string;
  sharing?: string;
}

export function EventFormPage({ ctx, target, editing, values, errors }: RecordFormProps<EventFormValues>) {
  const { t, lang } = ctx;
  const list = `/${lang}/workspace/events`;
  const base = target.kind === "new" ? `${list}/new` : `${list}/${target.id}/edit`;
  const heading = target.kind === "new" ? t("exchange.event_form.new_title") : t("exchange.event_form.edit_title");
  const trail = [{ href: list, label: t("exchange.workspace_events.title") }, ...(target.kind === "edit" ? [{ href: `${list}/${target.id}`, label: target.name }] : []), { label: heading }];
  const e = errors.fields;
  return (
    <Layout ctx={ctx} title={target.kind === "new" ? heading : `${heading} – ${target.name}`} hasErrors={errors.summary.length > 0}>
      <Breadcrumb ctx={ctx} trail={trail} />
      <ErrorSummary ctx={ctx} errors={errors.summary} />
      <h1>{heading}</h1>
      <FormInLanguage
        ctx={ctx}
        action={base}
        editing={editing}
        intro={t("exchange.form.editing_intro", { language: t(`languages.${editing}`) })}
        texts={[values.title, values.description]}
        organisation={organisationChoice(target, t("exchange.event_form.organiser"), values.organisationId, e.organisationId)}
      >
        <TextsInLanguage
          ctx={ctx}
          editing={editing}
          values={{ title: values.title, description: values.description }}
          errors={e}
          specs={[
            { name: "title", label: t("exchange.form.title") },
            { name: "description", label: t("exchange.event_form.description"), multiline: true, rows: 8 },
          ]}
        />
        <TextField ctx={ctx} id="startsOn" name="startsOn" type="date" label={t("exchange.event_form.starts_on")} hint={t("exchange.form.date_hint")} value={values.startsOn} error={e.startsOn} />
        <TextField ctx={ctx} id="endsOn" name="endsOn" type="date" label={t("exchange.event_form.ends_on")} hint={t("exchange.form.date_hint")} value={values.endsOn} error={e.endsOn} />
        <TextField ctx={ctx} id="place" name="place" label={t("exchange.event_form.place")} value={values.place} error={e.place} />
        <SharingField ctx={ctx} value={values.sharing} error={e.sharing} />
        <FormActions submitLabel={t("exchange.form.save")} cancelLabel={t("exchange.form.cancel")} back={target.kind === "new" ? list : `${list}/${target.id}`} />
      </FormInLanguage>
    </Layout>
  );
}
