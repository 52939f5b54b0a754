// SQL of users, memberships, sessions, API tokens and invitations. Every write appends an event.
import { and, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { Tx } from "../../db/tx.ts";
import { appendEvent } from "../../events/append.ts";
import type { Role } from "../../http/actor.ts";
import { apiTokens, invitations, memberships, securityKeys, sessions, users } from "./tables.ts";

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;
export type SecurityKeyRow = typeof securityKeys.$inferSelect;

/** Failed attempts after which an account refuses sign-ins for a while, and how long. */
export const FAILED_SIGN_IN_LIMIT = 10;
export const SIGN_IN_BLOCK_MINUTES = 15;

/** What an event may say of a user: never a password hash or a TOTP secret. */
function publicFields(row: UserRow | undefined) {
  if (!row) return undefined;
  const { passwordHash, totpSecret, totpLastStep: _, ...rest } = row;
  return { ...rest, hasPassword: passwordHash !== null, hasTotp: totpSecret !== null };
}

export function createUsersRepo(db: Db) {
  return {
    async findById(id: string, tx: Db | Tx = db): Promise<UserRow | undefined> {
      const [row] = await tx.select().from(users).where(eq(users.id, id));
      return row;
    },

    async findByEmail(email: string, tx: Db | Tx = db): Promise<UserRow | undefined> {
      const [row] = await tx.select().from(users).where(eq(users.email, email.toLowerCase()));
      return row;
    },

    async displayNames(ids: string[]): Promise<Array<{ id: string; displayName: string }>> {
      if (ids.length === 0) return [];
      return db.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, ids));
    },

    async findByOidc(issuer: string, subject: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(and(eq(users.oidcIssuer, issuer), eq(users.oidcSubject, subject)));
      return row;
    },

    async insert(tx: Tx, actor: string, values: typeof users.$inferInsert): Promise<UserRow> {
      const [row] = await tx.insert(users).values({ ...values, email: values.email.toLowerCase() }).returning();
      await appendEvent(tx, { actor, action: "user.created", subjectType: "user", subjectId: row!.id, after: publicFields(row) });
      return row!;
    },

    async update(tx: Tx, actor: string, id: string, values: Partial<typeof users.$inferInsert>, action: string): Promise<void> {
      const before = await this.findById(id, tx);
      const [after] = await tx.update(users).set(values).where(eq(users.id, id)).returning();
      await appendEvent(tx, { actor, action, subjectType: "user", subjectId: id, before: publicFields(before), after: publicFields(after) });
    },

    async roles(userId: string): Promise<Record<string, Role[]>> {
      const rows = await db.select().from(memberships).where(eq(memberships.userId, userId));
      const out: Record<string, Role[]> = {};
      for (const row of rows) (out[row.organisationId] ??= []).push(row.role);
      return out;
    },

    async addMembership(tx: Tx, actor: string, userId: string, organisationId: string, role: Role): Promise<void> {
      await tx.insert(memberships).values({ userId, organisationId, role }).onConflictDoNothing();
      await appendEvent(tx, { actor, action: "membership.added", subjectType: "user", subjectId: userId, after: { organisationId, role } });
    },

    async removeMembership(tx: Tx, actor: string, userId: string, organisationId: string, role: Role): Promise<void> {
      await tx
        .delete(memberships)
        .where(and(eq(memberships.userId, userId), eq(memberships.organisationId, organisationId), eq(memberships.role, role)));
      await appendEvent(tx, { actor, action: "membership.removed", subjectType: "user", subjectId: userId, before: { organisationId, role } });
    },

    async insertSession(tx: Tx, values: typeof sessions.$inferInsert): Promise<void> {
      await tx.insert(sessions).values(values);
      await appendEvent(tx, { actor: `user:${values.userId}`, action: "session.created", subjectType: "user", subjectId: values.userId, after: { complete: values.complete } });
    },

    async findSession(id: string): Promise<SessionRow | undefined> {
      const [row] = await db.select().from(sessions).where(and(eq(sessions.id, id), gt(sessions.expiresAt, new Date())));
      return row;
    },

    /**
     * Turns a pending session into a complete one under a new id (the digest of a new token) and a new expiry. False
     * when it was no longer pending: completed by another request, ended, or expired.
     */
    async upgradeSession(tx: Tx, id: string, newId: string, userId: string, expiresAt: Date): Promise<boolean> {
      const rows = await tx
        .update(sessions)
        .set({ id: newId, complete: true, lastSeenAt: new Date(), expiresAt })
        .where(and(eq(sessions.id, id), eq(sessions.complete, false), gt(sessions.expiresAt, new Date())))
        .returning({ id: sessions.id });
      if (rows.length) await appendEvent(tx, { actor: `user:${userId}`, action: "session.second_factor_passed", subjectType: "user", subjectId: userId });
      return rows.length > 0;
    },

    async deleteSessions(tx: Tx, actor: string, userId: string, onlyId?: string): Promise<void> {
      await tx.delete(sessions).where(and(eq(sessions.userId, userId), onlyId ? eq(sessions.id, onlyId) : undefined));
      await appendEvent(tx, { actor, action: onlyId ? "session.ended" : "session.ended_everywhere", subjectType: "user", subjectId: userId });
    },

    /**
     * Counts a wrong password or second factor; at the limit the account is blocked for a while, and every failure
     * after that blocks it again (the count only returns to zero with a complete sign-in).
     */
    async recordFailedSignIn(tx: Tx, userId: string, step: "password" | "second_factor"): Promise<void> {
      const [row] = await tx
        .update(users)
        .set({
          failedSignIns: sql`${users.failedSignIns} + 1`,
          signInBlockedUntil: sql`case when ${users.failedSignIns} + 1 >= ${FAILED_SIGN_IN_LIMIT}
            then now() + make_interval(mins => ${SIGN_IN_BLOCK_MINUTES}) else ${users.signInBlockedUntil} end`,
        })
        .where(eq(users.id, userId))
        .returning({ failedSignIns: users.failedSignIns, signInBlockedUntil: users.signInBlockedUntil });
      await appendEvent(tx, { actor: `user:${userId}`, action: "user.sign_in_failed", subjectType: "user", subjectId: userId, after: { step, ...row } });
    },

    /**
     * Records the step of an accepted TOTP code and clears the failure count. False when a code of this step or a
     * later one was already accepted: a code seen over a shoulder or in a log cannot be played again.
     */
    async acceptTotpStep(tx: Tx, userId: string, step: number): Promise<boolean> {
      const rows = await tx
        .update(users)
        .set({ totpLastStep: step })
        .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), sql`${users.totpLastStep} < ${step}`)))
        .returning({ id: users.id });
      return rows.length > 0;
    },

    async clearFailedSignIns(tx: Tx, userId: string): Promise<void> {
      await tx.update(users).set({ failedSignIns: 0, signInBlockedUntil: null }).where(eq(users.id, userId));
    },

    async setChallenge(sessionId: string, challenge: string): Promise<void> {
      await db.update(sessions).set({ challenge }).where(eq(sessions.id, sessionId));
    },

    /** The session's pending WebAuthn challenge, which is removed as it is read so that it answers once. */
    async takeChallenge(tx: Tx, sessionId: string): Promise<string | undefined> {
      const [row] = await tx.select({ challenge: sessions.challenge }).from(sessions).where(eq(sessions.id, sessionId)).for("update");
      if (!row?.challenge) return undefined;
      await tx.update(sessions).set({ challenge: null }).where(eq(sessions.id, sessionId));
      return row.challenge;
    },

    async listSecurityKeys(userId: string): Promise<SecurityKeyRow[]> {
      return db.select().from(securityKeys).where(eq(securityKeys.userId, userId)).orderBy(securityKeys.createdAt);
    },

    async findSecurityKey(userId: string, id: string, tx: Db | Tx = db): Promise<SecurityKeyRow | undefined> {
      const [row] = await tx.select().from(securityKeys).where(and(eq(securityKeys.id, id), eq(securityKeys.userId, userId)));
      return row;
    },

    async insertSecurityKey(tx: Tx, actor: string, values: typeof securityKeys.$inferInsert): Promise<void> {
      await tx.insert(securityKeys).values(values);
      const { publicKey: _, ...shown } = values;
      await appendEvent(tx, { actor, action: "security_key.added", subjectType: "user", subjectId: values.userId, after: shown });
    },

    async useSecurityKey(tx: Tx, id: string, counter: number): Promise<void> {
      await tx.update(securityKeys).set({ counter, lastUsedAt: new Date() }).where(eq(securityKeys.id, id));
    },

    async deleteSecurityKey(tx: Tx, actor: string, userId: string, id: string): Promise<boolean> {
      const rows = await tx
        .delete(securityKeys)
        .where(and(eq(securityKeys.id, id), eq(securityKeys.userId, userId)))
        .returning({ id: securityKeys.id, name: securityKeys.name });
      if (rows.length) await appendEvent(tx, { actor, action: "security_key.removed", subjectType: "user", subjectId: userId, before: rows[0] });
      return rows.length > 0;
    },

    async insertToken(tx: Tx, actor: string, values: typeof apiTokens.$inferInsert): Promise<ApiTokenRow> {
      const [row] = await tx.insert(apiTokens).values(values).returning();
      const { tokenHash: _, ...shown } = row!;
      await appendEvent(tx, { actor, action: "api_token.created", subjectType: "user", subjectId: values.userId, after: shown });
      return row!;
    },

    async findToken(tokenHash: string): Promise<ApiTokenRow | undefined> {
      const [row] = await db
        .select()
        .from(apiTokens)
        .where(
          and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, new Date()))),
        );
      return row;
    },

    async listTokens(userId: string): Promise<ApiTokenRow[]> {
      return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(sql`${apiTokens.createdAt} desc`);
    },

    async touchToken(id: string): Promise<void> {
      await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, id));
    },

    async revokeToken(tx: Tx, actor: string, userId: string, id: string): Promise<boolean> {
      const rows = await tx
        .update(apiTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
        .returning({ id: apiTokens.id });
      if (rows.length) await appendEvent(tx, { actor, action: "api_token.revoked", subjectType: "user", subjectId: userId, after: { id } });
      return rows.length > 0;
    },

    async insertInvitation(tx: Tx, actor: string, values: typeof invitations.$inferInsert): Promise<void> {
      await tx.insert(invitations).values(values);
      await appendEvent(tx, { actor, action: "invitation.created", subjectType: "user", subjectId: values.userId, after: { expiresAt: values.expiresAt } });
    },

    async findInvitation(tokenHash: string, tx: Db | Tx = db) {
      const [row] = await tx
        .select()
        .from(invitations)
        .where(and(eq(invitations.tokenHash, tokenHash), isNull(invitations.acceptedAt), gt(invitations.expiresAt, new Date())));
      return row;
    },

    async acceptInvitation(tx: Tx, id: string, userId: string): Promise<void> {
      await tx.update(invitations).set({ acceptedAt: new Date() }).where(eq(invitations.id, id));
      await appendEvent(tx, { actor: `user:${userId}`, action: "invitation.accepted", subjectType: "user", subjectId: userId });
    },
  };
}

export type UsersRepo = ReturnType<typeof createUsersRepo>;
