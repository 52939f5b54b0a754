// The form of a practice, guide or template in the workspace: its texts in one language at a time (tabs say how many
// texts each language lacks), its kind, sector, tags, link and sharing level. Shown again with its errors and every
// value typed when it does not pass the contract.
import type { Lang } from "../../../i18n/languages.ts";
import { CsrfField, ErrorSummary, RadiosField, SelectField, TextField } from "../../../web/components/fields.tsx";
import type { PageContext } from "../../../web/context.ts";
import type { FormErrors } from "../../../web/form.ts";
import { Layout } from "../../../web/layout.tsx";
import type { LocalizedText } from "../../systems/schema.ts";
import { Breadcrumb } from "../../systems/views/workspace/common.tsx";
import { LanguageTabs } from "../../systems/views/workspace/fields.tsx";
import { missingCounts } from "../../../web/form-body.ts";
import { sectors } from "../sharing.ts";
import { practiceKinds } from "../tables.ts";
import { SharingField, TextsInLanguage } from "./common.tsx";

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

interface Props {
  ctx: PageContext;
  /** A new practice (with the organisations it may belong to), or the practice being edited. */
  target: { kind: "new"; organisations: Array<{ id: string; name: string }> } | { kind: "edit"; id: string; name: string };
  editing: Lang;
  values: PracticeFormValues;
  errors: FormErrors;
}

export function PracticeFormPage({ ctx, target, editing, values, errors }: Props) {
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
      <p>{t("exchange.form.editing_intro", { language: t(`languages.${editing}`) })}</p>
      <LanguageTabs ctx={ctx} current={editing} href={(l) => `${base}?language=${l}`} missing={missingCounts([values.title, values.summary, values.body])} />
      <form method="post" action={`${base}?language=${editing}`} novalidate class="record-form">
        <CsrfField ctx={ctx} />
        {target.kind === "new" && (
          <SelectField
            ctx={ctx}
            id="organisationId"
            name="organisationId"
            label={t("exchange.form.organisation")}
            value={values.organisationId}
            error={e.organisationId}
            options={target.organisations.map((o) => ({ value: o.id, label: o.name }))}
          />
        )}
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
        <div class="form-actions">
          <button type="submit" class="button">
            {t("exchange.form.save")}
          </button>{" "}
          <a href={list}>{t("exchange.form.cancel")}</a>
        </div>
      </form>
    </Layout>
  );
}
