// What an import will do to the store: for each file, the rows it adds, updates or leaves
// unchanged and the records to write. The preview shows this plan and the commit writes it,
// so what is previewed is what is committed.
import { comparePeriodIds } from '../period';
import { STORED_KEYS, TABLE_NAMES, keyString, sameData, stagedKey } from '../records';
import type { KeyPart, ObservationRow, Staged, Stored, TableName } from '../records';
import type { ObservationPoint, ObservationSeries } from '../types';
import { FIELDS_NOT_GIVEN } from './map-rows';
import { PACKED_SHAPE, distinctPeriods } from '../series';
import type { PackedShape } from '../series';

export interface Counts {
  add: number;
  update: number;
  unchanged: number;
  /** Records a restore removes because the backup does not hold them. */
  remove: number;
}

export type StoredRecord = Stored[TableName][number];

export interface Write {
  table: TableName;
  key: KeyPart[];
  /** The record before this import (null: there was none). Undo puts it back. */
  before: StoredRecord | null;
  /** The record after this import; null: the import removes it (only a restore does). */
  after: StoredRecord | null;
}

export interface FileChanges {
  counts: Record<TableName, Counts>;
  writes: Write[];
}

/**
 * The batch ids a preview plans with, one a file: -1, -2, … (stored batches are numbered from 1, and
 * hand-made records carry 0), so that each file's records can be given its real id if the commit
 * writes the preview's plan.
 */
export const previewBatchIds = (files: number): number[] => Array.from({ length: files }, (_, i) => -(i + 1));

/**
 * Gives a preview's plans the batch ids the commit made for their files: every record and point
 * they write, and every undo image that is another file's write (a later file changing what an
 * earlier one wrote), carry their file's real id. Changes the plans in place.
 */
export function giveBatchIds(plans: readonly FileChanges[], ids: readonly number[]): void {
  const real = (id: number): number => {
    const found = ids[-id - 1];
    if (found === undefined) throw new Error(`No batch id for the preview's file ${String(-id)}.`);
    return found;
  };
  const mend = (rec: StoredRecord | null): void => {
    if (rec === null) return;
    const made = (rec as { [NEW_BATCH]?: NewSeries })[NEW_BATCH];
    if (made) {
      if (made.batchId < 0) made.batchId = real(made.batchId);
      // Points assigned to it are mended below, as any series' are; made from rows, they take made.batchId.
      if (!made.given) return;
    }
    const r = rec as { batchId?: unknown; points?: ObservationPoint[] };
    if (typeof r.batchId === 'number' && r.batchId < 0) r.batchId = real(r.batchId);
    if (Array.isArray(r.points)) for (const p of r.points) if (p.batchId < 0) p.batchId = real(p.batchId);
  };
  for (const plan of plans) {
    for (const w of plan.writes) {
      mend(w.before);
      mend(w.after);
    }
  }
}

/** Existing records by table and key string; the planner layers each file's writes on top. */
export type Existing = Map<string, StoredRecord>;

export const existingKey = (table: TableName, key: readonly KeyPart[]): string => `${table}:${keyString(key)}`;

export function zeroCounts(): Record<TableName, Counts> {
  return Object.fromEntries(TABLE_NAMES.map((t) => [t, { add: 0, update: 0, unchanged: 0, remove: 0 }])) as Record<TableName, Counts>;
}

export function totalCounts(counts: Record<TableName, Counts>): Counts {
  return Object.values(counts).reduce(
    (a, c) => ({ add: a.add + c.add, update: a.update + c.update, unchanged: a.unchanged + c.unchanged, remove: a.remove + c.remove }),
    { add: 0, update: 0, unchanged: 0, remove: 0 },
  );
}

