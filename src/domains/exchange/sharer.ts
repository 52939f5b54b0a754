// The guard of the forms that share a new practice or event: a signed-in user, and the organisations they may share
// for (a platform admin: all of them); none is a 403.
import type { FastifyReply, FastifyRequest } from "fastify";
import { requireWorkspaceUser } from "../../http/auth.ts";
import { errors } from "../../http/errors.ts";
import type { Lang } from "../../i18n/languages.ts";
import type { Services } from "../../services.ts";
import { localizedString } from "../../web/components/localized.tsx";
import { pageContext } from "../../web/context.ts";

export async function sharerOf(services: Pick<Services, "exchange" | "organisations">, request: FastifyRequest, reply: FastifyReply, lang: Lang) {
  const actor = requireWorkspaceUser(request, reply, lang);
  if (!actor) return undefined;
  const writable = await services.exchange.writableOrganisations(actor);
  if (!writable.length) throw errors.forbidden();
  const names = await services.organisations.getOrganisations(writable);
  const ctx = pageContext(lang, request, reply);
  return { actor, ctx, choices: writable.map((id) => ({ id, name: localizedString(ctx, names.get(id)?.name) })) };
}
