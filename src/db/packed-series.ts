// Observation series packed: a measure's series as one piece (SeriesPiece: the points' fields side
// by side, numbers in typed arrays, each text once), which is how the store keeps them (bundles.ts)
// and how the import worker hands them to the page. IndexedDB copies a record field by field,
// naming each field of each object, so points as objects cost several times as much to write and
// read back. The rest of the app reads and writes ObservationSeries with its points as objects.
//
// Version 4 of the store kept a series a record, packed as a PackedSeries; those are read only to
// be rewritten by the version 5 upgrade.
import { PACKED_SHAPE, distinctPeriods } from '../domain/series';
import type { PackedShape } from '../domain/series';
import { ACTUAL_SERIES } from '../domain/types';
import type { ObservationPoint, ObservationSeries } from '../domain/types';

/** A series as version 4 stored it: the points' fields side by side, in point order. */
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
 * 25,000, and the points then share them. A measure's series are stored as one piece too (bundles.ts).
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
  /** Each point's cell as written; '' where `told` gives it. */
  raw: string[];
  /** Each point's FORM code where its cell is its figure written that way (0: the cell is in `raw`); absent when no cell is told. */
  told?: Uint8Array;
  value: Float64Array;
  count: Float64Array;
  batchId: Float64Array;
}

/** The point columns of a piece: what a measure's series are packed into and unpacked from. */
type Columns = Pick<SeriesPiece, 'period' | 'breakdown' | 'missingReason' | 'note' | 'status' | 'value' | 'count' | 'batchId'>;

/**
 * Empty columns for `total` points. The five text columns are views of one buffer, and the three
 * number columns of another: the browser copies (to store or to post) and makes (to read back) a
 * buffer once however many views share it, and buffers, not views, are what cost.
 */
function emptyColumns(total: number): Columns {
  const texts = new Int32Array(5 * total);
  const numbers = new Float64Array(3 * total);
  const text = (k: number) => texts.subarray(k * total, (k + 1) * total);
  const number = (k: number) => numbers.subarray(k * total, (k + 1) * total);
  return { period: text(0), breakdown: text(1), missingReason: text(2), note: text(3), status: text(4), value: number(0), count: number(1), batchId: number(2) };
}

/** A list of distinct texts, each given its index in the list once. */
function wordList(words: string[]): (w: string | null | undefined) => number {
  const index = new Map<string, number>(words.map((w, i) => [w, i]));
  return (w) => {
    if (w === null || w === undefined) return -1;
    let i = index.get(w);
    if (i === undefined) {
      i = words.length;
      words.push(w);
      index.set(w, i);
    }
    return i;
  };
}

/**
 * Writes the series' points into the columns from their start, and gives the rest of the piece: the
 * series, their counts, the distinct texts and the raw cells.
 */
function fillColumns(list: readonly ObservationSeries[], into: Columns): Omit<SeriesPiece, keyof Columns> {
  const head = { measureCode: [] as string[], series: [] as string[], packed: new Uint32Array(list.length), words: [] as string[], raw: [] as string[] };
  const word = wordList(head.words);
  let at = 0;
  // The lists are pushed to, never made as new Array(n): an array made with holes stays "holey"
  // once filled, and the browser copies a holey array (to store it, or to post it) key by key, as a
  // sparse one: twice the time to write and a third more to read back.
  list.forEach((s, k) => {
    head.measureCode.push(s.measureCode);
    head.series.push(s.series);
    // Each series' points read once: a new series an import plans makes its points as they are read.
    const own = s.points;
    head.packed[k] = own.length;
    for (const p of own) {
      into.period[at] = word(p.period);
      into.breakdown[at] = word(p.breakdown);
      into.missingReason[at] = word(p.missingReason);
      into.note[at] = word(p.note);
      into.status[at] = word(p.status);
      into.value[at] = orNaN(p.value);
      into.count[at] = orNaN(p.count);
      into.batchId[at] = p.batchId;
      head.raw.push(p.raw);
      at++;
    }
  });
  return head;
}

