// What a series can say of itself without making its points: how many it holds and their periods.
// A large portfolio's series reach the page packed (db/packed-series.ts), and the page makes the
// points of a comparator's series only when a page reads them; these ask the packed series itself.
import type { ObservationSeries } from './types';

/** The key a series read back packed answers under (not enumerable: not copied, not written out). */
export const PACKED_SHAPE = Symbol('packed series');

export interface PackedShape {
  count(): number;
  /** The distinct periods of its points, in their order. */
  periods(): readonly string[];
}

const shapeOf = (s: ObservationSeries): PackedShape | undefined => (s as { [PACKED_SHAPE]?: PackedShape })[PACKED_SHAPE];

/** The distinct periods of a series' points, in their order (repeats, one a breakdown, are next to each other). */
export function distinctPeriods(points: readonly { period: string }[]): string[] {
  const out: string[] = [];
  let last: string | null = null;
  for (const p of points) if (p.period !== last) out.push((last = p.period));
  return out;
}

/** How many points the series holds. */
export const pointCount = (s: ObservationSeries): number => shapeOf(s)?.count() ?? s.points.length;

/** The series' distinct periods, in order. */
export const seriesPeriods = (s: ObservationSeries): readonly string[] => shapeOf(s)?.periods() ?? distinctPeriods(s.points);
