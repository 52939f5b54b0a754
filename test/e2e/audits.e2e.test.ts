// A bias audit in Chromium with JavaScript: an editor uploads the fixture's decisions (the upload's progress bar),
// maps the columns, follows the audit's progress until the report shows; a reviewer publishes it; the public report
// is read in every language. axe-core scans every page; the charts carry a title, a description and a data table.
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { before, describe, test } from "node:test";
import { languages, translator } from "../../src/i18n/index.ts";
import { signedInAs, type SignedInUser } from "../factories.ts";
import { browserSuite } from "./harness.ts";

const ORGANISATION = "lu-family-fund";
const SYSTEM = "lu-family-benefits-eligibility";
const FIXTURE = fileURLToPath(new URL("../../../shared/fixtures/audit/decisions-20k.csv", import.meta.url));
const t = translator("en");
const timeout = 180_000;

describe("bias audits in Chromium", () => {
  const suite = browserSuite();
  let editor: SignedInUser, reviewer: SignedInUser;
  let auditPath = "";

  before(async () => {
    editor = await signedInAs(suite.register.ctx.services, { [ORGANISATION]: ["editor"] });
    reviewer = await signedInAs(suite.register.ctx.services, { [ORGANISATION]: ["reviewer"] });
  });

  const tab = (who: SignedInUser) => suite.tab(who.sessionToken, { javaScript: true });

  test("an editor uploads decisions with a progress bar, maps the columns and follows the audit to its report", { timeout }, async () => {
    const page = await tab(editor);
    await page.goto(`/en/workspace/systems/${SYSTEM}/audits`);
    await suite.scanner.assertShownAccessible(page, "audit list and upload form");
    await page.getByLabel(t("audits.audit_title")).fill("Decisions 2026, first half");
    await page.getByLabel(t("audits.file")).setInputFiles(FIXTURE);
    await Promise.all([page.waitForURL(/\/workspace\/audits\/[0-9a-f-]{36}$/), page.getByRole("button", { name: t("audits.upload") }).click()]);
    auditPath = new URL(page.url()).pathname;

    // The mapping form offers the file's columns.
    await page.getByLabel(t("audits.settings.decision")).selectOption("decision");
    await page.getByLabel(t("audits.settings.favourable"), { exact: true }).fill("1");
    await page.getByLabel(t("audits.settings.label"), { exact: true }).selectOption("label");
    await page.getByLabel(t("audits.settings.label_favourable")).fill("1");
    for (const column of ["sex", "nationality", "age_band"]) await page.getByRole("checkbox", { name: column, exact: true }).check();
    await suite.scanner.assertShownAccessible(page, "column mapping");
    await page.getByRole("button", { name: t("audits.settings.run") }).click();

    // Queued or running: a progress bar; the page follows the job and shows the report when it is done.
    await page.waitForURL(new RegExp(`${auditPath}$`));
    await page.locator(".audit-report").waitFor({ timeout: 120_000 });
    const chart = page.locator("figure svg[role=img]").first();
    assert.ok(await chart.locator("title").textContent());
    assert.ok(await chart.locator("desc").textContent());
    assert.ok((await page.locator("figure table, figure + table, .audit-grouping table").count()) > 0, "a data table beside the charts");
    await suite.scanner.assertShownAccessible(page, "raw report");
  });

  test("a reviewer publishes it, and anyone reads the report in every language", { timeout }, async () => {
    assert.ok(auditPath, "the upload test ran");
    const page = await tab(reviewer);
    await page.goto(auditPath);
    await Promise.all([page.waitForURL(/\/en\/systems\/.+\/audits\/[0-9a-f-]{36}$/), page.getByRole("button", { name: t("audits.publish") }).click()]);
    const publicPath = new URL(page.url()).pathname;
    for (const lang of languages) {
      const url = publicPath.replace(/^\/en\//, `/${lang}/`);
      const response = await page.goto(url);
      assert.equal(response?.status(), 200);
      assert.equal(await page.locator("h1").textContent(), "Decisions 2026, first half");
      assert.ok((await page.locator("svg[role=img] title").count()) > 0, `${lang}: charts with titles`);
      await suite.scanner.assertAccessible(url, `public audit report (${lang})`);
    }
    await page.goto(`/en/systems/${SYSTEM}`);
    assert.ok((await page.locator(`a[href="${publicPath}"]`).count()) === 1, "the system's public page links to the audit");
  });
});
