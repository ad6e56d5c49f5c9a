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

/** Two records hold the same data, whichever import wrote them. */
export function sameData(a: object, b: object): boolean {
  return stableJson(a) === stableJson(b);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([k]) => k !== 'batchId')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
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
