// What an import will do to the store: for each file, the rows it adds, updates or leaves
// unchanged and the records to write. The preview shows this plan and the commit writes it,
// so what is previewed is what is committed.
import { comparePeriodIds } from '../period';
import { STORED_KEYS, TABLE_NAMES, keyString, sameData, stagedKey } from '../records';
import type { KeyPart, ObservationRow, Staged, Stored, TableName } from '../records';
import type { ObservationPoint, ObservationSeries } from '../types';
import { FIELDS_NOT_GIVEN } from './map-rows';

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
    for (const row of staged[table] as Staged[TableName][number][]) {
      const key = table === 'observations' ? [(row as ObservationRow).measureCode, (row as ObservationRow).series] : stagedKey(table, row as never);
      out.set(existingKey(table, key), { table, key });
    }
  }
  return [...out.values()];
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

  const bySeries = new Map<string, ObservationRow[]>();
  for (const row of staged.observations) {
    const k = keyString([row.measureCode, row.series]);
    const list = bySeries.get(k);
    if (list) list.push(row);
    else bySeries.set(k, [row]);
  }
  for (const rows of bySeries.values()) {
    const first = rows[0];
    if (!first) continue;
    const key: KeyPart[] = [first.measureCode, first.series];
    touched.add(existingKey('observations', key));
    const old = existing.get(existingKey('observations', key)) as ObservationSeries | undefined;
    // A restore replaces a series whole: points the backup lacks go.
    const oldPoints = old?.points ?? [];
    const incoming = new Set(rows.map((r) => keyString([r.period, r.breakdown])));
    const kept = replace ? oldPoints.filter((p) => incoming.has(keyString([p.period, p.breakdown]))) : oldPoints;
    counts.observations.remove += oldPoints.length - kept.length;
    const points = new Map<string, ObservationPoint>(kept.map((p) => [keyString([p.period, p.breakdown]), p]));
    let changed = kept.length !== oldPoints.length;
    for (const { measureCode: _m, series: _s, ...point } of rows) {
      const pk = keyString([point.period, point.breakdown]);
      const prev = points.get(pk);
      if (prev && sameData(prev, point)) {
        counts.observations.unchanged++;
        continue;
      }
      counts.observations[prev ? 'update' : 'add']++;
      points.set(pk, { ...point, batchId });
      changed = true;
    }
    if (changed) {
      const series: ObservationSeries = { measureCode: first.measureCode, series: first.series, points: [...points.values()].sort(comparePoints) };
      record('observations', key, series);
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