/** Series with their points as objects, as one piece. */
export function seriesPiece(list: readonly ObservationSeries[]): SeriesPiece {
  const columns = emptyColumns(list.reduce((n, s) => n + s.points.length, 0));
  return { ...fillColumns(list, columns), ...columns };
}

/**
 * Pieces as bundle records keep them (compact, or whole as written before), end to end as one whole
 * piece, each column written once straight from its stored form; each piece's texts looked up once,
 * not each point's. Made whole one by one and then joined, every record cost the worker two more
 * buffers and three more copies: in Chromium, most of its time reading a portfolio back (see the
 * README's Speed section).
 */
export function joinKept(kept: readonly (SeriesPiece | StoredPiece)[]): SeriesPiece {
  let series = 0;
  let total = 0;
  for (const p of kept) {
    series += p.packed.length;
    total += pointsIn(p);
  }
  const piece: SeriesPiece = { measureCode: [], series: [], packed: new Uint32Array(series), words: [], raw: [], ...emptyColumns(total) };
  // Cells told from their figures stay told: the page tells a point's cell as it makes the point.
  const told = kept.some((p) => p.told !== undefined) ? new Uint8Array(total) : null;
  if (told) piece.told = told;
  const word = wordList(piece.words);
  // Each piece's word i is the joined piece's map[i + 1]; map[0] is -1, no text.
  let map = new Int32Array(64);
  let s = 0;
  let at = 0;
  for (const p of kept) {
    if (map.length < p.words.length + 1) map = new Int32Array(2 * (p.words.length + 1));
    map[0] = -1;
    for (let i = 0; i < p.words.length; i++) map[i + 1] = word(p.words[i]);
    for (const code of p.measureCode) piece.measureCode.push(code);
    for (const name of p.series) piece.series.push(name);
    for (let i = 0; i < p.packed.length; i++) piece.packed[s + i] = p.packed[i] ?? 0;
    s += p.packed.length;
    putKept(piece, at, p, map);
    keptCells(p, (cell, code, i) => {
      piece.raw.push(cell);
      if (told) told[at + i] = code;
    });
    at += pointsIn(p);
  }
  return piece;
}

/** The buffers a piece can hand over rather than copy (each once: views share them). */
export function pieceBuffers(piece: SeriesPiece): ArrayBuffer[] {
  const all = [piece.packed, piece.period, piece.breakdown, piece.missingReason, piece.note, piece.status, piece.value, piece.count, piece.batchId, ...(piece.told ? [piece.told] : [])].map((a) => a.buffer as ArrayBuffer);
  return [...new Set(all)];
}

/** The points of one series of a piece, as objects. */
function piecePoints(piece: SeriesPiece, start: number, n: number): ObservationPoint[] {
  const { words } = piece;
  const text = (i: number | undefined): string | null => (i === undefined || i < 0 ? null : words[i] ?? null);
  const { told } = piece;
  const points = new Array<ObservationPoint>(n);
  for (let i = 0, at = start; i < n; i++, at++) {
    const reason = text(piece.missingReason[at]);
    const code = told ? told[at] ?? 0 : 0;
    const raw = code === 0 ? piece.raw[at] ?? '' : toldCell(code, piece.value[at] ?? Number.NaN, piece.count[at] ?? Number.NaN, reason);
    points[i] = point(
      text(piece.period[at]) ?? '', text(piece.breakdown[at]) ?? '', piece.value[at], piece.count[at],
      reason, text(piece.note[at]), text(piece.status[at]), raw, piece.batchId[at] ?? 0,
    );
  }
  return points;
}

/** The piece's series with their points as objects: what unpackSeries gives for each series in it. */
export function fromPiece(piece: SeriesPiece): ObservationSeries[] {
  const out = new Array<ObservationSeries>(piece.measureCode.length);
  let at = 0;
  for (let s = 0; s < out.length; s++) {
    const n = piece.packed[s] ?? 0;
    out[s] = { measureCode: piece.measureCode[s] ?? '', series: piece.series[s] ?? '', points: piecePoints(piece, at, n) };
    at += n;
  }
  return out;
}

