// The page frame: language, skip link, header with navigation and language switcher, main, footer.
import type { ComponentChildren } from "preact";
import { languages } from "../i18n/index.ts";
import { CsrfField } from "./components/fields.tsx";
import type { PageContext } from "./context.ts";

interface LayoutProps {
  ctx: PageContext;
  title: string;
  /** Prefixes the title with "Error:" so screen-reader users hear it first. */
  hasErrors?: boolean;
  /** Scripts that enhance this page (the page works without them). */
  scripts?: string[];
  children: ComponentChildren;
}

export function Layout({ ctx, title, hasErrors, scripts = [], children }: LayoutProps) {
  const { t, lang } = ctx;
  const fullTitle = `${hasErrors ? `${t("common.error_prefix")} ` : ""}${title} – ${t("common.site_name")}`;
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <link rel="stylesheet" href="/assets/site.css" />
        {scripts.map((src) => (
          <script src={src} defer />
        ))}
        {languages.map((l) => (
          <link rel="alternate" hrefLang={l} href={`/${l}${ctx.path === "/" ? "/" : ctx.path}`} />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t("layout.skip_to_content")}
        </a>
        <header class="site-header">
          <div class="container header-row">
            <a class="brand" href={`/${lang}/`}>
              {t("common.site_name")}
              <span class="brand-tagline">{t("layout.tagline")}</span>
            </a>
            <nav aria-label={t("layout.main_navigation")}>
              <ul class="nav-list">
                <li>
                  <a href={`/${lang}/systems`}>{t("nav.systems")}</a>
                </li>
                <li>
                  <a href={`/${lang}/organisations`}>{t("nav.organisations")}</a>
                </li>
                <li>
                  <a href={`/${lang}/pilots`}>{t("nav.pilots")}</a>
                </li>
                <li>
                  <a href={`/${lang}/practices`}>{t("nav.practices")}</a>
                </li>
                <li>
                  <a href={`/${lang}/network`}>{t("nav.network")}</a>
                </li>
                <li>
                  <a href="/api/docs" hrefLang="en">
                    {t("nav.api")}
                  </a>
                </li>
              </ul>
            </nav>
            <AccountNav ctx={ctx} />
            <nav aria-label={t("layout.language_switcher")}>
              {/* Each language by its own name, visibly, so that a link's name is what it shows (WCAG 2.5.3). */}
              <ul class="lang-list">
                {languages.map((l) => (
                  <li>
                    <a href={`/${l}${ctx.path}`} hrefLang={l} lang={l} aria-current={l === lang ? "true" : undefined}>
                      {t(`languages.${l}`, { lng: l })}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" class="container" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="container">
            <p>{t("layout.footer_about")}</p>
            <p>
              <a href={`/${lang}/systems`}>{t("nav.systems")}</a> ·{" "}
              <a href="/api/v1/systems.csv">{t("layout.download_csv")}</a> ·{" "}
              <a href="/api/v1/systems.json">{t("layout.download_json")}</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** Who is signed in, with their account, the workspace and signing out; else the way to sign in. */
function AccountNav({ ctx }: { ctx: PageContext }) {
  const { t, lang, actor } = ctx;
  return (
    <nav aria-label={t("layout.account_navigation")}>
      <ul class="nav-list">
        {actor.kind === "user" ? (
          <>
            <li>
              <a href={`/${lang}/account`}>
                <span class="visually-hidden">{t("nav.account_of")} </span>
                {actor.displayName}
              </a>
            </li>
            <li>
              <a href={`/${lang}/workspace`}>{t("nav.workspace")}</a>
            </li>
            {(actor.platformAdmin || Object.values(actor.roles).some((roles) => roles.includes("org_admin"))) && (
              <li>
                <a href={`/${lang}/admin/audit-log`}>{t("audit.title")}</a>
              </li>
            )}
            <li>
              <form method="post" action={`/${lang}/sign-out`} class="inline-form">
                <CsrfField ctx={ctx} />
                <button type="submit" class="link-button">
                  {t("nav.sign_out")}
                </button>
              </form>
            </li>
          </>
        ) : (
          <li>
            <a href={`/${lang}/sign-in`}>{t("nav.sign_in")}</a>
          </li>
        )}
      </ul>
    </nav>
  );
}
