// Rows of a recognised file → records for the store, with every problem named by file, row
// and column. The raw text of each cell is kept beside what was read from it.
import { parseCodeCell, parseMeasureCell, parseMoneyCell } from '../cell';
import type { MeasureCell } from '../cell';
import { agreementPeriod, financialYearOf, parsePeriod } from '../period';
import type { Period } from '../period';
import { ACTUAL_SERIES } from '../types';
import type {
  BridgeStep, Frequency, LineType, Measure, MeasureType, NarrativeType, Polarity, ProgressStatus, RequestStatus, RiskRating, TargetType, Unit,
} from '../types';
import { emptyStaged, keyString, slug, stagedKey } from '../records';
import type { ObservationRow, Staged, TableName } from '../records';
import { mapNeighbours } from '../stats/neighbours';
import { mapStatistics } from '../stats/map';
import type { StatsChoices } from '../stats/map';
import { KIND_FIELDS, headerMoneyUnit, missingFields } from './headers';
import type { ColumnRole, FileKind } from './headers';
import type { ImportIssue } from './issues';
import type { RawTable } from './read-table';

/**
 * Fields a staged record leaves as they are stored, because its file has no column for them: a
 * measures file without a Priority column must not wipe the priorities already known.
 */
export const FIELDS_NOT_GIVEN = new WeakMap<object, readonly string[]>();

export interface MapContext {
  file: string;
  portfolioId: string;
  batchId: number;
  /** Measures the store or other files of this import already define, by code. */
  knownMeasures: ReadonlyMap<string, Pick<Measure, 'unit'>>;
  /** National statistics files: the council's authority and the indicators to import. */
  statistics?: StatsChoices;
  /** Neighbour lists without codes: authority names (folded by foldName) → codes, from statistics files already read. */
  knownAreas?: ReadonlyMap<string, string>;
  /** Told the rows read so far, every ROWS_REPORTED rows of a long file. */
  onRows?: (rowsDone: number) => void;
}

/** How often a long file's reading reports the rows done. */
export const ROWS_REPORTED = 10_000;

export interface MapResult {
  staged: Staged;
  issues: ImportIssue[];
}

interface RowReader {
  rowNumber: number;
  get(key: string): string | null;
  header(key: string): string;
}

/** A staged record as JSON, its batch left out (the same row read twice is the same data). */
function withoutBatch(record: object): string {
  const { batchId: _ignored, ...rest } = record as { batchId?: number };
  return JSON.stringify(rest);
}

interface Seen {
  row: number;
  record: object;
}

class Collector {
  readonly staged = emptyStaged();
  readonly issues: ImportIssue[] = [];
  // The first record under each key: compared as JSON only when a key repeats, so a file of a
  // million rows does not hold a million JSON strings.
  private readonly seen = new Map<string, Seen>();
  // measure → series → period → the point's index in staged.observations, or (for a period with
  // several breakdowns) breakdown → index: numbers, so a million points add no object each.
  private readonly points = new Map<string, Map<string, Map<string, number | Map<string, number>>>>();
  /** The file row of each staged observation, by its index. */
  private readonly pointRows: number[] = [];

  constructor(private readonly file: string) {}

  error(row: number | null, column: string | null, message: string): void {
    this.issues.push({ level: 'error', file: this.file, row, column, message });
  }

  warn(row: number | null, column: string | null, message: string): void {
    this.issues.push({ level: 'warning', file: this.file, row, column, message });
  }

  /** Takes in what a mapper of its own (statistics, neighbours) staged and found. */
  merge(result: { staged: Staged; issues: readonly ImportIssue[] }): void {
    for (const table of Object.keys(result.staged) as TableName[]) {
      const into = this.staged[table] as unknown[];
      for (const record of result.staged[table] as unknown[]) into.push(record);
    }
    this.issues.push(...result.issues);
  }

  /**
   * Adds a record unless the file already gave the same key: the same data twice is a warning,
   * different data an error. `what` names the record in that message; a function is called (with the
   * record) only then, so a long file's mapper passes one function for all its rows rather than make one a point.
   */
  add<T extends TableName>(table: T, record: Staged[T][number], row: number, what: string | ((record: Staged[T][number]) => string)): void {
    const prev = table === 'observations' ? this.seenPoint(record as ObservationRow, row) : this.seenRecord(`${table}:${keyString(stagedKey(table, record))}`, record, row);
    if (prev) {
      const name = typeof what === 'string' ? what : what(record);
      if (withoutBatch(prev.record) === withoutBatch(record)) this.warn(row, null, `${name} repeats row ${prev.row} exactly; it was read once.`);
      else this.error(row, null, `${name} is also given in row ${prev.row} with different figures; keep one of the two rows.`);
      return;
    }
    (this.staged[table] as Staged[T][number][]).push(record);
  }

  /** The record first seen under this key, or undefined (and this one is remembered). */
  private seenRecord(key: string, record: object, row: number): Seen | undefined {
    const prev = this.seen.get(key);
    if (!prev) this.seen.set(key, { row, record });
    return prev;
  }

