// A section of a record's draft as a form, in one language at a time; shown again with its errors and every value
// typed when it does not pass the section's contract.
import type { Lang } from "../../../../i18n/languages.ts";
import { CsrfField, ErrorSummary } from "../../../../web/components/fields.tsx";
import { localizedString } from "../../../../web/components/localized.tsx";
import type { PageContext } from "../../../../web/context.ts";
import { Layout } from "../../../../web/layout.tsx";
import type { LocalizedText, RecordSection } from "../../schema.ts";
import { missingTranslations, recordPath, sectionFields, type Control, type FieldErrorView } from "../../sections.ts";
import { Breadcrumb } from "./common.tsx";
import { DefaultSaveButton, Fields, LanguageTabs } from "./fields.tsx";

/** How the error summary names a control: its list item, its label and the language of its text. */
export function controlLabel(ctx: PageContext, control: Control): string {
  const parts = [ctx.t(control.labelKey)];
  if (control.item !== undefined) parts.unshift(ctx.t(`workspace.lists.${recordPath(control.path)[0]}.item`, { number: control.item }));
  const label = parts.join(", ");
  return control.lang ? `${label} (${ctx.t(`languages.${control.lang}`)})` : label;
}

export function summaryItems(ctx: PageContext, errors: FieldErrorView[]) {
  return errors.map((e) => ({ href: `#${e.id}`, message: e.message, label: controlLabel(ctx, e.control) }));
}

interface Props {
  ctx: PageContext;
  id: string;
  name: LocalizedText;
  section: RecordSection;
  /** The language of the texts being edited. */
  lang: Lang;
  values: Record<string, unknown>;
  errors: FieldErrorView[];
  /** The form was shown again after an "add" or "remove": nothing is saved yet. */
  unsaved?: boolean;
}

export function EditSectionPage({ ctx, id, name, section, lang, values, errors, unsaved }: Props) {
  const { t } = ctx;
  const base = `/${ctx.lang}/workspace/systems/${id}`;
  const recordName = localizedString(ctx, name);
  const title = t(`workspace.sections.${section}`);
  const action = `${base}/edit/${section}?language=${lang}`;
  return (
    <Layout ctx={ctx} title={`${title} – ${recordName}`} hasErrors={errors.length > 0}>
      <Breadcrumb ctx={ctx} trail={[{ href: base, label: recordName }, { label: title }]} />
      <ErrorSummary ctx={ctx} errors={summaryItems(ctx, errors)} />
      {unsaved && (
        <div class="notice" role="status">
          <p>{t("workspace.edit.unsaved")}</p>
        </div>
      )}
      <p class="caption">{recordName}</p>
      <h1>{title}</h1>
      <p>{t("workspace.edit.intro", { language: t(`languages.${lang}`) })}</p>
      <LanguageTabs
        ctx={ctx}
        current={lang}
        href={(l) => `${base}/edit/${section}?language=${l}`}
        missing={missingTranslations(sectionFields[section], values)}
      />
      <form method="post" action={action} novalidate class="record-form">
        <CsrfField ctx={ctx} />
        <DefaultSaveButton ctx={ctx} />
        <Fields state={{ ctx, lang, errors: new Map(errors.map((e) => [e.id, e])) }} fields={sectionFields[section]} values={values} />
        <div class="form-actions">
          <button type="submit" class="button" name="_action" value="save">
            {t("workspace.edit.save")}
          </button>{" "}
          <a href={base}>{t("workspace.edit.cancel")}</a>
        </div>
      </form>
    </Layout>
  );
}
