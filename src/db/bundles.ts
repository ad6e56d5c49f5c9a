// Records of a measure stored together: every observation series of a measure in one "bundle"
// record, and every target of a measure in another. The app still reads and writes one series or
// one target at a time, by its own key; this Dexie middleware turns those reads and writes into
// reads and writes of bundles.
//
// Why: IndexedDB's cost for small records is mostly a record's, not its bytes'. Writing 2,500
// bundles of five series takes about a third of the time of writing the same 12,500 series as
// records of their own, and reading them back about two thirds (see the README's Speed section).
// Once records hold kilobytes, their bytes count too: a measure's series are kept compact
// (storedSeries in packed-series.ts).
//
// A bundle's key is the measure code followed by BUNDLE in every other part of the key: the store
// keeps its key path and its measureCode index, so queries by measure find the bundle. Records of
// earlier versions (a series or a target a record) are still read as they are; the version 5
// upgrade rewrites them as bundles.
import { cmp } from 'dexie';
import type { DBCore, DBCoreCursor, DBCoreGetManyRequest, DBCoreIndex, DBCoreKeyRange, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import type { ObservationSeries } from '../domain/types';
import { keptSeries, storedSeries, unpackSeries } from './packed-series';
import type { PackedSeries, SeriesPiece, StoredPiece } from './packed-series';

/** Every part of a bundle's key after the measure code. No series, year or breakdown is stored so: they are never empty. */
export const BUNDLE = '';

/** A stored bundle: the key's fields (the measure code, then BUNDLE), and the measure's records as its table keeps them. */
export interface Bundle {
  measureCode: string;
  bundle: unknown;
}

export function isBundle(record: unknown): record is Bundle {
  return typeof record === 'object' && record !== null && 'bundle' in record;
}

/** How one table's records are kept in their bundles. */
export interface BundledTable {
  /** A measure's records, in key order, as its bundle keeps them. */
  pack: (records: readonly unknown[]) => unknown;
  /** What a bundle keeps, as the records the app reads, in key order. */
  unpack: (kept: unknown) => unknown[];
  /** What a bundle keeps, as its records' key fields only (for reads of keys, without making every record). */
  heads: (kept: unknown) => unknown[];
  /** A record stored on its own by an earlier version, as the app reads it. */
  readOld: (stored: unknown) => unknown;
}

/** The tables stored in bundles, and how: a measure's series as one packed piece; its targets as a list. */
export const BUNDLED: Record<string, BundledTable> = {
  observations: {
    pack: (records) => storedSeries(records as ObservationSeries[]),
    unpack: (kept) => keptSeries(kept as SeriesPiece | StoredPiece),
    heads: (kept) => (kept as SeriesPiece).series.map((series, i) => ({ measureCode: (kept as SeriesPiece).measureCode[i], series })),
    readOld: (stored) => unpackSeries(stored as PackedSeries | ObservationSeries),
  },
  targets: { pack: (records) => [...records], unpack: (kept) => kept as unknown[], heads: (kept) => kept as unknown[], readOld: (stored) => stored },
};

// DBCoreRangeType (a const enum, which isolated modules cannot read).
const ANY = 3;
const NEVER = 4;

type Key = unknown[];

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
 * A range over the records' keys widened to the bundles that may hold them: from [code] (before
 * every key of the measure) to [code, []] (an array sorts after every string and number).
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

/** A record as the app reads it (or its key fields only): where it sorts in the index read, its key, and the record. */
interface Entry {
  key: unknown;
  primaryKey: Key;
  item: unknown;
}

