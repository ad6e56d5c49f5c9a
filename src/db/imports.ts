// Importing into the store: preview and commit run the same planner, the commit inside one
// read-write transaction, so an import is written whole or not at all.
import Dexie from 'dexie';
import { existingKey, giveBatchIds, keysToLoad, previewBatchIds } from '../domain/import/plan';
import type { Existing, StoredRecord, Write } from '../domain/import/plan';
import { inImportOrder, kindOf, planFiles, stageFiles } from '../domain/import/stage';
import type { DraftFile, FilePlan, StagedFile } from '../domain/import/stage';
import { STORED_KEYS, TABLE_NAMES, keyString } from '../domain/records';
import type { KeyPart, TableName } from '../domain/records';
import type { Measure } from '../domain/types';
import { pointCount } from '../domain/series';
import { BUNDLED } from './bundles';
import { dropCopies } from './copies';
import { getDb, idbKey } from './schema';
import type { Batch, ScrutineerDb } from './schema';
import type { Archive } from '../domain/archive';

export interface DatasetChoice {
  id: string;
  name: string;
}

export class ImportChangedError extends Error {
  constructor() {
    super('The stored data changed since this preview was made (perhaps in another tab). Review the new preview and confirm again.');
  }
}

export class ImportHasErrorsError extends Error {
  constructor(count: number) {
    super(`The import has ${count} error${count === 1 ? '' : 's'}; nothing was written.`);
  }
}

async function loadExisting(db: ScrutineerDb, files: readonly FilePlan[] | readonly { staged: FilePlan['staged'] }[]): Promise<Existing> {
  const existing: Existing = new Map();
  const byTable = new Map<TableName, { key: (string | number)[] }[]>();
  for (const f of files) {
    for (const k of keysToLoad(f.staged)) {
      const list = byTable.get(k.table) ?? [];
      list.push(k);
      byTable.set(k.table, list);
    }
  }
  for (const [table, keys] of byTable) {
    const stored = await storedAmong(db, table, keys);
    const found = await db.dataTable(table).bulkGet(stored.map((k) => idbKey(k.key)));
    found.forEach((rec, i) => {
      const k = stored[i];
      if (rec && k) existing.set(existingKey(table, k.key), rec);
    });
  }
  return existing;
}

/** Keys above which the table's stored keys are read first (one request) so that only records that exist are fetched. */
const LOOKUP_BY_KEYS = 200;

/**
 * The keys of the list the table holds. A large import is mostly new records, and a get for each
 * that finds nothing costs as much as one that finds a record: one read of every stored key is cheaper.
 * Not so for a table kept in bundles (bundles.ts): its keys are inside its records, and reading them
 * means reading every record, while a read by key reads one bundle a measure.
 */
function storedAmong<K extends { key: KeyPart[] }>(db: ScrutineerDb, table: TableName, keys: K[]): Promise<K[]> {
  if (keys.length <= LOOKUP_BY_KEYS || table in BUNDLED) return Promise.resolve(keys);
  return db.dataTable(table).toCollection().primaryKeys().then((all) => {
    const held = new Set(all.map((k) => keyString(Array.isArray(k) ? (k as KeyPart[]) : [k as KeyPart])));
    return keys.filter((k) => held.has(keyString(k.key)));
  });
}

/** Every stored record, for a restore (which must know what it will remove). */
async function loadEverything(db: ScrutineerDb): Promise<Existing> {
  const existing: Existing = new Map();
  for (const table of TABLE_NAMES) {
    const rows = (await db.dataTable(table).toArray()) as StoredRecord[];
    for (const r of rows) existing.set(existingKey(table, (STORED_KEYS[table] as (x: StoredRecord) => KeyPart[])(r)), r);
  }
  return existing;
}

