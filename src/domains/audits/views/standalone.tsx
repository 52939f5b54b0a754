// The audit report as one self-contained HTML file (`gaichel audit --format html`): the same report as the register's
// page, with the site's stylesheet inlined, so that it opens anywhere without the platform.
import fs from "node:fs";
import { renderToString } from "preact-render-to-string";
import { translator, type Lang } from "../../../i18n/index.ts";
import type { PageContext } from "../../../web/context.ts";
import type { AuditResult } from "../schema.ts";
import { AuditReport } from "./report.tsx";

const stylesheet = new URL("../../../web/assets/site.css", import.meta.url);

export function renderStandaloneReport(result: AuditResult, lang: Lang, title: string): string {
  const t = translator(lang);
  const ctx: PageContext = { lang, t, path: "/", actor: { kind: "anonymous" }, csrf: () => "" };
  const page = (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <style dangerouslySetInnerHTML={{ __html: fs.readFileSync(stylesheet, "utf8") }} />
      </head>
      <body>
        <main id="main" class="container">
          <h1>{title}</h1>
          <AuditReport ctx={ctx} result={result} />
        </main>
      </body>
    </html>
  );
  return `<!doctype html>${renderToString(page)}\n`;
}
