// The workspace in Chromium without JavaScript: a Luxembourg editor creates a record, fixes a form with errors,
// writes a translation and submits; a reviewer of the same ministry approves and the record is public. axe-core
// scans every workspace page, and the edit form with and without errors in all four languages.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { Page, Response } from "playwright-core";
import { languages, translator } from "../../src/i18n/index.ts";
import { sectionNames } from "../../src/domains/systems/schema.ts";
import { signedInAs, type SignedInUser } from "../factories.ts";
import { browserSuite } from "./harness.ts";

const ORGANISATION = "lu-family-fund";
const timeout = 120_000;
const en = translator("en");

describe("workspace in Chromium, without JavaScript", () => {
  const suite = browserSuite();
  let editor: SignedInUser;
  let reviewer: SignedInUser;

  before(async () => {
    editor = await signedInAs(suite.register.ctx.services, { [ORGANISATION]: ["editor"] });
    reviewer = await signedInAs(suite.register.ctx.services, { [ORGANISATION]: ["reviewer"] });
  });

  /** A browser tab without JavaScript, signed in as `who` by its session cookie. */
  const tabFor = (who: SignedInUser) => suite.tab(who.sessionToken);

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

  const scan = (page: Page, label: string) => suite.scanner.assertShownAccessible(page, label);
  const button = (page: Page, name: string) => page.locator("main").getByRole("button", { name, exact: true });

  test("edit → errors → translation → submit → approve → public, with axe on every page", { timeout }, async () => {
    const page = await tabFor(editor);
    const t = en;

    // The dashboard, then the new-record form.
    await navigate(page, () => page.goto("/en/workspace"));
    assert.equal(await page.locator("main h1").textContent(), t("workspace.dashboard.title"));
    await scan(page, "/en/workspace (dashboard)");
    await navigate(page, () => page.getByRole("link", { name: t("workspace.dashboard.new"), exact: true }).click());
    assert.equal(new URL(page.url()).pathname, "/en/workspace/systems/new");
    await scan(page, "/en/workspace/systems/new");

    // Sent half-filled: the same form with an error summary, the title says so, and what was typed is still there.
    await page.getByLabel(`${t("workspace.labels.name")} (${t("languages.en")})`, { exact: true }).fill("Benefit claim triage");
    await navigate(page, () => button(page, t("workspace.new.create")).click(), 400);
    assert.match(await page.title(), new RegExp(`^${t("common.error_prefix")} `));
    const summary = page.locator(".error-summary");
    assert.equal(await summary.getAttribute("role"), "alert");
    const firstError = summary.locator("a").first();
    assert.equal(await firstError.getAttribute("href"), "#record-summary-en");
    assert.equal(await page.getByLabel(`${t("workspace.labels.name")} (${t("languages.en")})`, { exact: true }).inputValue(), "Benefit claim triage");
    assert.match((await page.locator("#record-summary-en").getAttribute("aria-describedby")) ?? "", /record-summary-en-error/);
    await scan(page, "/en/workspace/systems/new (with errors)");

    // Filled in, with the keyboard-free labels a screen reader would announce.
    const label = (key: string) => `${t(`workspace.labels.${key}`)} (${t("languages.en")})`;
    await page.getByLabel(label("summary"), { exact: true }).fill("Sorts benefit claims by urgency for the case workers.");
    await page.getByLabel(label("purpose"), { exact: true }).fill("Shorter waiting times for families.");
    await page.getByLabel(label("redress"), { exact: true }).fill("Object to the Fund, then appeal to the social security tribunal.");
    await page.getByLabel(t("workspace.labels.automation"), { exact: true }).selectOption("advisory");
    await page.getByLabel(t("workspace.labels.classification_theme"), { exact: true }).selectOption("social_security");
    await page.getByLabel(t("workspace.labels.classification_region"), { exact: true }).selectOption("LU");
    await page.getByLabel(t("workspace.labels.status_phase"), { exact: true }).selectOption("pilot");
    await page.getByLabel(t("workspace.labels.riskClass_class"), { exact: true }).selectOption("minimal");
    await page.getByLabel(`${t("workspace.labels.contact_email")} ${t("workspace.optional")}`, { exact: true }).fill("ai@fund.example.lu");
    await navigate(page, () => button(page, t("workspace.new.create")).click());
    const id = /\/en\/workspace\/systems\/([a-z0-9-]+)$/.exec(new URL(page.url()).pathname)?.[1];
    assert.ok(id, `on the record's page: ${page.url()}`);
    assert.equal(await page.locator(".success-notice").textContent(), t("workspace.done.created"));
    await scan(page, "/en/workspace/systems/{id} (draft)");

    // Every section's form, as its editor sees it; one with an item added by the "add" button, no script needed.
    for (const section of sectionNames) {
      await navigate(page, () => page.goto(`/en/workspace/systems/${id}/edit/${section}?language=en`));
      await scan(page, `/en/workspace/systems/{id}/edit/${section}`);
    }
    await navigate(page, () => button(page, t("workspace.lists.assessments.add_first")).click());
    assert.equal(await page.locator("#assessments-0-kind").count(), 1);
    await scan(page, "/en/workspace/systems/{id}/edit/risks (an assessment added)");

    // The edit form in each language, on its own and with an error.
    for (const lang of languages) {
      const tl = translator(lang);
      await navigate(page, () => page.goto(`/${lang}/workspace/systems/${id}/edit/basics?language=${lang}`));
      assert.equal(await page.locator("html").getAttribute("lang"), lang);
      assert.equal(await page.locator(`#summary-${lang}`).getAttribute("lang"), lang, "the text being written is marked with its language");
      await scan(page, `/${lang}/workspace/systems/{id}/edit/basics`);
      await page.locator("#contact-email").fill("not an address");
      await navigate(page, () => button(page, tl("workspace.edit.save")).click(), 400);
      assert.equal(await page.locator(".error-summary a").first().getAttribute("href"), "#contact-email");
      assert.equal(await page.locator("#contact-email").inputValue(), "not an address");
      assert.match(await page.title(), new RegExp(`^${tl("common.error_prefix")} `));
      await scan(page, `/${lang}/workspace/systems/{id}/edit/basics (with errors)`);
    }

    // A German translation of the purpose, from the language tabs: the English text is quoted for the translator.
    await navigate(page, () => page.goto(`/en/workspace/systems/${id}/edit/purpose?language=en`));
    const tabs = page.getByRole("navigation", { name: t("workspace.language_tabs"), exact: true });
    await navigate(page, () => tabs.getByRole("link", { name: new RegExp(`^${t("languages.de")}`) }).click());
    assert.equal(new URL(page.url()).searchParams.get("language"), "de");
    assert.match((await page.locator("#purpose-de-hint").textContent()) ?? "", /Shorter waiting times for families\./);
    await page.getByLabel(`${t("workspace.labels.purpose")} (${t("languages.de")})`, { exact: true }).fill("Kürzere Wartezeiten für Familien.");
    await page.getByLabel(t("workspace.translation_status", { field: t("workspace.labels.purpose"), language: t("languages.de") }), { exact: true }).selectOption("machine");
    await navigate(page, () => button(page, t("workspace.edit.save")).click());
    assert.equal(await page.locator(".success-notice").textContent(), t("workspace.done.saved"));
    const draft = (await suite.register.ctx.services.systems.getWorkspaceSystem({ kind: "operator", name: "e2e" }, id)).record;
    assert.deepEqual(draft.purpose, {
      en: { text: "Shorter waiting times for families.", status: "authored" },
      de: { text: "Kürzere Wartezeiten für Familien.", status: "machine" },
    });

    // Submitted for review: the editor can no longer edit it, and is offered no review action.
    await navigate(page, () => button(page, t("workspace.actions.submit")).click());
    assert.equal(await page.locator(".success-notice").textContent(), t("workspace.done.submit"));
    assert.equal(await page.getByRole("link", { name: new RegExp(`^${t("workspace.system.edit_section")}`) }).count(), 0);
    assert.equal(await button(page, t("workspace.actions.approve")).count(), 0);
    await scan(page, "/en/workspace/systems/{id} (in review, editor)");

    // The reviewer: a return without a comment is an error; then the approval publishes version 1.
    const review = await tabFor(reviewer);
    for (const lang of languages) {
      await navigate(review, () => review.goto(`/${lang}/workspace/systems/${id}`));
      await scan(review, `/${lang}/workspace/systems/{id} (in review, reviewer)`);
    }
    await navigate(review, () => review.goto(`/en/workspace/systems/${id}`));
    await navigate(review, () => button(review, t("workspace.actions.return")).click(), 400);
    assert.equal(await review.locator(".error-summary a").first().getAttribute("href"), "#return-comment");
    await scan(review, "/en/workspace/systems/{id} (return without a comment)");
    await navigate(review, () => button(review, t("workspace.actions.approve")).click());
    assert.equal(await review.locator(".success-notice").textContent(), t("workspace.done.approve", { version: 1 }));
    await scan(review, "/en/workspace/systems/{id} (published)");

    // Public: the anonymous register shows it, in the language it was written in.
    const publicPage = await suite.tab();
    const response = await publicPage.goto(`/en/systems/${id}`);
    assert.equal(response?.status(), 200);
    assert.equal(await publicPage.locator("main h1 span").first().textContent(), "Benefit claim triage");
    await navigate(page, () => page.goto("/en/workspace"));
    assert.match((await page.locator("#state-published").textContent()) ?? "", new RegExp(t("workspace.states_plural.published")));
    await scan(page, "/en/workspace (with a published record)");
  });
});
