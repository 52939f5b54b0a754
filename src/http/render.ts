// Renders a Preact tree as a complete HTML page.
import type { FastifyReply } from "fastify";
import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";

export function sendHtml(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply
    .status(status)
    .type("text/html; charset=utf-8")
    .send(`<!doctype html>${renderToString(page)}`);
}
