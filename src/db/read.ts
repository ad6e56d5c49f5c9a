// Reads from the store. Only react-query hooks call these; components never touch the db.
import type { Dataset } from '../domain/dataset';
import type { KeyPart } from '../domain/records';
import type { Stored } from '../domain/records';
import type { BenchmarkSet, Commentary, Measure, NeighbourGroup, ObservationSeries, Portfolio, Target } from '../domain/types';
import type { Table } from 'dexie';
import { getDb } from './schema';
import type { ScrutineerDb } from './schema';
import type { Batch } from './schema';
import { BUNDLED, isBundle } from './bundles';
import { COPY_PART_ITEMS, CopyWriter, codesKey, copyGeneration, readCopy, releaseCopies } from './copies';
import { compactPiece, joinKept, pointsIn } from './packed-series';
import type { SeriesPiece, StoredPiece } from './packed-series';

export async function readPortfolios(): Promise<Portfolio[]> {
  return (await getDb().portfolios.toArray()) as Portfolio[];
}

/** Reads the series of the given measures somewhere other than the page (the import worker), handing them over in pieces. */
export interface SeriesReader {
  read: (codes: readonly string[]) => Promise<ObservationSeries[]>;
  /** True when it is running already (it costs nothing to start). */
  ready: boolean;
  /** Lets it write the read copies of what it read (copies.ts): called once the page is idle. */
  release: () => void;
}

/** Measures above which a SeriesReader not yet running is started to read their series: below it the page reads them sooner. */
const READ_ELSEWHERE_FROM = 200;

/** Points in each piece of series handed over by readSeriesPieces: small enough to take in within a frame. */
export const PIECE_POINTS = 5_000;

/**
 * The series of the given measures as stored, in pieces of about PIECE_POINTS points, read
 * straight from IndexedDB a page of 500 records (measures' bundles) at a time, each page its own read
 * transaction. A measure's series are stored as one piece already: the pieces read are joined, not
 * made again. For the import worker, which reads them for the page: the page then only takes in each
 * piece. Those of more than COPY_FROM measures are read from their read copy where the store has it
 * (the pieces handed over before, kept compact: copies.ts), and kept as one when it has not.
 */
export async function readSeriesPieces(codes: readonly string[], onPiece: (piece: SeriesPiece) => void | Promise<void>): Promise<void> {
  if (codes.length <= COPY_FROM) return readStoredPieces(codes, onPiece);
  const db = getDb();
  const key = await codesKey('series', codes);
  const parts = await readCopy(db, key);
  if (parts) {
    for (const part of parts) for (const kept of part as StoredPiece[]) await onPiece(joinKept([kept]));
    return;
  }
  // Read from the store, and kept as a copy as the pieces go: each is kept in the store's compact
  // form before it is handed over (its buffers are then moved to the page), COPY_PART_PIECES to a
  // part; the copy is written once the page lets it go (SeriesReader.release).
  const writer = new CopyWriter(db, key, await copyGeneration(db));
  let part: StoredPiece[] = [];
  await readStoredPieces(codes, (piece) => {
    part.push(compactPiece(piece));
    if (part.length === COPY_PART_PIECES) {
      writer.add(part);
      part = [];
    }
    return onPiece(piece);
  });
  if (part.length > 0) writer.add(part);
  void writer.finish();
}

/** Pieces a part of a copy of series holds: 100,000 points. */
const COPY_PART_PIECES = 20;

async function readStoredPieces(codes: readonly string[], onPiece: (piece: SeriesPiece) => void | Promise<void>): Promise<void> {
  const wanted = new Set(codes);
  let pieces: (SeriesPiece | StoredPiece)[] = [];
  let points = 0;
  // onPiece waits while the page has pieces enough to take in (its messages would otherwise queue and be taken in together).
  const take = async (records: unknown[]) => {
    for (const r of records) {
      // Every record is a measure's bundle once the store is open (the version 5 upgrade rewrote any other).
      if (!isBundle(r) || !wanted.has(r.measureCode)) continue;
      const kept = r.bundle as SeriesPiece | StoredPiece;
      pieces.push(kept);
      points += pointsIn(kept);
      if (points >= PIECE_POINTS) {
        await onPiece(joinKept(pieces));
        pieces = [];
        points = 0;
      }
    }
  };
  await readInPages(getDb(), 'observations', 500, take);
  if (pieces.length > 0) await onPiece(joinKept(pieces));
}