  /**
   * The same for an observation, keyed measure → series → period → breakdown: a million rows
   * look up strings they already hold rather than build and hash a joined key each.
   */
  private seenPoint(o: ObservationRow, row: number): Seen | undefined {
    let bySeries = this.points.get(o.measureCode);
    if (!bySeries) this.points.set(o.measureCode, (bySeries = new Map()));
    let byPeriod = bySeries.get(o.series);
    if (!byPeriod) bySeries.set(o.series, (byPeriod = new Map()));
    // The index this point will have once added (add() pushes it next).
    const index = this.staged.observations.length;
    const at = byPeriod.get(o.period);
    let prev: number | undefined;
    if (at === undefined) byPeriod.set(o.period, index);
    else if (typeof at === 'number') {
      const first = this.staged.observations[at];
      if (first?.breakdown === o.breakdown) prev = at;
      else byPeriod.set(o.period, new Map([[first?.breakdown ?? '', at], [o.breakdown, index]]));
    } else {
      prev = at.get(o.breakdown);
      if (prev === undefined) at.set(o.breakdown, index);
    }
    if (prev !== undefined) return { row: this.pointRows[prev] ?? 0, record: this.staged.observations[prev] as object };
    this.pointRows[index] = row;
    return undefined;
  }
}

/**
 * A reader of one row at a time: moved from row to row (a million rows make no reader each); the
 * column lookups are built once for the table.
 */
class RowCursor implements RowReader {
  rowNumber = 0;
  private cells: readonly string[] = [];
  private readonly col = new Map<string, number>();

  constructor(private readonly table: RawTable, roles: readonly ColumnRole[]) {
    roles.forEach((r, i) => {
      if (r.type === 'field' && !this.col.has(r.key)) this.col.set(r.key, i);
    });
  }

  /** Moves to the table's row at index i. */
  at(i: number): this {
    this.cells = this.table.rows[i] ?? [];
    this.rowNumber = this.table.rowNumbers[i] ?? i + 2;
    return this;
  }

  get(key: string): string | null {
    const c = this.col.get(key);
    return c === undefined ? null : (this.cells[c] ?? '').trim();
  }

  header(key: string): string {
    return this.table.headers[this.col.get(key) ?? -1] ?? key;
  }
}

/** Each row's reader in turn (the same cursor, moved: use it before taking the next). */
function* readers(table: RawTable, roles: readonly ColumnRole[]): Generator<RowReader> {
  const cursor = new RowCursor(table, roles);
  for (let i = 0; i < table.rows.length; i++) yield cursor.at(i);
}

/** Calls `fn` with each row's reader and index, in order, telling `onRows` every ROWS_REPORTED rows. */
function eachRow(table: RawTable, roles: readonly ColumnRole[], fn: (r: RowReader, i: number) => void, onRows?: (rowsDone: number) => void): void {
  const cursor = new RowCursor(table, roles);
  for (let i = 0; i < table.rows.length; i++) {
    if (onRows && i > 0 && i % ROWS_REPORTED === 0) onRows(i);
    fn(cursor.at(i), i);
  }
}

const yes = (v: string | null): boolean => v !== null && /^(y|yes|true|1|x|✓|gms|new)$/i.test(v.trim());

function pick<T extends string>(value: string, options: Record<string, T>): T | undefined {
  return options[value.toLowerCase().replace(/[^a-z]/g, '')];
}

const FREQUENCIES: Record<string, Frequency> = {
  annually: 'Annually', annual: 'Annually', yearly: 'Annually', year: 'Annually',
  quarterly: 'Quarterly', quarter: 'Quarterly', termly: 'Termly', term: 'Termly', monthly: 'Monthly', month: 'Monthly',
};
const POLARITIES: Record<string, Polarity> = {
  high: 'High', higher: 'High', higherisbetter: 'High', up: 'High',
  low: 'Low', lower: 'Low', lowerisbetter: 'Low', down: 'Low',
  contextual: 'Contextual', context: 'Contextual', none: 'Contextual', na: 'Contextual',
};
const MEASURE_TYPES: Record<string, MeasureType> = {
  council: 'Council', partnership: 'Partnership', contextual: 'Contextual',
  councilmeasures: 'Council', partnershipmeasures: 'Partnership', contextualmeasures: 'Contextual',
};
const TARGET_TYPES: Record<string, TargetType> = {
  numerical: 'Numerical', numeric: 'Numerical', fixed: 'Numerical', comparator: 'Comparator',
  directionoftravel: 'Direction of travel', direction: 'Direction of travel', notarget: 'No target', na: 'No target', none: 'No target',
};
const UNITS: Record<string, Unit> = {
  '%': '%', percent: '%', percentage: '%', per1000: 'per 1,000', per10000: 'per 10,000', per100000: 'per 100,000',
  days: 'days', day: 'days', score: 'score', points: 'score', number: 'number', count: 'number',
};

