// Observation series are stored one record a measure: every series of the measure, packed, in one
// "bundle" record. The app still reads and writes one series at a time, keyed [measureCode+series];
// this Dexie middleware turns those reads and writes into reads and writes of bundles.
//
// Why: IndexedDB's cost is mostly a record's, not its bytes'. Writing 2,500 bundles of five series
// takes about a third of the time of writing the same 12,500 series as records of their own, and
// reading them back about two thirds (see the README's Speed section).
//
// A bundle's key is [measureCode, BUNDLE]: the store keeps its key path and its measureCode index,
// so queries by measure find the bundle. Records of earlier versions (a series a record, packed or
// not) are still read as they are; the version 5 upgrade rewrites them as bundles.
import { cmp } from 'dexie';
import type { DBCore, DBCoreCursor, DBCoreGetManyRequest, DBCoreKeyRange, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreQueryRequest, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import type { ObservationSeries } from '../domain/types';
import { isPacked, packSeries, unpackSeries } from './packed-series';
import type { PackedSeries } from './packed-series';

/** The series part of a bundle's key. No series is named so: names are never empty. */
export const BUNDLE = '';

/** Every series of one measure, packed, in order of series name. */
export interface SeriesBundle {
  measureCode: string;
  series: typeof BUNDLE;
  bundle: PackedSeries[];
}

export function isBundle(record: unknown): record is SeriesBundle {
  return typeof record === 'object' && record !== null && Array.isArray((record as { bundle?: unknown }).bundle);
}

/** The packed series a stored record holds: a bundle's, or a record of an earlier version as one series. */
export function packedSeriesOf(record: unknown): PackedSeries[] {
  if (isBundle(record)) return record.bundle;
  return [isPacked(record) ? record : packSeries(record as ObservationSeries)];
}

// DBCoreRangeType (a const enum, which isolated modules cannot read).
const ANY = 3;
const NEVER = 4;

type Key = [string, string];
const bundleKey = (code: string): Key => [code, BUNDLE];
const byName = (a: PackedSeries, b: PackedSeries): number => (a.series < b.series ? -1 : a.series > b.series ? 1 : 0);

function inRange(key: unknown, range: DBCoreKeyRange): boolean {
  if (range.type === ANY) return true;
  if (range.type === NEVER) return false;
  if (range.lower !== undefined) {
    const c = cmp(key, range.lower);
    if (c < 0 || (c === 0 && range.lowerOpen)) return false;
  }
  if (range.upper !== undefined) {
    const c = cmp(key, range.upper);
    if (c > 0 || (c === 0 && range.upperOpen)) return false;
  }
  return true;
}

/**
 * A range over series keys widened to the bundles that may hold them: from [code] (before every key
 * of the measure) to [code, []] (an array sorts after every string).
 */
function widened(range: DBCoreKeyRange): DBCoreKeyRange {
  if (range.type === ANY || range.type === NEVER) return range;
  const code = (k: unknown): unknown => (Array.isArray(k) ? k[0] : k);
  return {
    type: 2,
    lower: range.lower === undefined ? undefined : [code(range.lower)],
    lowerOpen: false,
    upper: range.upper === undefined ? undefined : [code(range.upper), []],
    upperOpen: false,
  };
}

/** A logical entry: where it sorts in the index read, its series key, and its series. */
interface Entry {
  key: unknown;
  primaryKey: Key;
  packed: PackedSeries;
}

/** A cursor over entries already read, in order. Dexie drives it as it does IndexedDB's own. */
function entriesCursor(trans: DBCoreTransaction, entries: readonly Entry[], values: boolean): DBCoreCursor {
  let at = 0;
  let onNext: (() => void) | null = null;
  let settle: { resolve: (v: unknown) => void; reject: (e: unknown) => void } | null = null;
  let finished = false;
  let moved = false;
  let looping = false;
  const finish = (value?: unknown) => {
    if (finished) return;
    finished = true;
    settle?.resolve(value);
  };
  // Calls onNext for each entry the consumer moves to, without growing the stack.
  const run = () => {
    if (looping || !onNext || finished) return;
    looping = true;
    try {
      while (!finished) {
        if (at >= entries.length) {
          finish();
          break;
        }
        moved = false;
        onNext();
        if (!moved) break;
      }
    } catch (e) {
      finished = true;
      settle?.reject(e);
    } finally {
      looping = false;
    }
  };
  const move = (to: number) => {
    at = to;
    moved = true;
    if (!looping) run();
  };
  const cursor: DBCoreCursor = {
    trans,
    get key() { return entries[at]?.key; },
    get primaryKey() { return entries[at]?.primaryKey; },
    get value() { const e = entries[at]; return values && e ? unpackSeries(e.packed) : undefined; },
    get done() { return finished; },
    continue(key?: unknown) {
      let i = at + 1;
      if (key !== undefined) while (i < entries.length && cmp(entries[i]?.key, key) < 0) i++;
      move(i);
    },
    continuePrimaryKey(key: unknown, primaryKey: unknown) {
      let i = at + 1;
      while (i < entries.length) {
        const e = entries[i];
        const c = cmp(e?.key, key);
        if (c > 0 || (c === 0 && cmp(e?.primaryKey, primaryKey) >= 0)) break;
        i++;
      }
      move(i);
    },
    advance(count: number) {
      move(at + count);
    },
    start(next: () => void) {
      return new Promise((resolve, reject) => {
        onNext = next;
        settle = { resolve, reject };
        run();
      });
    },
    stop(value?: unknown) {
      finish(value);
    },
    next() {
      let first = true;
      return cursor.start(() => {
        if (first) {
          first = false;
          cursor.continue();
        } else cursor.stop();
      }).then(() => cursor);
    },
    fail(error: Error) {
      finished = true;
      settle?.reject(error);
    },
  };
  return cursor;
}

/** Stores the named table's series in bundles, one a measure; reads and writes go on as one series a record. */
export function seriesBundlesMiddleware(tableName: string): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'series-bundles',
    create: (down) => {
      /** The measures that have a bundle, read once a transaction (keys only) and kept up to date by its writes. */
      const held = new WeakMap<DBCoreTransaction, Set<string>>();
      /** Each transaction's last operation on the table: see inTurn. */
      const turns = new WeakMap<DBCoreTransaction, Promise<unknown>>();
      /**
       * Runs an operation once the transaction's operation before it has sent its requests. A write
       * reads a measure's bundle before writing it: two writes of one measure at once (a commit keeps
       * several in flight) would each read the bundle without the other's series, and the second
       * would lose the first's. IndexedDB answers requests in the order sent, so an operation whose
       * requests are sent after another's sees its writes.
       */
      const inTurn = <T>(trans: DBCoreTransaction, op: () => Promise<{ result: Promise<T> }> | { result: Promise<T> }): Promise<T> => {
        const turn = (turns.get(trans) ?? Promise.resolve()).then(op);
        turns.set(trans, turn.catch(() => undefined));
        return turn.then((t) => t.result);
      };
      return {
      ...down,
      table: (name: string): DBCoreTable => {
        const table = down.table(name);
        if (name !== tableName) return table;
        const measureIndex = table.schema.getIndexByKeyPath('measureCode');
        const heldIn = (trans: DBCoreTransaction): Promise<Set<string>> => {
          const known = held.get(trans);
          if (known) return Promise.resolve(known);
          return table.query({ trans, values: false, query: { index: table.schema.primaryKey, range: { type: ANY, lower: undefined, upper: undefined } } }).then(({ result }) => {
            const codes = new Set<string>();
            for (const k of result as Key[]) if (k[1] === BUNDLE) codes.add(k[0]);
            held.set(trans, codes);
            return codes;
          });
        };

        /** The stored bundles of these measures, by measure (packed series by name). */
        const bundlesOf = (trans: DBCoreTransaction, codes: readonly string[]): Promise<Map<string, Map<string, PackedSeries>>> =>
          heldIn(trans).then((known) => {
            const stored = codes.filter((c) => known.has(c));
            const out = new Map<string, Map<string, PackedSeries>>(codes.map((c) => [c, new Map()]));
            if (stored.length === 0) return out;
            return table.getMany({ trans, keys: stored.map(bundleKey) }).then((found) => {
              found.forEach((record, i) => {
                const code = stored[i];
                if (code === undefined || !isBundle(record)) return;
                const mine = out.get(code);
                for (const s of record.bundle) mine?.set(s.series, s);
              });
              return out;
            });
          });

        /** Writes the measures' series as they now are: a bundle each, or none for a measure left with none. */
        const writeBundles = (trans: DBCoreTransaction, bundles: Map<string, Map<string, PackedSeries>>): Promise<unknown> => {
          const known = held.get(trans);
          const put: SeriesBundle[] = [];
          const gone: Key[] = [];
          for (const [code, list] of bundles) {
            if (list.size > 0) {
              put.push({ measureCode: code, series: BUNDLE, bundle: [...list.values()].sort(byName) });
              known?.add(code);
            } else if (known?.has(code) ?? true) {
              gone.push(bundleKey(code));
              known?.delete(code);
            }
          }
          return Promise.all([
            put.length > 0 ? table.mutate({ type: 'put', trans, values: put }) : null,
            gone.length > 0 ? table.mutate({ type: 'delete', trans, keys: gone }) : null,
          ]);
        };

        const putSeries = (trans: DBCoreTransaction, values: readonly unknown[], add: boolean): Promise<{ result: Promise<DBCoreMutateResponse> }> => {
          const packed = values.map((v) => (isPacked(v) ? v : packSeries(v as ObservationSeries)));
          const codes = [...new Set(packed.map((s) => s.measureCode))];
          return bundlesOf(trans, codes).then((bundles) => {
            const failures: Record<number, Error> = {};
            packed.forEach((s, i) => {
              const list = bundles.get(s.measureCode);
              if (add && list?.has(s.series)) failures[i] = new Error(`Series ${s.measureCode} ${s.series} is already stored.`);
              else list?.set(s.series, s);
            });
            const results: Key[] = packed.map((s) => [s.measureCode, s.series]);
            return { result: writeBundles(trans, bundles).then(() => ({ numFailures: Object.keys(failures).length, failures, results, lastResult: results.at(-1) })) };
          });
        };

        const deleteSeries = (trans: DBCoreTransaction, keys: readonly Key[]): Promise<{ result: Promise<DBCoreMutateResponse> }> => {
          const codes = [...new Set(keys.map((k) => k[0]))];
          return bundlesOf(trans, codes).then((bundles) => {
            for (const [code, series] of keys) bundles.get(code)?.delete(series);
            return { result: writeBundles(trans, bundles).then(() => ({ numFailures: 0, failures: {}, results: [...keys], lastResult: undefined })) };
          });
        };

        /** The series in the query's range, as entries in the order the index gives them. */
        const entries = (trans: DBCoreTransaction, index: DBCoreQueryRequest['query']['index'], range: DBCoreKeyRange, reverse: boolean, unique: boolean): Promise<Entry[]> => {
          const byKey = index.isPrimaryKey;
          if (!byKey && index !== measureIndex) throw new Error(`The ${tableName} table has no index ${String(index.name)}.`);
          return table.query({ trans, values: true, query: { index, range: byKey ? widened(range) : range } }).then(({ result }) => {
            const out: Entry[] = [];
            for (const record of result) {
              for (const packed of packedSeriesOf(record)) {
                const primaryKey: Key = [packed.measureCode, packed.series];
                if (byKey && !inRange(primaryKey, range)) continue;
                out.push({ key: byKey ? primaryKey : packed.measureCode, primaryKey, packed });
              }
            }
            // Records of earlier versions may sit beside a bundle until the upgrade: keep key order.
            out.sort((a, b) => cmp(a.key, b.key) || cmp(a.primaryKey, b.primaryKey));
            if (reverse) out.reverse();
            if (!unique) return out;
            return out.filter((e, i) => i === 0 || cmp(e.key, out[i - 1]?.key) !== 0);
          });
        };

        const mutate = (req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> => inTurn(req.trans, () => {
          switch (req.type) {
            case 'add':
            case 'put':
              return putSeries(req.trans, req.values, req.type === 'add');
            case 'delete':
              return deleteSeries(req.trans, req.keys as Key[]);
            case 'deleteRange':
              if (req.range.type === ANY) {
                held.set(req.trans, new Set());
                return { result: table.mutate(req) };
              }
              return entries(req.trans, table.schema.primaryKey, req.range, false, false).then((found) => deleteSeries(req.trans, found.map((e) => e.primaryKey)));
          }
        });

        const getMany = (req: DBCoreGetManyRequest): Promise<unknown[]> => {
          const keys = req.keys as Key[];
          const codes = [...new Set(keys.map((k) => k[0]))];
          return table.getMany({ ...req, keys: codes.map(bundleKey) }).then((found) => {
            const byCode = new Map<string, SeriesBundle>();
            found.forEach((record, i) => {
              const code = codes[i];
              if (code !== undefined && isBundle(record)) byCode.set(code, record);
            });
            // A series of an earlier version, stored as a record of its own, is read as such.
            const missing = keys.filter((k) => !byCode.get(k[0])?.bundle.some((s) => s.series === k[1]));
            return (missing.length > 0 ? table.getMany({ ...req, keys: missing }) : Promise.resolve([])).then((old) => {
              const before = new Map(missing.map((k, i) => [`${k[0]}\u0000${k[1]}`, old[i]]));
              return keys.map((k) => {
                const s = byCode.get(k[0])?.bundle.find((x) => x.series === k[1]);
                if (s) return unpackSeries(s);
                const o = before.get(`${k[0]}\u0000${k[1]}`);
                return o === undefined || isBundle(o) ? undefined : unpackSeries(o as PackedSeries | ObservationSeries);
              });
            });
          });
        };

        // Reads take their turn too, so that they see every write sent before them.
        const read = <T>(trans: DBCoreTransaction, start: () => Promise<T>): Promise<T> => inTurn(trans, () => ({ result: start() }));
        return {
          ...table,
          mutate,
          getMany: (req) => read(req.trans, () => getMany(req)),
          get: (req) => read(req.trans, () => getMany({ trans: req.trans, keys: [req.key] })).then((r) => r[0]),
          query: (req) => read(req.trans, () => entries(req.trans, req.query.index, req.query.range, req.direction === 'prev' || req.direction === 'prevunique', req.direction === 'nextunique' || req.direction === 'prevunique')).then((found) => {
            const list = req.limit === undefined ? found : found.slice(0, req.limit);
            return { result: req.values ? list.map((e) => unpackSeries(e.packed)) : list.map((e) => e.primaryKey) };
          }),
          count: (req) => read(req.trans, () => entries(req.trans, req.query.index, req.query.range, false, false)).then((found) => found.length),
          openCursor: (req) => read(req.trans, () => entries(req.trans, req.query.index, req.query.range, req.reverse ?? false, req.unique ?? false)).then((found) => (found.length > 0 ? entriesCursor(req.trans, found, req.values !== false) : null)),
        };
      },
      };
    },
  };
}
