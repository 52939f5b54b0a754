// Typed configuration: every setting, its default and its environment variable in one place.
import path from "node:path";
import { z } from "zod";

const ConfigSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().default("0.0.0.0"),
  /** Folder of the embedded database and of uploaded and derived files. */
  dataDir: z.string().default("./data"),
  /** When set, PostgreSQL is used instead of the embedded PGlite database. */
  databaseUrl: z.string().url().optional(),
  /** Largest request body accepted, in bytes (uploads have their own limit). */
  bodyLimit: z.coerce.number().int().positive().default(1024 * 1024),
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /**
   * Secret that signs cookies (CSRF). Set it in production, the same on every process; when unset, one is
   * generated into the data directory on first start.
   */
  cookieSecret: z.string().min(32, "GAICHEL_COOKIE_SECRET must be at least 32 characters").optional(),
  /** Public base URL, used in exports and absolute links. */
  publicUrl: z.string().url().optional(),
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
    logLevel: env.LOG_LEVEL || undefined,
    publicUrl: env.GAICHEL_PUBLIC_URL || undefined,
    cookieSecret: env.GAICHEL_COOKIE_SECRET || undefined,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.dataDir) };
}