/** The unit a measure's name implies ("rate per 10,000" → per 10,000), falling back on the cells' own unit. */
export function inferUnit(name: string, cells: readonly MeasureCell[]): Unit {
  const n = name.toLowerCase().replace(/,/g, '');
  if (/per 100000/.test(n)) return 'per 100,000';
  if (/per 10000/.test(n)) return 'per 10,000';
  if (/per 1000\b|per thousand/.test(n)) return 'per 1,000';
  if (/\bdays\b/.test(n)) return 'days';
  if (/\bscore\b/.test(n)) return 'score';
  if (/percentage|\brate\b|%/.test(n)) return '%';
  for (const c of cells) {
    if (c.kind === 'number' && c.unit) return c.unit;
    if (c.kind === 'breakdown' && c.parts[0]?.unit) return c.parts[0].unit;
  }
  return 'number';
}

function readPriority(text: string | null): number | null {
  if (!text) return null;
  const m = /(\d+)/.exec(text);
  return m?.[1] ? Number(m[1]) : null;
}

function readPeriodCell(c: Collector, r: RowReader, key: string, required: boolean, parse: (text: string) => Period | null = parsePeriod): Period | null {
  const text = r.get(key);
  if (text === null || text === '') {
    if (required) c.error(r.rowNumber, text === null ? null : r.header(key), text === null ? 'The file has no Period column: add one saying which report the figures belong to (e.g. "Agreement 2021/22" or "Q2 2021/22").' : 'The period is empty.');
    return null;
  }
  const p = parse(text);
  if (!p) c.error(r.rowNumber, r.header(key), `"${text}" is not a period this dashboard understands (use forms such as 2021/22, Q2 2021/22, Agreement 2021/22, Spring term 2021, Dec 2020).`);
  return p;
}

function readMoney(c: Collector, r: RowReader, kind: FileKind, key: string): number | null {
  const raw = r.get(key);
  if (raw === null || raw === '') return null;
  const field = KIND_FIELDS[kind].find((fd) => fd.key === key);
  const store = field?.money ?? '£000';
  const stated = headerMoneyUnit(r.header(key)) ?? store;
  const cell = parseMoneyCell(raw, stated);
  if (cell.kind === 'text') {
    c.error(r.rowNumber, r.header(key), `${cell.message}.`);
    return null;
  }
  if (cell.kind === 'empty') return null;
  const factor = stated === store ? 1 : stated === '£m' ? 1000 : 1 / 1000;
  return Math.round(cell.value * factor * 1e6) / 1e6;
}

function flaggedMoney(r: RowReader, key: string): boolean {
  const raw = r.get(key);
  return raw !== null && /^\s*\*|\*\s*$/.test(raw);
}

function lineTypeOf(...texts: (string | null)[]): LineType {
  const t = texts.filter(Boolean).join(' ');
  if (/sub-?\s?total/i.test(t)) return 'subtotal';
  if (/\btotal\b/i.test(t)) return 'total';
  return 'line';
}

function rawCells(r: RowReader, kind: FileKind): Record<string, string> {
  const out: Record<string, string> = {};
  for (const fd of KIND_FIELDS[kind]) {
    const v = r.get(fd.key);
    if (v !== null && v !== '') out[fd.key] = v;
  }
  return out;
}

interface PointSpec {
  c: Collector;
  row: number;
  column: string;
  measureCode: string;
  series: string;
  period: string;
  breakdown: string;
  batchId: number;
  unit: Unit | null;
  status?: string | null;
  countOverride?: number | null;
}

function checkUnit(s: PointSpec, unit: Unit | null, value: number): void {
  if (unit === '%' && value > 100) s.c.warn(s.row, s.column, `${value}% is over 100%; it was imported as printed.`);
  if (unit && s.unit && unit !== s.unit) s.c.warn(s.row, s.column, `The cell is in ${unit} but the measure is in ${s.unit}; the number ${value} is kept as printed.`);
}

/** One observation, its fields always in the same order (one object shape for the engine to optimise). */
function point(s: PointSpec, raw: string, breakdown: string, value: number | null, count: number | null, missingReason: string | null, note: string | null): ObservationRow {
  return {
    measureCode: s.measureCode, series: s.series, period: s.period, breakdown, value, count, missingReason, note,
    status: s.status ?? null, raw, batchId: s.batchId,
  };
}

/** Observations from one cell, each given to `emit`: one point, or one a breakdown part. */
function pointsFromCell(cell: MeasureCell, s: PointSpec, emit: (o: ObservationRow) => void): void {
  switch (cell.kind) {
    case 'empty':
      return;
    case 'number': {
      checkUnit(s, cell.unit, cell.value);
      const count = s.countOverride ?? cell.count;
      // A count from its own column was checked there, under that column's name.
      if ((s.countOverride ?? null) === null && count !== null && count < 0) s.c.warn(s.row, s.column, `The count ${count} is negative.`);
      emit(point(s, cell.raw, s.breakdown, cell.value, count, null, cell.note));
      return;
    }
    case 'breakdown':
      for (const p of cell.parts) {
        checkUnit(s, p.unit, p.value);
        emit(point(s, cell.raw, p.label, p.value, p.count, null, cell.note));
      }
      return;
    case 'missing':
      emit(point(s, cell.raw, s.breakdown, null, null, cell.reason, null));
      return;
    case 'direction':
      s.c.error(s.row, s.column, `"${cell.raw}" is a direction of travel, not a figure; directions belong in a target column.`);
      return;
    case 'text':
      s.c.error(s.row, s.column, `${cell.message}.`);
  }
}

