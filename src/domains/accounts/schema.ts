// Zod contracts of organisations.
import { z } from "zod";
import { roles } from "../../http/actor.ts";
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

// Contracts of people: the sign-in forms, API tokens and `gaichel users create`. Messages are translation keys.

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;
export const tokenScopes = ["systems:read", "systems:write"] as const;
export type TokenScope = (typeof tokenScopes)[number];

/** PostgreSQL text cannot hold U+0000, and no name or address needs a control character. */
const printable = (text: string) => !/[\u0000-\u001f\u007f]/.test(text);

const requiredText = (max: number) =>
  z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(max, "validation.too_long")
    .refine(printable, "validation.invalid");

export const SignInInput = z.object({
  email: z
    .string({ error: "validation.email_required" })
    .trim()
    .min(1, "validation.email_required")
    .max(254, "validation.too_long")
    .refine(printable, "validation.invalid"),
  // Not trimmed: spaces may be part of a password.
  password: z.string({ error: "validation.password_required" }).min(1, "validation.password_required").max(1024, "validation.too_long"),
});
export type SignInInput = z.output<typeof SignInInput>;

export const SecondFactorInput = z.object({
  // Authenticator apps show the code as "123 456"; people type it so.
  code: z
    .string({ error: "validation.totp_required" })
    .transform((code) => code.replace(/[\s-]/g, ""))
    .pipe(z.string().min(1, "validation.totp_required").regex(/^\d{6}$/, "validation.totp_format")),
});

export const SetPasswordInput = z
  .object({
    password: z
      .string({ error: "validation.password_length" })
      .min(PASSWORD_MIN, "validation.password_length")
      .max(PASSWORD_MAX, "validation.password_length"),
    confirmation: z.string({ error: "validation.password_mismatch" }),
  })
  .refine((input) => input.password === input.confirmation, { message: "validation.password_mismatch", path: ["confirmation"] });

/** A form's checkboxes arrive as nothing, one string or an array of strings. */
const checkboxes = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]), z.array(item));

export const CreateApiTokenInput = z.object({
  name: requiredText(100),
  scopes: checkboxes(z.enum(tokenScopes, { error: "validation.choice" })).pipe(
    z.array(z.enum(tokenScopes)).min(1, "validation.scopes_required").transform((scopes) => [...new Set(scopes)]),
  ),
  /** The last day the token works (it stops at the end of that day, UTC); none for a token that does not expire. */
  expiresOn: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.iso
      .date({ error: "validation.date" })
      .refine((day) => day >= new Date().toISOString().slice(0, 10), "validation.date_not_past")
      .optional(),
  ),
});
export type CreateApiTokenInput = z.output<typeof CreateApiTokenInput>;

export const CreateUserInput = z.object({
  email: z.email({ error: "validation.email" }).max(254, "validation.too_long").transform((email) => email.toLowerCase()),
  displayName: requiredText(200),
  platformAdmin: z.boolean().default(false),
  memberships: z
    .array(z.object({ organisationId: z.string().max(64), role: z.enum(roles, { error: "validation.role" }) }))
    .default([]),
});
export type CreateUserInput = z.output<typeof CreateUserInput>;

/**
 * What a browser's WebAuthn call returns, as @simplewebauthn/browser serialises it. Only the envelope is checked
 * here; the library verifies the signed content.
 */
const credentialResponse = z
  .object({
    id: z.string().min(1).max(1024),
    rawId: z.string().min(1).max(1024),
    type: z.literal("public-key"),
    response: z.record(z.string(), z.unknown()),
    clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
    authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  })
  .loose();

export const AddSecurityKeyInput = z.object({ name: requiredText(100), response: credentialResponse });
export const SecurityKeyAssertionInput = z.object({ response: credentialResponse });
