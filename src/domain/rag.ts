// The RAG engine: one status per measure for a reporting period, each with its reason in words.
// Pure: the measure, its series, its targets and the tolerance in; a rating out.
import { formatMeasureValue } from './format';
import { comparePeriodIds, financialYearOf, periodFromId } from './period';
import { ACTUAL_SERIES } from './types';
import { actualPeriodsOfAll } from './series';
import type { Direction, Measure, ObservationPoint, ObservationSeries, Polarity, Target } from './types';

export type RagStatus = 'Red' | 'Amber' | 'Green' | 'Not rated' | 'No data' | 'No comparator';

export const RAG_STATUSES: readonly RagStatus[] = ['Red', 'Amber', 'Green', 'No comparator', 'Not rated', 'No data'];

/** Relative tolerance for Amber: 5 % of the target unless Settings say otherwise. */
export const DEFAULT_TOLERANCE = 0.05;

/** Comparators a Comparator target is rated against, in order of preference. */
export const COMPARATOR_PREFERENCE = ['Statistical neighbours', 'England'] as const;

/** Status of a comparator point worked out from a national statistics file (a group's mean, England's row), not reported by the council. */
export const DERIVED_STATUS = 'derived';

export interface PartRating {
  breakdown: string;
  status: RagStatus;
  reason: string;
  actual: number | null;
  count: number | null;
  /** The figure compared with: a target, comparator or previous actual. */
  against: number | null;
}

export interface MeasureRating {
  code: string;
  period: string;
  status: RagStatus;
  reason: string;
  parts: PartRating[];
}

export interface RatingInput {
  measure: Measure;
  /** All series of the measure: its actuals and its comparators. */
  series: readonly ObservationSeries[];
  targets: readonly Target[];
  period: string;
  tolerance: number;
}

const RANK: Record<RagStatus, number> = { Red: 0, Amber: 1, Green: 2, 'No comparator': 3, 'Not rated': 4, 'No data': 5 };

/** Which way is good, in words. */
export const POLARITY_WORDS: Record<Polarity, string> = { High: 'higher is better', Low: 'lower is better', Contextual: 'no polarity' };

const pct = (tolerance: number) => `${Math.round(tolerance * 1000) / 10}% tolerance`;

/** Numerical rule: Green on or beyond target in the polarity's direction, Amber within tolerance × |target| short of it, else Red. */
export function rateAgainst(actual: number, target: number, polarity: 'High' | 'Low', tolerance: number): 'Red' | 'Amber' | 'Green' {
  const band = tolerance * Math.abs(target);
  // Compare in a fixed precision so 0.1 + 0.2 style float noise never moves a status.
  const a = round(actual);
  if (polarity === 'High') {
    if (a >= round(target)) return 'Green';
    return a >= round(target - band) ? 'Amber' : 'Red';
  }
  if (a <= round(target)) return 'Green';
  return a <= round(target + band) ? 'Amber' : 'Red';
}

function round(n: number): number {
  return Math.round(n * 1e9) / 1e9;
}

/** Direction of travel: better than the previous actual in the polarity's direction is Green; within tolerance Amber ("maintain": Green); worse Red. */
export function rateDirection(actual: number, previous: number, direction: Direction, polarity: 'High' | 'Low', tolerance: number): 'Red' | 'Amber' | 'Green' {
  const up = direction === 'maximise' || (direction === 'maintain' && polarity === 'High');
  const better = up ? round(actual) > round(previous) : round(actual) < round(previous);
  if (better) return 'Green';
  const within = Math.abs(actual - previous) <= tolerance * Math.abs(previous) + 1e-9;
  if (within) return direction === 'maintain' ? 'Green' : 'Amber';
  return 'Red';
}

/** The period whose figure counts for P: P itself, or for an annual measure the year containing P. */
export function ratedPeriod(measure: Measure, period: string): string {
  const p = periodFromId(period);
  if (!p) return period;
  return measure.frequency === 'Annually' ? financialYearOf(p) : p.id;
}

function pointsAt(series: ObservationSeries | undefined, period: string): ObservationPoint[] {
  return (series?.points ?? []).filter((p) => p.period === period);
}

/** The latest figure of the breakdown before the period (the "previous actual"). */
export function previousPoint(series: ObservationSeries | undefined, period: string, breakdown: string): ObservationPoint | null {
  const earlier = (series?.points ?? []).filter((p) => p.breakdown === breakdown && p.value !== null && comparePeriodIds(p.period, period) < 0);
  return earlier[earlier.length - 1] ?? null;
}

const DIRECTION_WORDS: Record<Direction, string> = { maximise: 'aim to maximise', minimise: 'aim to minimise', maintain: 'maintain performance' };