/**
 * A cell reader that remembers what it read: codes and periods repeat on every row of a long file.
 * `short` remembers only cells of up to 12 characters, at most 65,536 of them (as the CSV reader
 * shares those strings), for a file's figures: they mostly do not repeat, but the short ones do (a
 * comparator's `18.0%`, `1,204`, a blank-cell phrase), and a million distinct figures are not all
 * held. What is remembered is read only, shared by every row that has it.
 */
function remembering<T>(read: (text: string) => T, short = false): (text: string) => T {
  const seen = new Map<string, T>();
  return (text) => {
    if (short && text.length > 12) return read(text);
    if (seen.has(text)) return seen.get(text) as T;
    const value = read(text);
    if (!short || seen.size < 65_536) seen.set(text, value);
    return value;
  };
}

function mapMeasures(table: RawTable, roles: readonly ColumnRole[], ctx: MapContext, c: Collector): void {
  const given = new Set(roles.flatMap((r) => (r.type === 'field' ? [r.key] : [])));
  const hasTargets = roles.some((r) => r.type === 'period' && r.role === 'target');
  const notGiven = ['priority', 'measureType', 'frequency', 'polarity', 'unit', 'gms', 'corporate', 'isNew']
    .filter((k) => !given.has(k))
    .concat(given.has('targetType') || hasTargets ? [] : ['targetType']);
  const periodCols = roles.flatMap((r, i) => (r.type === 'period' ? [{ ...r, index: i }] : []));
  const targetYears = periodCols.filter((p) => p.role === 'target').map((p) => parsePeriod(p.period)).filter((p): p is Period => p !== null);
  const latestTarget = targetYears.sort((a, b) => b.sortKey - a.sortKey)[0];
  // Commentary in a wide file belongs to the agreement that set its targets, unless a Report column says otherwise.
  const defaultReport = latestTarget ? agreementPeriod(latestTarget.fyStart).id : null;
  eachRow(table, roles, (r, i) => {
    const cells = table.rows[i] ?? [];
    const codeText = r.get('code') ?? '';
    if (codeText === '') {
      c.error(r.rowNumber, r.header('code'), 'The PI code is empty.');
      return;
    }
    const code = parseCodeCell(codeText);
    const name = r.get('name') ?? '';
    if (name === '') c.error(r.rowNumber, r.header('name'), `Measure ${code.code} has no name.`);
    const freqText = r.get('frequency') ?? '';
    const frequency = freqText === '' ? null : pick(freqText, FREQUENCIES);
    if (frequency === undefined) c.error(r.rowNumber, r.header('frequency'), `"${freqText}" is not a reporting frequency (Annually, Quarterly, Termly or Monthly).`);
    const polText = r.get('polarity');
    let polarity: Polarity | undefined = 'Contextual';
    if (polText === null) {
      if (i === 0) c.warn(null, null, 'There is no "Good Performance" column, so every measure is read as Contextual (never RAG-rated).');
    } else {
      polarity = pick(polText, POLARITIES);
      if (polarity === undefined) c.error(r.rowNumber, r.header('polarity'), `"${polText}" is not a polarity: use High (higher is better), Low (lower is better) or Contextual.`);
    }
    const typeText = r.get('measureType') ?? '';
    const measureType = typeText === '' ? null : pick(typeText, MEASURE_TYPES);
    if (measureType === undefined) c.error(r.rowNumber, r.header('measureType'), `"${typeText}" is not a measure type (Council, Partnership or Contextual).`);

    const parsedCells = periodCols.map((p) => ({ ...p, cell: parseMeasureCell(cells[p.index] ?? '') }));
    const unitText = r.get('unit');
    let unit: Unit | undefined;
    if (unitText !== null && unitText !== '') {
      unit = UNITS[unitText.toLowerCase().replace(/[\s,]/g, '')];
      if (unit === undefined) c.error(r.rowNumber, r.header('unit'), `"${unitText}" is not a unit (%, per 1,000, per 10,000, per 100,000, days, score or number).`);
    } else unit = inferUnit(name, parsedCells.map((p) => p.cell));

    let targetType: TargetType | undefined;
    const ttText = r.get('targetType');
    if (ttText) {
      targetType = pick(ttText, TARGET_TYPES);
      if (targetType === undefined) c.error(r.rowNumber, r.header('targetType'), `"${ttText}" is not a target type (Numerical, Comparator, Direction of travel or No target).`);
    }
    for (const p of parsedCells) {
      const column = table.headers[p.index] ?? '';
      if (p.role === 'actual') {
        const spec: PointSpec = { c, row: r.rowNumber, column, measureCode: code.code, series: ACTUAL_SERIES, period: p.period, breakdown: '', batchId: ctx.batchId, unit: unit ?? null };
        pointsFromCell(p.cell, spec, (o) => c.add('observations', o, spec.row, (x) => `The ${spec.period} actual of ${spec.measureCode}${x.breakdown ? ` (${x.breakdown})` : ''}`));
        continue;
      }
      const period = parsePeriod(p.period);
      const year = period ? financialYearOf(period) : p.period;
      const cell = p.cell;
      const target = { measureCode: code.code, year, raw: cell.raw, batchId: ctx.batchId, value: null, direction: null };
      if (cell.kind === 'number') {
        c.add('targets', { ...target, breakdown: '', value: cell.value }, r.rowNumber, `The ${year} target of ${code.code}`);
        targetType ??= 'Numerical';
      } else if (cell.kind === 'breakdown') {
        for (const part of cell.parts) c.add('targets', { ...target, breakdown: part.label, value: part.value }, r.rowNumber, `The ${year} ${part.label} target of ${code.code}`);
        targetType ??= 'Numerical';
      } else if (cell.kind === 'direction') {
        c.add('targets', { ...target, breakdown: '', direction: cell.direction }, r.rowNumber, `The ${year} target of ${code.code}`);
        targetType ??= 'Direction of travel';
      } else if (cell.kind === 'text') {
        c.error(r.rowNumber, column, `${cell.message}. A target is a number, "Aim to maximise", "To minimise", "Maintain performance" or N/A.`);
      }
    }
    if (frequency === undefined || polarity === undefined || measureType === undefined || unit === undefined || name === '') return;
    const measure: Measure = {
      code: code.code,
      portfolioId: ctx.portfolioId,
      name,
      priority: readPriority(r.get('priority')),
      measureType,
      frequency,
      polarity,
      unit,
      targetType: targetType ?? 'No target',
      gms: code.gms || yes(r.get('gms')),
      corporate: yes(r.get('corporate')),
      isNew: code.isNew || yes(r.get('isNew')),
      batchId: ctx.batchId,
    };
    // Flags also come from the code cell ("CFSE.8 GMS"): those read there are given.
    FIELDS_NOT_GIVEN.set(measure, notGiven.filter((k) => !(k === 'gms' && code.gms) && !(k === 'isNew' && code.isNew)));
    c.add('measures', measure, r.rowNumber, `Measure ${code.code}`);
    const text = r.get('commentary') ?? '';
    if (text !== '') {
      const reportText = r.get('report');
      const report = reportText ? parsePeriod(reportText)?.id ?? reportText : defaultReport;
      if (report === null) c.warn(r.rowNumber, r.header('commentary'), 'The commentary was skipped: no target year or Report column says which report it belongs to.');
      else c.add('commentary', { measureCode: code.code, report, text, batchId: ctx.batchId }, r.rowNumber, `The commentary of ${code.code}`);
    }
  }, ctx.onRows);
}

