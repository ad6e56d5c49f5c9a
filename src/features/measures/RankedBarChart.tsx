// Every authority's figure as a horizontal bar, best first, loaded only when a measure with
// benchmark data opens. The council's bar is hatched and labelled with its name (not told by
// colour alone); England and the region are labelled reference lines. With over 40 bars the
// authorities' names would be too small to read, so the axis shows ranks at the quartile
// boundaries instead and the table below names every authority.
import { Bar, BarChart, CartesianGrid, ReferenceLine, XAxis, YAxis } from 'recharts';
import { formatMeasureValue } from '../../domain/format';
import type { Ranking } from '../../domain/benchmark';
import { areaHasCode } from '../../domain/benchmark';
import type { Unit } from '../../domain/types';
import { ChartFrame, fileName } from '../../ui/ChartFrame';
import { FitWidth } from '../../ui/FitWidth';

interface Row {
  key: string;
  label: string;
  value: number;
  rank: number;
  council: boolean;
}

const HATCH = 'council-hatch';

interface ShapeProps {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  payload?: Row;
}

function BarShape({ x = 0, y = 0, width = 0, height = 0, payload, unit, name }: ShapeProps & { unit: Unit; name: string }) {
  const w = Math.max(0, width);
  const left = width < 0 ? x + width : x;
  if (!payload?.council) return <rect x={left} y={y} width={w} height={height} fill="#6f777b" />;
  const mid = y + height / 2;
  return (
    <g>
      <rect x={left} y={y - 1} width={w} height={height + 2} fill={`url(#${HATCH})`} stroke="#0b0c0c" strokeWidth={2} />
      <text x={left + w + 8} y={mid} dominantBaseline="central" fontSize={16} fontWeight={700} fill="#0b0c0c">
        ◀ {name}: {formatMeasureValue(payload.value, unit)} (rank {payload.rank})
      </text>
    </g>
  );
}

export default function RankedBarChart({ ranking, unit, title, authorityCode, authorityName, references }: {
  ranking: Ranking;
  unit: Unit;
  title: string;
  authorityCode: string | null;
  authorityName: string;
  references: { name: string; value: number }[];
}) {
  const data: Row[] = ranking.ranked.map((r) => ({
    key: r.area.code,
    label: r.area.name,
    value: r.area.value ?? 0,
    rank: r.rank,
    council: authorityCode !== null && areaHasCode(r.area, authorityCode),
  }));
  const compact = data.length > 40;
  const barSize = compact ? 3 : 22;
  const height = Math.max(220, data.length * (compact ? 4 : 30) + 110);
  const count = data.length;
  const quartileTicks = compact ? [1, Math.ceil(count / 4), Math.ceil(count / 2), Math.ceil((3 * count) / 4), count].map((r) => data[r - 1]?.key).filter((k): k is string => k !== undefined) : undefined;
  const byKey = new Map(data.map((d) => [d.key, d]));
  // Bars start at zero when every figure is positive, so their lengths compare honestly.
  const nonNegative = data.every((d) => d.value >= 0) && references.every((r) => r.value >= 0);
  return (
    <ChartFrame
      title={title}
      name={fileName(title)}
      caption={<>Bars in rank order, best first{ranking.polarity === 'Contextual' ? ' (largest first: no polarity)' : ''}. The hatched bar with a black edge and the ◀ label is {authorityName}; {references.length === 0 ? 'there are no England or regional figures to mark' : references.map((r, i) => `${r.name} is the ${i === 0 ? 'dashed' : 'dotted'} line`).join(', ')}. {compact ? 'Ranks on the left mark the quartile boundaries; the table below names every authority.' : ''}</>}
    >
      <FitWidth kind="ranked" height={height}>
        {(width) => (
          <BarChart width={width} height={height} data={data} layout="vertical" margin={{ top: 28, right: 260, bottom: 28, left: 8 }} barCategoryGap={compact ? 1 : 4}>
            <defs>
              <pattern id={HATCH} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width="8" height="8" fill="#ffdd00" />
                <rect width="3" height="8" fill="#0b0c0c" />
              </pattern>
            </defs>
            <CartesianGrid stroke="#d9d9d9" horizontal={false} />
            <XAxis type="number" domain={nonNegative ? [0, 'auto'] : ['auto', 'auto']} orientation="top" tick={{ fontSize: 15, fill: '#0b0c0c' }} tickFormatter={(v: number) => formatMeasureValue(v, unit)} />
            <YAxis
              type="category"
              dataKey="key"
              width={compact ? 96 : 210}
              interval={0}
              {...(quartileTicks ? { ticks: quartileTicks } : {})}
              tick={{ fontSize: compact ? 14 : 15, fill: '#0b0c0c' }}
              tickFormatter={(k: string) => {
                const row = byKey.get(k);
                if (!row) return k;
                return compact ? `rank ${row.rank}` : row.label;
              }}
            />
            {references.map((r, i) => (
              <ReferenceLine
                key={r.name}
                x={r.value}
                stroke="#0b0c0c"
                strokeWidth={2}
                strokeDasharray={i === 0 ? '8 4' : '2 3'}
                ifOverflow="extendDomain"
                // At the foot of the chart, where the worst (shortest) bars leave room: England's label left of its line, the region's right of its own.
                label={{ value: `${r.name} ${formatMeasureValue(r.value, unit)}`, position: i === 0 ? 'insideBottomRight' : 'insideBottomLeft', fontSize: 15, fill: '#0b0c0c', fontWeight: 700 }}
              />
            ))}
            <Bar dataKey="value" isAnimationActive={false} barSize={barSize} shape={(props: ShapeProps) => <BarShape {...props} unit={unit} name={authorityName} />} />
          </BarChart>
        )}
      </FitWidth>
    </ChartFrame>
  );
}