/**
 * Every record of a store in key order, read straight from IndexedDB a page of `size` records at a
 * time, each page its own read transaction and so its own task on the thread reading it. `take` is
 * given each page in turn; the next page is asked for before it is called, so the store reads
 * while the records are taken in.
 */
async function readInPages(db: ScrutineerDb, store: string, size: number, take: (records: unknown[]) => void | Promise<void>): Promise<void> {
  await db.open();
  const idb = db.backendDB();
  let keyPath: string[] = [];
  const readPage = (after: IDBValidKey | null): Promise<unknown[]> => new Promise((resolve, reject) => {
    const os = idb.transaction(store, 'readonly').objectStore(store);
    keyPath = typeof os.keyPath === 'string' ? [os.keyPath] : os.keyPath ?? [];
    const req = os.getAll(after === null ? null : db.keyRange.lowerBound(after, true), size);
    req.onsuccess = () => resolve(req.result as unknown[]);
    req.onerror = () => reject(req.error ?? new Error(`The stored ${store} could not be read.`));
  });
  const keyOf = (record: unknown): IDBValidKey => {
    const parts = keyPath.map((k) => (record as Record<string, IDBValidKey>)[k] as IDBValidKey);
    return parts.length === 1 ? parts[0] as IDBValidKey : parts;
  };
  let next = readPage(null);
  for (;;) {
    const records = await next;
    if (records.length === 0) break;
    next = records.length < size ? Promise.resolve([]) : readPage(keyOf(records[records.length - 1]));
    // Its failure is thrown when it is awaited, above; until then it is not an unhandled rejection.
    next.catch(() => {});
    await take(records);
  }
}

/** Measures from which a portfolio's measures are read in pages (each a short task), not in one read. */
const MEASURES_IN_PAGES_FROM = 200;

/**
 * Measures from which what is read of a portfolio (its measures, their targets and series) is kept
 * as a read copy (copies.ts) and read from it the next time: below it, the reads are a few hundred
 * records and the copy would save little.
 */
const COPY_FROM = 200;

/** What `read` gives, from its copy under `key` if the store has it whole, else read and then kept as a copy in parts of `partItems`. */
async function throughCopy<T>(key: string, partItems: number, read: () => Promise<T[]>): Promise<T[]> {
  const db = getDb();
  const parts = await readCopy(db, key);
  if (parts) return (parts as T[][]).flat();
  const writer = new CopyWriter(db, key, await copyGeneration(db));
  const items = await read();
  for (let i = 0; i < items.length; i += partItems) writer.add(items.slice(i, i + partItems));
  void writer.finish();
  return items;
}

/**
 * A portfolio's measures in code order. A large portfolio that is most of the store is read straight
 * from IndexedDB a page of 500 at a time (the store's measures of every portfolio, those of others
 * let go), each page taken in as its own task: read in one go, 25,000 measures were taken in as one
 * task of a quarter of a second and more on the page. Any other is read by its index, in one read,
 * rather than reading the larger portfolios' measures beside it for nothing. A portfolio of more
 * than COPY_FROM measures is read from its read copy where the store has it (copies.ts).
 */
export async function readMeasures(portfolioId: string): Promise<Measure[]> {
  const db = getDb();
  const own = () => db.measures.where('portfolioId').equals(portfolioId);
  // A portfolio of a few hundred measures at most, the usual case, in one read: one more than
  // COPY_FROM says whether there are more. (Each query its own collection: Dexie's limit changes
  // the collection it is called on.)
  const few = await own().limit(COPY_FROM + 1).toArray() as Measure[];
  if (few.length <= COPY_FROM) return few;
  const [count, all] = await Promise.all([own().count(), db.measures.count()]);
  return throughCopy(`measures|${portfolioId}`, COPY_PART_ITEMS, () => readStoredMeasures(portfolioId, count, all));
}

