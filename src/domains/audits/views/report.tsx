// The body of a bias-audit report, for a page to place in its layout: what was found in plain words, how the audit
// was done, how to read the figures, then per grouping the charts and tables of every group's rates and its gaps to
// the reference group. Withheld groups are rows that say so, never figures.
import type { ComponentChildren } from "preact";
import { formatNumber } from "../../../i18n/index.ts";
import { IntervalChart, type IntervalChartRow } from "../../../web/components/chart.tsx";
import type { PageContext } from "../../../web/context.ts";
import type { AuditResult, Disparity, GroupingResult, GroupResult, Interval, RateName } from "../schema.ts";
import {
  describeSettings,
  formatInterval,
  formatList,
  formatPoints,
  formatRate,
  formatRatio,
  groupingTitle,
  groupName,
  sayFinding,
  summarizeAudit,
  withheldReason,
  type Finding,
} from "../summary.ts";

/** The four-fifths rule's threshold, drawn on the selection-rate chart (the engine flags ratios below it). */
const FOUR_FIFTHS = 0.8;
const LABELLED_RATES = ["true_positive_rate", "false_positive_rate", "false_negative_rate", "precision", "accuracy"] as const;

interface Props {
  ctx: PageContext;
  result: AuditResult;
  /** Prefix of every id in the report, for a page that shows more than one. */
  idPrefix?: string;
}

export function AuditReport({ ctx, result, idPrefix = "audit" }: Props) {
  return (
    <div class="audit-report">
      <AuditFindings ctx={ctx} result={result} idPrefix={idPrefix} />
      <AuditSettingsSection ctx={ctx} result={result} idPrefix={idPrefix} />
      <HowToRead ctx={ctx} result={result} idPrefix={idPrefix} />
      <section aria-labelledby={`${idPrefix}-groups-heading`} class="record-section">
        <h2 id={`${idPrefix}-groups-heading`}>{ctx.t("audit_report.groups_heading")}</h2>
        {result.groupings.map((grouping, index) => (
          <GroupingSection ctx={ctx} result={result} grouping={grouping} id={`${idPrefix}-g${index}`} />
        ))}
      </section>
    </div>
  );
}

/** The plain-language findings alone, e.g. for a system's page. */
export function AuditFindings({ ctx, result, idPrefix = "audit" }: Props) {
  const { t, lang } = ctx;
  const summary = summarizeAudit(result);
  const say = (finding: Finding) => sayFinding(t, lang, finding);
  return (
    <section aria-labelledby={`${idPrefix}-findings-heading`} class="audit-findings">
      <h2 id={`${idPrefix}-findings-heading`}>{t("audit_report.findings_heading")}</h2>
      {summary.overall.map((finding) => (
        <p>{say(finding)}</p>
      ))}
      {summary.groupings.map(({ attributes, findings }) => (
        <>
          <h3>{groupingTitle(t, lang, attributes)}</h3>
          <ul>
            {findings.map((finding) => (
              <li>{say(finding)}</li>
            ))}
          </ul>
        </>
      ))}
      {summary.notes.map((finding) => (
        <p class="hint">{say(finding)}</p>
      ))}
    </section>
  );
}

