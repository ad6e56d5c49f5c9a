// A measure as the measures table and overview read it: its rating for the period, its
// figure and target there, and how it moved since the previous figure.
import type { Dataset } from './dataset';
import { formatDifference } from './format';
import { comparePeriodIds, financialYearOf, periodFromId } from './period';
import { previousPoint, rateMeasure } from './rag';
import type { MeasureRating, RagStatus } from './rag';
import { STEP_MS, nextTask, runStepsBetweenTasks } from './steps';
import type { Steps } from './steps';
import { ACTUAL_SERIES } from './types';
import type { Measure, ObservationPoint, ObservationSeries, Target, Unit } from './types';

export interface Change {
  from: number;
  to: number;
  fromPeriod: string;
  absolute: number;
  /** Relative change in per cent of the earlier figure; null when that figure is 0. */
  percent: number | null;
  /** Read with the polarity: improved / worsened, or for contextual measures just rose / fell. */
  reading: 'improved' | 'worsened' | 'no change' | 'rose' | 'fell';
}

export interface MeasureRow {
  measure: Measure;
  priorityTitle: string;
  rating: MeasureRating;
  /** The figures at the rated period (one a breakdown). */
  points: ObservationPoint[];
  /** When there is no figure at the rated period: the latest earlier one, for context. */
  latestEarlier: ObservationPoint | null;
  targets: Target[];
  /** Change since the previous figure; only for measures without breakdowns. */
  change: Change | null;
}

/** The change from `from` to `to`, read in the measure's polarity. */
export function describeChange(measure: Measure, from: ObservationPoint, to: number): Change | null {
  if (from.value === null) return null;
  const absolute = round(to - from.value);
  const percent = from.value === 0 ? null : round(((to - from.value) / Math.abs(from.value)) * 100);
  let reading: Change['reading'];
  if (absolute === 0) reading = 'no change';
  else if (measure.polarity === 'Contextual') reading = absolute > 0 ? 'rose' : 'fell';
  else reading = (absolute > 0) === (measure.polarity === 'High') ? 'improved' : 'worsened';
  return { from: from.value, to, fromPeriod: from.period, absolute, percent, reading };
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/** "a 21% increase", "a 3.2% decrease", "no change": the words a committee uses. */
export function changeWords(change: Change): string {
  if (change.absolute === 0) return 'no change';
  if (change.percent === null) return change.absolute > 0 ? 'an increase' : 'a decrease';
  const p = Math.abs(change.percent);
  const n = p >= 10 ? Math.round(p) : Math.round(p * 10) / 10;
  return `${/^(8|11|18)/.test(String(n)) ? 'an' : 'a'} ${n}% ${change.absolute > 0 ? 'increase' : 'decrease'}`;
}

/**
 * The change in words with its difference in the measure's own unit, "a 5.8% increase (+3
 * percentage points)": a relative change of a percentage is not read as points.
 */
export function changeWithDifference(change: Change, unit: Unit): string {
  return change.absolute === 0 ? changeWords(change) : `${changeWords(change)} (${formatDifference(change.absolute, unit)})`;
}

/** Adds the item to its key's list. */
function addTo<T>(groups: Map<string, T[]>, k: string, item: T): void {
  const list = groups.get(k);
  if (list) list.push(item);
  else groups.set(k, [item]);
}

/** Lists grouped by a key, in their order. */
function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) addTo(out, key(item), item);
  return out;
}

// Rows kept per dataset object (datasets are never changed in place: a write reads a new one), so
// going back to a page, or the overview and the table, rate a dataset once per period and tolerance.
const built = new WeakMap<Dataset, Map<string, MeasureRow[]>>();

/** Every measure of the dataset rated for the period. */
export function buildMeasureRows(d: Dataset, period: string, tolerance: number): MeasureRow[] {
  const kept = keptMeasureRows(d, period, tolerance);
  if (kept) return kept;
  const rows = d.measures.map(rater(d, period, tolerance));
  keep(d, period, tolerance, rows);
  return rows;
}

/** The rows already rated for the dataset, period and tolerance, if they have been. */
export function keptMeasureRows(d: Dataset, period: string, tolerance: number): MeasureRow[] | null {
  return built.get(d)?.get(`${period}|${tolerance}`) ?? null;
}

function keep(d: Dataset, period: string, tolerance: number, rows: MeasureRow[]): void {
  let forDataset = built.get(d);
  if (!forDataset) {
    forDataset = new Map();
    built.set(d, forDataset);
  }
  forDataset.set(`${period}|${tolerance}`, rows);
}

/** Records grouped by measure between readings of the clock (reading it costs more than grouping one). */
const GROUPED_A_CHECK = 64;

