// The signed-in person's own page: who they are, their organisations and roles, their API tokens, their sessions.
import { formatDate, type Lang } from "../../../i18n/index.ts";
import type { Role } from "../../../http/actor.ts";
import type { UserActor } from "../../../http/auth.ts";
import { CheckboxesField, CsrfField, ErrorSummary, TextField } from "../../../web/components/fields.tsx";
import { Localized } from "../../../web/components/localized.tsx";
import type { PageContext } from "../../../web/context.ts";
import type { FormErrors } from "../../../web/form.ts";
import { Layout } from "../../../web/layout.tsx";
import type { OrganisationView } from "../../systems/present.ts";
import { tokenScopes } from "../schema.ts";
import type { ApiTokenRow, SecurityKeyRow } from "../users-repo.ts";
import { SecurityKeyPanel, securityKeyScripts } from "./security-key.tsx";

export type TokenListItem = Omit<ApiTokenRow, "tokenHash">;

/** What the new-token form shows again after an error. */
export interface TokenFormValues {
  name?: string;
  scopes: string[];
  expiresOn?: string;
}

interface Props {
  ctx: PageContext;
  user: UserActor;
  organisations: Map<string, OrganisationView>;
  tokens: TokenListItem[];
  securityKeys: Array<Omit<SecurityKeyRow, "publicKey">>;
  errors: FormErrors;
  form: TokenFormValues;
  /** Translation key of a message from the step before. */
  notice?: string;
  /** A token just created, shown this once. */
  created?: { name: string; token: string };
  now?: Date;
}

/** Translation keys cannot hold ":" (i18next's namespace separator): "systems:read" is "token_scopes.systems_read". */
export const scopeLabel = (scope: string) => `token_scopes.${scope.replace(":", "_")}`;

function tokenState(token: TokenListItem, now: Date): "revoked" | "expired" | "active" {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && token.expiresAt <= now) return "expired";
  return "active";
}

/** A token expires at the midnight that ends its last day: that day is the one shown. */
const lastDay = (lang: Lang, expiresAt: Date) => formatDate(lang, new Date(expiresAt.getTime() - 1));