/** The keys of stored records a staged file could touch, so the store can fetch just those. */
export function keysToLoad(staged: Staged): { table: TableName; key: KeyPart[] }[] {
  const out = new Map<string, { table: TableName; key: KeyPart[] }>();
  for (const table of TABLE_NAMES) {
    if (table === 'observations') continue;
    for (const row of staged[table] as Staged[TableName][number][]) {
      const key = stagedKey(table, row as never);
      out.set(existingKey(table, key), { table, key });
    }
  }
  for (const [measureCode, series] of seriesOf(staged.observations)) {
    for (const name of series.keys()) {
      const key = [measureCode, name];
      out.set(existingKey('observations', key), { table: 'observations', key });
    }
  }
  return [...out.values()];
}

/**
 * Observation rows grouped, by staged list: a preview and its commit plan the same staging, each
 * looking up its keys and then planning, so the grouping is made once, not four times. Staged lists
 * are not changed once staging is done; should one grow, it is grouped again.
 */
const grouped = new WeakMap<readonly ObservationRow[], { length: number; bySeries: Map<string, Map<string, ObservationRow[]>> }>();

/** Observation rows by measure, then by series, in the order they came. */
function seriesOf(rows: readonly ObservationRow[]): Map<string, Map<string, ObservationRow[]>> {
  const known = grouped.get(rows);
  if (known && known.length === rows.length) return known.bySeries;
  const out = new Map<string, Map<string, ObservationRow[]>>();
  grouped.set(rows, { length: rows.length, bySeries: out });
  for (const row of rows) {
    let measure = out.get(row.measureCode);
    if (!measure) out.set(row.measureCode, (measure = new Map()));
    const list = measure.get(row.series);
    if (list) list.push(row);
    else measure.set(row.series, [row]);
  }
  return out;
}

/** A point's key within its series (needed only where a stored series is diffed). A period never holds a NUL, so no two points share one. */
const pointKey = (p: Pick<ObservationPoint, 'period' | 'breakdown'>): string => `${p.period}\u0000${p.breakdown}`;

/** The point a staged row stores, written by this batch (its fields always in the same order). */
function storedPoint(r: ObservationRow, batchId: number): ObservationPoint {
  return {
    period: r.period, breakdown: r.breakdown, value: r.value, count: r.count, missingReason: r.missingReason, note: r.note,
    status: r.status, raw: r.raw, batchId,
  };
}

/** Where a new series made from staged rows keeps the batch id its points are given, and any points assigned to it. */
const NEW_BATCH = Symbol('batch of a new series');

interface NewSeries {
  batchId: number;
  given: ObservationPoint[] | null;
}

/**
 * A series new to the store, as a plan writes it: its points are made from the staged rows each time
 * they are read (the commit reads them a chunk of writes at a time), not held by the plan. Made up
 * front, a large first import's plan held a second copy of every point beside the staging, and
 * that was the most an import held at once. To whatever reads, copies or writes it out, `points` is
 * an ordinary property (assigning it keeps the points given); its count is known without making them.
 */
function newSeries(measureCode: string, name: string, rows: readonly ObservationRow[], batchId: number): ObservationSeries {
  const made: NewSeries = { batchId, given: null };
  const series = { measureCode, series: name } as ObservationSeries;
  Object.defineProperty(series, 'points', {
    enumerable: true,
    configurable: true,
    get: (): ObservationPoint[] => made.given ?? inPeriodOrder(rows.map((r) => storedPoint(r, made.batchId))),
    set: (given: ObservationPoint[]) => { made.given = given; },
  });
  const shape: PackedShape = { count: () => made.given?.length ?? rows.length, periods: () => distinctPeriods(series.points) };
  Object.defineProperty(series, PACKED_SHAPE, { value: shape });
  Object.defineProperty(series, NEW_BATCH, { value: made });
  return series;
}

/** Points in period order (then breakdown); rows usually arrive in that order, so they are only sorted if not. */
function inPeriodOrder(points: ObservationPoint[]): ObservationPoint[] {
  for (let i = 1; i < points.length; i++) {
    if (comparePoints(points[i - 1] as ObservationPoint, points[i] as ObservationPoint) > 0) return points.sort(comparePoints);
  }
  return points;
}

