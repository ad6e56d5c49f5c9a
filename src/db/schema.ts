// The IndexedDB schema. Never edit a shipped version: add the next one with an upgrade and a test.
import Dexie from 'dexie';
import type { Table } from 'dexie';
import type { BatchKind } from '../domain/import/stage';
import type { Counts, Write } from '../domain/import/plan';
import type { KeyPart, Stored, TableName } from '../domain/records';
import { BUNDLED, bundlesMiddleware } from './bundles';
import type { CopiesTable } from './copies';

export interface Batch {
  id?: number;
  fileName: string;
  kind: BatchKind;
  /** ISO date-time the import was committed. */
  importedAt: string;
  /** SHA-256 of the file's bytes, hex. */
  hash: string;
  portfolioId: string;
  source: 'file' | 'sample';
  counts: Record<TableName, Counts>;
  total: Counts;
  warnings: number;
  undoneAt: string | null;
}

/** What undoing a batch puts back: each record it wrote, as it was before (null: delete it). */
export interface BatchUndo {
  batchId: number;
  writes: Pick<Write, 'table' | 'key' | 'before'>[];
}

export interface Meta {
  key: string;
  value: unknown;
}

type StoreTables = { [T in TableName]: Table<Stored[T][number], KeyPart[] | string> };

export class ScrutineerDb extends Dexie {
  declare portfolios: StoreTables['portfolios'];
  declare priorities: StoreTables['priorities'];
  declare measures: StoreTables['measures'];
  declare observations: StoreTables['observations'];
  declare targets: StoreTables['targets'];
  declare commentary: StoreTables['commentary'];
  declare budgetLines: StoreTables['budgetLines'];
  declare bridgeLines: StoreTables['bridgeLines'];
  declare reserves: StoreTables['reserves'];
  declare savings: StoreTables['savings'];
  declare capital: StoreTables['capital'];
  declare narrative: StoreTables['narrative'];
  declare benchmarks: StoreTables['benchmarks'];
  declare neighbourGroups: StoreTables['neighbourGroups'];
  declare batches: Table<Batch, number>;
  declare batchUndo: Table<BatchUndo, number>;
  declare meta: Table<Meta, string>;
  declare copies: CopiesTable;

  /** The key ranges of the IndexedDB this database runs on (the in-memory one's, where the browser's is refused), for reads straight from it. */
  readonly keyRange: typeof IDBKeyRange;

  constructor(name = 'scrutineer', options?: { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange }) {
    super(name, options);
    this.keyRange = options?.IDBKeyRange ?? globalThis.IDBKeyRange;
    this.version(1).stores({
      portfolios: 'id',
      priorities: '[portfolioId+number], portfolioId',
      measures: 'code, portfolioId, priority',
      // Keyed by series (measure × actual or comparator), points inside; stored one record a measure: see README.
      observations: '[measureCode+series], measureCode',
      targets: '[measureCode+year+breakdown], measureCode',
      commentary: '[measureCode+report], measureCode',
      budgetLines: '[portfolioId+period+division+service], portfolioId, period',
      bridgeLines: '[portfolioId+year+division+line], portfolioId',
      reserves: '[portfolioId+period+division+category+narration+purpose], portfolioId, period',
      savings: '[portfolioId+period+division+proposal], portfolioId, period',
      capital: '[portfolioId+period+scheme+year+fundingSource], portfolioId, period',
      batches: '++id, importedAt',
      batchUndo: 'batchId',
      meta: 'key',
    });
    // Version 2: narrative beside the figures (programmes, projects, developments, issues, committee comments).
    this.version(2).stores({
      narrative: '[portfolioId+report+type+title], portfolioId, report, *measureCodes',
    });
    // Version 3: national statistics for benchmarking (every area's figure, per measure and period) and neighbour groups.
    this.version(3).stores({
      benchmarks: '[measureCode+period], measureCode',
      neighbourGroups: 'name',
    });
    // Version 4: observation series stored packed (packed-series.ts), same keys and indexes. Series
    // written before are read as they are, and repacked here.
    this.version(4).stores({}).upgrade((tx) => tx.table('observations').toArray().then((all) => tx.table('observations').bulkPut(all)));
    // Version 5: a measure's series stored together in one record, and its targets in another
    // (bundles.ts); the same keys and indexes for the rest of the app. Records stored one each
    // before are read, and rewritten so.
    this.version(5).stores({}).upgrade((tx) => Promise.all(Object.keys(BUNDLED).map((name) => {
      const table = tx.table(name);
      return table.toArray().then((all) => table.clear().then(() => table.bulkPut(all)));
    })));
    // Version 6: read copies of large portfolios (copies.ts), made as they are first read. An upgrade
    // that changes the data must drop them (`dropCopies`), as every write of the data does.
    this.version(6).stores({ copies: 'key' });
    this.use(bundlesMiddleware(BUNDLED));
  }

  dataTable(name: TableName): Table<Stored[TableName][number], KeyPart[] | string> {
    return this[name] as unknown as Table<Stored[TableName][number], KeyPart[] | string>;
  }
}

/** The primary key IndexedDB uses for a natural key: single keys bare, compound keys as arrays. */
export function idbKey(key: readonly KeyPart[]): KeyPart[] | string {
  return key.length === 1 && typeof key[0] === 'string' ? key[0] : [...key];
}

let instance: ScrutineerDb | null = null;
let memoryOnly = false;

/** The app's one database. */
export function getDb(): ScrutineerDb {
  instance ??= new ScrutineerDb();
  return instance;
}

/**
 * Opens the store before the app renders. Where the browser refuses IndexedDB (some private
 * windows, storage blocked by policy), the dashboard runs on an in-memory store for the session
 * instead, and says so; the in-memory implementation loads only then.
 */
export async function openStore(): Promise<{ memoryOnly: boolean; reason: string | null }> {
  try {
    if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available in this browser');
    await getDb().open();
    return { memoryOnly: false, reason: null };
  } catch (e) {
    const { IDBFactory: MemoryFactory, IDBKeyRange: MemoryKeyRange } = await import('fake-indexeddb');
    instance?.close();
    instance = new ScrutineerDb('scrutineer', { indexedDB: new MemoryFactory(), IDBKeyRange: MemoryKeyRange as unknown as typeof IDBKeyRange });
    await instance.open();
    memoryOnly = true;
    return { memoryOnly: true, reason: e instanceof Error ? e.message : String(e) };
  }
}

/** True when the store lives in memory only (this session). */
export function isMemoryOnly(): boolean {
  return memoryOnly;
}

/** Closes and forgets the database (tests open a fresh one each time, in the given IndexedDB if any). */
export function resetDbForTests(name?: string, options?: { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange }): ScrutineerDb {
  instance?.close();
  instance = new ScrutineerDb(name, options);
  return instance;
}
