// The measures table's filters and sort, as URL query parameters. One codec: reading ignores
// what it does not know; writing omits defaults and keeps a stable order, so the address bar
// is always the shareable link.
import type { MeasureRow } from './measure-rows';
import { COMPARES_A_STEP, runSteps, sortInSteps } from './steps';
import type { Steps } from './steps';
import { RAG_STATUSES } from './rag';
import type { RagStatus } from './rag';
import type { Frequency, MeasureType, Polarity } from './types';

export type Flag = 'gms' | 'corporate' | 'new';
/** The table's columns, each of which sorts it (a measure's type, frequency and polarity are filters, shown with its name). */
export type SortKey = 'code' | 'name' | 'priority' | 'actual' | 'target' | 'rag' | 'change';

export interface MeasureFilters {
  q: string;
  priority: number[];
  type: MeasureType[];
  polarity: Polarity[];
  freq: Frequency[];
  rag: RagStatus[];
  flag: Flag[];
  sort: SortKey;
  dir: 'asc' | 'desc';
}

export const DEFAULT_FILTERS: MeasureFilters = { q: '', priority: [], type: [], polarity: [], freq: [], rag: [], flag: [], sort: 'priority', dir: 'asc' };

const TYPES: readonly MeasureType[] = ['Council', 'Partnership', 'Contextual'];
const POLARITIES: readonly Polarity[] = ['High', 'Low', 'Contextual'];
const FREQS: readonly Frequency[] = ['Annually', 'Quarterly', 'Termly', 'Monthly'];
const FLAGS: readonly Flag[] = ['gms', 'corporate', 'new'];
export const SORT_KEYS: readonly SortKey[] = ['code', 'name', 'priority', 'actual', 'target', 'rag', 'change'];

/** "Not rated" ↔ "not-rated": statuses and names as URL tokens. */
export const token = (s: string) => s.toLowerCase().replace(/\s+/g, '-');

function list<T extends string>(params: URLSearchParams, name: string, allowed: readonly T[], ignored: string[]): T[] {
  const raw = params.get(name);
  if (raw === null || raw === '') return [];
  const out: T[] = [];
  for (const part of raw.split(',')) {
    const hit = allowed.find((a) => token(a) === part.trim().toLowerCase());
    if (hit && !out.includes(hit)) out.push(hit);
    else if (!hit) ignored.push(`${name}=${part}`);
  }
  return out;
}

/** Reads the filters from the query string; what it cannot use is listed in `ignored`. */
export function readFilters(params: URLSearchParams): { filters: MeasureFilters; ignored: string[] } {
  const ignored: string[] = [];
  const priority: number[] = [];
  for (const part of (params.get('priority') ?? '').split(',').filter(Boolean)) {
    if (/^\d{1,3}$/.test(part) && !priority.includes(Number(part))) priority.push(Number(part));
    else ignored.push(`priority=${part}`);
  }
  const sortRaw = params.get('sort');
  const sort = SORT_KEYS.find((k) => k === sortRaw);
  if (sortRaw !== null && !sort) ignored.push(`sort=${sortRaw}`);
  const dirRaw = params.get('dir');
  if (dirRaw !== null && dirRaw !== 'asc' && dirRaw !== 'desc') ignored.push(`dir=${dirRaw}`);
  return {
    filters: {
      q: (params.get('q') ?? '').slice(0, 200),
      priority,
      type: list(params, 'type', TYPES, ignored),
      polarity: list(params, 'polarity', POLARITIES, ignored),
      freq: list(params, 'freq', FREQS, ignored),
      rag: list(params, 'rag', RAG_STATUSES, ignored),
      flag: list(params, 'flag', FLAGS, ignored),
      sort: sort ?? DEFAULT_FILTERS.sort,
      dir: dirRaw === 'desc' ? 'desc' : 'asc',
    },
    ignored,
  };
}