export function AccountPage({ ctx, user, organisations, tokens, securityKeys, errors, form, notice, created, now = new Date() }: Props) {
  const { t, lang } = ctx;
  const memberships = Object.entries(user.roles).filter(([, roles]) => roles.length > 0);
  return (
    <Layout ctx={ctx} title={t("account.title")} hasErrors={errors.summary.length > 0} scripts={securityKeyScripts}>
      <ErrorSummary ctx={ctx} errors={errors.summary} />
      {notice && (
        <div class="success-notice" role="status">
          <p>{t(notice)}</p>
        </div>
      )}
      {created && (
        <div class="new-token" role="status" aria-labelledby="new-token-heading">
          <h2 id="new-token-heading">{t("account.token_created", { name: created.name })}</h2>
          <p>{t("account.token_created_once")}</p>
          <p>
            <code id="new-token">{created.token}</code>
          </p>
          <p class="hint">{t("account.token_usage")}</p>
        </div>
      )}
      <h1>{t("account.title")}</h1>
      <dl class="key-facts">
        <div>
          <dt>{t("account.name")}</dt>
          <dd>{user.displayName}</dd>
        </div>
        <div>
          <dt>{t("account.email")}</dt>
          <dd>{user.email}</dd>
        </div>
        {user.platformAdmin && (
          <div>
            <dt>{t("account.platform_role")}</dt>
            <dd>{t("account.platform_admin")}</dd>
          </div>
        )}
      </dl>

      <h2>{t("account.organisations_heading")}</h2>
      {memberships.length === 0 ? (
        <p>{t("account.no_organisations")}</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">{t("account.organisations_heading")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("account.organisation")}</th>
              <th scope="col">{t("account.roles")}</th>
            </tr>
          </thead>
          <tbody>
            {memberships.map(([organisationId, roles]) => {
              const organisation = organisations.get(organisationId);
              return (
                <tr>
                  <th scope="row">
                    {organisation ? (
                      <a href={`/${lang}/organisations/${organisationId}`}>
                        <Localized ctx={ctx} text={organisation.name} />
                      </a>
                    ) : (
                      organisationId
                    )}
                  </th>
                  <td>{roles.map((role: Role) => t(`roles.${role}`)).join(", ")}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      <h2 id="tokens">{t("account.tokens_heading")}</h2>
      <p>{t("account.tokens_intro")}</p>
      {tokens.length === 0 ? (
        <p class="empty-state">{t("account.no_tokens")}</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">{t("account.tokens_heading")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("account.token_name")}</th>
              <th scope="col">{t("account.token_scopes")}</th>
              <th scope="col">{t("account.token_created_at")}</th>
              <th scope="col">{t("account.token_last_used")}</th>
              <th scope="col">{t("account.token_expires")}</th>
              <th scope="col">{t("account.token_state")}</th>
              <th scope="col">
                <span class="visually-hidden">{t("account.token_actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => {
              const state = tokenState(token, now);
              return (
                <tr>
                  <th scope="row">{token.name}</th>
                  <td>{token.scopes.map((scope) => t(scopeLabel(scope))).join(", ")}</td>
                  <td>{formatDate(lang, token.createdAt)}</td>
                  <td>{token.lastUsedAt ? formatDate(lang, token.lastUsedAt) : t("account.token_never_used")}</td>
                  <td>{token.expiresAt ? lastDay(lang, token.expiresAt) : t("account.token_no_expiry")}</td>
                  <td>
                    {t(`account.token_${state}`)}
                    {token.revokedAt && ` (${formatDate(lang, token.revokedAt)})`}
                  </td>
                  <td>
                    {state !== "revoked" && (
                      <form method="post" action={`/${lang}/account/tokens/${token.id}/revoke`} class="inline-form">
                        <CsrfField ctx={ctx} />
                        <button type="submit" class="button button-secondary">
                          {t("account.revoke")}
                          <span class="visually-hidden"> {token.name}</span>
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      <h3>{t("account.new_token_heading")}</h3>
      <form method="post" action={`/${lang}/account/tokens`} novalidate>
        <CsrfField ctx={ctx} />
        <TextField
          ctx={ctx}
          id="token-name"
          name="name"
          label={t("account.token_name")}
          hint={t("account.token_name_hint")}
          value={form.name}
          error={errors.fields.name}
        />
        <CheckboxesField
          ctx={ctx}
          id="token-scopes"
          name="scopes"
          legend={t("account.token_scopes")}
          values={form.scopes}
          error={errors.fields.scopes}
          options={tokenScopes.map((scope) => ({ value: scope, label: t(scopeLabel(scope)), hint: t(`${scopeLabel(scope)}_hint`) }))}
        />
        <TextField
          ctx={ctx}
          id="token-expires"
          name="expiresOn"
          type="date"
          label={t("account.token_expires_on")}
          hint={t("account.token_expires_on_hint")}
          value={form.expiresOn}
          error={errors.fields.expiresOn}
        />
        <button type="submit" class="button">
          {t("account.create_token")}
        </button>
      </form>

      <h2 id="security-keys">{t("security_key.heading")}</h2>
      <p>{t("security_key.intro")}</p>
      {securityKeys.length === 0 ? (
        <p class="empty-state">{t("security_key.none")}</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">{t("security_key.heading")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("security_key.name")}</th>
              <th scope="col">{t("security_key.added_on")}</th>
              <th scope="col">{t("security_key.last_used")}</th>
              <th scope="col">
                <span class="visually-hidden">{t("account.token_actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {securityKeys.map((key) => (
              <tr>
                <th scope="row">{key.name}</th>
                <td>{formatDate(lang, key.createdAt)}</td>
                <td>{key.lastUsedAt ? formatDate(lang, key.lastUsedAt) : t("account.token_never_used")}</td>
                <td>
                  <form method="post" action={`/${lang}/account/security-keys/${encodeURIComponent(key.id)}/remove`} class="inline-form">
                    <CsrfField ctx={ctx} />
                    <button type="submit" class="button button-secondary">
                      {t("security_key.remove")}
                      <span class="visually-hidden"> {key.name}</span>
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <SecurityKeyPanel ctx={ctx} mode="register" />

      <h2>{t("account.sessions_heading")}</h2>
      <p>{t("account.sign_out_everywhere_intro")}</p>
      <form method="post" action={`/${lang}/account/sign-out-everywhere`}>
        <CsrfField ctx={ctx} />
        <button type="submit" class="button button-warning">
          {t("account.sign_out_everywhere")}
        </button>
      </form>
    </Layout>
  );
}
