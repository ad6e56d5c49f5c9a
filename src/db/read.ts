// Reads from the store. Only react-query hooks call these; components never touch the db.
import type { Dataset } from '../domain/dataset';
import type { KeyPart } from '../domain/records';
import type { Stored } from '../domain/records';
import type { BenchmarkSet, Commentary, Measure, NeighbourGroup, ObservationSeries, Portfolio, Target } from '../domain/types';
import type { Table } from 'dexie';
import { getDb } from './schema';
import type { ScrutineerDb } from './schema';
import type { Batch } from './schema';
import { isBundle } from './bundles';
import { joinKept } from './packed-series';
import type { SeriesPiece, StoredPiece } from './packed-series';

export async function readPortfolios(): Promise<Portfolio[]> {
  return (await getDb().portfolios.toArray()) as Portfolio[];
}

/** Reads the series of the given measures somewhere other than the page (the import worker), handing them over in pieces. */
export interface SeriesReader {
  read: (codes: readonly string[]) => Promise<ObservationSeries[]>;
  /** True when it is running already (it costs nothing to start). */
  ready: boolean;
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
 * piece.
 */
export async function readSeriesPieces(codes: readonly string[], onPiece: (piece: SeriesPiece) => void | Promise<void>): Promise<void> {
  const db = getDb();
  await db.open();
  const idb = db.backendDB();
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
      points += kept.raw.length;
      if (points >= PIECE_POINTS) {
        await onPiece(joinKept(pieces));
        pieces = [];
        points = 0;
      }
    }
  };
  const PAGE = 500;
  const readPage = (after: IDBValidKey | null): Promise<unknown[]> => new Promise((resolve, reject) => {
    const store = idb.transaction('observations', 'readonly').objectStore('observations');
    const req = store.getAll(after === null ? null : IDBKeyRange.lowerBound(after, true), PAGE);
    req.onsuccess = () => resolve(req.result as unknown[]);
    req.onerror = () => reject(req.error ?? new Error('The stored observations could not be read.'));
  });
  // The next page is asked for before this one is handed over, so the store reads while the page takes pieces in.
  let next = readPage(null);
  for (;;) {
    const records = await next;
    if (records.length === 0) break;
    const last = records[records.length - 1] as { measureCode: string; series: string };
    next = records.length < PAGE ? Promise.resolve([]) : readPage([last.measureCode, last.series]);
    // Its failure is thrown when it is awaited, above; until then it is not an unhandled rejection.
    next.catch(() => {});
    await take(records);
  }
  if (pieces.length > 0) await onPiece(joinKept(pieces));
}

/** Time one read of series records may take on the page before the next read is made smaller: under a frame's budget of long tasks. */
const SERIES_READ_MS = 25;

/**
 * The portfolio's observation series, read a few measures at a time: one read of a few hundred
 * thousand points would hold the page for seconds while the browser turns them into objects, so
 * the reads are sized, as they go, to take about SERIES_READ_MS each. A measure's series are one
 * record in the store, found by the measureCode index.
 */
function readSeries(db: ScrutineerDb, codes: readonly string[]): Promise<ObservationSeries[]> {
  const out: ObservationSeries[] = [];
  let at = 0;
  // One measure first: a measure may hold a handful of points or thousands (a breakdown by ward).
  let size = 1;
  const next = (): Promise<ObservationSeries[]> => {
    if (at >= codes.length) return Promise.resolve(out);
    const slice = codes.slice(at, at + size);
    at += slice.length;
    const started = performance.now();
    return Promise.all(slice.map((code) => db.observations.where('measureCode').equals(code).toArray())).then((found) => {
      for (const list of found) for (const s of list) out.push(s as ObservationSeries);
      const took = performance.now() - started;
      // Toward SERIES_READ_MS a read, growing at most twofold a step (measures differ in size).
      size = Math.max(1, Math.min(100, size * 2, Math.round(size * (took > 0 ? SERIES_READ_MS / took : 2))));
      return next();
    });
  };
  return next();
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
  const dataset = await db.transaction('r', [db.portfolios, db.priorities, db.measures, db.observations, db.targets, db.commentary, db.budgetLines, db.bridgeLines, db.reserves, db.savings, db.capital, db.narrative, db.benchmarks, db.neighbourGroups], async () => {
    const measures = (await db.measures.where('portfolioId').equals(portfolioId).toArray()) as Measure[];
    const codes = measures.map((m) => m.code);
    if (seriesElsewhere && codes.length > 0 && (seriesElsewhere.ready || codes.length > READ_ELSEWHERE_FROM)) {
      away = seriesElsewhere.read(codes);
      // Awaited after the transaction; should the transaction fail first, its failure is the one reported.
      away.catch(() => {});
    }
    const byPortfolio = <T extends keyof Stored>(t: T) => db.dataTable(t).where('portfolioId').equals(portfolioId).toArray() as Promise<Stored[T]>;
    const [portfolio, priorities, observations, targets, commentary, budgetLines, bridgeLines, reserves, savings, capital, narrative, benchmarks, neighbourGroups] = await Promise.all([
      db.portfolios.get(portfolioId) as Promise<Portfolio | undefined>,
      byPortfolio('priorities'),
      away ? Promise.resolve([]) : readSeries(db, codes),
      byCodes(db.targets as Table<Target, KeyPart[] | string>, codes),
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
  return away ? { ...dataset, observations: await away } : dataset;
}

/** Import history, newest first. */
export async function readBatches(): Promise<Batch[]> {
  return (await getDb().batches.orderBy('importedAt').toArray()).sort((a, b) => (b.id ?? 0) - (a.id ?? 0));
}