/** The staged record with the fields its file gave no column for taken from the stored one. */
function keepNotGiven(row: StoredRecord, old: StoredRecord): StoredRecord {
  const fields = FIELDS_NOT_GIVEN.get(row);
  if (!fields || fields.length === 0) return row;
  const kept: Record<string, unknown> = { ...row };
  for (const f of fields) kept[f] = (old as unknown as Record<string, unknown>)[f];
  return kept as unknown as StoredRecord;
}

function comparePoints(a: ObservationPoint, b: ObservationPoint): number {
  return comparePeriodIds(a.period, b.period) || a.breakdown.localeCompare(b.breakdown);
}

/**
 * Plans one file against the existing records (which it then updates in place, so the next
 * file of the same import sees this one's writes). Unchanged rows are not rewritten.
 */
export function planFile(staged: Staged, existing: Existing, batchId: number, replace = false): FileChanges {
  const counts = zeroCounts();
  const writes = new Map<string, Write>();
  const touched = new Set<string>();
  const record = (table: TableName, key: KeyPart[], after: StoredRecord | null): void => {
    const ek = existingKey(table, key);
    const prior = writes.get(ek);
    const before = prior ? prior.before : existing.get(ek) ?? null;
    writes.set(ek, { table, key, before, after });
    if (after === null) existing.delete(ek);
    else existing.set(ek, after);
  };

  for (const table of TABLE_NAMES) {
    if (table === 'observations') continue;
    for (const given of staged[table] as StoredRecord[]) {
      const key = (STORED_KEYS[table] as (r: StoredRecord) => KeyPart[])(given);
      touched.add(existingKey(table, key));
      const old = existing.get(existingKey(table, key));
      const row = old ? keepNotGiven(given, old) : given;
      if (old && sameData(old, row)) {
        counts[table].unchanged++;
        continue;
      }
      counts[table][old ? 'update' : 'add']++;
      record(table, key, { ...row, batchId } as StoredRecord);
    }
  }

  for (const [measureCode, bySeries] of seriesOf(staged.observations)) {
    for (const [name, rows] of bySeries) {
      const key: KeyPart[] = [measureCode, name];
      const ek = existingKey('observations', key);
      touched.add(ek);
      const old = existing.get(ek) as ObservationSeries | undefined;
      if (!old) {
        // A new series: every point is added.
        counts.observations.add += rows.length;
        record('observations', key, newSeries(measureCode, name, rows, batchId));
        continue;
      }
      // A restore replaces a series whole: points the backup lacks go.
      const incoming = replace ? new Set(rows.map(pointKey)) : null;
      const kept = incoming ? old.points.filter((p) => incoming.has(pointKey(p))) : old.points;
      counts.observations.remove += old.points.length - kept.length;
      const points = new Map<string, ObservationPoint>(kept.map((p) => [pointKey(p), p]));
      let changed = kept.length !== old.points.length;
      for (const row of rows) {
        const pk = pointKey(row);
        const prev = points.get(pk);
        const next = storedPoint(row, batchId);
        if (prev && sameData(prev, next)) {
          counts.observations.unchanged++;
          continue;
        }
        counts.observations[prev ? 'update' : 'add']++;
        points.set(pk, next);
        changed = true;
      }
      if (changed) record('observations', key, { measureCode, series: name, points: inPeriodOrder([...points.values()]) });
    }
  }
  if (replace) {
    // Everything stored that the backup does not hold is removed (undo puts it back).
    for (const [ek, rec] of [...existing.entries()]) {
      if (touched.has(ek)) continue;
      const table = ek.slice(0, ek.indexOf(':')) as TableName;
      const key = (STORED_KEYS[table] as (r: StoredRecord) => KeyPart[])(rec);
      counts[table].remove += table === 'observations' ? (rec as ObservationSeries).points.length : 1;
      record(table, key, null);
    }
  }
  return { counts, writes: [...writes.values()] };
}
