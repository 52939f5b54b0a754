// The privacy domain in the platform: the workspace's dataset pages (the engine itself is used by the CLI too).
import type { AppScope } from "../../http/types.ts";
import type { Services } from "../../services.ts";
import { registerDatasetPages } from "./pages.tsx";

export function registerPrivacy(app: AppScope, services: Services) {
  registerDatasetPages(app, services);
}
