// A response in the workspace: where it stands, its pages with what is left to answer, the result so far, what the
// DPO and validators said, and the actions the policy allows this user now.
import { formatDate } from "../../../i18n/index.ts";
import { CsrfField, ErrorSummary, TextArea, type Message } from "../../../web/components/fields.tsx";
import { localizedString } from "../../../web/components/localized.tsx";
import type { PageContext } from "../../../web/context.ts";
import { Layout } from "../../../web/layout.tsx";
import { Breadcrumb } from "../../systems/views/workspace/common.tsx";
import { controlId } from "../form.ts";
import type { AssessmentView } from "../service.ts";
import { ProgressBar } from "./progress.tsx";
import { ResultPanel } from "./result.tsx";
import { ReviewList } from "../../../web/components/reviews.tsx";

/** What the page says after a redirect. */
export const doneNotices = ["started", "saved", "submit", "opinion", "approve", "return", "reassess"] as const;
export type OverviewDone = (typeof doneNotices)[number];

interface Props {
  ctx: PageContext;
  view: AssessmentView;
  done?: OverviewDone;
  /** A form of this page shown again with its error: the step, the text typed, the error. */
  form?: { step: "opinion" | "approve" | "return"; text: string; error: Message };
  /** Why the response cannot be submitted yet: each missing or wrong answer, with the page it is on. */
  incomplete?: Array<{ pageId: string; path: string; message: Message }>;
}

