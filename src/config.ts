// Typed configuration: every setting, its default and its environment variable in one place.
import path from "node:path";
import { z } from "zod";

const loopbackHosts = new Set(["127.0.0.1", "[::1]", "localhost"]);

const ConfigSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().default("0.0.0.0"),
  /** Folder of the embedded database and of uploaded and derived files. */
  dataDir: z.string().default("./data"),
  /** When set, PostgreSQL is used instead of the embedded PGlite database. */
  databaseUrl: z.string().url().optional(),
  /** Largest request body accepted, in bytes (uploads have their own limit). */
  bodyLimit: z.coerce.number().int().positive().default(1024 * 1024),
  /** Largest uploaded data file (bias audits), in bytes: 5 GiB by default. */
  uploadLimit: z.coerce.number().int().positive().default(5 * 1024 ** 3),
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /**
   * Secret that signs cookies (CSRF). Set it in production, the same on every process; when unset, one is
   * generated into the data directory on first start.
   */
  cookieSecret: z.string().min(32, "GAICHEL_COOKIE_SECRET must be at least 32 characters").optional(),
  /**
   * The pseudonymisation key of the workspace's dataset page: a key file (mode 0600, from `gaichel privacy keygen`)
   * or the key itself. Without one, only masking, generalisation and suppression are offered.
   */
  privacyKeyFile: z.string().min(1).optional(),
  privacyKey: z.string().min(1).optional(),
  /** Public base URL, used in exports and absolute links. */
  publicUrl: z.string().url().optional(),
  /**
   * OpenID Connect sign-in with the organisation's identity provider: on when the issuer and the client id are set.
   * The issuer must use https, except on loopback (a provider on the same machine, for development and tests).
   */
  oidcIssuer: z
    .string()
    .url()
    .refine((value) => {
      const url = URL.parse(value);
      return !url || url.protocol === "https:" || (url.protocol === "http:" && loopbackHosts.has(url.hostname));
    }, "GAICHEL_OIDC_ISSUER must be an https URL (http only on 127.0.0.1, [::1] or localhost)")
    .optional(),
  oidcClientId: z.string().min(1).optional(),
  /** Without a secret the client is public and relies on PKCE alone. */
  oidcClientSecret: z.string().min(1).optional(),
  /** Where the provider sends the browser back (`…/auth/oidc/callback`): by default the public URL, else the address the request came to. */
  oidcRedirectBase: z.string().url().optional(),
  /**
   * The SMTP server that sends e-mail (the pilots' digest), credentials included: `smtp://user:pass@host:587` (STARTTLS
   * when the server offers it) or `smtps://…` (TLS from the start). Without it no digest is offered and nothing is sent.
   * The message never repeats the value: it holds a password.
   */
  smtpUrl: z.url({ protocol: /^smtps?$/, error: "GAICHEL_SMTP_URL must be an smtp:// or smtps:// URL" }).optional(),
  /** The sender of every e-mail, a mailbox the SMTP server accepts to send from. */
  mailFrom: z.string().trim().min(1).default("Gäichel <no-reply@localhost>"),
}).refine((c) => Boolean(c.oidcIssuer) === Boolean(c.oidcClientId), {
  message: "GAICHEL_OIDC_ISSUER and GAICHEL_OIDC_CLIENT_ID are set together or not at all",
  path: ["oidcIssuer"],
});

export type Config = z.infer<typeof ConfigSchema>;

/** Reads the configuration from an environment (process.env in main.ts, a literal in tests). */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = ConfigSchema.safeParse({
    port: env.PORT || undefined,
    host: env.HOST || undefined,
    dataDir: env.GAICHEL_DATA_DIR || undefined,
    databaseUrl: env.DATABASE_URL || undefined,
    bodyLimit: env.GAICHEL_BODY_LIMIT || undefined,
    uploadLimit: env.GAICHEL_UPLOAD_LIMIT || undefined,
    privacyKeyFile: env.GAICHEL_PRIVACY_KEY_FILE || undefined,
    privacyKey: env.GAICHEL_PRIVACY_KEY || undefined,
    logLevel: env.LOG_LEVEL || undefined,
    publicUrl: env.GAICHEL_PUBLIC_URL || undefined,
    cookieSecret: env.GAICHEL_COOKIE_SECRET || undefined,
    oidcIssuer: env.GAICHEL_OIDC_ISSUER || undefined,
    oidcClientId: env.GAICHEL_OIDC_CLIENT_ID || undefined,
    oidcClientSecret: env.GAICHEL_OIDC_CLIENT_SECRET || undefined,
    oidcRedirectBase: env.GAICHEL_OIDC_REDIRECT_BASE || undefined,
    smtpUrl: env.GAICHEL_SMTP_URL || undefined,
    mailFrom: env.GAICHEL_MAIL_FROM || undefined,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.dataDir) };
}
