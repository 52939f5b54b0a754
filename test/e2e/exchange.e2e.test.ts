// The knowledge exchange in Chromium, on the demo data (src/demo/exchange.ts, src/demo/pilots.ts), with axe-core:
// 1. the practice library finds practices in French, Dutch, German and English by the stemmed words of their text
//    (an inflected form that is not in the text), says which languages each result can be read in, takes in the
//    pilots' lessons (linking to the lesson on its pilot's page), and says so when nothing matches — no JavaScript;
// 2. a Luxembourg editor shares a public practice in German through the workspace (JavaScript on), is first shown
//    the error summary for the missing title, and the practice is then on its public page and found by a search;
// 3. a new official lists themself in the network with their consent (no JavaScript), is named as a speaker of the
//    colloquium by its organiser through the event's workspace page and as a contact of a demo pilot (through the
//    pilots service, as an operator), then withdraws consent in one action: their name leaves the directory, the
//    event page and the pilot page at once;
// 4. the colloquium's page (programme, materials) and the network page in the four languages.
// axe-core must report no violation on any page scanned.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { Page, Response } from "playwright-core";
import { languages, translator, type Lang } from "../../src/i18n/index.ts";
import type { Actor } from "../../src/http/actor.ts";
import type { LocalizedText } from "../../src/domains/systems/schema.ts";
import { signedInAs } from "../factories.ts";
import { browserSuite } from "./harness.ts";

const timeout = 180_000;
const operator: Actor = { kind: "operator", name: "e2e" };
const en = translator("en");

/** The languages of `list` named in `lang`, as a result says they are available: "French, German, English". */
const languageNames = (lang: Lang, list: Lang[]) => list.map((l) => translator(lang)(`exchange.spoken.${l}`)).join(", ");

