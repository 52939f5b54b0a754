// What every view needs to know about the request it renders.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Actor } from "../http/actor.ts";
import { translator, type Lang, type T } from "../i18n/index.ts";

export interface PageContext {
  lang: Lang;
  t: T;
  /** Path of the page without its language prefix, e.g. "/systems?q=tax", for the language switcher. */
  path: string;
  /** Who is looking: views show only the actions this actor may take. */
  actor: Actor;
  /** The CSRF token every form that posts must carry (as a hidden `_csrf` field). */
  csrf(): string;
}

/**
 * One token per response: the first call sets the secret's cookie when the browser has none, and a second call in
 * the same response would otherwise set another secret, invalidating the tokens already written into the page.
 */
const csrfTokens = new WeakMap<FastifyReply, string>();

function csrfToken(reply: FastifyReply): string {
  let token = csrfTokens.get(reply);
  if (!token) {
    token = reply.generateCsrf();
    csrfTokens.set(reply, token);
  }
  return token;
}

export function pageContext(lang: Lang, request: FastifyRequest, reply: FastifyReply): PageContext {
  const rest = request.url.replace(/^\/(fr|nl|de|en)(?=\/|\?|$)/, "");
  return {
    lang,
    t: translator(lang),
    path: rest === "" ? "/" : rest.startsWith("?") ? `/${rest}` : rest,
    actor: request.actor ?? { kind: "anonymous" },
    csrf: () => csrfToken(reply),
  };
}