function ratePart(input: RatingInput, actuals: ObservationSeries | undefined, point: ObservationPoint, targets: readonly Target[], at: string, year: string): PartRating {
  const { measure, tolerance } = input;
  const unit = measure.unit;
  const label = point.breakdown ? `${point.breakdown}: ` : '';
  const base = { breakdown: point.breakdown, actual: point.value, count: point.count, against: null };
  if (point.value === null) {
    return { ...base, status: 'No data', reason: `${label}no figure for ${periodWords(at)}${point.missingReason ? ` (${point.missingReason})` : ''}: No data` };
  }
  const actual = point.value;
  const fmt = (v: number) => formatMeasureValue(v, unit);
  const polarity = measure.polarity;
  if (polarity === 'Contextual') {
    return { ...base, status: 'Not rated', reason: `${label}${fmt(actual)}; contextual measure, no polarity: Not rated` };
  }
  const words = `${POLARITY_WORDS[polarity]}, ${pct(tolerance)}`;
  if (measure.targetType === 'Comparator') {
    for (const name of COMPARATOR_PREFERENCE) {
      const comp = input.series.find((s) => s.series === name);
      const c = pointsAt(comp, at).find((p) => p.breakdown === point.breakdown && p.value !== null);
      if (c?.value !== undefined && c.value !== null) {
        const status = rateAgainst(actual, c.value, polarity, tolerance);
        // A figure worked out from a national file says how: "(mean of 9 of 10 statistical neighbours)".
        const how = c.status === DERIVED_STATUS && c.note ? ` (${c.note})` : '';
        return { ...base, against: c.value, status, reason: `${label}${fmt(actual)} vs ${name} ${fmt(c.value)}${how} (${words}): ${status}` };
      }
    }
    return { ...base, status: 'No comparator', reason: `${label}${fmt(actual)}; no statistical neighbour or England figure for ${periodWords(at)}: No comparator` };
  }
  const target = targets.find((t) => t.breakdown === point.breakdown) ?? (point.breakdown !== '' ? undefined : targets[0]);
  if (measure.targetType === 'No target' || !target) {
    return { ...base, status: 'Not rated', reason: `${label}${fmt(actual)}; no target for ${year}: Not rated` };
  }
  if (target.direction) {
    const prev = previousPoint(actuals, at, point.breakdown);
    if (!prev || prev.value === null) {
      return { ...base, status: 'Not rated', reason: `${label}${fmt(actual)}; target is to ${DIRECTION_WORDS[target.direction]} but there is no earlier figure to compare with: Not rated` };
    }
    const status = rateDirection(actual, prev.value, target.direction, polarity, tolerance);
    return { ...base, against: prev.value, status, reason: `${label}${fmt(actual)} vs ${fmt(prev.value)} in ${periodWords(prev.period)} (${DIRECTION_WORDS[target.direction]}, ${words}): ${status}` };
  }
  if (target.value === null) {
    return { ...base, status: 'Not rated', reason: `${label}${fmt(actual)}; the target "${target.raw}" is not a figure: Not rated` };
  }
  const status = rateAgainst(actual, target.value, polarity, tolerance);
  return { ...base, against: target.value, status, reason: `${label}${fmt(actual)} vs target ${fmt(target.value)} (${words}): ${status}` };
}

function periodWords(id: string): string {
  return periodFromId(id)?.label ?? id;
}

/** Rates one measure for the period; a breakdown measure is rated per breakdown and takes the worst. */
export function rateMeasure(input: RatingInput): MeasureRating {
  const { measure } = input;
  const at = ratedPeriod(measure, input.period);
  const actuals = input.series.find((s) => s.series === ACTUAL_SERIES);
  const p = periodFromId(at);
  const year = p ? financialYearOf(p) : at;
  const targets = input.targets.filter((t) => t.year === year);
  const points = pointsAt(actuals, at);
  if (points.length === 0) {
    const reason = measure.polarity === 'Contextual'
      ? `No figure for ${periodWords(at)}; contextual measure: No data`
      : `No figure for ${periodWords(at)}${measure.frequency === 'Annually' && at !== input.period ? ' (an annual measure is rated on its figure for the year)' : ''}: No data`;
    return { code: measure.code, period: at, status: 'No data', reason, parts: [] };
  }
  const parts = points.map((pt) => ratePart(input, actuals, pt, targets, at, year));
  const worst = [...parts].sort((a, b) => RANK[a.status] - RANK[b.status])[0];
  const status = worst?.status ?? 'No data';
  const reason = parts.length === 1 ? parts[0]?.reason ?? '' : `${parts.map((x) => x.reason.replace(/: [A-Za-z ]+$/, ` (${x.status})`)).join('; ')}. Worst of the breakdowns: ${status}`;
  return { code: measure.code, period: at, status, reason, parts };
}

/** Default reporting period: the latest period holding any actual in the latest year that has targets. */
export function defaultRatingPeriod(series: readonly ObservationSeries[], targets: readonly Target[]): string | null {
  const years = [...new Set(targets.map((t) => t.year))].sort(comparePeriodIds);
  const actualPeriods = [...actualPeriodsOfAll(series)].filter((id) => periodFromId(id) !== null).sort(comparePeriodIds);
  for (let i = years.length - 1; i >= 0; i--) {
    const year = years[i];
    const inYear = actualPeriods.filter((id) => {
      const p = periodFromId(id);
      return p !== null && financialYearOf(p) === year;
    });
    const last = inYear[inYear.length - 1];
    if (last) return last;
  }
  return actualPeriods[actualPeriods.length - 1] ?? null;
}
