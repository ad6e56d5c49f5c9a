// What a national statistics file holds, for the import preview: its areas (authorities,
// regions, England), its indicators (each column of figures under each combination of filter
// values, or each measure of a long file), the rows skipped and why.
import type { ColumnRole } from '../import/headers';
import type { ImportIssue } from '../import/issues';
import type { RawTable } from '../import/read-table';
import { comparePeriodIds } from '../period';
import type { AreaLevel, Unit } from '../types';
import { comboKey, foldName, scanStatistics } from './scan';
import type { Scan, ScanArea, SkippedRows } from './scan';

export type { SkippedRows };

/** An area of the file as the import page lists it: its current code, earlier codes and region. */
export type StatsArea = ScanArea;

export interface StatsIndicator {
  /** Stable across reads of the same file: the column (or measure) and every filter's value. */
  id: string;
  /** In words: "rate_per_10000 · characteristic: Total". */
  label: string;
  /** The column of figures (EES), or the measure as the measure column names it (long files). */
  column: string;
  /** Filter column → value (empty values left out). */
  filters: Record<string, string>;
  /** Period ids with a figure or symbol, in time order. */
  periods: string[];
  /** Rows with a figure or symbol. */
  rows: number;
  unit: Unit;
}

export interface StatsSummary {
  file: string;
  format: 'ees' | 'long';
  /** England (National), then regions, then authorities, each by name. */
  areas: StatsArea[];
  /** The first MAX_SUMMARY_INDICATORS indicators, totals first. */
  indicators: StatsIndicator[];
  /** How many indicators the file holds in all (more than listed when the list is cut short). */
  indicatorCount: number;
  /** Every period of the rows read, in time order. */
  periods: string[];
  /** Filter columns and their values, as first met (at most MAX_FILTER_VALUES each). */
  filters: { column: string; values: string[] }[];
  /** Rows read. */
  rows: number;
  skipped: SkippedRows[];
  issues: ImportIssue[];
}

/** Indicators listed at most: a file of 40 columns × 500 combinations of filters would list 20,000. */
export const MAX_SUMMARY_INDICATORS = 200;
const MAX_FILTER_VALUES = 100;

const TOTAL_VALUE = /^(?:total|all\b.*|overall|any\b.*|persons|both)/i;

/** The unit a column's name implies: "rate_per_10000" → per 10,000; "percent_…" → %. */
export function unitFromName(name: string): Unit {
  const n = name.toLowerCase().replace(/[_\s,]+/g, ' ');
  if (/per ?100 ?000\b/.test(n)) return 'per 100,000';
  if (/per ?10 ?000\b/.test(n)) return 'per 10,000';
  if (/per ?1 ?000\b|per thousand/.test(n)) return 'per 1,000';
  if (/percent|\bpct\b|\bperc\b|%|proportion/.test(n)) return '%';
  if (/\bdays\b/.test(n)) return 'days';
  if (/\bscore\b|\bpoints\b/.test(n)) return 'score';
  return 'number';
}

export interface IndicatorRef {
  /** EES: the index into indicatorColumns; long: the index into measures. */
  j: number;
  /** The combination of filter values. */
  k: number;
}

/** An indicator's id: its column or measure and every filter's value, as JSON. */
export function indicatorId(scan: Scan, table: RawTable, ref: IndicatorRef): string {
  const column = scan.format === 'long' ? (scan.measures[ref.j] ?? '') : (table.headers[scan.indicatorColumns[ref.j] ?? -1] ?? '');
  const values = scan.combos[ref.k] ?? [];
  return JSON.stringify([column, scan.filterColumns.map((c, i) => [table.headers[c] ?? '', values[i] ?? ''])]);
}

/** The indicator an id names in this file, or null. */
export function indicatorRef(scan: Scan, table: RawTable, id: string): IndicatorRef | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(id);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || typeof parsed[0] !== 'string' || !Array.isArray(parsed[1])) return null;
  const column = parsed[0];
  const given = new Map<string, string>();
  for (const pair of parsed[1] as unknown[]) {
    if (Array.isArray(pair) && typeof pair[0] === 'string' && typeof pair[1] === 'string') given.set(pair[0], pair[1]);
  }
  const j = scan.format === 'long' ? scan.measures.indexOf(column) : scan.indicatorColumns.findIndex((c) => table.headers[c] === column);
  if (j < 0) return null;
  const k = scan.comboIndex.get(comboKey(scan.filterColumns.map((c) => given.get(table.headers[c] ?? '') ?? '')));
  return k === undefined ? null : { j, k };
}

const LEVEL_ORDER: Record<AreaLevel, number> = { National: 0, Regional: 1, 'Local authority': 2 };

export function compareAreas(a: Pick<ScanArea, 'level' | 'name'>, b: Pick<ScanArea, 'level' | 'name'>): number {
  return LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.name.localeCompare(b.name, 'en-GB');
}

/** Areas, indicators, periods and skipped rows of a national statistics file read with the given column roles. */
export function summariseStatistics(table: RawTable, roles: readonly ColumnRole[], file: string): StatsSummary {
  const scan = scanStatistics(table, roles, file);
  return summariseScan(scan, table, file);
}

