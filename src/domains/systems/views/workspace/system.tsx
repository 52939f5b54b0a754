// A record in the workspace: where it stands, what reviewers said, its sections with their edit links, and the
// actions the policy allows this user now, as buttons.
import { formatDate, languages } from "../../../../i18n/index.ts";
import { CsrfField, ErrorSummary, TextArea } from "../../../../web/components/fields.tsx";
import { Localized, localizedString } from "../../../../web/components/localized.tsx";
import type { PageContext } from "../../../../web/context.ts";
import { Layout } from "../../../../web/layout.tsx";
import { sectionNames } from "../../schema.ts";
import { labelKey, missingTranslations, sectionFields, type FieldSpec } from "../../sections.ts";
import type { WorkspaceSystem } from "../../service.ts";
import { Breadcrumb, isOverdue, StateBadge } from "./common.tsx";
import { ReviewList } from "../../../../web/components/reviews.tsx";

/** What the page says after a redirect: the section saved or the step taken. */
export type Done = "created" | "saved" | "submit" | "approve" | "return" | "revise" | "retire";

interface Props {
  ctx: PageContext;
  system: WorkspaceSystem;
  done?: Done | undefined;
  /** A reviewer's comment form (approve or return) shown again with its error and the comment typed. */
  commentForm?: { action: "approve" | "return"; comment: string; error: string };
}

const get = (values: unknown, key: string): unknown =>
  values && typeof values === "object" ? (values as Record<string, unknown>)[key] : undefined;

/** A field's value as a reader sees it, or nothing when the record leaves it empty. */
function Value({ ctx, field, value, path }: { ctx: PageContext; field: FieldSpec; value: unknown; path: string[] }) {
  const { t } = ctx;
  switch (field.kind) {
    case "localized":
      return value && Object.keys(value).length ? <Localized ctx={ctx} text={value as never} /> : null;
    case "text":
      if (typeof value !== "string" || !value) return null;
      return field.input === "date" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? <time datetime={value}>{formatDate(ctx.lang, value)}</time> : <span>{value}</span>;
    case "select":
      return typeof value === "string" ? <span>{t(`${field.labels}.${value}`)}</span> : null;
    case "tags":
      return Array.isArray(value) && value.length ? <span>{value.join(", ")}</span> : null;
    case "flags":
      return null;
    case "group":
      return null;
    case "list": {
      const items = Array.isArray(value) ? value : [];
      if (!items.length) return null;
      const first = field.fields[0]!;
      return (
        <ol>
          {items.map((item) => (
            <li>
              <Value ctx={ctx} field={first} value={get(item, first.key)} path={[...path, first.key]} />
            </li>
          ))}
        </ol>
      );
    }
  }
}

function SummaryRows({ ctx, fields, values, prefix }: { ctx: PageContext; fields: FieldSpec[]; values: unknown; prefix: string[] }) {
  return (
    <>
      {fields.map((field) => {
        const path = [...prefix, field.key];
        const value = get(values, field.key);
        if (field.kind === "group") return <SummaryRows ctx={ctx} fields={field.fields} values={value} prefix={path} />;
        if (field.kind === "flags") {
          const on = field.options.filter((o) => get(values, o) === true);
          return (
            <div>
              <dt>{ctx.t(labelKey(path))}</dt>
              <dd>{on.length ? on.map((o) => ctx.t(labelKey([...prefix, o]))).join(" · ") : ctx.t("common.no")}</dd>
            </div>
          );
        }
        const shown = Value({ ctx, field, value, path });
        return (
          <div>
            <dt>{ctx.t(labelKey(path))}</dt>
            <dd>{shown ?? <span class="missing">{ctx.t("common.not_provided")}</span>}</dd>
          </div>
        );
      })}
    </>
  );
}

function ActionButton({ ctx, href, label, warning }: { ctx: PageContext; href: string; label: string; warning?: boolean }) {
  return (
    <form method="post" action={href} class="action-form">
      <CsrfField ctx={ctx} />
      <button type="submit" class={`button${warning ? " button-warning" : ""}`}>
        {label}
      </button>
    </form>
  );
}

