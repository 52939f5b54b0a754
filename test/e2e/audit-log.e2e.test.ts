// The audit trail in Chromium without JavaScript: a platform admin reads it in each language, opens an event's
// values (a <details> element works without scripts) and narrows it to an organisation, then to one record; axe on
// every page.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { Page } from "playwright-core";
import { languages, translator } from "../../src/i18n/index.ts";
import { signedInAs } from "../factories.ts";
import { browserSuite } from "./harness.ts";

describe("the audit trail in Chromium, without JavaScript", () => {
  const suite = browserSuite();
  let page: Page;

  before(async () => {
    const admin = await signedInAs(suite.register.ctx.services, {}, { platformAdmin: true, email: "audit-admin@example.lu" });
    page = await suite.tab(admin.sessionToken);
  });

  for (const lang of languages) {
    test(`the log in ${lang}: events, their values, one record's history`, { timeout: 60_000 }, async () => {
      const t = translator(lang);
      const response = await page.goto(`/${lang}/admin/audit-log`);
      assert.equal(response?.status(), 200);
      assert.equal(await page.locator("h1").textContent(), t("audit.title"));
      assert.ok((await page.locator("tbody tr").count()) > 0, "the demo's import left events");
      await suite.scanner.assertShownAccessible(page, `audit log (${lang})`);

      const values = page.locator("details").first();
      await values.locator("summary").click();
      assert.equal(await values.getAttribute("open"), "", "the values open without JavaScript");

      // Through an organisation's log (its records, their assessments, its members…) to one record's.
      await page.goto(`/${lang}/admin/audit-log?organisation=lu-family-fund`);
      assert.ok((await page.locator("tbody tr").count()) > 0);
      await page.locator('a[href*="?system="]').first().click();
      assert.match(page.url(), /\/admin\/audit-log\?system=/);
      assert.ok((await page.locator("tbody tr").count()) > 0);
      await suite.scanner.assertShownAccessible(page, `audit log of one record (${lang})`);
    });
  }
});
