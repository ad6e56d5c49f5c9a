// One linear pass over a national statistics file: each row's area, period and filter values,
// with the rows that cannot be read set aside under a stated reason. The summary and the
// mapping both start from it, so they agree on what every row is.
import type { ColumnRole } from '../import/headers';
import type { ImportIssue } from '../import/issues';
import type { RawTable } from '../import/read-table';
import { periodFromId } from '../period';
import type { AreaIdentity, AreaLevel } from '../types';
import { periodFromStats } from './periods';

/** An area as the scan found it (its code: the one given with the latest period, else an old code, else ''), and its rows. */
export interface ScanArea extends AreaIdentity {
  rows: number;
}

export interface SkippedRows {
  reason: string;
  count: number;
  /** The first few row numbers, as a spreadsheet shows them. */
  rows: number[];
}

export interface Scan {
  /** ees: one column per indicator; long: a measure column and a value column. */
  format: 'ees' | 'long';
  areas: ScanArea[];
  /** Period ids, as first met; rowPeriod indexes them. */
  periods: string[];
  /** Per data row: its area (index into areas) and period (index into periods), or -1 when skipped. */
  rowArea: Int32Array;
  rowPeriod: Int32Array;
  /** Per data row: its combination of filter values (index into combos). */
  rowCombo: Int32Array;
  /** Long files: per data row, its measure (index into measures), or -1. */
  rowMeasure: Int32Array;
  filterColumns: number[];
  /** Each combination's filter values, in filterColumns' order. */
  combos: string[][];
  /** Key of a combination of filter values → its index. */
  comboIndex: Map<string, number>;
  /** EES: the columns of figures. */
  indicatorColumns: number[];
  /** Long files: the measures named in the measure column, as first met. */
  measures: string[];
  /** Long files: each measure's unit as its first row with a Unit cell gives it, else ''. */
  measureUnits: string[];
  valueColumn: number;
  skipped: SkippedRows[];
  issues: ImportIssue[];
}

/** Rows' numbers kept as examples of each reason for skipping. */
const EXAMPLE_ROWS = 5;

/** Matches names whatever their case, spacing and punctuation ("Kingston upon Hull, City of" ~ "kingston upon hull city of"). */
export const foldName = (name: string): string => name.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '');

export const comboKey = (values: readonly string[]): string => values.join('\u0001');

const REGIONS = new Set(['northeast', 'northwest', 'yorkshireandthehumber', 'eastmidlands', 'westmidlands', 'eastofengland', 'east', 'london', 'southeast', 'southwest']);
const SUB_REGIONS = new Set(['innerlondon', 'outerlondon']);
const COUNTRIES = new Set(['england', 'englandandwales', 'greatbritain', 'unitedkingdom', 'wales', 'scotland', 'northernireland']);
const NATIONAL_CODE = /^(?:E92|K0[234]|W92|S92|N92)/i;
const REGION_CODE = /^E12/i;
const SUB_REGION_CODE = /^E13/i;

type Level = AreaLevel | 'skip';

const levels = new Map<string, Level | string>();

/** A geographic_level cell read once per distinct text (a file has a handful). */
function levelOf(text: string): Level | string {
  let level = levels.get(text);
  if (level === undefined) {
    level = readLevel(text);
    if (levels.size < 1000) levels.set(text, level);
  }
  return level;
}

function readLevel(text: string): Level | string {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (t === 'national') return 'National';
  if (t === 'regional') return 'Regional';
  if (t === 'local authority') return 'Local authority';
  return text.trim();
}

interface Builder {
  area: ScanArea;
  /** Code → the latest period's sort key it was given with. */
  codes: Map<string, number>;
  old: Set<string>;
}