/**
 * The piece's series as fromPiece gives them, but those `eager` does not pick make their points
 * only when first read: a large portfolio's comparators are mostly read on a measure's own page,
 * and made up front they were most of what the page held (five million objects at 1,000,000 rows)
 * and most of its work taking the portfolio in. Until then a series answers how many points it
 * holds and their periods from the piece (domain/series.ts). `points` is an ordinary property to
 * whatever reads it, copies it or writes it out.
 */
export function fromPieceLazily(piece: SeriesPiece, eager: (series: string) => boolean): ObservationSeries[] {
  const out = new Array<ObservationSeries>(piece.measureCode.length);
  // The series made at once, with the points they were made with: the piece answers for them while
  // they still have them (a series given other points is asked alone).
  const made: [series: ObservationSeries, points: readonly ObservationPoint[]][] = [];
  let assigned = false;
  const unchanged = () => !assigned && made.every(([series, points]) => series.points === points);
  // The distinct periods of the piece's points, and of its own figures' points with a value, worked
  // out as the piece is taken in (a few thousand period indexes), rather than in the page's drawing
  // that asks for them, which then only joins each piece's few.
  const every = new Uint8Array(piece.words.length);
  const valued = new Uint8Array(piece.words.length);
  for (let s = 0, at = 0; s < piece.packed.length; s++) {
    const end = at + (piece.packed[s] ?? 0);
    const actual = piece.series[s] === ACTUAL_SERIES;
    for (; at < end; at++) {
      const w = piece.period[at] ?? 0;
      every[w] = 1;
      if (actual && !Number.isNaN(piece.value[at] ?? Number.NaN)) valued[w] = 1;
    }
  }
  const wordsIn = (used: Uint8Array) => new Set(piece.words.filter((_, i) => used[i] === 1));
  const allPeriods = wordsIn(every);
  const actualPeriods = wordsIn(valued);
  const piecePeriods = (): ReadonlySet<string> | null => (unchanged() ? allPeriods : null);
  const pieceActualPeriods = (): ReadonlySet<string> | null => (unchanged() ? actualPeriods : null);
  let at = 0;
  for (let s = 0; s < out.length; s++) {
    const n = piece.packed[s] ?? 0;
    const start = at;
    at += n;
    const measureCode = piece.measureCode[s] ?? '';
    const name = piece.series[s] ?? '';
    if (eager(name)) {
      const points = piecePoints(piece, start, n);
      const series: ObservationSeries = { measureCode, series: name, points };
      made.push([series, points]);
      // Its count and periods are its points' own; the piece answers for its periods with the others'.
      const shape: PackedShape = { piecePeriods, pieceActualPeriods };
      Object.defineProperty(series, PACKED_SHAPE, { value: shape });
      out[s] = series;
      continue;
    }
    let points: ObservationPoint[] | null = null;
    const series = { measureCode, series: name } as ObservationSeries;
    Object.defineProperty(series, 'points', {
      enumerable: true,
      configurable: true,
      get: () => (points ??= piecePoints(piece, start, n)),
      set: (given: ObservationPoint[]) => {
        points = given;
        assigned = true;
      },
    });
    const shape: PackedShape = {
      piecePeriods,
      pieceActualPeriods,
      count: () => points?.length ?? n,
      periods: () => {
        if (points) return distinctPeriods(points);
        const ids: string[] = [];
        let last = -2;
        for (let i = start; i < start + n; i++) {
          const w = piece.period[i] ?? -1;
          if (w !== last) ids.push(piece.words[(last = w)] ?? '');
        }
        return ids;
      },
    };
    Object.defineProperty(series, PACKED_SHAPE, { value: shape });
    out[s] = series;
  }
  return out;
}

// ---- a piece as the store keeps it -------------------------------------------------------------
//
// What a bundle record costs IndexedDB to write and to read back grows with its bytes once a
// record holds a few kilobytes: 2,500 measures' bundles of 200 points each (30 MB as full pieces)
// took 1.5 to 2.5 s to read back in Chromium here, the same records at half the bytes about half
// that. A full piece spends 44 bytes a point on numbers and text indexes, most of them the same
// from point to point (most points of a bundle share their breakdown, reason, note, status and
// import batch; comparators have no count), and figures read from cells have a few decimal places.
// The store keeps each column at what it needs: one number when every point has the same, else the
// narrowest array that holds it exactly.

