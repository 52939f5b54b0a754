// The public register in Chromium without JavaScript: search, filter, read, history and diff in each language, with axe on every page.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { Page } from "playwright-core";
import { pickText } from "../../src/domains/systems/present.ts";
import { isNonPublicSection } from "../../src/domains/systems/schema.ts";
import { formatNumber, languages, translator, type Lang } from "../../src/i18n/index.ts";
import { browserSuite } from "./harness.ts";

/** Per language: a word of that language, the country that narrows its results, and the result to open. */
const journeys: Record<Lang, { word: string; country: "LU" | "BE"; open: string }> = {
  fr: { word: "école", country: "BE", open: "be-vl-school-place-allocation" },
  nl: { word: "school", country: "LU", open: "lu-family-benefits-eligibility" },
  de: { word: "Familie", country: "BE", open: "be-bellemont-housing-waiting-list" },
  en: { word: "health", country: "BE", open: "be-health-billing-anomaly-detection" },
};

const siteName = translator("en")("common.site_name");
/** A hung page fails its test instead of the whole run. */
const timeout = 60_000;

describe("public register in Chromium, without JavaScript", () => {
  const suite = browserSuite();
  let page: Page;

  before(async () => {
    page = await suite.tab();
  });

  /** Scans the page the browser is on. */
  const assertAccessible = (on: Page, label: string) => suite.scanner.assertAccessible(on.url(), label);

  /** Waits for the page load that `action` starts, checks that it succeeded and returns its URL. */
  async function navigate(action: () => Promise<unknown>): Promise<URL> {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().frame() === page.mainFrame()),
      action(),
    ]);
    await page.waitForURL(response.url(), { waitUntil: "load" });
    if (response.status() !== 200) {
      const heading = await page.locator("main h1").textContent().catch(() => "");
      assert.fail(`${response.request().method()} ${response.url()} answered ${response.status()}: ${heading}`);
    }
    return new URL(page.url());
  }

  async function resultCount(): Promise<number> {
    return page.locator(".result-list > li").count();
  }

  for (const lang of languages) {
    test(`search, filter, read, history and diff in ${lang}`, { timeout }, async () => {
      const t = translator(lang);
      const { word, country, open } = journeys[lang];
      const { systems, organisations } = suite.register.ctx.services;

      // Home
      const home = await page.goto(`/${lang}/`);
      assert.equal(home?.status(), 200);
      assert.equal(await page.locator("html").getAttribute("lang"), lang);
      assert.equal(await page.title(), `${t("home.title")} – ${siteName}`);
      await assertAccessible(page, `/${lang}/ (home)`);

      // Search from the home page with the keyboard only.
      await page.getByRole("searchbox", { name: t("home.search_label"), exact: true }).focus();
      await page.keyboard.type(word);
      const listUrl = await navigate(() => page.keyboard.press("Enter"));
      assert.equal(listUrl.pathname, `/${lang}/systems`);
      assert.equal(listUrl.searchParams.get("q"), word);
      const found = await resultCount();
      assert.ok(found > 1, `"${word}" should find several systems in ${lang}, found ${found}`);
      assert.equal(
        (await page.locator("#results-heading").textContent())?.trim(),
        t("systems.list.results", { count: found, formatted: formatNumber(lang, found) }),
      );
      assert.equal(await page.title(), `${t("systems.list.title_search", { q: word })} – ${siteName}`);
      assert.equal(await page.getByRole("searchbox", { name: t("systems.list.search_label"), exact: true }).inputValue(), word);
      await assertAccessible(page, `/${lang}/systems?q=${word} (results)`);

      // Narrow by country with the facet and the submit button.
      await page.getByRole("combobox", { name: t("systems.facets.country"), exact: true }).selectOption(country);
      const filteredUrl = await navigate(() => page.getByRole("button", { name: t("systems.list.submit"), exact: true }).click());
      assert.equal(filteredUrl.pathname, `/${lang}/systems`);
      assert.equal(filteredUrl.searchParams.get("q"), word);
      assert.equal(filteredUrl.searchParams.get("country"), country);
      const filtered = await resultCount();
      assert.ok(filtered > 0 && filtered < found, `the ${country} filter should narrow ${found} results, left ${filtered}`);
      for (const meta of await page.locator(".result-meta").all()) {
        assert.match((await meta.textContent()) ?? "", new RegExp(`\\(${t(`countries.${country}`)}\\)`));
      }
      assert.equal(
        await page.getByRole("combobox", { name: t("systems.facets.country"), exact: true }).inputValue(),
        country,
        "the chosen facet stays selected",
      );
      await assertAccessible(page, `/${lang}/systems?q=${word}&country=${country} (filtered results)`);

      // Open a result.
      const system = await systems.getPublishedSystem(open);
      const systemPath = `/${lang}/systems/${open}`;
      const systemUrl = await navigate(() => page.locator(`.result-list a[href="${systemPath}"]`).click());
      assert.equal(systemUrl.pathname, systemPath);
      const name = pickText(system.record.name, lang)!;
      const h1 = page.locator("main h1");
      assert.equal(await h1.count(), 1);
      assert.equal(await h1.locator("span").first().textContent(), name.text);
      if (name.fallback) {
        assert.equal(await h1.locator("span").first().getAttribute("lang"), name.lang, "a fallback name is marked with its language");
        assert.equal(
          await h1.locator(".translation-note").textContent(),
          t("translation.fallback", { language: t(`languages.${name.lang}`) }),
        );
      } else {
        assert.deepEqual(
          await h1.locator(".translation-note").allTextContents(),
          name.status === "machine" ? [t("translation.machine")] : [],
        );
      }
      const restricted = isNonPublicSection(system.record.riskClass);
      const expectedSections = [
        "decides",
        "contest",
        ...(restricted ? [] : ["data", "accountable", "works", "risks", "links"]),
        "reuse",
      ].map((s) => t(`system.sections.${s}`));
      const sections = await page.locator("main section.record-section > h2").allTextContents();
      assert.deepEqual(
        sections,
        expectedSections.filter((s) => s !== t("system.sections.links") || sections.includes(s)),
      );

      // Texts missing in this language are shown in another one, with a visible note in the page's language.
      const fallbackTexts = new Set(
        languages.filter((l) => l !== lang).map((l) => t("translation.fallback", { language: t(`languages.${l}`) })),
      );
      const notes = await page.locator(".translation-note").all();
      let fallbacks = 0;
      for (const note of notes) {
        const text = (await note.textContent()) ?? "";
        assert.ok(fallbackTexts.has(text) || text === t("translation.machine"), `unexpected note: ${text}`);
        if (fallbackTexts.has(text)) fallbacks += 1;
        assert.ok(await note.isVisible(), `the note "${text}" is visible`);
        const noteLang = await note.evaluate((el) => el.closest("[lang]")?.getAttribute("lang"));
        assert.equal(noteLang, lang, "a note is in the page's language, not inside the fallback text's lang");
      }
      assert.ok(fallbacks > 0, `${open} has texts missing in ${lang}: the page should say so`);
      await assertAccessible(page, `${systemPath} (system)`);

      // The organisation that owns it.
      const organisation = await organisations.getOrganisation(system.organisation.id);
      const orgPath = `/${lang}/organisations/${organisation.id}`;
      await navigate(() => page.locator(`main .key-facts a[href="${orgPath}"]`).click());
      assert.equal(new URL(page.url()).pathname, orgPath);
      assert.equal(await page.locator("main h1").textContent(), pickText(organisation.name, lang)!.text);
      assert.ok((await resultCount()) > 0, "an organisation's page lists its systems");
      await assertAccessible(page, `${orgPath} (organisation)`);

      // Every organisation, from the main navigation.
      const mainNav = page.getByRole("navigation", { name: t("layout.main_navigation"), exact: true });
      await navigate(() => mainNav.getByRole("link", { name: t("nav.organisations"), exact: true }).click());
      assert.equal(new URL(page.url()).pathname, `/${lang}/organisations`);
      assert.equal(await page.locator("main h1").textContent(), t("organisations.title"));
      await assertAccessible(page, `/${lang}/organisations (organisations)`);

      // History, from the system page.
      await page.goto(systemPath);
      await navigate(() => page.getByRole("link", { name: t("system.history_link"), exact: true }).click());
      assert.equal(new URL(page.url()).pathname, `${systemPath}/history`);
      const versions = await systems.listVersions(open);
      assert.ok(versions.length > 1, `${open} needs several versions to compare`);
      assert.equal(await page.locator("main h1").textContent(), t("history.title", { name: name.text }));
      assert.equal(await page.locator("main table tbody tr").count(), versions.length);
      await assertAccessible(page, `${systemPath}/history (history)`);

      // Compare the first and the last version.
      const first = versions.at(-1)!.version;
      const last = versions[0]!.version;
      await page.getByRole("combobox", { name: t("history.from"), exact: true }).selectOption(String(first));
      await page.getByRole("combobox", { name: t("history.to"), exact: true }).selectOption(String(last));
      const diffUrl = await navigate(() => page.getByRole("button", { name: t("history.compare"), exact: true }).click());
      assert.equal(diffUrl.pathname, `${systemPath}/diff`);
      assert.equal(diffUrl.searchParams.get("from"), String(first));
      assert.equal(diffUrl.searchParams.get("to"), String(last));
      assert.equal(await page.locator("main h1").textContent(), t("diff.title", { from: first, to: last, name: name.text }));
      assert.ok((await page.locator(".diff-list ins").count()) > 0, "the diff shows added words in <ins>");
      assert.ok((await page.locator(".diff-list del").count()) > 0, "the diff shows removed words in <del>");
      const markerLangs = await page
        .locator(".diff-list .badge, .diff-list .visually-hidden")
        .evaluateAll((els) => [...new Set(els.map((el) => el.closest("[lang]")?.getAttribute("lang")))]);
      assert.deepEqual(markerLangs, [lang], "badges and change markers are in the page's language");
      await assertAccessible(page, `${systemPath}/diff?from=${first}&to=${last} (diff)`);

      // A record that does not exist: a translated 404 page.
      const missing = await page.goto(`/${lang}/systems/does-not-exist`);
      assert.equal(missing?.status(), 404);
      assert.equal(await page.locator("html").getAttribute("lang"), lang);
      assert.equal(
        await page.title(),
        `${t("common.error_prefix")} ${t("errors.system_not_found.title")} – ${siteName}`,
      );
      assert.equal(await page.locator("main h1").textContent(), t("errors.system_not_found.title"));
      const detail = (await page.locator("main").textContent()) ?? "";
      assert.ok(detail.includes("does-not-exist"), "the page names the identifier that was not found");
      assert.doesNotMatch(detail, /\{\{|\}\}/, "no untranslated placeholder");
      await assertAccessible(page, `/${lang}/systems/does-not-exist (404)`);
    });
  }

  test("the root redirects to the language of the Accept-Language header", { timeout }, async () => {
    const tab = await suite.tab(undefined, { locale: "nl-BE" });
    const response = await tab.goto("/");
    assert.equal(new URL(tab.url()).pathname, "/nl/");
    assert.equal(response?.status(), 200);
    assert.equal(response?.request().redirectedFrom()?.url(), `${suite.register.baseURL}/`);
    assert.equal(await tab.locator("html").getAttribute("lang"), "nl");
  });

  test("the language switcher keeps the page and marks the current language", { timeout }, async () => {
    const id = journeys.fr.open;
    await page.goto(`/fr/systems/${id}`);
    const switcher = page.getByRole("navigation", { name: translator("fr")("layout.language_switcher"), exact: true });
    const german = switcher.getByRole("link", { name: translator("de")("languages.de"), exact: true });
    assert.equal(await german.getAttribute("aria-current"), null);
    await navigate(() => german.click());
    assert.equal(new URL(page.url()).pathname, `/de/systems/${id}`);
    assert.equal(await page.locator("html").getAttribute("lang"), "de");
    const switcherAfter = page.getByRole("navigation", { name: translator("de")("layout.language_switcher"), exact: true });
    const links = switcherAfter.getByRole("link");
    assert.equal(await links.count(), languages.length);
    const current = await links.evaluateAll((as) => as.map((a) => [a.getAttribute("hreflang"), a.getAttribute("aria-current")]));
    assert.deepEqual(
      current,
      languages.map((l) => [l, l === "de" ? "true" : null]),
    );
    // Each language is shown by its own name, and the link's accessible name is that visible text (WCAG 2.5.3).
    for (const l of languages) {
      const own = translator(l)(`languages.${l}`);
      const link = switcherAfter.getByRole("link", { name: own, exact: true });
      assert.equal(await link.getAttribute("hreflang"), l);
      assert.equal((await link.innerText()).toLowerCase(), own.toLowerCase());
    }
  });

  test("the first Tab reaches the skip link, which moves focus to the main content", { timeout }, async () => {
    const t = translator("en");
    await page.goto("/en/systems");
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return { text: el?.textContent?.trim(), href: el?.getAttribute("href"), visible: el ? el.getBoundingClientRect().left >= 0 : false };
    });
    assert.deepEqual(focused, { text: t("layout.skip_to_content"), href: "#main", visible: true });
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "main");
    await page.keyboard.press("Tab");
    const next = await page.evaluate(() => document.activeElement?.closest("main") !== null);
    assert.ok(next, "the Tab after the skip link stays in the main content");
  });

  test("the full list fits one page, counted and ordered by name", { timeout }, async () => {
    const t = translator("en");
    const { total, pageCount } = await suite.register.ctx.services.systems.searchSystems({ page: 1, pageSize: 20 }, "en");
    assert.equal(pageCount, 1, "the demo's public systems fit one page of 20");
    const response = await page.goto("/en/systems");
    assert.equal(response?.status(), 200);
    assert.equal(await resultCount(), total);
    assert.equal(
      (await page.locator("#results-heading").textContent())?.trim(),
      t("systems.list.results", { count: total, formatted: formatNumber("en", total) }),
    );
    assert.equal(await page.locator("nav.pagination").count(), 0, "no page links for a single page");
    const names = await page.locator(".result-list > li h3 a > span:first-child").allTextContents();
    assert.equal(names.length, total);
    const collator = new Intl.Collator("en", { sensitivity: "base" });
    assert.deepEqual(names, [...names].sort(collator.compare), "results without a query are ordered by name");
    await assertAccessible(page, "/en/systems (all systems)");
  });
});
