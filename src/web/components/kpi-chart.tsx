// An indicator's measurements over time, per country, against each country's baseline and target: a server-rendered
// SVG line chart with a legend and the same figures as a table. Colours are SVG presentation attributes (the CSP
// forbids inline styles); meaning never rests on colour alone: countries differ by marker shape and line dash, the
// target is dashed and the baseline dotted, and the table says in words whether each measurement reaches the target.
import type { ComponentChildren } from "preact";
import type { Country } from "../../domains/exchange/sharing.ts";

export type KpiDirection = "increase" | "decrease";

export interface KpiPoint {
  /** The day of the measurement, YYYY-MM-DD. */
  date: string;
  value: number;
}

export interface KpiSeries {
  key: Country;
  /** How the country is named in the legend and the table, e.g. "LU" or "Luxembourg". */
  label: string;
  baseline: number | null;
  target: number | null;
  points: KpiPoint[];
}

export interface KpiChartProps {
  /** Unique on the page: the ids of the title, description and caption derive from it. */
  id: string;
  title: string;
  /** One sentence saying what the chart shows, for screen readers (the SVG's <desc>). */
  description: string;
  /** Written above the value axis, e.g. "%" or "days". */
  unit: string;
  /** Whether a higher or a lower value is better: decides whether a measurement reaches its target. */
  direction: KpiDirection;
  series: KpiSeries[];
  /** How a value reads in the reader's language (legend, table). */
  formatValue: (value: number) => string;
  /** How a value-axis tick reads; `formatValue` when not given. */
  formatTick?: (value: number) => string;
  /** How a YYYY-MM-DD day reads in the reader's language (axis, table). */
  formatDate: (iso: string) => string;
  labels: {
    /** Column headings of the table. */
    date: string;
    series: string;
    value: string;
    /** Heading of the column that says whether a measurement reaches its country's target. */
    comparison: string;
    reached: string;
    notReached: string;
    /** The words in the date column of a country's baseline and target rows, e.g. "Baseline", "Target". */
    baseline: string;
    target: string;
    /** Legend entries, e.g. "Target LU: 80 %": functions, because word order and punctuation differ per language. */
    baselineLine: (series: string, value: string) => string;
    targetLine: (series: string, value: string) => string;
    /** The summary that opens the table. */
    showTable: string;
    /** Said instead of the plot when no country has a measurement yet. */
    noData: string;
  };
}

/** How far `value` has come from `baseline` to `target`: 0 at the baseline, 1 at the target, beyond 1 past it, below 0
 * when it went the wrong way. Null when baseline and target are equal, as there is no distance to cover. */
export function progressTowardTarget(baseline: number, target: number, value: number): number | null {
  if (target === baseline) return null;
  return (value - baseline) / (target - baseline);
}

/** Whether `value` reaches `target`, for an indicator that should rise (`increase`) or fall (`decrease`). */
export function targetReached(direction: KpiDirection, target: number, value: number): boolean {
  return direction === "increase" ? value >= target : value <= target;
}

const WIDTH = 720;
const HEIGHT = 320;
const TOP = 28;
const BOTTOM = 40;
const RIGHT = 16;
/** Keeps the first and last measurements off the axes. */
const INSET = 14;
const FONT = 13;
/** About the width of one character at 13 px in a sans-serif font: enough to fit labels without measuring text. */
const CHAR = 7.2;
const DAY = 86_400_000;
const INK = "#1b1b1b";
const GRID = "#b1b4b6";
const TARGET_DASH = "8 4";
const BASELINE_DASH = "2 4";

/** Per country: a dark colour (at least 7:1 on white), a marker shape and a line dash, so any one of them tells them apart. */
const styles: Record<Country, { colour: string; dash: string | undefined; marker: "circle" | "square" }> = {
  LU: { colour: "#00346e", dash: undefined, marker: "circle" },
  BE: { colour: "#7a2000", dash: "12 3 3 3", marker: "square" },
};

const r1 = (n: number) => Math.round(n * 10) / 10;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const isoOf = (time: number) => new Date(time).toISOString().slice(0, 10);

/** Round ticks (1, 2, 2.5 or 5 times a power of ten) spanning [min, max], about five of them. */
function valueTicks(min: number, max: number): number[] {
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) / 10;
    return valueTicks(min - pad, max + pad);
  }
  const rough = (max - min) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough)!;
  const first = Math.floor(min / step);
  const last = Math.ceil(max / step);
  // toPrecision trims the float noise of i * step (0.30000000000000004).
  return Array.from({ length: last - first + 1 }, (_, i) => Number(((first + i) * step).toPrecision(12)));
}

/**
 * Days to label on the time axis: the first of a month every 1, 2, 3, 6, 12… months, or every few days over a short
 * span, the finest series that fits `most` labels. A span of a single day is labelled by that day.
 */
