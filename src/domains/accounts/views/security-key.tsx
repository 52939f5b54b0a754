// The security-key (WebAuthn) panels: registering a key on the account page, using one to sign in. WebAuthn needs
// JavaScript, so a panel is hidden until /assets/security-key.js finds a browser that supports it.
import { CsrfField, HiddenField, TextField } from "../../../web/components/fields.tsx";
import type { PageContext } from "../../../web/context.ts";

/** The scripts a page with a security-key panel loads. */
export const securityKeyScripts = ["/assets/vendor/simplewebauthn/index.umd.min.js", "/assets/security-key.js"];

interface Props {
  ctx: PageContext;
  mode: "register" | "sign-in";
  next?: string;
}

export function SecurityKeyPanel({ ctx, mode, next }: Props) {
  const { t, lang } = ctx;
  const base = mode === "register" ? `/${lang}/account/security-keys` : `/${lang}/sign-in/security-key`;
  return (
    <section
      class="security-key-panel"
      aria-labelledby={`security-key-${mode}-heading`}
      data-security-key={mode}
      data-options={`${base}/options`}
      data-waiting={t("security_key.waiting")}
      data-failed={t("security_key.failed")}
      hidden
    >
      {mode === "register" ? (
        <h3 id="security-key-register-heading">{t("security_key.add_heading")}</h3>
      ) : (
        <h2 id="security-key-sign-in-heading">{t("security_key.sign_in_heading")}</h2>
      )}
      <p>{t(mode === "register" ? "security_key.add_intro" : "security_key.sign_in_intro")}</p>
      <form method="post" action={base} novalidate>
        <CsrfField ctx={ctx} />
        {next && <HiddenField name="next" value={next} />}
        {mode === "register" && <TextField ctx={ctx} id="security-key-name" name="name" label={t("security_key.name")} hint={t("security_key.name_hint")} />}
        <p class="security-key-status" role="status" data-status />
        <button type="submit" class="button">
          {t(mode === "register" ? "security_key.add" : "security_key.use")}
        </button>
      </form>
    </section>
  );
}
