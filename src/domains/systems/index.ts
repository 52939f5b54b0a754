// The register domain: its JSON API and its public pages.
import type { AppScope } from "../../http/types.ts";
import type { Services } from "../../services.ts";
import { registerSystemsApi } from "./api.ts";
import { registerSystemsPages } from "./pages.tsx";

export function registerSystems(app: AppScope, services: Services) {
  registerSystemsApi(app, services);
  registerSystemsPages(app, services);
}
