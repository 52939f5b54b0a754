// Writes the outcome of the AI Act classification back to the register record's risk class (systems/schema.ts).
import type { z } from "zod";
import { riskClasses, type RiskClass, type RiskClassification } from "../systems/schema.ts";
import type { ScoreResult } from "./format.ts";

/** Id of the bundled instrument whose outcome codes are the register's risk classes. */
export const CLASSIFICATION_INSTRUMENT = "ai-act-classification";

/**
 * The record's `riskClass` as the classification found it; null for the result of another instrument, and for an
 * outcome the register cannot hold (`out_of_scope`: an Art. 2 exclusion). A high-risk system names the Annex III
 * point, or is high-risk through Annex I (Art. 6(1)), or both.
 */
export function registerFieldsFromClassification(result: ScoreResult): z.output<typeof RiskClassification> | null {
  const code = result.outcome.code;
  if (result.instrument.id !== CLASSIFICATION_INSTRUMENT || !(riskClasses as readonly string[]).includes(code)) return null;
  const riskClass = code as RiskClass;
  const point = result.variables.annex_iii_point;
  return {
    class: riskClass,
    ...(typeof point === "string" ? { annexIIIPoint: point } : {}),
    annexIProduct: result.variables.annex_i_high === true,
    // The exemption matters only where it made the difference: a system high-risk through Annex I is not exempt.
    art6_3Exemption: result.variables.art6_3_exemption === true && riskClass !== "high",
    art50Transparency: result.variables.art50_transparency === true,
    prohibitedChecked: result.variables.prohibited_checked === true,
  };
}