/** A text column as stored: the one index every point has, or each point's index plus one (0 for none) in the narrowest array that holds it. */
type StoredIndexes = number | Uint8Array | Uint16Array | Int32Array;
/**
 * A number column as stored: the one value every point has (NaN for none), each point's whole number
 * in a Uint32Array (0xffffffff for none), each point's value as a whole number of hundredths (or
 * tenths, …: `places`) in an Int32Array (-2147483648 for none), or each point's value as it is.
 */
type StoredNumbers = number | Uint32Array | Float64Array | { places: number; scaled: Int32Array };

/** A piece as a bundle record keeps it (`compact: 1`): the same series, words and raw cells as the piece, each column as small as it can be. */
export interface StoredPiece {
  compact: 1;
  measureCode: string[];
  series: string[];
  packed: Uint32Array;
  words: string[];
  /** The cells as written: every point's, or with `told`, those of the points it does not tell, in point order. */
  raw: string[];
  /**
   * How each point's cell is written, where its own figure writes it exactly (a FORM code, 0 for
   * none: its cell is the next in `raw`), or one number when every point's is the same. Absent in
   * bundles written before it, which keep every cell in `raw`.
   */
  told?: number | Uint8Array;
  period: StoredIndexes;
  breakdown: StoredIndexes;
  missingReason: StoredIndexes;
  note: StoredIndexes;
  status: StoredIndexes;
  value: StoredNumbers;
  count: StoredNumbers;
  batchId: StoredNumbers;
}

const NO_NUMBER = 0xffffffff;

// The stored form is made from, and read back into, columns of the first n entries of an array:
// the series of one measure are packed or unpacked in scratch columns kept between calls (below).

function allSame(column: ArrayLike<number>, n: number): boolean {
  const first = column[0];
  if (first === undefined || n === 0) return true;
  // NaN equals NaN here (Object.is), so a column with no figures at all is one NaN.
  for (let i = 1; i < n; i++) if (!Object.is(column[i], first)) return false;
  return true;
}

function storedIndexes(column: Int32Array, n: number): StoredIndexes {
  if (allSame(column, n)) return n === 0 ? -1 : column[0] ?? -1;
  let max = -1;
  for (let i = 0; i < n; i++) if ((column[i] ?? -1) > max) max = column[i] ?? -1;
  if (max + 1 > 0xfffe) return column.slice(0, n);
  const out = max + 1 <= 0xfe ? new Uint8Array(n) : new Uint16Array(n);
  for (let i = 0; i < n; i++) out[i] = (column[i] ?? -1) + 1;
  return out;
}

const NO_SCALED = -2147483648;
/** The most decimal places a figure is kept to as a whole number of them (a figure read from a cell has as many as it was written with). */
const MOST_PLACES = 6;

/**
 * The fewest decimal places (up to MOST_PLACES) at which every figure of the column is a whole
 * number that fits an Int32Array and gives back exactly the same figure, or null. A figure read from
 * "96.3" is the number nearest 96.3, and 963 / 10 is that same number, so such figures come back
 * exactly; the check is made figure by figure all the same.
 */
function placesOf(column: Float64Array, n: number): number | null {
  places: for (let places = 0; places <= MOST_PLACES; places++) {
    const scale = 10 ** places;
    for (let i = 0; i < n; i++) {
      const v = column[i] ?? Number.NaN;
      if (Number.isNaN(v)) continue;
      const whole = Math.round(v * scale);
      if (Object.is(v, -0) || whole <= NO_SCALED || whole > 2147483647 || whole / scale !== v) continue places;
    }
    return places;
  }
  return null;
}

