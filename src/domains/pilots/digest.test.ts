// The pilots' e-mail digest as its reader gets it, in each language: the subject counts the changes with the
// language's plural, changes are grouped by pilot with absolute links, a title in another language says so, numbers
// and dates read as the reader writes them, and the text part says what the HTML says, escaped where it must be.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Lang } from "../../i18n/index.ts";
import { composeDigest, type DigestRequest } from "./digest.ts";
import type { LocalizedText } from "../systems/schema.ts";
import type { FeedItem } from "./schema.ts";

const base = "https://gaichel.example.lu";
const both = (fr: string, en: string) => ({ fr: { text: fr, status: "authored" as const }, en: { text: en, status: "authored" as const } });
let nextEvent = 1;
const item = (pilotId: string, at: string, action: FeedItem["action"], detail: FeedItem["detail"] = {}, pilotTitle: LocalizedText = both(`Pilote ${pilotId}`, `Pilot ${pilotId}`)): FeedItem => ({
  eventId: nextEvent++,
  at: new Date(at),
  action,
  pilotId,
  pilotTitle,
  by: "Anaïs Müller",
  detail,
  unread: true,
});

const measurement = item("p1", "2026-03-04T09:00:00Z", "pilot.measurement_recorded", {
  indicator: both("Dossiers en ligne", "Online applications"),
  value: 42.5,
  unit: "%",
  country: "LU",
});
const items = [
  measurement,
  item("p2", "2026-03-03T09:00:00Z", "pilot.lesson_saved", { lesson: both("Commencer petit", "Start small") }),
  item("p1", "2026-03-02T09:00:00Z", "pilot.state_changed", { state: "running" }),
];
const request = (lang: Lang, overrides: Partial<DigestRequest> = {}): DigestRequest => ({
  lang,
  items,
  recipientName: "Luc Weber",
  baseUrl: base,
  period: "weekly",
  unsubscribeUrl: `${base}/${lang}/workspace/pilots/feed`,
  ...overrides,
});
/** What a reader sees of the HTML: its text, entities decoded. */
const visible = (html: string) =>
  html
    .replace(/<title>.*?<\/title>/, "")
    .replace(/<[^>]+>/g, "\n")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));