export function AssessmentOverview({ ctx, view, done, form, incomplete = [] }: Props) {
  const { t, lang } = ctx;
  const { response, instrument } = view;
  const base = `/${lang}/workspace/assessments/${response.id}`;
  const title = localizedString(ctx, instrument.title);
  const systemName = localizedString(ctx, view.system.name as never);
  const may = (action: (typeof view.actions)[number]) => view.actions.includes(action);
  const missing = new Set(view.progress.missing);
  const itemText = new Map(instrument.pages.flatMap((page) => page.items.map((item) => [item.id, localizedString(ctx, item.text)] as const)));
  const errors = [
    ...(form ? [{ href: `#${form.step}-text`, message: form.error }] : []),
    ...incomplete.map((p) => ({ href: `${base}/pages/${p.pageId}#${controlId(p.path)}`, message: p.message, label: itemText.get(p.path.split(".")[0]!) })),
  ];
  const name = (actor: string | null) => (actor ? (view.names.get(actor) ?? t("assessments.someone")) : "");
  return (
    <Layout ctx={ctx} title={`${title} – ${systemName}`} hasErrors={errors.length > 0}>
      <Breadcrumb
        ctx={ctx}
        trail={[
          { href: `/${lang}/workspace/systems/${view.system.id}`, label: systemName },
          { href: `/${lang}/workspace/systems/${view.system.id}/assessments`, label: t("assessments.title") },
          { label: title },
        ]}
      />
      <ErrorSummary ctx={ctx} errors={errors} />
      {done && (
        <div class="success-notice" role="status">
          <p>{t(`assessments.done.${done}`)}</p>
        </div>
      )}
      <p class="caption">{systemName}</p>
      <h1>{title}</h1>
      <dl class="key-facts">
        <div>
          <dt>{t("assessments.state")}</dt>
          <dd>
            <span class={`badge badge-${response.state}`}>{t(`assessments.states.${response.state}`)}</span>
          </dd>
        </div>
        <div>
          <dt>{t("assessments.instrument_version")}</dt>
          <dd>
            <code>
              {instrument.id}@{instrument.version}
            </code>
          </dd>
        </div>
        <div>
          <dt>{t("assessments.started")}</dt>
          <dd>
            {formatDate(lang, response.createdAt)} · {name(response.createdBy)}
          </dd>
        </div>
        {response.approvedAt && (
          <div>
            <dt>{t("assessments.approved")}</dt>
            <dd>
              {formatDate(lang, response.approvedAt)} · {name(response.approvedBy)}
            </dd>
          </div>
        )}
        {response.previousId && (
          <div>
            <dt>{t("assessments.reassessment_of")}</dt>
            <dd>
              <a href={`/${lang}/workspace/assessments/${response.previousId}`}>{t("assessments.previous")}</a>
            </dd>
          </div>
        )}
      </dl>
      {instrument.description && <p>{localizedString(ctx, instrument.description)}</p>}

      <h2 id="pages-heading">{t("assessments.questions")}</h2>
      <ProgressBar ctx={ctx} progress={view.progress} />
      <ol class="assessment-pages" aria-labelledby="pages-heading">
        {view.pages.map((page) => {
          const left = page.items.filter((item) => missing.has(item.id)).length;
          const pageTitle = localizedString(ctx, page.title);
          return (
            <li>
              {may("fill") ? <a href={`${base}/pages/${page.id}`}>{pageTitle}</a> : pageTitle}{" "}
              <span class={left ? "page-status-todo" : "page-status-done"}>
                — {left ? t("assessments.left", { count: left }) : t("assessments.page_complete")}
              </span>
            </li>
          );
        })}
      </ol>

      <ResultPanel ctx={ctx} instrument={instrument} score={view.score} provisional={response.state === "draft"} />

      {response.dpoOpinion && (
        <section aria-labelledby="dpo-heading">
          <h2 id="dpo-heading">{t("assessments.dpo_opinion")}</h2>
          <blockquote>{response.dpoOpinion}</blockquote>
          <p class="hint">
            {name(response.dpoBy)} · {response.dpoAt && formatDate(lang, response.dpoAt)}
          </p>
        </section>
      )}

      <section aria-labelledby="actions-heading">
        <h2 id="actions-heading">{t("workspace.system.actions")}</h2>
        {view.actions.filter((a) => a !== "fill").length === 0 && <p>{t("workspace.system.no_actions")}</p>}
        {view.authoredByActor && response.state === "submitted" && <p class="hint">{t("assessments.four_eyes")}</p>}
        {may("submit") && (
          <form method="post" action={`${base}/submit`}>
            <CsrfField ctx={ctx} />
            <button type="submit" class="button">
              {t("assessments.actions.submit")}
            </button>
          </form>
        )}
        {may("opinion") && (
          <form method="post" action={`${base}/opinion`} novalidate class="review-form">
            <CsrfField ctx={ctx} />
            <TextArea ctx={ctx} id="opinion-text" name="opinion" label={t("assessments.dpo_opinion_label")} rows={4} value={form?.step === "opinion" ? form.text : response.dpoOpinion ?? ""} error={form?.step === "opinion" ? form.error : undefined} />
            <button type="submit" class="button">
              {t("assessments.actions.opinion")}
            </button>
          </form>
        )}
        {may("approve") && (
          <form method="post" action={`${base}/approve`} novalidate class="review-form">
            <CsrfField ctx={ctx} />
            <TextArea ctx={ctx} id="approve-text" name="comment" label={`${t("workspace.system.approve_comment")} ${t("workspace.optional")}`} rows={3} value={form?.step === "approve" ? form.text : undefined} error={form?.step === "approve" ? form.error : undefined} />
            <button type="submit" class="button">
              {t("assessments.actions.approve")}
            </button>
          </form>
        )}
        {may("return") && (
          <form method="post" action={`${base}/return`} novalidate class="review-form">
            <CsrfField ctx={ctx} />
            <TextArea ctx={ctx} id="return-text" name="comment" label={t("workspace.system.return_comment")} hint={t("assessments.return_hint")} rows={4} value={form?.step === "return" ? form.text : undefined} error={form?.step === "return" ? form.error : undefined} />
            <button type="submit" class="button button-secondary">
              {t("assessments.actions.return")}
            </button>
          </form>
        )}
        {may("reassess") && (
          <form method="post" action={`${base}/reassess`}>
            <CsrfField ctx={ctx} />
            <p>{t("assessments.reassess_intro")}</p>
            <button type="submit" class="button button-secondary">
              {t("assessments.actions.reassess")}
            </button>
          </form>
        )}
        <p>
          {t("assessments.export")}
          {t("common.colon")} <a href={`${base}/export.pdf`}>PDF</a> · <a href={`${base}/export.json`}>JSON</a>
        </p>
      </section>

      <ReviewList ctx={ctx} reviews={view.reviews} />
    </Layout>
  );
}
