// One page of an assessment's questionnaire as a form that works without JavaScript: the page's items, a note on any
// answer, "save" and "save and continue". Items hidden by a condition are in the page but hidden; the enhancing
// script shows them as answers change, and without it the server shows them once the answers are saved.
import { CsrfField, ErrorSummary, type Message } from "../../../web/components/fields.tsx";
import { localizedString, Localized } from "../../../web/components/localized.tsx";
import type { PageContext } from "../../../web/context.ts";
import { Layout } from "../../../web/layout.tsx";
import { Breadcrumb } from "../../systems/views/workspace/common.tsx";
import type { Answers, LocalizedText, Page } from "../format.ts";
import { controlId } from "../form.ts";
import type { AssessmentView } from "../service.ts";
import { ProgressBar } from "./progress.tsx";
import { ItemControl, type FieldMessages } from "./items.tsx";

/** What the register record says for items that state the same fact, by item id, with the link's note. */
export type RegisterTexts = Record<string, { text: LocalizedText; note?: LocalizedText }>;

/** The scripts of a questionnaire page: JSONLogic and the conditions' enhancement. */
export const conditionScripts = ["/assets/vendor/json-logic/logic.js", "/assets/assessment-conditions.js"];

interface Props {
  ctx: PageContext;
  view: AssessmentView;
  page: Page;
  register: RegisterTexts;
  /** The answers shown: saved ones, or those just typed when the form had errors. */
  answers: Answers;
  comments: Record<string, string>;
  /** The items of this page visible with these answers. */
  visible: Set<string>;
  errors: Array<{ path: string; message: Message }>;
  /** Set when saving made new questions appear on this page. */
  notice?: string;
  /** Blank rows each repeatable group offers. */
  extraRows: number;
}

export function AssessmentPageForm({ ctx, view, page, register, answers, comments, visible, errors, notice, extraRows }: Props) {
  const { t, lang } = ctx;
  const base = `/${lang}/workspace/assessments/${view.response.id}`;
  const title = localizedString(ctx, page.title);
  const instrumentTitle = localizedString(ctx, view.instrument.title);
  const position = view.pages.findIndex((p) => p.id === page.id);
  const fieldErrors: FieldMessages = Object.fromEntries(errors.map((e) => [e.path, e.message]));
  const itemText = new Map(page.items.map((item) => [item.id, localizedString(ctx, item.text)]));
  const summary = errors.map((e) => ({ href: `#${controlId(e.path)}`, message: e.message, label: itemText.get(e.path.split(".")[0]!) }));
  // Answers of the other pages, which conditions on this page may read.
  const context = Object.fromEntries(Object.entries(answers).filter(([id]) => !page.items.some((item) => item.id === id)));
  return (
    <Layout ctx={ctx} title={`${title} – ${instrumentTitle}`} hasErrors={errors.length > 0} scripts={conditionScripts}>
      <Breadcrumb
        ctx={ctx}
        trail={[
          { href: `/${lang}/workspace/systems/${view.system.id}`, label: localizedString(ctx, view.system.name as never) },
          { href: `/${lang}/workspace/systems/${view.system.id}/assessments`, label: t("assessments.title") },
          { href: base, label: instrumentTitle },
          { label: title },
        ]}
      />
      <ErrorSummary ctx={ctx} errors={summary} />
      {notice && (
        <div class="notice" role="status">
          <p>{t(notice)}</p>
        </div>
      )}
      <p class="caption">
        {instrumentTitle} · {t("assessments.page_of", { number: position + 1, count: view.pages.length })}
      </p>
      <h1>{title}</h1>
      {page.description && <Localized ctx={ctx} text={page.description} block />}
      <ProgressBar ctx={ctx} progress={view.progress} />
      <form method="post" action={`${base}/pages/${page.id}`} novalidate class="assessment-form" data-answers={JSON.stringify(context)}>
        <CsrfField ctx={ctx} />
        {page.items.map((item) => (
          <ItemControl
            ctx={ctx}
            item={item}
            value={answers[item.id]}
            comment={comments[item.id]}
            errors={fieldErrors}
            hidden={!visible.has(item.id)}
            extraRows={extraRows}
            register={register[item.id]}
          />
        ))}
        <div class="actions">
          <button type="submit" class="button" name="intent" value="continue">
            {t("assessments.save_continue")}
          </button>
          <button type="submit" class="button button-secondary" name="intent" value="stay">
            {t("assessments.save")}
          </button>
          {page.items.some((item) => item.type === "group") && (
            <button type="submit" class="button button-secondary" name="intent" value="add_row">
              {t("assessments.add_row")}
            </button>
          )}
        </div>
      </form>
      <p>
        <a href={base}>{t("assessments.back_to_overview")}</a>
      </p>
    </Layout>
  );
}
