// The guard of the forms that share a new practice or event: a signed-in user, and the organisations they may share
// for (a platform admin: all of them); none is a 403. The form's organisation must then be one of those.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import { requireWorkspaceUser } from "../../http/auth.ts";
import { errors } from "../../http/errors.ts";
import type { Lang } from "../../i18n/languages.ts";
import type { Services } from "../../services.ts";
import { localizedString } from "../../web/components/localized.tsx";
import { pageContext } from "../../web/context.ts";
import type { ParsedForm } from "../../web/form.ts";

export async function sharerOf(services: Pick<Services, "exchange" | "organisations">, request: FastifyRequest, reply: FastifyReply, lang: Lang) {
  const actor = requireWorkspaceUser(request, reply, lang);
  if (!actor) return undefined;
  const writable = await services.exchange.writableOrganisations(actor);
  if (!writable.length) throw errors.forbidden();
  const names = await services.organisations.getOrganisations(writable);
  const ctx = pageContext(lang, request, reply);
  return { actor, ctx, choices: writable.map((id) => ({ id, name: localizedString(ctx, names.get(id)?.name) })) };
}

/**
 * A new record's parsed form, refused at its organisation when that is not one of the user's `choices`: the contract
 * takes any organisation id, this user may only choose among theirs.
 */
export function amongChoices<S extends z.ZodType>(parsed: ParsedForm<S>, organisationId: string | undefined, choices: Array<{ id: string }>): ParsedForm<S> {
  if (!organisationId || choices.some((o) => o.id === organisationId)) return parsed;
  const errors = parsed.ok ? { fields: {}, summary: [] } : parsed.errors;
  if (!errors.fields.organisationId) {
    errors.fields.organisationId = "validation.choice";
    errors.summary.unshift({ href: "#organisationId", message: "validation.choice" });
  }
  return { ok: false, errors };
}