function storedNumbers(column: Float64Array, n: number): StoredNumbers {
  if (allSame(column, n)) return n === 0 ? Number.NaN : column[0] ?? Number.NaN;
  let whole = true;
  for (let i = 0; i < n; i++) {
    const v = column[i] ?? Number.NaN;
    if (!Number.isNaN(v) && !(Number.isInteger(v) && v >= 0 && v < NO_NUMBER && !Object.is(v, -0))) whole = false;
  }
  if (whole) {
    const out = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const v = column[i] ?? Number.NaN;
      out[i] = Number.isNaN(v) ? NO_NUMBER : v;
    }
    return out;
  }
  const places = placesOf(column, n);
  if (places === null) return column.slice(0, n);
  const scale = 10 ** places;
  const scaled = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = column[i] ?? Number.NaN;
    scaled[i] = Number.isNaN(v) ? NO_SCALED : Math.round(v * scale);
  }
  return { places, scaled };
}

/** The first n points of the columns as a bundle record keeps them. */
function storedColumns(columns: Columns, n: number): Pick<StoredPiece, keyof Columns> {
  return {
    period: storedIndexes(columns.period, n),
    breakdown: storedIndexes(columns.breakdown, n),
    missingReason: storedIndexes(columns.missingReason, n),
    note: storedIndexes(columns.note, n),
    status: storedIndexes(columns.status, n),
    value: storedNumbers(columns.value, n),
    count: storedNumbers(columns.count, n),
    batchId: storedNumbers(columns.batchId, n),
  };
}

/**
 * Columns to pack and unpack one measure's series in, kept between calls and grown as needed. A
 * typed array costs the browser far more to make than to fill (about 20 µs each in Chromium here:
 * making a whole piece for each measure took the import worker about 0.2 s of a 100,000-row commit,
 * under the profiler), and the store packs and unpacks a measure at a time, each used up before the
 * next is begun.
 */
let scratch: { size: number; columns: Columns } | null = null;
function scratchOf(n: number): Columns {
  if (!scratch || scratch.size < n) {
    const size = Math.max(n, 2 * (scratch?.size ?? 0), 1024);
    // Separate buffers, not views: scratch columns are never copied, and each is read to n only.
    scratch = {
      size,
      columns: {
        period: new Int32Array(size), breakdown: new Int32Array(size), missingReason: new Int32Array(size), note: new Int32Array(size), status: new Int32Array(size),
        value: new Float64Array(size), count: new Float64Array(size), batchId: new Float64Array(size),
      },
    };
  }
  return scratch.columns;
}

/** Word i as itself (map[i + 1] = i, map[0] = -1), for reading a piece's own indexes back: for at least `words` words. */
let identity = new Int32Array(0);
function identityOf(words: number): Int32Array {
  if (identity.length < words + 1) {
    identity = new Int32Array(Math.max(words + 1, 2 * identity.length, 256));
    for (let i = 0; i < identity.length; i++) identity[i] = i - 1;
  }
  return identity;
}

/** Series with their points as objects, as a bundle record keeps them (made in the scratch columns). */
export function storedSeries(list: readonly ObservationSeries[]): StoredPiece {
  const n = list.reduce((sum, s) => sum + s.points.length, 0);
  const columns = scratchOf(n);
  const head = fillColumns(list, columns);
  const told = toldCells(head.raw, columns, head.words, n);
  return { compact: 1, ...head, ...(told === null ? {} : told), ...storedColumns(columns, n) };
}

/**
 * A piece as the store keeps it, each column as small as it can be: for keeping a piece handed
 * over (a read copy, copies.ts), a quarter or less of its bytes. `joinKept` of it gives the piece back.
 */
export function compactPiece(piece: SeriesPiece): StoredPiece {
  const n = piece.value.length;
  const { told } = piece;
  // Its own copies of the arrays a piece hands over (moved, not copied, to the page); the columns are made anew.
  const cells = told ? { told: allSame(told, n) ? told[0] ?? 0 : told.slice(), raw: piece.raw.filter((_, i) => told[i] === 0) } : { raw: piece.raw };
  return { compact: 1, measureCode: piece.measureCode, series: piece.series, packed: piece.packed.slice(), words: piece.words, ...cells, ...storedColumns(piece, n) };
}

// ---- cells told from their figures -------------------------------------------------------------
//
// A point keeps its cell as written ("96.3% (5795)"), and those texts were over half of a bundle's
// bytes. Most cells are their figure written in one of a few plain ways, so a bundle keeps, for each
// such point, which way (a byte) in place of the text; any cell its figure does not give back
// exactly, character for character, is kept as written.

