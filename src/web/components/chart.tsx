// A dot-and-interval chart of proportions (0 to 1), server-rendered as SVG: one row per group with its estimate and
// 95 % interval, optional reference and threshold lines, a legend and the same figures as a table for those who
// cannot see the chart. Colours are SVG presentation attributes (the CSP forbids inline styles); meaning never rests
// on colour alone: the reference group is a diamond, lines differ by dash, withheld rows say so in words.
import type { ComponentChildren } from "preact";

export interface IntervalChartRow {
  label: string;
  /** The estimate; null draws no point (see `missing`). */
  value: number | null;
  interval: { low: number; high: number } | null;
  /** Drawn as an open diamond: the group the others are compared with. */
  reference?: boolean;
  /** Said instead of a point when there is no figure, e.g. "withheld": a few words, the plot's width is all it has. */
  missing?: string;
}

export interface ChartLine {
  value: number;
  /** Named in the legend and the table's caption. */
  label: string;
}

export interface IntervalChartProps {
  /** Unique on the page: the ids of the title, description and caption derive from it. */
  id: string;
  title: string;
  /** One sentence saying what the chart shows, for screen readers (the SVG's <desc>). */
  description: string;
  rows: IntervalChartRow[];
  /** How a value reads, in the reader's language (labels, legend, table). */
  format: (value: number) => string;
  /** How an axis tick reads; `format` when not given. */
  formatTick?: (value: number) => string;
  formatInterval: (interval: { low: number; high: number }) => string;
  referenceLine?: ChartLine;
  threshold?: ChartLine;
  labels: {
    /** Heading of the table's first column. */
    group: string;
    estimate: string;
    interval: string;
    /** Legend entry of the diamond, and the mark of that row in the table. */
    referenceGroup: string;
    /** The summary that opens the table. */
    showTable: string;
  };
}

const WIDTH = 720;
const ROW = 26;
const TOP = 6;
const AXIS = 30;
const VALUE_COLUMN = 76;
const FONT = 13;
/** About the width of one character at 13 px in a sans-serif font: enough to fit labels without measuring text. */
const CHAR = 7.2;
const TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];
const INK = "#1b1b1b";
const MARK = "#00346e";
const MUTED = "#505050";
const THRESHOLD = "#b00020";
const GRID = "#b1b4b6";
const BAND = "#f3f2f1";
const REFERENCE_DASH = "6 4";
const THRESHOLD_DASH = "2 3";

const r1 = (n: number) => Math.round(n * 10) / 10;
const clamp = (v: number) => Math.min(1, Math.max(0, v));

/** The diamond of the reference group, centred on (x, y). */
const diamond = (x: number, y: number, r: number) => `${r1(x)},${r1(y - r)} ${r1(x + r)},${r1(y)} ${r1(x)},${r1(y + r)} ${r1(x - r)},${r1(y)}`;

