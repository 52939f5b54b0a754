// The facts about an organisation shown above its list of systems.
import type { PageContext } from "../../../web/context.ts";
import type { OrganisationView } from "../../systems/present.ts";

export function OrganisationFacts({ ctx, organisation }: { ctx: PageContext; organisation: OrganisationView }) {
  const { t } = ctx;
  return (
    <dl class="key-facts">
      <div>
        <dt>{t("organisations.country")}</dt>
        <dd>{t(`countries.${organisation.country}`)}</dd>
      </div>
      <div>
        <dt>{t("organisations.kind")}</dt>
        <dd>{t(`org_kinds.${organisation.kind}`)}</dd>
      </div>
      <div>
        <dt>{t(`organisations.official_id_${organisation.country}`)}</dt>
        <dd>{organisation.officialId}</dd>
      </div>
      {organisation.address && (
        <div>
          <dt>{t("organisations.address")}</dt>
          <dd>{organisation.address}</dd>
        </div>
      )}
      {organisation.website && (
        <div>
          <dt>{t("organisations.website")}</dt>
          <dd>
            <a href={organisation.website} rel="noopener noreferrer external">
              {organisation.website}
            </a>
          </dd>
        </div>
      )}
    </dl>
  );
}
