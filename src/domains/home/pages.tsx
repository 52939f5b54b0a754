// The root (which picks a language) and each language's home page.
import { z } from "zod";
import { sendHtml } from "../../http/render.ts";
import type { AppScope } from "../../http/types.ts";
import { negotiateLanguage } from "../../i18n/index.ts";
import { languages } from "../../i18n/languages.ts";
import type { Services } from "../../services.ts";
import { pageContext } from "../../web/context.ts";
import { HomePage } from "./views/home.tsx";

export function registerHomePages(app: AppScope, { systems }: Services) {
  app.get("/", { schema: { hide: true } }, async (request, reply) => {
    const lang = negotiateLanguage(request.headers["accept-language"]);
    return reply.header("vary", "Accept-Language").redirect(`/${lang}/`, 303);
  });

  app.get("/:lang", { schema: { hide: true, params: z.object({ lang: z.enum(languages) }) } }, async (request, reply) => {
    const { lang } = request.params;
    const [stats, result] = await Promise.all([
      systems.statistics(),
      systems.searchSystems({ page: 1, pageSize: 1 }, lang),
    ]);
    return sendHtml(reply, <HomePage ctx={pageContext(lang, request, reply)} stats={stats} facets={result.facets} />);
  });

  // A cheap route for load balancers, and the floor of the HTTP benchmark.
  app.get("/healthz", { schema: { hide: true } }, async () => ({ status: "ok" }));
}
