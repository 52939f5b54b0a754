// Every instrument filled in, in every language, in Chromium without JavaScript and with it: start from the record's
// assessments, answer page by page (what the answers bring up included), submit. axe-core scans every questionnaire
// page shown without JavaScript, and the list, overview and errors with it.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { Page, Response } from "playwright-core";
import { loadInstruments } from "../../src/domains/assessments/load.ts";
import { languages, translator, type Lang } from "../../src/i18n/index.ts";
import { signedInAs, type SignedInUser } from "../factories.ts";
import { browserSuite } from "./harness.ts";

const ORGANISATION = "lu-family-fund";
const SYSTEM = "lu-family-benefits-eligibility";
const instruments = loadInstruments();
const timeout = 240_000;

describe("assessments in Chromium, every instrument in every language", () => {
  const suite = browserSuite();
  let editor: SignedInUser;

  before(async () => {
    editor = await signedInAs(suite.register.ctx.services, { [ORGANISATION]: ["editor"] });
  });

  const tab = (javaScript: boolean) => suite.tab(editor.sessionToken, { javaScript });

  /** Waits for the page that `action` leads to (after redirects) and checks that it answered 200. */
  async function navigate(page: Page, action: () => Promise<unknown>): Promise<URL> {
    const [response] = await Promise.all([
      page.waitForResponse((r: Response) => r.request().isNavigationRequest() && r.request().frame() === page.mainFrame() && r.status() !== 303),
      action(),
    ]);
    await page.waitForLoadState("load");
    if (response.status() !== 200) {
      const summary = await page.locator(".error-summary").textContent().catch(() => "");
      assert.fail(`${response.request().method()} ${response.url()} answered ${response.status()}: ${summary}`);
    }
    return new URL(page.url());
  }

  /**
   * Answers every visible question left unanswered, as a person going down the page would: the first option of a
   * choice, a date, a number or a sentence. Repeats while answers bring up new questions (with JavaScript they appear
   * at once). Notes on answers are left alone.
   */
  async function answerVisible(page: Page): Promise<number> {
    let answered = 0;
    for (let round = 0; round < 10; round++) {
      const before = answered;
      const controls = page.locator("form.assessment-form [data-item] :is(input[type=radio], input[type=checkbox], input[type=text], input[type=date], textarea):visible");
      const names = new Set<string>();
      for (const control of await controls.all()) {
        if (await control.evaluate((el) => el.closest(".answer-note") !== null)) continue;
        const name = (await control.getAttribute("name")) ?? "";
        if (names.has(name)) continue;
        names.add(name);
        const type = await control.getAttribute("type");
        if (type === "radio" || type === "checkbox") {
          const group = page.locator(`input[name="${name}"]:visible`);
          if ((await group.evaluateAll((inputs) => inputs.some((i) => (i as HTMLInputElement).checked))) === false) {
            await group.first().check();
            answered++;
          }
        } else if ((await control.inputValue()) === "") {
          const decimal = (await control.getAttribute("inputmode")) === "decimal";
          await control.fill(type === "date" ? "2026-01-15" : decimal ? "2" : "Answer written in the browser test.");
          answered++;
        }
      }
      if (answered === before) break;
    }
    return answered;
  }

  for (const javaScript of [false, true]) {
    for (const lang of languages) {
      test(`${lang}, JavaScript ${javaScript ? "on" : "off"}: each instrument started, filled in page by page and submitted`, { timeout }, async () => {
        const t = translator(lang as Lang);
        const page = await tab(javaScript);
        for (const instrument of instruments) {
          await navigate(page, () => page.goto(`/${lang}/workspace/systems/${SYSTEM}/assessments`));
          const title = instrument.title[lang]?.text ?? instrument.title.en!.text;
          await page.getByRole("radio", { name: title, exact: true }).check();
          let url = await navigate(page, () => page.getByRole("button", { name: t("assessments.start"), exact: true }).click());
          assert.equal(await page.locator("main h1").textContent(), title);
          if (!javaScript && instrument === instruments[0]) await suite.scanner.assertShownAccessible(page, `${lang} assessment overview`);

          // From the overview to the first page, then "save and continue" until the overview again.
          url = await navigate(page, () => page.locator("ol.assessment-pages a").first().click());
          const seen = new Set<string>();
          for (let step = 0; step < 60 && url.pathname.includes("/pages/"); step++) {
            const pageId = url.pathname.split("/").pop()!;
            if (!javaScript && !seen.has(pageId)) await suite.scanner.assertShownAccessible(page, `${lang} ${instrument.id} page ${pageId}`);
            seen.add(pageId);
            await answerVisible(page);
            url = await navigate(page, () => page.getByRole("button", { name: t("assessments.save_continue"), exact: true }).click());
          }
          assert.ok(!url.pathname.includes("/pages/"), `${instrument.id}: the walk ends on the overview`);
          assert.equal(await page.getByRole("status").textContent(), t("assessments.done.saved"));
          assert.match((await page.locator(".progress label").textContent()) ?? "", new RegExp(t("assessments.progress", { answered: "(\\d+)", count: "\\1" })));
          await navigate(page, () => page.getByRole("button", { name: t("assessments.actions.submit"), exact: true }).click());
          assert.equal(await page.getByRole("status").textContent(), t("assessments.done.submit"));
          assert.equal(await page.locator(".key-facts .badge").textContent(), t("assessments.states.submitted"));
          assert.ok(seen.size >= 2, `${instrument.id}: ${seen.size} pages`);
        }
      });
    }
  }

  test("with JavaScript, a question appears as soon as the answer that calls for it is given; without, after saving", { timeout }, async () => {
    const t = translator("en");
    const fria = instruments.find((i) => i.id === "fria")!;
    const notified = fria.pages.find((p) => p.id === "notification")!.items.find((i) => i.id === "notified")!;
    const id = await suite.register.ctx.services.assessments.startAssessment({ kind: "operator", name: "e2e" }, SYSTEM, fria.id);

    for (const javaScript of [true, false]) {
      const page = await tab(javaScript);
      await navigate(page, () => page.goto(`/en/workspace/assessments/${id}/pages/notification`));
      const question = page.getByRole("group", { name: notified.text.en!.text });
      assert.equal(await question.isVisible(), false);
      await page.locator('input[name="a.art46_exemption"][value="no"]').check();
      if (javaScript) {
        await question.waitFor({ state: "visible" });
        await suite.scanner.assertShownAccessible(page, "FRIA notification page with a question the script showed");
        await page.locator('input[name="a.art46_exemption"][value="yes"]').check();
        await question.waitFor({ state: "hidden" });
      } else {
        assert.equal(await question.isVisible(), false, "without JavaScript nothing changes before saving");
        const url = await navigate(page, () => page.getByRole("button", { name: t("assessments.save_continue"), exact: true }).click());
        assert.equal(url.searchParams.get("more"), "1", "the page comes back with the new question");
        assert.equal(await page.getByRole("status").textContent(), t("assessments.more_questions"));
        assert.ok(await question.isVisible());
      }
    }
  });

  test("submitting an incomplete assessment lists what is missing, each linked to its question", { timeout }, async () => {
    const t = translator("fr");
    const impact = instruments.find((i) => i.id === "impact-level")!;
    const id = await suite.register.ctx.services.assessments.startAssessment({ kind: "operator", name: "e2e" }, SYSTEM, impact.id);
    const page = await tab(false);
    await navigate(page, () => page.goto(`/fr/workspace/assessments/${id}`));
    const submitted = await Promise.all([
      page.waitForResponse((r) => r.request().isNavigationRequest() && r.status() === 400),
      page.getByRole("button", { name: t("assessments.actions.submit"), exact: true }).click(),
    ]);
    assert.equal(submitted[0].status(), 400);
    await page.waitForLoadState("load");
    assert.match(await page.title(), new RegExp(`^${t("common.error_prefix")}`));
    const links = page.locator(".error-summary a");
    assert.ok((await links.count()) > 0);
    assert.match((await links.first().textContent()) ?? "", new RegExp(t("assessments.errors.required")));
    await suite.scanner.assertShownAccessible(page, "fr overview with missing answers");
  });
});
