// The changes between two versions: each changed field with its words removed and added.
import { formatDate } from "../../../i18n/index.ts";
import { localizedString } from "../../../web/components/localized.tsx";
import type { PageContext } from "../../../web/context.ts";
import { Layout } from "../../../web/layout.tsx";
import type { FieldDiff } from "../diff.ts";
import type { PublishedSystem } from "../present.ts";

interface Props {
  ctx: PageContext;
  from: PublishedSystem;
  to: PublishedSystem;
  changes: FieldDiff[];
}

/** "Risks › 2 › Mitigation": the field's place in the record, in the page's language. */
function fieldLabel(ctx: PageContext, change: FieldDiff): string {
  const parts = change.path.map((segment) =>
    typeof segment === "number" ? String(segment + 1) : ctx.t(`record_paths.${segment}`, { defaultValue: segment }),
  );
  const language = change.lang ? ` (${ctx.t(`languages.${change.lang}`)})` : "";
  return `${parts.join(" › ")}${language}`;
}

/** Translation key prefix of the labels of a field that holds a code (a phase, a class, a yes/no …). */
function codeLabels(path: FieldDiff["path"]): string | undefined {
  const names = path.filter((segment): segment is string => typeof segment === "string");
  const last = names.at(-1);
  if (last === "kind") return names[0] === "assessments" ? "assessment_kinds" : names[0] === "data" ? "data_kinds" : undefined;
  const prefixes: Record<string, string> = {
    phase: "phases",
    class: "risk",
    theme: "themes",
    region: "regions",
    automation: "automation",
    role: "third_party_roles",
    annexIProduct: "yes_no",
    art6_3Exemption: "yes_no",
    art50Transparency: "yes_no",
    prohibitedChecked: "yes_no",
  };
  return last ? prefixes[last] : undefined;
}

/** The parts to show: codes as their labels (old one removed, new one added), texts as their word diff. */
function displayedParts(ctx: PageContext, change: FieldDiff): FieldDiff["parts"] {
  const prefix = codeLabels(change.path);
  if (!prefix) return change.parts;
  const label = (code: string) =>
    prefix === "yes_no" ? ctx.t(code === "true" ? "common.yes" : "common.no") : ctx.t(`${prefix}.${code}`, { defaultValue: code });
  return [
    ...(change.before !== null ? [{ value: label(change.before), added: false, removed: true }] : []),
    ...(change.before !== null && change.after !== null ? [{ value: " ", added: false, removed: false }] : []),
    ...(change.after !== null ? [{ value: label(change.after), added: true, removed: false }] : []),
  ];
}

export function DiffPage({ ctx, from, to, changes }: Props) {
  const { t, lang } = ctx;
  const base = `/${lang}/systems/${to.id}`;
  const name = localizedString(ctx, to.record.name);
  const title = t("diff.title", { from: from.version, to: to.version, name });
  return (
    <Layout ctx={ctx} title={title}>
      <nav aria-label={t("common.breadcrumb")} class="breadcrumb">
        <ol>
          <li>
            <a href={`/${lang}/systems`}>{t("nav.systems")}</a>
          </li>
          <li>
            <a href={base}>{name}</a>
          </li>
          <li>
            <a href={`${base}/history`}>{t("history.breadcrumb")}</a>
          </li>
          <li aria-current="page">{t("diff.breadcrumb")}</li>
        </ol>
      </nav>
      <h1>{title}</h1>
      <p>
        {t("diff.intro", {
          from: from.version,
          fromDate: formatDate(lang, from.publishedAt),
          to: to.version,
          toDate: formatDate(lang, to.publishedAt),
        })}
      </p>
      <p class="diff-legend">
        {t("diff.legend_prefix")} <del>{t("diff.removed")}</del> <ins>{t("diff.added")}</ins>
      </p>
      {changes.length === 0 ? (
        <p class="empty-state">{t("diff.no_changes")}</p>
      ) : (
        <>
          <h2>{t("diff.count", { count: changes.length })}</h2>
          <dl class="diff-list">
            {changes.map((change) => {
              // The field's text may be in another language than the page; the badges and markers are not.
              const textLang = change.lang && change.lang !== lang ? change.lang : undefined;
              const parts = displayedParts(ctx, change);
              return (
                <div class="diff-item">
                  <dt>{fieldLabel(ctx, change)}</dt>
                  <dd>
                    {change.before === null && <span class="badge">{t("diff.field_added")}</span>}
                    {change.after === null && <span class="badge">{t("diff.field_removed")}</span>}
                    <p class="diff-text">
                      {parts.map((part) =>
                        part.added ? (
                          <ins>
                            <span class="visually-hidden">[{t("diff.added")}{t("common.colon")} </span>
                            <span lang={textLang}>{part.value}</span>
                            <span class="visually-hidden">]</span>
                          </ins>
                        ) : part.removed ? (
                          <del>
                            <span class="visually-hidden">[{t("diff.removed")}{t("common.colon")} </span>
                            <span lang={textLang}>{part.value}</span>
                            <span class="visually-hidden">]</span>
                          </del>
                        ) : (
                          <span lang={textLang}>{part.value}</span>
                        ),
                      )}
                    </p>
                  </dd>
                </div>
              );
            })}
          </dl>
        </>
      )}
      <p>
        <a href={`${base}/history`}>{t("diff.back_to_history")}</a>
      </p>
    </Layout>
  );
}
