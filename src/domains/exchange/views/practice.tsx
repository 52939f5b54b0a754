// One practice, guide or template: its text in the page's language (or, with a note, in another), who shares it,
// its sector, tags and languages, and the link to the material itself.
import { formatDate } from "../../../i18n/index.ts";
import { Localized, localizedString } from "../../../web/components/localized.tsx";
import type { PageContext } from "../../../web/context.ts";
import { Layout } from "../../../web/layout.tsx";
import type { PracticeItem } from "../service.ts";
import { KindBadge, LanguageNames, SharingBadge, Tags } from "./common.tsx";

export function PracticePage({ ctx, practice }: { ctx: PageContext; practice: PracticeItem }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={localizedString(ctx, practice.title)}>
      <nav aria-label={t("common.breadcrumb")} class="breadcrumb">
        <ol>
          <li>
            <a href={`/${lang}/practices`}>{t("exchange.library.title")}</a>
          </li>
          <li aria-current="page">{localizedString(ctx, practice.title)}</li>
        </ol>
      </nav>
      <p>
        <KindBadge ctx={ctx} kind={practice.kind} />
        {practice.sharing !== "public" && <SharingBadge ctx={ctx} sharing={practice.sharing} />}
      </p>
      <h1>
        <Localized ctx={ctx} text={practice.title} />
      </h1>
      <div class="lead">
        <Localized ctx={ctx} text={practice.summary} block />
      </div>
      {practice.canEdit && (
        <p>
          <a href={`/${lang}/workspace/practices/${practice.id}/edit`}>{t("exchange.practice.edit")}</a>
        </p>
      )}
      <dl class="key-facts">
        <div>
          <dt>{t("exchange.form.organisation")}</dt>
          <dd>
            <Localized ctx={ctx} text={practice.organisationName} /> ({t(`countries.${practice.country}`)})
          </dd>
        </div>
        <div>
          <dt>{t("exchange.form.sector")}</dt>
          <dd>{practice.sector ? t(`exchange.sectors.${practice.sector}`) : t("common.not_provided")}</dd>
        </div>
        <div>
          <dt>{t("exchange.available_in")}</dt>
          <dd class="available-languages">
            <LanguageNames ctx={ctx} list={practice.languages} />
          </dd>
        </div>
        <div>
          <dt>{t("exchange.updated")}</dt>
          <dd>
            <time datetime={practice.updatedAt.toISOString()}>{formatDate(lang, practice.updatedAt)}</time>
          </dd>
        </div>
      </dl>
      <h2>{t("exchange.practice.body")}</h2>
      <Localized ctx={ctx} text={practice.body} block />
      {practice.link && (
        <p>
          <a href={practice.link} rel="noopener noreferrer">
            {t(`exchange.practice.open_${practice.kind}`)}
          </a>
        </p>
      )}
      <h2>{t("exchange.form.tags")}</h2>
      <Tags ctx={ctx} tags={practice.tags} />
    </Layout>
  );
}
