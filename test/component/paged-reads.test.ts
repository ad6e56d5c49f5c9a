// A large portfolio's measures and targets are read straight from IndexedDB in pages, each taken in
// as a task of its own: they read exactly as the store's own reads give them, in the browser's
// IndexedDB or in the in-memory one the dashboard falls back on.
import { IDBFactory as MemoryFactory, IDBKeyRange as MemoryKeyRange } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { readDataset, readMeasures, readTargetsInPages, seriesReadSize } from '../../src/db/read';
import { resetDbForTests } from '../../src/db/schema';
import type { ScrutineerDb } from '../../src/db/schema';
import type { Measure, ObservationSeries, Target } from '../../src/domain/types';

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

  it("sizes the page's reads of a small portfolio's series by the points its measures hold, and reads every series in code order", async () => {
    // About 20,000 points a read: the bundled sample's measures (a few dozen points each) in one
    // read after the first; breakdowns by ward (thousands of points a measure) a few measures a read.
    expect(seriesReadSize(8 * 60, 8)).toBe(200);
    expect(seriesReadSize(8 * 5_000, 8)).toBe(4);
    expect(seriesReadSize(3 * 50_000, 3)).toBe(1);
    expect(seriesReadSize(0, 8)).toBe(200);
    const db = resetDbForTests('paged-series');
    const codes = Array.from({ length: 30 }, (_, i) => `S.${String(i).padStart(2, '0')}`);
    await db.portfolios.put({ id: 's', name: 'S', council: '', cabinetMember: '', batchId: 1 });
    await db.measures.bulkPut(codes.map((c) => measure(c, 's')));
    // Measures of a handful of points and of thousands, so that the reads change size as they go.
    const series: ObservationSeries[] = codes.flatMap((code, i) => ['actual', 'England'].map((name) => ({
      measureCode: code,
      series: name,
      points: Array.from({ length: i % 7 === 3 ? 4_000 : 5 }, (_, k) => ({ period: `Q${k}`, breakdown: '', value: k, count: null, missingReason: null, note: null, status: null, raw: String(k), batchId: 1 })),
    })));
    await db.observations.bulkPut(series);
    const d = await readDataset('s');
    expect(d.observations.map((s) => s.measureCode)).toEqual(codes.flatMap((c) => [c, c]));
    expect(d.observations.reduce((n, s) => n + s.points.length, 0)).toBe(series.reduce((n, s) => n + s.points.length, 0));
    expect(d.observations).toEqual(await db.observations.toArray());
    db.close();
  });
});
