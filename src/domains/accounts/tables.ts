// Organisations: the administrations of Luxembourg and Belgium that own register records.
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { LocalizedText } from "../systems/schema.ts";

export const organisations = pgTable("organisations", {
  id: text("id").primaryKey(),
  country: text("country", { enum: ["LU", "BE"] }).notNull(),
  officialId: text("official_id").notNull().unique(),
  kind: text("kind", { enum: ["ministry", "agency", "municipality", "other"] }).notNull(),
  name: jsonb("name").$type<LocalizedText>().notNull(),
  address: text("address"),
  website: text("website"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** People who sign in: with a local password (argon2id) and second factor, or through an OpenID Connect provider. */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Stored lower-case; unique. */
    email: text("email").notNull().unique(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash"),
    /** Base32 TOTP secret once the second factor is enrolled. */
    totpSecret: text("totp_secret"),
    /** The 30-second step of the last TOTP code accepted: a code is accepted once, and never one older than it. */
    totpLastStep: bigint("totp_last_step", { mode: "number" }),
    /** Failed passwords and second factors since the last complete sign-in, counted in the database so that every process sees them. */
    failedSignIns: integer("failed_sign_ins").notNull().default(0),
    /** Set when the failures reach the limit: until then the account refuses every sign-in attempt. */
    signInBlockedUntil: timestamp("sign_in_blocked_until", { withTimezone: true }),
    platformAdmin: boolean("platform_admin").notNull().default(false),
    oidcIssuer: text("oidc_issuer"),
    oidcSubject: text("oidc_subject"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("users_oidc_identity").on(t.oidcIssuer, t.oidcSubject)],
);

/** A user's roles in an organisation. */
export const memberships = pgTable(
  "memberships",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    role: text("role", { enum: ["viewer", "editor", "reviewer", "dpo", "org_admin"] }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.organisationId, t.role] })],
);

/** Browser sessions, by the SHA-256 of their cookie's token (the token itself is never stored). */
export const sessions = pgTable("sessions", {
  id: text("id").primaryKey(),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id),
  /** False between the password and the second factor: such a session may only complete the sign-in. */
  complete: boolean("complete").notNull(),
  /** The WebAuthn challenge this session was last given, until it is answered (each is used once). */
  challenge: text("challenge"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

/** Personal API tokens, by the SHA-256 of the token; scoped and revocable. */
export const apiTokens = pgTable("api_tokens", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id),
  name: text("name").notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  scopes: text("scopes").array().notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  expiresAt: timestamp("expires_at", { withTimezone: true }),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});

/** Invitations to set a password (and join an organisation), by the SHA-256 of the link's token. */
export const invitations = pgTable("invitations", {
  id: uuid("id").primaryKey().defaultRandom(),
  tokenHash: text("token_hash").notNull().unique(),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  acceptedAt: timestamp("accepted_at", { withTimezone: true }),
});

/** WebAuthn credentials (security keys, platform authenticators) a user registered as a second factor. */
export const securityKeys = pgTable(
  "security_keys",
  {
    /** The credential id, base64url, as the authenticator reports it. */
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    name: text("name").notNull(),
    /** COSE public key, base64url. */
    publicKey: text("public_key").notNull(),
    /** The authenticator's signature counter: a value that does not grow betrays a cloned key. */
    counter: bigint("counter", { mode: "number" }).notNull(),
    transports: text("transports").array().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [index("security_keys_user").on(t.userId)],
);
