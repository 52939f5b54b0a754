// The first step of signing in with a local account: e-mail address and password.
import { CsrfField, ErrorSummary, HiddenField, TextField } from "../../../web/components/fields.tsx";
import type { PageContext } from "../../../web/context.ts";
import type { FormErrors } from "../../../web/form.ts";
import { Layout } from "../../../web/layout.tsx";
import { OidcSignInButton } from "./oidc-button.tsx";

interface Props {
  ctx: PageContext;
  errors: FormErrors;
  /** Kept after an error; the password never is. */
  email?: string;
  /** Where to go once signed in. */
  next?: string;
  /** Translation key of a message from the step before (password set, signed out). */
  notice?: string;
  /** Whether the organisation's identity provider (OpenID Connect) is configured. */
  oidcEnabled?: boolean;
}

export function SignInPage({ ctx, errors, email, next, notice, oidcEnabled }: Props) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t("sign_in.title")} hasErrors={errors.summary.length > 0}>
      <ErrorSummary ctx={ctx} errors={errors.summary} />
      {notice && (
        <div class="success-notice" role="status">
          <p>{t(notice)}</p>
        </div>
      )}
      <h1>{t("sign_in.title")}</h1>
      <p>{t("sign_in.intro")}</p>
      <form method="post" action={`/${lang}/sign-in`} novalidate>
        <CsrfField ctx={ctx} />
        {next && <HiddenField name="next" value={next} />}
        <TextField
          ctx={ctx}
          id="email"
          name="email"
          type="email"
          label={t("sign_in.email")}
          value={email}
          autocomplete="username"
          spellcheck={false}
          error={errors.fields.email}
        />
        <TextField
          ctx={ctx}
          id="password"
          name="password"
          type="password"
          label={t("sign_in.password")}
          autocomplete="current-password"
          error={errors.fields.password}
        />
        <button type="submit" class="button">
          {t("sign_in.submit")}
        </button>
      </form>
      {oidcEnabled && (
        <p>
          <OidcSignInButton ctx={ctx} next={next} />
        </p>
      )}
      <h2>{t("sign_in.no_account_heading")}</h2>
      <p>{t("sign_in.no_account")}</p>
    </Layout>
  );
}
