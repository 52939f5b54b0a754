// Public HTML pages of the register under /{lang}/systems.
import { z } from "zod";
import { sendHtml } from "../../http/render.ts";
import type { AppScope } from "../../http/types.ts";
import { languages } from "../../i18n/languages.ts";
import type { Services } from "../../services.ts";
import { localizedString } from "../../web/components/localized.tsx";
import { pageContext } from "../../web/context.ts";
import { DiffQuery, SystemListQuery, VersionNumber } from "./schema.ts";
import { DiffPage } from "./views/diff.tsx";
import { HistoryPage } from "./views/history.tsx";
import { SystemDetailPage } from "./views/detail.tsx";
import { SystemListPage } from "./views/list.tsx";

const Lang = z.enum(languages);
const page = { hide: true } as const;

export function registerSystemsPages(app: AppScope, { systems, assessments, audits }: Services) {
  app.get(
    "/:lang/systems",
    { schema: { ...page, params: z.object({ lang: Lang }), querystring: SystemListQuery.omit({ lang: true, pageSize: true }) } },
    async (request, reply) => {
      const { lang } = request.params;
      const ctx = pageContext(lang, request, reply);
      const query = { ...request.query, pageSize: 20 };
      const result = await systems.searchSystems(query, lang);
      const names = Object.fromEntries(result.facets.organisation.map((f) => [f.value, localizedString(ctx, f.name)]));
      return sendHtml(reply, <SystemListPage ctx={ctx} query={query} result={result} organisationNames={names} />);
    },
  );

  app.get(
    "/:lang/systems/:id",
    { schema: { ...page, params: z.object({ lang: Lang, id: z.string().max(64) }) } },
    async (request, reply) => {
      const { lang } = request.params;
      const id = await systems.resolvePublicId(request.params.id);
      if (id !== request.params.id) return reply.redirect(`/${lang}/systems/${id}`, 301);
      const system = await systems.getPublishedSystem(id);
      const approved = (await assessments.approvedForSystem(id)).map((a) => ({
        title: a.instrument.title,
        version: a.instrument.version,
        outcome: a.outcome.label,
        explanation: a.outcome.explanation,
        approvedAt: a.approvedAt,
      }));
      const publishedAudits = (await audits.listPublished(id)).map((a) => ({ id: a.id, title: a.title, publishedAt: a.publishedAt!, decisions: a.stats?.rows ?? 0 }));
      return sendHtml(
        reply,
        <SystemDetailPage ctx={pageContext(lang, request, reply)} system={system} latestVersion={system.version} approvedAssessments={approved} publishedAudits={publishedAudits} />,
      );
    },
  );

  app.get(
    "/:lang/systems/:id/versions/:version",
    { schema: { ...page, params: z.object({ lang: Lang, id: z.string().max(64), version: VersionNumber }) } },
    async (request, reply) => {
      const { lang, version } = request.params;
      const id = await systems.resolvePublicId(request.params.id);
      const latest = await systems.getPublishedSystem(id);
      const system = await systems.getPublishedSystem(id, version);
      return sendHtml(reply, <SystemDetailPage ctx={pageContext(lang, request, reply)} system={system} latestVersion={latest.version} />);
    },
  );

  app.get(
    "/:lang/systems/:id/history",
    { schema: { ...page, params: z.object({ lang: Lang, id: z.string().max(64) }) } },
    async (request, reply) => {
      const { lang } = request.params;
      const id = await systems.resolvePublicId(request.params.id);
      const versions = await systems.listVersions(id);
      const latest = await systems.getPublishedSystem(id);
      return sendHtml(reply, <HistoryPage ctx={pageContext(lang, request, reply)} id={id} name={latest.record.name} versions={versions} />);
    },
  );

  app.get(
    "/:lang/systems/:id/diff",
    { schema: { ...page, params: z.object({ lang: Lang, id: z.string().max(64) }), querystring: DiffQuery } },
    async (request, reply) => {
      const { lang } = request.params;
      const id = await systems.resolvePublicId(request.params.id);
      const { from, to, changes } = await systems.diffVersions(id, request.query.from, request.query.to);
      return sendHtml(reply, <DiffPage ctx={pageContext(lang, request, reply)} from={from} to={to} changes={changes} />);
    },
  );
}
