// The bias audits of a register record in the workspace: the list with each audit's state, and the upload form.
// The upload works as a plain multipart form; with JavaScript, /assets/upload-progress.js shows how much is sent.
import { formatDate, formatNumber } from "../../../i18n/index.ts";
import { formatBytes } from "../../../http/upload.ts";
import { ErrorSummary, FileField, TextField, type Message } from "../../../web/components/fields.tsx";
import type { PageContext } from "../../../web/context.ts";
import { UploadForm } from "../../../web/components/upload-form.tsx";
import { Layout } from "../../../web/layout.tsx";
import { Breadcrumb } from "../../systems/views/workspace/common.tsx";
import type { AuditRow } from "../repo.ts";

export function AuditStateBadge({ ctx, audit }: { ctx: PageContext; audit: AuditRow }) {
  const state = audit.publishedAt ? "published" : audit.state;
  return <strong class={`badge audit-${state}`}>{ctx.t(`audits.states.${state}`)}</strong>;
}

interface ListProps {
  ctx: PageContext;
  systemId: string;
  systemName: string;
  audits: AuditRow[];
  canRun: boolean;
  uploadLimit: number;
  /** A refused upload: the field it is about and why. */
  error?: { field: "title" | "file"; message: Message };
  title?: string;
}

export function AuditList({ ctx, systemId, systemName, audits, canRun, uploadLimit, error, title: typedTitle }: ListProps) {
  const { t, lang } = ctx;
  const heading = t("audits.title");
  return (
    <Layout ctx={ctx} title={`${heading} – ${systemName}`} hasErrors={error !== undefined} scripts={canRun ? ["/assets/upload-progress.js"] : []}>
      <Breadcrumb ctx={ctx} trail={[{ href: `/${lang}/workspace/systems/${systemId}`, label: systemName }, { label: heading }]} />
      <ErrorSummary ctx={ctx} errors={error ? [{ href: `#${error.field}`, message: error.message }] : []} />
      <p class="caption">{systemName}</p>
      <h1>{heading}</h1>
      <p>{t("audits.intro")}</p>
      {audits.length === 0 ? (
        <p class="empty-state">{t("audits.none")}</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">{heading}</caption>
          <thead>
            <tr>
              <th scope="col">{t("audits.audit_title")}</th>
              <th scope="col">{t("audits.state")}</th>
              <th scope="col">{t("audits.decisions")}</th>
              <th scope="col">{t("audits.uploaded")}</th>
            </tr>
          </thead>
          <tbody>
            {audits.map((audit) => (
              <tr>
                <th scope="row">
                  <a href={`/${lang}/workspace/audits/${audit.id}`}>{audit.title}</a>
                </th>
                <td>
                  <AuditStateBadge ctx={ctx} audit={audit} />
                </td>
                <td>{audit.stats ? formatNumber(lang, audit.stats.rows) : "—"}</td>
                <td>{formatDate(lang, audit.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canRun && (
        <UploadForm ctx={ctx} action={`/${lang}/workspace/systems/${systemId}/audits`} submitLabel={t("audits.upload")}>
          <h2>{t("audits.new")}</h2>
          <TextField ctx={ctx} id="title" name="title" label={t("audits.audit_title")} hint={t("audits.audit_title_hint")} value={typedTitle} error={error?.field === "title" ? error.message : undefined} />
          <FileField
            ctx={ctx}
            id="file"
            name="file"
            label={t("audits.file")}
            hint={t("audits.file_hint", { limit: formatBytes(uploadLimit) })}
            error={error?.field === "file" ? error.message : undefined}
            accept=".csv,.parquet,text/csv"
          />
        </UploadForm>
      )}
    </Layout>
  );
}
