// JSON API of the practice library: search and read what the caller may read (anonymous callers the public items, a
// token or session the items its sharing levels allow), and share or change practices with a personal API token, with
// the forms' contracts and policy.
import { tokenWithWriteScope } from "../../http/auth.ts";
import type { AppScope } from "../../http/types.ts";
import type { Services } from "../../services.ts";
import { ProblemOut } from "../systems/schema.ts";
import { present, presentListed } from "./present.ts";
import { NewPractice, PracticeIdParams, PracticeInput, PracticeListOut, PracticeListQuery, PracticeOut } from "./schema.ts";

const writeErrorsOut = { 400: ProblemOut, 401: ProblemOut, 403: ProblemOut, 404: ProblemOut, 413: ProblemOut, 415: ProblemOut };
const bearer = [{ bearer: [] }];

export function registerExchangeApi(app: AppScope, { exchange }: Services) {
  app.get(
    "/api/v1/practices",
    {
      schema: {
        tags: ["practices"],
        summary: "Search the practice library",
        description:
          "Practices, guides and templates shared by the administrations, found by the stemmed words of their text in French, Dutch, German or English. Anonymous callers get public items; a signed-in official (token or session) also those shared with the partner administrations and their own organisations' items.",
        querystring: PracticeListQuery,
        security: [{}, { bearer: [] }],
        response: { 200: PracticeListOut, 400: ProblemOut, 401: ProblemOut },
      },
    },
    async (request) => {
      const lang = request.query.lang ?? "en";
      const result = await exchange.searchPractices(request.actor, request.query, lang);
      return { ...result, items: result.items.map((p) => presentListed(p, lang)) };
    },
  );

  app.get(
    "/api/v1/practices/:id",
    {
      schema: {
        tags: ["practices"],
        summary: "Get a practice, guide or template",
        description: "Answered 404 when the caller may not read it.",
        params: PracticeIdParams,
        security: [{}, { bearer: [] }],
        response: { 200: PracticeOut, 400: ProblemOut, 401: ProblemOut, 404: ProblemOut },
      },
    },
    async (request) => present(await exchange.getPractice(request.actor, request.params.id)),
  );

  app.post(
    "/api/v1/practices",
    {
      preValidation: tokenWithWriteScope,
      schema: {
        tags: ["practices"],
        summary: "Share a practice, guide or template of one of your organisations",
        description: "Needs the editor or organisation administrator role in the organisation.",
        security: bearer,
        body: NewPractice,
        response: { 201: PracticeOut, ...writeErrorsOut },
      },
    },
    async (request, reply) => {
      const created = await exchange.createPractice(request.actor, request.body);
      return reply.status(201).header("location", `/api/v1/practices/${created.id}`).send(present(created));
    },
  );

  app.put(
    "/api/v1/practices/:id",
    {
      preValidation: tokenWithWriteScope,
      schema: {
        tags: ["practices"],
        summary: "Replace what a practice says",
        description: "Editors and organisation administrators of the organisation that shares it; its organisation does not change.",
        security: bearer,
        params: PracticeIdParams,
        body: PracticeInput,
        response: { 200: PracticeOut, ...writeErrorsOut },
      },
    },
    async (request) => present(await exchange.updatePractice(request.actor, request.params.id, request.body)),
  );
}
