// Assessments in the workspace, in forms that work without JavaScript: the assessments of a record and starting one,
// a response's overview, its questionnaire page by page (saved as you go), the workflow steps, and the exports.
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { requireWorkspaceUser, type UserActor } from "../../http/auth.ts";
import { AppError } from "../../http/errors.ts";
import { sendHtml } from "../../http/render.ts";
import type { AppScope } from "../../http/types.ts";
import { languages, type Lang } from "../../i18n/languages.ts";
import type { Services } from "../../services.ts";
import { localizedString } from "../../web/components/localized.tsx";
import { pageContext } from "../../web/context.ts";
import { submitted } from "../../web/form.ts";
import { exportFileName, renderAssessmentPdf } from "./export.ts";
import type { Answers, LocalizedText, Page } from "./format.ts";
import type { AssessmentView } from "./service.ts";
import { answersFromForm } from "./form.ts";
import { visibleItems } from "./visibility.ts";
import { AssessmentList } from "./views/list.tsx";
import { AssessmentOverview, doneNotices, type OverviewDone } from "./views/overview.tsx";
import { AssessmentPageForm, type RegisterTexts } from "./views/page-form.tsx";

const Lang = z.enum(languages);
const SystemParams = z.object({ lang: Lang, id: z.string().max(64) });
const ResponseParams = z.object({ lang: Lang, rid: z.uuid() });
const PageParams = ResponseParams.extend({ page: z.string().max(100) });
const OverviewQuery = z.object({ done: z.enum(doneNotices).optional().catch(undefined) });
const PageQuery = z.object({
  more: z.literal("1").optional().catch(undefined),
  saved: z.literal("1").optional().catch(undefined),
  rows: z.coerce.number().int().min(1).max(20).optional().catch(undefined),
});
const page = { hide: true } as const;


