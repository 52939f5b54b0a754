// Page links for a list: previous, numbered pages around the current one, next.
import type { PageContext } from "../context.ts";

interface Props {
  ctx: PageContext;
  page: number;
  pageCount: number;
  /** Builds the URL of a page. */
  href: (page: number) => string;
}

export function Pagination({ ctx, page, pageCount, href }: Props) {
  if (pageCount <= 1) return null;
  const { t } = ctx;
  const pages = [...new Set([1, page - 1, page, page + 1, pageCount])].filter((p) => p >= 1 && p <= pageCount).sort((a, b) => a - b);
  return (
    <nav class="pagination" aria-label={t("pagination.label")}>
      <ul>
        {page > 1 && (
          <li>
            <a href={href(page - 1)} rel="prev">
              {t("pagination.previous")}
            </a>
          </li>
        )}
        {pages.map((p, i) => (
          <>
            {i > 0 && p - pages[i - 1]! > 1 && (
              <li aria-hidden="true" class="ellipsis">
                …
              </li>
            )}
            <li>
              {p === page ? (
                <a href={href(p)} aria-current="page" aria-label={t("pagination.page_current", { page: p })}>
                  {p}
                </a>
              ) : (
                <a href={href(p)} aria-label={t("pagination.page", { page: p })}>
                  {p}
                </a>
              )}
            </li>
          </>
        ))}
        {page < pageCount && (
          <li>
            <a href={href(page + 1)} rel="next">
              {t("pagination.next")}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
