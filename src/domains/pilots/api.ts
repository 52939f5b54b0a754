// JSON API of joint pilots: list and read what the caller may read (anonymous callers the public pilots, a signed-in
// official those shared with the partner administrations and their own), and, with a personal API token, propose and
// edit pilots, move them through their states, define indicators, record measurements, write lessons and milestones.
import { tokenWithWriteScope } from "../../http/auth.ts";
import type { Actor } from "../../http/actor.ts";
import type { AppScope } from "../../http/types.ts";
import type { Services } from "../../services.ts";
import { ProblemOut } from "../systems/schema.ts";
import { IndicatorOut, LessonOut, MeasurementOut, MilestoneOut, PilotListOut, PilotOut, presentIndicator, presentLesson, presentListedPilot, presentMeasurement, presentMilestone, presentPilot } from "./present.ts";
import type { PilotRecord } from "./repo.ts";
import { IndicatorInput, MeasurementInput, MilestoneInput, NewLesson, NewPilot, PILOT_PAGE_SIZE, PilotFilters, PilotIdParams, PilotInput, PilotTransition } from "./schema.ts";

const writeErrorsOut = { 400: ProblemOut, 401: ProblemOut, 403: ProblemOut, 404: ProblemOut, 409: ProblemOut, 413: ProblemOut, 415: ProblemOut };
const bearer = [{ bearer: [] }];
const tags = ["pilots"];

