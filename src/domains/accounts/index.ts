// The accounts domain: organisations now; users, roles and tokens with issue 3.
import type { AppScope } from "../../http/types.ts";
import type { Services } from "../../services.ts";
import { registerAccountsApi } from "./api.ts";
import { registerAccountsPages } from "./pages.tsx";

export function registerAccounts(app: AppScope, services: Services) {
  registerAccountsApi(app, services);
  registerAccountsPages(app, services);
}
