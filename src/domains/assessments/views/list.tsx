// The assessments of a register record in the workspace: each response with its instrument, state and outcome, and
// the form that starts a new one.
import { formatDate } from "../../../i18n/index.ts";
import { CsrfField, ErrorSummary, RadiosField } from "../../../web/components/fields.tsx";
import { Localized, localizedString } from "../../../web/components/localized.tsx";
import type { PageContext } from "../../../web/context.ts";
import { Layout } from "../../../web/layout.tsx";
import { Breadcrumb } from "../../systems/views/workspace/common.tsx";
import type { CompiledInstrument } from "../format.ts";
import type { ResponseRow } from "../repo.ts";

interface Props {
  ctx: PageContext;
  systemId: string;
  systemName: string;
  responses: Array<{ response: ResponseRow; instrument: CompiledInstrument }>;
  instruments: CompiledInstrument[];
  canStart: boolean;
  error?: string;
}

export function AssessmentList({ ctx, systemId, systemName, responses, instruments, canStart, error }: Props) {
  const { t, lang } = ctx;
  const title = t("assessments.title");
  return (
    <Layout ctx={ctx} title={`${title} – ${systemName}`} hasErrors={error !== undefined}>
      <Breadcrumb ctx={ctx} trail={[{ href: `/${lang}/workspace/systems/${systemId}`, label: systemName }, { label: title }]} />
      <ErrorSummary ctx={ctx} errors={error ? [{ href: "#instrument", message: error }] : []} />
      <p class="caption">{systemName}</p>
      <h1>{title}</h1>
      <p>{t("assessments.intro")}</p>
      {responses.length === 0 ? (
        <p class="empty-state">{t("assessments.none")}</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t("assessments.instrument")}</th>
              <th scope="col">{t("assessments.state")}</th>
              <th scope="col">{t("assessments.outcome")}</th>
              <th scope="col">{t("workspace.dashboard.updated")}</th>
            </tr>
          </thead>
          <tbody>
            {responses.map(({ response, instrument }) => (
              <tr>
                <th scope="row">
                  <a href={`/${lang}/workspace/assessments/${response.id}`}>{localizedString(ctx, instrument.title)}</a>{" "}
                  <span class="hint">v{instrument.version}</span>
                </th>
                <td>
                  <span class={`badge badge-${response.state}`}>{t(`assessments.states.${response.state}`)}</span>
                </td>
                <td>{response.result ? <Localized ctx={ctx} text={response.result.outcome.label} /> : t("assessments.no_outcome_yet")}</td>
                <td>{formatDate(lang, response.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canStart && (
        <form method="post" action={`/${lang}/workspace/systems/${systemId}/assessments`} novalidate>
          <CsrfField ctx={ctx} />
          <RadiosField
            ctx={ctx}
            id="instrument"
            name="instrument"
            legend={t("assessments.start_legend")}
            error={error}
            options={instruments.map((i) => ({ value: i.id, label: localizedString(ctx, i.title), hint: i.description ? localizedString(ctx, i.description) : undefined }))}
          />
          <button type="submit" class="button">
            {t("assessments.start")}
          </button>
        </form>
      )}
    </Layout>
  );
}