export function registerPilotsApi(app: AppScope, { pilots, organisations }: Services) {
  const organisationsOf = (list: PilotRecord[]) => organisations.getOrganisations(list.flatMap((p) => p.participants.map((x) => x.organisationId)));

  /** The pilot as the caller now sees it: after a write, the whole record with the actions still open to them. */
  async function pilotOut(actor: Actor, id: string) {
    const view = await pilots.getPilot(actor, id);
    return presentPilot(view, await organisationsOf([view.pilot]));
  }

  app.get(
    "/api/v1/pilots",
    {
      schema: {
        tags,
        summary: "List joint pilots",
        description:
          "Joint pilots of the Luxembourg and Belgian administrations, newest first, 20 a page; `country` is the lead organisation's. Anonymous callers get public pilots; a signed-in official (token or session) also those shared with the partner administrations and their own organisations' pilots.",
        querystring: PilotFilters,
        security: [{}, { bearer: [] }],
        response: { 200: PilotListOut, 400: ProblemOut, 401: ProblemOut },
      },
    },
    async (request) => {
      const { page, ...filters } = request.query;
      const { rows, total } = await pilots.listPilots(request.actor, { ...filters, offset: (page - 1) * PILOT_PAGE_SIZE, limit: PILOT_PAGE_SIZE });
      const names = await organisationsOf(rows);
      return {
        total,
        page,
        pageSize: PILOT_PAGE_SIZE,
        pageCount: Math.max(1, Math.ceil(total / PILOT_PAGE_SIZE)),
        items: rows.map((p) => presentListedPilot(p, names)),
      };
    },
  );

  app.get(
    "/api/v1/pilots/:pilotId",
    {
      schema: {
        tags,
        summary: "Get a pilot with its frame, indicators, measurements, milestones and lessons",
        description: "Answered 404 when the caller may not read it. Lessons are those the caller may read.",
        params: PilotIdParams,
        security: [{}, { bearer: [] }],
        response: { 200: PilotOut, 400: ProblemOut, 401: ProblemOut, 404: ProblemOut },
      },
    },
    async (request) => pilotOut(request.actor, request.params.pilotId),
  );

  app.post(
    "/api/v1/pilots",
    {
      preValidation: tokenWithWriteScope,
      schema: {
        tags,
        summary: "Propose a pilot led by one of your organisations",
        description: "Needs the editor or organisation administrator role in the lead organisation. The pilot starts as proposed.",
        security: bearer,
        body: NewPilot,
        response: { 201: PilotOut, ...writeErrorsOut },
      },
    },
    async (request, reply) => {
      const { leadOrganisationId, ...input } = request.body;
      const created = await pilots.createPilot(request.actor, leadOrganisationId, input);
      return reply
        .status(201)
        .header("location", `/api/v1/pilots/${created.id}`)
        .send(await pilotOut(request.actor, created.id));
    },
  );

  app.put(
    "/api/v1/pilots/:pilotId",
    {
      preValidation: tokenWithWriteScope,
      schema: {
        tags,
        summary: "Replace what a pilot says: texts, frame, dates, sharing, participants, systems and contacts",
        description: "Editors and organisation administrators of the lead organisation, until the pilot is evaluated.",
        security: bearer,
        params: PilotIdParams,
        body: PilotInput,
        response: { 200: PilotOut, ...writeErrorsOut },
      },
    },
    async (request) => {
      await pilots.updatePilot(request.actor, request.params.pilotId, request.body);
      return pilotOut(request.actor, request.params.pilotId);
    },
  );

  app.post(
    "/api/v1/pilots/:pilotId/state",
    {
      preValidation: tokenWithWriteScope,
      schema: {
        tags,
        summary: "Move a pilot to its next state",
        description:
          "proposed → approved (a reviewer of the lead who did not write it; needs a participant from each country) → running → evaluated (with the outcomes) → scaled_up, or stopped at any point before; scaling up and stopping need the reason. Answered 409 when the pilot is not in a state that leads there.",
        security: bearer,
        params: PilotIdParams,
        body: PilotTransition,
        response: { 200: PilotOut, ...writeErrorsOut },
      },
    },
    async (request) => {
      await pilots.changeState(request.actor, request.params.pilotId, request.body);
      return pilotOut(request.actor, request.params.pilotId);
    },
  );

  app.post(
    "/api/v1/pilots/:pilotId/milestones",
    {
      preValidation: tokenWithWriteScope,
      schema: {
        tags,
        summary: "Add a milestone to a pilot",
        description: "Editors and organisation administrators of the lead organisation, until the pilot is evaluated.",
        security: bearer,
        params: PilotIdParams,
        body: MilestoneInput,
        response: { 201: MilestoneOut, ...writeErrorsOut },
      },
    },
    async (request, reply) => {
      const saved = await pilots.saveMilestone(request.actor, request.params.pilotId, null, request.body);
      return reply.status(201).header("location", `/api/v1/pilots/${request.params.pilotId}`).send(presentMilestone(saved));
    },
  );

  app.post(
    "/api/v1/pilots/:pilotId/indicators",
    {
      preValidation: tokenWithWriteScope,
      schema: {
        tags,
        summary: "Define an indicator (KPI) of a pilot, with its baseline and target per country",
        description: "Editors and organisation administrators of the lead organisation, until the pilot is evaluated.",
        security: bearer,
        params: PilotIdParams,
        body: IndicatorInput,
        response: { 201: IndicatorOut, ...writeErrorsOut },
      },
    },
    async (request, reply) => {
      const saved = await pilots.saveIndicator(request.actor, request.params.pilotId, null, request.body);
      return reply.status(201).header("location", `/api/v1/pilots/${request.params.pilotId}`).send(presentIndicator(saved));
    },
  );

  app.post(
    "/api/v1/pilots/:pilotId/measurements",
    {
      preValidation: tokenWithWriteScope,
      schema: {
        tags,
        summary: "Record a measurement of an indicator",
        description:
          "Editors and organisation administrators of the lead or a partner organisation, once the pilot is approved and while it runs. The measurement is for the country of the organisation recorded for (`organisationId` when the caller contributes for more than one).",
        security: bearer,
        params: PilotIdParams,
        body: MeasurementInput,
        response: { 201: MeasurementOut, ...writeErrorsOut },
      },
    },
    async (request, reply) => {
      const saved = await pilots.recordMeasurement(request.actor, request.params.pilotId, request.body);
      return reply.status(201).header("location", `/api/v1/pilots/${request.params.pilotId}`).send(presentMeasurement(saved));
    },
  );

  app.post(
    "/api/v1/pilots/:pilotId/lessons",
    {
      preValidation: tokenWithWriteScope,
      schema: {
        tags,
        summary: "Write a lesson learned in a pilot",
        description:
          "Editors and organisation administrators of the lead or a partner organisation, from approval on. A lesson is never more visible than its pilot, whatever its own sharing level.",
        security: bearer,
        params: PilotIdParams,
        body: NewLesson,
        response: { 201: LessonOut, ...writeErrorsOut },
      },
    },
    async (request, reply) => {
      const saved = await pilots.saveLesson(request.actor, request.params.pilotId, null, request.body);
      return reply.status(201).header("location", `/api/v1/pilots/${request.params.pilotId}`).send(presentLesson(saved));
    },
  );
}
