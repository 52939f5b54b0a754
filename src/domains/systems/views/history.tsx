// A system's version history, with a form to compare any two versions.
import { formatDate } from "../../../i18n/index.ts";
import { SelectField } from "../../../web/components/fields.tsx";
import { Localized, localizedString } from "../../../web/components/localized.tsx";
import type { PageContext } from "../../../web/context.ts";
import { Layout } from "../../../web/layout.tsx";
import type { LocalizedText, SystemRecord } from "../schema.ts";

interface Props {
  ctx: PageContext;
  id: string;
  name: LocalizedText;
  versions: Array<{ version: number; publishedAt: Date; record: SystemRecord }>;
}

export function HistoryPage({ ctx, id, name, versions }: Props) {
  const { t, lang } = ctx;
  const base = `/${lang}/systems/${id}`;
  const options = versions.map((v) => ({
    value: String(v.version),
    label: t("history.version_option", { version: v.version, date: formatDate(lang, v.publishedAt) }),
  }));
  const title = t("history.title", { name: localizedString(ctx, name) });
  return (
    <Layout ctx={ctx} title={title}>
      <nav aria-label={t("common.breadcrumb")} class="breadcrumb">
        <ol>
          <li>
            <a href={`/${lang}/systems`}>{t("nav.systems")}</a>
          </li>
          <li>
            <a href={base}>{localizedString(ctx, name)}</a>
          </li>
          <li aria-current="page">{t("history.breadcrumb")}</li>
        </ol>
      </nav>
      <h1>{title}</h1>
      <p>{t("history.intro")}</p>
      <table class="table">
        <caption class="visually-hidden">{t("history.table_caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("history.version")}</th>
            <th scope="col">{t("history.published")}</th>
            <th scope="col">{t("systems.fields.name")}</th>
            <th scope="col">{t("systems.fields.status")}</th>
            <th scope="col">{t("history.changes")}</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v, i) => {
            const previous = versions[i + 1];
            return (
              <tr>
                <th scope="row">
                  <a href={`${base}/versions/${v.version}`}>{t("history.version_n", { version: v.version })}</a>
                </th>
                <td>
                  <time datetime={v.publishedAt.toISOString()}>{formatDate(lang, v.publishedAt)}</time>
                </td>
                <td>
                  <Localized ctx={ctx} text={v.record.name} />
                </td>
                <td>{t(`phases.${v.record.status.phase}`)}</td>
                <td>
                  {previous ? (
                    <a href={`${base}/diff?from=${previous.version}&to=${v.version}`}>
                      {t("history.compare_previous", { version: previous.version })}
                    </a>
                  ) : (
                    t("history.first_version")
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {versions.length > 1 && (
        <form method="get" action={`${base}/diff`} class="compare-form">
          <fieldset>
            <legend>{t("history.compare_legend")}</legend>
            <div class="facet-grid">
              <SelectField ctx={ctx} id="from" name="from" label={t("history.from")} options={options} value={String(versions[1]!.version)} />
              <SelectField ctx={ctx} id="to" name="to" label={t("history.to")} options={options} value={String(versions[0]!.version)} />
            </div>
            <button type="submit" class="button">
              {t("history.compare")}
            </button>
          </fieldset>
        </form>
      )}
    </Layout>
  );
}
