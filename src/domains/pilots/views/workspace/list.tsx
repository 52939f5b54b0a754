// The workspace's pilots: those the user's organisations take part in, with the lead, their organisations' role, the
// state and who may see each; how many changes happened since their last look at the feed; the way to propose one.
import { Localized } from "../../../../web/components/localized.tsx";
import type { PageContext } from "../../../../web/context.ts";
import { Layout } from "../../../../web/layout.tsx";
import type { LocalizedText } from "../../../systems/schema.ts";
import { Breadcrumb } from "../../../systems/views/workspace/common.tsx";
import type { PilotRecord } from "../../repo.ts";
import type { ParticipantRole } from "../../tables.ts";
import { SharingBadge, StateBadge } from "../common.tsx";
import { pilotPage, workspacePilots } from "./common.tsx";

export interface WorkspacePilot {
  pilot: PilotRecord;
  leadName: LocalizedText | undefined;
  /** The roles the user's organisations have in the pilot. */
  roles: ParticipantRole[];
}

export function WorkspacePilotsPage({ ctx, pilots, canCreate, unread }: { ctx: PageContext; pilots: WorkspacePilot[]; canCreate: boolean; unread: number }) {
  const { t, lang } = ctx;
  const heading = t("pilots.workspace.title");
  return (
    <Layout ctx={ctx} title={heading}>
      <Breadcrumb ctx={ctx} trail={[{ label: heading }]} />
      <h1>{heading}</h1>
      <p class="lead">{t("pilots.workspace.intro")}</p>
      <p class="notice">
        <a href={`${workspacePilots(lang)}/feed`}>{unread ? t("pilots.workspace.unread", { count: unread }) : t("pilots.workspace.no_unread")}</a>
      </p>
      {canCreate && (
        <p>
          <a class="button" href={`${workspacePilots(lang)}/new`}>
            {t("pilots.workspace.new")}
          </a>
        </p>
      )}
      {pilots.length === 0 ? (
        <div class="empty-state">
          <h2>{t("pilots.workspace.empty_title")}</h2>
          <p>{t(canCreate ? "pilots.workspace.empty_editor" : "pilots.workspace.empty_reader")}</p>
        </div>
      ) : (
        <table class="table">
          <caption class="visually-hidden">{heading}</caption>
          <thead>
            <tr>
              <th scope="col">{t("pilots.form.title")}</th>
              <th scope="col">{t("pilots.workspace.lead")}</th>
              <th scope="col">{t("pilots.workspace.your_role")}</th>
              <th scope="col">{t("pilots.workspace.state")}</th>
              <th scope="col">{t("pilots.workspace.sharing")}</th>
            </tr>
          </thead>
          <tbody>
            {pilots.map(({ pilot, leadName, roles }) => (
              <tr>
                <th scope="row">
                  <a href={pilotPage(lang, pilot.id)}>
                    <Localized ctx={ctx} text={pilot.title} />
                  </a>
                </th>
                <td>{leadName ? <Localized ctx={ctx} text={leadName} /> : pilot.leadOrganisationId}</td>
                <td>{roles.map((role) => t(`pilots.form.roles.${role}`)).join(", ")}</td>
                <td>
                  <StateBadge ctx={ctx} state={pilot.state} />
                </td>
                <td>
                  <SharingBadge ctx={ctx} sharing={pilot.sharing} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
