// One audit in the workspace, as its state asks: the column mapping to fill in (uploaded, or failed with the reason),
// the progress of the job (queued, running), or the raw report with the publish button (completed).
import { formatDate, formatNumber } from "../../../i18n/index.ts";
import { JobProgress } from "../../../web/components/job-progress.tsx";
import { formatBytes } from "../../../http/upload.ts";
import { CheckboxesField, CsrfField, ErrorSummary, RadiosField, SelectField, TextField, type Message } from "../../../web/components/fields.tsx";
import { localizedString } from "../../../web/components/localized.tsx";
import type { PageContext } from "../../../web/context.ts";
import type { FormErrors } from "../../../web/form.ts";
import { ErrorPanel } from "../../../web/components/error-panel.tsx";
import { Layout } from "../../../web/layout.tsx";
import { Breadcrumb } from "../../systems/views/workspace/common.tsx";
import type { AuditView } from "../service.ts";
import { AuditReport } from "./report.tsx";
import { AuditStateBadge } from "./workspace.tsx";

export type FormValues = Record<string, string | string[]>;

interface Props {
  ctx: PageContext;
  view: AuditView;
  /** The mapping as typed (after an error) or as stored. */
  values: FormValues;
  errors: FormErrors;
  /** A problem with the file found when the mapping was checked against it (translated error id and params). */
  fileError?: { id: string; params: Record<string, string | number> };
  /** Whether the instance has a pseudonymisation key (else identifier columns can only be removed). */
  canPseudonymise: boolean;
  /** What was just done, for the success notice. */
  done?: "identifiers_protected";
}

const one = (values: FormValues, name: string) => {
  const value = values[name];
  return Array.isArray(value) ? value[0] : value;
};

function SettingsForm({ ctx, view, values, errors }: Props) {
  const { t, lang } = ctx;
  const columns = view.audit.dataset.columns;
  const error = (name: string): Message | undefined => errors.fields[name];
  // A CSV file's columns are offered as choices; a Parquet file's are typed in.
  const ColumnField = ({ name, label, hint, optional }: { name: string; label: string; hint?: string; optional?: boolean }) =>
    columns.length ? (
      <SelectField
        ctx={ctx}
        id={name}
        name={name}
        label={label}
        hint={hint}
        value={one(values, name)}
        error={error(name)}
        emptyLabel={optional ? t("audits.settings.none") : t("audits.settings.choose")}
        options={columns.map((c) => ({ value: c, label: c }))}
      />
    ) : (
      <TextField ctx={ctx} id={name} name={name} label={label} hint={hint} value={one(values, name)} error={error(name)} />
    );
  const protectedValues = ([] as string[]).concat(values.protected ?? []);
  return (
    <form method="post" action={`/${lang}/workspace/audits/${view.audit.id}/settings`} novalidate>
      <CsrfField ctx={ctx} />
      <h2>{t("audits.settings.title")}</h2>
      <p>{t("audits.settings.intro")}</p>
      <RadiosField
        ctx={ctx}
        id="outcome"
        name="outcome"
        legend={t("audits.settings.outcome")}
        value={one(values, "outcome") ?? "decision"}
        options={[
          { value: "decision", label: t("audits.settings.outcome_decision") },
          { value: "score", label: t("audits.settings.outcome_score") },
        ]}
      />
      <ColumnField name="decision" label={t("audits.settings.decision")} hint={t("audits.settings.decision_hint")} optional />
      <TextField ctx={ctx} id="favourable" name="favourable" label={t("audits.settings.favourable")} hint={t("audits.settings.favourable_hint")} value={one(values, "favourable")} error={error("favourable")} />
      <ColumnField name="score" label={t("audits.settings.score")} hint={t("audits.settings.score_hint")} optional />
      <TextField ctx={ctx} id="threshold" name="threshold" label={t("audits.settings.threshold")} inputMode="decimal" value={one(values, "threshold")} error={error("threshold")} />
      <ColumnField name="label" label={t("audits.settings.label")} hint={t("audits.settings.label_hint")} optional />
      <TextField ctx={ctx} id="label_favourable" name="label_favourable" label={t("audits.settings.label_favourable")} value={one(values, "label_favourable")} error={error("label_favourable")} />
      {columns.length ? (
        <CheckboxesField
          ctx={ctx}
          id="protected"
          name="protected"
          legend={t("audits.settings.protected")}
          hint={t("audits.settings.protected_hint")}
          error={error("protected")}
          values={protectedValues}
          options={columns.map((c) => ({ value: c, label: c }))}
        />
      ) : (
        <TextField ctx={ctx} id="protected" name="protected" label={t("audits.settings.protected")} hint={t("audits.settings.protected_hint_typed")} value={protectedValues.join(",")} error={error("protected")} />
      )}
      <ColumnField name="weight" label={t("audits.settings.weight")} hint={t("audits.settings.weight_hint")} optional />
      <TextField
        ctx={ctx}
        id="min_group_size"
        name="min_group_size"
        label={t("audits.settings.min_group_size")}
        hint={t("audits.settings.min_group_size_hint")}
        inputMode="numeric"
        value={one(values, "min_group_size")}
        error={error("min_group_size")}
      />
      <RadiosField
        ctx={ctx}
        id="reference"
        name="reference"
        legend={t("audits.settings.reference")}
        error={error("reference")}
        value={one(values, "reference") ?? "largest"}
        options={[
          { value: "largest", label: t("audits.settings.reference_largest") },
          { value: "most_favoured", label: t("audits.settings.reference_most_favoured") },
        ]}
      />
      <button type="submit" class="button">
        {t("audits.settings.run")}
      </button>
    </form>
  );
}