function mapObservations(table: RawTable, roles: readonly ColumnRole[], ctx: MapContext, c: Collector): void {
  const comparatorCols = roles.flatMap((r, i) => (r.type === 'comparator' ? [{ name: r.name, index: i }] : []));
  if (comparatorCols.length === 0 && !roles.some((r) => r.type === 'field' && r.key === 'value')) {
    c.error(null, null, 'An observations file needs a Value column, or comparator columns such as "England" or "Statistical neighbours".');
    return;
  }
  const codeOf = remembering((text: string) => parseCodeCell(text).code);
  const periodOf = remembering(parsePeriod);
  const cellOf = remembering(parseMeasureCell, true);
  const valueColumn = table.headers[roles.findIndex((r) => r.type === 'field' && r.key === 'value')] ?? 'value';
  // One spec, moved from row to row and cell to cell, and one way each to name a repeated point: a
  // long file makes no object a row or a point beyond the points themselves.
  const spec: PointSpec = {
    c, row: 0, column: valueColumn, measureCode: '', series: ACTUAL_SERIES, period: '', breakdown: '', batchId: ctx.batchId, unit: null, status: null, countOverride: null,
  };
  let periodLabel = '';
  const valueName = (o: ObservationRow) => `The ${periodLabel} value of ${o.measureCode}${o.breakdown ? ` (${o.breakdown})` : ''}`;
  const comparatorName = (o: ObservationRow) => `The ${o.series} figure for ${o.measureCode} in ${periodLabel}`;
  const addValue = (o: ObservationRow) => c.add('observations', o, spec.row, valueName);
  const addComparator = (o: ObservationRow) => c.add('observations', o, spec.row, comparatorName);
  eachRow(table, roles, (r, i) => {
    const cells = table.rows[i] ?? [];
    const codeText = r.get('code') ?? '';
    if (codeText === '') {
      c.error(r.rowNumber, r.header('code'), 'The PI code is empty.');
      return;
    }
    const code = codeOf(codeText);
    const measure = ctx.knownMeasures.get(code);
    if (!measure) {
      c.error(r.rowNumber, r.header('code'), `${code} is not a measure this dashboard knows: import the measures file that defines it first (or in the same drop).`);
      return;
    }
    const period = readPeriodCell(c, r, 'period', true, periodOf);
    if (!period) return;
    const countText = r.get('count') ?? '';
    let countOverride: number | null = null;
    if (countText !== '') {
      const count = parseMeasureCell(countText);
      if (count.kind === 'number') countOverride = count.value;
      else if (count.kind !== 'missing') c.error(r.rowNumber, r.header('count'), `"${countText}" is not a count.`);
      if (countOverride !== null && countOverride < 0) c.warn(r.rowNumber, r.header('count'), `The count ${countOverride} is negative.`);
    }
    spec.row = r.rowNumber;
    spec.column = valueColumn;
    spec.measureCode = code;
    spec.series = ACTUAL_SERIES;
    spec.period = period.id;
    spec.breakdown = r.get('breakdown') ?? '';
    spec.unit = measure.unit;
    spec.status = r.get('status') || null;
    spec.countOverride = countOverride;
    periodLabel = period.label;
    pointsFromCell(cellOf(r.get('value') ?? ''), spec, addValue);
    // Comparator cells have no status or count of their own.
    spec.status = null;
    spec.countOverride = null;
    for (const comp of comparatorCols) {
      spec.column = table.headers[comp.index] ?? comp.name;
      spec.series = comp.name;
      pointsFromCell(cellOf(cells[comp.index] ?? ''), spec, addComparator);
    }
    const text = r.get('commentary') ?? '';
    if (text !== '') {
      const reportText = r.get('report');
      const report = reportText ? parsePeriod(reportText)?.id ?? reportText : period.id;
      c.add('commentary', { measureCode: code, report, text, batchId: ctx.batchId }, r.rowNumber, `The ${report} commentary of ${code}`);
    }
  }, ctx.onRows);
}

