import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { fromPiece, joinKept } from '../../src/db/packed-series';
import { ScrutineerDb } from '../../src/db/schema';

// Version 1 as shipped: kept here verbatim so the upgrade is tested against what users have.
const V1 = {
  portfolios: 'id',
  priorities: '[portfolioId+number], portfolioId',
  measures: 'code, portfolioId, priority',
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
};

describe('schema upgrades', () => {
  it('opens a store written by version 1 in the current version with every record kept', async () => {
    const name = 'upgrade-v1';
    const old = new Dexie(name);
    old.version(1).stores(V1);
    await old.open();
    await old.table('portfolios').put({ id: 'p', name: 'Portfolio', council: 'C', cabinetMember: '', batchId: 1 });
    await old.table('measures').put({ code: 'CFSE.25', portfolioId: 'p', name: 'x', priority: 2, measureType: null, frequency: 'Quarterly', polarity: 'High', unit: '%', targetType: 'Numerical', gms: false, corporate: false, isNew: false, batchId: 1 });
    await old.table('observations').put({ measureCode: 'CFSE.25', series: 'actual', points: [{ period: '2020/21', breakdown: '', value: 96.4, count: 5984, missingReason: null, note: null, status: null, raw: '96.4% (5984)', batchId: 1 }] });
    await old.table('batches').add({ fileName: 'measures.csv', kind: 'measures', importedAt: '2021-06-08T00:00:00.000Z', hash: 'h', portfolioId: 'p', source: 'file', counts: {}, total: { add: 2, update: 0, unchanged: 0 }, warnings: 0, undoneAt: null });
    await old.table('meta').put({ key: 'rag-tolerance', value: 0.1 });
    const before = await Promise.all(['portfolios', 'measures', 'observations', 'batches', 'meta'].map((t) => old.table(t).toArray()));
    old.close();

    const db = new ScrutineerDb(name);
    await db.open();
    expect(db.verno).toBe(6);
    // Version 6's read copies start empty: no copy, of generation 0.
    expect(await db.copies.count()).toBe(0);
    const after = await Promise.all(['portfolios', 'measures', 'observations', 'batches', 'meta'].map((t) => db.table(t).toArray()));
    expect(after).toEqual(before);
    expect(await db.narrative.count()).toBe(0);
    await db.narrative.put({ portfolioId: 'p', report: '2021/22 Q2', type: 'request', title: 'SEND subset', priority: 2, servicePlan: '', text: '', status: 'Open', due: '', owner: '', measureCodes: ['CFSE.25'], source: '', batchId: 2 });
    expect(await db.narrative.where('measureCodes').equals('CFSE.25').count()).toBe(1);
    // Version 3's tables start empty and take benchmarks by measure.
    expect(await db.benchmarks.count()).toBe(0);
    await db.benchmarks.put({ measureCode: 'CFSE.25', indicator: 'pt_inEET', period: '2020/21', source: 'ees.csv', areas: [], batchId: 3 });
    expect(await db.benchmarks.where('measureCode').equals('CFSE.25').count()).toBe(1);
    expect(await db.neighbourGroups.count()).toBe(0);
    db.close();

    // Version 4 stores the series packed: one array a field, numbers in typed arrays, NaN for none;
    // version 5 a measure's series together, in one record, as one piece (texts once, by index).
    const raw = new Dexie(name);
    await raw.open();
    const records = await raw.table('observations').toArray();
    raw.close();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ measureCode: 'CFSE.25', series: '' });
    // Kept compact: a column every point shares is one number (here, with one point, every column),
    // and the cell, its figure and count written as a percentage with one place, as that way (told).
    const stored = records[0].bundle;
    expect(stored.points).toBeUndefined();
    expect(stored).toMatchObject({
      compact: 1, measureCode: ['CFSE.25'], series: ['actual'], words: ['2020/21', ''], raw: [], told: (3 << 3) | 1,
      period: 0, breakdown: 1, missingReason: -1, note: -1, status: -1, value: 96.4, count: 5984, batchId: 1,
    });
    expect([...stored.packed]).toEqual([1]);
    const piece = joinKept([stored]);
    expect([...piece.packed, ...piece.period, ...piece.breakdown, ...piece.missingReason]).toEqual([1, 0, 1, -1]);
    expect([...piece.value, ...piece.count, ...piece.batchId]).toEqual([96.4, 5984, 1]);
    // Told, not written out, in the piece the page is given; written out as the point is made.
    expect(piece.raw).toEqual(['']);
    expect(fromPiece(piece)[0]?.points[0]?.raw).toBe('96.4% (5984)');
  });

  it('rewrites the series and targets version 4 stored a record each as one record a measure, every point kept', async () => {
    const name = 'upgrade-v4';
    const old = new Dexie(name);
    old.version(4).stores({ ...V1, narrative: '[portfolioId+report+type+title], portfolioId, report, *measureCodes', benchmarks: '[measureCode+period], measureCode', neighbourGroups: 'name' });
    await old.open();
    const packed = (measureCode: string, series: string, value: number) => ({
      measureCode, series, packed: 2, period: ['2020/21', '2021/22'], breakdown: ['', ''], value: new Float64Array([value, Number.NaN]), count: new Float64Array([Number.NaN, Number.NaN]),
      missingReason: [null, 'Awaiting data'], note: [null, null], status: [null, null], raw: [String(value), 'Awaiting data'], batchId: new Float64Array([1, 1]),
    });
    await old.table('observations').bulkPut([packed('A.1', 'actual', 1), packed('A.1', 'England', 2), packed('B.2', 'actual', 3)]);
    const targets = [
      { measureCode: 'A.1', year: '2021/22', breakdown: '', value: 90, direction: null, raw: '90%', batchId: 1 },
      { measureCode: 'A.1', year: '2022/23', breakdown: '', value: 92, direction: null, raw: '92%', batchId: 1 },
    ];
    await old.table('targets').bulkPut(targets);
    old.close();

    const db = new ScrutineerDb(name);
    await db.open();
    const point = (period: string, value: number | null, raw: string, missingReason: string | null) => ({ period, breakdown: '', value, count: null, missingReason, note: null, status: null, raw, batchId: 1 });
    const series = (measureCode: string, name: string, value: number) => ({ measureCode, series: name, points: [point('2020/21', value, String(value), null), point('2021/22', null, 'Awaiting data', 'Awaiting data')] });
    expect(await db.observations.toArray()).toEqual([series('A.1', 'England', 2), series('A.1', 'actual', 1), series('B.2', 'actual', 3)]);
    expect(await db.targets.toArray()).toEqual(targets);
    db.close();
    const raw = new Dexie(name);
    await raw.open();
    const records = await raw.table('observations').toArray();
    const targetRecords = await raw.table('targets').toArray();
    raw.close();
    expect(records.map((r) => [r.measureCode, r.series, r.bundle.series])).toEqual([['A.1', '', ['England', 'actual']], ['B.2', '', ['actual']]]);
    expect(targetRecords).toEqual([{ measureCode: 'A.1', year: '', breakdown: '', bundle: targets }]);
  });
});