/** Writes the filters into the query string (keeping other parameters), defaults left out. */
export function writeFilters(params: URLSearchParams, f: MeasureFilters): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const k of ['q', 'priority', 'type', 'polarity', 'freq', 'rag', 'flag', 'sort', 'dir']) next.delete(k);
  if (f.q.trim()) next.set('q', f.q);
  if (f.priority.length) next.set('priority', [...f.priority].sort((a, b) => a - b).join(','));
  for (const [name, values] of [['type', f.type], ['polarity', f.polarity], ['freq', f.freq], ['rag', f.rag], ['flag', f.flag]] as const) {
    if (values.length) next.set(name, values.map(token).join(','));
  }
  if (f.sort !== DEFAULT_FILTERS.sort) next.set('sort', f.sort);
  if (f.dir !== DEFAULT_FILTERS.dir) next.set('dir', f.dir);
  return next;
}

/** Whether a row passes every filter but the text search. */
function passesFacets(r: MeasureRow, f: MeasureFilters): boolean {
  const m = r.measure;
  if (f.priority.length && (m.priority === null || !f.priority.includes(m.priority))) return false;
  if (f.type.length && (m.measureType === null || !f.type.includes(m.measureType))) return false;
  if (f.polarity.length && !f.polarity.includes(m.polarity)) return false;
  if (f.freq.length && (m.frequency === null || !f.freq.includes(m.frequency))) return false;
  if (f.rag.length && !f.rag.includes(r.rating.status)) return false;
  if (f.flag.includes('gms') && !m.gms) return false;
  if (f.flag.includes('corporate') && !m.corporate) return false;
  if (f.flag.includes('new') && !m.isNew) return false;
  return true;
}

/** The rows the filters let through. */
export function filterRows(rows: readonly MeasureRow[], f: MeasureFilters): MeasureRow[] {
  const q = f.q.trim().toLowerCase();
  return rows.filter((r) => (!q || r.measure.code.toLowerCase().includes(q) || r.measure.name.toLowerCase().includes(q)) && passesFacets(r, f));
}

// One collator for every comparison: String.localeCompare with options builds one per call,
// which dominates sorting thousands of rows.
const collator = new Intl.Collator('en-GB', { numeric: true });

const RAG_ORDER: Record<RagStatus, number> = { Red: 0, Amber: 1, Green: 2, 'No comparator': 3, 'Not rated': 4, 'No data': 5 };
const byCode = (a: MeasureRow, b: MeasureRow) => collator.compare(a.measure.code, b.measure.code);
const firstValue = (r: MeasureRow) => r.points.find((p) => p.value !== null)?.value ?? null;
const firstTarget = (r: MeasureRow) => r.targets[0]?.value ?? null;

/** Compares with missing values last whichever the direction. */
function nullsLast(a: number | string | null, b: number | string | null, dir: number): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return (typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b))) * dir;
}

const SORT_VALUE: Record<SortKey, (r: MeasureRow) => number | string | null> = {
  code: (r) => r.measure.code,
  name: (r) => r.measure.name,
  priority: (r) => r.measure.priority,
  actual: firstValue,
  target: firstTarget,
  rag: (r) => RAG_ORDER[r.rating.status],
  change: (r) => r.change?.percent ?? null,
};

/** Sorts rows by the chosen column, ties broken by code. */
export function sortRows(rows: readonly MeasureRow[], sort: SortKey, dir: 'asc' | 'desc'): MeasureRow[] {
  const d = dir === 'asc' ? 1 : -1;
  const get = SORT_VALUE[sort];
  return [...rows].sort((a, b) => (sort === 'code' ? byCode(a, b) * d : nullsLast(get(a), get(b), d) || byCode(a, b)));
}

/**
 * The table's rows prepared once for answering within a frame: lower-cased search text, each
 * column's values as numbers (text ranked once by the collator), and each sorted order, kept
 * once computed. `queryRows` gives exactly `sortRows(filterRows(rows, f), f.sort, f.dir)`.
 */
export interface RowIndex {
  readonly rows: readonly MeasureRow[];
  /** Each row's code and name, lower-cased, on two lines: what the search box is matched against. */
  readonly text: readonly string[];
  /** Each row's place in code order: the tie-break of every sort. */
  codeRank: Int32Array | null;
  readonly keys: Map<SortKey, Float64Array>;
  readonly orders: Map<string, Int32Array>;
  /** Recent answers by order, facets and search, so typing on or deleting back is a look-up. */
  readonly answers: Map<string, Answer>;
}

/** The rows a query lets through, as positions in the index and as the rows themselves (the same array each time it is asked). */
interface Answer {
  readonly positions: Int32Array;
  readonly rows: MeasureRow[];
}