/** The ways a cell can be its figure written, each with the figure's decimal places (0 to 7). */
const FORM = { plain: 1, percent: 2, percentCount: 3, count: 4, grouped: 5, reason: 6 } as const;
const MOST_TOLD_PLACES = 7;

/** Commas between each three digits of a figure's whole part, as the papers write thousands. */
function grouped(text: string): string {
  const minus = text.startsWith('-') ? '-' : '';
  const body = minus ? text.slice(1) : text;
  const dot = body.indexOf('.');
  const whole = dot < 0 ? body : body.slice(0, dot);
  let out = '';
  for (let i = 0; i < whole.length; i++) {
    if (i > 0 && (whole.length - i) % 3 === 0) out += ',';
    out += whole[i];
  }
  return minus + out + (dot < 0 ? '' : body.slice(dot));
}

/** The cell a FORM code writes for a point's figure, count and missing-value reason. */
function toldCell(code: number, value: number, count: number, reason: string | null): string {
  const form = code >> 3;
  if (form === FORM.reason) return reason ?? '';
  const figure = value.toFixed(code & 7);
  if (form === FORM.plain) return figure;
  if (form === FORM.percent) return `${figure}%`;
  if (form === FORM.percentCount) return `${figure}% (${count})`;
  if (form === FORM.count) return `${figure} (${count})`;
  return grouped(figure);
}

/** The code of the way the cell is its figure written, or 0 where it is not exactly. */
function toldCode(raw: string, value: number, count: number, reason: string | null): number {
  if (Number.isNaN(value)) return reason !== null && raw === reason ? FORM.reason << 3 : 0;
  // The figure's decimal places, as written.
  const dot = raw.indexOf('.');
  let places = 0;
  if (dot >= 0) while (places <= MOST_TOLD_PLACES && raw.charCodeAt(dot + 1 + places) >= 48 && raw.charCodeAt(dot + 1 + places) <= 57) places++;
  if (places > MOST_TOLD_PLACES) return 0;
  const last = raw.charCodeAt(raw.length - 1);
  const form = last === 41 /* ) */ ? (raw.includes('% (') ? FORM.percentCount : FORM.count)
    : last === 37 /* % */ ? FORM.percent
      : raw.includes(',') ? FORM.grouped : FORM.plain;
  if ((form === FORM.percentCount || form === FORM.count) && Number.isNaN(count)) return 0;
  const code = (form << 3) | places;
  return toldCell(code, value, count, reason) === raw ? code : 0;
}

/** Each point's cell code and the cells they do not tell, in point order; null when they tell none. */
function toldCells(raw: readonly string[], columns: Columns, words: readonly string[], n: number): { told: number | Uint8Array; raw: string[] } | null {
  const codes = new Uint8Array(n);
  const kept: string[] = [];
  for (let i = 0; i < n; i++) {
    const reason = columns.missingReason[i] ?? -1;
    const cell = raw[i] ?? '';
    const code = toldCode(cell, columns.value[i] ?? Number.NaN, columns.count[i] ?? Number.NaN, reason < 0 ? null : words[reason] ?? null);
    if (code === 0) kept.push(cell);
    codes[i] = code;
  }
  if (kept.length === n) return null;
  return { told: allSame(codes, n) ? codes[0] ?? 0 : codes, raw: kept };
}

/** The number of points a piece holds: a stored piece that tells cells keeps only the others. */
export function pointsIn(kept: SeriesPiece | StoredPiece): number {
  if (!('compact' in kept) || kept.told === undefined) return kept.raw.length;
  let n = 0;
  for (let s = 0; s < kept.packed.length; s++) n += kept.packed[s] ?? 0;
  return n;
}

