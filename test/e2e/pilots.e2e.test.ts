// Issue 7's acceptance for pilots, in Chromium on the demo data: a Luxembourg editor proposes a pilot with a Belgian
// partner without JavaScript (fixing a form with an error first), a Luxembourg reviewer approves it, the lead starts
// it, adds a milestone and an indicator; the Belgian partner, in Dutch with JavaScript, records a measurement typed
// with a decimal comma and writes a lesson for the participants only, and the lead writes a public one. The KPI chart
// and its table show the measurement the reader's way in each language, the demo Belgian health pilot's "comparable
// pilots" panel shows it, and the public pages, with and without JavaScript, show the pilot and its public lesson but
// never the participants-only one. axe-core scans every page on the way.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { Page, Response } from "playwright-core";
import { formatDate, languages, translator, type Lang, type T } from "../../src/i18n/index.ts";
import { signedInAs, type SignedInUser } from "../factories.ts";
import { browserSuite } from "./harness.ts";

const LU = "lu-health";
const BE = "be-health-insurance";
const timeout = 180_000;
const fr = translator("fr");
const nl = translator("nl");

const pilotTitle = "Tri assisté aux urgences transfrontalières";
const indicatorName: Record<Lang, string> = {
  fr: "Délai de prise en charge",
  nl: "Wachttijd tot behandeling",
  de: "Wartezeit bis zur Behandlung",
  en: "Time to treatment",
};
const measuredOn = "2026-03-31";
/** 84.5 as each language writes it: the chart, its table and the panel must not show the stored number as is. */
const shown: Record<Lang, string> = { fr: "84,5", nl: "84,5", de: "84,5", en: "84.5" };
const publicLesson = "Afficher le délai d'attente apaise la salle d'attente";
const participantsLesson = "Tolken vooraf reserveren voor Duitstalige patiënten";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("pilots in Chromium", () => {
  const suite = browserSuite();
  let luEditor: SignedInUser;
  let luReviewer: SignedInUser;
  let beEditor: SignedInUser;
  let pilotId: string;

  before(async () => {
    const { services } = suite.register.ctx;
    luEditor = await signedInAs(services, { [LU]: ["editor"] });
    luReviewer = await signedInAs(services, { [LU]: ["reviewer"] });
    beEditor = await signedInAs(services, { [BE]: ["editor"] });
  });

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
  const main = (page: Page) => page.locator("main");
  const button = (page: Page, name: string) => main(page).getByRole("button", { name, exact: true });
  const link = (page: Page, name: string) => main(page).getByRole("link", { name, exact: true });
  /** A text written in the language being edited: its label says which language. */
  const inLanguage = (page: Page, t: T, lang: Lang, label: string) => page.getByLabel(`${label} (${t(`languages.${lang}`)})`, { exact: true });

  /** Saves a form and lands on the pilot's page with the notice that says what was saved. */
  async function saveAndSee(page: Page, t: T, notice: string, label = t("pilots.form.save")) {
    const url = await navigate(page, () => button(page, label).click());
    assert.match(url.pathname, new RegExp(`/pilots/${pilotId}$`));
    assert.equal(await page.locator(".success-notice").textContent(), t(`pilots.form.notices.${notice}`));
  }

  /** Moves the pilot to `state` through the state form reached from the pilot's page. */
  async function changeState(page: Page, lang: Lang, state: string) {
    const t = translator(lang);
    await navigate(page, () => page.goto(`/${lang}/pilots/${pilotId}`));
    await navigate(page, () => link(page, t("pilots.page.actions.state")).click());
    await scan(page, `/${lang}/workspace/pilots/{id}/state (to ${state})`);
    await page.getByRole("radio", { name: t(`pilots.states.${state}`), exact: true }).check();
    await saveAndSee(page, t, "state_changed", t("pilots.form.change_state_button"));
    assert.equal(await page.locator(".key-facts dd").first().textContent(), t(`pilots.states.${state}`));
  }

  /** Writes a lesson in the page's language from the pilot's page, shared as `sharing` says. */
  async function writeLesson(page: Page, lang: Lang, sharing: string, title: string) {
    const t = translator(lang);
    await navigate(page, () => page.goto(`/${lang}/pilots/${pilotId}`));
    await navigate(page, () => link(page, t("pilots.page.actions.lesson")).click());
    await scan(page, `/${lang}/workspace/pilots/{id}/lessons/new`);
    const field = (name: string) => inLanguage(page, t, lang, t(`pilots.form.lesson_fields.${name}`));
    await field("title").fill(title);
    await field("context").fill(`${title}: context.`);
    await field("whatWorked").fill(`${title}: what worked.`);
    await field("whatDidNot").fill(`${title}: what did not.`);
    await field("recommendation").fill(`${title}: recommendation.`);
    await page.getByLabel(`${t("pilots.form.tags")} ${t("workspace.optional")}`, { exact: true }).fill("triage, urgences");
    await page.getByRole("radio", { name: t(`pilots.sharing.${sharing}`), exact: true }).check();
    await saveAndSee(page, t, "lesson_saved");
    assert.equal(await page.getByRole("heading", { level: 3, name: title }).count(), 1);
  }

  test("a Luxembourg editor proposes a pilot with a Belgian partner, without JavaScript", { timeout }, async () => {
    const page = await suite.tab(luEditor.sessionToken);
    const t = fr;
    await navigate(page, () => page.goto("/fr/workspace/pilots"));
    assert.equal(await page.locator("main h1").textContent(), t("pilots.workspace.title"));
    await scan(page, "/fr/workspace/pilots");
    await navigate(page, () => link(page, t("pilots.workspace.new")).click());
    assert.equal(new URL(page.url()).pathname, "/fr/workspace/pilots/new");
    await scan(page, "/fr/workspace/pilots/new");

    // Everything but the summary, which a pilot needs.
    const frame = (name: string) => inLanguage(page, t, "fr", t(`pilots.form.frame_fields.${name}`));
    await inLanguage(page, t, "fr", t("pilots.form.title")).fill(pilotTitle);
    await page.getByLabel(t("pilots.form.sector"), { exact: true }).selectOption("health");
    await page.getByLabel(`${t("pilots.form.tags")} ${t("workspace.optional")}`, { exact: true }).fill("triage, patients, urgences");
    await frame("scope").fill("Les urgences de deux hôpitaux, de part et d'autre de la frontière.");
    await frame("population").fill("Les adultes qui se présentent aux urgences.");
    await frame("dataSharingBasis").fill("RGPD art. 6(1)(e) ; seuls des indicateurs agrégés sont partagés.");
    await frame("safeguards").fill("Une infirmière confirme chaque proposition de tri.");
    await frame("exitCriteria").fill("Arrêt si le délai de prise en charge augmente.");
    await page.getByLabel(t("pilots.form.frame_fields.supervisingAuthority"), { exact: true }).fill("CNPD");
    await page.getByLabel(t("pilots.form.starts_on"), { exact: true }).fill("2026-01-01");
    await page.getByLabel(t("pilots.form.ends_on"), { exact: true }).fill("2026-12-31");
    await page.getByRole("radio", { name: t("pilots.sharing.public"), exact: true }).check();
    const firstParticipant = page.getByRole("group", { name: t("pilots.form.participant_n", { n: 1 }), exact: true });
    await firstParticipant.getByLabel(t("pilots.form.participant_organisation"), { exact: true }).selectOption(BE);
    await firstParticipant.getByLabel(t("pilots.form.participant_role"), { exact: true }).selectOption("partner");

    // Refused: the error summary leads to the summary, and what was typed is still there.
    await navigate(page, () => button(page, t("pilots.form.save")).click(), 400);
    assert.match(await page.title(), new RegExp(`^${escape(t("common.error_prefix"))} `));
    const summary = page.locator(".error-summary");
    assert.equal(await summary.getAttribute("role"), "alert");
    assert.deepEqual(await summary.locator("a").evaluateAll((links) => links.map((a) => a.getAttribute("href"))), ["#summary-fr"]);
    assert.equal(await inLanguage(page, t, "fr", t("pilots.form.title")).inputValue(), pilotTitle);
    assert.equal(await firstParticipant.getByLabel(t("pilots.form.participant_organisation"), { exact: true }).inputValue(), BE);
    assert.ok(await page.getByRole("radio", { name: t("pilots.sharing.public"), exact: true }).isChecked());
    await scan(page, "/fr/workspace/pilots/new (with errors)");

    await inLanguage(page, t, "fr", t("pilots.form.summary")).fill("Deux hôpitaux, un luxembourgeois et un belge, testent un assistant de tri aux urgences.");
    const url = await navigate(page, () => button(page, t("pilots.form.save")).click());
    pilotId = /^\/fr\/pilots\/([0-9a-f-]{36})$/.exec(url.pathname)?.[1] ?? assert.fail(`not on the pilot's page: ${url.pathname}`);
    assert.equal(await page.locator(".success-notice").textContent(), t("pilots.form.notices.created"));
    assert.equal(await page.locator("main h1").textContent(), pilotTitle);
    const participants = page.getByRole("region", { name: t("pilots.page.participants"), exact: true });
    assert.match(await participants.innerText(), new RegExp(`${t("countries.BE")}[\\s\\S]*${escape(t("pilots.page.roles.partner"))}`));
    await scan(page, "/fr/pilots/{id} (proposed, lead editor)");
  });

  test("the reviewer approves it; the lead starts it, adds a milestone and an indicator with decimal commas", { timeout }, async () => {
    const review = await suite.tab(luReviewer.sessionToken);
    await changeState(review, "fr", "approved");
    await scan(review, "/fr/pilots/{id} (approved, reviewer)");

    const page = await suite.tab(luEditor.sessionToken);
    const t = fr;
    await changeState(page, "fr", "running");

    // A milestone, then its edit form from the link beside it on the pilot's page.
    await navigate(page, () => link(page, t("pilots.page.actions.milestone")).click());
    await scan(page, "/fr/workspace/pilots/{id}/milestones/new");
    const milestoneTitle = page.getByRole("group", { name: t("pilots.form.milestone"), exact: true });
    await milestoneTitle.getByLabel(t("languages.fr"), { exact: true }).fill("Premier bilan intermédiaire");
    await page.getByLabel(t("pilots.form.due_on"), { exact: true }).fill("2026-06-30");
    await saveAndSee(page, t, "milestone_saved");
    const edit = link(page, `${t("pilots.page.milestones.edit")} Premier bilan intermédiaire`);
    await navigate(page, () => edit.click());
    assert.match(new URL(page.url()).pathname, new RegExp(`^/fr/workspace/pilots/${pilotId}/milestones/[0-9a-f-]{36}/edit$`));
    assert.equal(await page.locator("main h1").textContent(), t("pilots.form.milestone_edit_title"));
    assert.equal(await page.getByLabel(t("pilots.form.due_on"), { exact: true }).inputValue(), "2026-06-30");
    await scan(page, "/fr/workspace/pilots/{id}/milestones/{m}/edit");

    // The indicator, named in the four languages at once, its numbers typed the French way.
    await navigate(page, () => page.goto(`/fr/pilots/${pilotId}`));
    await navigate(page, () => link(page, t("pilots.page.actions.indicator")).click());
    await scan(page, "/fr/workspace/pilots/{id}/indicators/new");
    const names = page.getByRole("group", { name: t("pilots.form.indicator_name"), exact: true });
    for (const lang of languages) await names.getByLabel(t(`languages.${lang}`), { exact: true }).fill(indicatorName[lang]);
    await page.getByLabel(t("pilots.form.unit"), { exact: true }).fill("min");
    await page.getByRole("radio", { name: t("pilots.form.directions.decrease"), exact: true }).check();
    const targets = async (country: "LU" | "BE", baseline: string, target: string) => {
      const group = page.getByRole("group", { name: t(`countries.${country}`), exact: true });
      await group.getByLabel(t("pilots.form.baseline"), { exact: true }).fill(baseline);
      await group.getByLabel(t("pilots.form.target"), { exact: true }).fill(target);
    };
    await targets("LU", "90", "60");
    await targets("BE", "100,5", "70");
    await saveAndSee(page, t, "indicator_saved");
    assert.equal(await page.getByRole("heading", { level: 3, name: indicatorName.fr, exact: true }).count(), 1);
    const stored = (await suite.register.ctx.services.pilots.getPilot({ kind: "operator", name: "e2e" }, pilotId)).indicators[0]!;
    assert.deepEqual(stored.targets, { LU: { baseline: 90, target: 60 }, BE: { baseline: 100.5, target: 70 } });
    await scan(page, "/fr/pilots/{id} (running, an indicator without measurements)");
  });

  test("the Belgian partner records a measurement in Dutch with JavaScript; each side writes a lesson", { timeout }, async () => {
    const page = await suite.tab(beEditor.sessionToken, { javaScript: true, locale: "nl-BE" });
    const t = nl;
    await navigate(page, () => page.goto(`/nl/pilots/${pilotId}`));
    await navigate(page, () => link(page, t("pilots.kpi.record", { name: indicatorName.nl })).click());
    assert.equal(new URL(page.url()).pathname, `/nl/workspace/pilots/${pilotId}/measurements/new`);
    const indicator = page.getByLabel(t("pilots.form.indicator"), { exact: true });
    assert.notEqual(await indicator.inputValue(), "", "the link chose the indicator");
    assert.match(await main(page).innerText(), new RegExp(escape(t("countries.BE"))), "the form says for which country it counts");
    await scan(page, "/nl/workspace/pilots/{id}/measurements/new");
    await page.getByLabel(t("pilots.form.measured_on"), { exact: true }).fill(measuredOn);
    await page.getByLabel(t("pilots.form.value"), { exact: true }).fill("84,5");
    await page.getByLabel(`${t("pilots.form.note")} ${t("workspace.optional")}`, { exact: true }).fill("Eerste maand met de assistent.");
    await saveAndSee(page, t, "measurement_recorded");
    await scan(page, "/nl/pilots/{id} (a measurement, partner editor)");

    await writeLesson(page, "nl", "participants", participantsLesson);
    await scan(page, "/nl/pilots/{id} (a participants-only lesson, partner editor)");

    const lead = await suite.tab(luEditor.sessionToken);
    await writeLesson(lead, "fr", "public", publicLesson);
    assert.equal(await lead.getByRole("heading", { level: 3, name: participantsLesson }).count(), 1, "participants read every lesson");

    // The pages of this pilot that the steps above do not pass through: its edit form and the lead's feed.
    await navigate(lead, () => lead.goto(`/fr/workspace/pilots/${pilotId}/edit`));
    await scan(lead, "/fr/workspace/pilots/{id}/edit");
    await navigate(lead, () => lead.goto("/fr/workspace/pilots/feed"));
    await scan(lead, "/fr/workspace/pilots/feed");
  });

  test("the KPI chart and its table show the measurement in each language", { timeout }, async () => {
    const page = await suite.tab(beEditor.sessionToken);
    for (const lang of languages) {
      const t = translator(lang);
      await navigate(page, () => page.goto(`/${lang}/pilots/${pilotId}`));
      const indicators = page.getByRole("region", { name: t("pilots.page.indicators"), exact: true });
      const chart = indicators.getByRole("img", { name: indicatorName[lang], exact: true });
      assert.equal(await chart.evaluate((svg) => svg.tagName.toLowerCase()), "svg");
      assert.equal(await chart.locator("title").textContent(), indicatorName[lang]);
      assert.equal(await chart.locator(".kpi-mark-BE").count(), 1, "one Belgian measurement plotted");

      // The same figures as a table, behind a summary that opens without JavaScript.
      await indicators.getByText(t("pilots.kpi.show_table"), { exact: true }).click();
      const table = indicators.getByRole("table", { name: `${indicatorName[lang]} (min)`, exact: true });
      const row = table.locator("tr.kpi-row-measurement");
      assert.deepEqual(await row.locator("th, td").allInnerTexts(), [
        t("countries.BE"),
        formatDate(lang, measuredOn),
        `${shown[lang]} min`,
        t("pilots.kpi.not_reached"),
      ]);
      const baseline = table.locator("tr.kpi-row-baseline", { hasText: t("countries.BE") });
      assert.match(await baseline.innerText(), new RegExp(`${escape(lang === "en" ? "100.5" : "100,5")} min`));
      assert.match(await indicators.innerText(), new RegExp(escape(`${shown[lang]} min`)));
      await scan(page, `/${lang}/pilots/{id} (chart and table, partner editor)`);
    }
  });

  test("the demo Belgian health pilot's comparable pilots panel shows the new pilot and its measurement", { timeout }, async () => {
    const page = await suite.tab(beEditor.sessionToken);
    // Shared with both administrations only: the partner finds it in the list, filtered to Belgian health pilots.
    await navigate(page, () => page.goto("/nl/pilots?sector=health&country=BE"));
    await navigate(page, () => link(page, "Gedeelde detectie van factuuranomalieën").click());
    const demoPilot = new URL(page.url()).pathname.split("/").at(-1)!;
    for (const lang of languages) {
      const t = translator(lang);
      await navigate(page, () => page.goto(`/${lang}/pilots/${demoPilot}`));
      const panel = page.getByRole("region", { name: t("pilots.page.other.title_LU"), exact: true });
      const entry = panel.getByRole("listitem").filter({ has: page.getByRole("link", { name: pilotTitle }) });
      assert.equal(await entry.count(), 1, `${lang}: the new pilot is among the comparable pilots`);
      assert.equal(await entry.getByRole("link", { name: pilotTitle }).getAttribute("href"), `/${lang}/pilots/${pilotId}`);
      const latest = t("pilots.page.other.latest", {
        value: `${shown[lang]} min`,
        date: formatDate(lang, measuredOn),
        country: t("countries.BE"),
        target: "70 min",
      });
      assert.match(await entry.innerText(), new RegExp(`${escape(indicatorName[lang])}${escape(t("common.colon"))}\\s*${escape(latest)}`));
      await scan(page, `/${lang}/pilots/{demo} (comparable pilots, partner editor)`);
    }
  });

  test("anonymous readers see the public pilot and its public lesson only, with and without JavaScript", { timeout }, async () => {
    for (const javaScript of [false, true]) {
      const page = await suite.tab(undefined, { javaScript });
      for (const lang of languages) {
        const t = translator(lang);
        const mode = javaScript ? "with JavaScript" : "without JavaScript";
        await navigate(page, () => page.goto(`/${lang}/pilots`));
        assert.equal(await page.locator("html").getAttribute("lang"), lang);
        const listed = main(page).getByRole("link", { name: pilotTitle });
        assert.equal(await listed.getAttribute("href"), `/${lang}/pilots/${pilotId}`, `${lang} ${mode}: listed`);
        await navigate(page, () => listed.click());
        assert.match(await page.locator("main h1").innerText(), new RegExp(escape(pilotTitle)));
        const lessons = page.getByRole("region", { name: t("pilots.page.lessons.title"), exact: true });
        assert.equal(await lessons.getByRole("heading", { level: 3, name: publicLesson }).count(), 1, `${lang} ${mode}: the public lesson`);
        assert.ok(!(await page.content()).includes(participantsLesson), `${lang} ${mode}: the participants-only lesson is not in the page`);
        const chart = page.getByRole("img", { name: indicatorName[lang], exact: true });
        assert.equal(await chart.count(), 1, `${lang} ${mode}: the chart is public with its pilot`);
        assert.equal(await main(page).getByRole("link", { name: t("pilots.page.actions.edit") }).count(), 0, "no workspace action");
        if (!javaScript) {
          await suite.scanner.assertAccessible(`/${lang}/pilots`);
          await suite.scanner.assertAccessible(`/${lang}/pilots/${pilotId}`);
        }
      }
    }
  });
});
