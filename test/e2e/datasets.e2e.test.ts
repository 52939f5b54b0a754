// A dataset protected in Chromium with JavaScript: an editor uploads synthetic records, the page follows the scan,
// shows what each column holds (masked), previews the chosen operations and produces the protected file, which
// downloads without the identifiers. axe-core scans each step.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { before, describe, test } from "node:test";
import { beNationalNumber, email, person, seededRandom } from "../../src/domains/privacy/synthetic.ts";
import { translator } from "../../src/i18n/index.ts";
import { signedInAs, type SignedInUser } from "../factories.ts";
import { browserSuite } from "./harness.ts";

const ORGANISATION = "lu-family-fund";
const t = translator("en");
const timeout = 180_000;

const next = seededRandom(11);
const people = Array.from({ length: 500 }, (_, i) => ({ nn: beNationalNumber(person(next)), mail: email(next, i) }));
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "gaichel-e2e-dataset-")), "cohort.csv");
fs.writeFileSync(file, ["national_number,email,visits", ...people.map((p, i) => `${p.nn},${p.mail},${i % 7}`)].join("\n") + "\n");

describe("datasets in Chromium", () => {
  const suite = browserSuite();
  let editor: SignedInUser;

  before(async () => {
    editor = await signedInAs(suite.register.ctx.services, { [ORGANISATION]: ["editor"] });
  });

  test("an editor uploads a file, reads the scan, previews the operations and downloads the protected file", { timeout }, async () => {
    const page = await suite.tab(editor.sessionToken, { javaScript: true });
    await page.goto("/en/workspace/datasets");
    await suite.scanner.assertShownAccessible(page, "datasets and upload form");
    await page.getByLabel(t("datasets.dataset_title")).fill("Cohort for the joint pilot");
    await page.getByLabel(t("datasets.file")).setInputFiles(file);
    await Promise.all([page.waitForURL(/\/workspace\/datasets\/[0-9a-f-]{36}$/), page.getByRole("button", { name: t("datasets.upload") }).click()]);

    // The page follows the scan and shows the operations once it is done.
    const operation = page.getByLabel(t("datasets.operator_for", { column: "national_number" }));
    await operation.waitFor({ timeout: 60_000 });
    assert.match(await page.locator("main").innerText(), /Belgian national register number/);
    assert.ok(!(await page.content()).includes(people[0]!.nn), "identifiers are shown masked");
    await suite.scanner.assertShownAccessible(page, "scan and operations");

    await operation.selectOption("mask");
    await page.getByLabel(t("datasets.operator_for", { column: "email" })).selectOption("suppress");
    await page.getByLabel(t("datasets.domain"), { exact: true }).fill("pilot-cohort");
    await page.getByRole("button", { name: t("datasets.preview") }).click();
    await page.getByRole("heading", { name: t("datasets.preview_heading") }).waitFor();
    assert.ok(!(await page.content()).includes(people[0]!.nn));
    await suite.scanner.assertShownAccessible(page, "preview");

    await page.getByRole("button", { name: t("datasets.protect") }).click();
    const download = page.getByRole("link", { name: /cohort-protected\.csv/ });
    await download.waitFor({ timeout: 60_000 });
    await suite.scanner.assertShownAccessible(page, "protected dataset");
    const response = await page.request.get(String(await download.getAttribute("href")));
    assert.equal(response.status(), 200);
    const body = await response.text();
    assert.equal(body.split("\n")[0], "national_number,visits");
    for (const p of people) assert.ok(!body.includes(p.nn));
  });
});
