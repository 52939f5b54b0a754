// Use cases of people: accounts, invitations, password and second-factor sign-in, sessions and API tokens.
import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import * as OTPAuth from "otpauth";
import type { z } from "zod";
import type { Db } from "../../db/client.ts";
import { inTransaction, type Tx } from "../../db/tx.ts";
import { actorName, type Actor } from "../../http/actor.ts";
import { AppError, errors } from "../../http/errors.ts";
import { issuesToFields } from "../../http/validation.ts";
import { CreateUserInput, PASSWORD_MAX, PASSWORD_MIN, type TokenScope } from "./schema.ts";
import { authenticationOptions, registrationOptions, verifiedAssertion, verifiedRegistration, type RelyingParty } from "./security-keys.ts";
import type { SessionRow, UsersRepo, UserRow } from "./users-repo.ts";

// Where they were first defined; the contracts now live in schema.ts.
export { PASSWORD_MAX, PASSWORD_MIN, tokenScopes } from "./schema.ts";

export const SESSION_HOURS = 12;
/** How long the step between the password and the second factor may take. */
export const PENDING_SESSION_MINUTES = 15;
export const INVITATION_DAYS = 7;

/** A random token for a cookie, a link or an API client, and the SHA-256 under which it is stored. */
function newToken(prefix = ""): { token: string; digest: string } {
  const token = `${prefix}${randomBytes(32).toString("base64url")}`;
  return { token, digest: digestOf(token) };
}

export function digestOf(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

// argon2id with the library's defaults (m=19456 KiB, t=2, p=1: OWASP's recommended minimum).
const hashPassword = (password: string) => hash(password);
/** Verified when the e-mail is unknown, so that a sign-in takes as long whether or not the account exists. */
const DUMMY_HASH = await hash(randomBytes(16).toString("hex"));

function totpFor(user: UserRow, secret: string) {
  return new OTPAuth.TOTP({ issuer: "Gäichel", label: user.email, algorithm: "SHA1", digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secret) });
}

/** The 30-second step of a 6-digit code that matches the secret (one step of clock drift either side), if it does. */
function totpStep(user: UserRow, secret: string, code: string): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const totp = totpFor(user, secret);
  const delta = totp.validate({ token: code, window: 1 });
  return delta === null ? undefined : totp.counter() + delta;
}

const isBlocked = (user: UserRow) => user.signInBlockedUntil !== null && user.signInBlockedUntil > new Date();

/** Why a sign-in step was refused: a wrong secret, too many of them lately, or a pending session that is gone. */
export type SignInRefusal = "incorrect" | "blocked" | "expired";

export type SignInResult =
  | { ok: true; sessionToken: string; next: "second_factor" | "enrol_second_factor" }
  | { ok: false; reason: SignInRefusal };

/** A complete session's token, or why not. */
export type SecondFactorResult = { ok: true; sessionToken: string } | { ok: false; reason: SignInRefusal };

