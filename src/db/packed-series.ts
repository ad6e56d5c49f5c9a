// Observation series are stored packed: one array a field (numbers in typed arrays) rather than
// one object a point. IndexedDB copies a record field by field, naming each field of each object,
// so a series of 40 points as 40 objects costs about 3× as much to write and to read back as the
// same points as nine arrays. The store's middleware (bundles.ts) packs and unpacks them, so
// the rest of the app reads and writes ObservationSeries with its points as objects.
import type { ObservationPoint, ObservationSeries } from '../domain/types';

/** A series as stored: the points' fields side by side, in point order. */
export interface PackedSeries {
  measureCode: string;
  series: string;
  /** The number of points. */
  packed: number;
  period: string[];
  breakdown: string[];
  /** NaN where the point has no value (a missing figure). */
  value: Float64Array;
  /** NaN where the point has no count. */
  count: Float64Array;
  missingReason: (string | null)[];
  note: (string | null)[];
  status: (string | null)[];
  raw: string[];
  batchId: Float64Array;
}

const orNaN = (n: number | null): number => (n === null ? Number.NaN : n);
const orNull = (n: number | undefined): number | null => (n === undefined || Number.isNaN(n) ? null : n);

export function packSeries(s: ObservationSeries): PackedSeries {
  const { points } = s;
  const n = points.length;
  const value = new Float64Array(n);
  const count = new Float64Array(n);
  const batchId = new Float64Array(n);
  points.forEach((p, i) => {
    value[i] = orNaN(p.value);
    count[i] = orNaN(p.count);
    batchId[i] = p.batchId;
  });
  // The lists are made by map, never as new Array(n): an array made with holes stays "holey" once
  // filled, and the browser copies a holey array (to store it, or to post it) as a sparse one, key
  // by key: twice the time to write and a third more to read back.
  return {
    measureCode: s.measureCode, series: s.series, packed: n,
    period: points.map((p) => p.period), breakdown: points.map((p) => p.breakdown), value, count,
    missingReason: points.map((p) => p.missingReason), note: points.map((p) => p.note), status: points.map((p) => p.status),
    raw: points.map((p) => p.raw), batchId,
  };
}

export function isPacked(record: unknown): record is PackedSeries {
  return typeof record === 'object' && record !== null && typeof (record as { packed?: unknown }).packed === 'number';
}

/** A point as an object, its fields always in the same order (so every point has one shape). */
function point(
  period: string, breakdown: string, value: number | undefined, count: number | undefined,
  missingReason: string | null, note: string | null, status: string | null, raw: string, batchId: number,
): ObservationPoint {
  return { period, breakdown, value: orNull(value), count: orNull(count), missingReason, note, status, raw, batchId };
}

/** The series with its points as objects. Records written before packing (schema v3) come back as they are. */
export function unpackSeries(record: PackedSeries | ObservationSeries): ObservationSeries {
  if (!isPacked(record)) return record;
  const points = new Array<ObservationPoint>(record.packed);
  for (let i = 0; i < record.packed; i++) {
    points[i] = point(
      record.period[i] ?? '', record.breakdown[i] ?? '', record.value[i], record.count[i],
      record.missingReason[i] ?? null, record.note[i] ?? null, record.status[i] ?? null, record.raw[i] ?? '', record.batchId[i] ?? 0,
    );
  }
  return { measureCode: record.measureCode, series: record.series, points };
}

/**
 * Packed series as the import worker hands them to the page: every series' points end to end, the
 * numbers in typed arrays (moved, not copied) and the short texts (period, breakdown, reason, note,
 * status) as indexes into one list of the distinct texts. Taking in a message costs the page a string
 * per text it carries: a piece of 5,000 points carries a few dozen distinct texts where it carried
 * 25,000, and the points then share them.
 */
export interface SeriesPiece {
  measureCode: string[];
  series: string[];
  /** Each series' number of points. */
  packed: Uint32Array;
  /** The distinct texts; the index fields below point into it, -1 for none. */
  words: string[];
  period: Int32Array;
  breakdown: Int32Array;
  missingReason: Int32Array;
  note: Int32Array;
  status: Int32Array;
  raw: string[];
  value: Float64Array;
  count: Float64Array;
  batchId: Float64Array;
}

export function toPiece(list: readonly PackedSeries[]): SeriesPiece {
  const total = list.reduce((n, s) => n + s.packed, 0);
  const words: string[] = [];
  const index = new Map<string, number>();
  const word = (w: string | null | undefined): number => {
    if (w === null || w === undefined) return -1;
    let i = index.get(w);
    if (i === undefined) {
      i = words.length;
      words.push(w);
      index.set(w, i);
    }
    return i;
  };
  const piece: SeriesPiece = {
    measureCode: list.map((s) => s.measureCode), series: list.map((s) => s.series), packed: Uint32Array.from(list, (s) => s.packed),
    words, period: new Int32Array(total), breakdown: new Int32Array(total), missingReason: new Int32Array(total), note: new Int32Array(total), status: new Int32Array(total),
    raw: [], value: new Float64Array(total), count: new Float64Array(total), batchId: new Float64Array(total),
  };
  let at = 0;
  for (const s of list) {
    piece.value.set(s.value.subarray(0, s.packed), at);
    piece.count.set(s.count.subarray(0, s.packed), at);
    piece.batchId.set(s.batchId.subarray(0, s.packed), at);
    for (let i = 0; i < s.packed; i++, at++) {
      piece.period[at] = word(s.period[i] ?? '');
      piece.breakdown[at] = word(s.breakdown[i] ?? '');
      piece.missingReason[at] = word(s.missingReason[i]);
      piece.note[at] = word(s.note[i]);
      piece.status[at] = word(s.status[i]);
      // Pushed, so the list is a dense one (see packSeries).
      piece.raw.push(s.raw[i] ?? '');
    }
  }
  return piece;
}

/** The buffers a piece can hand over rather than copy. */
export function pieceBuffers(piece: SeriesPiece): ArrayBuffer[] {
  return [piece.packed, piece.period, piece.breakdown, piece.missingReason, piece.note, piece.status, piece.value, piece.count, piece.batchId].map((a) => a.buffer as ArrayBuffer);
}

/** The piece's series with their points as objects: what unpackSeries gives for each series in it. */
export function fromPiece(piece: SeriesPiece): ObservationSeries[] {
  const { words } = piece;
  const text = (i: number | undefined): string | null => (i === undefined || i < 0 ? null : words[i] ?? null);
  const out = new Array<ObservationSeries>(piece.measureCode.length);
  let at = 0;
  for (let s = 0; s < out.length; s++) {
    const n = piece.packed[s] ?? 0;
    const points = new Array<ObservationPoint>(n);
    for (let i = 0; i < n; i++, at++) {
      points[i] = point(
        text(piece.period[at]) ?? '', text(piece.breakdown[at]) ?? '', piece.value[at], piece.count[at],
        text(piece.missingReason[at]), text(piece.note[at]), text(piece.status[at]), piece.raw[at] ?? '', piece.batchId[at] ?? 0,
      );
    }
    out[s] = { measureCode: piece.measureCode[s] ?? '', series: piece.series[s] ?? '', points };
  }
  return out;
}