/** How many recent answers a table keeps (a few searches typed and deleted). */
const ANSWERS_KEPT = 64;

export function indexRows(rows: readonly MeasureRow[]): RowIndex {
  return {
    rows,
    text: rows.map((r) => `${r.measure.code}\n${r.measure.name}`.toLowerCase()),
    codeRank: null,
    keys: new Map(),
    orders: new Map(),
    answers: new Map(),
  };
}

const indexes = new WeakMap<readonly MeasureRow[], RowIndex>();

/** The index of a set of rows, kept while the rows are (so coming back to the table finds its orders). */
export function rowIndexOf(rows: readonly MeasureRow[]): RowIndex {
  let index = indexes.get(rows);
  if (!index) {
    index = indexRows(rows);
    indexes.set(rows, index);
  }
  return index;
}

/** A code as most are written, in the parts the collator orders it by: `CFSE.12(iii)` is cfse, 12, iii. */
interface PlainCode {
  letters: string;
  number: number;
  suffix: string;
}

// Letters, a full stop, a whole number, and perhaps letters in brackets (a numeral or a letter).
const PLAIN_CODE = /^([A-Za-z]+)\.(\d{1,15})(?:\(([A-Za-z]+)\))?$/;

/** The parts of a plain code, or null for any other text (which only the collator orders). */
export function plainCode(text: string): PlainCode | null {
  const m = PLAIN_CODE.exec(text);
  return m ? { letters: (m[1] ?? '').toLowerCase(), number: Number(m[2]), suffix: (m[3] ?? '').toLowerCase() } : null;
}

const compareAscii = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The collator's order, told from the parts where both texts are plain codes that differ in them
 * (the letters alphabetically whatever their case, a shorter run first; then the number; then the
 * bracketed letters), and from the collator otherwise. The same order as the collator's alone (tested
 * against it on every kind of code), at a fraction of the cost: ranking 10,000 codes with the collator
 * took about 70 ms of a warm load of the measures table.
 */
export function compareTexts(a: string, x: PlainCode | null, b: string, y: PlainCode | null): number {
  if (x && y) {
    const c = compareAscii(x.letters, y.letters) || x.number - y.number || compareAscii(x.suffix, y.suffix);
    if (c !== 0) return c;
  }
  return collator.compare(a, b);
}

/** Ranks of the values under the collator (equal values share a rank); NaN for missing. */
function* rankValues(values: readonly (string | number | null)[]): Steps<Float64Array> {
  const out = new Float64Array(values.length);
  if (values.every((v) => v === null || typeof v === 'number')) {
    values.forEach((v, i) => { out[i] = v === null ? Number.NaN : (v as number); });
    return out;
  }
  const texts = [...new Set(values.filter((v): v is string | number => v !== null).map(String))];
  const parts = texts.map(plainCode);
  const compare = (i: number, j: number) => compareTexts(texts[i] ?? '', parts[i] ?? null, texts[j] ?? '', parts[j] ?? null);
  const sorted = yield* sortInSteps(texts.map((_, i) => i), compare);
  const rank = new Map<string, number>();
  let r = 0;
  for (let k = 0; k < sorted.length; k++) {
    const i = sorted[k] ?? 0;
    if (k > 0 && compare(sorted[k - 1] ?? 0, i) !== 0) r++;
    rank.set(texts[i] ?? '', r);
    if (k % COMPARES_A_STEP === COMPARES_A_STEP - 1) yield;
  }
  values.forEach((v, i) => { out[i] = v === null ? Number.NaN : rank.get(String(v)) ?? Number.NaN; });
  return out;
}

function* codeRankOf(index: RowIndex): Steps<Int32Array> {
  if (!index.codeRank) {
    const ranks = yield* rankValues(index.rows.map((r) => r.measure.code));
    // Another caller may have finished it meanwhile: the first kept is the one used.
    index.codeRank ??= Int32Array.from(ranks);
  }
  return index.codeRank;
}

function* keyOf(index: RowIndex, sort: SortKey): Steps<Float64Array> {
  let k = index.keys.get(sort);
  if (!k) {
    const ranked = yield* rankValues(index.rows.map(SORT_VALUE[sort]));
    k = index.keys.get(sort) ?? ranked;
    index.keys.set(sort, k);
  }
  return k;
}

