// A large portfolio's measures and targets are read straight from IndexedDB in pages, each taken in
// as a task of its own: they read exactly as the store's own reads give them, in the browser's
// IndexedDB or in the in-memory one the dashboard falls back on.
import { IDBFactory as MemoryFactory, IDBKeyRange as MemoryKeyRange } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { readDataset, readMeasures, readTargetsInPages } from '../../src/db/read';
import { resetDbForTests } from '../../src/db/schema';
import type { ScrutineerDb } from '../../src/db/schema';
import type { Measure, Target } from '../../src/domain/types';

const measure = (code: string, portfolioId: string): Measure => ({
  code, portfolioId, name: code, priority: 1, measureType: 'Council', frequency: 'Quarterly', polarity: 'High', unit: '%', targetType: 'Numerical',
  gms: false, corporate: false, isNew: false, batchId: 1,
});
const target = (code: string, year: string): Target => ({ measureCode: code, year, breakdown: '', value: 1, direction: null, raw: '1', batchId: 1 });

/** 2,500 measures of portfolio p, with another portfolio's measures between their codes and around them. */
async function store(db: ScrutineerDb): Promise<string[]> {
  const codes = Array.from({ length: 2500 }, (_, i) => `M.${String(i).padStart(4, '0')}`);
  const others = ['A.1', ...codes.filter((_, i) => i % 300 === 7).map((c) => `${c}x`), 'Z.1'];
  await db.portfolios.bulkPut([{ id: 'p', name: 'P', council: '', cabinetMember: '', batchId: 1 }, { id: 'q', name: 'Q', council: '', cabinetMember: '', batchId: 1 }]);
  await db.measures.bulkPut([...others.map((c) => measure(c, 'q')), ...[...codes].reverse().map((c) => measure(c, 'p'))]);
  await db.targets.bulkPut([...codes, ...others].flatMap((c) => [target(c, '2021/22'), target(c, '2022/23')]));
  return codes;
}

describe('paged reads of a large portfolio', () => {
  it("reads a portfolio's measures a page at a time, in code order, none of another portfolio's", async () => {
    const db = resetDbForTests('paged-measures');
    const codes = await store(db);
    const measures = await readMeasures('p');
    expect(measures.map((m) => m.code)).toEqual(codes);
    expect(measures).toEqual(await db.measures.where('portfolioId').equals('p').toArray());
    expect((await readMeasures('q')).map((m) => m.code)).toEqual((await db.measures.where('portfolioId').equals('q').primaryKeys()));
    expect(await readMeasures('none')).toEqual([]);
    const d = await readDataset('p');
    expect(d.measures).toEqual(measures);
    expect(d.targets).toEqual((await db.targets.toArray()).filter((t) => codes.includes(t.measureCode)));
    db.close();
  });

  it("reads a small portfolio's measures by its index, not by paging through a larger portfolio's beside it", async () => {
    const db = resetDbForTests('paged-measures-small');
    await store(db);
    const pages = vi.spyOn(IDBObjectStore.prototype, 'getAll');
    try {
      const measures = await readMeasures('q');
      expect(measures).toEqual(await db.measures.where('portfolioId').equals('q').toArray());
      expect(measures).toHaveLength(11);
      expect(pages.mock.contexts.filter((store) => (store as IDBObjectStore).name === 'measures')).toHaveLength(0);
      pages.mockClear();
      // The large portfolio, most of the store, is read a page at a time.
      expect(await readMeasures('p')).toHaveLength(2500);
      expect(pages.mock.contexts.filter((store) => (store as IDBObjectStore).name === 'measures')).toHaveLength(6);
    } finally {
      pages.mockRestore();
      db.close();
    }
  });

  it('reads the same from the in-memory store the dashboard falls back on, with its own key ranges', async () => {
    const db = resetDbForTests('paged-memory', { indexedDB: new MemoryFactory(), IDBKeyRange: MemoryKeyRange as unknown as typeof IDBKeyRange });
    const codes = await store(db);
    // As where the browser refuses IndexedDB: no key ranges but the in-memory store's.
    vi.stubGlobal('IDBKeyRange', undefined);
    try {
      expect((await readMeasures('p')).map((m) => m.code)).toEqual(codes);
      expect(await readTargetsInPages(codes)).toHaveLength(5000);
    } finally {
      vi.unstubAllGlobals();
      db.close();
    }
  });
});
