// The second step of signing in: a code from an authenticator app, after enrolling one the first time.
import { CsrfField, ErrorSummary, HiddenField, TextField } from "../../../web/components/fields.tsx";
import type { PageContext } from "../../../web/context.ts";
import type { FormErrors } from "../../../web/form.ts";
import { Layout } from "../../../web/layout.tsx";
import { SecurityKeyPanel, securityKeyScripts } from "./security-key.tsx";

interface Props {
  ctx: PageContext;
  errors: FormErrors;
  next?: string;
  /** Present while the user enrols: the secret to type into the app and the otpauth:// URI an app opens. */
  enrolment?: { secret: string; uri: string };
  /** Whether the user registered security keys, which the page then offers besides the code. */
  securityKeys?: boolean;
}

/** "JBSWY3DPEHPK3PXP" as "JBSW Y3DP EHPK 3PXP", easier to read out and type. */
export function groupSecret(secret: string): string {
  return (secret.match(/.{1,4}/g) ?? []).join(" ");
}

export function SecondFactorPage({ ctx, errors, next, enrolment, securityKeys = false }: Props) {
  const { t, lang } = ctx;
  const title = enrolment ? t("second_factor.enrol_title") : t("second_factor.title");
  return (
    <Layout ctx={ctx} title={title} hasErrors={errors.summary.length > 0} scripts={securityKeys ? securityKeyScripts : []}>
      <ErrorSummary ctx={ctx} errors={errors.summary} />
      <h1>{title}</h1>
      {enrolment ? (
        <>
          <p>{t("second_factor.enrol_intro")}</p>
          <ol class="steps">
            <li>{t("second_factor.enrol_step_app")}</li>
            <li>
              <p>{t("second_factor.enrol_step_key")}</p>
              <p>
                <code class="secret" id="totp-secret">
                  {groupSecret(enrolment.secret)}
                </code>
              </p>
              <p>
                {t("second_factor.enrol_link_intro")} <a href={enrolment.uri}>{t("second_factor.enrol_link")}</a>.
              </p>
              <p class="hint">
                {t("second_factor.uri_label")}
                {t("common.colon")} <code class="otpauth-uri">{enrolment.uri}</code>
              </p>
            </li>
            <li>{t("second_factor.enrol_step_code")}</li>
          </ol>
        </>
      ) : (
        <p>{t("second_factor.intro")}</p>
      )}
      <form method="post" action={`/${lang}/sign-in/second-factor`} novalidate>
        <CsrfField ctx={ctx} />
        {next && <HiddenField name="next" value={next} />}
        <TextField
          ctx={ctx}
          id="code"
          name="code"
          label={t("second_factor.code")}
          hint={t("second_factor.code_hint")}
          inputMode="numeric"
          autocomplete="one-time-code"
          spellcheck={false}
          error={errors.fields.code}
        />
        <button type="submit" class="button">
          {t("second_factor.submit")}
        </button>
      </form>
      {securityKeys && <SecurityKeyPanel ctx={ctx} mode="sign-in" next={next} />}
      <p>
        <a href={`/${lang}/sign-in`}>{t("second_factor.start_again")}</a>
      </p>
    </Layout>
  );
}
