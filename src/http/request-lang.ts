// The language of a request: the /{lang}/ prefix of the page, else the Accept-Language header.
import type { FastifyRequest } from "fastify";
import { isLang, negotiateLanguage, type Lang } from "../i18n/index.ts";

export function requestLang(request: FastifyRequest): Lang {
  const prefix = request.url.split("/")[1];
  if (isLang(prefix)) return prefix;
  const query = (request.query as Record<string, unknown> | undefined)?.lang;
  if (isLang(query)) return query;
  return negotiateLanguage(request.headers["accept-language"]);
}
