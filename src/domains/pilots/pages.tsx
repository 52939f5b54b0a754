// The pilots' public pages under /{lang}/pilots: the list of the pilots a reader may see, and a pilot's page with its
// KPIs, lessons and what the other country did. Anonymous readers see public pilots only; the service decides.
import { z } from "zod";
import { takeFlash } from "../../http/flash.ts";
import { sendHtml } from "../../http/render.ts";
import type { AppScope } from "../../http/types.ts";
import { languages } from "../../i18n/languages.ts";
import type { Services } from "../../services.ts";
import { pageContext } from "../../web/context.ts";
import { PILOT_PAGE_SIZE, PilotFilters } from "./schema.ts";
import { PilotListPage } from "./views/list.tsx";
import { PilotPage } from "./views/pilot.tsx";

const Lang = z.enum(languages);
const page = { hide: true } as const;
/** How many pilots and practices of the other country a pilot's page offers. */
const OTHER_COUNTRY_LIMIT = 5;

export function registerPilotPages(app: AppScope, { pilots, exchange, organisations }: Services) {
  app.get("/:lang/pilots", { schema: { ...page, params: z.object({ lang: Lang }), querystring: PilotFilters } }, async (request, reply) => {
    const { lang } = request.params;
    const { page: number, ...filters } = request.query;
    const { rows, total } = await pilots.listPilots(request.actor, { ...filters, offset: (number - 1) * PILOT_PAGE_SIZE, limit: PILOT_PAGE_SIZE });
    const names = await organisations.getOrganisations(rows.flatMap((p) => p.participants.map((x) => x.organisationId)));
    const result = { rows, total, pageSize: PILOT_PAGE_SIZE, pageCount: Math.max(1, Math.ceil(total / PILOT_PAGE_SIZE)) };
    return sendHtml(reply, <PilotListPage ctx={pageContext(lang, request, reply)} filters={request.query} result={result} organisations={names} />);
  });

  app.get("/:lang/pilots/:pilotId", { schema: { ...page, params: z.object({ lang: Lang, pilotId: z.uuid() }) } }, async (request, reply) => {
    const { lang, pilotId } = request.params;
    const { actor } = request;
    const view = await pilots.getPilot(actor, pilotId);
    const otherCountry = await pilots.otherCountryOf(view.pilot);
    const [comparable, practices] = await Promise.all([
      pilots.comparablePilots(actor, view.pilot, OTHER_COUNTRY_LIMIT),
      exchange.listComparablePractices(actor, { country: otherCountry, sector: view.pilot.sector, tags: view.pilot.tags }, OTHER_COUNTRY_LIMIT),
    ]);
    const names = await organisations.getOrganisations([
      ...view.pilot.participants.map((p) => p.organisationId),
      ...view.contacts.map((c) => c.organisationId),
      ...view.lessons.map((l) => l.organisationId),
      ...comparable.map((c) => c.pilot.leadOrganisationId),
    ]);
    const { notice } = takeFlash(request, reply, actor.kind === "user" ? actor.id : undefined);
    return sendHtml(
      reply,
      <PilotPage
        ctx={pageContext(lang, request, reply)}
        view={view}
        organisations={names}
        otherCountry={otherCountry}
        comparable={comparable}
        practices={practices}
        notice={notice}
        today={new Date().toISOString().slice(0, 10)}
      />,
    );
  });
}
