import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { packSeries, unpackSeries } from '../../src/db/packed-series';
import { ScrutineerDb } from '../../src/db/schema';
import type { ObservationSeries } from '../../src/domain/types';

const series = (measureCode: string, name: string): ObservationSeries => ({
  measureCode, series: name,
  points: [
    { period: '2020/21', breakdown: '', value: 96.4, count: 5984, missingReason: null, note: null, status: null, raw: '96.4% (5984)', batchId: 1 },
    { period: 'Q1 2021/22', breakdown: 'EHC Plan', value: 0, count: null, missingReason: null, note: 'End of June', status: 'Provisional', raw: 'EHC Plan 0 End of June', batchId: 2 },
    { period: 'Q2 2021/22', breakdown: '', value: null, count: null, missingReason: 'Awaiting data', note: null, status: null, raw: 'Awaiting data', batchId: 3 },
    { period: 'Q3 2021/22', breakdown: '', value: -12.5, count: 0, missingReason: null, note: null, status: 'Final', raw: '-12.5 (0)', batchId: 3 },
  ],
});

describe('packed observation series', () => {
  it('unpacks to exactly the points packed: nulls, zeros, negatives and words kept', () => {
    const s = series('CFSE.25', 'actual');
    const packed = packSeries(s);
    expect(packed.packed).toBe(4);
    expect([...packed.value]).toEqual([96.4, 0, Number.NaN, -12.5]);
    expect(unpackSeries(packed)).toEqual(s);
    expect(unpackSeries(packSeries({ ...s, points: [] }))).toEqual({ ...s, points: [] });
  });

  it('the store writes series packed and every way of reading gives them back as points', async () => {
    const name = 'packed-series';
    const db = new ScrutineerDb(name);
    await db.open();
    const all = [series('CFSE.25', 'actual'), series('CFSE.25', 'England'), series('CFSE.3', 'actual')];
    await db.observations.bulkPut(all);
    await db.observations.put(series('CFSE.4', 'actual'));
    const raw = new Dexie(name);
    await raw.open();
    const stored = await raw.table('observations').toArray();
    raw.close();
    expect(stored.every((r) => r.points === undefined && ArrayBuffer.isView(r.value))).toBe(true);

    expect(await db.observations.get(['CFSE.25', 'England'])).toEqual(all[1]);
    expect(await db.observations.bulkGet([['CFSE.3', 'actual'], ['CFSE.9', 'actual']])).toEqual([all[2], undefined]);
    // In key order ("England" sorts before "actual").
    expect(await db.observations.toArray()).toEqual([all[1], all[0], all[2], series('CFSE.4', 'actual')]);
    expect(await db.observations.where('measureCode').anyOf(['CFSE.25', 'CFSE.4']).toArray()).toEqual([all[1], all[0], series('CFSE.4', 'actual')]);
    const seen: ObservationSeries[] = [];
    await db.observations.where('measureCode').equals('CFSE.3').each((s) => { seen.push(s as ObservationSeries); });
    expect(seen).toEqual([all[2]]);
    expect(await db.observations.toCollection().primaryKeys()).toHaveLength(4);
    db.close();
  });
});
