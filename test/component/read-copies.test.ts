// A large portfolio's measures, targets and series are read from their read copies once they are
// made: the same values as the store's records, and never those of a store that has changed since.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CopyWriter, writeCopiesNow, copyGeneration, dropCopies, readCopy } from '../../src/db/copies';
import { clearAllData, commitImport, previewImport, undoFrom } from '../../src/db/imports';
import { fromPiece } from '../../src/db/packed-series';
import type { SeriesPiece } from '../../src/db/packed-series';
import { readDataset, readSeriesPieces } from '../../src/db/read';
import { resetDbForTests } from '../../src/db/schema';
import type { ScrutineerDb } from '../../src/db/schema';
import { csvDraft as draft } from '../support/drafts';
import { generate } from '../../scripts/gen-observations.mjs';

const dataset = { id: 'gen', name: 'Generated' };
// 250 measures (more than a copy is made from), 4 quarters, 1 comparator.
const g = generate({ rows: 1000, periods: 4, comparators: 1, seed: 5 });

async function imported(name: string, files = [draft('measures.csv', g.measuresCsv), draft('observations.csv', g.observationsCsv)]): Promise<{ db: ScrutineerDb; batch: number }> {
  const db = resetDbForTests(name);
  const plans = await previewImport(files, dataset);
  const [batch = 0] = await commitImport(files, dataset, plans.map((p) => p.total));
  return { db, batch };
}

async function pieces(codes: readonly string[]): Promise<SeriesPiece[]> {
  const out: SeriesPiece[] = [];
  await readSeriesPieces(codes, (p) => {
    out.push(p);
  });
  return out;
}

/** The stores `getAll` was called on while `run` ran (the store's own reads, page by page). */
async function storesRead<T>(run: () => Promise<T>): Promise<{ value: T; stores: string[] }> {
  const spy = vi.spyOn(IDBObjectStore.prototype, 'getAll');
  try {
    const value = await run();
    return { value, stores: spy.mock.contexts.map((s) => (s as IDBObjectStore).name) };
  } finally {
    spy.mockRestore();
  }
}

afterEach(async () => {
  await writeCopiesNow();
});