describe("composeDigest", () => {
  it("counts the changes in the subject with each language's plural forms", () => {
    const subjects = (lang: Lang) => [composeDigest(request(lang, { items: [measurement] })).subject, composeDigest(request(lang)).subject];
    assert.deepEqual(subjects("en"), ["Gäichel — 1 change in your pilots", "Gäichel — 3 changes in your pilots"]);
    assert.deepEqual(subjects("fr"), ["Gäichel — 1 changement dans vos projets pilotes", "Gäichel — 3 changements dans vos projets pilotes"]);
    assert.deepEqual(subjects("nl"), ["Gäichel — 1 wijziging in uw pilootprojecten", "Gäichel — 3 wijzigingen in uw pilootprojecten"]);
    assert.deepEqual(subjects("de"), ["Gäichel — 1 Änderung in Ihren Pilotprojekten", "Gäichel — 3 Änderungen in Ihren Pilotprojekten"]);
  });

  it("writes every part in the reader's language, the HTML document included", () => {
    const greetings = { en: "Hello Luc Weber,", fr: "Bonjour Luc Weber,", nl: "Beste Luc Weber,", de: "Guten Tag Luc Weber," };
    for (const [lang, greeting] of Object.entries(greetings) as Array<[Lang, string]>) {
      const digest = composeDigest(request(lang));
      assert.ok(digest.text.includes(greeting), lang);
      assert.match(digest.html, new RegExp(`^<!doctype html><html lang="${lang}"><head><meta charset="utf-8"/>`));
      assert.ok(digest.html.includes(`<p>${greeting}</p>`), lang);
    }
    assert.ok(composeDigest(request("en", { period: "daily" })).text.includes("over the past day"));
    assert.ok(composeDigest(request("en")).text.includes("over the past week"));
  });

  it("groups the changes by pilot, each under its title linking to the pilot, oldest change first", () => {
    const { html, text } = composeDigest(request("en"));
    assert.deepEqual(
      [...html.matchAll(/<h2><a href="([^"]+)">([^<]+)<\/a><\/h2>/g)].map((m) => [m[1], m[2]]),
      [
        [`${base}/en/pilots/p1`, "Pilot p1"],
        [`${base}/en/pilots/p2`, "Pilot p2"],
      ],
    );
    const lists = [...html.matchAll(/<ul>(.*?)<\/ul>/g)].map((m) => [...m[1]!.matchAll(/<li>([^<]*)<\/li>/g)].map((li) => li[1]));
    assert.deepEqual(lists, [
      ["State changed to “running” — Anaïs Müller, 2 March 2026", "New measurement of “Online applications”: 42.5 % (LU) — Anaïs Müller, 4 March 2026"],
      ["Lesson learned recorded: “Start small” — Anaïs Müller, 3 March 2026"],
    ]);
    assert.ok(
      text.includes(
        `Pilot p1\n${base}/en/pilots/p1\n\n- State changed to “running” — Anaïs Müller, 2 March 2026\n- New measurement of “Online applications”: 42.5 % (LU) — Anaïs Müller, 4 March 2026\n\nPilot p2\n`,
      ),
      text,
    );
  });

  it("formats numbers and dates, and names states, as the reader's language does", () => {
    const de = composeDigest(request("de")).text;
    assert.ok(de.includes("Neue Messung von „Dossiers en ligne“: 42,5 % (LU) — Anaïs Müller, 4. März 2026"), de);
    assert.ok(de.includes("Status geändert auf „laufend“"));
    const nl = composeDigest(request("nl")).text;
    assert.ok(nl.includes("Status gewijzigd naar ‘lopend’ — Anaïs Müller, 2 maart 2026"), nl);
    const fr = composeDigest(request("fr")).text;
    // French puts a no-break space inside its quotation marks and before a colon.
    assert.ok(fr.includes("Nouvelle mesure de «\u00a0Dossiers en ligne\u00a0»\u00a0: 42,5 % (LU)"), fr);
  });

  it("shows a title missing in the reader's language in another one, says which, and marks its language", () => {
    const dutchOnly = { nl: { text: "Slimme verkeerslichten", status: "authored" as const } };
    const { html, text } = composeDigest(request("en", { items: [item("p3", "2026-03-05T09:00:00Z", "pilot.created", {}, dutchOnly)] }));
    assert.ok(html.includes(`<h2><a href="${base}/en/pilots/p3" lang="nl">Slimme verkeerslichten</a></h2><p>Not available in this language: shown in Dutch</p>`), html);
    assert.ok(text.includes("Slimme verkeerslichten\nNot available in this language: shown in Dutch\n"));
    const { html: own } = composeDigest(request("nl", { items: [item("p3", "2026-03-05T09:00:00Z", "pilot.created", {}, dutchOnly)] }));
    assert.doesNotMatch(own, /<a [^>]*lang=|Niet beschikbaar/);
  });

  it("links absolutely, wherever the base address ends, and ends with the link that changes or stops the digest", () => {
    const { html, text } = composeDigest(request("fr", { baseUrl: `${base}/` }));
    const links = hrefs(html);
    assert.deepEqual(links, [`${base}/fr/pilots/p1`, `${base}/fr/pilots/p2`, `${base}/fr/workspace/pilots/feed`]);
    assert.ok(html.includes(`<a href="${base}/fr/workspace/pilots/feed">Modifier ou arrêter le résumé</a></p></body></html>`));
    assert.ok(text.endsWith(`Modifier ou arrêter le résumé\n${base}/fr/workspace/pilots/feed\n`), text);
  });

  it("says the same in its text part as in its HTML part", () => {
    for (const lang of ["fr", "nl", "de", "en"] as const) {
      const { html, text } = composeDigest(request(lang, { items: [...items, item("p3", "2026-03-05T09:00:00Z", "pilot.created", {}, { nl: { text: "Slim", status: "authored" } })] }));
      const shown = visible(html);
      const links = hrefs(html);
      for (const line of text.split("\n").map((l) => l.replace(/^- /, ""))) {
        if (!line || line === "---") continue;
        assert.ok(line.startsWith("https://") ? links.includes(line) : shown.includes(line), `${lang}: "${line}" is in the text, not in the HTML`);
      }
      for (const link of links) assert.ok(text.includes(link), `${lang}: ${link} is in the HTML, not in the text`);
    }
  });

  it("escapes what people wrote in the HTML, and keeps it on one line in the text", () => {
    const hostile = { en: { text: '<script>alert("x")</script>\n- Fake line <img src=x onerror=alert(1)>', status: "authored" as const } };
    const { html, text } = composeDigest(
      request("en", { recipientName: "<b>Eve</b>", items: [item("p4", "2026-03-05T09:00:00Z", "pilot.lesson_saved", { lesson: hostile }, hostile)] }),
    );
    assert.doesNotMatch(html, /<script|<img|<b>/);
    assert.ok(html.includes("&lt;script>alert(&quot;x&quot;)&lt;/script> - Fake line &lt;img src=x onerror=alert(1)>"), html);
    assert.ok(html.includes("<p>Hello &lt;b>Eve&lt;/b>,</p>"));
    assert.ok(text.includes('<script>alert("x")</script> - Fake line <img src=x onerror=alert(1)>\n'));
    assert.ok(!text.includes("\n- Fake line"));
  });
});
