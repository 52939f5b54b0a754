// The form of a practice, guide or template in the workspace: its texts in one language at a time (tabs say how many
// texts each language lacks), its kind, sector, tags, link and sharing level. Shown again with its errors and every
// value typed when it does not pass the contract.
import { ErrorSummary, RadiosField, SelectField, TextField } from "../../../web/components/fields.tsx";
import { FormActions } from "../../../web/components/form-actions.tsx";
import { Layout } from "../../../web/layout.tsx";
import type { LocalizedText } from "../../systems/schema.ts";
import { Breadcrumb } from "../../systems/views/workspace/common.tsx";
import { sectors } from "../sharing.ts";
import { practiceKinds } from "../tables.ts";
import { FormInLanguage, organisationChoice, SharingField, TextsInLanguage, type RecordFormProps } from "./common.tsx";

export interface PracticeFormValues {
  organisationId?: string;
  kind?: string;
  title: LocalizedText;
  summary: LocalizedText;
  body: LocalizedText;
  sector?: string;
  /** As typed: tags separated by commas. */
  tags: string;
  link?: string;
  sharing?: string;
}

export function PracticeFormPage({ ctx, target, editing, values, errors }: RecordFormProps<PracticeFormValues>) {
  const { t, lang } = ctx;
  const list = `/${lang}/workspace/practices`;
  const base = target.kind === "new" ? `${list}/new` : `${list}/${target.id}/edit`;
  const heading = target.kind === "new" ? t("exchange.practice_form.new_title") : t("exchange.practice_form.edit_title");
  const e = errors.fields;
  return (
    <Layout ctx={ctx} title={target.kind === "new" ? heading : `${heading} – ${target.name}`} hasErrors={errors.summary.length > 0}>
      <Breadcrumb ctx={ctx} trail={[{ href: list, label: t("exchange.workspace_practices.title") }, { label: heading }]} />
      <ErrorSummary ctx={ctx} errors={errors.summary} />
      {target.kind === "edit" && <p class="caption">{target.name}</p>}
      <h1>{heading}</h1>
      <FormInLanguage
        ctx={ctx}
        action={base}
        editing={editing}
        intro={t("exchange.form.editing_intro", { language: t(`languages.${editing}`) })}
        texts={[values.title, values.summary, values.body]}
        organisation={organisationChoice(target, t("exchange.form.organisation"), values.organisationId, e.organisationId)}
      >
        <RadiosField
          ctx={ctx}
          id="kind"
          name="kind"
          legend={t("exchange.form.kind")}
          value={values.kind}
          error={e.kind}
          options={practiceKinds.map((kind) => ({ value: kind, label: t(`exchange.kinds.${kind}`), hint: t(`exchange.kind_hints.${kind}`) }))}
        />
        <TextsInLanguage
          ctx={ctx}
          editing={editing}
          values={{ title: values.title, summary: values.summary, body: values.body }}
          errors={e}
          specs={[
            { name: "title", label: t("exchange.form.title") },
            { name: "summary", label: t("exchange.form.summary"), multiline: true, rows: 3 },
            { name: "body", label: t("exchange.form.body"), multiline: true, rows: 12 },
          ]}
        />
        <SelectField
          ctx={ctx}
          id="sector"
          name="sector"
          label={t("exchange.form.sector")}
          value={values.sector}
          error={e.sector}
          emptyLabel={t("exchange.form.no_sector")}
          options={sectors.map((s) => ({ value: s, label: t(`exchange.sectors.${s}`) }))}
        />
        <TextField ctx={ctx} id="tags" name="tags" label={`${t("exchange.form.tags")} ${t("workspace.optional")}`} hint={t("exchange.form.tags_hint")} value={values.tags} error={e.tags} />
        <TextField
          ctx={ctx}
          id="link"
          name="link"
          type="url"
          spellcheck={false}
          label={`${t("exchange.form.link")} ${t("workspace.optional")}`}
          hint={t("exchange.form.link_hint")}
          value={values.link}
          error={e.link}
        />
        <SharingField ctx={ctx} value={values.sharing} error={e.sharing} />
        <FormActions submitLabel={t("exchange.form.save")} cancelLabel={t("exchange.form.cancel")} back={list} />
      </FormInLanguage>
    </Layout>
  );
}
