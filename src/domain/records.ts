// The store's tables as the domain sees them, with each table's natural key: importing the
// same row again finds the record under the same key and updates it instead of adding another.
import type {
  BenchmarkSet, BridgeLine, BudgetLine, CapitalLine, Commentary, Measure, NarrativeItem, NeighbourGroup, ObservationPoint,
  ObservationSeries, Portfolio, Priority, Reserve, Saving, Target,
} from './types';

/** One observation as an import reads it, before it is packed into its series. */
export interface ObservationRow extends ObservationPoint {
  measureCode: string;
  series: string;
}

/** Rows an import stages, by table. */
export interface Staged {
  portfolios: Portfolio[];
  priorities: Priority[];
  measures: Measure[];
  observations: ObservationRow[];
  targets: Target[];
  commentary: Commentary[];
  budgetLines: BudgetLine[];
  bridgeLines: BridgeLine[];
  reserves: Reserve[];
  savings: Saving[];
  capital: CapitalLine[];
  narrative: NarrativeItem[];
  benchmarks: BenchmarkSet[];
  neighbourGroups: NeighbourGroup[];
}

export type TableName = keyof Staged;

/** Records as the store keeps them: observations packed a series a record. */
export type Stored = Omit<Staged, 'observations'> & { observations: ObservationSeries[] };

export const TABLE_NAMES: readonly TableName[] = [
  'portfolios', 'priorities', 'measures', 'observations', 'targets', 'commentary',
  'budgetLines', 'bridgeLines', 'reserves', 'savings', 'capital', 'narrative', 'benchmarks', 'neighbourGroups',
];

export const TABLE_LABELS: Record<TableName, string> = {
  portfolios: 'portfolios',
  priorities: 'priorities',
  measures: 'measures',
  observations: 'observations',
  targets: 'targets',
  commentary: 'commentary',
  budgetLines: 'budget lines',
  bridgeLines: 'budget bridge lines',
  reserves: 'reserves',
  savings: 'savings',
  capital: 'capital lines',
  narrative: 'narrative items',
  benchmarks: 'benchmark figures (indicator × period, every area)',
  neighbourGroups: 'neighbour groups',
};

export type KeyPart = string | number;

/** Natural key of a stored record (observations: the series), as IndexedDB key parts. */
export const STORED_KEYS: { [T in TableName]: (r: Stored[T][number]) => KeyPart[] } = {
  portfolios: (r) => [r.id],
  priorities: (r) => [r.portfolioId, r.number],
  measures: (r) => [r.code],
  observations: (r) => [r.measureCode, r.series],
  targets: (r) => [r.measureCode, r.year, r.breakdown],
  commentary: (r) => [r.measureCode, r.report],
  budgetLines: (r) => [r.portfolioId, r.period, r.division, r.service],
  bridgeLines: (r) => [r.portfolioId, r.year, r.division, r.line],
  reserves: (r) => [r.portfolioId, r.period, r.division, r.category, r.narration, r.purpose],
  savings: (r) => [r.portfolioId, r.period, r.division, r.proposal],
  capital: (r) => [r.portfolioId, r.period, r.scheme, r.year, r.fundingSource],
  narrative: (r) => [r.portfolioId, r.report, r.type, r.title],
  benchmarks: (r) => [r.measureCode, r.period],
  neighbourGroups: (r) => [r.name],
};

/** Natural key of one staged row: for observations, measure × series × period × breakdown. */
export function stagedKey<T extends TableName>(table: T, row: Staged[T][number]): KeyPart[] {
  if (table === 'observations') {
    const o = row as ObservationRow;
    return [o.measureCode, o.series, o.period, o.breakdown];
  }
  return (STORED_KEYS[table] as (r: Staged[T][number]) => KeyPart[])(row);
}

export function keyString(parts: readonly KeyPart[]): string {
  return JSON.stringify(parts);
}

export function emptyStaged(): Staged {
  return {
    portfolios: [], priorities: [], measures: [], observations: [], targets: [], commentary: [],
    budgetLines: [], bridgeLines: [], reserves: [], savings: [], capital: [], narrative: [], benchmarks: [], neighbourGroups: [],
  };
}

/**
 * Two records hold the same data, whichever import wrote them: the same fields (in any order) with
 * the same values, batchId aside at any depth. Values compare as JSON would write them (so a missing
 * figure is the same whether null, undefined or NaN). Compared field by field, not by writing each
 * record out as text: a re-import of 100,000 rows compares half a million points, which as text took
 * 4.5 s of a 10 s preview.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    // Every field but batchId the same, and as many fields: counted as they are compared, with no
    // list made of them (a re-import compares millions of points).
    let fields = 0;
    for (const k of Object.keys(a)) {
      if (k === 'batchId') continue;
      fields++;
      if (!hasOwn.call(b, k) || !sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
    }
    for (const k of Object.keys(b)) if (k !== 'batchId') fields--;
    return fields === 0;
  }
  // An object against a value that is not one is never the same.
  if ((typeof a === 'object' && a !== null) || (typeof b === 'object' && b !== null)) return false;
  // Two values not identical are the same only as JSON writes both null: a missing figure however it
  // is written (null, absent, NaN), as when they were compared as JSON text.
  return writtenAsNull(a) && writtenAsNull(b);
}

const hasOwn = Object.prototype.hasOwnProperty;

/** What JSON writes as null: null, undefined, NaN and the infinities, and what it cannot hold (a function, a symbol). */
function writtenAsNull(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v)) || typeof v === 'function' || typeof v === 'symbol';
}

/** "Children, Family Services and Education" → "children-family-services-and-education". */
export function slug(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'portfolio';
}

/** Tables an import plan touches (adds, updates, leaves unchanged or removes records in), in table order: the preview's breakdown. */
export function changedTables(counts: Record<TableName, { add: number; update: number; unchanged: number; remove: number }>): TableName[] {
  return TABLE_NAMES.filter((t) => {
    const c = counts[t];
    return c.add + c.update + c.unchanged + c.remove > 0;
  });
}