function AuditSettingsSection({ ctx, result, idPrefix }: Props & { idPrefix: string }) {
  return (
    <section aria-labelledby={`${idPrefix}-settings-heading`} class="record-section">
      <h2 id={`${idPrefix}-settings-heading`}>{ctx.t("audit_report.settings_heading")}</h2>
      <dl class="summary-list">
        {describeSettings(ctx.t, ctx.lang, result).map(({ term, value }) => (
          <div>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function HowToRead({ ctx, result, idPrefix }: Props & { idPrefix: string }) {
  const { t, lang } = ctx;
  const terms = ["interval", "difference", "not_distinguishable", "ratio", "four_fifths", "withheld"] as const;
  return (
    <section aria-labelledby={`${idPrefix}-read-heading`} class="record-section">
      <h2 id={`${idPrefix}-read-heading`}>{t("audit_report.read_heading")}</h2>
      <dl class="audit-glossary">
        <dt>{t("audit_report.rates.selection_rate")}</dt>
        <dd>{t("audit_report.rate_explained.selection_rate")}</dd>
        {result.has_label &&
          LABELLED_RATES.map((rate) => (
            <>
              <dt>{t(`audit_report.rates.${rate}`)}</dt>
              <dd>{t(`audit_report.rate_explained.${rate}`)}</dd>
            </>
          ))}
        {terms.map((term) => (
          <>
            <dt>{t(`audit_report.glossary.${term}`)}</dt>
            <dd>
              {t(`audit_report.glossary.${term}_explained`, {
                count: result.settings.min_group_size,
                minimum: formatNumber(lang, result.settings.min_group_size),
              })}
            </dd>
          </>
        ))}
      </dl>
    </section>
  );
}

function GroupingSection({ ctx, result, grouping, id }: { ctx: PageContext; result: AuditResult; grouping: GroupingResult; id: string }) {
  const { t, lang } = ctx;
  const reference = grouping.groups.find((g) => g.is_reference);
  const details = (
    <>
      <ReferenceNote ctx={ctx} grouping={grouping} reference={reference} />
      <GroupingSummary ctx={ctx} result={result} grouping={grouping} />
      <RateChart ctx={ctx} grouping={grouping} rate="selection_rate" id={`${id}-selection`} />
      {/* Error rates of combinations stay in the table: three charts of a hundred small groups would bury the page. */}
      {result.has_label && grouping.attributes.length === 1 && (
        <>
          <RateChart ctx={ctx} grouping={grouping} rate="true_positive_rate" id={`${id}-tpr`} />
          <RateChart ctx={ctx} grouping={grouping} rate="false_positive_rate" id={`${id}-fpr`} />
        </>
      )}
      <RatesTable ctx={ctx} result={result} grouping={grouping} />
      <ComparisonTable ctx={ctx} result={result} grouping={grouping} />
    </>
  );
  return (
    <section aria-labelledby={`${id}-heading`} class="audit-grouping">
      <h3 id={`${id}-heading`}>{groupingTitle(t, lang, grouping.attributes)}</h3>
      {grouping.attributes.length === 1 ? (
        details
      ) : (
        // Combinations have many small groups: their figures open on demand, under a heading that is always there.
        <details class="audit-combination">
          <summary>{t("audit_report.show_groups", { count: grouping.groups.length, groups: formatNumber(lang, grouping.groups.length) })}</summary>
          {details}
        </details>
      )}
    </section>
  );
}

function ReferenceNote({ ctx, grouping, reference }: { ctx: PageContext; grouping: GroupingResult; reference: GroupResult | undefined }) {
  const { t } = ctx;
  if (!grouping.reference || !reference) return <p>{t("audit_report.no_reference")}</p>;
  return (
    <p>
      {t("audit_report.reference_group", {
        group: t("audit_report.quoted", { text: groupName(t, reference.attributes) }),
        rule: t(`audit_report.rule_${grouping.reference.rule}`),
      })}
    </p>
  );
}

/** fairlearn's between-groups summaries, over the groups shown: nothing to say with fewer than two. */
function GroupingSummary({ ctx, result, grouping }: { ctx: PageContext; result: AuditResult; grouping: GroupingResult }) {
  const { t, lang } = ctx;
  if (grouping.groups.filter(figuresShown).length < 2) return null;
  const s = grouping.summary;
  const items: Array<[string, number | null, (v: number) => string]> = [
    ["demographic_parity_difference", s.demographic_parity_difference, (v) => t("audit_report.points", { value: formatPoints(lang, v, false) })],
    ["demographic_parity_ratio", s.demographic_parity_ratio, (v) => formatRatio(lang, v)],
  ];
  if (result.has_label) {
    items.push(
      ["equal_opportunity_difference", s.equal_opportunity_difference, (v) => t("audit_report.points", { value: formatPoints(lang, v, false) })],
      ["equalized_odds_difference", s.equalized_odds_difference, (v) => t("audit_report.points", { value: formatPoints(lang, v, false) })],
    );
  }
  const shown = items.filter(([, value]) => value !== null);
  if (!shown.length) return null;
  return (
    <dl class="key-facts">
      {shown.map(([name, value, format]) => (
        <div>
          <dt>{t(`audit_report.summary.${name}`)}</dt>
          <dd>{format(value!)}</dd>
        </div>
      ))}
    </dl>
  );
}

const figuresShown = (g: GroupResult) => !g.suppressed && g.count !== null;

/** The row's header: the group, marked when it is the reference or (raw view) would be withheld on publication. */
function GroupHeader({ ctx, result, group }: { ctx: PageContext; result: AuditResult; group: GroupResult }) {
  const { t, lang } = ctx;
  return (
    <th scope="row">
      {groupName(t, group.attributes)}
      {group.is_reference && <span class="badge audit-reference-badge">{t("audit_report.reference_badge")}</span>}
      {!group.suppressed && group.suppression !== null && (
        <span class="audit-would-withhold">
          {t("audit_report.would_withhold_badge")}
          {t("common.colon")} {withheldReason(t, lang, result, group)}
        </span>
      )}
    </th>
  );
}

function NoFigure({ ctx }: { ctx: PageContext }) {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span class="visually-hidden">{ctx.t("audit_report.no_figure")}</span>
    </>
  );
}

function RateCell({ ctx, value, interval }: { ctx: PageContext; value: number | null; interval: Interval | null }) {
  if (value === null) {
    return (
      <td>
        <NoFigure ctx={ctx} />
      </td>
    );
  }
  return (
    <td>
      {formatRate(ctx.lang, value)}
      {interval && <span class="audit-interval">{formatInterval(ctx.t, ctx.lang, interval)}</span>}
    </td>
  );
}

function WithheldRow({ ctx, result, group, columns }: { ctx: PageContext; result: AuditResult; group: GroupResult; columns: number }) {
  return (
    <tr class="audit-withheld">
      <GroupHeader ctx={ctx} result={result} group={group} />
      <td colSpan={columns}>
        {ctx.t("audit_report.withheld_badge")}
        {ctx.t("common.colon")} {withheldReason(ctx.t, ctx.lang, result, group)}
      </td>
    </tr>
  );
}

/** A table that scrolls sideways on a narrow screen; the region is focusable so a keyboard can scroll it. */
function ScrollingTable({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

function RatesTable({ ctx, result, grouping }: { ctx: PageContext; result: AuditResult; grouping: GroupingResult }) {
  const { t, lang } = ctx;
  const rates: RateName[] = result.has_label ? ["selection_rate", ...LABELLED_RATES] : ["selection_rate"];
  const caption = t("audit_report.rates_table", { attributes: formatList(lang, grouping.attributes) });
  return (
    <ScrollingTable label={caption}>
      <table class="table audit-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("audit_report.columns.group")}</th>
            <th scope="col">{t(result.weighted ? "audit_report.columns.decisions_weighted" : "audit_report.columns.decisions")}</th>
            {rates.map((rate) => (
              <th scope="col">{t(`audit_report.rates.${rate}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grouping.groups.map((group) =>
            !figuresShown(group) ? (
              <WithheldRow ctx={ctx} result={result} group={group} columns={rates.length + 1} />
            ) : (
              <tr>
                <GroupHeader ctx={ctx} result={result} group={group} />
                <td>{formatNumber(lang, group.count!)}</td>
                {rates.map((rate) => (
                  <RateCell ctx={ctx} value={group[rate]} interval={group.intervals[rate]} />
                ))}
              </tr>
            ),
          )}
        </tbody>
      </table>
    </ScrollingTable>
  );
}

function DifferenceCell({ ctx, disparity }: { ctx: PageContext; disparity: Disparity | null }) {
  const { t, lang } = ctx;
  if (!disparity || disparity.difference === null) {
    return (
      <td>
        <NoFigure ctx={ctx} />
      </td>
    );
  }
  return (
    <td>
      {formatPoints(lang, disparity.difference)}
      {disparity.interval && <span class="audit-interval">{formatInterval(t, lang, disparity.interval, true)}</span>}
      {disparity.distinguishable === false && <span class="audit-uncertain">{t("audit_report.not_distinguishable")}</span>}
    </td>
  );
}

function ComparisonTable({ ctx, result, grouping }: { ctx: PageContext; result: AuditResult; grouping: GroupingResult }) {
  const { t, lang } = ctx;
  if (!grouping.reference) return null;
  const caption = t("audit_report.comparison_table", { attributes: formatList(lang, grouping.attributes) });
  const columns = result.has_label ? 5 : 3;
  return (
    <ScrollingTable label={caption}>
      <table class="table audit-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("audit_report.columns.group")}</th>
            <th scope="col">{t("audit_report.columns.difference")}</th>
            <th scope="col">{t("audit_report.columns.ratio")}</th>
            <th scope="col">{t("audit_report.columns.four_fifths")}</th>
            {result.has_label && (
              <>
                <th scope="col">{t("audit_report.columns.equal_opportunity")}</th>
                <th scope="col">{t("audit_report.columns.equalized_odds")}</th>
              </>
            )}
          </tr>
        </thead>
        <tbody>
          {grouping.groups.map((group) => {
            if (!figuresShown(group)) return <WithheldRow ctx={ctx} result={result} group={group} columns={columns} />;
            const d = group.disparities;
            if (group.is_reference || !d) {
              return (
                <tr>
                  <GroupHeader ctx={ctx} result={result} group={group} />
                  <td colSpan={columns}>{t(group.is_reference ? "audit_report.is_reference" : "audit_report.no_figure")}</td>
                </tr>
              );
            }
            return (
              <tr>
                <GroupHeader ctx={ctx} result={result} group={group} />
                <DifferenceCell ctx={ctx} disparity={d.demographic_parity} />
                <td>{d.demographic_parity.ratio === null ? <NoFigure ctx={ctx} /> : formatRatio(lang, d.demographic_parity.ratio)}</td>
                <td>
                  {d.four_fifths.flagged === null ? (
                    <NoFigure ctx={ctx} />
                  ) : d.four_fifths.flagged ? (
                    <strong class="audit-flag">
                      <span aria-hidden="true">⚠ </span>
                      {t("audit_report.below_four_fifths")}
                    </strong>
                  ) : (
                    t("common.no")
                  )}
                </td>
                {result.has_label && (
                  <>
                    <DifferenceCell ctx={ctx} disparity={d.equal_opportunity} />
                    <DifferenceCell ctx={ctx} disparity={d.equalized_odds} />
                  </>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollingTable>
  );
}

function RateChart(props: { ctx: PageContext; grouping: GroupingResult; rate: RateName; id: string }) {
  const { ctx, grouping, rate, id } = props;
  const { t, lang } = ctx;
  const reference = grouping.groups.find((g) => g.is_reference && g[rate] !== null);
  const rows: IntervalChartRow[] = grouping.groups.map((group) => ({
    label: groupName(t, group.attributes),
    value: figuresShown(group) ? group[rate] : null,
    interval: figuresShown(group) ? group.intervals[rate] : null,
    reference: group.is_reference,
    // The tables below say why a group is withheld; a chart row has room for a word.
    missing: t(figuresShown(group) ? "audit_report.no_figure" : "audit_report.withheld_badge"),
  }));
  const referenceValue = reference?.[rate] ?? null;
  const rateName = t(`audit_report.rates.${rate}`);
  const rateTerm = t(`audit_report.rate_terms.${rate}`);
  const attributes = formatList(lang, grouping.attributes);
  return (
    <IntervalChart
      id={id}
      title={t("audit_report.chart.title", { rate: rateName, attributes })}
      description={chartDescription(ctx, rows, rateTerm, reference)}
      rows={rows}
      format={(v) => formatRate(lang, v)}
      formatTick={(v) => formatRate(lang, v, true)}
      formatInterval={(interval) => formatInterval(t, lang, interval)}
      referenceLine={referenceValue === null ? undefined : { value: referenceValue, label: t("audit_report.chart.reference_line") }}
      threshold={
        rate === "selection_rate" && referenceValue !== null
          ? { value: referenceValue * FOUR_FIFTHS, label: t("audit_report.chart.four_fifths_line") }
          : undefined
      }
      labels={{
        group: t("audit_report.columns.group"),
        estimate: t("audit_report.chart.estimate"),
        interval: t("audit_report.chart.interval"),
        referenceGroup: t("audit_report.reference_badge"),
        showTable: t("audit_report.chart.show_table"),
      }}
    />
  );
}

/** One sentence (two with withheld groups) on the range the chart shows, for its <desc>. */
function chartDescription(ctx: PageContext, rows: IntervalChartRow[], rateTerm: string, reference: GroupResult | undefined): string {
  const { t, lang } = ctx;
  const values = rows.filter((r): r is IntervalChartRow & { value: number } => r.value !== null);
  const missing = rows.length - values.length;
  const quoted = (text: string) => t("audit_report.quoted", { text });
  const sentences: string[] = [];
  if (!values.length) {
    sentences.push(t("audit_report.chart.desc_none", { rate: rateTerm }));
  } else {
    const low = values.reduce((a, b) => (b.value < a.value ? b : a));
    const high = values.reduce((a, b) => (b.value > a.value ? b : a));
    sentences.push(
      t("audit_report.chart.desc", {
        count: values.length,
        groups: formatNumber(lang, values.length),
        rate: rateTerm,
        low: formatRate(lang, low.value),
        low_group: quoted(low.label),
        high: formatRate(lang, high.value),
        high_group: quoted(high.label),
      }),
    );
    const ref = values.find((r) => r.reference);
    if (ref && reference) sentences.push(t("audit_report.chart.desc_reference", { group: quoted(ref.label), value: formatRate(lang, ref.value) }));
  }
  if (missing) sentences.push(t("audit_report.chart.desc_missing", { count: missing, groups: formatNumber(lang, missing) }));
  return sentences.join(" ");
}
