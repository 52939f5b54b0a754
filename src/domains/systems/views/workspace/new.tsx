// The first form of a record: its organisation and the fields a record cannot be without; the rest is added section
// by section once the draft exists.
import type { Lang } from "../../../../i18n/languages.ts";
import { CsrfField, ErrorSummary, SelectField } from "../../../../web/components/fields.tsx";
import { localizedString } from "../../../../web/components/localized.tsx";
import type { PageContext } from "../../../../web/context.ts";
import { Layout } from "../../../../web/layout.tsx";
import type { OrganisationView } from "../../present.ts";
import { missingTranslations, newRecordFields, type FieldErrorView } from "../../sections.ts";
import { Breadcrumb } from "./common.tsx";
import { summaryItems } from "./edit.tsx";
import { DefaultSaveButton, Fields, LanguageTabs } from "./fields.tsx";

interface Props {
  ctx: PageContext;
  lang: Lang;
  organisations: OrganisationView[];
  values: { organisation?: string; record: Record<string, unknown> };
  errors: FieldErrorView[];
}

export function NewSystemPage({ ctx, lang, organisations, values, errors }: Props) {
  const { t } = ctx;
  const title = t("workspace.new.title");
  const base = `/${ctx.lang}/workspace/systems/new`;
  const byId = new Map(errors.map((e) => [e.id, e]));
  return (
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <Breadcrumb ctx={ctx} trail={[{ label: title }]} />
      <ErrorSummary ctx={ctx} errors={summaryItems(ctx, errors)} />
      <h1>{title}</h1>
      <p>{t("workspace.new.intro")}</p>
      <LanguageTabs ctx={ctx} current={lang} href={(l) => `${base}?language=${l}`} missing={missingTranslations(newRecordFields, values.record)} />
      <form method="post" action={`${base}?language=${lang}`} novalidate class="record-form">
        <CsrfField ctx={ctx} />
        <DefaultSaveButton ctx={ctx} />
        <SelectField
          ctx={ctx}
          id="organisation"
          name="organisation"
          label={t("workspace.labels.organisation")}
          value={values.organisation ?? (organisations.length === 1 ? organisations[0]!.id : "")}
          emptyLabel={organisations.length === 1 ? undefined : t("workspace.choose")}
          error={byId.get("organisation")?.message}
          options={organisations.map((o) => ({ value: o.id, label: localizedString(ctx, o.name) }))}
        />
        <Fields state={{ ctx, lang, errors: byId }} fields={newRecordFields} values={values.record} prefix={["record"]} />
        <div class="form-actions">
          <button type="submit" class="button" name="_action" value="save">
            {t("workspace.new.create")}
          </button>{" "}
          <a href={`/${ctx.lang}/workspace`}>{t("workspace.edit.cancel")}</a>
        </div>
      </form>
    </Layout>
  );
}
