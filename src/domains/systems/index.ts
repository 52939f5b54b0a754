// The register domain: its JSON API, its public pages and the workspace where officials edit and review records.
import type { AppScope } from "../../http/types.ts";
import type { Services } from "../../services.ts";
import { registerSystemsApi } from "./api.ts";
import { registerSystemsPages } from "./pages.tsx";
import { registerWorkspacePages } from "./workspace-pages.tsx";

export function registerSystems(app: AppScope, services: Services) {
  registerSystemsApi(app, services);
  registerSystemsPages(app, services);
  registerWorkspacePages(app, services);
}