export function AuditManagePage(props: Props) {
  const { ctx, view, errors, fileError, done, canPseudonymise } = props;
  const { t, lang } = ctx;
  const { audit, system, progress, actions } = view;
  const systemName = localizedString(ctx, system.name);
  const running = audit.state === "queued" || audit.state === "running";
  const percent = progress?.fraction === null || progress?.fraction === undefined ? undefined : Math.round(progress.fraction * 100);
  return (
    <Layout ctx={ctx} title={`${audit.title} – ${systemName}`} hasErrors={errors.summary.length > 0 || fileError !== undefined} scripts={running ? ["/assets/job-progress.js"] : []}>
      <Breadcrumb
        ctx={ctx}
        trail={[
          { href: `/${lang}/workspace/systems/${system.id}`, label: systemName },
          { href: `/${lang}/workspace/systems/${system.id}/audits`, label: t("audits.title") },
          { label: audit.title },
        ]}
      />
      <ErrorSummary ctx={ctx} errors={errors.summary} />
      {fileError && <ErrorPanel ctx={ctx} error={fileError} heading={t("audits.file_problem")} />}
      <p class="caption">{systemName}</p>
      <h1>{audit.title}</h1>
      <p>
        <AuditStateBadge ctx={ctx} audit={audit} />
      </p>
      <dl class="key-facts">
        <dt>{t("audits.file")}</dt>
        <dd>
          {audit.dataset.name} ({formatBytes(audit.dataset.bytes)})
        </dd>
        <dt>{t("audits.uploaded")}</dt>
        <dd>{formatDate(lang, audit.createdAt)}</dd>
        {audit.systemVersion !== null && (
          <>
            <dt>{t("audits.system_version")}</dt>
            <dd>{audit.systemVersion}</dd>
          </>
        )}
        {audit.stats && (
          <>
            <dt>{t("audits.decisions")}</dt>
            <dd>{formatNumber(lang, audit.stats.rows)}</dd>
          </>
        )}
      </dl>
      {audit.identifiers.length > 0 && audit.state !== "completed" && (
        <div class="notice notice-warning" role="note">
          <h2>{t("audits.identifiers.title")}</h2>
          <p>{t("audits.identifiers.found")}</p>
          <ul>
            {audit.identifiers.map((finding) => (
              <li>
                <code>{finding.column}</code>: {t(`audits.entities.${finding.entity}`)}
              </li>
            ))}
          </ul>
          <p>{t("audits.identifiers.advice")}</p>
          {actions.includes("configure") && (
            <form method="post" action={`/${lang}/workspace/audits/${audit.id}/protect-identifiers`} class="button-row">
              <CsrfField ctx={ctx} />
              <button type="submit" name="how" value="drop" class="button button-secondary">
                {t("audits.identifiers.drop")}
              </button>
              {canPseudonymise && (
                <button type="submit" name="how" value="pseudonymise" class="button button-secondary">
                  {t("audits.identifiers.pseudonymise_now")}
                </button>
              )}
            </form>
          )}
        </div>
      )}
      {done === "identifiers_protected" && audit.protectedColumns.length > 0 && (
        <ul class="success-notice" role="status">
          {audit.protectedColumns.map(({ column, how }) => (
            <li>{t(how === "drop" ? "audits.identifiers.dropped" : "audits.identifiers.pseudonymised", { column })}</li>
          ))}
        </ul>
      )}
      {audit.state === "failed" && audit.error && <ErrorPanel ctx={ctx} error={audit.error} heading={t("audits.failed")} />}
      {actions.includes("configure") && <SettingsForm {...props} />}
      {running && (
        <JobProgress
          statusUrl={`/api/v1/audits/${audit.id}/status`}
          runningStates={["queued", "running"]}
          phases={Object.fromEntries(["checking", "counting", "computing"].map((phase) => [phase, t(`audits.phases.${phase}`)]))}
          heading={t(audit.state === "queued" ? "audits.queued" : "audits.running")}
          phase={progress?.phase}
          percent={percent}
          waiting={t("audits.waiting")}
          refreshHref={`/${lang}/workspace/audits/${audit.id}`}
          refreshLabel={t("audits.refresh")}
        />
      )}
      {audit.state === "completed" && audit.raw && (
        <>
          {audit.publishedAt ? (
            <p class="notice">
              {t("audits.published_on", { date: formatDate(lang, audit.publishedAt) })}{" "}
              <a href={`/${lang}/systems/${system.id}/audits/${audit.id}`}>{t("audits.public_page")}</a>
            </p>
          ) : (
            <p class="notice">{t("audits.raw_notice")}</p>
          )}
          {actions.includes("publish") && (
            <form method="post" action={`/${lang}/workspace/audits/${audit.id}/publish`}>
              <CsrfField ctx={ctx} />
              <p>{t("audits.publish_explained")}</p>
              <button type="submit" class="button">
                {t("audits.publish")}
              </button>
            </form>
          )}
          <AuditReport ctx={ctx} result={audit.raw} />
        </>
      )}
      {actions.includes("discard") && (
        <form method="post" action={`/${lang}/workspace/audits/${audit.id}/discard`}>
          <CsrfField ctx={ctx} />
          <button type="submit" class="button button-secondary">
            {t("audits.discard")}
          </button>
        </form>
      )}
    </Layout>
  );
}
