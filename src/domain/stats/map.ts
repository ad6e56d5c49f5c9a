// A national statistics file → benchmark sets (every area's figure for an indicator and period)
// and the council's, England's and its region's figures as observation series, for the
// indicators the user chose to import and the measures they feed.
import { emptyStaged } from '../records';
import type { ObservationRow, Staged } from '../records';
import type { ColumnRole } from '../import/headers';
import type { ImportIssue } from '../import/issues';
import type { MapContext } from '../import/map-rows';
import type { RawTable } from '../import/read-table';
import { comparePeriodIds } from '../period';
import { ACTUAL_SERIES } from '../types';
import type { AreaIdentity, BenchmarkArea, BenchmarkSet, Measure, Polarity, Unit } from '../types';
import { readStatsCell } from './cells';
import { scanStatistics } from './scan';
import type { ScanArea } from './scan';
import { compareAreas, findAuthority, indicatorRef, unitFromName } from './summary';

/** A measure the import creates for an indicator that feeds no existing one. */
export interface NewMeasure {
  name: string;
  unit: Unit;
  polarity: Polarity;
}

/** What the user chose for a national statistics file. */
export interface StatsChoices {
  /** The council's own authority: its code, an old code or its name. */
  authority: string | null;
  /** Indicator id → the PI code it feeds; null: not imported. */
  indicators: Record<string, string | null>;
  /** Measures to create, by PI code, for indicators mapped to a code the dashboard does not know. */
  newMeasures?: Record<string, NewMeasure>;
}

/** The series England's figures form beside the council's own. */
export const ENGLAND_SERIES = 'England';

interface Target {
  measureCode: string;
  label: string;
  column: number;
  header: string;
  /** Period index → the set's areas, and the row each area was first given in. */
  sets: Map<number, { areas: BenchmarkArea[]; rowOf: Map<number, { row: number; raw: string }> }>;
}