/** The row positions in the chosen order, computed once per column and direction, in steps. */
export function* sortedOrderInSteps(index: RowIndex, sort: SortKey, dir: 'asc' | 'desc'): Steps<Int32Array> {
  const name = `${sort}:${dir}`;
  const cached = index.orders.get(name);
  if (cached) return cached;
  const d = dir === 'asc' ? 1 : -1;
  const code = yield* codeRankOf(index);
  const positions = Array.from({ length: index.rows.length }, (_, i) => i);
  let sorted: number[];
  if (sort === 'code') {
    sorted = yield* sortInSteps(positions, (a, b) => ((code[a] ?? 0) - (code[b] ?? 0)) * d);
  } else {
    const k = yield* keyOf(index, sort);
    sorted = yield* sortInSteps(positions, (a, b) => {
      const x = k[a] ?? Number.NaN;
      const y = k[b] ?? Number.NaN;
      const xm = Number.isNaN(x);
      const ym = Number.isNaN(y);
      if (xm || ym) return xm && ym ? (code[a] ?? 0) - (code[b] ?? 0) : xm ? 1 : -1;
      return (x - y) * d || (code[a] ?? 0) - (code[b] ?? 0);
    });
  }
  const order = index.orders.get(name) ?? Int32Array.from(sorted);
  index.orders.set(name, order);
  return order;
}

/** The row positions in the chosen order, computed once per column and direction. */
export function sortedOrder(index: RowIndex, sort: SortKey, dir: 'asc' | 'desc'): Int32Array {
  return runSteps(sortedOrderInSteps(index, sort, dir));
}

/** True when the order is kept, so a query in it answers at once. */
export const hasOrder = (index: RowIndex, sort: SortKey, dir: 'asc' | 'desc'): boolean => index.orders.has(`${sort}:${dir}`);

function* everyOrder(index: RowIndex): Steps<void> {
  for (const sort of SORT_KEYS) {
    for (const dir of ['asc', 'desc'] as const) yield* sortedOrderInSteps(index, sort, dir);
  }
}

const warming = new WeakMap<RowIndex, Steps<void>>();

/**
 * Computes the sorted orders not yet kept while `hasTime` says there is time (for idle time), a step
 * at a time, carrying on next call from where it stopped; false once every order is kept.
 */
export function warmOrders(index: RowIndex, hasTime: () => boolean): boolean {
  let steps = warming.get(index);
  if (!steps) {
    steps = everyOrder(index);
    warming.set(index, steps);
  }
  while (hasTime()) {
    if (steps.next().done) return false;
  }
  return true;
}

/** The rows the filters let through, in the chosen order: filtering walks the kept order by position. */
export function queryRows(index: RowIndex, f: MeasureFilters): MeasureRow[] {
  const q = f.q.trim().toLowerCase();
  const facets = JSON.stringify([f.priority, f.type, f.polarity, f.freq, f.rag, f.flag]);
  const noFacets = facets === '[[],[],[],[],[],[]]';
  const base = `${f.sort}:${f.dir}|${facets}|`;
  let answer = index.answers.get(base + q);
  if (!answer) {
    // A longer search only narrows the answer to a shorter one (down to no search: the sorted order).
    let from: Int32Array | undefined;
    for (let len = q.length - 1; len >= 0 && !from; len--) from = index.answers.get(base + q.slice(0, len))?.positions;
    from ??= sortedOrder(index, f.sort, f.dir);
    const out = new Int32Array(from.length);
    let n = 0;
    for (const i of from) {
      const r = index.rows[i];
      if (!r) continue;
      if (q && !(index.text[i] ?? '').includes(q)) continue;
      if (!noFacets && !passesFacets(r, f)) continue;
      out[n++] = i;
    }
    const positions = out.slice(0, n);
    const rows: MeasureRow[] = new Array<MeasureRow>(n);
    for (let j = 0; j < n; j++) rows[j] = index.rows[positions[j] ?? 0] as MeasureRow;
    answer = { positions, rows };
    if (index.answers.size >= ANSWERS_KEPT) index.answers.delete(index.answers.keys().next().value as string);
  } else {
    index.answers.delete(base + q);
  }
  // Kept most recent last.
  index.answers.set(base + q, answer);
  return answer.rows;
}
