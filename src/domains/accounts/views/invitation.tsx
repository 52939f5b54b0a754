// An invited person chooses their password, with the link they received.
import { CsrfField, ErrorSummary, TextField } from "../../../web/components/fields.tsx";
import type { PageContext } from "../../../web/context.ts";
import type { FormErrors } from "../../../web/form.ts";
import { Layout } from "../../../web/layout.tsx";

interface Props {
  ctx: PageContext;
  errors: FormErrors;
  /** The path of the form: the invitation link itself. */
  action: string;
  user: { email: string; displayName: string };
}

export function InvitationPage({ ctx, errors, action, user }: Props) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("invitation.title")} hasErrors={errors.summary.length > 0}>
      <ErrorSummary ctx={ctx} errors={errors.summary} />
      <h1>{t("invitation.title")}</h1>
      <p>{t("invitation.intro", { name: user.displayName, email: user.email })}</p>
      <form method="post" action={action} novalidate>
        <CsrfField ctx={ctx} />
        <TextField
          ctx={ctx}
          id="password"
          name="password"
          type="password"
          label={t("invitation.password")}
          hint={t("invitation.password_hint")}
          autocomplete="new-password"
          error={errors.fields.password}
        />
        <TextField
          ctx={ctx}
          id="confirmation"
          name="confirmation"
          type="password"
          label={t("invitation.confirmation")}
          autocomplete="new-password"
          error={errors.fields.confirmation}
        />
        <button type="submit" class="button">
          {t("invitation.submit")}
        </button>
      </form>
    </Layout>
  );
}
