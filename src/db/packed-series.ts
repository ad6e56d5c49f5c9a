// Observation series are stored packed: one array a field (numbers in typed arrays) rather than
// one object a point. IndexedDB copies a record field by field, naming each field of each object,
// so a series of 40 points as 40 objects costs about 3× as much to write and to read back as the
// same points as nine arrays. Packing happens here, in a Dexie middleware, so the rest of the app
// reads and writes ObservationSeries with its points as objects.
import type { DBCore, DBCoreCursor, DBCoreTable, Middleware } from 'dexie';
import type { ObservationPoint, ObservationSeries } from '../domain/types';

/** A series as stored: the points' fields side by side, in point order. */
export interface PackedSeries {
  measureCode: string;
  series: string;
  /** The number of points. */
  packed: number;
  period: string[];
  breakdown: string[];
  /** NaN where the point has no value (a missing figure). */
  value: Float64Array;
  /** NaN where the point has no count. */
  count: Float64Array;
  missingReason: (string | null)[];
  note: (string | null)[];
  status: (string | null)[];
  raw: string[];
  batchId: Float64Array;
}

const orNaN = (n: number | null): number => (n === null ? Number.NaN : n);
const orNull = (n: number | undefined): number | null => (n === undefined || Number.isNaN(n) ? null : n);

export function packSeries(s: ObservationSeries): PackedSeries {
  const n = s.points.length;
  const out: PackedSeries = {
    measureCode: s.measureCode, series: s.series, packed: n,
    period: new Array<string>(n), breakdown: new Array<string>(n), value: new Float64Array(n), count: new Float64Array(n),
    missingReason: new Array<string | null>(n), note: new Array<string | null>(n), status: new Array<string | null>(n),
    raw: new Array<string>(n), batchId: new Float64Array(n),
  };
  s.points.forEach((p, i) => {
    out.period[i] = p.period;
    out.breakdown[i] = p.breakdown;
    out.value[i] = orNaN(p.value);
    out.count[i] = orNaN(p.count);
    out.missingReason[i] = p.missingReason;
    out.note[i] = p.note;
    out.status[i] = p.status;
    out.raw[i] = p.raw;
    out.batchId[i] = p.batchId;
  });
  return out;
}

export function isPacked(record: unknown): record is PackedSeries {
  return typeof record === 'object' && record !== null && typeof (record as { packed?: unknown }).packed === 'number';
}

/** The series with its points as objects. Records written before packing (schema v3) come back as they are. */
export function unpackSeries(record: PackedSeries | ObservationSeries): ObservationSeries {
  if (!isPacked(record)) return record;
  const points = new Array<ObservationPoint>(record.packed);
  for (let i = 0; i < record.packed; i++) {
    points[i] = {
      period: record.period[i] ?? '', breakdown: record.breakdown[i] ?? '', value: orNull(record.value[i]), count: orNull(record.count[i]),
      missingReason: record.missingReason[i] ?? null, note: record.note[i] ?? null, status: record.status[i] ?? null,
      raw: record.raw[i] ?? '', batchId: record.batchId[i] ?? 0,
    };
  }
  return { measureCode: record.measureCode, series: record.series, points };
}

const unpackAny = (v: unknown): unknown => (isPacked(v) ? unpackSeries(v) : v);
const packAny = (v: unknown): unknown => (typeof v === 'object' && v !== null && Array.isArray((v as ObservationSeries).points) ? packSeries(v as ObservationSeries) : v);

/** A cursor whose value is unpacked; every other member is the cursor's own. */
function unpackingCursor(cursor: DBCoreCursor): DBCoreCursor {
  return {
    get trans() { return cursor.trans; },
    get key() { return cursor.key; },
    get primaryKey() { return cursor.primaryKey; },
    get value() { return unpackAny(cursor.value); },
    get done() { return cursor.done ?? false; },
    continue: (key?: unknown) => cursor.continue(key),
    continuePrimaryKey: (key: unknown, primaryKey: unknown) => cursor.continuePrimaryKey(key, primaryKey),
    advance: (count: number) => cursor.advance(count),
    start: (onNext: () => void) => cursor.start(onNext),
    stop: (value?: unknown) => cursor.stop(value),
    next: () => cursor.next().then(unpackingCursor),
    fail: (error: Error) => cursor.fail(error),
  };
}

/** Packs the named table's series on the way in and unpacks them on the way out. */
export function packedSeriesMiddleware(tableName: string): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'packed-series',
    create: (down) => ({
      ...down,
      table: (name: string): DBCoreTable => {
        const table = down.table(name);
        if (name !== tableName) return table;
        return {
          ...table,
          mutate: (req) => table.mutate(req.type === 'add' || req.type === 'put' ? { ...req, values: req.values.map(packAny) } : req),
          get: (req) => table.get(req).then(unpackAny),
          getMany: (req) => table.getMany(req).then((rows) => rows.map(unpackAny)),
          query: (req) => table.query(req).then((res) => (req.values ? { ...res, result: res.result.map(unpackAny) } : res)),
          openCursor: (req) => table.openCursor(req).then((c) => (c && req.values !== false ? unpackingCursor(c) : c)),
        };
      },
    }),
  };
}