/**
 * The same rows as buildMeasureRows, rated a few measures at a time, each step a short task, so
 * that a portfolio of thousands of measures never holds the page in one long task; null if
 * `stopped` says the rows are no longer wanted (the page moved on) before they were all rated.
 * Grouping the dataset's series and targets by measure is done in the same steps.
 */
export async function rateMeasureRowsInSteps(
  d: Dataset, period: string, tolerance: number, stopped: () => boolean, yieldToPage: () => Promise<void> = nextTask, stepMs = STEP_MS,
): Promise<MeasureRow[] | null> {
  const kept = keptMeasureRows(d, period, tolerance);
  if (kept) return kept;
  // Begun in a task of its own: asked for as a page is drawn, the first step was part of the task
  // that drew it.
  await yieldToPage();
  if (stopped()) return null;
  return runStepsBetweenTasks(ratingSteps(d, period, tolerance), stopped, yieldToPage, stepMs);
}

/** Rating as steps: a pause point every GROUPED_A_CHECK records grouped (grouping one is a few dozen nanoseconds), and after each measure rated. */
function* ratingSteps(d: Dataset, period: string, tolerance: number): Steps<MeasureRow[]> {
  const series = new Map<string, ObservationSeries[]>();
  for (let i = 0; i < d.observations.length; i++) {
    const s = d.observations[i] as ObservationSeries;
    addTo(series, s.measureCode, s);
    if (i % GROUPED_A_CHECK === 0) yield;
  }
  const targets = new Map<string, Target[]>();
  for (let i = 0; i < d.targets.length; i++) {
    const t = d.targets[i] as Target;
    addTo(targets, t.measureCode, t);
    if (i % GROUPED_A_CHECK === 0) yield;
  }
  const rate = rater(d, period, tolerance, { series, targets });
  const rows: MeasureRow[] = [];
  for (const measure of d.measures) {
    rows.push(rate(measure));
    yield;
  }
  keep(d, period, tolerance, rows);
  return rows;
}

/** Rates one measure of the dataset at a time, the dataset's series and targets grouped by measure once. */
function rater(
  d: Dataset, period: string, tolerance: number,
  { series, targets } = { series: groupBy(d.observations, (s) => s.measureCode), targets: groupBy(d.targets, (t) => t.measureCode) },
): (measure: Measure) => MeasureRow {
  const titles = new Map(d.priorities.map((p) => [p.number, p.shortTitle || p.title]));
  return (measure) => {
    const all = series.get(measure.code) ?? [];
    const own = targets.get(measure.code) ?? [];
    const rating = rateMeasure({ measure, series: all, targets: own, period, tolerance });
    const actual = all.find((s) => s.series === ACTUAL_SERIES);
    const points = (actual?.points ?? []).filter((p) => p.period === rating.period);
    // The latest earlier figure, only where the period has none (most measures have one).
    const earlier = points.some((x) => x.value !== null) ? [] : (actual?.points ?? []).filter((p) => p.value !== null && comparePeriodIds(p.period, rating.period) < 0);
    const single = points.length === 1 && points[0]?.breakdown === '' ? points[0] : null;
    const prev = single && single.value !== null ? previousPoint(actual, rating.period, '') : null;
    // Looked up, parsed once a period, rather than parsed again for every measure.
    const p = periodFromId(rating.period);
    const year = p ? financialYearOf(p) : null;
    return {
      measure,
      priorityTitle: measure.priority === null ? '' : titles.get(measure.priority) ?? '',
      rating,
      points,
      latestEarlier: earlier[earlier.length - 1] ?? null,
      // That year's targets, in the order stored.
      targets: year === null ? [] : own.filter((t) => t.year === year),
      change: single && single.value !== null && prev ? describeChange(measure, prev, single.value) : null,
    };
  };
}

export type StatusCounts = Record<RagStatus, number>;

/** Counts of each status among the rows. */
export function countStatuses(rows: readonly MeasureRow[]): StatusCounts {
  const counts: StatusCounts = { Red: 0, Amber: 0, Green: 0, 'No comparator': 0, 'Not rated': 0, 'No data': 0 };
  for (const r of rows) counts[r.rating.status]++;
  return counts;
}

/** The measures that moved most since their previous figure, by size of relative change. */
export function biggestMovers(rows: readonly MeasureRow[], limit = 8): MeasureRow[] {
  return rows
    .filter((r) => r.change !== null && r.change.percent !== null && r.change.absolute !== 0)
    .sort((a, b) => Math.abs(b.change?.percent ?? 0) - Math.abs(a.change?.percent ?? 0) || a.measure.code.localeCompare(b.measure.code))
    .slice(0, limit);
}
