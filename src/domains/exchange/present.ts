// The practice library's public shape in the JSON API (the contracts of schema.ts): organisation nested, dates as ISO
// strings, links to the resource and its page.
import type { z } from "zod";
import type { ListedPracticeOut, PracticeOut } from "./schema.ts";
import type { PracticeItem } from "./service.ts";

/** A practice in a list: its summary without its body. */
export function presentListed(p: PracticeItem, lang: string): z.output<typeof ListedPracticeOut> {
  return {
    id: p.id,
    kind: p.kind,
    title: p.title,
    summary: p.summary,
    sector: p.sector,
    tags: p.tags,
    link: p.link,
    sharing: p.sharing,
    languages: p.languages,
    organisation: { id: p.organisationId, name: p.organisationName, country: p.country },
    updatedAt: p.updatedAt.toISOString(),
    links: { self: `/api/v1/practices/${p.id}`, html: `/${lang}/practices/${p.id}` },
  };
}

/** A practice with its whole text. */
export const present = (p: PracticeItem, lang = "en"): z.output<typeof PracticeOut> => ({ ...presentListed(p, lang), body: p.body, createdAt: p.createdAt.toISOString() });
