// The browser suite's harness: the real app with the demo data on an ephemeral port, Debian's Chromium, axe-core.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { after, before } from "node:test";
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

export interface ContextOptions {
  /** Off unless asked for: the pages must work without it. */
  javaScript?: boolean;
  locale?: string;
}

/** A browser context, signed in by a session cookie (from `signedInAs`) when given one. */
async function newContext(
  browser: Browser,
  baseURL: string,
  sessionToken?: string,
  { javaScript = false, locale = "en-GB" }: ContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: javaScript, locale });
  if (sessionToken !== undefined) {
    await context.addCookies([{ name: "gaichel_session", value: sessionToken, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
  }
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

export type Scanner = Awaited<ReturnType<typeof createScanner>>;

export interface BrowserSuiteOptions {
  /** The app under test; the demo register (`startRegister`) unless a suite needs another set-up. */
  start?: () => Promise<RunningRegister>;
  /** The host name the browser uses for the app, for features that refuse an IP address (WebAuthn). */
  hostname?: string;
}

/**
 * The set-up every browser test file shares, for use inside a `describe`: its `before` launches Chromium, starts the
 * app and the axe scanner; its `after` closes every context it made, then the rest. Hooks a file adds after calling
 * it run after these, so they can already use the app.
 */
export function browserSuite({ start = startRegister, hostname }: BrowserSuiteOptions = {}) {
  let browser: Browser | undefined;
  let register: RunningRegister | undefined;
  let scanner: Scanner | undefined;
  let baseURL: string | undefined;
  const contexts: BrowserContext[] = [];

  before(async () => {
    browser = await launchChromium();
    register = await start();
    const url = new URL(register.baseURL);
    if (hostname !== undefined) url.hostname = hostname;
    baseURL = url.origin;
    scanner = await createScanner(browser, baseURL);
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await scanner?.close();
    await browser?.close();
    await register?.close();
  });

  // The values exist only once `before` has run: a clear error rather than `undefined` when read too early.
  function ready<T>(value: T | undefined, name: string): T {
    if (value === undefined) throw new Error(`browserSuite: ${name} is only set once the suite's before hook has run`);
    return value;
  }

  async function context(sessionToken?: string, options?: ContextOptions): Promise<BrowserContext> {
    const made = await newContext(ready(browser, "browser"), ready(baseURL, "baseURL"), sessionToken, options);
    contexts.push(made);
    return made;
  }

  return {
    get browser() {
      return ready(browser, "browser");
    },
    get register() {
      return ready(register, "register");
    },
    get scanner() {
      return ready(scanner, "scanner");
    },
    /** The app's address as the browser reaches it (with `hostname`, if given). */
    get baseURL() {
      return ready(baseURL, "baseURL");
    },
    /** A context closed with the suite: signed in with `sessionToken`, anonymous without; no JavaScript unless asked for. */
    context,
    /** A new page in a new `context(sessionToken, options)`. */
    tab: async (sessionToken?: string, options?: ContextOptions): Promise<Page> => (await context(sessionToken, options)).newPage(),
  };
}