/** Each point's cell as a piece holds it ('' where told) and its FORM code (0 where not told), with its place. */
function keptCells(kept: SeriesPiece | StoredPiece, take: (cell: string, code: number, i: number) => void): void {
  const { told } = kept;
  if (told === undefined) {
    for (let i = 0; i < kept.raw.length; i++) take(kept.raw[i] ?? '', 0, i);
    return;
  }
  // A stored piece keeps only the cells it does not tell; a whole piece keeps '' for those it does.
  const sparse = 'compact' in kept;
  const n = pointsIn(kept);
  let next = 0;
  for (let i = 0; i < n; i++) {
    const code = typeof told === 'number' ? told : told[i] ?? 0;
    if (code !== 0) take('', code, i);
    else take(kept.raw[sparse ? next++ : i] ?? '', 0, i);
  }
}

/** Each point's FORM code as a stored piece is read back into points (grown as needed). */
let toldScratch = new Uint8Array(0);

/** The series a bundle record keeps, compact or whole, with their points as objects (read through the scratch columns). */
export function keptSeries(kept: SeriesPiece | StoredPiece): ObservationSeries[] {
  if (!('compact' in kept)) return fromPiece(kept);
  const columns = scratchOf(pointsIn(kept));
  putKept(columns, 0, kept, identityOf(kept.words.length));
  if (kept.told === undefined) return fromPiece({ measureCode: kept.measureCode, series: kept.series, packed: kept.packed, words: kept.words, raw: kept.raw, ...columns });
  const raw: string[] = [];
  // In scratch too: the points are made before this returns.
  const n = pointsIn(kept);
  if (toldScratch.length < n) toldScratch = new Uint8Array(Math.max(n, 2 * toldScratch.length, 1024));
  const told = toldScratch;
  keptCells(kept, (cell, code, i) => {
    raw.push(cell);
    told[i] = code;
  });
  return fromPiece({ measureCode: kept.measureCode, series: kept.series, packed: kept.packed, words: kept.words, raw, told, ...columns });
}

// A stored column's kind is told from its shape and element size, not its class: an array read back
// from the store may come from another realm (a worker's, a test's), where instanceof says no.

/** A text column, whole (an index a point, -1 for none) or as stored, into `into` from `at`, each index i as map[i + 1]. */
function putIndexes(into: Int32Array, at: number, n: number, from: StoredIndexes, map: Int32Array): void {
  if (typeof from === 'number') into.fill(map[from + 1] ?? -1, at, at + n);
  else if (from.BYTES_PER_ELEMENT === 4) for (let i = 0; i < n; i++) into[at + i] = map[(from[i] ?? -1) + 1] ?? -1;
  else for (let i = 0; i < n; i++) into[at + i] = map[from[i] ?? 0] ?? -1;
}

/** A number column, whole (a Float64Array) or as stored, into `into` from `at`. */
function putNumbers(into: Float64Array, at: number, n: number, from: StoredNumbers): void {
  if (typeof from === 'number') into.fill(from, at, at + n);
  else if ('scaled' in from) {
    const scale = 10 ** from.places;
    for (let i = 0; i < n; i++) {
      const v = from.scaled[i] ?? NO_SCALED;
      into[at + i] = v === NO_SCALED ? Number.NaN : v / scale;
    }
  } else if (from.BYTES_PER_ELEMENT === 8) for (let i = 0; i < n; i++) into[at + i] = from[i] ?? Number.NaN;
  else {
    for (let i = 0; i < n; i++) {
      const v = from[i] ?? NO_NUMBER;
      into[at + i] = v === NO_NUMBER ? Number.NaN : v;
    }
  }
}

/** A piece's columns, as its bundle record keeps them, into `into` from `at`, each text index i as map[i + 1]. */
function putKept(into: Columns, at: number, kept: SeriesPiece | StoredPiece, map: Int32Array): void {
  const n = pointsIn(kept);
  putIndexes(into.period, at, n, kept.period, map);
  putIndexes(into.breakdown, at, n, kept.breakdown, map);
  putIndexes(into.missingReason, at, n, kept.missingReason, map);
  putIndexes(into.note, at, n, kept.note, map);
  putIndexes(into.status, at, n, kept.status, map);
  putNumbers(into.value, at, n, kept.value);
  putNumbers(into.count, at, n, kept.count);
  putNumbers(into.batchId, at, n, kept.batchId);
}