async function readStoredMeasures(portfolioId: string, count: number, all: number): Promise<Measure[]> {
  const db = getDb();
  const own = db.measures.where('portfolioId').equals(portfolioId);
  if (count <= MEASURES_IN_PAGES_FROM || count * 2 < all) return own.toArray() as Promise<Measure[]>;
  const out: Measure[] = [];
  await readInPages(db, 'measures', 500, (records) => {
    for (const m of records as Measure[]) if (m.portfolioId === portfolioId) out.push(m);
  });
  return out;
}

/** Measures from which a portfolio's targets are read in pages (each a short task), not in one read. */
const TARGETS_IN_PAGES_FROM = 200;

/**
 * The targets of the given measures, read a page of 500 measures' bundles at a time. Read in one
 * go, 25,000 measures' targets were taken in as one task of over half a second on the page. Those
 * of more than COPY_FROM measures are read from their read copy where the store has it (copies.ts).
 */
export async function readTargetsInPages(codes: readonly string[]): Promise<Target[]> {
  if (codes.length <= COPY_FROM) return readStoredTargets(codes);
  return throughCopy(await codesKey('targets', codes), COPY_PART_ITEMS, () => readStoredTargets(codes));
}

async function readStoredTargets(codes: readonly string[]): Promise<Target[]> {
  const wanted = new Set(codes);
  const out: Target[] = [];
  await readInPages(getDb(), 'targets', 500, (records) => {
    for (const r of records) {
      if (isBundle(r)) {
        if (wanted.has(r.measureCode)) for (const t of BUNDLED.targets?.unpack(r.bundle) ?? []) out.push(t as Target);
      } else if (wanted.has((r as Target).measureCode)) out.push(r as Target);
    }
  });
  return out;
}

/** Measures whose series are read first: a measure may hold a handful of points or thousands (a breakdown by ward). */
const FIRST_SERIES_READ = 8;

/**
 * Points one read of series records takes in on the page: they are made into objects as the read
 * ends, and at the half to one microsecond a point object took to make in Node (docs/speed.md), a
 * read stays a task of some 10 to 20 ms.
 */
const SERIES_READ_POINTS = 20_000;

/**
 * The portfolio's observation series, read a few measures at a time: one read of a few hundred
 * thousand points would hold the page for seconds while the browser turns them into objects, so
 * each read after the first is sized to take about SERIES_READ_POINTS, from the points a measure
 * held in the reads so far. Sized by points, not by the time a read took: that is mostly the
 * store's round trip (about 10 ms here, whatever the read's size), and reads sized by it took the
 * bundled sample's 80 measures in seven reads one after another. A measure's series are one record
 * in the store, found by the measureCode index.
 */
function readSeries(db: ScrutineerDb, codes: readonly string[]): Promise<ObservationSeries[]> {
  const out: ObservationSeries[] = [];
  let at = 0;
  let points = 0;
  let size = FIRST_SERIES_READ;
  const next = (): Promise<ObservationSeries[]> => {
    if (at >= codes.length) return Promise.resolve(out);
    const slice = codes.slice(at, at + size);
    at += slice.length;
    return Promise.all(slice.map((code) => db.observations.where('measureCode').equals(code).toArray())).then((found) => {
      for (const list of found) {
        for (const s of list) {
          out.push(s as ObservationSeries);
          points += (s as ObservationSeries).points.length;
        }
      }
      size = seriesReadSize(points, at);
      return next();
    });
  };
  return next();
}

/** Measures a read of series asks for at most: each is its own request to the store. */
const MAX_SERIES_READ = 200;

/** Measures the next read of series asks for, given the points the measures read so far held: about SERIES_READ_POINTS, one at least. */
export function seriesReadSize(points: number, measures: number): number {
  const perMeasure = measures > 0 ? points / measures : 0;
  return Math.max(1, Math.min(MAX_SERIES_READ, perMeasure > 0 ? Math.floor(SERIES_READ_POINTS / perMeasure) : MAX_SERIES_READ));
}

