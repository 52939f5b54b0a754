// The participant's feed: what changed in their pilots, by day, those since their last visit marked "new" in words
// (not by colour alone), each saying who did what with a link to the pilot; below, the e-mail digest's settings.
import { formatDate, formatNumber, intlLocale } from "../../../../i18n/index.ts";
import { CsrfField, RadiosField } from "../../../../web/components/fields.tsx";
import { Localized, localizedString } from "../../../../web/components/localized.tsx";
import type { PageContext } from "../../../../web/context.ts";
import { Layout } from "../../../../web/layout.tsx";
import { Breadcrumb } from "../../../systems/views/workspace/common.tsx";
import type { FeedItem } from "../../schema.ts";
import { digestFrequencies } from "../../tables.ts";
import { pilotPage, workspacePilots } from "./common.tsx";

interface Props {
  ctx: PageContext;
  items: FeedItem[];
  unread: number;
  /** The digest's setting, or absent when this instance sends no e-mail. */
  digest?: string;
  notice?: string;
}

const zone = "Europe/Luxembourg";
const dayKey = new Intl.DateTimeFormat("en-CA", { timeZone: zone });

export function FeedPage({ ctx, items, unread, digest, notice }: Props) {
  const { t, lang } = ctx;
  const heading = t("pilots.feed.title");
  const time = new Intl.DateTimeFormat(intlLocale[lang], { timeStyle: "short", timeZone: zone });
  const days = new Map<string, FeedItem[]>();
  for (const item of items) {
    const key = dayKey.format(item.at);
    days.set(key, [...(days.get(key) ?? []), item]);
  }
  return (
    <Layout ctx={ctx} title={heading}>
      <Breadcrumb ctx={ctx} trail={[{ href: workspacePilots(lang), label: t("pilots.workspace.title") }, { label: heading }]} />
      {notice && (
        <div class="success-notice" role="status">
          <p>{t(notice)}</p>
        </div>
      )}
      <h1>{heading}</h1>
      <p class="lead">{!items.length ? t("pilots.feed.empty") : unread ? t("pilots.feed.unread", { count: unread }) : t("pilots.feed.all_read")}</p>
      {[...days].map(([day, list]) => (
        <section aria-labelledby={`day-${day}`}>
          <h2 id={`day-${day}`}>
            <time datetime={day}>{formatDate(lang, day)}</time>
          </h2>
          <ul class="feed">
            {list.map((item) => (
              <li class={item.unread ? "feed-item unread" : "feed-item"}>
                {item.unread && <><strong class="badge">{t("pilots.feed.new")}</strong> </>}
                <a href={pilotPage(lang, item.pilotId)}>
                  <Localized ctx={ctx} text={item.pilotTitle} />
                </a>
                {t("common.colon")} {change(ctx, item)}{" "}
                <span class="meta">
                  {item.by ? t("pilots.feed.by", { name: item.by }) : t("pilots.feed.by_platform")}, <time datetime={item.at.toISOString()}>{time.format(item.at)}</time>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <h2 id="digest">{t("pilots.feed.digest_title")}</h2>
      {digest === undefined ? (
        <p>{t("pilots.feed.no_email")}</p>
      ) : (
        <form method="post" action={`${workspacePilots(lang)}/feed/digest`} novalidate class="record-form">
          <CsrfField ctx={ctx} />
          <RadiosField
            ctx={ctx}
            id="digest-frequency"
            name="digest"
            legend={t("pilots.feed.digest_legend")}
            hint={t("pilots.feed.digest_hint")}
            value={digest}
            options={digestFrequencies.map((f) => ({ value: f, label: t(`pilots.feed.frequencies.${f}`) }))}
          />
          <div class="form-actions">
            <button type="submit" class="button">
              {t("pilots.feed.digest_save")}
            </button>
          </div>
        </form>
      )}
    </Layout>
  );
}

/** What happened, in the words of the digest's lines. */
function change(ctx: PageContext, item: FeedItem): string {
  const { t, lang } = ctx;
  const { detail } = item;
  const text = (value: FeedItem["detail"]["indicator"]) => (value ? localizedString(ctx, value) : t("common.not_provided"));
  return t(`pilots.digest.changes.${item.action.replace(/^pilot\./, "")}`, {
    state: detail.state && t(`pilots.states.${detail.state}`, { defaultValue: detail.state }),
    indicator: text(detail.indicator),
    value: detail.value === undefined ? "—" : [formatNumber(lang, detail.value), detail.unit].filter(Boolean).join(" "),
    country: detail.country ? t(`countries.${detail.country}`) : "—",
    lesson: text(detail.lesson),
  });
}