export function IntervalChart(props: IntervalChartProps) {
  const { id, title, description, rows, format, formatTick = format, formatInterval, referenceLine, threshold, labels } = props;
  const labelWidth = Math.min(300, Math.max(80, Math.max(0, ...rows.map((r) => r.label.length)) * CHAR));
  const left = labelWidth + 16;
  const right = WIDTH - VALUE_COLUMN - 12;
  const x = (v: number) => r1(left + clamp(v) * (right - left));
  const bottom = TOP + rows.length * ROW;
  const height = bottom + AXIS;
  const ids = { title: `${id}-title`, desc: `${id}-desc`, caption: `${id}-caption` };
  const line = (l: ChartLine, stroke: string, dash: string, kind: string) => (
    <line class={`chart-${kind}`} x1={x(l.value)} x2={x(l.value)} y1={TOP} y2={bottom} stroke={stroke} stroke-width="2" stroke-dasharray={dash} />
  );
  return (
    <figure class="chart" id={id}>
      <figcaption id={ids.caption}>{title}</figcaption>
      <svg
        class="chart-svg"
        role="img"
        aria-labelledby={ids.title}
        aria-describedby={ids.desc}
        viewBox={`0 0 ${WIDTH} ${height}`}
        width={WIDTH}
        height={height}
        font-size={FONT}
      >
        <title id={ids.title}>{title}</title>
        <desc id={ids.desc}>{description}</desc>
        {rows.map((_, i) => i % 2 === 0 && <rect class="chart-band" x="0" y={TOP + i * ROW} width={WIDTH} height={ROW} fill={BAND} />)}
        {TICKS.map((tick) => (
          <g class="chart-tick">
            <line x1={x(tick)} x2={x(tick)} y1={TOP} y2={bottom + 4} stroke={GRID} stroke-width="1" />
            <text x={x(tick)} y={bottom + 20} text-anchor="middle" fill={INK}>
              {formatTick(tick)}
            </text>
          </g>
        ))}
        <line class="chart-axis" x1={left} x2={right} y1={bottom} y2={bottom} stroke={INK} stroke-width="1" />
        {referenceLine && line(referenceLine, INK, REFERENCE_DASH, "reference")}
        {threshold && line(threshold, THRESHOLD, THRESHOLD_DASH, "threshold")}
        {rows.map((row, i) => {
          const y = TOP + i * ROW + ROW / 2;
          const label = (
            <text x={left - 8} y={y} dy="0.35em" text-anchor="end" fill={INK}>
              {row.label}
            </text>
          );
          if (row.value === null) {
            // The row's own background hides the grid and lines behind its words.
            return (
              <g class="chart-row chart-row-missing">
                {label}
                <rect class="chart-band" x={left} y={TOP + i * ROW} width={right - left} height={ROW} fill={i % 2 === 0 ? BAND : "#ffffff"} />
                <text x={left + 4} y={y} dy="0.35em" fill={MUTED} font-style="italic">
                  {row.missing ?? "—"}
                </text>
              </g>
            );
          }
          const cx = x(row.value);
          return (
            <g class="chart-row">
              {label}
              {row.interval && (
                <g class="chart-interval" stroke={MARK} stroke-width="2">
                  <line x1={x(row.interval.low)} x2={x(row.interval.high)} y1={y} y2={y} />
                  <line x1={x(row.interval.low)} x2={x(row.interval.low)} y1={y - 5} y2={y + 5} />
                  <line x1={x(row.interval.high)} x2={x(row.interval.high)} y1={y - 5} y2={y + 5} />
                </g>
              )}
              {row.reference ? (
                <polygon class="chart-mark chart-mark-reference" points={diamond(cx, y, 7)} fill="#ffffff" stroke={MARK} stroke-width="2.5" />
              ) : (
                <circle class="chart-mark" cx={cx} cy={y} r="5" fill={MARK} />
              )}
              <text x={WIDTH - 4} y={y} dy="0.35em" text-anchor="end" fill={INK}>
                {format(row.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <ul class="chart-legend">
        <li>
          <LegendSymbol>
            <line x1="2" x2="26" y1="8" y2="8" stroke={MARK} stroke-width="2" />
            <circle cx="14" cy="8" r="5" fill={MARK} />
          </LegendSymbol>
          {labels.estimate}, {labels.interval}
        </li>
        {rows.some((r) => r.reference && r.value !== null) && (
          <li>
            <LegendSymbol>
              <polygon points={diamond(14, 8, 6)} fill="#ffffff" stroke={MARK} stroke-width="2.5" />
            </LegendSymbol>
            {labels.referenceGroup}
          </li>
        )}
        {referenceLine && (
          <li>
            <LegendSymbol>
              <line x1="14" x2="14" y1="0" y2="16" stroke={INK} stroke-width="2" stroke-dasharray={REFERENCE_DASH} />
            </LegendSymbol>
            {referenceLine.label} ({format(referenceLine.value)})
          </li>
        )}
        {threshold && (
          <li>
            <LegendSymbol>
              <line x1="14" x2="14" y1="0" y2="16" stroke={THRESHOLD} stroke-width="2" stroke-dasharray={THRESHOLD_DASH} />
            </LegendSymbol>
            {threshold.label} ({format(threshold.value)})
          </li>
        )}
      </ul>
      <details class="chart-data">
        <summary>{labels.showTable}</summary>
        <table class="table">
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{labels.group}</th>
              <th scope="col">{labels.estimate}</th>
              <th scope="col">{labels.interval}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr>
                <th scope="row">
                  {row.label}
                  {row.reference && <> ({labels.referenceGroup})</>}
                </th>
                {row.value === null ? (
                  <td colSpan={2}>{row.missing ?? "—"}</td>
                ) : (
                  <>
                    <td>{format(row.value)}</td>
                    <td>{row.interval ? formatInterval(row.interval) : "—"}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** A small drawing in the legend; the text beside it says what it means. */
function LegendSymbol({ children }: { children: ComponentChildren }) {
  return (
    <svg class="chart-legend-symbol" aria-hidden="true" viewBox="0 0 28 16" width="28" height="16">
      {children}
    </svg>
  );
}
