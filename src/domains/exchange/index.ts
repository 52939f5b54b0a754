// The knowledge exchange in the platform: the practice library's JSON API and pages, the network directory with each
// person's listing and consent, and the network's events.
import type { AppScope } from "../../http/types.ts";
import type { Services } from "../../services.ts";
import { registerExchangeApi } from "./api.ts";
import { registerEventPages } from "./event-pages.tsx";
import { registerNetworkPages } from "./network-pages.tsx";
import { registerPracticePages } from "./practice-pages.tsx";

export function registerExchange(app: AppScope, services: Services) {
  registerExchangeApi(app, services);
  registerPracticePages(app, services);
  registerNetworkPages(app, services);
  registerEventPages(app, services);
}
