// The HTML part of the pilots' e-mail digest: a plain document (headings, lists, links; no images, no styles) that
// reads well in any mail client and with a screen reader. Every text arrives translated from digest.ts.
import type { Lang } from "../../../i18n/index.ts";

export interface DigestGroup {
  /** The pilot's title, in the reader's language or another one. */
  title: string;
  /** The language of the title when it is not the reader's (then `fallbackNote` says so). */
  titleLang: Lang | null;
  fallbackNote: string | null;
  /** Absolute address of the pilot's page. */
  url: string;
  /** One sentence per change, oldest first. */
  changes: string[];
}

export interface DigestContent {
  lang: Lang;
  subject: string;
  heading: string;
  greeting: string;
  intro: string;
  groups: DigestGroup[];
  footer: string;
  manage: { label: string; url: string };
}

export function DigestEmail({ content }: { content: DigestContent }) {
  const { lang, subject, heading, greeting, intro, groups, footer, manage } = content;
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{subject}</title>
      </head>
      <body>
        <h1>{heading}</h1>
        <p>{greeting}</p>
        <p>{intro}</p>
        {groups.map((group) => (
          <>
            {/* The title is the link: a reader of the list of headings reaches each pilot in one step. */}
            <h2>
              <a href={group.url} lang={group.titleLang ?? undefined}>
                {group.title}
              </a>
            </h2>
            {group.fallbackNote && <p>{group.fallbackNote}</p>}
            <ul>
              {group.changes.map((change) => (
                <li>{change}</li>
              ))}
            </ul>
          </>
        ))}
        <hr />
        <p>
          {footer} <a href={manage.url}>{manage.label}</a>
        </p>
      </body>
    </html>
  );
}
