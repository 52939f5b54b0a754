// The audit-trail pages for administrators: /{lang}/admin/audit-log, by organisation or by record.
import { z } from "zod";
import { requirePageUser } from "../http/auth.ts";
import { sendHtml } from "../http/render.ts";
import type { AppScope } from "../http/types.ts";
import { languages } from "../i18n/languages.ts";
import type { Services } from "../services.ts";
import { localizedString } from "../web/components/localized.tsx";
import { pageContext } from "../web/context.ts";
import { AuditLogPage } from "./views/audit-log.tsx";

const PAGE_SIZE = 50;

export function registerAuditLogPages(app: AppScope, { auditLog, organisations }: Services) {
  app.get(
    "/:lang/admin/audit-log",
    {
      schema: {
        hide: true,
        params: z.object({ lang: z.enum(languages) }),
        querystring: z.object({
          organisation: z.string().max(64).optional(),
          system: z.string().max(64).optional(),
          page: z.coerce.number().int().min(1).max(100000).default(1),
        }),
      },
    },
    async (request, reply) => {
      const { lang } = request.params;
      const user = requirePageUser(request, reply, lang);
      if (!user) return reply;
      const ctx = pageContext(lang, request, reply);
      const readable = (await organisations.listOrganisations()).filter((o) => auditLog.mayRead(user, o.id));
      const { organisation, system, page } = request.query;
      // An organisation's administrator lands on their organisation's log.
      const organisationId = organisation || (auditLog.mayRead(user) ? undefined : readable[0]?.id);
      const { total, items } = await auditLog.listEvents(user, {
        organisationId: system ? undefined : organisationId,
        systemId: system,
        page,
        pageSize: PAGE_SIZE,
      });
      return sendHtml(
        reply,
        <AuditLogPage
          ctx={ctx}
          items={items}
          total={total}
          page={page}
          pageCount={Math.max(1, Math.ceil(total / PAGE_SIZE))}
          organisations={readable.map((o) => ({ id: o.id, name: localizedString(ctx, o.name) }))}
          organisationId={system ? undefined : organisationId}
          systemId={system}
        />,
      );
    },
  );
}
