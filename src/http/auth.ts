// Who is asking: an API token (Authorization: Bearer), else the session cookie, else nobody. Also the CSRF check
// of every form post, and the session cookie's settings.
import cookie from "@fastify/cookie";
import csrf from "@fastify/csrf-protection";
import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { SESSION_HOURS, type UsersService } from "../domains/accounts/users-service.ts";
import type { UserRow } from "../domains/accounts/users-repo.ts";
import { isLang, type Lang } from "../i18n/index.ts";
import { anonymous, type Actor } from "./actor.ts";
import { AppError } from "./errors.ts";

export const SESSION_COOKIE = "gaichel_session";

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor;
    /** A user between the password and the second factor. */
    pendingUser?: UserRow;
  }
}

const cookieOptions = { path: "/", httpOnly: true, sameSite: "lax", secure: "auto" } as const;

export function setSessionCookie(reply: FastifyReply, token: string, hours = SESSION_HOURS) {
  reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: hours * 3600 });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, cookieOptions);
}

/**
 * A form's CSRF token: a field of the parsed body, or, for a file upload (whose body is streamed to the route and
 * not parsed before this check), a parameter of the form's action address.
 */
function csrfTokenOf(request: FastifyRequest): string | undefined {
  if (request.isMultipart()) return (request.query as Record<string, string> | undefined)?._csrf;
  return (request.body as Record<string, string> | undefined)?._csrf;
}

/** Methods that change something: a form post must carry the CSRF token. */
const unsafe = new Set(["POST", "PUT", "PATCH", "DELETE"]);

async function auth(app: FastifyInstance, { users, cookieSecret }: { users: UsersService; cookieSecret: string }) {
  await app.register(cookie, { secret: cookieSecret });
  await app.register(csrf, { cookieOpts: { ...cookieOptions, signed: true }, getToken: csrfTokenOf });
  app.decorateRequest("actor", null as never);
  // Off by default; a route turns it on with `config: { rateLimit: … }`. Counters live in this process's memory:
  // behind a load balancer each process counts on its own (a shared store is a setting of the plugin).
  await app.register(rateLimit, { global: false, errorResponseBuilder: () => new AppError("too_many_requests", 429) });

  app.addHook("onRequest", async (request) => {
    request.actor = anonymous;
    const header = request.headers.authorization;
    if (header?.startsWith("Bearer ")) {
      const actor = await users.resolveApiToken(header.slice(7).trim());
      if (!actor) throw new AppError("unauthorized", 401);
      request.actor = actor;
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const { actor, pending } = await users.resolveSession(token);
      if (actor) request.actor = actor;
      if (pending) request.pendingUser = pending;
    }
  });

  // Form posts are checked after the body is parsed (in onRequest it is not there yet). API writes authenticate
  // with a bearer token, which a browser never sends on its own, so they need no CSRF token.
  app.addHook("preHandler", (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
    if (!unsafe.has(request.method) || request.url.startsWith("/api/")) return done();
    app.csrfProtection(request, reply, (error?: Error) => done(error ? new AppError("csrf_invalid", 403) : undefined));
  });
}

export const authPlugin = fp(auth, { name: "gaichel-auth" });

export type UserActor = Extract<Actor, { kind: "user" }>;

/**
 * For page handlers: the signed-in user, or undefined once a 303 to the sign-in page has been sent, which then brings
 * the visitor back here (a GET; after a POST, to `next` when given). Use it as
 * `const user = requirePageUser(request, reply, lang); if (!user) return reply;`.
 */
export function requirePageUser(request: FastifyRequest, reply: FastifyReply, lang: Lang, next?: string): UserActor | undefined {
  if (request.actor.kind === "user") return request.actor;
  const back = safeNext(next ?? (request.method === "GET" ? request.url : undefined));
  reply.redirect(back ? `/${lang}/sign-in?next=${encodeURIComponent(back)}` : `/${lang}/sign-in`, 303);
  return undefined;
}

/**
 * `requirePageUser` for the workspace's pages: after a refused post, sign-in brings the visitor back to the workspace
 * rather than to an address that only posts.
 */
export function requireWorkspaceUser(request: FastifyRequest, reply: FastifyReply, lang: Lang): UserActor | undefined {
  return requirePageUser(request, reply, lang, request.method === "GET" ? undefined : `/${lang}/workspace`);
}

/**
 * Where a page may send the browser after signing in: only a path of this site under a language prefix
 * ("/fr/…"), so that a crafted link cannot send someone elsewhere ("//evil.example", "/\\evil", "https://…").
 */
export function safeNext(next: unknown): string | undefined {
  if (typeof next !== "string" || next.length > 1024) return undefined;
  const match = /^\/([a-z]{2})\/[^\\]*$/.exec(next);
  if (!match || !isLang(match[1])) return undefined;
  // Only printable ASCII: no control characters, no spaces a browser would strip before resolving the address.
  if (!/^[\x21-\x7e]+$/.test(next)) return undefined;
  return next;
}

/**
 * preValidation of the JSON API's writes: a personal API token with the `systems:write` scope (the scope of every
 * write of the platform). A session cookie is refused: these routes take no CSRF token, which is safe only because a
 * browser never sends a bearer token on its own. Checked before the body is validated, so that a caller without the
 * right learns nothing from the validation.
 */
export async function tokenWithWriteScope(request: FastifyRequest) {
  const { actor } = request;
  if (actor.kind !== "user" || actor.via !== "token") throw new AppError("api_token_required", 401);
  if (!actor.scopes.includes("systems:write")) throw new AppError("token_scope_missing", 403, { scope: "systems:write" });
}