/** Reads every row's area, period and filter values. */
export function scanStatistics(table: RawTable, roles: readonly ColumnRole[], file: string): Scan {
  const field = (key: string): number => roles.findIndex((r) => r.type === 'field' && r.key === key);
  const col = {
    timePeriod: field('timePeriod'), timeIdentifier: field('timeIdentifier'), level: field('geographicLevel'),
    countryCode: field('countryCode'), countryName: field('countryName'), regionCode: field('regionCode'), regionName: field('regionName'),
    oldLaCode: field('oldLaCode'), laName: field('laName'), newLaCode: field('newLaCode'), measure: field('measure'), value: field('value'),
    unit: field('unit'),
  };
  const indicatorColumns = roles.flatMap((r, i) => (r.type === 'indicator' ? [i] : []));
  const filterColumns = roles.flatMap((r, i) => (r.type === 'filter' ? [i] : []));
  const format: Scan['format'] = indicatorColumns.length === 0 && col.measure >= 0 && col.value >= 0 ? 'long' : 'ees';
  const n = table.rows.length;
  const rowArea = new Int32Array(n).fill(-1);
  const rowPeriod = new Int32Array(n).fill(-1);
  const rowCombo = new Int32Array(n).fill(-1);
  const rowMeasure = new Int32Array(n).fill(-1);
  const issues: ImportIssue[] = [];
  const skipped = new Map<string, SkippedRows>();
  const skip = (reason: string, row: number): void => {
    let s = skipped.get(reason);
    if (!s) skipped.set(reason, (s = { reason, count: 0, rows: [] }));
    s.count++;
    if (s.rows.length < EXAMPLE_ROWS) s.rows.push(row);
  };
  const cell = (cells: readonly string[], c: number): string => (c < 0 ? '' : (cells[c] ?? '').trim());

  // A file whose only England figure stands among the authorities ("ENGLAND" at Local authority level) has it read as National.
  let hasNational = false;
  if (col.level >= 0) {
    for (const cells of table.rows) if (levelOf(cells[col.level] ?? '') === 'National') { hasNational = true; break; }
  }

  const periods: string[] = [];
  const periodSort: number[] = [];
  // By identifier, then period: no string is built per row.
  const periodCache = new Map<string, Map<string, number | string>>();
  const periodOf = (tp: string, ti: string): number | string => {
    let byPeriod = periodCache.get(ti);
    if (!byPeriod) periodCache.set(ti, (byPeriod = new Map()));
    let p = byPeriod.get(tp);
    if (p === undefined) {
      const read = periodFromStats(tp, ti);
      if ('error' in read) p = read.error;
      else {
        p = periods.indexOf(read.id);
        if (p < 0) {
          p = periods.length;
          periods.push(read.id);
          periodSort.push(periodFromId(read.id)?.sortKey ?? 0);
        }
      }
      byPeriod.set(tp, p);
    }
    return p;
  };

  const builders: Builder[] = [];
  const byCode = new Map<string, number>();
  const byName = new Map<string, number>();
  // Level → code (else old code) → name → area: rows of an area already met find it without building a key.
  const rowKeyCache = new Map<string, Map<string, Map<string, number>>>();
  const folds = new Map<string, string>();
  const fold = (name: string): string => {
    let f = folds.get(name);
    if (f === undefined) {
      f = foldName(name);
      folds.set(name, f);
    }
    return f;
  };
  const combos: string[][] = [];
  const comboIndex = new Map<string, number>();
  const measures: string[] = [];
  const measureUnits: string[] = [];
  const measureIndex = new Map<string, number>();

  const areaFor = (level: AreaLevel, code: string, oldCode: string, name: string, regionCode: string, regionName: string): number => {
    let byCodeCache = rowKeyCache.get(level);
    if (!byCodeCache) rowKeyCache.set(level, (byCodeCache = new Map()));
    const codeKey = code || oldCode;
    let byNameCache = byCodeCache.get(codeKey);
    if (!byNameCache) byCodeCache.set(codeKey, (byNameCache = new Map()));
    const cached = byNameCache.get(name);
    if (cached !== undefined) {
      const b = builders[cached];
      // Old LA numbers and regions may be given on some rows of an area and not others.
      if (b && oldCode && code) b.old.add(oldCode);
      if (b && !b.area.regionCode && regionCode) b.area.regionCode = regionCode;
      if (b && !b.area.regionName && regionName) b.area.regionName = regionName;
      return cached;
    }
    const prefix = level === 'Local authority' ? 'la' : level === 'Regional' ? 'rg' : 'nt';
    const folded = fold(name);
    let index = (code ? byCode.get(`${prefix}:${code}`) : undefined) ?? (oldCode ? byCode.get(`${prefix}:${oldCode}`) : undefined) ?? (folded ? byName.get(`${prefix}:${folded}`) : undefined);
    if (index === undefined) {
      index = builders.length;
      builders.push({ area: { level, code: '', oldCodes: [], name: name || code || oldCode, regionCode: regionCode || null, regionName: regionName || null, rows: 0 }, codes: new Map(), old: new Set() });
    }
    const b = builders[index];
    if (b) {
      if (code && !b.codes.has(code)) b.codes.set(code, -Infinity);
      if (oldCode) b.old.add(oldCode);
      if (!b.area.regionCode && regionCode) b.area.regionCode = regionCode;
      if (!b.area.regionName && regionName) b.area.regionName = regionName;
    }
    if (code) byCode.set(`${prefix}:${code}`, index);
    if (oldCode) byCode.set(`${prefix}:${oldCode}`, index);
    if (folded) byName.set(`${prefix}:${folded}`, index);
    byNameCache.set(name, index);
    return index;
  };

  const periodColumn = table.headers[col.timePeriod] ?? 'time_period';
  const reportedPeriods = new Set<string>();
  for (let i = 0; i < n; i++) {
    const cells = table.rows[i] ?? [];
    const rowNumber = table.rowNumbers[i] ?? i + 2;
    // Area.
    let level: Level | string;
    let code = '';
    let oldCode = '';
    let name = '';
    const regionCode = cell(cells, col.regionCode);
    const regionName = cell(cells, col.regionName);
    if (col.level >= 0) {
      level = levelOf(cells[col.level] ?? '');
      if (level === 'National') {
        code = cell(cells, col.countryCode) || cell(cells, col.newLaCode);
        name = cell(cells, col.countryName) || cell(cells, col.laName);
      } else if (level === 'Regional') {
        code = regionCode || cell(cells, col.newLaCode);
        name = regionName || cell(cells, col.laName);
      } else if (level === 'Local authority') {
        code = cell(cells, col.newLaCode);
        oldCode = cell(cells, col.oldLaCode);
        name = cell(cells, col.laName);
      }
    } else {
      code = cell(cells, col.newLaCode);
      oldCode = cell(cells, col.oldLaCode);
      name = cell(cells, col.laName);
      const folded = fold(name);
      level = NATIONAL_CODE.test(code) || (!code && COUNTRIES.has(folded)) ? 'National'
        : REGION_CODE.test(code) || (!code && REGIONS.has(folded)) ? 'Regional'
          : 'Local authority';
    }
    if (level === 'Local authority') {
      const folded = fold(name);
      if (NATIONAL_CODE.test(code) || COUNTRIES.has(folded)) {
        if (hasNational || col.level < 0) {
          skip(`a total for ${name || 'England'} given among the authorities (the file's National rows are read instead)`, rowNumber);
          continue;
        }
        level = 'National';
      } else if (SUB_REGION_CODE.test(code) || SUB_REGIONS.has(folded)) {
        skip('a total for Inner or Outer London given among the authorities: not an authority, and not a region', rowNumber);
        continue;
      } else if (REGION_CODE.test(code) || (col.level >= 0 && REGIONS.has(folded))) {
        skip(`a total for a region given among the authorities (the file's Regional rows are read instead)`, rowNumber);
        continue;
      } else if (/^(?:total|alllocalauthorities|allauthorities|unknown|notknown|other)$/.test(folded)) {
        skip(`a "${name}" row given among the authorities: not an authority`, rowNumber);
        continue;
      }
    }
    if (level !== 'National' && level !== 'Regional' && level !== 'Local authority') {
      skip(level === '' ? 'no geographic level' : `geographic level "${level}": only National, Regional and Local authority rows are read`, rowNumber);
      continue;
    }
    if (!code && !oldCode && !name) {
      skip(`no ${level === 'Local authority' ? 'authority' : level.toLowerCase()} code or name`, rowNumber);
      continue;
    }
    // Period.
    const tp = cell(cells, col.timePeriod);
    const ti = cell(cells, col.timeIdentifier);
    const p = periodOf(tp, ti);
    if (typeof p === 'string') {
      skip(tp === '' ? 'no time period' : `a period that cannot be read ("${tp}"${ti ? `, ${ti}` : ''})`, rowNumber);
      if (tp !== '' && !reportedPeriods.has(p)) {
        reportedPeriods.add(p);
        issues.push({ level: 'warning', file, row: rowNumber, column: periodColumn, message: `${p} Rows with this period are skipped.` });
      }
      continue;
    }
    // Measure (long files).
    if (format === 'long') {
      const measure = cell(cells, col.measure);
      if (measure === '') {
        skip('no measure named', rowNumber);
        continue;
      }
      let m = measureIndex.get(measure);
      if (m === undefined) {
        m = measures.length;
        measures.push(measure);
        measureUnits.push('');
        measureIndex.set(measure, m);
      }
      if (measureUnits[m] === '' && col.unit >= 0) measureUnits[m] = cell(cells, col.unit);
      rowMeasure[i] = m;
    }
    const a = areaFor(level, code, oldCode, name, regionCode, regionName);
    const b = builders[a];
    if (b) {
      b.area.rows++;
      const sort = periodSort[p] ?? 0;
      if (code && (b.codes.get(code) ?? -Infinity) < sort) b.codes.set(code, sort);
    }
    rowArea[i] = a;
    rowPeriod[i] = p;
    // One filter column (the usual case) keys by its value; several by their values joined.
    const key = filterColumns.length === 1 ? cell(cells, filterColumns[0] ?? -1) : comboKey(filterColumns.map((c) => cell(cells, c)));
    let k = comboIndex.get(key);
    if (k === undefined) {
      k = combos.length;
      combos.push(filterColumns.map((c) => cell(cells, c)));
      comboIndex.set(key, k);
    }
    rowCombo[i] = k;
  }

  const areas = builders.map(({ area, codes, old }) => {
    // The code given with the latest period is current; earlier ones (and old LA numbers) are kept as old codes.
    let current = '';
    let latest = -Infinity;
    for (const [code, sort] of codes) if (current === '' || sort > latest) { current = code; latest = sort; }
    if (current === '') current = [...old][0] ?? '';
    const oldCodes = [...codes.keys(), ...old].filter((c) => c !== current);
    return { ...area, code: current, oldCodes: [...new Set(oldCodes)] };
  });
  return {
    format, areas, periods, rowArea, rowPeriod, rowCombo, rowMeasure, filterColumns, combos, comboIndex,
    indicatorColumns, measures, measureUnits, valueColumn: col.value, skipped: [...skipped.values()], issues,
  };
}