describe('read copies of a large portfolio', () => {
  it('reads the portfolio a second time from its copies, with the same values as the store gave', async () => {
    const { db } = await imported('copies-same');
    const first = await storesRead(() => readDataset('gen'));
    expect(first.value.measures).toHaveLength(250);
    expect(first.stores).toContain('measures');
    expect(first.stores).toContain('targets');
    await writeCopiesNow();
    const second = await storesRead(() => readDataset('gen'));
    expect(second.value).toEqual(first.value);
    // Neither the measures nor the targets were read from their own records.
    expect(second.stores.filter((s) => s === 'measures' || s === 'targets')).toEqual([]);

    const codes = first.value.measures.map((m) => m.code);
    const stored = await storesRead(() => pieces(codes));
    expect(stored.stores).toContain('observations');
    await writeCopiesNow();
    const copied = await storesRead(() => pieces(codes));
    expect(copied.stores).toEqual([]);
    expect(copied.value.flatMap(fromPiece)).toEqual(stored.value.flatMap(fromPiece));
    expect(copied.value.flatMap(fromPiece)).toEqual(first.value.observations);
    // The copies are a few records: a head and its parts for each.
    expect(await db.copies.count()).toBeLessThan(10);

    // The same files imported again write nothing, and leave the copies (and the data) as they were.
    const files = [draft('measures.csv', g.measuresCsv), draft('observations.csv', g.observationsCsv)];
    const plans = await previewImport(files, dataset);
    expect(plans.map((p) => p.total.add + p.total.update + p.total.remove)).toEqual([0, 0]);
    const generation = await copyGeneration(db);
    await commitImport(files, dataset, plans.map((p) => p.total));
    expect(await copyGeneration(db)).toBe(generation);
    const third = await storesRead(() => readDataset('gen'));
    expect(third.value).toEqual(first.value);
    expect(third.stores.filter((s) => s === 'measures' || s === 'targets')).toEqual([]);
    db.close();
  });

  it('never gives what the store held before an import, an undo or clearing it', async () => {
    const { db } = await imported('copies-changed');
    const before = await readDataset('gen');
    const codes = before.measures.map((m) => m.code);
    const seriesBefore = (await pieces(codes)).flatMap(fromPiece);
    await writeCopiesNow();
    expect(await readCopy(db, 'measures|gen')).not.toBeNull();

    // A measure renamed, and one figure changed.
    const renamed = g.measuresCsv.replace(/^(\d+,GEN\.1,)[^,]*/m, '$1Renamed measure');
    const lines = g.observationsCsv.trimEnd().split('\n');
    const cells = (lines[1] ?? '').split(',');
    cells[3] = '4321';
    const changed = [draft('measures.csv', renamed), draft('observations.csv', `${[lines[0], cells.join(','), ...lines.slice(2)].join('\n')}\n`)];
    const plans = await previewImport(changed, dataset);
    const [batch = 0] = await commitImport(changed, dataset, plans.map((p) => p.total));
    expect(await readCopy(db, 'measures|gen')).toBeNull();

    const after = await readDataset('gen');
    expect(after.measures.find((m) => m.code === 'GEN.1')?.name).toBe('Renamed measure');
    const seriesAfter = (await pieces(codes)).flatMap(fromPiece);
    const changedPoint = (list: typeof seriesAfter) => list.filter((s) => s.measureCode === cells[0]).flatMap((s) => s.points).find((p) => p.raw === '4321');
    expect(changedPoint(seriesBefore)).toBeUndefined();
    expect(changedPoint(seriesAfter)).toMatchObject({ value: 4321 });
    await writeCopiesNow();
    // Read again, now from the copies made after the import.
    expect((await readDataset('gen')).measures).toEqual(after.measures);
    expect((await pieces(codes)).flatMap(fromPiece)).toEqual(seriesAfter);

    await undoFrom(batch);
    expect(await readDataset('gen')).toEqual(before);
    expect((await pieces(codes)).flatMap(fromPiece)).toEqual(seriesBefore);
    await writeCopiesNow();

    await clearAllData();
    expect((await readDataset('gen')).measures).toEqual([]);
    expect(await pieces(codes)).toEqual([]);
    db.close();
  });

  it('lets go of a copy begun before the data changed, and of one missing a part', async () => {
    const { db, batch } = await imported('copies-stale');
    const generation = await copyGeneration(db);
    const writer = new CopyWriter(db, 'measures|gen', generation);
    writer.add([{ code: 'stale' }]);
    // The data changes while the copy is being made: the rest of it is not written, nor its head.
    await undoFrom(batch);
    expect(await copyGeneration(db)).toBe(generation + 1);
    writer.add([{ code: 'stale too' }]);
    const stale = writer.finish();
    await writeCopiesNow();
    expect(await stale).toBe(false);
    expect(await readCopy(db, 'measures|gen')).toBeNull();
    expect(await db.copies.where('key').startsWith('measures|gen').count()).toBe(0);

    // A copy of the generation in force is read whole, or not at all.
    const made = new CopyWriter(db, 'k', await copyGeneration(db));
    made.add([1, 2]);
    made.add([3]);
    const finished = made.finish();
    // Not written until the copies are let go (the page lets them go once idle after drawing).
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await readCopy(db, 'k')).toBeNull();
    await writeCopiesNow();
    expect(await finished).toBe(true);
    expect(await readCopy(db, 'k')).toEqual([[1, 2], [3]]);
    await db.copies.delete('k#1');
    expect(await readCopy(db, 'k')).toBeNull();
    // And dropping the copies (as every write of the data does) takes every copy.
    const again = new CopyWriter(db, 'k', await copyGeneration(db));
    again.add([4]);
    const written = again.finish();
    await writeCopiesNow();
    expect(await written).toBe(true);
    await db.transaction('rw', db.copies, () => dropCopies(db));
    expect(await readCopy(db, 'k')).toBeNull();
    expect(await db.copies.count()).toBe(1);
    db.close();
  });

  it('reads a portfolio of a few measures from the store alone, making no copy', async () => {
    const small = generate({ rows: 40, periods: 4, comparators: 0, seed: 2 });
    const { db } = await imported('copies-small', [draft('measures.csv', small.measuresCsv), draft('observations.csv', small.observationsCsv)]);
    const d = await readDataset('gen');
    expect(d.measures).toHaveLength(10);
    await pieces(d.measures.map((m) => m.code));
    await writeCopiesNow();
    expect(await db.copies.count()).toBe(1);
    db.close();
  });
});