export function WorkspaceSystemPage({ ctx, system, done, commentForm }: Props) {
  const { t, lang } = ctx;
  const base = `/${lang}/workspace/systems/${system.id}`;
  const name = localizedString(ctx, system.record.name);
  const may = (action: (typeof system.actions)[number]) => system.actions.includes(action);
  const overdue = isOverdue(system.record.nextReviewDue, system.lifecycle);
  const errors = commentForm ? [{ href: `#${commentForm.action}-comment`, message: commentForm.error }] : [];
  const typed = (action: "approve" | "return") => (commentForm?.action === action ? commentForm : undefined);
  return (
    <Layout ctx={ctx} title={name} hasErrors={errors.length > 0}>
      <Breadcrumb ctx={ctx} trail={[{ label: name }]} />
      <ErrorSummary ctx={ctx} errors={errors} />
      {done && (
        <div class="success-notice" role="status">
          <p>{t(`workspace.done.${done}`, { version: system.latestVersion ?? 0 })}</p>
        </div>
      )}
      <p class="caption">
        <Localized ctx={ctx} text={system.organisation.name} />
      </p>
      <h1>
        <Localized ctx={ctx} text={system.record.name} />
      </h1>
      <dl class="key-facts">
        <div>
          <dt>{t("workspace.system.state")}</dt>
          <dd>
            <StateBadge ctx={ctx} state={system.lifecycle} />
          </dd>
        </div>
        <div>
          <dt>{t("workspace.system.published_version")}</dt>
          <dd>
            {system.latestVersion ? (
              <a href={`/${lang}/systems/${system.id}`}>{t("history.version_n", { version: system.latestVersion })}</a>
            ) : (
              t("workspace.system.never_published")
            )}
          </dd>
        </div>
        <div>
          <dt>{t("workspace.dashboard.updated")}</dt>
          <dd>
            <time datetime={system.updatedAt.toISOString()}>{formatDate(lang, system.updatedAt)}</time>
          </dd>
        </div>
        <div>
          <dt>{t("systems.fields.next_review")}</dt>
          <dd>
            {system.record.nextReviewDue ? formatDate(lang, system.record.nextReviewDue) : t("common.not_provided")}
            {overdue && <strong class="overdue"> {t("workspace.overdue")}</strong>}
          </dd>
        </div>
        <div>
          <dt>{t("system.stable_id")}</dt>
          <dd>
            <code>{system.id}</code>
          </dd>
        </div>
      </dl>
      <p>{t(`workspace.system.explain.${system.lifecycle}`)}</p>

      <section aria-labelledby="actions-heading">
        <h2 id="actions-heading">{t("workspace.system.actions")}</h2>
        {system.actions.filter((a) => a !== "edit").length === 0 && <p>{t("workspace.system.no_actions")}</p>}
        <div class="actions">
          {may("submit") && <ActionButton ctx={ctx} href={`${base}/submit`} label={t("workspace.actions.submit")} />}
          {may("revise") && <ActionButton ctx={ctx} href={`${base}/revise`} label={t("workspace.actions.revise")} />}
        </div>
        {system.authoredByActor && system.lifecycle === "in_review" && <p class="hint">{t("workspace.system.four_eyes")}</p>}
        {may("publish") && (
          <form method="post" action={`${base}/approve`} novalidate class="review-form">
            <CsrfField ctx={ctx} />
            <TextArea
              ctx={ctx}
              id="approve-comment"
              name="comment"
              label={`${t("workspace.system.approve_comment")} ${t("workspace.optional")}`}
              rows={3}
              value={typed("approve")?.comment}
              error={typed("approve")?.error}
            />
            <button type="submit" class="button">
              {t("workspace.actions.approve")}
            </button>
          </form>
        )}
        {may("return") && (
          <form method="post" action={`${base}/return`} novalidate class="review-form">
            <CsrfField ctx={ctx} />
            <TextArea
              ctx={ctx}
              id="return-comment"
              name="comment"
              label={t("workspace.system.return_comment")}
              hint={t("workspace.system.return_hint")}
              rows={4}
              value={typed("return")?.comment}
              error={typed("return")?.error}
            />
            <button type="submit" class="button button-secondary">
              {t("workspace.actions.return")}
            </button>
          </form>
        )}
        {may("retire") && (
          <details class="retire">
            <summary>{t("workspace.actions.retire")}</summary>
            <p>{t("workspace.system.retire_warning")}</p>
            <ActionButton ctx={ctx} href={`${base}/retire`} label={t("workspace.actions.retire_confirm")} warning />
          </details>
        )}
      </section>

      <section aria-labelledby="assessments-heading">
        <h2 id="assessments-heading">{t("assessments.title")}</h2>
        <p>
          <a href={`${base}/assessments`}>{t("workspace.system.assessments_link")}</a>
        </p>
      </section>

      <section aria-labelledby="audits-heading">
        <h2 id="audits-heading">{t("audits.title")}</h2>
        <p>
          <a href={`${base}/audits`}>{t("audits.workspace_link")}</a>
        </p>
      </section>

      <ReviewList ctx={ctx} reviews={system.reviews} />

      {sectionNames.map((section) => {
        const missing = missingTranslations(sectionFields[section], system.record);
        const lacking = languages.filter((l) => missing[l] > 0);
        return (
          <section aria-labelledby={`section-${section}`} class="record-section">
            <h2 id={`section-${section}`}>{t(`workspace.sections.${section}`)}</h2>
            {may("edit") && (
              <p>
                <a href={`${base}/edit/${section}?language=${lang}`}>
                  {t("workspace.system.edit_section")}
                  <span class="visually-hidden"> {t(`workspace.sections.${section}`)}</span>
                </a>
              </p>
            )}
            {lacking.length > 0 && (
              <p class="hint">
                {t("workspace.system.missing_translations")}{t("common.colon")}{" "}
                {lacking.map((l) => `${t(`languages.${l}`)} (${missing[l]})`).join(", ")}
              </p>
            )}
            <dl class="summary-list">
              <SummaryRows ctx={ctx} fields={sectionFields[section]} values={system.record} prefix={[]} />
            </dl>
          </section>
        );
      })}
    </Layout>
  );
}