export function createUsersService(db: Db, repo: UsersRepo) {
  async function toActor(user: UserRow, via: "session" | "token", scopes: string[] = []): Promise<Actor> {
    return {
      kind: "user",
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      platformAdmin: user.platformAdmin,
      roles: await repo.roles(user.id),
      via,
      scopes,
    };
  }

  function mustBeAdmin(actor: Actor) {
    if (actor.kind === "operator" || (actor.kind === "user" && actor.platformAdmin)) return;
    throw new AppError("forbidden", 403);
  }

  /** Second factors are managed only from a browser session, never with an API token. */
  function sessionUser(actor: Actor) {
    if (actor.kind !== "user" || actor.via !== "session") throw new AppError("forbidden", 403);
    return actor;
  }

  /** The session behind a cookie while it awaits the second factor, and its user, unless that user may not go on. */
  async function pendingSignIn(sessionToken: string): Promise<{ ok: true; session: SessionRow; user: UserRow } | { ok: false; reason: SignInRefusal }> {
    const session = await repo.findSession(digestOf(sessionToken));
    const user = session && !session.complete ? await repo.findById(session.userId) : undefined;
    if (!session || !user || user.disabledAt) return { ok: false, reason: "expired" };
    if (isBlocked(user)) return { ok: false, reason: "blocked" };
    return { ok: true, session, user };
  }

  async function refuse(user: UserRow, step: "password" | "second_factor"): Promise<{ ok: false; reason: SignInRefusal }> {
    await inTransaction(db, ({ tx }) => repo.recordFailedSignIn(tx, user.id, step));
    return { ok: false, reason: "incorrect" };
  }

  /**
   * Turns a pending session into a complete one under a new token (a token seen before the second factor is worth
   * nothing after it), once `accept` has recorded the second factor in the same transaction. A refused `accept`
   * counts as a failure.
   */
  async function completeSignIn(session: SessionRow, user: UserRow, accept: (tx: Tx) => Promise<boolean>): Promise<SecondFactorResult> {
    const { token, digest } = newToken();
    const outcome = await inTransaction(db, async ({ tx }) => {
      if (!(await accept(tx))) return "refused";
      if (!(await repo.upgradeSession(tx, session.id, digest, user.id, new Date(Date.now() + SESSION_HOURS * 3_600_000)))) return "expired";
      await repo.clearFailedSignIns(tx, user.id);
      return "done";
    });
    if (outcome === "refused") return refuse(user, "second_factor");
    if (outcome === "expired") return { ok: false, reason: "expired" };
    return { ok: true, sessionToken: token };
  }

  return {
    /** Creates an account and returns a one-time invitation token, with which its owner sets a password. */
    async createUser(actor: Actor, raw: z.input<typeof CreateUserInput>): Promise<{ user: UserRow; invitationToken: string }> {
      mustBeAdmin(actor);
      const parsed = CreateUserInput.safeParse(raw);
      if (!parsed.success) throw errors.invalidInput(issuesToFields(parsed.error.issues));
      const input = parsed.data;
      if (await repo.findByEmail(input.email)) throw errors.conflict("user_exists", { email: input.email });
      return inTransaction(db, async ({ tx }) => {
        const user = await repo.insert(tx, actorName(actor), {
          email: input.email,
          displayName: input.displayName,
          platformAdmin: input.platformAdmin ?? false,
        });
        for (const m of input.memberships) await repo.addMembership(tx, actorName(actor), user.id, m.organisationId, m.role);
        const { token, digest } = newToken();
        await repo.insertInvitation(tx, actorName(actor), {
          tokenHash: digest,
          userId: user.id,
          expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
        });
        return { user, invitationToken: token };
      });
    },

    /** Whether an invitation token is valid (for the page that asks for the new password). */
    async findInvitation(token: string) {
      const invitation = await repo.findInvitation(digestOf(token));
      return invitation && (await repo.findById(invitation.userId));
    },

    /** Sets the password of an invited user; the invitation cannot be used again. */
    async acceptInvitation(token: string, password: string): Promise<UserRow> {
      if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) throw errors.invalidInput([{ path: "password", message: "validation.password_length" }]);
      const passwordHash = await hashPassword(password);
      return inTransaction(db, async ({ tx }) => {
        const invitation = await repo.findInvitation(digestOf(token), tx);
        if (!invitation) throw new AppError("invitation_invalid", 410);
        await repo.update(tx, `user:${invitation.userId}`, invitation.userId, { passwordHash }, "user.password_set");
        await repo.acceptInvitation(tx, invitation.id, invitation.userId);
        return (await repo.findById(invitation.userId, tx))!;
      });
    },

    /** First step of a password sign-in: a session that may only complete the second factor. */
    async signInWithPassword(email: string, password: string): Promise<SignInResult> {
      // PostgreSQL text cannot hold U+0000: such an address names nobody (and must not fail the query).
      const user = email.includes("\u0000") ? undefined : await repo.findByEmail(email);
      if (user && isBlocked(user)) return { ok: false, reason: "blocked" };
      const valid = await verify(user?.passwordHash ?? DUMMY_HASH, password).catch(() => false);
      if (!user || !user.passwordHash || user.disabledAt) return { ok: false, reason: "incorrect" };
      if (!valid) return refuse(user, "password");
      const { token, digest } = newToken();
      await inTransaction(db, ({ tx }) =>
        repo.insertSession(tx, { id: digest, userId: user.id, complete: false, expiresAt: new Date(Date.now() + PENDING_SESSION_MINUTES * 60_000) }),
      );
      return { ok: true, sessionToken: token, next: user.totpSecret ? "second_factor" : "enrol_second_factor" };
    },

    /** A fresh secret for a user who enrols a second factor, with the URI an authenticator app reads. */
    newTotpSecret(user: UserRow): { secret: string; uri: string } {
      const secret = new OTPAuth.Secret({ size: 20 }).base32;
      return { secret, uri: totpFor(user, secret).toString() };
    },

    /** The otpauth:// URI of a secret, which an authenticator app reads (as a link or typed in). */
    totpUri(user: UserRow, secret: string): string {
      return totpFor(user, secret).toString();
    },

    /**
     * Completes a password sign-in with a TOTP code: against the enrolled secret, or against `newSecret` when the
     * user is enrolling (which is then saved). Each code is accepted once.
     */
    async completeSecondFactor(sessionToken: string, code: string, newSecret?: string): Promise<SecondFactorResult> {
      const pending = await pendingSignIn(sessionToken);
      if (!pending.ok) return pending;
      const { session, user } = pending;
      const secret = user.totpSecret ?? newSecret;
      const step = secret ? totpStep(user, secret, code.trim()) : undefined;
      if (step === undefined) return refuse(user, "second_factor");
      return completeSignIn(session, user, async (tx) => {
        if (!(await repo.acceptTotpStep(tx, user.id, step))) return false;
        // Enrol only with the session that passed, so that two tabs racing cannot enrol two secrets.
        if (!user.totpSecret) await repo.update(tx, `user:${user.id}`, user.id, { totpSecret: secret }, "user.second_factor_enrolled");
        return true;
      });
    },

    /** The WebAuthn options with which a browser asks one of the pending user's security keys to sign in. */
    async securityKeySignInOptions(sessionToken: string, rp: RelyingParty) {
      const pending = await pendingSignIn(sessionToken);
      if (!pending.ok) throw new AppError("session_expired", 401);
      const keys = await repo.listSecurityKeys(pending.user.id);
      if (!keys.length) throw new AppError("security_key_none", 404);
      const options = await authenticationOptions(rp, keys);
      await repo.setChallenge(pending.session.id, options.challenge);
      return options;
    },

    /** Completes a password sign-in with a security key's answer to the session's challenge. */
    async completeSecondFactorWithSecurityKey(sessionToken: string, rp: RelyingParty, response: { id: string }): Promise<SecondFactorResult> {
      const pending = await pendingSignIn(sessionToken);
      if (!pending.ok) return pending;
      const { session, user } = pending;
      // Taken in its own transaction: a challenge is spent even when the answer to it fails.
      const challenge = await inTransaction(db, ({ tx }) => repo.takeChallenge(tx, session.id));
      const key = await repo.findSecurityKey(user.id, response.id);
      const counter = challenge && key ? await verifiedAssertion(rp, challenge, key, response) : undefined;
      if (counter === undefined || !key) return refuse(user, "second_factor");
      return completeSignIn(session, user, async (tx) => {
        await repo.useSecurityKey(tx, key.id, counter);
        return true;
      });
    },

    /** The WebAuthn options with which a signed-in user's browser registers a new security key. */
    async securityKeyRegistrationOptions(actor: Actor, sessionToken: string, rp: RelyingParty) {
      const user = sessionUser(actor);
      const options = await registrationOptions(rp, user, await repo.listSecurityKeys(user.id));
      await repo.setChallenge(digestOf(sessionToken), options.challenge);
      return options;
    },

    /** Stores the security key a browser registered in answer to the session's challenge. */
    async addSecurityKey(actor: Actor, sessionToken: string, rp: RelyingParty, input: { name: string; response: unknown }): Promise<void> {
      const user = sessionUser(actor);
      const challenge = await inTransaction(db, ({ tx }) => repo.takeChallenge(tx, digestOf(sessionToken)));
      const credential = challenge ? await verifiedRegistration(rp, challenge, input.response) : undefined;
      if (!credential) throw errors.invalidInput([{ path: "response", message: "validation.security_key" }]);
      await inTransaction(db, ({ tx }) => repo.insertSecurityKey(tx, actorName(actor), { ...credential, userId: user.id, name: input.name }));
    },

    async hasSecurityKeys(userId: string): Promise<boolean> {
      return (await repo.listSecurityKeys(userId)).length > 0;
    },

    async listSecurityKeys(actor: Actor) {
      return (await repo.listSecurityKeys(sessionUser(actor).id)).map(({ publicKey: _, ...key }) => key);
    },

    async removeSecurityKey(actor: Actor, id: string): Promise<void> {
      const user = sessionUser(actor);
      const removed = await inTransaction(db, ({ tx }) => repo.deleteSecurityKey(tx, actorName(actor), user.id, id));
      if (!removed) throw errors.notFound("page", id);
    },

    /** Signs in a user whom an OpenID Connect provider authenticated: linked by issuer and subject, or by e-mail once. */
    async signInWithOidc(claims: { issuer: string; subject: string; email?: string; name?: string }): Promise<string | undefined> {
      let user = await repo.findByOidc(claims.issuer, claims.subject);
      if (!user && claims.email) {
        const byEmail = await repo.findByEmail(claims.email);
        if (byEmail && !byEmail.oidcSubject) {
          await inTransaction(db, ({ tx }) =>
            repo.update(tx, `user:${byEmail.id}`, byEmail.id, { oidcIssuer: claims.issuer, oidcSubject: claims.subject }, "user.oidc_linked"),
          );
          user = byEmail;
        }
      }
      if (!user || user.disabledAt) return undefined;
      const { token, digest } = newToken();
      await inTransaction(db, ({ tx }) =>
        repo.insertSession(tx, { id: digest, userId: user.id, complete: true, expiresAt: new Date(Date.now() + SESSION_HOURS * 3_600_000) }),
      );
      return token;
    },

    /** The session behind a cookie: the actor when complete, the pending user when it awaits the second factor. */
    async resolveSession(sessionToken: string): Promise<{ actor?: Actor; pending?: UserRow }> {
      const session = await repo.findSession(digestOf(sessionToken));
      if (!session) return {};
      const user = await repo.findById(session.userId);
      if (!user || user.disabledAt) return {};
      if (!session.complete) return { pending: user };
      return { actor: await toActor(user, "session") };
    },

    async signOut(sessionToken: string): Promise<void> {
      const session = await repo.findSession(digestOf(sessionToken));
      if (session) await inTransaction(db, ({ tx }) => repo.deleteSessions(tx, `user:${session.userId}`, session.userId, session.id));
    },

    /** Ends every session of the user, on every device. */
    async signOutEverywhere(actor: Actor): Promise<void> {
      if (actor.kind !== "user") throw new AppError("forbidden", 403);
      await inTransaction(db, ({ tx }) => repo.deleteSessions(tx, actorName(actor), actor.id));
    },

    /** A personal API token, shown once; only its SHA-256 is stored. */
    async createApiToken(actor: Actor, input: { name: string; scopes: TokenScope[]; expiresAt?: Date }): Promise<{ id: string; token: string }> {
      if (actor.kind !== "user" || actor.via !== "session") throw new AppError("forbidden", 403);
      const { token, digest } = newToken("gai_");
      const row = await inTransaction(db, ({ tx }) =>
        repo.insertToken(tx, actorName(actor), { userId: actor.id, name: input.name, tokenHash: digest, scopes: input.scopes, expiresAt: input.expiresAt ?? null }),
      );
      return { id: row.id, token };
    },

    async listApiTokens(actor: Actor) {
      if (actor.kind !== "user") throw new AppError("forbidden", 403);
      return (await repo.listTokens(actor.id)).map(({ tokenHash: _, ...row }) => row);
    },

    async revokeApiToken(actor: Actor, id: string): Promise<void> {
      if (actor.kind !== "user") throw new AppError("forbidden", 403);
      const revoked = await inTransaction(db, ({ tx }) => repo.revokeToken(tx, actorName(actor), actor.id, id));
      if (!revoked) throw errors.notFound("page", id);
    },

    /** The display names of the users among `actorNames` ("user:<id>", as events and reviews record them). */
    async displayNames(actorNames: string[]): Promise<Map<string, string>> {
      const uuid = /^user:([0-9a-f-]{36})$/;
      const ids = [...new Set(actorNames.flatMap((name) => uuid.exec(name)?.[1] ?? []))];
      return new Map((await repo.displayNames(ids)).map((row) => [`user:${row.id}`, row.displayName]));
    },

    /** The actor behind an `Authorization: Bearer gai_…` header, if the token is valid. */
    async resolveApiToken(token: string): Promise<Actor | undefined> {
      const row = await repo.findToken(digestOf(token));
      if (!row) return undefined;
      const user = await repo.findById(row.userId);
      if (!user || user.disabledAt) return undefined;
      await repo.touchToken(row.id);
      return toActor(user, "token", row.scopes);
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