/** Reads the chosen indicators of a statistics file into benchmark sets and observation series. */
export function mapStatistics(table: RawTable, roles: readonly ColumnRole[], choices: StatsChoices | undefined, ctx: MapContext): { staged: Staged; issues: ImportIssue[] } {
  const staged = emptyStaged();
  const issues: ImportIssue[] = [];
  const error = (row: number | null, column: string | null, message: string): void => { issues.push({ level: 'error', file: ctx.file, row, column, message }); };
  const warn = (row: number | null, column: string | null, message: string): void => { issues.push({ level: 'warning', file: ctx.file, row, column, message }); };
  const done = () => ({ staged, issues });

  if (!choices?.authority?.trim()) {
    error(null, null, 'Choose your council\'s authority in this file, so that its figures can be told from England\'s and the region\'s.');
    return done();
  }
  const mapped = Object.entries(choices.indicators).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== '');
  if (mapped.length === 0) {
    error(null, null, 'No indicator is chosen to import: choose the measure each indicator you want feeds.');
    return done();
  }
  const scan = scanStatistics(table, roles, ctx.file);
  issues.push(...scan.issues);
  const authority = findAuthority(scan, choices.authority);
  if (!authority) {
    error(null, null, `"${choices.authority}" is not an authority in this file: choose one by its name, its code (such as E08000007) or its old LA number (such as 356).`);
    return done();
  }
  const authorityIndex = scan.areas.indexOf(authority);
  const regionIndex = scan.areas.findIndex((a) => a.level === 'Regional' && ((authority.regionCode !== null && (a.code === authority.regionCode || a.oldCodes.includes(authority.regionCode))) || (authority.regionName !== null && a.name === authority.regionName)));
  if (regionIndex < 0 && (authority.regionName ?? authority.regionCode)) warn(null, null, `The file gives no regional figures for ${authority.regionName ?? authority.regionCode ?? ''}, ${authority.name}'s region; only England's are read as a comparator.`);

  // Each chosen indicator → the column it reads, by combination of filter values (and, for long files, by measure).
  const byKey = new Map<number, Target[]>();
  const usedCodes = new Map<string, string>();
  const K = scan.combos.length;
  let bad = false;
  for (const [id, rawCode] of mapped) {
    const code = rawCode.trim();
    const ref = indicatorRef(scan, table, id);
    if (!ref) {
      error(null, null, `The indicator ${id} is not in this file (were its columns read differently?); choose the indicators again.`);
      bad = true;
      continue;
    }
    const column = scan.format === 'long' ? scan.valueColumn : (scan.indicatorColumns[ref.j] ?? -1);
    const name = scan.format === 'long' ? (scan.measures[ref.j] ?? '') : (table.headers[column] ?? '');
    const filters = scan.filterColumns.map((c, i) => [table.headers[c] ?? '', scan.combos[ref.k]?.[i] ?? ''] as const).filter(([, v]) => v !== '');
    const label = [name, ...filters.map(([h, v]) => `${h}: ${v}`)].join(' · ');
    const prev = usedCodes.get(code);
    if (prev !== undefined) {
      error(null, null, `Two indicators feed measure ${code} ("${prev}" and "${label}"); a measure takes one indicator.`);
      bad = true;
      continue;
    }
    usedCodes.set(code, label);
    if (!ctx.knownMeasures.has(code)) {
      const created = choices.newMeasures?.[code];
      if (!created) {
        error(null, null, `${code} is not a measure this dashboard knows: choose an existing measure for "${label}", or create it as a new measure.`);
        bad = true;
        continue;
      }
      if (created.name.trim() === '') {
        error(null, null, `The new measure ${code} needs a name.`);
        bad = true;
        continue;
      }
      const measure: Measure = {
        code, portfolioId: ctx.portfolioId, name: created.name.trim(), priority: null, measureType: null, frequency: null, polarity: created.polarity,
        unit: created.unit, targetType: 'Comparator', gms: false, corporate: false, isNew: false, batchId: ctx.batchId,
      };
      staged.measures.push(measure);
    } else {
      const unit = ctx.knownMeasures.get(code)?.unit;
      const guess = unitFromName(name);
      if (unit && guess !== 'number' && unit !== guess) warn(null, null, `"${label}" looks to be in ${guess} but measure ${code} is in ${unit}; the figures are imported as the file gives them.`);
    }
    const key = scan.format === 'long' ? ref.j * K + ref.k : ref.k;
    const list = byKey.get(key) ?? [];
    list.push({ measureCode: code, label, column, header: table.headers[column] ?? '', sets: new Map() });
    byKey.set(key, list);
  }
  if (bad) return done();

  const bases = scan.areas.map(({ rows: _rows, ...identity }: ScanArea): AreaIdentity => identity);
  const seriesOf = (a: number): string | null => {
    if (a === authorityIndex) return ACTUAL_SERIES;
    if (a === regionIndex) return scan.areas[a]?.name ?? null;
    const area = scan.areas[a];
    return area?.level === 'National' ? (/^england$/i.test(area.name) || area.code === 'E92000001' ? ENGLAND_SERIES : area.name) : null;
  };
  const observations: ObservationRow[] = [];
  const authorityRows = new Map<Target, number>();
  for (let i = 0; i < table.rows.length; i++) {
    const a = scan.rowArea[i] ?? -1;
    const p = scan.rowPeriod[i] ?? -1;
    if (a < 0 || p < 0) continue;
    const k = scan.rowCombo[i] ?? 0;
    const targets = byKey.get(scan.format === 'long' ? (scan.rowMeasure[i] ?? 0) * K + k : k);
    if (!targets) continue;
    const cells = table.rows[i] ?? [];
    const rowNumber = table.rowNumbers[i] ?? i + 2;
    for (const t of targets) {
      const raw = (cells[t.column] ?? '').trim();
      const cell = readStatsCell(raw);
      if (cell.kind === 'empty') continue;
      if (cell.kind === 'text') {
        error(rowNumber, t.header, `${cell.message}.`);
        continue;
      }
      let set = t.sets.get(p);
      if (!set) t.sets.set(p, (set = { areas: [], rowOf: new Map() }));
      const prev = set.rowOf.get(a);
      const area = scan.areas[a];
      if (prev) {
        if (prev.raw !== raw) error(rowNumber, t.header, `${area?.name ?? 'This area'}'s ${scan.periods[p] ?? ''} figure for "${t.label}" is also given in row ${prev.row} as "${prev.raw}"; keep one of the two rows.`);
        continue;
      }
      set.rowOf.set(a, { row: rowNumber, raw });
      const value = cell.kind === 'number' ? cell.value : null;
      const symbol = cell.kind === 'symbol' ? cell.symbol : null;
      set.areas.push({ ...(bases[a] as Omit<BenchmarkArea, 'value' | 'symbol' | 'raw'>), value, symbol, raw });
      const series = seriesOf(a);
      if (series === null) continue;
      if (a === authorityIndex) authorityRows.set(t, (authorityRows.get(t) ?? 0) + 1);
      observations.push({
        measureCode: t.measureCode, series, period: scan.periods[p] ?? '', breakdown: '', value, count: null,
        missingReason: cell.kind === 'symbol' ? cell.reason : null, note: null, status: null, raw, batchId: ctx.batchId,
      });
    }
  }
  for (const targets of byKey.values()) {
    for (const t of targets) {
      if (!authorityRows.has(t)) warn(null, null, `The file has no figure of ${authority.name} for "${t.label}"; England's and the other areas' figures are still imported.`);
      const sets = [...t.sets.entries()].sort(([a], [b]) => comparePeriodIds(scan.periods[a] ?? '', scan.periods[b] ?? ''));
      for (const [p, set] of sets) {
        const benchmark: BenchmarkSet = {
          measureCode: t.measureCode, indicator: t.label, period: scan.periods[p] ?? '', source: ctx.file,
          areas: set.areas.sort(compareAreas), batchId: ctx.batchId,
        };
        staged.benchmarks.push(benchmark);
      }
    }
  }
  staged.observations.push(...observations);
  return done();
}