function dateTicks(start: number, end: number, most: number): number[] {
  if (start === end) return [start];
  const candidates: number[][] = [];
  for (const days of [1, 2, 7, 14]) {
    const count = Math.floor((end - start) / (days * DAY)) + 1;
    if (count <= most) candidates.push(Array.from({ length: count }, (_, i) => start + i * days * DAY));
  }
  const from = new Date(start);
  for (const months of [1, 2, 3, 6, 12, 24, 60, 120]) {
    const ticks: number[] = [];
    // From the first month boundary on or after the start whose index is a multiple of the step (Jan, Apr, Jul… for 3).
    let month = Math.ceil((from.getUTCFullYear() * 12 + from.getUTCMonth() + (from.getUTCDate() > 1 ? 1 : 0)) / months) * months;
    for (let t = Date.UTC(Math.floor(month / 12), month % 12, 1); t <= end; t = Date.UTC(Math.floor(month / 12), month % 12, 1)) {
      ticks.push(t);
      month += months;
    }
    candidates.push(ticks);
  }
  return candidates.find((ticks) => ticks.length >= 2 && ticks.length <= most) ?? [start, end];
}

export function KpiChart(props: KpiChartProps) {
  const { id, title, unit, direction, series, formatValue, formatDate, labels } = props;
  const ids = { title: `${id}-title`, desc: `${id}-desc`, caption: `${id}-caption` };
  const hasPoints = series.some((s) => s.points.length > 0);
  return (
    <figure class="chart kpi-chart" id={id}>
      <figcaption id={ids.caption}>{title}</figcaption>
      {hasPoints ? <Plot {...props} ids={ids} /> : <p class="kpi-chart-empty">{labels.noData}</p>}
      <ul class="chart-legend">
        {series.map((s) => {
          const style = styles[s.key];
          return (
            <>
              {s.points.length > 0 && (
                <li>
                  <LegendSymbol>
                    <line x1="0" x2="28" y1="8" y2="8" stroke={style.colour} stroke-width="2.5" stroke-dasharray={style.dash} />
                    <Marker country={s.key} x={14} y={8} />
                  </LegendSymbol>
                  {s.label}
                </li>
              )}
              {s.target !== null && (
                <li>
                  <LegendSymbol>
                    <line x1="0" x2="28" y1="8" y2="8" stroke={style.colour} stroke-width="1.5" stroke-dasharray={TARGET_DASH} />
                  </LegendSymbol>
                  {labels.targetLine(s.label, formatValue(s.target))}
                </li>
              )}
              {s.baseline !== null && (
                <li>
                  <LegendSymbol>
                    <line x1="0" x2="28" y1="8" y2="8" stroke={style.colour} stroke-width="1.5" stroke-dasharray={BASELINE_DASH} />
                  </LegendSymbol>
                  {labels.baselineLine(s.label, formatValue(s.baseline))}
                </li>
              )}
            </>
          );
        })}
      </ul>
      <details class="chart-data">
        <summary>{labels.showTable}</summary>
        <table class="table">
          <caption>
            {title} ({unit})
          </caption>
          <thead>
            <tr>
              <th scope="col">{labels.series}</th>
              <th scope="col">{labels.date}</th>
              <th scope="col">{labels.value}</th>
              <th scope="col">{labels.comparison}</th>
            </tr>
          </thead>
          {/* One group per country: its baseline, its measurements in time order, then its target. */}
          {series.map((s) => (
            <tbody>
              {s.baseline !== null && (
                <tr class="kpi-row-baseline">
                  <th scope="row">{s.label}</th>
                  <td>{labels.baseline}</td>
                  <td>{formatValue(s.baseline)}</td>
                  <td>—</td>
                </tr>
              )}
              {sortedPoints(s).map((p) => (
                <tr class="kpi-row-measurement">
                  <th scope="row">{s.label}</th>
                  <td>{formatDate(p.date)}</td>
                  <td>{formatValue(p.value)}</td>
                  <td>{s.target === null ? "—" : targetReached(direction, s.target, p.value) ? labels.reached : labels.notReached}</td>
                </tr>
              ))}
              {s.target !== null && (
                <tr class="kpi-row-target">
                  <th scope="row">{s.label}</th>
                  <td>{labels.target}</td>
                  <td>{formatValue(s.target)}</td>
                  <td>—</td>
                </tr>
              )}
            </tbody>
          ))}
        </table>
      </details>
    </figure>
  );
}

const sortedPoints = (s: KpiSeries) => [...s.points].sort((a, b) => a.date.localeCompare(b.date));