/** What a preview or commit may report as it goes, and how a commit may be cancelled. */
export interface CommitOptions {
  /** Rows staged so far (all files), after each file. */
  onProgress?: (file: string, rowsDone: number) => void;
  /**
   * Rows written so far, of all the import writes (a series record counts its points), and the
   * store's records written of all: the store's cost is a record's, whatever its rows.
   */
  onWrite?: (done: number, total: number, records: number, totalRecords: number) => void;
  /** Aborting it before the last write leaves the store exactly as it was. */
  signal?: AbortSignal;
  /** Settings written with the import, in the same transaction (only known setting keys). */
  settings?: Record<string, unknown>;
}

export class ImportCancelledError extends Error {
  constructor() {
    super('The import was cancelled; nothing was written.');
    this.name = 'ImportCancelledError';
  }
}

/**
 * Rows written per IndexedDB request: large enough to amortise a request, small enough to report
 * progress and notice a cancel often. A series record counts its points as rows.
 */
export const WRITE_CHUNK_ROWS = 10_000;

/** Rows a write stands for: a series record its points, any other record one. */
function writeWeight(w: Write): number {
  const rec = w.after ?? w.before;
  return rec && 'points' in rec ? Math.max(1, pointCount(rec)) : 1;
}

/** Writes in runs of about WRITE_CHUNK_ROWS rows. */
function* chunks(writes: readonly Write[]): Generator<Write[]> {
  let chunk: Write[] = [];
  let weight = 0;
  for (const w of writes) {
    chunk.push(w);
    weight += writeWeight(w);
    if (weight >= WRITE_CHUNK_ROWS) {
      yield chunk;
      chunk = [];
      weight = 0;
    }
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * Chunks written at once. The worker serialises a chunk while the browser stores the ones before
 * it; waiting for each chunk before sending the next left the two taking turns, each idle half the
 * time. Few, so that progress and a cancel still follow the writing closely.
 */
const CHUNKS_IN_FLIGHT = 3;

/** Requests in one transaction, at most CHUNKS_IN_FLIGHT at once (IndexedDB carries them out in the order sent). */
class WriteWindow {
  private readonly pending: Promise<unknown>[] = [];

  /**
   * Sends a request; returns the oldest request to wait for when the window is full. (The caller
   * awaits Dexie's own promise: awaiting inside a nested async function would lose the transaction.)
   */
  add(request: Promise<unknown>): Promise<unknown> | undefined {
    // A failure is thrown by the caller's wait, or by drain's: never left unhandled meanwhile.
    request.catch(() => undefined);
    this.pending.push(request);
    return this.pending.length >= CHUNKS_IN_FLIGHT ? this.pending.shift() : undefined;
  }

  /** Every request sent and not yet waited for. */
  drain(): Promise<unknown[]> {
    return Promise.all(this.pending.splice(0));
  }
}

/** Changes whenever an import, undo or clearing changes the store (what staging reads from it). */
function storeStamp(batches: readonly Batch[]): string {
  return `${batches.length}:${batches.at(-1)?.id ?? 0}:${batches.filter((b) => b.undoneAt !== null).length}`;
}

/**
 * A draft as the kept staging and plans remember it: a table by its file (id, name and hash: reading
 * the same bytes again gives the same table, so a table let go and read again is the same draft), its
 * kind and how its columns are read; an archive by identity (never changed in place). Not the table
 * itself, which would keep it in memory.
 */
type DraftSign = string | Archive;
const signOf = (d: DraftFile): DraftSign => ('archive' in d ? d.archive : JSON.stringify([d.id, d.name, d.hash, d.kind, d.roles, d.statistics ?? null]));
const signsOf = (drafts: readonly DraftFile[]): DraftSign[] => drafts.map(signOf);

/** The same files read the same way. */
function sameDrafts(signs: readonly DraftSign[], drafts: readonly DraftFile[]): boolean {
  return signs.length === drafts.length && drafts.every((d, i) => signOf(d) === signs[i]);
}

/**
 * The last staging, kept so that confirming a preview does not read every row again: reused when
 * the same drafts are committed into the same dataset and the store has not changed since.
 */
let lastStaging: { drafts: readonly DraftSign[]; dataset: string; stamp: string; staged: StagedFile[] } | null = null;

/**
 * The plans of the last preview, kept so that confirming it writes them rather than planning
 * again: taken when the same drafts are committed into the same dataset and nothing the planner
 * read has changed since (the history, and the neighbour groups edited by hand outside it).
 */
let lastPlans: { drafts: readonly DraftSign[]; dataset: string; stamp: string; plans: FilePlan[] } | null = null;

/** The history's stamp as a preview saw it: the batches a commit has just added for these files are not a change to the store. */
function historyStamp(batches: readonly Batch[], pending: readonly number[]): string {
  return storeStamp(batches.filter((b) => b.id === undefined || !pending.includes(b.id)));
}

/** What a plan rests on beyond the records it read: the history and the hand-made neighbour groups. */
const planStamp = (history: string, groups: readonly unknown[]): string => `${history}|${JSON.stringify(groups)}`;

/** The kept preview's plans, if they are for these drafts and this store; taken, so a commit that fails plans afresh. */
function takePlans(drafts: readonly DraftFile[], dataset: string, stamp: string): FilePlan[] | null {
  const kept = lastPlans;
  lastPlans = null;
  return kept && kept.dataset === dataset && kept.stamp === stamp && sameDrafts(kept.drafts, drafts) ? kept.plans : null;
}

/** Lets go of the kept staging and plans (their files were removed from the import). */
export function forgetStaging(): void {
  lastStaging = null;
  lastPlans = null;
}

/**
 * Stages the drafts, or takes the kept staging. Chained on Dexie's own promises rather than
 * awaited in nested async functions: inside a transaction, awaits nested two async calls deep
 * lose the transaction (Dexie's PrematureCommitError).
 */
function stage(db: ScrutineerDb, drafts: readonly DraftFile[], dataset: DatasetChoice, options: CommitOptions, history: string): Promise<StagedFile[]> {
  if (lastStaging && lastStaging.dataset === dataset.id && lastStaging.stamp === history && sameDrafts(lastStaging.drafts, drafts)) return Promise.resolve(lastStaging.staged);
  return db.measures.toArray().then((measures) => {
    const units = new Map((measures as Measure[]).map((m) => [m.code, { unit: m.unit }]));
    const staged = stageFiles(drafts, dataset.id, units, options.onProgress);
    lastStaging = { drafts: signsOf(drafts), dataset: dataset.id, stamp: history, staged };
    return staged;
  });
}

/** Stages and plans the drafts against the store as it is now (`history`: its history's stamp, read in the same transaction). */
async function buildPlans(db: ScrutineerDb, drafts: readonly DraftFile[], dataset: DatasetChoice, batchIds: readonly number[], history: string, options: CommitOptions = {}): Promise<FilePlan[]> {
  const staged = await stage(db, drafts, dataset, options, history);
  if (staged.some((f) => f.replace)) return planFiles(staged, await loadEverything(db), batchIds);
  const hasPortfolio = (await db.portfolios.get(dataset.id)) !== undefined || staged.some((f) => f.staged.portfolios.some((p) => p.id === dataset.id));
  const [first, ...rest] = staged;
  // A dataset new to the store is created with the first file (staged records are never changed in place).
  const files = !hasPortfolio && first
    ? [{ ...first, staged: { ...first.staged, portfolios: [...first.staged.portfolios, { id: dataset.id, name: dataset.name, council: '', cabinetMember: '', batchId: 0 }] } }, ...rest]
    : staged;
  const existing = await loadExisting(db, files);
  return planFiles(files, existing, batchIds);
}

const dataTables = (db: ScrutineerDb) => TABLE_NAMES.map((t) => db.dataTable(t));

/**
 * Stages the drafts against the store as it is now and keeps the staging for the preview and the
 * commit that follow, so that their tables can be let go before the plan is made: planning a large
 * file is when an import holds most.
 */
export async function stageImport(drafts: readonly DraftFile[], dataset: DatasetChoice, options: CommitOptions = {}): Promise<void> {
  const db = getDb();
  const ordered = inImportOrder(drafts);
  await db.transaction('r', [db.measures, db.batches], async () => {
    await stage(db, ordered, dataset, options, historyStamp(await db.batches.toArray(), []));
  });
}

/** What importing the drafts would do, without writing anything. */
export async function previewImport(drafts: readonly DraftFile[], dataset: DatasetChoice, options: CommitOptions = {}): Promise<FilePlan[]> {
  const db = getDb();
  const ordered = inImportOrder(drafts);
  return db.transaction('r', [...dataTables(db), db.batches], async () => {
    const history = historyStamp(await db.batches.toArray(), []);
    const plans = await buildPlans(db, ordered, dataset, previewBatchIds(ordered.length), history, options);
    lastPlans = { drafts: signsOf(ordered), dataset: dataset.id, stamp: planStamp(history, await db.neighbourGroups.toArray()), plans };
    return plans;
  });
}

/**
 * Writes the drafts as previewed, all or nothing: one transaction, written in chunks (so progress
 * can be shown and a cancel noticed); a cancel or failure aborts it and the store is as it was.
 * `expected` is the preview's totals per file: if the store changed since, nothing is written and
 * ImportChangedError is thrown.
 */
export async function commitImport(
  drafts: readonly DraftFile[],
  dataset: DatasetChoice,
  expected: readonly FilePlan['total'][],
  source: Batch['source'] = 'file',
  now: Date = new Date(),
  options: CommitOptions = {},
): Promise<number[]> {
  const db = getDb();
  const ordered = inImportOrder(drafts);
  const cancelled = () => {
    if (options.signal?.aborted) throw new ImportCancelledError();
  };
  const ids = await db.transaction('rw', [...dataTables(db), db.batches, db.batchUndo, db.meta, db.copies], async () => {
    const ids: number[] = [];
    for (const d of ordered) {
      ids.push(await db.batches.add({
        fileName: d.name, kind: kindOf(d), importedAt: now.toISOString(), hash: d.hash, portfolioId: dataset.id, source,
        counts: {} as Batch['counts'], total: { add: 0, update: 0, unchanged: 0, remove: 0 }, warnings: 0, undoneAt: null,
      }));
    }
    // The preview's plans, if nothing they rest on has changed (each file's records then given its batch id); else planned afresh.
    const history = historyStamp(await db.batches.toArray(), ids);
    const kept = takePlans(ordered, dataset.id, planStamp(history, await db.neighbourGroups.toArray()));
    if (kept) giveBatchIds(kept, ids);
    const plans = kept ?? await buildPlans(db, ordered, dataset, ids, history, options);
    const errors = plans.flatMap((p) => p.issues.filter((i) => i.level === 'error'));
    if (errors.length > 0) throw new ImportHasErrorsError(errors.length);
    plans.forEach((p, i) => {
      const e = expected[i];
      if (!e || e.add !== p.total.add || e.update !== p.total.update || e.unchanged !== p.total.unchanged || e.remove !== p.total.remove) throw new ImportChangedError();
    });
    const total = plans.reduce((n, p) => n + p.writes.reduce((m, w) => m + writeWeight(w), 0), 0);
    const totalRecords = plans.reduce((n, p) => n + p.writes.length, 0);
    // The read copies hold the data as it was: an import that writes anything drops them. One that
    // writes nothing (the same files again) leaves them, and the data, as they were.
    if (totalRecords > 0) await dropCopies(db);
    let done = 0;
    let records = 0;
    options.onWrite?.(0, total, 0, totalRecords);
    const writing = new WriteWindow();
    for (const [i, plan] of plans.entries()) {
      const batchId = ids[i] ?? 0;
      for (const table of TABLE_NAMES) {
        const mine = plan.writes.filter((w) => w.table === table);
        const deletes = mine.filter((w) => w.after === null).map((w) => idbKey(w.key));
        for (const chunk of chunks(mine.filter((w) => w.after !== null))) {
          cancelled();
          const weight = chunk.reduce((m, w) => m + writeWeight(w), 0);
          await writing.add(db.dataTable(table).bulkPut(chunk.map((w) => w.after as StoredRecord)).then(() => {
            done += weight;
            records += chunk.length;
            options.onWrite?.(done, total, records, totalRecords);
          }));
        }
        if (deletes.length > 0) {
          cancelled();
          await writing.add(db.dataTable(table).bulkDelete(deletes).then(() => {
            done += deletes.length;
            records += deletes.length;
            options.onWrite?.(done, total, records, totalRecords);
          }));
        }
      }
      await writing.drain();
      // A backup brings its settings with it.
      for (const [key, value] of Object.entries(plan.archive?.scrutineer === 'backup' ? plan.archive.settings ?? {} : {})) {
        if (SETTING_KEYS.includes(key)) await db.meta.put({ key, value });
      }
      await db.batches.update(batchId, {
        kind: plan.kind, fileName: plan.name, hash: plan.hash, counts: plan.counts, total: plan.total,
        warnings: plan.issues.length,
      });
      cancelled();
      await db.batchUndo.put({ batchId, writes: plan.writes.map(({ table, key, before }) => ({ table, key, before })) });
    }
    for (const [key, value] of Object.entries(options.settings ?? {})) {
      if (SETTING_KEYS.includes(key)) await db.meta.put({ key, value });
    }
    return ids;
  });
  lastStaging = null;
  lastPlans = null;
  return ids;
}

/** Undoes the batch and every later one still in force, newest first: the store returns to exactly its state before the batch. */
export async function undoFrom(batchId: number, now: Date = new Date()): Promise<number[]> {
  const db = getDb();
  return db.transaction('rw', [...dataTables(db), db.batches, db.batchUndo, db.copies], async () => {
    await dropCopies(db);
    const later = (await db.batches.where('id').aboveOrEqual(batchId).toArray()).filter((b) => b.undoneAt === null).reverse();
    const undone: number[] = [];
    for (const batch of later) {
      if (batch.id === undefined) continue;
      const undo = await db.batchUndo.get(batch.id);
      for (const w of [...(undo?.writes ?? [])].reverse()) {
        const table = db.dataTable(w.table);
        if (w.before === null) await table.delete(idbKey(w.key));
        else await table.put(w.before as StoredRecord);
      }
      await db.batches.update(batch.id, { undoneAt: now.toISOString() });
      await db.batchUndo.delete(batch.id);
      undone.push(batch.id);
    }
    return undone;
  });
}

/** Empties every data table and the history; keeps settings. */
export async function clearAllData(): Promise<void> {
  const db = getDb();
  await db.transaction('rw', [...dataTables(db), db.batches, db.batchUndo, db.copies], async () => {
    await dropCopies(db);
    await Promise.all([...dataTables(db), db.batches, db.batchUndo].map((t) => t.clear()));
  });
}

/** Settings kept in the store with the data; a backup carries them. */
export const SETTING = { tolerance: 'rag-tolerance', varianceRule: 'variance-rule', authority: 'benchmark-authority' } as const;
export const SETTING_KEYS: readonly string[] = Object.values(SETTING);

/** True when the store holds no import (its history is empty). */
export async function storeIsEmpty(): Promise<boolean> {
  return (await getDb().batches.count()) === 0;
}

export async function getMeta<T>(key: string): Promise<T | undefined> {
  return (await getDb().meta.get(key))?.value as T | undefined;
}

export async function setMeta(key: string, value: unknown): Promise<void> {
  await getDb().meta.put({ key, value });
}

export function isQuotaError(e: unknown): boolean {
  return e instanceof Dexie.QuotaExceededError || (e instanceof Error && e.name === 'QuotaExceededError');
}