function mapPriorities(table: RawTable, roles: readonly ColumnRole[], ctx: MapContext, c: Collector): void {
  for (const r of readers(table, roles)) {
    const number = readPriority(r.get('priority'));
    if (number === null) {
      c.error(r.rowNumber, r.header('priority'), `"${r.get('priority') ?? ''}" is not a priority number.`);
      continue;
    }
    const portfolioName = r.get('portfolio') ?? '';
    if (portfolioName !== '' && slug(portfolioName) === ctx.portfolioId) {
      c.add('portfolios', {
        id: ctx.portfolioId, name: portfolioName, council: r.get('council') ?? '', cabinetMember: r.get('cabinetMember') ?? '', batchId: ctx.batchId,
      }, r.rowNumber, `Portfolio ${portfolioName}`);
    }
    c.add('priorities', {
      portfolioId: ctx.portfolioId, number, shortTitle: r.get('shortTitle') ?? '', title: r.get('title') ?? '', deliveredBy: r.get('deliveredBy') ?? '', batchId: ctx.batchId,
    }, r.rowNumber, `Priority ${number}`);
  }
}

function mapBudget(table: RawTable, roles: readonly ColumnRole[], ctx: MapContext, c: Collector): void {
  const money = ['employee', 'nonEmployee', 'gross', 'income', 'net', 'forecast'] as const;
  if (!roles.some((r) => r.type === 'field' && (money as readonly string[]).includes(r.key))) {
    c.error(null, null, 'A budget file needs at least one money column: Net cash limit budget, Gross expenditure, Gross income or Forecast out-turn.');
    return;
  }
  for (const r of readers(table, roles)) {
    const period = readPeriodCell(c, r, 'period', true);
    const service = r.get('service') ?? '';
    if (service === '') c.error(r.rowNumber, r.header('service'), 'The service name is empty.');
    const values = Object.fromEntries(money.map((k) => [k, readMoney(c, r, 'budget', k)])) as Record<(typeof money)[number], number | null>;
    if (!period || service === '') continue;
    c.add('budgetLines', {
      portfolioId: ctx.portfolioId, period: period.id, division: r.get('division') ?? '', service,
      lineType: lineTypeOf(service), ...values, raw: rawCells(r, 'budget'), position: r.rowNumber, batchId: ctx.batchId,
    }, r.rowNumber, `The ${period.label} budget line "${service}"`);
  }
}

const BRIDGE_STEPS: [RegExp, BridgeStep][] = [
  [/opening|brought forward|previous|last year/i, 'opening'],
  [/sub-?\s?total|^total/i, 'subtotal'],
  [/closing|final|budget$/i, 'closing'],
  [/contingency|demand|growth|pressure/i, 'contingency'],
  [/inflation|pay award|prices/i, 'inflation'],
  [/saving/i, 'savings'],
  [/one-?\s?off|non-?recurrent|removal/i, 'one-off'],
];

