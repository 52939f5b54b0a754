// Who is asking: an API token (Authorization: Bearer), else the session cookie, else nobody. Also the CSRF check
// of every form post, and the session cookie's settings.
import cookie from "@fastify/cookie";
import csrf from "@fastify/csrf-protection";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { SESSION_HOURS, type UsersService } from "../domains/accounts/users-service.ts";
import type { UserRow } from "../domains/accounts/users-repo.ts";
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

/** Methods that change something: a form post must carry the CSRF token. */
const unsafe = new Set(["POST", "PUT", "PATCH", "DELETE"]);

async function auth(app: FastifyInstance, { users, cookieSecret }: { users: UsersService; cookieSecret: string }) {
  await app.register(cookie, { secret: cookieSecret });
  await app.register(csrf, { cookieOpts: { ...cookieOptions, signed: true }, getToken: (request) => (request.body as Record<string, string> | undefined)?._csrf });
  app.decorateRequest("actor", null as never);

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

/** For handlers: the signed-in user, or a 401 (the API) / a redirect to sign in (pages). */
export function requireUser(request: FastifyRequest): Extract<Actor, { kind: "user" }> {
  if (request.actor.kind !== "user") throw new AppError("unauthorized", 401);
  return request.actor;
}
