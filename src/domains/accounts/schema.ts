// Zod contracts of organisations.
import { z } from "zod";
import { localized } from "../systems/schema.ts";
import { isValidOfficialId } from "./official-id.ts";

export const organisationKinds = ["ministry", "agency", "municipality", "other"] as const;

export const OrganisationInput = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, "validation.organisation_id"),
    country: z.enum(["LU", "BE"], { error: "validation.choice" }),
    officialId: z.string().trim().min(1, "validation.required"),
    kind: z.enum(organisationKinds, { error: "validation.choice" }),
    name: localized(200),
    address: z.string().trim().max(300).optional(),
    website: z.url({ protocol: /^https?$/, error: "validation.url" }).optional(),
  })
  .strict()
  .refine((o) => isValidOfficialId(o.country, o.officialId), {
    message: "validation.official_id",
    path: ["officialId"],
  });
export type OrganisationInput = z.output<typeof OrganisationInput>;

export const OrganisationParams = z.object({ id: z.string().max(64) });
