// The trend chart: drawn with Recharts, loaded only when a measure's page opens. Each kind of
// series has its own line pattern (solid, dotted, dashed) as well as colour, and the council's
// figures and the target their markers, so it reads in black and white.
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis, useChartWidth } from 'recharts';
import type { TooltipContentProps } from 'recharts';
import { useMemo, useState } from 'react';
import { formatCount, formatMeasureValue } from '../../domain/format';
import type { Trend, TrendSeries } from '../../domain/trend';
import type { Unit } from '../../domain/types';
import { ChartFrame, fileName } from '../../ui/ChartFrame';
import { FitWidth } from '../../ui/FitWidth';

const PALETTE = ['#0b0c0c', '#1d70b8', '#d4351c', '#00703c', '#4c2c92', '#b58840'];
const Y_AXIS_WIDTH = 110;
const TICK = { fontSize: 15, fill: '#0b0c0c' };
const DASH: Record<string, string> = { actual: '0', comparator: '2 4', target: '8 4' };

function ChartTooltip({ active, payload, label, trend, unit }: TooltipContentProps & { trend: Trend; unit: Unit }) {
  if (!active || !payload || payload.length === 0) return null;
  const row = trend.rows.find((r) => r.label === label);
  return (
    <div className="chart-tooltip">
      <strong>{label}</strong>
      <ul>
        {trend.series.map((s) => {
          const cell = row?.cells[s.key];
          if (!cell) return null;
          return (
            <li key={s.key}>
              {s.label}: {cell.value === null ? cell.text : formatMeasureValue(cell.value, unit)}
              {cell.count !== null && ` (count ${formatCount(cell.count)})`}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Width of a period label's character at the axis's 15px type, with a margin between labels. */
const CHAR_PX = 9;
const LABEL_GAP_PX = 16;

/** The start of a year in a quarterly series: its labels step a year at a time. */
const FIRST_QUARTER = /^Q1 /;
const LATER_QUARTER = /^Q[2-4] /;

/**
 * The period labels the axis shows: every one when they fit the chart's width, else every nth,
 * so that none overlap. A quarterly series is labelled at the first quarter of every year (or
 * every other year, and so on), not at whichever quarter a count lands on. Worked out from the
 * labels' lengths, rather than left to Recharts, which measures every label's text in the page
 * to decide (about 45 ms of drawing a chart of 40 periods).
 */
export function periodTicks(labels: readonly string[], plotWidth: number): string[] {
  if (labels.length === 0 || plotWidth <= 0) return [...labels];
  const widest = Math.max(...labels.map((l) => l.length)) * CHAR_PX + LABEL_GAP_PX;
  const fit = Math.max(1, Math.floor(plotWidth / widest));
  if (labels.length <= fit) return [...labels];
  const yearStarts = labels.filter((l) => FIRST_QUARTER.test(l));
  const anchors = yearStarts.length > 0 && labels.some((l) => LATER_QUARTER.test(l)) ? yearStarts : labels;
  const step = Math.ceil(anchors.length / fit);
  return anchors.filter((_, i) => i % step === 0);
}

/** Room between the plot's edges and the first and last periods: more than the largest marker's radius and stroke. */
const EDGE_PX = 12;

/** The periods' axis, labelled as widely as the chart allows. */
function PeriodAxis({ labels, margin }: { labels: readonly string[]; margin: number }) {
  const width = useChartWidth() ?? 0;
  // The same array until the labels or the width change: Recharts keeps an axis's props in its
  // store, and a new array on each drawing would be a change to draw again.
  const ticks = useMemo(() => periodTicks(labels, width - margin), [labels, width, margin]);
  // A number for the interval: Recharts then shows the given ticks without measuring them.
  // Padded at each end, so that a marker on the first or last period is drawn whole rather than cut
  // in half by the edge of the plot (a target set only for the latest year was half a circle).
  return <XAxis dataKey="label" ticks={ticks} interval={0} tick={TICK} padding={{ left: EDGE_PX, right: EDGE_PX }} />;
}

/**
 * Whether a series is drawn with a marker at each figure: the council's figures and the target are;
 * a comparator is a plain dotted line, unless it has a single figure, which a line cannot show.
 */
export function marksFigures(trend: Trend, s: TrendSeries): boolean {
  if (s.kind !== 'comparator') return true;
  let figures = 0;
  for (const r of trend.rows) if (r.cells[s.key]?.value != null && ++figures > 1) return false;
  return true;
}

/** What each kind of line means, for the kinds the chart draws. */
export function lineKey(trend: Trend): string {
  const shown = trend.series.filter((s) => s.hasValues);
  const drawn = new Set(shown.map((s) => s.kind));
  const comparators = shown.filter((s) => s.kind === 'comparator');
  const parts = [
    drawn.has('actual') && "solid line with a marker at each figure: the council's actuals",
    drawn.has('comparator') && (comparators.some((s) => marksFigures(trend, s))
      ? 'dotted: comparators (a comparator with a single figure is a marker alone)'
      : 'dotted, without markers: comparators'),
    drawn.has('target') && 'dashed: the target for each year',
  ].filter(Boolean).join('; ');
  return `${parts ? `${parts[0]?.toUpperCase()}${parts.slice(1)}. ` : ''}The table below holds the same figures.`;
}

/** Room left below the lowest figure and above the highest, as a share of their range. */
const HEADROOM = 0.08;
/** About how many steps the value axis is divided into. */
const VALUE_STEPS = 5;

/** A round step near the given one: 1, 2 or 5 times a power of ten (no finer than 0.01, as figures are shown). */
function roundStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  return Math.max(0.01, step);
}

/**
 * The value axis: every figure drawn with room around it, so the lowest figure's marker never sits
 * on the period axis (Recharts' own range can start exactly at it), widened to round steps. It does
 * not go below zero for figures that are not negative, nor above 100 for percentages that are not
 * over it.
 */
export function valueAxis(trend: Trend, unit: Unit): { domain: [number, number]; ticks: number[] } | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of trend.rows) {
    for (const s of trend.series) {
      const v = r.cells[s.key]?.value;
      if (v == null) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo > hi) return null;
  const pad = hi > lo ? (hi - lo) * HEADROOM : Math.max(Math.abs(hi) * HEADROOM, 1);
  const bottom = lo >= 0 ? Math.max(0, lo - pad) : lo - pad;
  const top = unit === '%' && hi <= 100 ? Math.min(100, hi + pad) : hi + pad;
  const step = roundStep((top - bottom) / VALUE_STEPS);
  // Whole steps counted as integers, so that no tick carries a float's tail (94.60000000000001).
  const first = Math.floor(bottom / step + 1e-9);
  const last = Math.ceil(top / step - 1e-9);
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const ticks = Array.from({ length: last - first + 1 }, (_, i) => Number(((first + i) * step).toFixed(decimals)));
  return { domain: [ticks[0] ?? bottom, ticks[ticks.length - 1] ?? top], ticks };
}

/** How a series is drawn: its colour, weight, dashes and markers, for the chart and its key alike. */
interface Drawn {
  series: TrendSeries;
  stroke: string;
  width: number;
  dash: string;
  /** The marker at each figure, or false for none. */
  dot: false | { r: number; strokeDasharray?: string; strokeWidth?: number };
}

/** The series the chart draws (those with figures), each with how it is drawn. */
export function drawnSeries(trend: Trend): Drawn[] {
  return trend.series.filter((s) => s.hasValues).map((s, i) => ({
    series: s,
    stroke: s.kind === 'target' ? '#505a5f' : PALETTE[i % PALETTE.length] ?? '#0b0c0c',
    width: s.kind === 'actual' ? 3 : 2,
    dash: DASH[s.kind] ?? '0',
    // A comparator's lone figure: a marker as large as the actuals', drawn solid (a dotted circle that small is lost).
    // Markers are drawn solid whatever the line's dashes: a dashed circle that small reads as a broken
    // arc (a target set for one year alone was two dashes of a circle at the plot's edge).
    dot: !marksFigures(trend, s) ? false : s.kind === 'comparator' ? { r: 5, strokeDasharray: '0', strokeWidth: 2 } : s.kind === 'actual' ? { r: 5 } : { r: 4, strokeDasharray: '0' },
  }));
}

/**
 * The chart's key, below it: each series' name beside a sample of its line, dashes and marker as
 * drawn. It is plain HTML, laid out with the page; Recharts' own key measures itself once drawn.
 */
function ChartKey({ drawn }: { drawn: readonly Drawn[] }) {
  return (
    <ul className="chart-key" aria-label="Key">
      {drawn.map((d) => (
        <li key={d.series.key}>
          <svg width="40" height="16" viewBox="0 0 40 16" aria-hidden="true" focusable="false">
            <line x1="2" y1="8" x2="38" y2="8" stroke={d.stroke} strokeWidth={d.width} strokeDasharray={d.dash} />
            {d.dot && <circle cx="20" cy="8" r={d.dot.r} fill="#fff" stroke={d.stroke} strokeWidth={d.dot.strokeWidth ?? d.width} />}
          </svg>
          <span className="chart-key-name">{d.series.label}</span>
        </li>
      ))}
    </ul>
  );
}

export default function TrendChart({ trend, unit, title }: { trend: Trend; unit: Unit; title: string }) {
  const labels = useMemo(() => trend.rows.map((r) => r.label), [trend]);
  // Room at the right for half the last label, which is centred on the last period.
  const right = Math.max(24, Math.ceil((Math.max(0, ...labels.map((l) => l.length)) * CHAR_PX) / 2) + 4);
  const axis = useMemo(() => valueAxis(trend, unit), [trend, unit]);
  const drawn = useMemo(() => drawnSeries(trend), [trend]);
  const data = trend.rows.map((r) => ({ label: r.label, ...Object.fromEntries(trend.series.map((s) => [s.key, r.cells[s.key]?.value ?? null])) }));
  // The tooltip is set up when the pointer or the keyboard first reaches the chart: Recharts measures
  // its box as it mounts, which would lay the page out before the chart is first painted.
  const [reached, setReached] = useState(false);
  const reach = () => setReached(true);
  return (
    <ChartFrame title={title} name={fileName(title)} caption={lineKey(trend)}>
      <div onPointerEnter={reach} onFocus={reach}>
        <FitWidth kind="trend" height={350}>
          {(width) => (
            <LineChart width={width} height={350} data={data} margin={{ top: 16, right, bottom: 8, left: 8 }}>
              <CartesianGrid stroke="#d9d9d9" />
              {/* The margins and the value axis's width are not the periods'. */}
              <PeriodAxis labels={labels} margin={right + 8 + Y_AXIS_WIDTH + 2 * EDGE_PX} />
              {/* With the ticks given, Recharts is told not to work out "nice" ones of its own (decimal arithmetic, about 9 ms a drawing). */}
              <YAxis domain={axis?.domain ?? ['auto', 'auto']} {...(axis ? { ticks: axis.ticks, niceTicks: 'none' as const } : {})} tick={{ fontSize: 15, fill: '#0b0c0c' }} tickFormatter={(v: number) => formatMeasureValue(v, unit)} width={Y_AXIS_WIDTH} interval={0} />
              {reached && <Tooltip content={(props) => <ChartTooltip {...props} trend={trend} unit={unit} />} />}
              {drawn.map((d) => (
                <Line
                  key={d.series.key}
                  dataKey={d.series.key}
                  name={d.series.label}
                  stroke={d.stroke}
                  strokeWidth={d.width}
                  strokeDasharray={d.dash}
                  dot={d.dot}
                  connectNulls
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          )}
        </FitWidth>
      </div>
      <ChartKey drawn={drawn} />
    </ChartFrame>
  );
}
