// The e-mail digest of a participant's pilots: subject, plain text and HTML in the reader's language, from feed items.
// Pure: the caller (the digest job) gets the items from the service and sends the result with the mailer.
import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import { formatDate, formatNumber, translator, type Lang, type T } from "../../i18n/index.ts";
import { pickText } from "../systems/present.ts";
import type { LocalizedText } from "../systems/schema.ts";
import type { FeedItem } from "./schema.ts";
import { DigestEmail, type DigestContent, type DigestGroup } from "./views/digest-email.tsx";

export interface DigestRequest {
  lang: Lang;
  /** The changes to tell, as the feed gives them (any order). */
  items: FeedItem[];
  recipientName: string;
  /** Absolute address of the platform (GAICHEL_PUBLIC_URL): mail clients have no page to resolve a relative link against. */
  baseUrl: string;
  period: "daily" | "weekly";
  /** Absolute address of the page where the reader changes or stops the digest (`{baseUrl}/{lang}/workspace/pilots/feed`). */
  unsubscribeUrl: string;
}

export interface Digest {
  subject: string;
  text: string;
  html: string;
}

export function composeDigest(request: DigestRequest): Digest {
  const content = digestContent(request);
  return {
    subject: content.subject,
    text: digestText(content),
    html: `<!doctype html>${renderToString(h(DigestEmail, { content }))}\n`,
  };
}

/** One model for both parts, so that the text and the HTML say the same. */
function digestContent({ lang, items, recipientName, baseUrl, period, unsubscribeUrl }: DigestRequest): DigestContent {
  const t = translator(lang);
  const base = baseUrl.replace(/\/+$/, "");
  const byPilot = new Map<string, FeedItem[]>();
  for (const item of items) {
    const group = byPilot.get(item.pilotId);
    if (group) group.push(item);
    else byPilot.set(item.pilotId, [item]);
  }
  const groups = [...byPilot].map(([pilotId, changes]): DigestGroup => {
    const picked = pickText(changes[0]!.pilotTitle, lang);
    const fallback = picked?.fallback ? picked.lang : null;
    return {
      title: oneLine(picked?.text ?? t("common.not_provided")),
      titleLang: fallback,
      fallbackNote: fallback && t("translation.fallback", { language: t(`languages.${fallback}`) }),
      url: `${base}/${lang}/pilots/${encodeURIComponent(pilotId)}`,
      changes: [...changes].sort((a, b) => a.at.getTime() - b.at.getTime()).map((item) => changeLine(t, lang, item)),
    };
  });
  return {
    lang,
    subject: t("pilots.digest.subject", { site: t("common.site_name"), count: items.length, formatted: formatNumber(lang, items.length) }),
    heading: t("pilots.digest.heading"),
    greeting: t("pilots.digest.greeting", { name: oneLine(recipientName) }),
    intro: t(`pilots.digest.intro_${period}`),
    groups,
    footer: t(`pilots.digest.footer_${period}`),
    manage: { label: t("pilots.digest.manage"), url: unsubscribeUrl },
  };
}

/** "New measurement of “Waiting time”: 42 % (LU) — Anaïs Müller, 3 March 2026". */
function changeLine(t: T, lang: Lang, item: FeedItem): string {
  const { detail } = item;
  const text = (value: LocalizedText | undefined) => oneLine(pickText(value, lang)?.text ?? t("common.not_provided"));
  const value = detail.value === undefined ? "—" : [formatNumber(lang, detail.value), detail.unit].filter(Boolean).join(" ");
  const change = t(`pilots.digest.changes.${item.action.replace(/^pilot\./, "")}`, {
    state: detail.state && t(`pilots.states.${detail.state}`, { defaultValue: detail.state }),
    indicator: text(detail.indicator),
    value,
    country: detail.country ?? "—",
    lesson: text(detail.lesson),
  });
  const when = formatDate(lang, item.at);
  return `${change} — ${item.by ? `${oneLine(item.by)}, ${when}` : when}`;
}

/** Texts written by people go on one line: a line break in a title must not pass for another line of the digest. */
const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

function digestText(content: DigestContent): string {
  const groups = content.groups.map((group) =>
    [group.title, ...(group.fallbackNote ? [group.fallbackNote] : []), group.url, "", ...group.changes.map((change) => `- ${change}`)].join("\n"),
  );
  const footer = [content.footer, content.manage.label, content.manage.url].join("\n");
  return `${[content.heading, content.greeting, content.intro, ...groups, "---", footer].join("\n\n")}\n`;
}
