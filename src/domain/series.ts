// What a series can say of itself without making its points: how many it holds and their periods.
// A large portfolio's series reach the page packed (db/packed-series.ts), and the page makes the
// points of a comparator's series only when a page reads them; these ask the packed series itself.
import { ACTUAL_SERIES } from './types';
import type { ObservationSeries } from './types';

/** The key a series read back packed answers under (not enumerable: not copied, not written out). */
export const PACKED_SHAPE = Symbol('packed series');

export interface PackedShape {
  /** How many points it holds (its points, counted, where not given). */
  count?(): number;
  /** The distinct periods of its points, in their order (its points, walked, where not given). */
  periods?(): readonly string[];
  /**
   * The distinct periods of every series that arrived in the same piece, in no order: one function
   * shared by them all. Null once any of them has been given other points.
   */
  piecePeriods?: () => ReadonlySet<string> | null;
  /** As piecePeriods, for the points of the council's own figures (the actual series) that have a value. */
  pieceActualPeriods?: () => ReadonlySet<string> | null;
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
export const pointCount = (s: ObservationSeries): number => shapeOf(s)?.count?.() ?? s.points.length;

/** The series' distinct periods, in order. */
export const seriesPeriods = (s: ObservationSeries): readonly string[] => shapeOf(s)?.periods?.() ?? distinctPeriods(s.points);

/**
 * The distinct periods of every point of every series, in no order. Series that arrived packed in one
 * piece are answered together, from the piece: the period picker asks this of a whole portfolio, and
 * series by series it walked every point (about 45 ms at 100,000 rows, in the task that draws the page).
 */
export function periodsOfAll(list: readonly ObservationSeries[]): Set<string> {
  return byPiece(list, (shape) => shape.piecePeriods, seriesPeriods);
}

/**
 * The distinct periods in which the council's own figures (the actual series) have a value, in no
 * order: what the default reporting period is chosen from. Answered a piece at a time as periodsOfAll.
 */
export function actualPeriodsOfAll(list: readonly ObservationSeries[]): Set<string> {
  return byPiece(list.filter((s) => s.series === ACTUAL_SERIES), (shape) => shape.pieceActualPeriods, (s) => distinctPeriods(s.points.filter((p) => p.value !== null)));
}

function byPiece(
  list: readonly ObservationSeries[],
  pieceOf: (shape: PackedShape) => (() => ReadonlySet<string> | null) | undefined,
  alone: (s: ObservationSeries) => readonly string[],
): Set<string> {
  const out = new Set<string>();
  const pieces = new Set<() => ReadonlySet<string> | null>();
  for (const s of list) {
    const shape = shapeOf(s);
    const piece = shape && pieceOf(shape);
    if (piece && pieces.has(piece)) continue;
    const all = piece?.();
    if (piece && all) {
      pieces.add(piece);
      for (const id of all) out.add(id);
      continue;
    }
    for (const id of alone(s)) out.add(id);
  }
  return out;
}
