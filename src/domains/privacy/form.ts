// The dataset page's operator form as a pseudonymisation configuration, and back: one choice per column, plus the
// pseudonymisation domain. Columns left as they are do not appear in the configuration.
import { directIdentifiers, type ColumnRule, type EntityId, type PseudonymisationConfig, type ScanResult } from "./schema.ts";

export const operatorChoices = [
  "keep",
  "hmac",
  "aes_siv",
  "mask",
  "generalise_month",
  "generalise_year",
  "generalise_age_band",
  "generalise_region_be",
  "generalise_region_lu",
  "suppress",
] as const;
export type OperatorChoice = (typeof operatorChoices)[number];

export const fieldOf = (index: number) => `op_${index}`;

/** What the page proposes for each column before the user chooses. */
export function suggestedChoices(scan: ScanResult, hasKey: boolean): OperatorChoice[] {
  return scan.columns.map((column) => {
    if (column.entity && directIdentifiers.has(column.entity)) return hasKey ? "hmac" : "suppress";
    if (column.entity === "postcode") return "generalise_region_be";
    return "keep";
  });
}

function ruleOf(name: string, choice: OperatorChoice, entity: EntityId | null): unknown {
  const withEntity = entity ? { entity } : {};
  switch (choice) {
    case "keep":
      return undefined;
    case "hmac":
    case "aes_siv":
    case "mask":
      return { name, operator: choice, ...withEntity };
    case "generalise_month":
      return { name, operator: "generalise", to: "month" };
    case "generalise_year":
      return { name, operator: "generalise", to: "year" };
    case "generalise_age_band":
      return { name, operator: "generalise", to: "age_band" };
    case "generalise_region_be":
      return { name, operator: "generalise", to: "region", country: "BE" };
    case "generalise_region_lu":
      return { name, operator: "generalise", to: "region", country: "LU" };
    case "suppress":
      return { name, operator: "suppress" };
  }
}

/** The form's choices (unknown ones count as "keep") and the configuration they make, unvalidated. */
export function configFromForm(scan: ScanResult, body: unknown): { domain: string; choices: OperatorChoice[]; config: unknown } {
  const form = (body ?? {}) as Record<string, unknown>;
  const choices = scan.columns.map((_, index) => {
    const value = form[fieldOf(index)];
    return (operatorChoices as readonly unknown[]).includes(value) ? (value as OperatorChoice) : "keep";
  });
  const domain = typeof form.domain === "string" ? form.domain : "";
  const columns = scan.columns.map((column, index) => ruleOf(column.name, choices[index]!, column.entity)).filter((rule) => rule !== undefined);
  return { domain, choices, config: { domain, columns } };
}

/** The choices a stored configuration made, to show them again. */
export function choicesFromConfig(scan: ScanResult, config: PseudonymisationConfig): OperatorChoice[] {
  return scan.columns.map((column): OperatorChoice => {
    const rule: ColumnRule | undefined = config.columns.find((c) => c.name === column.name);
    if (!rule) return "keep";
    if (rule.operator !== "generalise") return rule.operator;
    if (rule.to === "region") return rule.country === "LU" ? "generalise_region_lu" : "generalise_region_be";
    return rule.to === "month" ? "generalise_month" : rule.to === "year" ? "generalise_year" : "generalise_age_band";
  });
}
