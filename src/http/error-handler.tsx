// Turns every error into problem+json (RFC 9457) under /api and a translated HTML page elsewhere.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { translator } from "../i18n/index.ts";
import { pageContext } from "../web/context.ts";
import { ErrorPage } from "../web/error-page.tsx";
import { AppError, type FieldError } from "./errors.ts";
import { sendHtml } from "./render.ts";
import { requestLang } from "./request-lang.ts";

/** Fastify's own client errors, by code, mapped to our stable ids. */
const fastifyCodes: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: "body_too_large",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "unsupported_media_type",
  FST_ERR_CTP_EMPTY_JSON_BODY: "malformed_body",
  FST_ERR_CTP_INVALID_JSON_BODY: "malformed_body",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "malformed_body",
  // @fastify/csrf-protection answers a form without a valid token with these (403), not through our hook's callback.
  FST_CSRF_MISSING_SECRET: "csrf_invalid",
  FST_CSRF_INVALID_TOKEN: "csrf_invalid",
};

function toAppError(error: FastifyError): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    // A path segment that is not one of ours (a language, a version number) names no page.
    if (error.validationContext === "params") return new AppError("page_not_found", 404);
    const fields: FieldError[] = error.validation.map((issue) => ({
      path: [error.validationContext, ...issue.instancePath.split("/").filter(Boolean)].join("."),
      message: issue.message?.startsWith("validation.") ? issue.message : "validation.invalid",
    }));
    return new AppError("invalid_input", 400, {}, fields);
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const id = (error.code && fastifyCodes[error.code]) ?? (error instanceof SyntaxError ? "malformed_body" : "bad_request");
    return new AppError(id, status);
  }
  return new AppError("internal", 500);
}

export function sendError(request: FastifyRequest, reply: FastifyReply, appError: AppError) {
  const lang = requestLang(request);
  if (request.url.startsWith("/api/")) {
    const t = translator(lang);
    return reply
      .status(appError.status)
      .type("application/problem+json")
      .send({
        type: `urn:gaichel:problem:${appError.id}`,
        title: t(`errors.${appError.id}.title`, appError.params),
        status: appError.status,
        detail: t(`errors.${appError.id}.detail`, appError.params),
        id: appError.id,
        instance: request.url,
        ...(appError.fields.length
          ? { errors: appError.fields.map((f) => ({ ...f, detail: t(f.message, f.params) })) }
          : {}),
      });
  }
  return sendHtml(
    reply,
    <ErrorPage ctx={pageContext(lang, request, reply)} id={appError.id} status={appError.status} params={appError.params} fields={appError.fields} />,
    appError.status,
  );
}

/**
 * Errors the router raises before any route or hook (Fastify's `frameworkErrors` option): an address that does not
 * decode (`/api/v1/systems/%`) or a path segment longer than any identifier. Without this, Fastify answers them in
 * its own JSON shape, neither problem+json nor a page.
 */
export function handleFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const appError =
    error.code === "FST_ERR_MAX_PARAM_LENGTH" ? new AppError("page_not_found", 404) : new AppError("bad_request", 400);
  request.log.info({ id: appError.id, status: appError.status, code: error.code }, "client error");
  return sendError(request, reply, appError);
}

/**
 * The body's strings that PostgreSQL cannot store: U+0000 in text, half a surrogate pair in jsonb. Each comes back
 * as a field error with the path of the value.
 */
function unstorable(value: unknown, path = "body"): FieldError[] {
  const check = (text: string, at: string): FieldError[] =>
    text.includes("\u0000")
      ? [{ path: at, message: "validation.no_nul" }]
      : text.isWellFormed()
        ? []
        : [{ path: at, message: "validation.ill_formed_text" }];
  if (typeof value === "string") return check(value, path);
  if (Array.isArray(value)) return value.flatMap((item, i) => unstorable(item, `${path}.${i}`));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => [...check(k, path), ...unstorable(v, `${path}.${k}`)]);
  }
  return [];
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error }, "request failed");
    else request.log.info({ id: appError.id, status: appError.status }, "client error");
    return sendError(request, reply, appError);
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, new AppError("page_not_found", 404)));
  // PostgreSQL cannot store U+0000 (nor, in jsonb, half a surrogate pair): a path, query or body holding one would
  // fail in SQL, so it is refused here, for every route at once, naming the field.
  app.addHook("onRequest", async (request) => {
    if (/%00/.test(request.url)) throw new AppError("bad_request", 400);
  });
  // A preHandler, so that a route's own checks (who may write) answer first.
  app.addHook("preHandler", async (request) => {
    if (request.body === undefined || request.body === null) return;
    const fields = unstorable(request.body);
    if (fields.length) throw new AppError("invalid_input", 400, {}, fields);
  });
}
