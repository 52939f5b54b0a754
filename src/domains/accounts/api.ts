// JSON API of organisations.
import { z } from "zod";
import type { AppScope } from "../../http/types.ts";
import type { Services } from "../../services.ts";
import { OrganisationOut, ProblemOut } from "../systems/schema.ts";
import { OrganisationParams } from "./schema.ts";

const OrganisationWithCount = OrganisationOut.extend({ publicSystems: z.number().int() });

export function registerAccountsApi(app: AppScope, { organisations }: Services) {
  app.get(
    "/api/v1/organisations",
    {
      schema: {
        tags: ["organisations"],
        summary: "List the organisations, with how many systems each has in the public register",
        response: { 200: z.object({ items: z.array(OrganisationWithCount) }) },
      },
    },
    async () => ({ items: await organisations.listOrganisations() }),
  );

  app.get(
    "/api/v1/organisations/:id",
    {
      schema: {
        tags: ["organisations"],
        summary: "Get an organisation; its systems are listed by /api/v1/systems?organisation={id}",
        params: OrganisationParams,
        response: { 200: OrganisationOut, 404: ProblemOut },
      },
    },
    async (request) => organisations.getOrganisation(request.params.id),
  );
}
