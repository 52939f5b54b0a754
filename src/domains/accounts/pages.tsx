// Public HTML pages of organisations under /{lang}/organisations.
import { z } from "zod";
import { sendHtml } from "../../http/render.ts";
import type { AppScope } from "../../http/types.ts";
import { languages } from "../../i18n/languages.ts";
import type { Services } from "../../services.ts";
import { localizedString } from "../../web/components/localized.tsx";
import { pageContext } from "../../web/context.ts";
import { SystemListQuery } from "../systems/schema.ts";
import { SystemListPage } from "../systems/views/list.tsx";
import { OrganisationFacts } from "./views/intro.tsx";
import { OrganisationListPage } from "./views/list.tsx";

const Lang = z.enum(languages);

export function registerAccountsPages(app: AppScope, { organisations, systems }: Services) {
  app.get(
    "/:lang/organisations",
    { schema: { hide: true, params: z.object({ lang: Lang }) } },
    async (request, reply) => {
      const ctx = pageContext(request.params.lang, request, reply);
      return sendHtml(reply, <OrganisationListPage ctx={ctx} organisations={await organisations.listOrganisations()} />);
    },
  );

  app.get(
    "/:lang/organisations/:id",
    {
      schema: {
        hide: true,
        params: z.object({ lang: Lang, id: z.string().max(64) }),
        querystring: SystemListQuery.omit({ lang: true, pageSize: true, organisation: true }),
      },
    },
    async (request, reply) => {
      const { lang, id } = request.params;
      const ctx = pageContext(lang, request, reply);
      const organisation = await organisations.getOrganisation(id);
      const query = { ...request.query, organisation: id, pageSize: 20 };
      const result = await systems.searchSystems(query, lang);
      return sendHtml(
        reply,
        <SystemListPage
          ctx={ctx}
          query={query}
          result={result}
          organisationNames={{ [id]: localizedString(ctx, organisation.name) }}
          action={`/${lang}/organisations/${id}`}
          title={localizedString(ctx, organisation.name)}
          intro={<OrganisationFacts ctx={ctx} organisation={organisation} />}
        />,
      );
    },
  );
}
