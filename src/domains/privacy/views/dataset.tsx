// One dataset: while scanning or protecting, the progress; once scanned, what each column holds (with masked
// examples) and the operator to apply to it, a preview of the first rows as they would come out, and the button that
// produces the protected file; once protected, its run record and the download.
import { formatDate, formatNumber } from "../../../i18n/index.ts";
import { JobProgress } from "../../../web/components/job-progress.tsx";
import { formatBytes } from "../../../http/upload.ts";
import { CsrfField, ErrorSummary, TextField } from "../../../web/components/fields.tsx";
import type { PageContext } from "../../../web/context.ts";
import type { FormErrors } from "../../../web/form.ts";
import { ErrorPanel } from "../../../web/components/error-panel.tsx";
import { Layout } from "../../../web/layout.tsx";
import { Breadcrumb } from "../../systems/views/workspace/common.tsx";
import { fieldOf, operatorChoices, type OperatorChoice } from "../form.ts";
import type { DatasetView } from "../service.ts";

interface Props {
  ctx: PageContext;
  view: DatasetView;
  hasKey: boolean;
  keyId: string | null;
  domain: string;
  choices: OperatorChoice[];
  errors: FormErrors;
  /** A problem that is not about one field (no key configured, a file DuckDB cannot read). */
  problem?: { id: string; params: Record<string, string | number> };
  preview?: { header: string[]; rows: string[][] };
}

const percent = (value: number) => `${Math.round(value * 100)} %`;

