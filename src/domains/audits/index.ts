// The audits domain: bias audits of the decisions a register record's system made, run as background jobs.
import type { AppScope } from "../../http/types.ts";
import type { Services } from "../../services.ts";
import { registerAuditsApi } from "./api.ts";
import { registerAuditPages } from "./pages.tsx";

export function registerAudits(app: AppScope, services: Services) {
  registerAuditsApi(app, services);
  registerAuditPages(app, services);
}
