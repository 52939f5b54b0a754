// The browser suite's harness: the real app with the demo data on an ephemeral port, Debian's Chromium, axe-core.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { loadDemo } from "../../src/demo/load.ts";
import { createTestApp, type TestContext } from "../helpers.ts";

/** The system package's browser: CI and these machines install it with `apt-get install chromium`; never a download. */
export const chromiumPath = process.env.GAICHEL_CHROMIUM ?? "/usr/bin/chromium";

const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** WCAG 2.0, 2.1 and 2.2 A and AA, and axe's best practices. */
const axeTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

export async function launchChromium(): Promise<Browser> {
  // A missing browser fails the suite: skipping would let an unscanned release through.
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `The browser tests need Debian's Chromium at ${chromiumPath}: run \`apt-get update && apt-get install -y chromium\`.`,
    );
  }
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}

export interface RunningRegister {
  ctx: TestContext;
  baseURL: string;
  close(): Promise<void>;
}

/**
 * The app on PGlite with the demo data set, listening on 127.0.0.1 on a port the system picks, with its background
 * jobs running and its files (uploads) in a temporary data directory.
 */
export async function startRegister(): Promise<RunningRegister> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "gaichel-e2e-"));
  const ctx = await createTestApp("pglite", { GAICHEL_DATA_DIR: dataDir });
  await loadDemo(ctx.services, { kind: "operator", name: "e2e" });
  await ctx.app.listen({ port: 0, host: "127.0.0.1" });
  ctx.services.jobs.start();
  const { port } = ctx.app.server.address() as AddressInfo;
  return {
    ctx,
    baseURL: `http://127.0.0.1:${port}`,
    close: async () => {
      await ctx.services.jobs.stop();
      await ctx.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A browser context signed in by a session cookie (from `signedInAs`), with or without JavaScript. */
export async function signedInContext(browser: Browser, baseURL: string, sessionToken: string, javaScriptEnabled = false): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, javaScriptEnabled, locale: "en-GB" });
  await context.addCookies([{ name: "gaichel_session", value: sessionToken, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
  return context;
}

/**
 * axe-core runs on timers, which do not fire in a page without JavaScript, so pages browsed without it are scanned
 * in a second tab that has it: the same URL renders the same HTML (scripts only enhance it: there, they run too).
 */
export async function createScanner(browser: Browser, baseURL: string) {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: true });
  const tab = await context.newPage();

  async function scan(label: string): Promise<void> {
    const { violations } = await new AxeBuilder({ page: tab }).withTags(axeTags).analyze();
    if (violations.length === 0) return;
    const report = violations
      .map((v) => {
        const nodes = v.nodes.map((n) => `    - ${n.target.join(" ")}\n      ${n.failureSummary?.replace(/\n/g, "\n      ") ?? ""}`);
        return `  ${v.id} (${v.impact ?? "?"}): ${v.help}\n  ${v.helpUrl}\n${nodes.join("\n")}`;
      })
      .join("\n");
    throw new Error(`${violations.length} accessibility violation(s) on ${label}:\n${report}`);
  }

  return {
    /** Scans the page at `url` with axe-core and throws with every violation (rule, help, nodes) when there is one. */
    async assertAccessible(url: string, label = url): Promise<void> {
      await tab.goto(url);
      await scan(label);
    },
    /**
     * Scans what `page` shows now, which a GET of its URL would not give back: a form's errors after a POST, a page
     * behind sign-in (the scanner's tab has no session). The same HTML is served to the scanner's tab at the same
     * address, so that styles and relative links resolve as they did.
     */
    async assertShownAccessible(page: Page, label: string): Promise<void> {
      const html = await page.content();
      const url = new URL(page.url());
      const address = url.href.replace(/#.*$/, "");
      const same = (candidate: URL) => candidate.href.replace(/#.*$/, "") === address;
      await tab.route(same, (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }));
      try {
        await tab.goto(url.href);
        if (tab.url() !== url.href) throw new Error(`${label}: the scanner was sent to ${tab.url()} instead of the page shown`);
        await scan(label);
      } finally {
        await tab.unroute(same);
      }
    },
    close: () => context.close(),
  };
}