function mapBridge(table: RawTable, roles: readonly ColumnRole[], ctx: MapContext, c: Collector): void {
  eachRow(table, roles, (r, i) => {
    const line = r.get('line') ?? '';
    if (line === '') {
      c.error(r.rowNumber, r.header('line'), 'The line is empty.');
      return;
    }
    const amount = readMoney(c, r, 'bridge', 'amount');
    if (amount === null) {
      if (r.get('amount') === '') c.error(r.rowNumber, r.header('amount'), `"${line}" has no amount.`);
      return;
    }
    const stepText = r.get('step') || line;
    const step = BRIDGE_STEPS.find(([re]) => re.test(stepText))?.[1] ?? 'other';
    const yearText = r.get('year');
    const year = yearText ? parsePeriod(yearText) : null;
    if (yearText && !year) c.error(r.rowNumber, r.header('year'), `"${yearText}" is not a financial year.`);
    const orderText = r.get('order');
    const order = orderText && /^\d+$/.test(orderText) ? Number(orderText) : i + 1;
    c.add('bridgeLines', {
      portfolioId: ctx.portfolioId, year: year ? financialYearOf(year) : '', division: r.get('division') ?? '', order, line, step, amount, raw: r.get('amount') ?? '', batchId: ctx.batchId,
    }, r.rowNumber, `The bridge line "${line}"${r.get('division') ? ` for ${r.get('division') ?? ''}` : ''}`);
  });
}

function mapReserves(table: RawTable, roles: readonly ColumnRole[], ctx: MapContext, c: Collector): void {
  for (const r of readers(table, roles)) {
    const period = readPeriodCell(c, r, 'period', true);
    const category = r.get('category') ?? '';
    const narration = r.get('narration') ?? '';
    const purpose = r.get('purpose') ?? '';
    if (category === '' && narration === '' && purpose === '') {
      c.error(r.rowNumber, r.header('narration'), 'The reserve has no category, narration or purpose.');
      continue;
    }
    const balance = readMoney(c, r, 'reserves', 'balance');
    const plannedUse = readMoney(c, r, 'reserves', 'plannedUse');
    const drawnDown = readMoney(c, r, 'reserves', 'drawnDown');
    if (!period) continue;
    c.add('reserves', {
      portfolioId: ctx.portfolioId, period: period.id, division: r.get('division') ?? '', category, narration, purpose,
      lineType: lineTypeOf(category, narration, purpose), balance, plannedUse, drawnDown,
      notDrawnDown: flaggedMoney(r, 'balance') || yes(r.get('notDrawnDown')),
      raw: rawCells(r, 'reserves'), position: r.rowNumber, batchId: ctx.batchId,
    }, r.rowNumber, `The reserve "${purpose || narration || category}"`);
  }
}

function mapSavings(table: RawTable, roles: readonly ColumnRole[], ctx: MapContext, c: Collector): void {
  for (const r of readers(table, roles)) {
    const period = readPeriodCell(c, r, 'period', true);
    const proposal = r.get('proposal') ?? '';
    if (proposal === '') {
      c.error(r.rowNumber, r.header('proposal'), 'The proposal is empty.');
      continue;
    }
    const ratingText = r.get('riskRating') ?? '';
    const riskRating = ratingText === '' ? null : pick<RiskRating>(ratingText, { green: 'Green', g: 'Green', amber: 'Amber', a: 'Amber', red: 'Red', r: 'Red' });
    if (riskRating === undefined) c.error(r.rowNumber, r.header('riskRating'), `"${ratingText}" is not a risk rating (Green, Amber or Red).`);
    const identified = readMoney(c, r, 'savings', 'identified');
    const achieved = readMoney(c, r, 'savings', 'achieved');
    if (!period || riskRating === undefined) continue;
    c.add('savings', {
      portfolioId: ctx.portfolioId, period: period.id, division: r.get('division') ?? '', proposal, lineType: lineTypeOf(proposal),
      riskRating, identified, achieved, information: r.get('information') ?? '', raw: rawCells(r, 'savings'), position: r.rowNumber, batchId: ctx.batchId,
    }, r.rowNumber, `The saving "${proposal}"`);
  }
}

function mapCapital(table: RawTable, roles: readonly ColumnRole[], ctx: MapContext, c: Collector): void {
  for (const r of readers(table, roles)) {
    const period = readPeriodCell(c, r, 'period', true);
    const scheme = r.get('scheme') ?? '';
    if (scheme === '') {
      c.error(r.rowNumber, r.header('scheme'), 'The scheme is empty.');
      continue;
    }
    const yearText = r.get('year') ?? '';
    const year = yearText === '' ? null : parsePeriod(yearText);
    if (yearText !== '' && !year) c.error(r.rowNumber, r.header('year'), `"${yearText}" is not a financial year.`);
    const amount = readMoney(c, r, 'capital', 'amount');
    if (!period || (yearText !== '' && !year)) continue;
    c.add('capital', {
      portfolioId: ctx.portfolioId, period: period.id, scheme, year: year ? financialYearOf(year) : '', fundingSource: r.get('fundingSource') ?? '',
      lineType: lineTypeOf(scheme), amount, description: r.get('description') ?? '', raw: rawCells(r, 'capital'), position: r.rowNumber, batchId: ctx.batchId,
    }, r.rowNumber, `The capital line "${scheme}"${year ? ` for ${financialYearOf(year)}` : ''}`);
  }
}