export function summariseScan(scan: Scan, table: RawTable, file: string): StatsSummary {
  const P = scan.periods.length;
  const J = scan.format === 'long' ? scan.measures.length : scan.indicatorColumns.length;
  const K = scan.combos.length;
  // Per combination of filters: rows and periods with a figure, per indicator column (or measure).
  // Files with very many combinations note periods per combination only, to bound the memory.
  const perColumn = K * J * P <= 32_000_000;
  const W = perColumn ? J : 1;
  const rows = Array.from({ length: K }, () => new Int32Array(J));
  const seen = Array.from({ length: K }, () => new Uint8Array(W * P));
  let read = 0;
  for (let i = 0; i < table.rows.length; i++) {
    const p = scan.rowPeriod[i] ?? -1;
    if (p < 0) continue;
    read++;
    const k = scan.rowCombo[i] ?? 0;
    const cells = table.rows[i] ?? [];
    const rk = rows[k];
    const sk = seen[k];
    if (!rk || !sk) continue;
    if (scan.format === 'long') {
      const j = scan.rowMeasure[i] ?? -1;
      const v = cells[scan.valueColumn] ?? '';
      if (j >= 0 && v !== '' && v.trim() !== '') {
        rk[j] = (rk[j] ?? 0) + 1;
        sk[(perColumn ? j : 0) * P + p] = 1;
      }
      continue;
    }
    for (let j = 0; j < J; j++) {
      const v = cells[scan.indicatorColumns[j] ?? -1] ?? '';
      if (v !== '' && v.trim() !== '') {
        rk[j] = (rk[j] ?? 0) + 1;
        sk[(perColumn ? j : 0) * P + p] = 1;
      }
    }
  }
  const periodOrder = scan.periods.map((id, p) => ({ id, p })).sort((a, b) => comparePeriodIds(a.id, b.id));
  const totals = scan.combos.map((values) => values.filter((v) => TOTAL_VALUE.test(v)).length);
  const refs: (IndicatorRef & { rows: number })[] = [];
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < J; j++) {
      const n = rows[k]?.[j] ?? 0;
      if (n > 0) refs.push({ j, k, rows: n });
    }
  }
  // Totals first ("Total", "All …"), then in the file's order of columns and of filter values.
  refs.sort((a, b) => (totals[b.k] ?? 0) - (totals[a.k] ?? 0) || a.j - b.j || a.k - b.k);
  const filterHeaders = scan.filterColumns.map((c) => table.headers[c] ?? '');
  const indicators = refs.slice(0, MAX_SUMMARY_INDICATORS).map((ref): StatsIndicator => {
    const column = scan.format === 'long' ? (scan.measures[ref.j] ?? '') : (table.headers[scan.indicatorColumns[ref.j] ?? -1] ?? '');
    const values = scan.combos[ref.k] ?? [];
    const filters: Record<string, string> = {};
    filterHeaders.forEach((h, i) => {
      const v = values[i] ?? '';
      if (v !== '') filters[h] = v;
    });
    const label = [column, ...Object.entries(filters).map(([h, v]) => `${h}: ${v}`)].join(' · ');
    const sk = seen[ref.k];
    const periods = periodOrder.filter(({ p }) => sk?.[(perColumn ? ref.j : 0) * P + p] === 1).map(({ id }) => id);
    // A long file's Unit column says the unit; else the column's or measure's name may.
    const stated = scan.format === 'long' ? (scan.measureUnits[ref.j] ?? '') : '';
    const unit = stated !== '' && unitFromName(stated) !== 'number' ? unitFromName(stated) : unitFromName(column);
    return { id: indicatorId(scan, table, ref), label, column, filters, periods, rows: ref.rows, unit };
  });
  const filters = scan.filterColumns.map((c, i) => {
    const values: string[] = [];
    const set = new Set<string>();
    for (const combo of scan.combos) {
      const v = combo[i] ?? '';
      if (v !== '' && !set.has(v) && values.length < MAX_FILTER_VALUES) {
        set.add(v);
        values.push(v);
      }
    }
    return { column: table.headers[c] ?? '', values };
  }).filter((f) => f.values.length > 0);
  return {
    file, format: scan.format,
    areas: [...scan.areas].sort(compareAreas),
    indicators, indicatorCount: refs.length,
    periods: periodOrder.map(({ id }) => id),
    filters, rows: read, skipped: scan.skipped, issues: scan.issues,
  };
}

const foldCode = (code: string): string => code.trim().toLowerCase().replace(/\s+/g, '');

/**
 * The authority a query names: its code, an old code or its name, whatever the case and
 * spacing; "Stockport (E08000007)", as the picker lists it, too. Null if none or several match.
 */
export function findAuthority<A extends Pick<StatsArea, 'level' | 'code' | 'oldCodes' | 'name'>>(summary: { areas: readonly A[] }, query: string): A | null {
  const q = query.trim();
  if (q === '') return null;
  const listed = /^(.*)\(([^()]+)\)\s*$/.exec(q);
  const authorities = summary.areas.filter((a) => a.level === 'Local authority');
  if (listed?.[2]) {
    const code = foldCode(listed[2]);
    const hit = authorities.find((a) => foldCode(a.code) === code);
    if (hit) return hit;
  }
  const code = foldCode(q);
  const byCode = authorities.find((a) => foldCode(a.code) === code) ?? authorities.find((a) => a.oldCodes.some((o) => foldCode(o) === code));
  if (byCode) return byCode;
  const name = foldName(q);
  const byName = authorities.filter((a) => foldName(a.name) === name);
  return byName.length === 1 ? (byName[0] ?? null) : null;
}
