// Joint pilots in the platform: the JSON API, the public pages under /{lang}/pilots, and the workspace where
// participants write pilots, their KPIs and lessons, and follow what changed.
import type { AppScope } from "../../http/types.ts";
import type { Services } from "../../services.ts";
import { registerPilotsApi } from "./api.ts";
import { registerPilotPages } from "./pages.tsx";
import { registerPilotWorkspacePages } from "./workspace-pages.tsx";

export function registerPilots(app: AppScope, services: Services) {
  registerPilotsApi(app, services);
  registerPilotPages(app, services);
  registerPilotWorkspacePages(app, services);
}
