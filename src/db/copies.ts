// Read copies: a large portfolio's measures, targets and series, kept as a few records besides the
// one-a-measure records they are read from, so that loading the portfolio again reads a few dozen
// records rather than tens of thousands.
//
// IndexedDB costs about 70 µs a record to read here however small the record: at 10,000 measures the
// measures, their targets and their series are 30,000 records, over a second of the store's own
// time before the page has a figure. A copy holds the same values, in the order the reads give them,
// in parts (each read and taken in as a short task): a thousand measures or targets, or twenty of the
// pieces of series the import worker hands the page, in the store's compact form.
//
// The copies are only ever a faster way to the same values:
// - every transaction that changes the data (an import, an undo, clearing the store) drops every
//   copy and moves the store's copy generation on, in that same transaction (`dropCopies`);
// - a copy is made from a read begun at a generation, and each part of it is written only if the
//   generation is still that one, checked in the part's own write; its head, saying how many parts
//   it has, is written last;
// - a copy is read only whole: its head and every part of the generation in force, else the reads it
//   stands for are made instead;
// - a copy is written once the page, idle after drawing what it read, lets it go (`releaseCopies`),
//   not beside the read it copies.
// Copies are written and read straight through IndexedDB, not through Dexie, so that writing one is
// not taken for a change of the data (Dexie announces its own writes to every tab, which then read
// the store again).
import type { Table } from 'dexie';
import type { ScrutineerDb } from './schema';
import { sha256Hex } from '../domain/digest';

/** What the copies table holds: its generation (key GENERATION), a copy's head (`parts`) or one of its parts (`items`). */
export interface CopyRecord {
  key: string;
  generation: number;
  parts?: number;
  items?: unknown[];
}

export type CopiesTable = Table<CopyRecord, string>;

const GENERATION = 'generation';
const STORE = 'copies';

/**
 * Drops every copy and moves the generation on. Called inside every transaction that changes the
 * data, which must include the copies table.
 */
export async function dropCopies(db: ScrutineerDb): Promise<void> {
  const was = (await db.copies.get(GENERATION))?.generation ?? 0;
  await db.copies.clear();
  await db.copies.put({ key: GENERATION, generation: was + 1 });
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('The store could not be read.'));
  });
}

async function backend(db: ScrutineerDb): Promise<IDBDatabase> {
  await db.open();
  return db.backendDB();
}

/** The copy generation in force: read before the reads a copy is made from. */
export async function copyGeneration(db: ScrutineerDb): Promise<number> {
  const idb = await backend(db);
  const r = await request<CopyRecord | undefined>(idb.transaction(STORE, 'readonly').objectStore(STORE).get(GENERATION));
  return r?.generation ?? 0;
}

/**
 * A copy's parts, in order, if the copy is whole and of the generation in force; null if it is not,
 * or if a part turns out missing or of another generation (the data changed meanwhile): the caller
 * then reads the store instead. One read transaction: the generation and the head, then every part
 * asked for at once (the store answers them one after another, without a round trip between). Each
 * part's answer is its own task on the thread reading it; nothing is handed over until every part
 * is in.
 */
export async function readCopy(db: ScrutineerDb, key: string): Promise<unknown[][] | null> {
  const idb = await backend(db);
  const store = idb.transaction(STORE, 'readonly').objectStore(STORE);
  const [generation, head] = await Promise.all([request<CopyRecord | undefined>(store.get(GENERATION)), request<CopyRecord | undefined>(store.get(key))]);
  if (!head || head.parts === undefined || head.generation !== (generation?.generation ?? 0)) return null;
  // Asked for as the head's answer is taken, so within the same transaction.
  const parts = await Promise.all(Array.from({ length: head.parts }, (_, i) => request<CopyRecord | undefined>(store.get(`${key}#${i}`))));
  const items: unknown[][] = [];
  for (const part of parts) {
    if (!part?.items || part.generation !== head.generation) return null;
    items.push(part.items);
  }
  return items;
}

/** Writes one record if the generation is still `generation`; false if it is not (the data changed). */
async function putIfCurrent(idb: IDBDatabase, record: CopyRecord): Promise<boolean> {
  const tx = idb.transaction(STORE, 'readwrite');
  const store = tx.objectStore(STORE);
  const done = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('A read copy could not be written.'));
  });
  const now = await request<CopyRecord | undefined>(store.get(GENERATION));
  if ((now?.generation ?? 0) !== record.generation) {
    tx.abort();
    await done.catch(() => {});
    return false;
  }
  store.put(record);
  await done;
  return true;
}

/**
 * Makes a copy of what a read gave: its parts as they come (`add`), and once every part is in
 * (`finish`), the parts and then the head, written one after another once the copies are let go
 * (`releaseCopies`: the page does so once it is idle after drawing what it read, so that a copy is
 * not written beside the read it copies). Each record is written only if the generation is still the
 * one the read began at; if it has moved on, the rest is let go and no head is written. A copy that
 * cannot be written (the store full, say) is simply not made: it never fails the read it copies.
 */
export class CopyWriter {
  private readonly parts: unknown[][] = [];

  constructor(private readonly db: ScrutineerDb, private readonly key: string, private readonly generation: number) {}

  add(items: unknown[]): void {
    this.parts.push(items);
  }

  /** Resolves true once the copy is written, false if it was let go. */
  finish(): Promise<boolean> {
    const when = gate;
    const write = async (): Promise<boolean> => {
      await when;
      const idb = await backend(this.db);
      for (const [i, items] of this.parts.entries()) {
        if (!(await putIfCurrent(idb, { key: `${this.key}#${i}`, generation: this.generation, items }))) return false;
      }
      return putIfCurrent(idb, { key: this.key, generation: this.generation, parts: this.parts.length });
    };
    const done = write().catch(() => false);
    pending.add(done);
    void done.finally(() => pending.delete(done));
    return done;
  }
}

let release: () => void = () => {};
let gate = new Promise<void>((resolve) => {
  release = resolve;
});

/** Lets every copy finished so far on this thread be written. */
export function releaseCopies(): void {
  const now = release;
  gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  now();
}

const pending = new Set<Promise<boolean>>();

/** Lets the copies finished so far be written, and resolves once they are written or let go (for tests). */
export async function writeCopiesNow(): Promise<void> {
  releaseCopies();
  while (pending.size > 0) await Promise.all([...pending]);
}

/** Items a copy of measures or targets holds in a part: one part a task on the page. */
export const COPY_PART_ITEMS = 1_000;

/** The key of a copy of what is read for these measures: their number and a hash of their codes, in order. */
export async function codesKey(kind: string, codes: readonly string[]): Promise<string> {
  return `${kind}|${codes.length}|${(await sha256Hex(JSON.stringify(codes))).slice(0, 16)}`;
}
