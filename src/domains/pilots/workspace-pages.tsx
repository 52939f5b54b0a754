// The pilots' workspace: the user's pilots and their feed with the e-mail digest, and the forms of a pilot, its change
// of state, milestones, indicators, measurements and lessons. Each form posts to the same service as the API (one
// contract); a refusal shows the form again with its errors and every value typed, success goes to the pilot's page.
// Forms are offered only for what the pilot's `actions` allow; anything else is the service's own error.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { z } from "zod";
import { requireWorkspaceUser, type UserActor } from "../../http/auth.ts";
import { AppError, errors } from "../../http/errors.ts";
import { setFlash, takeFlash } from "../../http/flash.ts";
import { sendHtml } from "../../http/render.ts";
import type { AppScope } from "../../http/types.ts";
import { languages, type Lang } from "../../i18n/languages.ts";
import type { Services } from "../../services.ts";
import { localizedString } from "../../web/components/localized.tsx";
import { pageContext, type PageContext } from "../../web/context.ts";
import { bodyOf, text } from "../../web/form-body.ts";
import { SystemListQuery } from "../systems/schema.ts";
import {
  indicatorFields,
  indicatorFromForm,
  indicatorValues,
  lessonFields,
  lessonFromForm,
  lessonValues,
  measurementFields,
  measurementFromForm,
  milestoneFields,
  milestoneFromForm,
  milestoneValues,
  noProblems,
  pilotFields,
  pilotFromForm,
  pilotValues,
  problemsOf,
  transitionFields,
  transitionFromForm,
  type FormProblems,
  type PilotFormValues,
} from "./form.ts";
import { digestsEnabled } from "./digest-job.ts";
import type { PilotAction } from "./policy.ts";
import type { PilotView } from "./service.ts";
import { pilotPage, workspacePilots } from "./views/workspace/common.tsx";
import { FeedPage } from "./views/workspace/feed.tsx";
import { IndicatorFormPage } from "./views/workspace/indicator-form.tsx";
import { LessonFormPage } from "./views/workspace/lesson-form.tsx";
import { WorkspacePilotsPage } from "./views/workspace/list.tsx";
import { MeasurementFormPage } from "./views/workspace/measurement-form.tsx";
import { MilestoneFormPage } from "./views/workspace/milestone-form.tsx";
import { PilotFormPage, type Choice } from "./views/workspace/pilot-form.tsx";
import { StateFormPage } from "./views/workspace/state-form.tsx";

const base = "/:lang/workspace/pilots";
const Lang = z.enum(languages);
const page = { hide: true } as const;
const LangParams = z.object({ lang: Lang });
const PilotParams = z.object({ lang: Lang, pilotId: z.uuid() });
const MilestoneParams = PilotParams.extend({ milestoneId: z.uuid() });
const IndicatorParams = PilotParams.extend({ indicatorId: z.uuid() });
const LessonParams = PilotParams.extend({ lessonId: z.uuid() });
/** The language of the texts a form edits; an unknown one falls back to the page's. */
const LanguageQuery = z.object({ language: Lang.optional().catch(undefined) });
const MeasurementQuery = z.object({ indicator: z.uuid().optional().catch(undefined) });

const refusedInput = (error: unknown): error is AppError => error instanceof AppError && error.id === "invalid_input";

