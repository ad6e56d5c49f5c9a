// The measures table's filters and sort, as URL query parameters. One codec: reading ignores
// what it does not know; writing omits defaults and keeps a stable order, so the address bar
// is always the shareable link.
import type { MeasureRow } from './measure-rows';
import { RAG_STATUSES } from './rag';
import type { RagStatus } from './rag';
import type { Frequency, MeasureType, Polarity } from './types';

export type Flag = 'gms' | 'corporate' | 'new';
export type SortKey = 'code' | 'name' | 'priority' | 'type' | 'freq' | 'polarity' | 'actual' | 'target' | 'rag' | 'change';

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
export const SORT_KEYS: readonly SortKey[] = ['code', 'name', 'priority', 'type', 'freq', 'polarity', 'actual', 'target', 'rag', 'change'];

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

/** The rows the filters let through. */
export function filterRows(rows: readonly MeasureRow[], f: MeasureFilters): MeasureRow[] {
  const q = f.q.trim().toLowerCase();
  return rows.filter((r) => {
    const m = r.measure;
    if (q && !m.code.toLowerCase().includes(q) && !m.name.toLowerCase().includes(q)) return false;
    if (f.priority.length && (m.priority === null || !f.priority.includes(m.priority))) return false;
    if (f.type.length && (m.measureType === null || !f.type.includes(m.measureType))) return false;
    if (f.polarity.length && !f.polarity.includes(m.polarity)) return false;
    if (f.freq.length && (m.frequency === null || !f.freq.includes(m.frequency))) return false;
    if (f.rag.length && !f.rag.includes(r.rating.status)) return false;
    if (f.flag.includes('gms') && !m.gms) return false;
    if (f.flag.includes('corporate') && !m.corporate) return false;
    if (f.flag.includes('new') && !m.isNew) return false;
    return true;
  });
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

/** Sorts rows by the chosen column, ties broken by code. */
export function sortRows(rows: readonly MeasureRow[], sort: SortKey, dir: 'asc' | 'desc'): MeasureRow[] {
  const d = dir === 'asc' ? 1 : -1;
  const key: Record<SortKey, (r: MeasureRow) => number | string | null> = {
    code: (r) => r.measure.code,
    name: (r) => r.measure.name,
    priority: (r) => r.measure.priority,
    type: (r) => r.measure.measureType,
    freq: (r) => r.measure.frequency,
    polarity: (r) => r.measure.polarity,
    actual: firstValue,
    target: firstTarget,
    rag: (r) => RAG_ORDER[r.rating.status],
    change: (r) => r.change?.percent ?? null,
  };
  const get = key[sort];
  return [...rows].sort((a, b) => (sort === 'code' ? byCode(a, b) * d : nullsLast(get(a), get(b), d) || byCode(a, b)));
}
