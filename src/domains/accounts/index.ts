// The accounts domain: organisations, people and their sign-in, roles and API tokens.
import type { AppScope } from "../../http/types.ts";
import type { Services } from "../../services.ts";
import { registerAccountPages } from "./account-pages.tsx";
import { registerAccountsApi } from "./api.ts";
import { registerOidc } from "./oidc.ts";
import { registerAccountsPages } from "./pages.tsx";
import { registerSignInPages } from "./sign-in-pages.tsx";

export function registerAccounts(app: AppScope, services: Services) {
  registerAccountsApi(app, services);
  registerAccountsPages(app, services);
  registerSignInPages(app, services);
  registerAccountPages(app, services);
  registerOidc(app, services);
}
