// The workspace's home: the records of the user's organisations by state, with those past their review date flagged.
import { formatDate } from "../../../../i18n/index.ts";
import { Localized, localizedString } from "../../../../web/components/localized.tsx";
import type { PageContext } from "../../../../web/context.ts";
import { Layout } from "../../../../web/layout.tsx";
import { lifecycleStates } from "../../schema.ts";
import type { WorkspaceList } from "../../service.ts";
import { isOverdue, today } from "./common.tsx";

export function WorkspaceDashboard({ ctx, list }: { ctx: PageContext; list: WorkspaceList }) {
  const { t, lang } = ctx;
  const now = today();
  const overdue = list.items.filter((item) => isOverdue(item.nextReviewDue, item.lifecycle, now));
  return (
    <Layout ctx={ctx} title={t("workspace.dashboard.title")}>
      <h1>{t("workspace.dashboard.title")}</h1>
      <p class="lead">{t("workspace.dashboard.intro")}</p>
      {list.canCreate && (
        <p>
          <a class="button" href={`/${lang}/workspace/systems/new`}>
            {t("workspace.dashboard.new")}
          </a>
        </p>
      )}
      <ul class="link-list">
        <li>
          <a href={`/${lang}/workspace/datasets`}>{t("datasets.dashboard_link")}</a>
        </li>
        <li>
          <a href={`/${lang}/workspace/pilots`}>{t("pilots.workspace.dashboard_link")}</a>
        </li>
        <li>
          <a href={`/${lang}/workspace/practices`}>{t("exchange.workspace_links.practices")}</a>
        </li>
        <li>
          <a href={`/${lang}/workspace/events`}>{t("exchange.workspace_links.events")}</a>
        </li>
        <li>
          <a href={`/${lang}/workspace/network`}>{t("exchange.workspace_links.listing")}</a>
        </li>
      </ul>
      {overdue.length > 0 && (
        <div class="notice notice-warning" role="note">
          <p>
            <strong>{t("workspace.dashboard.overdue", { count: overdue.length })}</strong>
          </p>
        </div>
      )}
      {list.items.length === 0 ? (
        <div class="empty-state">
          <h2>{t("workspace.dashboard.empty_title")}</h2>
          <p>{t(list.canCreate ? "workspace.dashboard.empty_editor" : "workspace.dashboard.empty_reader")}</p>
        </div>
      ) : (
        lifecycleStates.map((state) => {
          const items = list.items.filter((item) => item.lifecycle === state);
          if (items.length === 0) return null;
          return (
            <section aria-labelledby={`state-${state}`}>
              <h2 id={`state-${state}`}>
                {t(`workspace.states_plural.${state}`)} <span class="count">({items.length})</span>
              </h2>
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">{t("systems.fields.name")}</th>
                    <th scope="col">{t("systems.fields.organisation")}</th>
                    <th scope="col">{t("workspace.dashboard.updated")}</th>
                    <th scope="col">{t("systems.fields.next_review")}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((item) => {
                    const organisation = list.organisations.get(item.organisationId);
                    const late = isOverdue(item.nextReviewDue, item.lifecycle, now);
                    return (
                      <tr>
                        <th scope="row">
                          <a href={`/${lang}/workspace/systems/${item.id}`}>{localizedString(ctx, item.name)}</a>
                          {item.latestVersion && (item.lifecycle === "draft" || item.lifecycle === "in_review") ? (
                            <>
                              {" "}
                              <span class="badge">{t("workspace.dashboard.public_version", { version: item.latestVersion })}</span>
                            </>
                          ) : null}
                        </th>
                        <td>{organisation ? <Localized ctx={ctx} text={organisation.name} /> : item.organisationId}</td>
                        <td>
                          <time datetime={item.updatedAt.toISOString()}>{formatDate(lang, item.updatedAt)}</time>
                        </td>
                        <td>
                          {item.nextReviewDue ? <time datetime={item.nextReviewDue}>{formatDate(lang, item.nextReviewDue)}</time> : t("common.not_provided")}
                          {late && <strong class="overdue"> {t("workspace.overdue")}</strong>}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </section>
          );
        })
      )}
    </Layout>
  );
}