const NARRATIVE_TYPES: Record<string, NarrativeType> = {
  programme: 'programme', deliveryprogramme: 'programme', program: 'programme', strategy: 'programme',
  project: 'project', keyproject: 'project', milestone: 'milestone',
  development: 'development', keydevelopment: 'development', keydevelopments: 'development',
  issue: 'issue', emergingissue: 'issue', emergingissues: 'issue', risk: 'issue',
  comment: 'comment', committeecomment: 'comment', request: 'request', committeerequest: 'request', action: 'request',
};
const STATUSES: Record<string, ProgressStatus | RequestStatus> = {
  ontrack: 'On track', green: 'On track', atrisk: 'At risk', amber: 'At risk', offtrack: 'Off track', red: 'Off track',
  complete: 'Complete', completed: 'Complete', done: 'Complete', open: 'Open', answered: 'Answered', responded: 'Answered', closed: 'Closed',
};

function mapNarrative(table: RawTable, roles: readonly ColumnRole[], ctx: MapContext, c: Collector): void {
  for (const r of readers(table, roles)) {
    const reportText = r.get('report') ?? '';
    const report = reportText === '' ? null : parsePeriod(reportText);
    if (!report) c.error(r.rowNumber, r.header('report'), reportText === '' ? 'The report is empty: say which report this belongs to (e.g. "Q2 2021/22" or "Annual 2020/21").' : `"${reportText}" is not a report this dashboard understands (use forms such as Agreement 2021/22, Q2 2021/22, Annual 2020/21).`);
    const typeText = r.get('type') ?? '';
    const type = pick(typeText, NARRATIVE_TYPES);
    if (!type) c.error(r.rowNumber, r.header('type'), `"${typeText}" is not a kind of narrative (programme, project, milestone, development, issue, comment or request).`);
    const title = r.get('title') ?? '';
    if (title === '') c.error(r.rowNumber, r.header('title'), 'The title is empty.');
    const statusText = r.get('status') ?? '';
    const status = statusText === '' ? null : pick(statusText, STATUSES);
    if (status === undefined) c.error(r.rowNumber, r.header('status'), `"${statusText}" is not a status (On track, At risk, Off track or Complete; for requests Open, Answered or Closed).`);
    const codes = (r.get('measures') ?? '').split(/[;,]/).map((x) => x.trim()).filter(Boolean).map((x) => parseCodeCell(x).code);
    for (const code of codes) if (!ctx.knownMeasures.has(code)) c.warn(r.rowNumber, r.header('measures'), `${code} is not a measure this dashboard knows; the link to it is kept.`);
    if (!report || !type || title === '' || status === undefined) continue;
    c.add('narrative', {
      portfolioId: ctx.portfolioId, report: report.id, type, title, priority: readPriority(r.get('priority')), servicePlan: r.get('servicePlan') ?? '',
      text: r.get('text') ?? '', status, due: r.get('due') ?? '', owner: r.get('owner') ?? '', measureCodes: codes, source: r.get('source') ?? '', batchId: ctx.batchId,
    }, r.rowNumber, `The ${type} "${title}"`);
  }
}

const MAPPERS: Record<FileKind, (t: RawTable, roles: readonly ColumnRole[], ctx: MapContext, c: Collector) => void> = {
  priorities: mapPriorities,
  measures: mapMeasures,
  observations: mapObservations,
  budget: mapBudget,
  bridge: mapBridge,
  reserves: mapReserves,
  savings: mapSavings,
  capital: mapCapital,
  narrative: mapNarrative,
  statistics: (table, roles, ctx, c) => c.merge(mapStatistics(table, roles, ctx.statistics, ctx)),
  neighbours: (table, roles, ctx, c) => c.merge(mapNeighbours(table, roles, ctx)),
};

/** Reads every row of a file of the given kind into staged records and issues. */
export function mapRows(kind: FileKind, table: RawTable, roles: readonly ColumnRole[], ctx: MapContext): MapResult {
  const c = new Collector(ctx.file);
  const keys = new Set(roles.flatMap((r) => (r.type === 'field' ? [r.key] : [])));
  const missing = missingFields(kind, keys);
  if (missing.length > 0) {
    c.error(null, null, `A ${kind} file needs ${missing.map((m) => `"${m}"`).join(' and ')}: choose which column holds ${missing.length === 1 ? 'it' : 'them'}.`);
    return { staged: c.staged, issues: c.issues };
  }
  MAPPERS[kind](table, roles, ctx, c);
  return { staged: c.staged, issues: c.issues };
}
