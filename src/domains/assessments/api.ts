// JSON API of assessments: the approved assessments of a published record (public), and one response as the
// document the workspace exports (for members of its organisation, with a token or a session).
import { z } from "zod";
import { AppError } from "../../http/errors.ts";
import type { AppScope } from "../../http/types.ts";
import type { Services } from "../../services.ts";
import { localized, ProblemOut, SystemIdParams } from "../systems/schema.ts";
import { AssessmentDocument } from "./export.ts";

const text = localized();
const ApprovedAssessmentOut = z.object({
  id: z.uuid(),
  instrument: z.object({ id: z.string(), version: z.string(), hash: z.string(), title: text, kind: z.string().optional() }),
  outcome: z.object({ code: z.string(), label: text, explanation: text }),
  approvedAt: z.iso.datetime(),
});

export function registerAssessmentsApi(app: AppScope, { systems, assessments }: Services) {
  app.get(
    "/api/v1/systems/:id/assessments",
    {
      schema: {
        tags: ["assessments"],
        summary: "Approved assessments of a published record",
        description: "Each assessment approved in the workspace: its instrument and version, its outcome with the explanation, and when it was approved.",
        params: SystemIdParams,
        response: { 200: z.object({ items: z.array(ApprovedAssessmentOut) }), 404: ProblemOut },
      },
    },
    async (request) => {
      const id = await systems.resolvePublicId(request.params.id);
      await systems.getPublishedSystem(id);
      const items = await assessments.approvedForSystem(id);
      return { items: items.map((a) => ({ ...a, approvedAt: a.approvedAt.toISOString() })) };
    },
  );

  app.get(
    "/api/v1/assessments/:rid",
    {
      schema: {
        tags: ["assessments"],
        summary: "One assessment, as a document",
        description: "The answers, notes, state and result of a response, as the workspace exports it (members of the record's organisation only).",
        params: z.object({ rid: z.uuid() }),
        security: [{ bearer: [] }],
        response: { 200: AssessmentDocument, 401: ProblemOut, 404: ProblemOut },
      },
    },
    async (request) => {
      if (request.actor.kind !== "user") throw new AppError("api_token_required", 401);
      return assessments.exportAssessment(request.actor, request.params.rid);
    },
  );
}
