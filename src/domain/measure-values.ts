// Reading a measure's figures out of its packed series.
import { comparePeriodIds, periodFromId } from './period';
import { ACTUAL_SERIES } from './types';
import { formatMeasureValue, formatWithCount } from './format';
import type { Measure, ObservationPoint, ObservationSeries, Target } from './types';

/** The council's own series for each measure, by code. */
export function actualsByMeasure(series: readonly ObservationSeries[]): Map<string, ObservationSeries> {
  return new Map(series.filter((s) => s.series === ACTUAL_SERIES).map((s) => [s.measureCode, s]));
}

/** The points of the latest period that has any figure (value or stated reason for none). */
export function latestPoints(series: ObservationSeries | undefined): { period: string; points: ObservationPoint[] } | null {
  const points = series?.points ?? [];
  const last = points[points.length - 1];
  if (!last) return null;
  return { period: last.period, points: points.filter((p) => p.period === last.period) };
}

/** The targets of the latest year that has any, by measure code. */
export function latestTargets(targets: readonly Target[]): Map<string, Target[]> {
  const out = new Map<string, Target[]>();
  for (const t of targets) {
    const list = out.get(t.measureCode);
    if (!list) out.set(t.measureCode, [t]);
    else if (list[0] && comparePeriodIds(t.year, list[0].year) > 0) out.set(t.measureCode, [t]);
    else if (list[0]?.year === t.year) list.push(t);
  }
  return out;
}

/** "Q2 2021/22" for a stored period id. */
export function periodLabel(id: string): string {
  return periodFromId(id)?.label ?? id;
}

/** A figure as shown: "96.4% (5,984)", "EHC Plan: 12%", or the reason there is none. */
export function pointText(p: ObservationPoint, m: Measure): string {
  const label = p.breakdown ? `${p.breakdown}: ` : '';
  if (p.value === null) return `${label}${p.missingReason ?? 'No figure'}`;
  return `${label}${formatWithCount(p.value, m.unit, p.count)}`;
}

const DIRECTION_TEXT = { maximise: 'Aim to maximise', minimise: 'Aim to minimise', maintain: 'Maintain performance' } as const;

/** A target as shown: "97%", "Reading: 0.5", "Aim to maximise". */
export function targetText(t: Target, m: Measure): string {
  const label = t.breakdown ? `${t.breakdown}: ` : '';
  if (t.direction) return `${label}${DIRECTION_TEXT[t.direction]}`;
  return t.value === null ? `${label}${t.raw}` : `${label}${formatMeasureValue(t.value, m.unit)}`;
}