function Plot(props: KpiChartProps & { ids: { title: string; desc: string } }) {
  const { title, description, unit, series, formatTick = props.formatValue, formatDate, ids } = props;
  const days = series.flatMap((s) => s.points.map((p) => dayOf(p.date)));
  const references = series.flatMap((s) => [s.baseline, s.target].filter((v) => v !== null));
  const values = [...series.flatMap((s) => s.points.map((p) => p.value)), ...references];
  const yTicks = valueTicks(Math.min(...values), Math.max(...values));
  const yMin = yTicks[0]!;
  const yMax = yTicks.at(-1)!;
  const start = Math.min(...days);
  const end = Math.max(...days);
  const dateLabel = Math.max(...days.map((d) => formatDate(isoOf(d)).length)) * CHAR;
  // Wide enough for the value labels, and for a date label centred on the first or last measurement.
  const left = r1(Math.max(Math.max(...yTicks.map((t) => formatTick(t).length)) * CHAR + 14, dateLabel / 2 - INSET + 4));
  const right = r1(WIDTH - Math.max(RIGHT, dateLabel / 2 - INSET + 4));
  const bottom = HEIGHT - BOTTOM;
  // A single day sits in the middle of the plot.
  const x = (time: number) =>
    r1(end === start ? (left + right) / 2 : left + INSET + ((time - start) / (end - start)) * (right - left - 2 * INSET));
  const y = (value: number) => r1(bottom - ((value - yMin) / (yMax - yMin)) * (bottom - TOP));
  const xTicks = dateTicks(start, end, Math.max(2, Math.floor((right - left) / (dateLabel + 16))));
  return (
    <svg
      class="chart-svg"
      role="img"
      aria-labelledby={ids.title}
      aria-describedby={ids.desc}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width={WIDTH}
      height={HEIGHT}
      font-size={FONT}
    >
      <title id={ids.title}>{title}</title>
      <desc id={ids.desc}>{description}</desc>
      <text class="kpi-unit" x={left} y={TOP - 12} text-anchor="end" fill={INK}>
        {unit}
      </text>
      {yTicks.map((tick) => (
        <g class="chart-tick">
          <line x1={left - 4} x2={right} y1={y(tick)} y2={y(tick)} stroke={GRID} stroke-width="1" />
          <text x={left - 8} y={y(tick)} dy="0.35em" text-anchor="end" fill={INK}>
            {formatTick(tick)}
          </text>
        </g>
      ))}
      {xTicks.map((tick) => (
        <g class="chart-tick">
          <line x1={x(tick)} x2={x(tick)} y1={bottom} y2={bottom + 5} stroke={INK} stroke-width="1" />
          <text x={x(tick)} y={bottom + 20} text-anchor="middle" fill={INK}>
            {formatDate(isoOf(tick))}
          </text>
        </g>
      ))}
      <line class="chart-axis" x1={left} x2={right} y1={bottom} y2={bottom} stroke={INK} stroke-width="1" />
      <line class="chart-axis" x1={left} x2={left} y1={TOP} y2={bottom} stroke={INK} stroke-width="1" />
      {series.map((s) => {
        const style = styles[s.key];
        const points = sortedPoints(s);
        return (
          <g class={`kpi-series kpi-series-${s.key}`}>
            {s.baseline !== null && (
              <line class="kpi-baseline" x1={left} x2={right} y1={y(s.baseline)} y2={y(s.baseline)} stroke={style.colour} stroke-width="1.5" stroke-dasharray={BASELINE_DASH} />
            )}
            {s.target !== null && (
              <line class="kpi-target" x1={left} x2={right} y1={y(s.target)} y2={y(s.target)} stroke={style.colour} stroke-width="1.5" stroke-dasharray={TARGET_DASH} />
            )}
            {points.length > 1 && (
              <polyline
                class="kpi-line"
                points={points.map((p) => `${x(dayOf(p.date))},${y(p.value)}`).join(" ")}
                fill="none"
                stroke={style.colour}
                stroke-width="2.5"
                stroke-dasharray={style.dash}
                stroke-linejoin="round"
              />
            )}
            {points.map((p) => (
              <Marker country={s.key} x={x(dayOf(p.date))} y={y(p.value)} />
            ))}
          </g>
        );
      })}
    </svg>
  );
}

/** A measurement: a circle for Luxembourg, a square for Belgium. */
function Marker({ country, x, y }: { country: Country; x: number; y: number }) {
  const { colour, marker } = styles[country];
  const c = `chart-mark kpi-mark kpi-mark-${country}`;
  return marker === "circle" ? (
    <circle class={c} cx={x} cy={y} r="5" fill={colour} />
  ) : (
    <rect class={c} x={r1(x - 4.5)} y={r1(y - 4.5)} width="9" height="9" fill={colour} />
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
