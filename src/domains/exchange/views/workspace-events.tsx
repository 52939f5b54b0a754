// The workspace's events: those of the user's organisations, and the way to organise a new one.
import { Localized } from "../../../web/components/localized.tsx";
import type { PageContext } from "../../../web/context.ts";
import { Layout } from "../../../web/layout.tsx";
import { Breadcrumb } from "../../systems/views/workspace/common.tsx";
import type { EventView } from "../repo.ts";
import { SharingBadge } from "./common.tsx";
import { EventDates } from "./network.tsx";

export function WorkspaceEventsPage({ ctx, events, canCreate }: { ctx: PageContext; events: Array<EventView & { canEdit: boolean }>; canCreate: boolean }) {
  const { t, lang } = ctx;
  const heading = t("exchange.workspace_events.title");
  return (
    <Layout ctx={ctx} title={heading}>
      <Breadcrumb ctx={ctx} trail={[{ label: heading }]} />
      <h1>{heading}</h1>
      <p class="lead">{t("exchange.workspace_events.intro")}</p>
      {canCreate && (
        <p>
          <a class="button" href={`/${lang}/workspace/events/new`}>
            {t("exchange.workspace_events.new")}
          </a>
        </p>
      )}
      {events.length === 0 ? (
        <p class="empty-state">{t("exchange.workspace_events.empty")}</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">{heading}</caption>
          <thead>
            <tr>
              <th scope="col">{t("exchange.form.title")}</th>
              <th scope="col">{t("exchange.event_form.organiser")}</th>
              <th scope="col">{t("exchange.events.dates")}</th>
              <th scope="col">{t("exchange.form.sharing")}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr>
                <th scope="row">
                  <a href={event.canEdit ? `/${lang}/workspace/events/${event.id}` : `/${lang}/network/events/${event.id}`}>
                    <Localized ctx={ctx} text={event.title} />
                  </a>
                </th>
                <td>
                  <Localized ctx={ctx} text={event.organisationName} />
                </td>
                <td>
                  <EventDates ctx={ctx} startsOn={event.startsOn} endsOn={event.endsOn} />
                </td>
                <td>
                  <SharingBadge ctx={ctx} sharing={event.sharing} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