/** A cursor over entries already read, in order. Dexie drives it as it does IndexedDB's own. */
function entriesCursor(trans: DBCoreTransaction, entries: readonly Entry[], values: boolean, reverse: boolean): DBCoreCursor {
  const order = (c: number): number => (reverse ? -c : c);
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
    get value() { return values ? entries[at]?.item : undefined; },
    get done() { return finished; },
    // To the next entry at or past the key: after it in a forward cursor, before it in a reverse one.
    continue(key?: unknown) {
      let i = at + 1;
      if (key !== undefined) while (i < entries.length && order(cmp(entries[i]?.key, key)) < 0) i++;
      move(i);
    },
    continuePrimaryKey(key: unknown, primaryKey: unknown) {
      let i = at + 1;
      while (i < entries.length) {
        const e = entries[i];
        const c = order(cmp(e?.key, key));
        if (c > 0 || (c === 0 && order(cmp(e?.primaryKey, primaryKey)) >= 0)) break;
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

/**
 * Stores the tables named in `tables` in bundles, one record a measure; reads and writes go on as
 * one record a record. Each table's key path must start with measureCode.
 */
export function bundlesMiddleware(tables: Record<string, BundledTable>): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'bundles',
    create: (down) => {
      /** Per table and transaction: the measures that have a bundle, read once (keys only) and kept up to date by its writes. */
      const held = new Map<string, WeakMap<DBCoreTransaction, Set<string>>>();
      /** Per table and transaction: its last operation (see inTurn). */
      const turns = new Map<string, WeakMap<DBCoreTransaction, Promise<unknown>>>();
      const made = new Map<string, DBCoreTable>();
      const bundled = (table: DBCoreTable, how: BundledTable): DBCoreTable => {
        const name = table.name;
        const heldBy = held.get(name) ?? new WeakMap<DBCoreTransaction, Set<string>>();
        held.set(name, heldBy);
        const turnsBy = turns.get(name) ?? new WeakMap<DBCoreTransaction, Promise<unknown>>();
        turns.set(name, turnsBy);
        /**
         * Runs an operation once the transaction's operation before it on this table has sent its
         * requests. A write reads a measure's bundle before writing it: two writes of one measure
         * at once (a commit keeps several in flight) would each read the bundle without the other's
         * records, and the second would lose the first's. IndexedDB answers requests in the order
         * sent, so an operation whose requests are sent after another's sees its writes.
         */
        const inTurn = <T>(trans: DBCoreTransaction, op: () => Promise<{ result: Promise<T> }> | { result: Promise<T> }): Promise<T> => {
          const turn = (turnsBy.get(trans) ?? Promise.resolve()).then(op);
          turnsBy.set(trans, turn.catch(() => undefined));
          return turn.then((t) => t.result);
        };

        const keyPath = table.schema.primaryKey.keyPath;
        if (!Array.isArray(keyPath) || keyPath[0] !== 'measureCode') throw new Error(`The ${name} table's key does not start with measureCode, so it cannot be kept in bundles.`);
        const keyOf = (item: unknown): Key => keyPath.map((f) => (item as Record<string, unknown>)[f]);
        const bundleKey = (code: string): Key => [code, ...keyPath.slice(1).map(() => BUNDLE)];
        const isBundleKey = (k: Key): boolean => k.slice(1).every((p) => p === BUNDLE);
        /** A record's key within its measure, as a map key. */
        const within = (k: Key): string => JSON.stringify(k.slice(1));
        const measureIndex = table.schema.getIndexByKeyPath('measureCode');
        const anyRange: DBCoreKeyRange = { type: ANY, lower: undefined, upper: undefined };

        const heldIn = (trans: DBCoreTransaction): Promise<Set<string>> => {
          const known = heldBy.get(trans);
          if (known) return Promise.resolve(known);
          return table.query({ trans, values: false, query: { index: table.schema.primaryKey, range: anyRange } }).then(({ result }) => {
            const codes = new Set<string>();
            for (const k of result as Key[]) if (isBundleKey(k)) codes.add(String(k[0]));
            heldBy.set(trans, codes);
            return codes;
          });
        };

        /** The stored bundles of these measures, by measure (stored records by their key within it). */
        const bundlesOf = (trans: DBCoreTransaction, codes: readonly string[]): Promise<Map<string, Map<string, unknown>>> =>
          heldIn(trans).then((known) => {
            const stored = codes.filter((c) => known.has(c));
            const out = new Map<string, Map<string, unknown>>(codes.map((c) => [c, new Map()]));
            if (stored.length === 0) return out;
            return table.getMany({ trans, keys: stored.map(bundleKey) }).then((found) => {
              found.forEach((record, i) => {
                const mine = out.get(stored[i] ?? '');
                if (mine && isBundle(record)) for (const item of how.unpack(record.bundle)) mine.set(within(keyOf(item)), item);
              });
              return out;
            });
          });

        /** Writes the measures' records as they now are: a bundle each, or none for a measure left with none. */
        const writeBundles = (trans: DBCoreTransaction, bundles: Map<string, Map<string, unknown>>): Promise<unknown> => {
          const known = heldBy.get(trans);
          const put: Record<string, unknown>[] = [];
          const gone: Key[] = [];
          for (const [code, items] of bundles) {
            if (items.size > 0) {
              const record: Record<string, unknown> = Object.fromEntries(keyPath.map((f, i) => [f, bundleKey(code)[i]]));
              record.bundle = how.pack([...items.values()].sort((a, b) => cmp(keyOf(a), keyOf(b))));
              put.push(record);
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

        const putRecords = (trans: DBCoreTransaction, values: readonly unknown[], add: boolean): Promise<{ result: Promise<DBCoreMutateResponse> }> => {
          const keys = values.map(keyOf);
          return bundlesOf(trans, [...new Set(keys.map((k) => String(k[0])))]).then((bundles) => {
            const failures: Record<number, Error> = {};
            values.forEach((item, i) => {
              const key = keys[i] ?? [];
              const mine = bundles.get(String(key[0]));
              if (isBundleKey(key)) failures[i] = new Error(`${name} ${JSON.stringify(key)} cannot be stored: every part of its key after the measure code is empty.`);
              else if (add && mine?.has(within(key))) failures[i] = new Error(`${name} ${JSON.stringify(key)} is already stored.`);
              else mine?.set(within(key), item);
            });
            return { result: writeBundles(trans, bundles).then(() => ({ numFailures: Object.keys(failures).length, failures, results: keys, lastResult: keys.at(-1) })) };
          });
        };

        const deleteRecords = (trans: DBCoreTransaction, keys: readonly Key[]): Promise<{ result: Promise<DBCoreMutateResponse> }> =>
          bundlesOf(trans, [...new Set(keys.map((k) => String(k[0])))]).then((bundles) => {
            for (const k of keys) bundles.get(String(k[0]))?.delete(within(k));
            return { result: writeBundles(trans, bundles).then(() => ({ numFailures: 0, failures: {}, results: [...keys], lastResult: undefined })) };
          });

        /** The records in the query's range, as entries in the order the index gives them. */
        const entries = (trans: DBCoreTransaction, index: DBCoreIndex, range: DBCoreKeyRange, reverse: boolean, unique: boolean, values = true): Promise<Entry[]> => {
          const byKey = index.isPrimaryKey;
          if (!byKey && index !== measureIndex) throw new Error(`The ${name} table is kept in bundles, which the index ${String(index.name)} cannot read.`);
          return table.query({ trans, values: true, query: { index, range: byKey ? widened(range) : range } }).then(({ result }) => {
            const out: Entry[] = [];
            for (const record of result) {
              for (const item of isBundle(record) ? (values ? how.unpack : how.heads)(record.bundle) : [values ? how.readOld(record) : record]) {
                const primaryKey = keyOf(item);
                if (byKey && !inRange(primaryKey, range)) continue;
                out.push({ key: byKey ? primaryKey : primaryKey[0], primaryKey, item });
              }
            }
            // Records of earlier versions may sit beside a bundle until the upgrade: keep key order.
            // Bundles come in key order and usually hold their items in it, so look before sorting
            // (sorting every target of 2,500 measures was most of the page's task reading them).
            const order = (a: Entry, b: Entry): number => cmp(a.key, b.key) || cmp(a.primaryKey, b.primaryKey);
            if (!out.every((e, i) => i === 0 || order(out[i - 1] as Entry, e) <= 0)) out.sort(order);
            if (reverse) out.reverse();
            if (!unique) return out;
            return out.filter((e, i) => i === 0 || cmp(e.key, out[i - 1]?.key) !== 0);
          });
        };

        const mutate = (req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> => inTurn(req.trans, () => {
          switch (req.type) {
            case 'add':
            case 'put':
              return putRecords(req.trans, req.values, req.type === 'add');
            case 'delete':
              return deleteRecords(req.trans, req.keys as Key[]);
            case 'deleteRange':
              if (req.range.type === ANY) {
                heldBy.set(req.trans, new Set());
                return { result: table.mutate(req) };
              }
              return entries(req.trans, table.schema.primaryKey, req.range, false, false).then((found) => deleteRecords(req.trans, found.map((e) => e.primaryKey)));
          }
        });

        const getMany = (req: DBCoreGetManyRequest): Promise<unknown[]> => {
          const keys = req.keys as Key[];
          const codes = [...new Set(keys.map((k) => String(k[0])))];
          return table.getMany({ ...req, keys: codes.map(bundleKey) }).then((found) => {
            const byCode = new Map<string, Map<string, unknown>>();
            found.forEach((record, i) => {
              if (isBundle(record)) byCode.set(codes[i] ?? '', new Map(how.unpack(record.bundle).map((item) => [within(keyOf(item)), item])));
            });
            // Records of earlier versions are all bundles once the store is open (the version 5
            // upgrade reads them by range, not by key), so a key no bundle holds is not stored.
            return keys.map((k) => byCode.get(String(k[0]))?.get(within(k)));
          });
        };

        // Reads take their turn too, so that they see every write sent before them.
        const read = <T>(trans: DBCoreTransaction, start: () => Promise<T>): Promise<T> => inTurn(trans, () => ({ result: start() }));
        return {
          ...table,
          mutate,
          getMany: (req) => read(req.trans, () => getMany(req)),
          get: (req) => read(req.trans, () => getMany({ trans: req.trans, keys: [req.key] })).then((r) => r[0]),
          query: (req) => read(req.trans, () => entries(req.trans, req.query.index, req.query.range, req.direction === 'prev' || req.direction === 'prevunique', req.direction === 'nextunique' || req.direction === 'prevunique', req.values ?? false)).then((found) => {
            const list = req.limit === undefined ? found : found.slice(0, req.limit);
            return { result: req.values ? list.map((e) => e.item) : list.map((e) => e.primaryKey) };
          }),
          count: (req) => read(req.trans, () => entries(req.trans, req.query.index, req.query.range, false, false, false)).then((found) => found.length),
          openCursor: (req) => read(req.trans, () => entries(req.trans, req.query.index, req.query.range, req.reverse ?? false, req.unique ?? false, req.values !== false)).then((found) => (found.length > 0 ? entriesCursor(req.trans, found, req.values !== false, req.reverse ?? false) : null)),
        };
      };
      return {
        ...down,
        table: (name: string): DBCoreTable => {
          const how = tables[name];
          if (!how) return down.table(name);
          let table = made.get(name);
          if (!table) {
            table = bundled(down.table(name), how);
            made.set(name, table);
          }
          return table;
        },
      };
    },
  };
}
