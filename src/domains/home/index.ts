// The home pages: language negotiation at the root and each language's front page.
import type { AppScope } from "../../http/types.ts";
import type { Services } from "../../services.ts";
import { registerHomePages } from "./pages.tsx";

export function registerHome(app: AppScope, services: Services) {
  registerHomePages(app, services);
}
