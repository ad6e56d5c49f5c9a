// The trend chart: drawn with Recharts, loaded only when a measure's page opens. Each series
// has its own line pattern and marker as well as colour, so it reads in black and white.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis, useChartWidth } from 'recharts';
import type { TooltipContentProps } from 'recharts';
import { formatMeasureValue } from '../../domain/format';
import type { Trend } from '../../domain/trend';
import type { Unit } from '../../domain/types';
import { ChartFrame, fileName } from '../../ui/ChartFrame';

const PALETTE = ['#0b0c0c', '#1d70b8', '#d4351c', '#00703c', '#4c2c92', '#b58840'];
const Y_AXIS_WIDTH = 110;
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
              {cell.count !== null && ` (count ${cell.count.toLocaleString('en-GB')})`}
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

/**
 * How many labels to step over so that the periods' labels fit the chart's width without
 * overlapping: every label when they fit. Worked out from the labels' lengths, rather than left to
 * Recharts, which measures every label's text in the page to decide (about 45 ms of drawing a
 * chart of 40 periods). With a `cycle` (4 for quarters), a step of more than two is a whole number
 * of cycles, so the labels shown are the same quarter of each year labelled.
 */
export function labelInterval(labels: readonly string[], plotWidth: number, cycle = 1): number {
  if (labels.length === 0 || plotWidth <= 0) return 0;
  const widest = Math.max(...labels.map((l) => l.length)) * CHAR_PX + LABEL_GAP_PX;
  const fit = Math.max(1, Math.floor(plotWidth / widest));
  let step = Math.ceil(labels.length / fit);
  if (cycle > 1 && step > 2) step = Math.ceil(step / cycle) * cycle;
  return Math.min(labels.length, step) - 1;
}

/** Quarters' labels ("Q1 2021/22"): stepped a year at a time. */
const QUARTER_LABEL = /^Q[1-4] /;

/** The periods' axis, labelled as widely as the chart allows. */
function PeriodAxis({ labels, margin }: { labels: readonly string[]; margin: number }) {
  const width = useChartWidth() ?? 0;
  const cycle = labels.every((l) => QUARTER_LABEL.test(l)) ? 4 : 1;
  return <XAxis dataKey="label" interval={labelInterval(labels, width - margin, cycle)} tick={{ fontSize: 15, fill: '#0b0c0c' }} />;
}

/** What each kind of line means, for the kinds the chart draws. */
export function lineKey(trend: Trend): string {
  const drawn = new Set(trend.series.filter((s) => s.hasValues).map((s) => s.kind));
  const parts = [
    drawn.has('actual') && "solid line: the council's actuals",
    drawn.has('comparator') && 'dotted: comparators',
    drawn.has('target') && 'dashed: the target for each year',
  ].filter(Boolean).join('; ');
  return `${parts ? `${parts[0]?.toUpperCase()}${parts.slice(1)}. ` : ''}The table below holds the same figures.`;
}

export default function TrendChart({ trend, unit, title }: { trend: Trend; unit: Unit; title: string }) {
  const labels = trend.rows.map((r) => r.label);
  // Room at the right for half the last label, which is centred on the last period.
  const right = Math.max(24, Math.ceil((Math.max(0, ...labels.map((l) => l.length)) * CHAR_PX) / 2) + 4);
  const data = trend.rows.map((r) => ({ label: r.label, ...Object.fromEntries(trend.series.map((s) => [s.key, r.cells[s.key]?.value ?? null])) }));
  return (
    <ChartFrame title={title} name={fileName(title)} caption={lineKey(trend)}>
      <ResponsiveContainer width="100%" height={380}>
        <LineChart data={data} margin={{ top: 16, right, bottom: 8, left: 8 }}>
          <CartesianGrid stroke="#d9d9d9" />
          {/* The margins and the value axis's width are not the periods'. */}
          <PeriodAxis labels={labels} margin={right + 8 + Y_AXIS_WIDTH} />
          <YAxis domain={['auto', 'auto']} tick={{ fontSize: 15, fill: '#0b0c0c' }} tickFormatter={(v: number) => formatMeasureValue(v, unit)} width={Y_AXIS_WIDTH} interval={0} />
          <Tooltip content={(props) => <ChartTooltip {...props} trend={trend} unit={unit} />} />
          <Legend wrapperStyle={{ fontSize: 16 }} />
          {trend.series.filter((s) => s.hasValues).map((s, i) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stroke={s.kind === 'target' ? '#505a5f' : PALETTE[i % PALETTE.length] ?? '#0b0c0c'}
              strokeWidth={s.kind === 'actual' ? 3 : 2}
              strokeDasharray={DASH[s.kind] ?? '0'}
              dot={{ r: s.kind === 'actual' ? 5 : 3 }}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
