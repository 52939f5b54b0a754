// One-time messages carried across a POST-redirect-GET in a short-lived signed cookie: a notice ("your password is
// set"), or a value the next page shows once and never again (a new API token).
import type { FastifyReply, FastifyRequest } from "fastify";

const FLASH_COOKIE = "gaichel_flash";
/** Long enough for the redirect to be followed, short enough that a forgotten one does not linger. */
const FLASH_SECONDS = 60;
const cookieOptions = { path: "/", httpOnly: true, sameSite: "lax", secure: "auto", signed: true } as const;

export interface Flash {
  /** Translation key of a message to show. */
  notice?: string;
  /** Values the page shows once (a new API token), only to `userId` when set. */
  values?: Record<string, string>;
  /** The user the flash is for: another session in the same browser does not see it. */
  userId?: string;
}

export function setFlash(reply: FastifyReply, flash: Flash) {
  reply.setCookie(FLASH_COOKIE, Buffer.from(JSON.stringify(flash)).toString("base64url"), { ...cookieOptions, maxAge: FLASH_SECONDS });
}

/** Reads the flash and clears it, so that a reload does not show it again. */
export function takeFlash(request: FastifyRequest, reply: FastifyReply, userId?: string): Flash {
  const raw = request.cookies[FLASH_COOKIE];
  if (!raw) return {};
  reply.clearCookie(FLASH_COOKIE, cookieOptions);
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return {};
  try {
    const flash = JSON.parse(Buffer.from(unsigned.value, "base64url").toString("utf8")) as Flash;
    if (flash.userId !== undefined && flash.userId !== userId) return {};
    return { notice: typeof flash.notice === "string" ? flash.notice : undefined, values: flash.values };
  } catch {
    return {};
  }
}
