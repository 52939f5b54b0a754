// The workspace's datasets: the list of the organisation's files with their state, and the upload form. A file is
// protected on its own page (dataset.tsx) before anything of it leaves the platform.
import { formatDate } from "../../../i18n/index.ts";
import { formatBytes } from "../../../http/upload.ts";
import { ErrorSummary, FileField, SelectField, TextField, type Message } from "../../../web/components/fields.tsx";
import type { PageContext } from "../../../web/context.ts";
import { UploadForm } from "../../../web/components/upload-form.tsx";
import { Layout } from "../../../web/layout.tsx";
import { Breadcrumb } from "../../systems/views/workspace/common.tsx";
import type { DatasetRow } from "../repo.ts";

interface Props {
  ctx: PageContext;
  datasets: DatasetRow[];
  /** Organisations the user may upload for: id and name. */
  organisations: Array<{ id: string; name: string }>;
  uploadLimit: number;
  error?: { field: "organisation" | "title" | "file"; message: Message };
  values?: { organisation?: string; title?: string };
}

export function DatasetList({ ctx, datasets, organisations, uploadLimit, error, values = {} }: Props) {
  const { t, lang } = ctx;
  const heading = t("datasets.title");
  const names = new Map(organisations.map((o) => [o.id, o.name]));
  return (
    <Layout ctx={ctx} title={heading} hasErrors={error !== undefined} scripts={organisations.length ? ["/assets/upload-progress.js"] : []}>
      <Breadcrumb ctx={ctx} trail={[{ label: heading }]} />
      <ErrorSummary ctx={ctx} errors={error ? [{ href: `#${error.field}`, message: error.message }] : []} />
      <h1>{heading}</h1>
      <p>{t("datasets.intro")}</p>
      {datasets.length === 0 ? (
        <p class="empty-state">{t("datasets.none")}</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">{heading}</caption>
          <thead>
            <tr>
              <th scope="col">{t("datasets.dataset_title")}</th>
              <th scope="col">{t("datasets.organisation")}</th>
              <th scope="col">{t("datasets.state")}</th>
              <th scope="col">{t("datasets.uploaded")}</th>
            </tr>
          </thead>
          <tbody>
            {datasets.map((dataset) => (
              <tr>
                <th scope="row">
                  <a href={`/${lang}/workspace/datasets/${dataset.id}`}>{dataset.title}</a>
                </th>
                <td>{names.get(dataset.organisationId) ?? dataset.organisationId}</td>
                <td>
                  <strong class={`badge dataset-${dataset.state}`}>{t(`datasets.states.${dataset.state}`)}</strong>
                </td>
                <td>{formatDate(lang, dataset.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {organisations.length > 0 && (
        <UploadForm ctx={ctx} action={`/${lang}/workspace/datasets`} submitLabel={t("datasets.upload")}>
          <h2>{t("datasets.new")}</h2>
          <SelectField
            ctx={ctx}
            id="organisation"
            name="organisation"
            label={t("datasets.organisation")}
            value={values.organisation}
            error={error?.field === "organisation" ? error.message : undefined}
            options={organisations.map((o) => ({ value: o.id, label: o.name }))}
          />
          <TextField ctx={ctx} id="title" name="title" label={t("datasets.dataset_title")} value={values.title} error={error?.field === "title" ? error.message : undefined} />
          <FileField
            ctx={ctx}
            id="file"
            name="file"
            label={t("datasets.file")}
            hint={t("datasets.file_hint", { limit: formatBytes(uploadLimit) })}
            error={error?.field === "file" ? error.message : undefined}
            accept=".csv,.parquet,text/csv"
          />
        </UploadForm>
      )}
    </Layout>
  );
}