export function DatasetPage({ ctx, view, hasKey, keyId, domain, choices, errors, problem, preview }: Props) {
  const { t, lang } = ctx;
  const { dataset, progress, actions } = view;
  const running = dataset.state === "scanning" || dataset.state === "protecting";
  const fraction = progress?.fraction ?? null;
  const base = `/${lang}/workspace/datasets/${dataset.id}`;
  const scan = dataset.scan;
  return (
    <Layout ctx={ctx} title={dataset.title} hasErrors={errors.summary.length > 0 || problem !== undefined} scripts={running ? ["/assets/job-progress.js"] : []}>
      <Breadcrumb ctx={ctx} trail={[{ href: `/${lang}/workspace/datasets`, label: t("datasets.title") }, { label: dataset.title }]} />
      <ErrorSummary ctx={ctx} errors={errors.summary} />
      {problem && <ErrorPanel ctx={ctx} error={problem} />}
      <h1>{dataset.title}</h1>
      <p>
        <strong class={`badge dataset-${dataset.state}`}>{t(`datasets.states.${dataset.state}`)}</strong>
      </p>
      <dl class="key-facts">
        <dt>{t("datasets.file")}</dt>
        <dd>
          {dataset.source.name} ({formatBytes(dataset.source.bytes)})
        </dd>
        <dt>{t("datasets.uploaded")}</dt>
        <dd>{formatDate(lang, dataset.createdAt)}</dd>
        {scan && (
          <>
            <dt>{t("datasets.rows_examined")}</dt>
            <dd>{formatNumber(lang, scan.rows)}</dd>
          </>
        )}
      </dl>

      {dataset.state === "failed" && dataset.error && <ErrorPanel ctx={ctx} error={dataset.error} />}

      {running && (
        <JobProgress
          statusUrl={`/api/v1/datasets/${dataset.id}/status`}
          runningStates={["scanning", "protecting"]}
          phases={Object.fromEntries(["scanning", "protecting"].map((phase) => [phase, t(`datasets.phases.${phase}`)]))}
          heading={t(`datasets.states.${dataset.state}`)}
          phase={progress?.phase}
          percent={fraction === null ? undefined : Math.round(fraction * 100)}
          waiting={t("audits.waiting")}
          refreshHref={base}
          refreshLabel={t("audits.refresh")}
        />
      )}

      {dataset.state === "protected" && dataset.run && dataset.output && (
        <section aria-labelledby="protected-heading">
          <h2 id="protected-heading">{t("datasets.protected_heading")}</h2>
          <p>
            <a class="button" href={`${base}/protected`} download>
              {t("datasets.download", { name: dataset.output.name, size: formatBytes(dataset.output.bytes) })}
            </a>
          </p>
          <dl class="key-facts">
            <dt>{t("datasets.domain")}</dt>
            <dd>{dataset.run.domain}</dd>
            <dt>{t("datasets.key_id")}</dt>
            <dd>{dataset.run.keyId ?? t("datasets.no_key_used")}</dd>
            <dt>{t("datasets.rows_written")}</dt>
            <dd>{formatNumber(lang, dataset.run.rows)}</dd>
            <dt>SHA-256</dt>
            <dd>
              <code>{dataset.output.sha256}</code>
            </dd>
          </dl>
          <table class="table">
            <caption>{t("datasets.run_columns")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("datasets.column")}</th>
                <th scope="col">{t("datasets.operator")}</th>
              </tr>
            </thead>
            <tbody>
              {dataset.run.columns.map((column) => (
                <tr>
                  <th scope="row">
                    <code>{column.name}</code>
                  </th>
                  <td>{t(`datasets.operators.${column.operator}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      {scan && actions.includes("protect") && (
        <form method="post" action={`${base}/protect`} novalidate>
          <CsrfField ctx={ctx} />
          <h2>{t("datasets.operators_heading")}</h2>
          <p>{t("datasets.operators_intro")}</p>
          {!hasKey && <p class="notice">{t("datasets.no_key")}</p>}
          {hasKey && keyId && <p class="hint">{t("datasets.key_in_use", { id: keyId })}</p>}
          <TextField ctx={ctx} id="domain" name="domain" label={t("datasets.domain")} hint={t("datasets.domain_hint")} value={domain} error={errors.fields.domain} />
          <table class="table">
            <caption>{t("datasets.columns_caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("datasets.column")}</th>
                <th scope="col">{t("datasets.found")}</th>
                <th scope="col">{t("datasets.examples")}</th>
                <th scope="col">{t("datasets.operator")}</th>
              </tr>
            </thead>
            <tbody>
              {scan.columns.map((column, index) => (
                <tr>
                  <th scope="row">
                    <code>{column.name}</code>
                  </th>
                  <td>
                    {column.entity
                      ? t("datasets.found_entity", { entity: t(`audits.entities.${column.entity}`), share: percent(column.valid_share), confidence: percent(column.confidence) })
                      : t("datasets.found_none")}
                  </td>
                  <td>{column.examples.length ? column.examples.join(", ") : "—"}</td>
                  <td>
                    <label for={fieldOf(index)} class="visually-hidden">
                      {t("datasets.operator_for", { column: column.name })}
                    </label>
                    <select id={fieldOf(index)} name={fieldOf(index)}>
                      {operatorChoices
                        .filter((choice) => hasKey || (choice !== "hmac" && choice !== "aes_siv"))
                        .map((choice) => (
                          <option value={choice} selected={choices[index] === choice}>
                            {t(`datasets.choices.${choice}`)}
                          </option>
                        ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="button-row">
            <button type="submit" class="button button-secondary" formaction={`${base}/preview`}>
              {t("datasets.preview")}
            </button>
            <button type="submit" class="button">
              {t("datasets.protect")}
            </button>
          </div>
        </form>
      )}

      {preview && (
        <section aria-labelledby="preview-heading">
          <h2 id="preview-heading">{t("datasets.preview_heading")}</h2>
          <p>{t("datasets.preview_intro")}</p>
          <div class="table-scroll">
            <table class="table">
              <caption class="visually-hidden">{t("datasets.preview_heading")}</caption>
              <thead>
                <tr>
                  {preview.header.map((name) => (
                    <th scope="col">{name}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((row) => (
                  <tr>
                    {row.map((cell) => (
                      <td>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {actions.includes("discard") && (
        <form method="post" action={`${base}/discard`}>
          <CsrfField ctx={ctx} />
          <button type="submit" class="button button-secondary">
            {t("datasets.discard")}
          </button>
        </form>
      )}
    </Layout>
  );
}
