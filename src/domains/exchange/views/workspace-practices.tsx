// The workspace's practices: those of the user's organisations, with their sharing level and languages, and the way
// to share a new one.
import { formatDate } from "../../../i18n/index.ts";
import { Localized } from "../../../web/components/localized.tsx";
import type { PageContext } from "../../../web/context.ts";
import { Layout } from "../../../web/layout.tsx";
import { Breadcrumb } from "../../systems/views/workspace/common.tsx";
import type { PracticeItem } from "../service.ts";
import { KindBadge, LanguageNames, SharingBadge } from "./common.tsx";

export function WorkspacePracticesPage({ ctx, practices, canCreate, done }: { ctx: PageContext; practices: PracticeItem[]; canCreate: boolean; done?: "created" | "saved" }) {
  const { t, lang } = ctx;
  const heading = t("exchange.workspace_practices.title");
  return (
    <Layout ctx={ctx} title={heading}>
      <Breadcrumb ctx={ctx} trail={[{ label: heading }]} />
      {done && (
        <div class="notice success-notice" role="status">
          <p>{t(`exchange.workspace_practices.done_${done}`)}</p>
        </div>
      )}
      <h1>{heading}</h1>
      <p class="lead">{t("exchange.workspace_practices.intro")}</p>
      {canCreate && (
        <p>
          <a class="button" href={`/${lang}/workspace/practices/new`}>
            {t("exchange.workspace_practices.new")}
          </a>
        </p>
      )}
      {practices.length === 0 ? (
        <p class="empty-state">{t(canCreate ? "exchange.workspace_practices.empty_editor" : "exchange.workspace_practices.empty_reader")}</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">{heading}</caption>
          <thead>
            <tr>
              <th scope="col">{t("exchange.form.title")}</th>
              <th scope="col">{t("exchange.form.organisation")}</th>
              <th scope="col">{t("exchange.form.sharing")}</th>
              <th scope="col">{t("exchange.available_in")}</th>
              <th scope="col">{t("exchange.updated")}</th>
            </tr>
          </thead>
          <tbody>
            {practices.map((p) => (
              <tr>
                <th scope="row">
                  <a href={p.canEdit ? `/${lang}/workspace/practices/${p.id}/edit` : `/${lang}/practices/${p.id}`}>
                    <Localized ctx={ctx} text={p.title} />
                  </a>{" "}
                  <KindBadge ctx={ctx} kind={p.kind} />
                </th>
                <td>
                  <Localized ctx={ctx} text={p.organisationName} />
                </td>
                <td>
                  <SharingBadge ctx={ctx} sharing={p.sharing} />
                </td>
                <td>
                  <LanguageNames ctx={ctx} list={p.languages} />
                </td>
                <td>
                  <time datetime={p.updatedAt.toISOString()}>{formatDate(lang, p.updatedAt)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