/** Records of the given measures: by index for a few, by one pass and a filter for many (an anyOf cursor over thousands of codes takes seconds). */
function byCodes<T extends { measureCode: string }>(table: Table<T, KeyPart[] | string>, codes: readonly string[]): Promise<T[]> {
  if (codes.length <= 200) return table.where('measureCode').anyOf([...codes]).toArray() as Promise<T[]>;
  const wanted = new Set(codes);
  return (table.toArray() as Promise<T[]>).then((rows) => rows.filter((r) => wanted.has(r.measureCode)));
}

/** Everything the store holds for one portfolio. */
export async function readDataset(portfolioId: string, seriesElsewhere?: SeriesReader): Promise<Dataset> {
  const db = getDb();
  // Read by the SeriesReader, if it reads them, alongside the page's reads of everything else. Not
  // awaited in the transaction: its promise is not Dexie's.
  let away: Promise<ObservationSeries[]> | null = null;
  // A large portfolio's targets, read in pages beside the transaction (as the series are).
  let targetsAway: Promise<Target[]> | null = null;
  // Read in pages before the transaction: the codes they give say what else to read.
  const measures = await readMeasures(portfolioId);
  const dataset = await db.transaction('r', [db.portfolios, db.priorities, db.observations, db.targets, db.commentary, db.budgetLines, db.bridgeLines, db.reserves, db.savings, db.capital, db.narrative, db.benchmarks, db.neighbourGroups], async () => {
    const codes = measures.map((m) => m.code);
    if (seriesElsewhere && codes.length > 0 && (seriesElsewhere.ready || codes.length > READ_ELSEWHERE_FROM)) {
      away = seriesElsewhere.read(codes);
      // Awaited after the transaction; should the transaction fail first, its failure is the one reported.
      away.catch(() => {});
    }
    if (codes.length > TARGETS_IN_PAGES_FROM) {
      targetsAway = readTargetsInPages(codes);
      targetsAway.catch(() => {});
    }
    const byPortfolio = <T extends keyof Stored>(t: T) => db.dataTable(t).where('portfolioId').equals(portfolioId).toArray() as Promise<Stored[T]>;
    const [portfolio, priorities, observations, targets, commentary, budgetLines, bridgeLines, reserves, savings, capital, narrative, benchmarks, neighbourGroups] = await Promise.all([
      db.portfolios.get(portfolioId) as Promise<Portfolio | undefined>,
      byPortfolio('priorities'),
      away ? Promise.resolve([]) : readSeries(db, codes),
      targetsAway ? Promise.resolve([]) : byCodes(db.targets as Table<Target, KeyPart[] | string>, codes),
      byCodes(db.commentary as Table<Commentary, KeyPart[] | string>, codes),
      byPortfolio('budgetLines'),
      byPortfolio('bridgeLines'),
      byPortfolio('reserves'),
      byPortfolio('savings'),
      byPortfolio('capital'),
      byPortfolio('narrative'),
      byCodes(db.benchmarks as Table<BenchmarkSet, KeyPart[] | string>, codes),
      // Neighbour groups belong to the council, not to one portfolio.
      db.neighbourGroups.toArray() as Promise<NeighbourGroup[]>,
    ]);
    return {
      portfolio: portfolio ?? null,
      priorities: priorities.sort((a, b) => a.number - b.number),
      measures,
      observations,
      targets,
      commentary,
      budgetLines,
      bridgeLines,
      reserves,
      savings,
      capital,
      narrative,
      benchmarks,
      neighbourGroups,
    };
  });
  const [observations, targets] = await Promise.all([away ?? dataset.observations, targetsAway ?? dataset.targets]);
  // The read copies of what was read are written once the page has drawn it and is idle.
  whenIdle(() => {
    releaseCopies();
    seriesElsewhere?.release();
  });
  return { ...dataset, observations, targets };
}

/** Runs `then` once the page is idle (at most 10 s from now), or soon where idle callbacks are not to be had. */
function whenIdle(then: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(then, { timeout: 10_000 });
  else setTimeout(then, 0);
}

/** Import history, newest first. */
export async function readBatches(): Promise<Batch[]> {
  return (await getDb().batches.orderBy('importedAt').toArray()).sort((a, b) => (b.id ?? 0) - (a.id ?? 0));
}
