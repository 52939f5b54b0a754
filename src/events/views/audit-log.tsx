// The audit trail of an organisation or a record: who did what, when, with the values before and after.
import { formatNumber } from "../../i18n/index.ts";
import { SelectField } from "../../web/components/fields.tsx";
import { Pagination } from "../../web/components/pagination.tsx";
import type { PageContext } from "../../web/context.ts";
import { Layout } from "../../web/layout.tsx";
import type { EventRow } from "../repo.ts";

interface Props {
  ctx: PageContext;
  items: EventRow[];
  total: number;
  page: number;
  pageCount: number;
  /** The organisations whose log the actor may read, for the filter. */
  organisations: Array<{ id: string; name: string }>;
  organisationId?: string;
  systemId?: string;
}

const json = (value: unknown) => (value === null || value === undefined ? "" : JSON.stringify(value, null, 2));

export function AuditLogPage({ ctx, items, total, page, pageCount, organisations, organisationId, systemId }: Props) {
  const { t, lang } = ctx;
  const base = `/${lang}/admin/audit-log`;
  const query = (p: number) => {
    const params = new URLSearchParams();
    if (organisationId) params.set("organisation", organisationId);
    if (systemId) params.set("system", systemId);
    if (p > 1) params.set("page", String(p));
    const qs = params.toString();
    return qs ? `${base}?${qs}` : base;
  };
  const time = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "medium", timeZone: "Europe/Luxembourg" });
  return (
    <Layout ctx={ctx} title={t("audit.title")}>
      <h1>{t("audit.title")}</h1>
      <p>{t("audit.intro")}</p>
      {systemId ? (
        <p>
          {t("audit.for_system")}
          {t("common.colon")} <code>{systemId}</code> · <a href={base}>{t("audit.show_all")}</a>
        </p>
      ) : (
        <form method="get" action={base} class="search-form">
          <SelectField
            ctx={ctx}
            id="organisation"
            name="organisation"
            label={t("audit.organisation")}
            value={organisationId}
            emptyLabel={ctx.actor.kind === "user" && ctx.actor.platformAdmin ? t("audit.all_organisations") : undefined}
            options={organisations.map((o) => ({ value: o.id, label: o.name }))}
          />
          <button type="submit" class="button">
            {t("audit.show")}
          </button>
        </form>
      )}
      <h2 id="events-heading">{t("audit.count", { count: total, formatted: formatNumber(lang, total) })}</h2>
      {items.length === 0 ? (
        <p class="empty-state">{t("audit.empty")}</p>
      ) : (
        <table class="table" aria-labelledby="events-heading">
          <thead>
            <tr>
              <th scope="col">{t("audit.when")}</th>
              <th scope="col">{t("audit.who")}</th>
              <th scope="col">{t("audit.what")}</th>
              <th scope="col">{t("audit.subject")}</th>
              <th scope="col">{t("audit.values")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr>
                <td>
                  <time datetime={e.at.toISOString()}>{time.format(e.at)}</time>
                </td>
                <td>{e.actorEmail ?? e.actor}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>
                  {e.subjectType === "system" ? (
                    <a href={`${base}?system=${encodeURIComponent(e.subjectId)}`}>{e.subjectId}</a>
                  ) : (
                    `${e.subjectType} ${e.subjectId}`
                  )}
                </td>
                <td>
                  {(e.before !== null || e.after !== null) && (
                    <details>
                      <summary>{t("audit.show_values", { id: e.id })}</summary>
                      {e.before !== null && (
                        <>
                          <h3 class="audit-values">{t("audit.before")}</h3>
                          <pre>{json(e.before)}</pre>
                        </>
                      )}
                      {e.after !== null && (
                        <>
                          <h3 class="audit-values">{t("audit.after")}</h3>
                          <pre>{json(e.after)}</pre>
                        </>
                      )}
                    </details>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination ctx={ctx} page={page} pageCount={pageCount} href={query} />
    </Layout>
  );
}