export function registerAssessmentPages(app: AppScope, { assessments, systems }: Services) {
  /**
   * What the register record already says for the page's items that state the same fact (the instrument's
   * crosswalk): shown beside them, and typed in as the answer while there is none, in the page's language.
   */
  async function registerTexts(actor: UserActor, view: AssessmentView, questions: Page): Promise<RegisterTexts> {
    const links = view.instrument.crosswalk.filter((link) => questions.items.some((item) => item.id === link.item));
    if (!links.length) return {};
    const { record } = await systems.getWorkspaceSystem(actor, view.system.id);
    const texts: RegisterTexts = {};
    for (const link of links) {
      const value = (record as Record<string, unknown>)[link.register_field];
      if (value && typeof value === "object") texts[link.item] = { text: value as LocalizedText, note: link.note };
    }
    return texts;
  }

  const overviewUrl = (lang: Lang, rid: string, done?: OverviewDone) => `/${lang}/workspace/assessments/${rid}${done ? `?done=${done}` : ""}`;

  async function renderList(request: FastifyRequest, reply: FastifyReply, lang: Lang, actor: UserActor, systemId: string, error?: string) {
    const { record, responses, instruments, canStart } = await assessments.listForSystem(actor, systemId);
    const ctx = pageContext(lang, request, reply);
    return sendHtml(
      reply,
      <AssessmentList ctx={ctx} systemId={systemId} systemName={localizedString(ctx, record.name)} responses={responses} instruments={instruments} canStart={canStart} error={error} />,
      error ? 400 : 200,
    );
  }

  app.get("/:lang/workspace/systems/:id/assessments", { schema: { ...page, params: SystemParams } }, async (request, reply) => {
    const { lang, id } = request.params;
    const actor = requireWorkspaceUser(request, reply, lang);
    if (!actor) return reply;
    return renderList(request, reply, lang, actor, id);
  });

  app.post("/:lang/workspace/systems/:id/assessments", { schema: { ...page, params: SystemParams } }, async (request, reply) => {
    const { lang, id } = request.params;
    const actor = requireWorkspaceUser(request, reply, lang);
    if (!actor) return reply;
    const instrument = submitted(request.body, "instrument");
    if (!instrument) return renderList(request, reply, lang, actor, id, "assessments.errors.choose_instrument");
    try {
      const rid = await assessments.startAssessment(actor, id, instrument);
      return reply.redirect(overviewUrl(lang, rid, "started"), 303);
    } catch (error) {
      if (error instanceof AppError && error.id === "invalid_input") return renderList(request, reply, lang, actor, id, "assessments.errors.choose_instrument");
      throw error;
    }
  });

  // ---- A response ------------------------------------------------------------------------------------------

  app.get("/:lang/workspace/assessments/:rid", { schema: { ...page, params: ResponseParams, querystring: OverviewQuery } }, async (request, reply) => {
    const { lang, rid } = request.params;
    const actor = requireWorkspaceUser(request, reply, lang);
    if (!actor) return reply;
    const view = await assessments.getAssessment(actor, rid);
    return sendHtml(reply, <AssessmentOverview ctx={pageContext(lang, request, reply)} view={view} done={request.query.done} />);
  });

  app.get("/:lang/workspace/assessments/:rid/pages/:page", { schema: { ...page, params: PageParams, querystring: PageQuery } }, async (request, reply) => {
    const { lang, rid, page: pageId } = request.params;
    const actor = requireWorkspaceUser(request, reply, lang);
    if (!actor) return reply;
    await assessments.assertMay(actor, rid, "fill");
    const view = await assessments.getAssessment(actor, rid);
    const questions = view.instrument.pages.find((p) => p.id === pageId);
    if (!questions) throw new AppError("page_not_found", 404, { id: pageId });
    // A page the answers so far leave out (an old bookmark, a changed answer): the overview lists those that count.
    if (!view.pages.includes(questions)) return reply.redirect(overviewUrl(lang, rid), 303);
    const register = await registerTexts(actor, view, questions);
    const answers: Answers = { ...view.response.answers };
    for (const [item, { text }] of Object.entries(register)) if (!(item in answers) && text[lang]) answers[item] = text[lang]!.text;
    const { comments } = view.response;
    const visible = new Set(visibleItems(view.instrument, answers).map((item) => item.id));
    const ctx = pageContext(lang, request, reply);
    return sendHtml(
      reply,
      <AssessmentPageForm
        ctx={ctx}
        view={view}
        page={questions}
        register={register}
        answers={answers}
        comments={comments}
        visible={visible}
        errors={[]}
        notice={request.query.more ? "assessments.more_questions" : request.query.saved ? "assessments.done.saved" : undefined}
        extraRows={request.query.rows ?? 1}
      />,
    );
  });

  app.post("/:lang/workspace/assessments/:rid/pages/:page", { schema: { ...page, params: PageParams } }, async (request, reply) => {
    const { lang, rid, page: pageId } = request.params;
    const actor = requireWorkspaceUser(request, reply, lang);
    if (!actor) return reply;
    await assessments.assertMay(actor, rid, "fill");
    const view = await assessments.getAssessment(actor, rid);
    const questions = view.instrument.pages.find((p) => p.id === pageId);
    if (!questions) throw new AppError("page_not_found", 404, { id: pageId });
    const typed = answersFromForm(questions, request.body);
    // The answers as they would be after saving: this page's replaced, the others as saved.
    const merged: Answers = { ...view.response.answers };
    for (const item of questions.items) delete merged[item.id];
    Object.assign(merged, typed.answers);
    try {
      await assessments.saveAnswers(actor, rid, pageId, typed);
    } catch (error) {
      if (!(error instanceof AppError) || error.id !== "invalid_input") throw error;
      const visible = new Set(visibleItems(view.instrument, merged).map((item) => item.id));
      const comments = { ...view.response.comments, ...typed.comments };
      const errors = error.fields.map((f) => ({ path: f.path, message: { key: f.message, params: f.params } }));
      const ctx = pageContext(lang, request, reply);
      return sendHtml(
        reply,
        <AssessmentPageForm
          ctx={ctx}
          view={view}
          page={questions}
          register={await registerTexts(actor, view, questions)}
          answers={merged}
          comments={comments}
          visible={visible}
          errors={errors}
          extraRows={1}
        />,
        400,
      );
    }
    const here = `/${lang}/workspace/assessments/${rid}/pages/${pageId}`;
    const intent = submitted(request.body, "intent");
    if (intent === "add_row") return reply.redirect(`${here}?rows=2`, 303);
    if (intent === "stay") return reply.redirect(`${here}?saved=1`, 303);
    // Questions of this page that the new answers made appear are asked before moving on.
    const before = new Set(visibleItems(view.instrument, view.response.answers).map((item) => item.id));
    const appeared = visibleItems(view.instrument, merged).filter((item) => questions.items.includes(item) && !before.has(item.id) && !(item.id in merged));
    if (appeared.length) return reply.redirect(`${here}?more=1`, 303);
    const pages = (await assessments.getAssessment(actor, rid)).pages;
    const next = pages[pages.findIndex((p) => p.id === pageId) + 1];
    return reply.redirect(next ? `/${lang}/workspace/assessments/${rid}/pages/${next.id}` : overviewUrl(lang, rid, "saved"), 303);
  });

  // ---- Workflow ---------------------------------------------------------------------------------------------

  const textSteps = { opinion: "opinion", approve: "comment", return: "comment" } as const;

  for (const step of ["submit", "opinion", "approve", "return", "reassess"] as const) {
    app.post(`/:lang/workspace/assessments/:rid/${step}`, { schema: { ...page, params: ResponseParams } }, async (request, reply) => {
      const { lang, rid } = request.params;
      const actor = requireWorkspaceUser(request, reply, lang);
      if (!actor) return reply;
      const text = step in textSteps ? (submitted(request.body, textSteps[step as keyof typeof textSteps]) ?? "") : "";
      try {
        if (step === "submit") await assessments.submitAssessment(actor, rid);
        if (step === "opinion") await assessments.giveOpinion(actor, rid, text);
        if (step === "approve") await assessments.approveAssessment(actor, rid, text);
        if (step === "return") await assessments.returnAssessment(actor, rid, text);
        if (step === "reassess") return reply.redirect(overviewUrl(lang, await assessments.reassess(actor, rid), "reassess"), 303);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const ctx = pageContext(lang, request, reply);
        if (error.id === "assessment_incomplete") {
          const view = await assessments.getAssessment(actor, rid);
          const pageOf = (path: string) => view.instrument.pages.find((p) => p.items.some((item) => item.id === path.split(".")[0]))?.id ?? "";
          const incomplete = error.fields.map((f) => ({ pageId: pageOf(f.path), path: f.path, message: { key: f.message, params: f.params } }));
          return sendHtml(reply, <AssessmentOverview ctx={ctx} view={view} incomplete={incomplete} />, 400);
        }
        if (error.id === "invalid_input" && step !== "submit" && step !== "reassess") {
          const view = await assessments.getAssessment(actor, rid);
          return sendHtml(reply, <AssessmentOverview ctx={ctx} view={view} form={{ step, text, error: error.fields[0]?.message ?? "validation.invalid" }} />, 400);
        }
        throw error;
      }
      return reply.redirect(overviewUrl(lang, rid, step), 303);
    });
  }

  // ---- Exports ----------------------------------------------------------------------------------------------

  app.get("/:lang/workspace/assessments/:rid/export.json", { schema: { ...page, params: ResponseParams } }, async (request, reply) => {
    const { lang, rid } = request.params;
    const actor = requireWorkspaceUser(request, reply, lang);
    if (!actor) return reply;
    const document = await assessments.exportAssessment(actor, rid);
    return reply
      .type("application/json; charset=utf-8")
      .header("content-disposition", `attachment; filename="${exportFileName(document, "json")}"`)
      .send(JSON.stringify(document, null, 2));
  });

  app.get("/:lang/workspace/assessments/:rid/export.pdf", { schema: { ...page, params: ResponseParams } }, async (request, reply) => {
    const { lang, rid } = request.params;
    const actor = requireWorkspaceUser(request, reply, lang);
    if (!actor) return reply;
    const view = await assessments.getAssessment(actor, rid);
    const document = await assessments.exportAssessment(actor, rid);
    const pdf = await renderAssessmentPdf(lang, view, document);
    return reply.type("application/pdf").header("content-disposition", `attachment; filename="${exportFileName(document, "pdf")}"`).send(pdf);
  });
}