export function registerPilotWorkspacePages(app: AppScope, services: Services) {
  const { pilots, organisations, systems, exchange, mailer, config } = services;
  const digestOffered = digestsEnabled(mailer, config.publicUrl);

  /** The pilot if the actor may read it (else the service's 404), refused with a 403 unless `allowed` holds. */
  async function pilotFor(actor: UserActor, id: string, action: PilotAction | "change_state", allowed: (view: PilotView) => boolean): Promise<PilotView> {
    const view = await pilots.getPilot(actor, id);
    if (!allowed(view)) throw new AppError("pilot_action_refused", 403, { action, state: view.pilot.state });
    return view;
  }
  const may = (action: PilotAction) => (view: PilotView) => view.actions.includes(action);

  /** Sends a form page: 400 when it shows errors. */
  const sendForm = (reply: FastifyReply, form: VNode, problems: FormProblems) => sendHtml(reply, form, problems.summary.length ? 400 : 200);

  const withCountry = (ctx: PageContext, o: { name: Parameters<typeof localizedString>[1]; country: string }) => `${localizedString(ctx, o.name)} (${ctx.t(`countries.${o.country}`)})`;

  /**
   * What the pilot form offers: every organisation of the platform (but the lead) as participant; the published
   * register systems, with those the pilot already tests; the listed people of the participating organisations.
   */
  async function pilotChoices(ctx: PageContext, actor: UserActor, participating: string[], lead?: string, linked: PilotView["systems"] = []) {
    const [all, published, members] = await Promise.all([
      organisations.listOrganisations(),
      systems.searchSystems(SystemListQuery.parse({ pageSize: 100 }), ctx.lang),
      exchange.listMembers(actor, { organisationIds: [...new Set(participating)] }),
    ]);
    const systemChoices: Choice[] = published.items.map((s) => ({ id: s.id, label: `${localizedString(ctx, s.name)} – ${localizedString(ctx, s.organisationName)}` }));
    for (const s of linked) if (!systemChoices.some((c) => c.id === s.id)) systemChoices.push({ id: s.id, label: localizedString(ctx, s.name) });
    return {
      organisations: all.filter((o) => o.id !== lead).map((o) => ({ id: o.id, label: withCountry(ctx, o) })),
      systems: systemChoices,
      contacts: members.map((m) => ({ id: m.id, label: `${m.displayName}, ${m.position} – ${localizedString(ctx, m.organisationName)}` })),
    };
  }

  async function leadChoices(ctx: PageContext, actor: UserActor): Promise<Choice[]> {
    const creatable = await pilots.creatableOrganisations(actor);
    if (!creatable.length) throw errors.forbidden();
    const names = await organisations.getOrganisations(creatable);
    return creatable.map((id) => ({ id, label: names.has(id) ? withCountry(ctx, names.get(id)!) : id }));
  }

  function savedAndShown(reply: FastifyReply, actor: UserActor, lang: Lang, pilotId: string, notice: string) {
    setFlash(reply, { notice: `pilots.form.notices.${notice}`, userId: actor.id });
    return reply.redirect(pilotPage(lang, pilotId), 303);
  }

  const user = (request: FastifyRequest, reply: FastifyReply, lang: Lang) => requireWorkspaceUser(request, reply, lang);

  // ---- The user's pilots -------------------------------------------------------------------------------------------

  app.get(base, { schema: { ...page, params: LangParams } }, async (request, reply) => {
    const { lang } = request.params;
    const actor = user(request, reply, lang);
    if (!actor) return reply;
    const [records, feed] = await Promise.all([pilots.listWorkspace(actor), pilots.feed(actor)]);
    const leads = await organisations.getOrganisations(records.map((p) => p.leadOrganisationId));
    const list = records.map((pilot) => ({
      pilot,
      leadName: leads.get(pilot.leadOrganisationId)?.name,
      roles: [...new Set(pilot.participants.filter((p) => p.organisationId in actor.roles).map((p) => p.role))],
    }));
    const canCreate = (await pilots.creatableOrganisations(actor)).length > 0;
    return sendHtml(reply, <WorkspacePilotsPage ctx={pageContext(lang, request, reply)} pilots={list} canCreate={canCreate} unread={feed.unread} />);
  });

  // ---- The feed and the digest -------------------------------------------------------------------------------------

  app.get(`${base}/feed`, { schema: { ...page, params: LangParams } }, async (request, reply) => {
    const { lang } = request.params;
    const actor = user(request, reply, lang);
    if (!actor) return reply;
    // Taken before reading: a change made while the page is built is still new at the next visit.
    const seenAt = new Date();
    const [{ items, unread }, settings] = await Promise.all([pilots.feed(actor), pilots.notificationSettings(actor)]);
    const { notice } = takeFlash(request, reply, actor.id);
    const html = renderToString(
      <FeedPage ctx={pageContext(lang, request, reply)} items={items} unread={unread} digest={digestOffered ? settings.digest : undefined} notice={notice} />,
    );
    // Marked read only once the page that shows the changes is rendered.
    await pilots.markFeedSeen(actor, seenAt);
    return reply.type("text/html; charset=utf-8").send(`<!doctype html>${html}`);
  });

  app.post(`${base}/feed/digest`, { schema: { ...page, params: LangParams } }, async (request, reply) => {
    const { lang } = request.params;
    const actor = user(request, reply, lang);
    if (!actor) return reply;
    if (!digestOffered) throw errors.notFound("page");
    const digest = text(bodyOf(request.body), "digest");
    await pilots.setDigest(actor, { digest }, lang);
    setFlash(reply, { notice: `pilots.feed.notices.${digest}`, userId: actor.id });
    return reply.redirect(`${workspacePilots(lang)}/feed`, 303);
  });

  // ---- The pilot ---------------------------------------------------------------------------------------------------

  async function renderPilotForm(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    actor: UserActor,
    form: { editing: Lang; values: PilotFormValues; problems: FormProblems; view?: PilotView },
  ) {
    const ctx = pageContext(lang, request, reply);
    const { editing, values, problems, view } = form;
    const posted = values.participants.map((p) => p.organisationId);
    if (view) {
      const choices = await pilotChoices(ctx, actor, [...view.pilot.participants.map((p) => p.organisationId), ...posted], view.pilot.leadOrganisationId, view.systems);
      const target = { kind: "edit" as const, pilot: view.pilot };
      return sendForm(reply, <PilotFormPage ctx={ctx} target={target} editing={editing} values={values} problems={problems} choices={choices} />, problems);
    }
    const leads = await leadChoices(ctx, actor);
    const choices = await pilotChoices(ctx, actor, [...leads.map((o) => o.id), ...posted]);
    const target = { kind: "new" as const, organisations: leads };
    return sendForm(reply, <PilotFormPage ctx={ctx} target={target} editing={editing} values={values} problems={problems} choices={choices} />, problems);
  }

  const emptyPilot = (organisationId?: string): PilotFormValues => ({
    organisationId,
    title: {},
    summary: {},
    tags: "",
    frame: { scope: {}, population: {}, dataSharingBasis: {}, safeguards: {}, exitCriteria: {}, supervisingAuthority: "" },
    participants: [],
    systems: [],
    contacts: [],
  });

  app.get(`${base}/new`, { schema: { ...page, params: LangParams, querystring: LanguageQuery } }, async (request, reply) => {
    const { lang } = request.params;
    const actor = user(request, reply, lang);
    if (!actor) return reply;
    const creatable = await pilots.creatableOrganisations(actor);
    const values = emptyPilot(creatable.length === 1 ? creatable[0] : undefined);
    return renderPilotForm(request, reply, lang, actor, { editing: request.query.language ?? lang, values, problems: noProblems });
  });

  app.post(`${base}/new`, { schema: { ...page, params: LangParams, querystring: LanguageQuery } }, async (request, reply) => {
    const { lang } = request.params;
    const actor = user(request, reply, lang);
    if (!actor) return reply;
    const editing = request.query.language ?? lang;
    const { values, input } = pilotFromForm(bodyOf(request.body), editing);
    try {
      const pilot = await pilots.createPilot(actor, values.organisationId ?? "", input);
      return savedAndShown(reply, actor, lang, pilot.id, "created");
    } catch (error) {
      if (!refusedInput(error)) throw error;
      const problems = problemsOf(error, pilotFields(editing, values.participants.length), { organisation: "organisationId" });
      return renderPilotForm(request, reply, lang, actor, { editing, values, problems });
    }
  });

  app.get(`${base}/:pilotId/edit`, { schema: { ...page, params: PilotParams, querystring: LanguageQuery } }, async (request, reply) => {
    const { lang, pilotId } = request.params;
    const actor = user(request, reply, lang);
    if (!actor) return reply;
    const view = await pilotFor(actor, pilotId, "edit", may("edit"));
    return renderPilotForm(request, reply, lang, actor, { editing: request.query.language ?? lang, values: pilotValues(view.pilot), problems: noProblems, view });
  });

  app.post(`${base}/:pilotId/edit`, { schema: { ...page, params: PilotParams, querystring: LanguageQuery } }, async (request, reply) => {
    const { lang, pilotId } = request.params;
    const actor = user(request, reply, lang);
    if (!actor) return reply;
    const view = await pilotFor(actor, pilotId, "edit", may("edit"));
    const editing = request.query.language ?? lang;
    const { values, input } = pilotFromForm(bodyOf(request.body), editing, view.pilot);
    try {
      await pilots.updatePilot(actor, pilotId, input);
      return savedAndShown(reply, actor, lang, pilotId, "saved");
    } catch (error) {
      if (!refusedInput(error)) throw error;
      const problems = problemsOf(error, pilotFields(editing, values.participants.length));
      return renderPilotForm(request, reply, lang, actor, { editing, values, problems, view });
    }
  });

  // ---- Its state ---------------------------------------------------------------------------------------------------

  const canChangeState = (view: PilotView) => view.nextStates.length > 0;

  app.get(`${base}/:pilotId/state`, { schema: { ...page, params: PilotParams, querystring: LanguageQuery } }, async (request, reply) => {
    const { lang, pilotId } = request.params;
    const actor = user(request, reply, lang);
    if (!actor) return reply;
    const view = await pilotFor(actor, pilotId, "change_state", canChangeState);
    const values = { to: view.nextStates.length === 1 ? view.nextStates[0] : undefined, reason: "", evaluation: "" };
    const form = <StateFormPage ctx={pageContext(lang, request, reply)} pilot={view.pilot} nextStates={view.nextStates} editing={request.query.language ?? lang} values={values} problems={noProblems} />;
    return sendHtml(reply, form);
  });

  app.post(`${base}/:pilotId/state`, { schema: { ...page, params: PilotParams, querystring: LanguageQuery } }, async (request, reply) => {
    const { lang, pilotId } = request.params;
    const actor = user(request, reply, lang);
    if (!actor) return reply;
    const view = await pilotFor(actor, pilotId, "change_state", canChangeState);
    const editing = request.query.language ?? lang;
    const { values, input } = transitionFromForm(bodyOf(request.body), editing);
    try {
      await pilots.changeState(actor, pilotId, input);
      return savedAndShown(reply, actor, lang, pilotId, "state_changed");
    } catch (error) {
      if (!refusedInput(error)) throw error;
      const problems = problemsOf(error, transitionFields);
      const form = <StateFormPage ctx={pageContext(lang, request, reply)} pilot={view.pilot} nextStates={view.nextStates} editing={editing} values={values} problems={problems} />;
      return sendForm(reply, form, problems);
    }
  });

  // ---- Milestones --------------------------------------------------------------------------------------------------

  function milestoneOf(view: PilotView, milestoneId: string) {
    const milestone = view.milestones.find((m) => m.id === milestoneId);
    if (!milestone) throw errors.notFound("page", milestoneId);
    return milestone;
  }

  app.get(`${base}/:pilotId/milestones/new`, { schema: { ...page, params: PilotParams } }, async (request, reply) => {
    const { lang, pilotId } = request.params;
    const actor = user(request, reply, lang);
    if (!actor) return reply;
    const view = await pilotFor(actor, pilotId, "edit", may("edit"));
    return sendHtml(reply, <MilestoneFormPage ctx={pageContext(lang, request, reply)} pilot={view.pilot} values={{ title: {} }} problems={noProblems} />);
  });

  app.get(`${base}/:pilotId/milestones/:milestoneId/edit`, { schema: { ...page, params: MilestoneParams } }, async (request, reply) => {
    const { lang, pilotId, milestoneId } = request.params;
    const actor = user(request, reply, lang);
    if (!actor) return reply;
    const view = await pilotFor(actor, pilotId, "edit", may("edit"));
    const values = milestoneValues(milestoneOf(view, milestoneId));
    return sendHtml(reply, <MilestoneFormPage ctx={pageContext(lang, request, reply)} pilot={view.pilot} milestoneId={milestoneId} values={values} problems={noProblems} />);
  });

  async function saveMilestone(request: FastifyRequest, reply: FastifyReply, lang: Lang, pilotId: string, milestoneId: string | null) {
    const actor = user(request, reply, lang);
    if (!actor) return reply;
    const view = await pilotFor(actor, pilotId, "edit", may("edit"));
    if (milestoneId) milestoneOf(view, milestoneId);
    const { values, input } = milestoneFromForm(bodyOf(request.body));
    try {
      await pilots.saveMilestone(actor, pilotId, milestoneId, input);
      return savedAndShown(reply, actor, lang, pilotId, "milestone_saved");
    } catch (error) {
      if (!refusedInput(error)) throw error;
      const problems = problemsOf(error, milestoneFields(lang));
      const form = <MilestoneFormPage ctx={pageContext(lang, request, reply)} pilot={view.pilot} milestoneId={milestoneId ?? undefined} values={values} problems={problems} />;
      return sendForm(reply, form, problems);
    }
  }

  app.post(`${base}/:pilotId/milestones/new`, { schema: { ...page, params: PilotParams } }, async (request, reply) =>
    saveMilestone(request, reply, request.params.lang, request.params.pilotId, null),
  );
  app.post(`${base}/:pilotId/milestones/:milestoneId/edit`, { schema: { ...page, params: MilestoneParams } }, async (request, reply) =>
    saveMilestone(request, reply, request.params.lang, request.params.pilotId, request.params.milestoneId),
  );

  // ---- Indicators --------------------------------------------------------------------------------------------------

  function indicatorOf(view: PilotView, indicatorId: string) {
    const indicator = view.indicators.find((i) => i.id === indicatorId);
    if (!indicator) throw new AppError("indicator_not_found", 404, { id: indicatorId });
    return indicator;
  }

  const emptyIndicator = { name: {}, unit: "", targets: { LU: { baseline: "", target: "" }, BE: { baseline: "", target: "" } } };

  app.get(`${base}/:pilotId/indicators/new`, { schema: { ...page, params: PilotParams } }, async (request, reply) => {
    const { lang, pilotId } = request.params;
    const actor = user(request, reply, lang);
    if (!actor) return reply;
    const view = await pilotFor(actor, pilotId, "edit", may("edit"));
    return sendHtml(reply, <IndicatorFormPage ctx={pageContext(lang, request, reply)} pilot={view.pilot} values={emptyIndicator} problems={noProblems} />);
  });

  app.get(`${base}/:pilotId/indicators/:indicatorId/edit`, { schema: { ...page, params: IndicatorParams } }, async (request, reply) => {
    const { lang, pilotId, indicatorId } = request.params;
    const actor = user(request, reply, lang);
    if (!actor) return reply;
    const view = await pilotFor(actor, pilotId, "edit", may("edit"));
    const values = indicatorValues(indicatorOf(view, indicatorId), lang);
    return sendHtml(reply, <IndicatorFormPage ctx={pageContext(lang, request, reply)} pilot={view.pilot} indicatorId={indicatorId} values={values} problems={noProblems} />);
  });

  async function saveIndicator(request: FastifyRequest, reply: FastifyReply, lang: Lang, pilotId: string, indicatorId: string | null) {
    const actor = user(request, reply, lang);
    if (!actor) return reply;
    const view = await pilotFor(actor, pilotId, "edit", may("edit"));
    if (indicatorId) indicatorOf(view, indicatorId);
    const { values, input } = indicatorFromForm(bodyOf(request.body));
    try {
      await pilots.saveIndicator(actor, pilotId, indicatorId, input);
      return savedAndShown(reply, actor, lang, pilotId, "indicator_saved");
    } catch (error) {
      if (!refusedInput(error)) throw error;
      const problems = problemsOf(error, indicatorFields(lang));
      const form = <IndicatorFormPage ctx={pageContext(lang, request, reply)} pilot={view.pilot} indicatorId={indicatorId ?? undefined} values={values} problems={problems} />;
      return sendForm(reply, form, problems);
    }
  }

  app.post(`${base}/:pilotId/indicators/new`, { schema: { ...page, params: PilotParams } }, async (request, reply) =>
    saveIndicator(request, reply, request.params.lang, request.params.pilotId, null),
  );
  app.post(`${base}/:pilotId/indicators/:indicatorId/edit`, { schema: { ...page, params: IndicatorParams } }, async (request, reply) =>
    saveIndicator(request, reply, request.params.lang, request.params.pilotId, request.params.indicatorId),
  );

  // ---- Measurements ------------------------------------------------------------------------------------------------

  async function contributors(view: PilotView) {
    const found = await organisations.getOrganisations(view.contributesAs);
    return view.contributesAs.flatMap((id) => {
      const o = found.get(id);
      return o ? [{ id, name: o.name, country: o.country }] : [];
    });
  }

  app.get(`${base}/:pilotId/measurements/new`, { schema: { ...page, params: PilotParams, querystring: MeasurementQuery } }, async (request, reply) => {
    const { lang, pilotId } = request.params;
    const actor = user(request, reply, lang);
    if (!actor) return reply;
    const view = await pilotFor(actor, pilotId, "measure", may("measure"));
    const ctx = pageContext(lang, request, reply);
    const organisationChoices = (await contributors(view)).map((o) => ({ ...o, name: localizedString(ctx, o.name) }));
    const values = { indicatorId: request.query.indicator, value: "", note: "" };
    return sendHtml(reply, <MeasurementFormPage ctx={ctx} pilot={view.pilot} indicators={view.indicators} organisations={organisationChoices} values={values} problems={noProblems} />);
  });

  app.post(`${base}/:pilotId/measurements/new`, { schema: { ...page, params: PilotParams } }, async (request, reply) => {
    const { lang, pilotId } = request.params;
    const actor = user(request, reply, lang);
    if (!actor) return reply;
    const view = await pilotFor(actor, pilotId, "measure", may("measure"));
    const { values, input } = measurementFromForm(bodyOf(request.body));
    try {
      await pilots.recordMeasurement(actor, pilotId, input);
      return savedAndShown(reply, actor, lang, pilotId, "measurement_recorded");
    } catch (error) {
      if (!refusedInput(error)) throw error;
      const ctx = pageContext(lang, request, reply);
      const organisationChoices = (await contributors(view)).map((o) => ({ ...o, name: localizedString(ctx, o.name) }));
      const problems = problemsOf(error, measurementFields);
      const form = <MeasurementFormPage ctx={ctx} pilot={view.pilot} indicators={view.indicators} organisations={organisationChoices} values={values} problems={problems} />;
      return sendForm(reply, form, problems);
    }
  });

  // ---- Lessons -----------------------------------------------------------------------------------------------------

  /** A lesson stays with the organisation that wrote it: only those who contribute for it edit it. */
  function lessonOf(view: PilotView, lessonId: string) {
    const lesson = view.lessons.find((l) => l.id === lessonId);
    if (!lesson) throw new AppError("lesson_not_found", 404, { id: lessonId });
    if (!view.contributesAs.includes(lesson.organisationId)) throw new AppError("pilot_action_refused", 403, { action: "write_lesson", state: view.pilot.state });
    return lesson;
  }

  async function renderLessonForm(request: FastifyRequest, reply: FastifyReply, lang: Lang, view: PilotView, form: { lessonId?: string; editing: Lang; values: ReturnType<typeof lessonValues>; problems: FormProblems }) {
    const ctx = pageContext(lang, request, reply);
    const organisationChoices = (await contributors(view)).map((o) => ({ id: o.id, name: localizedString(ctx, o.name) }));
    return sendForm(reply, <LessonFormPage ctx={ctx} pilot={view.pilot} organisations={organisationChoices} {...form} />, form.problems);
  }

  app.get(`${base}/:pilotId/lessons/new`, { schema: { ...page, params: PilotParams, querystring: LanguageQuery } }, async (request, reply) => {
    const { lang, pilotId } = request.params;
    const actor = user(request, reply, lang);
    if (!actor) return reply;
    const view = await pilotFor(actor, pilotId, "write_lesson", may("write_lesson"));
    const values = { title: {}, context: {}, whatWorked: {}, whatDidNot: {}, recommendation: {}, tags: "", sharing: view.pilot.sharing };
    return renderLessonForm(request, reply, lang, view, { editing: request.query.language ?? lang, values, problems: noProblems });
  });

  app.get(`${base}/:pilotId/lessons/:lessonId/edit`, { schema: { ...page, params: LessonParams, querystring: LanguageQuery } }, async (request, reply) => {
    const { lang, pilotId, lessonId } = request.params;
    const actor = user(request, reply, lang);
    if (!actor) return reply;
    const view = await pilotFor(actor, pilotId, "write_lesson", may("write_lesson"));
    const values = lessonValues(lessonOf(view, lessonId));
    return renderLessonForm(request, reply, lang, view, { lessonId, editing: request.query.language ?? lang, values, problems: noProblems });
  });

  async function saveLesson(request: FastifyRequest, reply: FastifyReply, lang: Lang, editing: Lang, pilotId: string, lessonId: string | null) {
    const actor = user(request, reply, lang);
    if (!actor) return reply;
    const view = await pilotFor(actor, pilotId, "write_lesson", may("write_lesson"));
    const stored = lessonId ? lessonOf(view, lessonId) : undefined;
    const { values, input } = lessonFromForm(bodyOf(request.body), editing, stored);
    try {
      await pilots.saveLesson(actor, pilotId, lessonId, input);
      return savedAndShown(reply, actor, lang, pilotId, "lesson_saved");
    } catch (error) {
      if (!refusedInput(error)) throw error;
      return renderLessonForm(request, reply, lang, view, { lessonId: lessonId ?? undefined, editing, values, problems: problemsOf(error, lessonFields(editing)) });
    }
  }

  app.post(`${base}/:pilotId/lessons/new`, { schema: { ...page, params: PilotParams, querystring: LanguageQuery } }, async (request, reply) =>
    saveLesson(request, reply, request.params.lang, request.query.language ?? request.params.lang, request.params.pilotId, null),
  );
  app.post(`${base}/:pilotId/lessons/:lessonId/edit`, { schema: { ...page, params: LessonParams, querystring: LanguageQuery } }, async (request, reply) =>
    saveLesson(request, reply, request.params.lang, request.query.language ?? request.params.lang, request.params.pilotId, request.params.lessonId),
  );
}
