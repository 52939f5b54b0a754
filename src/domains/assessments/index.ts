// The assessments domain: risk and impact assessments of register records, filled in and reviewed in the workspace.
import type { AppScope } from "../../http/types.ts";
import type { Services } from "../../services.ts";
import { registerAssessmentsApi } from "./api.ts";
import { registerAssessmentPages } from "./pages.tsx";

export function registerAssessments(app: AppScope, services: Services) {
  registerAssessmentsApi(app, services);
  registerAssessmentPages(app, services);
}
