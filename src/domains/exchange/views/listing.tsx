// A person's own listing in the network directory: what will be public, the explicit consent, and the way to
// withdraw it in one step (with a confirmation page, so that it works without scripts).
import { CheckboxesField, CsrfField, ErrorSummary, SelectField, TextField } from "../../../web/components/fields.tsx";
import type { PageContext } from "../../../web/context.ts";
import type { FormErrors } from "../../../web/form.ts";
import { Layout } from "../../../web/layout.tsx";
import { Breadcrumb } from "../../systems/views/workspace/common.tsx";
import { spokenLanguages } from "../schema.ts";

export interface ListingValues {
  organisationId?: string;
  position?: string;
  /** As typed: tags separated by commas. */
  expertise?: string;
  languages: string[];
  consent: boolean;
}

interface Props {
  ctx: PageContext;
  organisations: Array<{ id: string; name: string }>;
  listed: boolean;
  values: ListingValues;
  errors: FormErrors;
  done?: "saved" | "withdrawn";
}

export function ListingPage({ ctx, organisations, listed, values, errors, done }: Props) {
  const { t, lang } = ctx;
  const heading = t("exchange.listing.title");
  const e = errors.fields;
  return (
    <Layout ctx={ctx} title={heading} hasErrors={errors.summary.length > 0}>
      <Breadcrumb ctx={ctx} trail={[{ label: heading }]} />
      <ErrorSummary ctx={ctx} errors={errors.summary} />
      {done && (
        <div class="notice success-notice" role="status">
          <p>{t(`exchange.listing.done_${done}`)}</p>
        </div>
      )}
      <h1>{heading}</h1>
      <p class="lead">{t(listed ? "exchange.listing.intro_listed" : "exchange.listing.intro")}</p>
      {organisations.length === 0 ? (
        <p class="empty-state">{t("exchange.listing.no_membership")}</p>
      ) : (
        <form method="post" action={`/${lang}/workspace/network`} novalidate>
          <CsrfField ctx={ctx} />
          <SelectField
            ctx={ctx}
            id="organisationId"
            name="organisationId"
            label={t("exchange.form.organisation")}
            value={values.organisationId}
            error={e.organisationId}
            options={organisations.map((o) => ({ value: o.id, label: o.name }))}
          />
          <TextField ctx={ctx} id="position" name="position" label={t("exchange.listing.position")} hint={t("exchange.listing.position_hint")} value={values.position} error={e.position} />
          <TextField
            ctx={ctx}
            id="expertise"
            name="expertise"
            label={`${t("exchange.listing.expertise")} ${t("workspace.optional")}`}
            hint={t("exchange.listing.expertise_hint")}
            value={values.expertise}
            error={e.expertise}
          />
          <CheckboxesField
            ctx={ctx}
            id="languages"
            name="languages"
            legend={`${t("exchange.listing.languages")} ${t("workspace.optional")}`}
            values={values.languages}
            error={e.languages}
            options={spokenLanguages.map((l) => ({ value: l, label: t(`exchange.spoken.${l}`) }))}
          />
          <CheckboxesField
            ctx={ctx}
            id="consent"
            name="consent"
            legend={t("exchange.listing.consent_legend")}
            hint={t("exchange.listing.consent_statement")}
            values={values.consent ? ["yes"] : []}
            error={e.consent}
            options={[{ value: "yes", label: t("exchange.listing.consent_label") }]}
          />
          <div class="form-actions">
            <button type="submit" class="button">
              {t(listed ? "exchange.listing.save" : "exchange.listing.list_me")}
            </button>
          </div>
        </form>
      )}
      {listed && (
        <section aria-labelledby="withdraw-heading">
          <h2 id="withdraw-heading">{t("exchange.listing.withdraw_title")}</h2>
          <p>{t("exchange.listing.withdraw_intro")}</p>
          <p>
            <a class="button button-warning" href={`/${lang}/workspace/network/withdraw`}>
              {t("exchange.listing.withdraw")}
            </a>
          </p>
        </section>
      )}
    </Layout>
  );
}

/** The confirmation step of a withdrawal (the person's own) or a removal (by a platform admin). */
export function ConfirmRemovalPage({ ctx, action, heading, explanation, confirm, cancel }: { ctx: PageContext; action: string; heading: string; explanation: string; confirm: string; cancel: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={heading}>
      <Breadcrumb ctx={ctx} trail={[{ href: `/${ctx.lang}/workspace/network`, label: t("exchange.listing.title") }, { label: heading }]} />
      <h1>{heading}</h1>
      <p>{explanation}</p>
      <ul>
        <li>{t("exchange.withdraw.effect_directory")}</li>
        <li>{t("exchange.withdraw.effect_events")}</li>
        <li>{t("exchange.withdraw.effect_pilots")}</li>
      </ul>
      <p>{t("exchange.withdraw.effect_again")}</p>
      <form method="post" action={action} class="action-form">
        <CsrfField ctx={ctx} />
        <button type="submit" class="button button-warning">
          {confirm}
        </button>{" "}
        <a href={cancel}>{t("exchange.form.cancel")}</a>
      </form>
    </Layout>
  );
}
