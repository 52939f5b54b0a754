// Zod contracts of the knowledge exchange, one per operation: the workspace forms, the JSON API and the demo data use
// them alike, and OpenAPI is generated from them. Messages are translation keys.
import { z } from "zod";
import type { Actor } from "../../http/actor.ts";
import { languages, type Lang } from "../../i18n/languages.ts";
import { localized, type LocalizedText } from "../systems/schema.ts";
import { countries, sectors, sharingLevels, type Country, type Sector } from "./sharing.ts";
import { practiceKinds } from "./tables.ts";

const isoDate = z.iso.date({ error: "validation.date" });
const shortText = (max: number) => z.string().trim().min(1, "validation.required").max(max, "validation.too_long");
const tags = z.array(z.string().trim().toLowerCase().min(1).max(40, "validation.too_long")).max(20, "validation.too_many_items").default([]);
/** Material lives elsewhere; only an https address is linked, so that a page never sends a reader over plain HTTP. */
const httpsUrl = z.url({ protocol: /^https$/, error: "validation.https_url" }).max(2000, "validation.too_long");
const sharing = z.enum(sharingLevels, { error: "validation.choice" }).default("participants");

// ---- Practice library ------------------------------------------------------------------------------------------

/** What an organisation writes about a practice, guide or template. */
export const PracticeInput = z
  .object({
    kind: z.enum(practiceKinds, { error: "validation.choice" }),
    title: localized(200),
    summary: localized(1000),
    body: localized(20000),
    sector: z.enum(sectors, { error: "validation.choice" }).optional(),
    tags,
    link: httpsUrl.optional(),
    sharing,
  })
  .strict();
export type PracticeInput = z.output<typeof PracticeInput>;

/** A new practice: the organisation that shares it, and what it says. */
export const NewPractice = PracticeInput.extend({ organisationId: shortText(64) }).strict();
export type NewPractice = z.output<typeof NewPractice>;

/** What the library lists: the three kinds of the library's own items, and the pilots' lessons. */
export const libraryKinds = [...practiceKinds, "lesson"] as const;

/** A filter left at "Any" in an HTML form arrives as `name=`: the same as no filter. */
const filter = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

export const PracticeListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  kind: filter(z.enum(practiceKinds)),
  sector: filter(z.enum(sectors)),
  country: filter(z.enum(countries)),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  lang: z.enum(languages).optional(),
});
export type PracticeListQuery = z.infer<typeof PracticeListQuery>;

/** The library page's query: its kind filter takes lessons too. */
export const LibraryQuery = PracticeListQuery.omit({ kind: true, lang: true, pageSize: true }).extend({ kind: filter(z.enum(libraryKinds)) });
export type LibraryQuery = z.infer<typeof LibraryQuery>;

/** A lesson learned in a pilot, as the pilots domain finds it for a search of the library. */
export interface LessonHit {
  id: string;
  pilotId: string;
  title: LocalizedText;
  excerpt: LocalizedText;
  organisationId: string;
  country: Country;
  tags: string[];
  languages: Lang[];
  rank: number;
  /** The pilot's sector, when given: lessons then follow the library's sector filter (without it they are left out of a filtered list). */
  sector?: Sector;
}

/** Where the library's lessons come from (the pilots service), given to the exchange service when it is composed. */
export interface LessonsSource {
  /**
   * The lessons `actor` may read that match `q` (searched from a page in `lang`), best first. With an empty `q` the
   * library is being browsed: the source may answer none, or its most recent lessons at rank 0.
   */
  searchLessons(actor: Actor, lang: Lang, q: string, limit: number): Promise<LessonHit[]>;
}

// ---- Network directory ---------------------------------------------------------------------------------------

/** Languages a member may say they speak: the platform's four and Luxembourgish. */
export const spokenLanguages = ["fr", "nl", "de", "en", "lb"] as const;

/** A person's listing in the directory; `consent` must be given each time the listing is saved. */
export const MemberInput = z
  .object({
    organisationId: shortText(64),
    position: shortText(200),
    expertise: tags,
    languages: z.array(z.enum(spokenLanguages, { error: "validation.choice" })).max(spokenLanguages.length).default([]),
    consent: z.literal(true, { error: "validation.consent_required" }),
  })
  .strict();
export type MemberInput = z.output<typeof MemberInput>;

export const DirectoryQuery = z.object({
  country: filter(z.enum(countries)),
  expertise: filter(z.string().trim().toLowerCase().max(40)),
  page: z.coerce.number().int().min(1).max(1000).default(1),
});
export type DirectoryQuery = z.infer<typeof DirectoryQuery>;

// ---- Events --------------------------------------------------------------------------------------------------

const eventFields = {
  title: localized(200),
  description: localized(8000),
  startsOn: isoDate,
  endsOn: isoDate,
  place: shortText(300),
  sharing,
};
const endsAfterStart = <T extends { startsOn: string; endsOn: string }>(schema: z.ZodType<T>) =>
  schema.refine((e) => e.endsOn >= e.startsOn, { message: "validation.end_before_start", path: ["endsOn"] });

export const EventInput = endsAfterStart(z.object(eventFields).strict());
export type EventInput = z.output<typeof EventInput>;

export const NewEvent = endsAfterStart(z.object({ organisationId: shortText(64), ...eventFields }).strict());
export type NewEvent = z.output<typeof NewEvent>;

/** One item of the programme; its day must fall within the event's dates (checked by the service). */
export const SessionInput = z
  .object({
    day: isoDate,
    startsAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "validation.time"),
    title: localized(300),
    speakers: z.array(z.uuid({ error: "validation.choice" })).max(12, "validation.too_many_items").default([]),
  })
  .strict();
export type SessionInput = z.output<typeof SessionInput>;

export const MaterialInput = z.object({ title: localized(300), url: httpsUrl }).strict();
export type MaterialInput = z.output<typeof MaterialInput>;

// ---- API response contracts (the OpenAPI document is generated from these) -----------------------------------

const LocalizedOut = z.record(z.string(), z.object({ text: z.string(), status: z.enum(["authored", "machine"]) }));

export const ListedPracticeOut = z.object({
  id: z.uuid(),
  kind: z.enum(practiceKinds),
  title: LocalizedOut,
  summary: LocalizedOut,
  sector: z.enum(sectors).nullable(),
  tags: z.array(z.string()),
  link: z.string().nullable(),
  sharing: z.enum(sharingLevels),
  /** The languages the practice's text is written in. */
  languages: z.array(z.enum(languages)),
  organisation: z.object({ id: z.string(), name: LocalizedOut, country: z.enum(countries) }),
  updatedAt: z.string(),
  links: z.object({ self: z.string(), html: z.string() }),
});

export const PracticeOut = ListedPracticeOut.extend({ body: LocalizedOut, createdAt: z.string() });

export const PracticeListOut = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  pageCount: z.number().int(),
  items: z.array(ListedPracticeOut),
});

export const PracticeIdParams = z.object({ id: z.uuid() });
