// A published audit on the public register: the report with its small groups withheld, and its PDF and JSON.
import { formatDate, formatNumber } from "../../../i18n/index.ts";
import { localizedString } from "../../../web/components/localized.tsx";
import type { PageContext } from "../../../web/context.ts";
import { Layout } from "../../../web/layout.tsx";
import type { SystemRecord } from "../../systems/schema.ts";
import type { AuditRow } from "../repo.ts";
import { AuditReport } from "./report.tsx";

export function PublicAuditPage({ ctx, audit, system }: { ctx: PageContext; audit: AuditRow; system: { id: string; name: SystemRecord["name"] } }) {
  const { t, lang } = ctx;
  const systemName = localizedString(ctx, system.name);
  const base = `/${lang}/systems/${system.id}/audits/${audit.id}`;
  return (
    <Layout ctx={ctx} title={`${audit.title} – ${systemName}`}>
      <nav aria-label={t("common.breadcrumb")} class="breadcrumb">
        <ol>
          <li>
            <a href={`/${lang}/systems`}>{t("nav.systems")}</a>
          </li>
          <li>
            <a href={`/${lang}/systems/${system.id}`}>{systemName}</a>
          </li>
          <li aria-current="page">{audit.title}</li>
        </ol>
      </nav>
      <p class="caption">{t("audits.public_caption", { system: systemName })}</p>
      <h1>{audit.title}</h1>
      <dl class="key-facts">
        <dt>{t("audits.published")}</dt>
        <dd>{formatDate(lang, audit.publishedAt!)}</dd>
        {audit.systemVersion !== null && (
          <>
            <dt>{t("audits.system_version")}</dt>
            <dd>
              <a href={`/${lang}/systems/${system.id}/versions/${audit.systemVersion}`}>{audit.systemVersion}</a>
            </dd>
          </>
        )}
        <dt>{t("audits.decisions")}</dt>
        <dd>{formatNumber(lang, audit.stats?.rows ?? 0)}</dd>
        <dt>{t("audits.downloads")}</dt>
        <dd>
          <a href={`${base}/report.pdf`}>{t("audits.download_pdf")}</a> · <a href={`/api/v1/systems/${system.id}/audits/${audit.id}`}>{t("audits.download_json")}</a>
        </dd>
      </dl>
      <AuditReport ctx={ctx} result={audit.published!} />
    </Layout>
  );
}
