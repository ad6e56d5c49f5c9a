// Resources charts, drawn with Recharts and loaded only when a resources page needs one.
// Every chart has a table of the same figures beside or below it.
import { Bar, BarChart, CartesianGrid, Cell, LabelList, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMoney } from '../../domain/format';
import type { WaterfallStep } from '../../domain/resources';
import { ChartFrame, fileName } from '../../ui/ChartFrame';
import { FitWidth } from '../../ui/FitWidth';

const AXIS = { fontSize: 14, fill: '#0b0c0c' };
const money = (v: number) => formatMoney(v);

export function NetBudgetChart({ rows, title }: { rows: { service: string; net: number }[]; title: string }) {
  const height = Math.max(240, rows.length * 30 + 60);
  return (
    <ChartFrame title={title} name={fileName(title)} caption={<>Net cash limit budget by service, £000. Negative budgets (net income) run left of zero.</>}>
      <FitWidth kind="net-budget" height={height}>
        {(width) => (
          <BarChart width={width} height={height} data={rows} layout="vertical" margin={{ top: 8, right: 64, bottom: 8, left: 8 }}>
            <CartesianGrid stroke="#d9d9d9" horizontal={false} />
            <XAxis type="number" tick={AXIS} tickFormatter={money} />
            <YAxis type="category" dataKey="service" tick={AXIS} width={300} interval={0} />
            <Tooltip formatter={(v) => `${money(Number(v))} (£000)`} />
            <Bar dataKey="net" name="Net budget (£000)" fill="#1d70b8" isAnimationActive={false}>
              <LabelList dataKey="net" position="right" formatter={(v) => money(Number(v))} style={{ fontSize: 13, fill: '#0b0c0c' }} />
            </Bar>
          </BarChart>
        )}
      </FitWidth>
    </ChartFrame>
  );
}

/** Waterfall: each step is a bar from the running total before it to the one after; opening and closing stand on zero. */
export function WaterfallChart({ steps, title }: { steps: WaterfallStep[]; title: string }) {
  // The changes are small beside the budgets, so the axis starts near the lowest running total
  // (stated in the caption) rather than at zero; opening and closing bars rise from that start.
  const totals = steps.flatMap((s) => (s.step === 'opening' || s.step === 'closing' ? [s.end] : [s.start, s.end]));
  const lo = Math.min(...totals);
  const hi = Math.max(...totals);
  const pad = Math.max((hi - lo) * 0.15, 1);
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(pad)));
  const axisStart = lo >= 0 && lo - pad > 0 ? Math.floor((lo - pad) / magnitude) * magnitude : Math.min(0, lo);
  const axisEnd = Math.ceil((hi + pad) / magnitude) * magnitude;
  const data = steps.map((s) => {
    const whole = s.step === 'opening' || s.step === 'closing';
    return {
      line: s.line.length > 38 ? `${s.line.slice(0, 36)}…` : s.line,
      full: s.line,
      base: whole ? axisStart : Math.min(s.start, s.end),
      size: whole ? s.end - axisStart : Math.abs(s.end - s.start),
      amount: s.amount,
      kind: whole ? 'total' : s.amount >= 0 ? 'up' : 'down',
    };
  });
  const colour = { total: '#505a5f', up: '#d4351c', down: '#00703c' } as const;
  const height = Math.max(280, data.length * 34 + 60);
  return (
    <ChartFrame title={title} name={fileName(title)} caption={<>From last year&apos;s budget (grey) through each change to this year&apos;s (grey): additions in red, reductions in green, £000.{axisStart !== 0 && ` The axis starts at ${money(axisStart)}, not zero, so the changes can be seen.`}</>}>
      <FitWidth kind="waterfall" height={height}>
        {(width) => (
          <BarChart width={width} height={height} data={data} layout="vertical" margin={{ top: 8, right: 72, bottom: 8, left: 8 }}>
            <CartesianGrid stroke="#d9d9d9" horizontal={false} />
            <XAxis type="number" tick={AXIS} tickFormatter={money} domain={[axisStart, axisEnd]} allowDataOverflow />
            <YAxis type="category" dataKey="line" tick={AXIS} width={320} interval={0} />
            <Tooltip formatter={(_v, _n, item) => `${money((item.payload as { amount: number }).amount)} (£000)`} labelFormatter={(_l, payload) => String((payload[0]?.payload as { full?: string } | undefined)?.full ?? '')} />
            <Bar dataKey="base" stackId="w" fill="transparent" isAnimationActive={false} legendType="none" />
            <Bar dataKey="size" stackId="w" name="Change (£000)" isAnimationActive={false}>
              {data.map((d) => <Cell key={d.full} fill={colour[d.kind as keyof typeof colour]} />)}
              <LabelList dataKey="amount" position="right" formatter={(v) => money(Number(v))} style={{ fontSize: 13, fill: '#0b0c0c' }} />
            </Bar>
          </BarChart>
        )}
      </FitWidth>
    </ChartFrame>
  );
}

export function ForecastChart({ rows, title }: { rows: { label: string; budget: number | null; forecast: number | null }[]; title: string }) {
  return (
    <ChartFrame title={title} name={fileName(title)} caption={<>The portfolio&apos;s forecast out-turn at each report of the year against its net budget, £000.</>}>
      <FitWidth kind="forecast" height={300}>
        {(width) => (
          <LineChart width={width} height={300} data={rows} margin={{ top: 16, right: 24, bottom: 8, left: 8 }}>
            <CartesianGrid stroke="#d9d9d9" />
            <XAxis dataKey="label" tick={AXIS} />
            <YAxis tick={AXIS} tickFormatter={money} width={90} domain={['auto', 'auto']} />
            <Tooltip formatter={(v) => `${money(Number(v))} (£000)`} />
            <Legend wrapperStyle={{ fontSize: 15 }} />
            <Line dataKey="budget" name="Net budget" stroke="#505a5f" strokeDasharray="8 4" strokeWidth={2} dot={{ r: 4 }} isAnimationActive={false} />
            <Line dataKey="forecast" name="Forecast out-turn" stroke="#0b0c0c" strokeWidth={3} dot={{ r: 5 }} isAnimationActive={false} />
          </LineChart>
        )}
      </FitWidth>
    </ChartFrame>
  );
}

export function CategoryChart({ rows, title }: { rows: { category: string; balance: number }[]; title: string }) {
  const height = Math.max(200, rows.length * 40 + 60);
  return (
    <ChartFrame title={title} name={fileName(title)} caption={<>Reserve balances by category, £000, summed from the reserve lines.</>}>
      <FitWidth kind="reserve-categories" height={height}>
        {(width) => (
          <BarChart width={width} height={height} data={rows} layout="vertical" margin={{ top: 8, right: 64, bottom: 8, left: 8 }}>
            <CartesianGrid stroke="#d9d9d9" horizontal={false} />
            <XAxis type="number" tick={AXIS} tickFormatter={money} />
            <YAxis type="category" dataKey="category" tick={AXIS} width={240} interval={0} />
            <Tooltip formatter={(v) => `${money(Number(v))} (£000)`} />
            <Bar dataKey="balance" name="Balance / approved use (£000)" fill="#4c2c92" isAnimationActive={false}>
              <LabelList dataKey="balance" position="right" formatter={(v) => money(Number(v))} style={{ fontSize: 13, fill: '#0b0c0c' }} />
            </Bar>
          </BarChart>
        )}
      </FitWidth>
    </ChartFrame>
  );
}