/** Every text of a localized field, lowercased, to show that a word searched for is not written there as such. */
const allTexts = (...fields: LocalizedText[]) =>
  fields
    .flatMap((field) => Object.values(field).map((v) => v?.text ?? ""))
    .join(" ")
    .toLowerCase();

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("the knowledge exchange in Chromium", () => {
  const suite = browserSuite();
  const services = () => suite.register.ctx.services;

  /** Waits for the page load that `action` starts and checks its status (a 303 is followed to its page). */
  async function navigate(page: Page, action: () => Promise<unknown>, status = 200): Promise<URL> {
    const [response] = await Promise.all([
      page.waitForResponse((r: Response) => r.request().isNavigationRequest() && r.request().frame() === page.mainFrame() && r.status() !== 303),
      action(),
    ]);
    await page.waitForLoadState("load");
    if (response.status() !== status) {
      const heading = await page.locator("main h1").textContent().catch(() => "");
      assert.fail(`${response.request().method()} ${response.url()} answered ${response.status()}, not ${status}: ${heading}`);
    }
    return new URL(page.url());
  }

  const main = (page: Page) => page.locator("main");
  const button = (page: Page, name: string) => main(page).getByRole("button", { name, exact: true });
  /** The library result (or directory entry) that links to `href`. */
  const resultLinking = (page: Page, href: string) => page.locator("li.result", { has: page.locator(`a[href="${href}"]`) });

  // The demo's practices, pilots and event, found by their titles.
  let practiceIds: { patients: string; humanControl: string };
  let trafficPilot: { id: string; lessonId: string };
  let healthPilotId: string;
  let colloquiumId: string;

  before(async () => {
    const { exchange, pilots } = services();
    const practices = (await exchange.searchPractices(operator, { page: 1, pageSize: 100 }, "en")).items;
    const practice = (fr: string) => practices.find((p) => p.title.fr?.text === fr)!.id;
    practiceIds = {
      patients: practice("Informer les patients de l'usage d'un algorithme"),
      humanControl: practice("Contrôle humain des décisions de remboursement automatisées"),
    };
    const { rows } = await pilots.listPilots(operator, { offset: 0, limit: 50 });
    const pilot = (en: string) => rows.find((p) => p.title.en?.text === en)!.id;
    const trafficId = pilot("Cross-border traffic forecasting");
    const { lessons } = await pilots.getPilot(operator, trafficId);
    trafficPilot = { id: trafficId, lessonId: lessons.find((l) => l.title.fr?.text === "Les jours fériés des deux pays font l'erreur")!.id };
    healthPilotId = pilot("Conversational assistant of the health line");
    const events = await exchange.listEvents(operator);
    colloquiumId = events.find((e) => e.title.en?.text === "LU–BE colloquium: AI in the public sector")!.id;
  });

  test("the library finds practices and lessons by stemmed words in each language, with their languages", { timeout }, async () => {
    const page = await suite.tab();
    const { exchange } = services();

    // An inflected form in each language, which the practice's text holds only in another form of the same word
    // ("recommandation", "aanbeveling", "Empfehlung", "recommendation"), and the languages the practice is written in.
    const searches: Array<{ lang: Lang; q: string; practice: keyof typeof practiceIds; available: Lang[] }> = [
      { lang: "fr", q: "recommandations", practice: "patients", available: ["fr", "de", "en"] },
      { lang: "nl", q: "aanbevelingen", practice: "humanControl", available: ["fr", "nl"] },
      { lang: "de", q: "Empfehlungen", practice: "patients", available: ["fr", "de", "en"] },
      { lang: "en", q: "recommendations", practice: "patients", available: ["fr", "de", "en"] },
    ];
    for (const { lang, q, practice, available } of searches) {
      const t = translator(lang);
      const stored = await exchange.getPractice(operator, practiceIds[practice]);
      assert.ok(!allTexts(stored.title, stored.summary, stored.body).includes(q.toLowerCase()), `"${q}" is not written as such in the practice`);

      // Searched through the form, as a reader without JavaScript does.
      await navigate(page, () => page.goto(`/${lang}/practices`));
      assert.equal(await page.locator("html").getAttribute("lang"), lang);
      await main(page).getByRole("searchbox", { name: t("exchange.library.search_label"), exact: true }).fill(q);
      const url = await navigate(page, () => button(page, t("exchange.library.submit")).click());
      assert.equal(url.pathname, `/${lang}/practices`);
      assert.equal(url.searchParams.get("q"), q);
      assert.equal(await page.title(), `${t("exchange.library.title_search", { q })} – ${t("common.site_name")}`);

      const result = resultLinking(page, `/${lang}/practices/${stored.id}`);
      assert.equal(await result.count(), 1, `/${lang}/practices?q=${q} finds the practice`);
      const title = stored.title[lang]?.text;
      if (title) assert.equal(await result.locator("h3").innerText(), title, "the title in the page's language");
      assert.equal(await result.locator(".available-languages").innerText(), languageNames(lang, available));
      await suite.scanner.assertAccessible(url.pathname + url.search, `/${lang}/practices?q=${q}`);
    }

    // Lessons are part of the library: a lesson of the cross-border traffic pilot, linking to it on the pilot's page.
    const fr = translator("fr");
    await navigate(page, () => page.goto(`/fr/practices?q=${encodeURIComponent("calendriers")}`));
    const lessonHref = `/fr/pilots/${trafficPilot.id}#lesson-${trafficPilot.lessonId}`;
    const lesson = resultLinking(page, lessonHref);
    assert.equal(await lesson.count(), 1, "the lesson is found");
    assert.equal(await lesson.locator("h3").innerText(), "Les jours fériés des deux pays font l'erreur");
    assert.match(await lesson.innerText(), new RegExp(escape(fr("exchange.kinds.lesson"))));
    assert.equal(await lesson.locator(".available-languages").innerText(), languageNames("fr", ["fr", "de"]));
    await suite.scanner.assertAccessible(`/fr/practices?q=calendriers`, "/fr/practices?q=calendriers (a lesson)");
    const pilotPage = await navigate(page, () => lesson.getByRole("link").click());
    assert.equal(pilotPage.pathname + pilotPage.hash, lessonHref);
    assert.equal(await page.locator(`#lesson-${trafficPilot.lessonId} h3`).innerText(), "Les jours fériés des deux pays font l'erreur");

    // Nothing found: the empty state says so and offers the whole library, in each language.
    for (const lang of languages) {
      const t = translator(lang);
      const address = `/${lang}/practices?q=zyxwvutsrq`;
      await navigate(page, () => page.goto(address));
      assert.equal(await page.locator("li.result").count(), 0);
      assert.equal(await page.locator("#results-heading").innerText(), t("exchange.library.results", { count: 0, formatted: "0" }));
      assert.equal(await page.locator(".empty-state p").first().innerText(), t("exchange.library.no_results"));
      assert.equal(await page.locator(".empty-state a").getAttribute("href"), `/${lang}/practices`);
      await suite.scanner.assertAccessible(address, `${address} (no results)`);
    }
  });

  test("a Luxembourg editor shares a public practice in German, after the error summary for a missing title", { timeout }, async () => {
    const editor = await signedInAs(services(), { "lu-family-fund": ["editor"] });
    const page = await suite.tab(editor.sessionToken, { javaScript: true });
    const t = translator("de");
    const inGerman = (key: string) => `${t(key)} (${t("languages.de")})`;

    await navigate(page, () => page.goto("/de/workspace/practices"));
    await navigate(page, () => main(page).getByRole("link", { name: t("exchange.workspace_practices.new"), exact: true }).click());
    assert.equal(new URL(page.url()).pathname, "/de/workspace/practices/new");
    await suite.scanner.assertShownAccessible(page, "/de/workspace/practices/new");

    // Sent without a title: the form again, its error summary first, linking to the title, with what was typed.
    const summary = "Bescheide, die ein Modell vorbereitet, nennen ihre Gründe in einfacher Sprache.";
    await page.getByRole("radio", { name: t("exchange.kinds.practice"), exact: true }).check();
    await page.getByLabel(inGerman("exchange.form.summary"), { exact: true }).fill(summary);
    await page
      .getByLabel(inGerman("exchange.form.body"), { exact: true })
      .fill("Jeder Bescheid, den ein Modell vorbereitet, nennt die drei wichtigsten Begründungen in einfacher Sprache.\n\nEine Sachbearbeiterin prüft jeden Bescheid vor dem Versand.");
    await page.getByLabel(t("exchange.form.sector"), { exact: true }).selectOption("social_security");
    await page.getByRole("radio", { name: t("exchange.sharing.public"), exact: true }).check();
    await navigate(page, () => button(page, t("exchange.form.save")).click(), 400);
    assert.match(await page.title(), new RegExp(`^${escape(t("common.error_prefix"))} `));
    const errors = page.locator(".error-summary");
    assert.equal(await errors.getAttribute("role"), "alert");
    assert.equal(await errors.locator("a").first().getAttribute("href"), "#title-de");
    assert.equal(await page.locator("#title-de").getAttribute("aria-invalid"), "true");
    assert.equal(await page.getByLabel(inGerman("exchange.form.summary"), { exact: true }).inputValue(), summary);
    await suite.scanner.assertShownAccessible(page, "/de/workspace/practices/new (title missing)");

    // With its title: shared, listed in the workspace, public under /de/practices/{id}.
    const title = "Verständliche Begründungen in automatisiert vorbereiteten Bescheiden";
    await page.getByLabel(inGerman("exchange.form.title"), { exact: true }).fill(title);
    const listed = await navigate(page, () => button(page, t("exchange.form.save")).click());
    assert.equal(listed.pathname, "/de/workspace/practices");
    assert.equal(await page.locator(".success-notice").innerText(), t("exchange.workspace_practices.done_created"));
    const edit = await main(page).getByRole("link", { name: title, exact: true }).getAttribute("href");
    const id = /\/de\/workspace\/practices\/([0-9a-f-]{36})\/edit$/.exec(edit ?? "")?.[1];
    assert.ok(id, `the workspace links to the practice's form: ${edit}`);
    await suite.scanner.assertShownAccessible(page, "/de/workspace/practices (created)");
    await navigate(page, () => page.goto(edit!));
    await suite.scanner.assertShownAccessible(page, "/de/workspace/practices/{id}/edit");

    const reader = await suite.tab();
    await navigate(reader, () => reader.goto(`/de/practices/${id}`));
    assert.equal(await reader.locator("main h1").innerText(), title);
    assert.equal(await reader.locator(".available-languages").innerText(), languageNames("de", ["de"]));
    await suite.scanner.assertAccessible(`/de/practices/${id}`);
    // Found in the library by another form of a word of its text.
    await navigate(reader, () => reader.goto(`/de/practices?q=${encodeURIComponent("Begründung")}`));
    assert.equal(await resultLinking(reader, `/de/practices/${id}`).count(), 1);
  });

  test("withdrawing consent removes a person from the directory, the event and the pilot in one action", { timeout }, async () => {
    const { exchange, pilots } = services();
    // A contact of a pilot works for one of its participants: the health line pilot's lead, here.
    const person = await signedInAs(services(), { "lu-health": ["viewer"] }, { email: `nora.kieffer.${Date.now()}@example.lu` });
    const name = person.email.split("@")[0]!;
    const t = en;

    // Listing oneself, without JavaScript: without the consent ticked, the form says it is needed.
    const own = await suite.tab(person.sessionToken);
    await navigate(own, () => own.goto("/en/workspace/network"));
    await suite.scanner.assertShownAccessible(own, "/en/workspace/network (not listed)");
    await own.getByLabel(t("exchange.listing.position"), { exact: true }).fill("Data protection officer");
    await own.getByLabel(`${t("exchange.listing.expertise")} ${t("workspace.optional")}`, { exact: true }).fill("data protection, family benefits");
    await own.getByRole("checkbox", { name: t("exchange.spoken.lb"), exact: true }).check();
    await own.getByRole("checkbox", { name: t("exchange.spoken.fr"), exact: true }).check();
    await navigate(own, () => button(own, t("exchange.listing.list_me")).click(), 400);
    assert.equal(await own.locator(".error-summary a").first().getAttribute("href"), "#consent");
    assert.equal(await own.locator(".error-summary a").first().innerText(), t("validation.consent_required"));
    assert.equal(await own.getByLabel(t("exchange.listing.position"), { exact: true }).inputValue(), "Data protection officer");
    await suite.scanner.assertShownAccessible(own, "/en/workspace/network (consent missing)");
    await own.getByRole("checkbox", { name: t("exchange.listing.consent_label"), exact: true }).check();
    await navigate(own, () => button(own, t("exchange.listing.list_me")).click());
    assert.equal(await own.locator(".success-notice").innerText(), t("exchange.listing.done_saved"));
    await suite.scanner.assertShownAccessible(own, "/en/workspace/network (listed)");

    // Public at once in the directory.
    const reader = await suite.tab();
    const named = (page: Page) => page.getByText(name, { exact: false });
    await navigate(reader, () => reader.goto("/en/network"));
    const entry = reader.locator("li.result", { has: reader.getByRole("heading", { name, exact: true }) });
    assert.equal(await entry.count(), 1, "listed in the directory");
    assert.match(await entry.innerText(), /Data protection officer/);
    assert.match(await entry.innerText(), new RegExp(`${t("exchange.spoken.fr")}.*${t("exchange.spoken.lb")}`));
    const memberId = (await exchange.directory({ page: 1 })).items.find((m) => m.displayName === name)!.id;

    // The colloquium's organiser (an editor of the Luxembourg health directorate) names them as a speaker of a new
    // session, on the event's workspace page.
    const organiser = await signedInAs(services(), { "lu-health": ["editor"] });
    const manage = await suite.tab(organiser.sessionToken);
    await navigate(manage, () => manage.goto(`/en/workspace/events/${colloquiumId}`));
    await manage.getByLabel(t("exchange.manage.day"), { exact: true }).fill("2026-10-16");
    await manage.getByLabel(t("exchange.manage.starts_at"), { exact: true }).fill("11:00");
    await manage.locator("#session-title-en").fill("Data protection in joint pilots");
    await manage.getByRole("checkbox", { name: new RegExp(`^${escape(name)} \\(`) }).check();
    await navigate(manage, () => button(manage, t("exchange.manage.add_session_submit")).click());
    assert.equal(await manage.locator(".success-notice").innerText(), t("exchange.manage.done_session_added"));
    await suite.scanner.assertShownAccessible(manage, "/en/workspace/events/{id} (a session added)");
    // The organiser's other event pages: their events, a new event's form and this one's edit form.
    for (const address of ["/en/workspace/events", "/en/workspace/events/new", `/en/workspace/events/${colloquiumId}/edit`]) {
      await navigate(manage, () => manage.goto(address));
      await suite.scanner.assertShownAccessible(manage, address);
    }

    // …and a contact of the health line pilot, through the pilots service (an operator, the pilot's other fields kept).
    const { pilot } = await pilots.getPilot(operator, healthPilotId);
    await pilots.updatePilot(operator, healthPilotId, {
      title: pilot.title,
      summary: pilot.summary,
      sector: pilot.sector,
      tags: pilot.tags,
      frame: pilot.frame,
      startsOn: pilot.startsOn,
      endsOn: pilot.endsOn,
      sharing: pilot.sharing,
      participants: pilot.participants.filter((p) => p.role !== "lead"),
      systems: pilot.systems,
      contacts: [...pilot.contacts, memberId],
    });

    const eventPage = `/en/network/events/${colloquiumId}`;
    const pilotPage = `/en/pilots/${healthPilotId}`;
    await navigate(reader, () => reader.goto(eventPage));
    const session = reader.locator(".programme li", { hasText: "Data protection in joint pilots" });
    assert.match(await session.locator(".programme-speakers").innerText(), new RegExp(escape(name)));
    await navigate(reader, () => reader.goto(pilotPage));
    assert.match(await reader.locator("#contacts").innerText(), new RegExp(`${escape(name)}, Data protection officer`));
    assert.match(await reader.locator("#contacts").innerText(), /Claire Weber/);

    // Withdrawn in one action, from the listing page through its confirmation.
    await navigate(own, () => own.goto("/en/workspace/network"));
    await navigate(own, () => main(own).getByRole("link", { name: t("exchange.listing.withdraw"), exact: true }).click());
    assert.equal(new URL(own.url()).pathname, "/en/workspace/network/withdraw");
    assert.equal(await own.locator("main h1").innerText(), t("exchange.withdraw.title"));
    await suite.scanner.assertShownAccessible(own, "/en/workspace/network/withdraw");
    await navigate(own, () => button(own, t("exchange.withdraw.confirm")).click());
    assert.equal(await own.locator(".success-notice").innerText(), t("exchange.listing.done_withdrawn"));
    assert.equal(await button(own, t("exchange.listing.list_me")).count(), 1, "the form offers to list them again");
    await suite.scanner.assertShownAccessible(own, "/en/workspace/network (withdrawn)");

    // Gone from all three pages at once; the others named there stay.
    await navigate(reader, () => reader.goto("/en/network"));
    assert.equal(await named(reader).count(), 0, "not in the directory");
    assert.equal(await reader.getByRole("heading", { name: "Claire Weber", exact: true }).count(), 1);
    await navigate(reader, () => reader.goto(eventPage));
    assert.equal(await named(reader).count(), 0, "not a speaker any more");
    assert.equal(await session.count(), 1, "the session stays, without its speaker");
    assert.equal(await session.locator(".programme-speakers").count(), 0);
    assert.match(await reader.locator(".programme").first().innerText(), /Claire Weber/);
    await navigate(reader, () => reader.goto(pilotPage));
    assert.equal(await named(reader).count(), 0, "not a contact of the pilot any more");
    assert.match(await reader.locator("#contacts").innerText(), /Claire Weber/);
    assert.ok(!(await pilots.getPilot(operator, healthPilotId)).pilot.contacts.includes(memberId));
  });

  test("the colloquium's page and the network page in the four languages", { timeout }, async () => {
    const page = await suite.tab();
    const { event } = await services().exchange.getEvent(operator, colloquiumId);
    for (const lang of languages) {
      const t = translator(lang);
      const address = `/${lang}/network/events/${colloquiumId}`;
      await navigate(page, () => page.goto(address));
      assert.equal(await page.locator("html").getAttribute("lang"), lang);
      assert.equal(await page.locator("main h1").innerText(), event.title[lang]!.text);
      const headings = await main(page).locator("h2").allInnerTexts();
      assert.ok(headings.includes(t("exchange.events.programme")) && headings.includes(t("exchange.events.materials")), headings.join(" | "));
      assert.equal(await page.locator('.programme time[datetime="2026-10-15T09:30"]').count(), 1);
      const programme = (await page.locator(".programme").allInnerTexts()).join("\n");
      for (const speaker of ["Claire Weber", "Sofie Peeters", "Luc Hoffmann", "Julien Dubois"]) assert.match(programme, new RegExp(speaker));
      assert.match(programme, new RegExp(`${escape(t("exchange.events.speakers"))}`));
      for (const file of ["actes.pdf", "audits-de-biais.pdf"]) {
        assert.equal(await main(page).locator(`a[href="https://colloque.example.lu/2026/${file}"]`).count(), 1, `${address} links ${file}`);
      }
      await suite.scanner.assertAccessible(address);

      const network = `/${lang}/network`;
      await navigate(page, () => page.goto(network));
      assert.equal(await page.locator("main h1").innerText(), t("exchange.network.title"));
      for (const person of ["Claire Weber", "Sofie Peeters", "Luc Hoffmann", "Julien Dubois"]) {
        assert.equal(await page.getByRole("heading", { name: person, exact: true }).count(), 1, `${network} lists ${person}`);
      }
      assert.equal(await main(page).getByRole("link", { name: event.title[lang]!.text, exact: true }).getAttribute("href"), address);
      await suite.scanner.assertAccessible(network);
    }
    // The materials' titles, where they are written in the page's language.
    await navigate(page, () => page.goto(`/fr/network/events/${colloquiumId}`));
    assert.equal(await main(page).getByRole("link", { name: "Actes du colloque", exact: true }).count(), 1);
    await navigate(page, () => page.goto(`/en/network/events/${colloquiumId}`));
    assert.equal(await main(page).getByRole("link", { name: "Proceedings of the colloquium", exact: true }).count(), 1);
  });
});
