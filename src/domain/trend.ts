// A measure's figures over time, shaped for its chart and for the table that is the chart's
// accessible alternative: one row per period, one column per series.
import { comparePeriodIds, financialYearOf, periodFromId } from './period';
import { rateMeasure } from './rag';
import type { MeasureRating } from './rag';
import { ACTUAL_SERIES } from './types';
import type { Measure, ObservationPoint, ObservationSeries, Target } from './types';

export interface TrendSeries {
  key: string;
  label: string;
  kind: 'actual' | 'comparator' | 'target';
  breakdown: string;
  /** False when every figure of the series is missing: the table lists it, the chart has nothing to draw. */
  hasValues: boolean;
}

export interface TrendCell {
  value: number | null;
  count: number | null;
  /** What the data said: the raw cell, a missing-value reason. */
  text: string;
}

export interface TrendRow {
  period: string;
  label: string;
  cells: Record<string, TrendCell>;
}

export interface Trend {
  series: TrendSeries[];
  rows: TrendRow[];
}

const keyOf = (kind: string, name: string, breakdown: string) => `${kind}|${name}|${breakdown}`;

/** Every period's actual, comparator figures and the year's target, per breakdown. */
export function buildTrend(measure: Measure, all: readonly ObservationSeries[], targets: readonly Target[]): Trend {
  const series: TrendSeries[] = [];
  const rows = new Map<string, TrendRow>();
  const row = (period: string): TrendRow => {
    let r = rows.get(period);
    if (!r) {
      r = { period, label: periodFromId(period)?.label ?? period, cells: {} };
      rows.set(period, r);
    }
    return r;
  };
  const ordered = [...all].sort((a, b) => (a.series === ACTUAL_SERIES ? -1 : b.series === ACTUAL_SERIES ? 1 : a.series.localeCompare(b.series)));
  for (const s of ordered) {
    const kind = s.series === ACTUAL_SERIES ? 'actual' : 'comparator';
    for (const p of s.points) {
      const key = keyOf(kind, s.series, p.breakdown);
      if (!series.some((x) => x.key === key)) {
        const name = kind === 'actual' ? 'Actual' : s.series;
        series.push({ key, label: p.breakdown ? `${name}: ${p.breakdown}` : name, kind, breakdown: p.breakdown, hasValues: false });
      }
      row(p.period).cells[key] = cellOf(p);
      if (p.value !== null) {
        const found = series.find((x) => x.key === key);
        if (found) found.hasValues = true;
      }
    }
  }
  // Targets apply to every period of their financial year that has figures, and to the year itself.
  const periodsByYear = new Map<string, string[]>();
  for (const period of rows.keys()) {
    const p = periodFromId(period);
    if (!p) continue;
    const y = financialYearOf(p);
    periodsByYear.set(y, [...(periodsByYear.get(y) ?? []), period]);
  }
  for (const t of targets) {
    if (t.value === null) continue;
    const key = keyOf('target', 'Target', t.breakdown);
    if (!series.some((x) => x.key === key)) series.push({ key, label: t.breakdown ? `Target: ${t.breakdown}` : 'Target', kind: 'target', breakdown: t.breakdown, hasValues: true });
    for (const period of new Set([...(periodsByYear.get(t.year) ?? []), t.year])) {
      row(period).cells[key] = { value: t.value, count: null, text: t.raw };
    }
  }
  return { series, rows: [...rows.values()].sort((a, b) => comparePeriodIds(a.period, b.period)) };
}

function cellOf(p: ObservationPoint): TrendCell {
  return { value: p.value, count: p.count, text: p.value === null ? p.missingReason ?? p.raw : p.raw };
}

/** The measure's rating at every period it has an actual for, oldest first. */
export function ragHistory(measure: Measure, all: readonly ObservationSeries[], targets: readonly Target[], tolerance: number): MeasureRating[] {
  const actual = all.find((s) => s.series === ACTUAL_SERIES);
  const periods = [...new Set((actual?.points ?? []).map((p) => p.period))].sort(comparePeriodIds);
  return periods.map((period) => rateMeasure({ measure, series: all, targets, period, tolerance }));
}
