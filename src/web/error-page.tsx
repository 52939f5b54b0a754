// The translated page shown for an error: what happened and what to do next, never a stack trace.
import type { FieldError } from "../http/errors.ts";
import type { PageContext } from "./context.ts";
import { Layout } from "./layout.tsx";

interface Props {
  ctx: PageContext;
  id: string;
  status: number;
  /** The values the error's messages refer to, e.g. the `id` that was not found. */
  params?: Record<string, string | number>;
  fields: FieldError[];
}

export function ErrorPage({ ctx, id, status, params = {}, fields }: Props) {
  const { t, lang } = ctx;
  const key = t(`errors.${id}.title`, { defaultValue: "" }) ? id : status >= 500 ? "internal" : "bad_request";
  const title = t(`errors.${key}.title`, params);
  return (
    <Layout ctx={ctx} title={title} hasErrors>
      <h1>{title}</h1>
      <p>{t(`errors.${key}.detail`, params)}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((f) => (
            <li>
              <code>{f.path}</code>: {t(f.message, f.params)}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={`/${lang}/`}>{t("errors.back_home")}</a> · <a href={`/${lang}/systems`}>{t("errors.search_register")}</a>
      </p>
      <p class="error-code">
        {t("errors.reference")}{t("common.colon")} <code>{id}</code> ({status})
      </p>
    </Layout>
  );
}
