import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { compactPiece, fromPiece, joinKept, keptSeries, seriesPiece, storedSeries } from '../../src/db/packed-series';
import type { SeriesPiece, StoredPiece } from '../../src/db/packed-series';
import { ScrutineerDb } from '../../src/db/schema';
import type { ObservationSeries } from '../../src/domain/types';

/** A piece with the cells it tells written out, as a piece made from the points holds them (the pages' points are made through fromPiece). */
function written(piece: SeriesPiece): SeriesPiece {
  const { told, ...rest } = piece;
  return told ? { ...rest, raw: fromPiece(piece).flatMap((s) => s.points.map((p) => p.raw)) } : piece;
}

const series = (measureCode: string, name: string): ObservationSeries => ({
  measureCode, series: name,
  points: [
    { period: '2020/21', breakdown: '', value: 96.4, count: 5984, missingReason: null, note: null, status: null, raw: '96.4% (5984)', batchId: 1 },
    { period: 'Q1 2021/22', breakdown: 'EHC Plan', value: 0, count: null, missingReason: null, note: 'End of June', status: 'Provisional', raw: 'EHC Plan 0 End of June', batchId: 2 },
    { period: 'Q2 2021/22', breakdown: '', value: null, count: null, missingReason: 'Awaiting data', note: null, status: null, raw: 'Awaiting data', batchId: 3 },
    { period: 'Q3 2021/22', breakdown: '', value: -12.5, count: 0, missingReason: null, note: null, status: 'Final', raw: '-12.5 (0)', batchId: 3 },
  ],
});

describe('observation series and targets kept a measure a record', () => {
  it('a measure\'s series packed as one piece unpack to exactly their points: nulls, zeros, negatives and words kept', () => {
    const list = [series('CFSE.25', 'England'), series('CFSE.25', 'actual')];
    const piece = seriesPiece(list);
    expect([...piece.packed]).toEqual([4, 4]);
    expect([...piece.value.subarray(0, 4)]).toEqual([96.4, 0, Number.NaN, -12.5]);
    expect(fromPiece(piece)).toEqual(list);
    const empty = { ...series('CFSE.25', 'England'), points: [] };
    expect(fromPiece(seriesPiece([empty]))).toEqual([empty]);
  });

  it('a piece as the store keeps it gives back the same piece: each column one number where every point shares it, else as narrow as it can be', () => {
    const list = [series('CFSE.25', 'England'), series('CFSE.25', 'actual')];
    const piece = seriesPiece(list);
    const stored = storedSeries(list);
    expect(written(joinKept([stored]))).toEqual(piece);
    expect(keptSeries(stored)).toEqual(list);
    // Four words: a byte a point, each index plus one (0 for none).
    expect(stored.period).toBeInstanceOf(Uint8Array);
    expect(stored.missingReason).toBeInstanceOf(Uint8Array);
    // Whole numbers (5984, 0) and no counts: four bytes a point; so are figures to one decimal place
    // (96.4, -12.5), as whole numbers of tenths.
    expect(stored.count).toBeInstanceOf(Uint32Array);
    expect(stored.value).toMatchObject({ places: 1 });
    expect(stored.value).toHaveProperty('scaled', new Int32Array([964, 0, -2147483648, -125, 964, 0, -2147483648, -125]));
    expect(stored.batchId).toBeInstanceOf(Uint32Array);

    // Figures kept to as many places as they have, and only where they come back exactly.
    const figures = (values: (number | null)[]): ObservationSeries => ({
      measureCode: 'X.3', series: 'actual',
      points: values.map((value, i) => ({ period: `P${i}`, breakdown: '', value, count: null, missingReason: null, note: null, status: null, raw: String(value), batchId: 1 })),
    });
    for (const [values, kept] of [
      [[12.25, -0.05, null, 3], { places: 2 }],
      [[0.1 + 0.2, 1], Float64Array],
      [[1 / 3, 2], Float64Array],
      [[21474836.48, 1.5], Float64Array],
      [[1234.567891, 0.5], { places: 6 }],
      [[123456.789012, 0.5], Float64Array],
    ] as const) {
      const stored = storedSeries([figures([...values])]);
      if (typeof kept === 'function') expect(stored.value).toBeInstanceOf(kept);
      else expect(stored.value).toMatchObject(kept);
      expect(keptSeries(stored)).toEqual([figures([...values])]);
    }

    // Every point the same: a number a column. A series of no figures at all keeps NaN.
    const same = (n: number): ObservationSeries => ({
      measureCode: 'X.1', series: 'actual',
      points: Array.from({ length: n }, (_, i) => ({ period: `Q${(i % 4) + 1} 2021/22`, breakdown: '', value: null, count: null, missingReason: 'Suppressed', note: null, status: null, raw: 'Suppressed', batchId: 7 })),
    });
    const quiet = storedSeries([same(8)]);
    expect([quiet.breakdown, quiet.missingReason, quiet.note, quiet.status, quiet.value, quiet.count, quiet.batchId]).toEqual([1, 2, -1, -1, Number.NaN, Number.NaN, 7]);
    expect(keptSeries(quiet)).toEqual([same(8)]);

    // Over 254 distinct texts take two bytes an index, over 65,534 four; figures not whole, or -0, eight.
    const wide = (n: number): ObservationSeries => ({
      measureCode: 'X.2', series: 'actual',
      points: Array.from({ length: n }, (_, i) => ({ period: `P${i}`, breakdown: '', value: i === 1 ? -0 : i + 0.5, count: i === 2 ? 2 ** 33 : i, missingReason: null, note: null, status: null, raw: String(i), batchId: i })),
    });
    for (const [n, kind] of [[300, Uint16Array], [70_000, Int32Array]] as const) {
      const kept = storedSeries([wide(n)]);
      expect(kept.period).toBeInstanceOf(kind);
      expect(kept.count).toBeInstanceOf(Float64Array);
      const back = keptSeries(kept)[0]?.points ?? [];
      expect(back).toEqual(wide(n).points);
      expect(Object.is(back[1]?.value, -0)).toBe(true);
    }
    // A bundle written whole, before the store kept pieces compact, is read as it is.
    expect(keptSeries(piece)).toEqual(list);
    expect(joinKept([piece])).toEqual(piece);
  });

  it('keeps a cell its figure writes exactly as the way it is written, and any other cell as written, giving every cell back', () => {
    const cells: [raw: string, value: number | null, count: number | null, reason: string | null, told: boolean][] = [
      ['96.3% (5795)', 96.3, 5795, null, true],
      ['96.0%', 96, null, null, true],
      ['96.30%', 96.3, null, null, true],
      ['1,204', 1204, null, null, true],
      ['-12,345.5', -12345.5, null, null, true],
      ['12.5', 12.5, null, null, true],
      ['-3', -3, null, null, true],
      ['7 (12)', 7, 12, null, true],
      ['Not available', null, null, 'Not available', true],
      // Each of these is not its figure written in one of the ways, character for character.
      ['n/a', null, null, 'Not available', false],
      [' 12.5', 12.5, null, null, false],
      ['96.3 %', 96.3, null, null, false],
      ['96.3% (5,795)', 96.3, 5795, null, false],
      ['96.3% (5795)', 96.3, null, null, false],
      ['1,2345', 12345, null, null, false],
      ['1e3', 1000, null, null, false],
      ['-0', -0, null, null, false],
      ['0.30000000000000004', 0.1 + 0.2, null, null, false],
      ['£1,204', 1204, null, null, false],
      ['', null, null, null, false],
    ];
    const list: ObservationSeries[] = [{
      measureCode: 'X.5', series: 'actual',
      points: cells.map(([raw, value, count, missingReason], i) => ({ period: `P${i}`, breakdown: '', value, count, missingReason, note: null, status: null, raw, batchId: 1 })),
    }];
    const stored = storedSeries(list);
    // Only the cells not told are kept as written, in point order.
    expect(stored.raw).toEqual(cells.filter(([, , , , told]) => !told).map(([raw]) => raw));
    expect(stored.told).toBeInstanceOf(Uint8Array);
    expect(keptSeries(stored)).toEqual(list);
    // Joined for the page, the told cells stay told: no text, a code; the page tells each as it makes the point.
    const joined = joinKept([stored]);
    expect(joined.raw).toEqual(cells.map(([raw, , , , told]) => (told ? '' : raw)));
    expect([...joined.told ?? []].map((code) => code > 0)).toEqual(cells.map(([, , , , told]) => told));
    expect(fromPiece(joined)).toEqual(list);
    expect(written(joined)).toEqual(seriesPiece(list));

    // Every cell written the same way: one number; none told: no told column at all.
    const percents = storedSeries([{ ...list[0] as ObservationSeries, points: (list[0]?.points ?? []).slice(0, 1) }]);
    expect(percents.told).toBe((3 << 3) | 1);
    const none = storedSeries([{ ...list[0] as ObservationSeries, points: (list[0]?.points ?? []).slice(9) }]);
    expect(none).not.toHaveProperty('told');
    expect(keptSeries(none)).toEqual([{ ...list[0], points: (list[0]?.points ?? []).slice(9) }]);
  });

  it('stored pieces of every kind, compact or whole, joined straight from their stored form, give back every series in order', { timeout: 30_000 }, () => {
    const wide = (code: string, n: number): ObservationSeries => ({
      measureCode: code, series: 'actual',
      points: Array.from({ length: n }, (_, i) => ({ period: `P${i}`, breakdown: i % 2 ? 'Boys' : '', value: i === 1 ? -0 : i + 0.5, count: i === 2 ? 2 ** 33 : i, missingReason: null, note: i === 3 ? 'Revised' : null, status: null, raw: String(i), batchId: i })),
    });
    const same: ObservationSeries = {
      measureCode: 'X.1', series: 'England',
      points: [1, 2, 3].map((i) => ({ period: `Q${i} 2021/22`, breakdown: '', value: null, count: null, missingReason: 'Suppressed', note: null, status: null, raw: 'Suppressed', batchId: 7 })),
    };
    const lists = [
      [series('CFSE.25', 'England'), series('CFSE.25', 'actual')], // one-byte indexes, tenths, whole counts
      [same], // a number a column
      [wide('X.2', 300)], // two-byte indexes, figures at eight bytes
      [wide('X.3', 70_000)], // four-byte indexes
      [{ measureCode: 'X.4', series: 'actual', points: [] }],
      [series('CFSE.26', 'actual')],
    ];
    const stored: (SeriesPiece | StoredPiece)[] = lists.map((l) => storedSeries(l));
    // The last as a bundle written whole, before the store kept pieces compact.
    stored[5] = seriesPiece(lists[5] ?? []);
    const joined = joinKept(stored);
    expect(keptSeries(joined)).toEqual(lists.flat());
    // The same piece as one made whole from every point.
    expect(written(joined)).toEqual(seriesPiece(lists.flat()));
    // Each text once in the joined piece, however many pieces carried it.
    expect(joined.words.filter((w) => w === 'P1')).toHaveLength(1);
    expect(Object.is(keptSeries(joined)[3]?.points[1]?.value, -0)).toBe(true);
  });

  it('a piece handed over, kept compact (as a read copy keeps it), joins back to the same piece', () => {
    const lists = [[series('CFSE.25', 'England'), series('CFSE.25', 'actual')], [series('CFSE.26', 'actual')]];
    // Cells told and cells kept as written, side by side.
    const told = joinKept(lists.map((l) => storedSeries(l)));
    expect(told.told).toBeInstanceOf(Uint8Array);
    expect(told.raw.some((r) => r !== '')).toBe(true);
    // And a piece that tells no cell.
    const whole = seriesPiece(lists.flat());
    for (const piece of [told, whole]) {
      const compact = compactPiece(piece);
      expect(compact.raw.length).toBeLessThanOrEqual(piece.raw.length);
      expect(joinKept([structuredClone(compact)])).toEqual(piece);
    }
    expect(compactPiece(whole)).not.toHaveProperty('told');
  });

  it('a measure packed and unpacked in the scratch columns is the same as through a whole piece, whatever was packed before it', { timeout: 30_000 }, () => {
    const wide = (code: string, n: number): ObservationSeries => ({
      measureCode: code, series: 'actual',
      points: Array.from({ length: n }, (_, i) => ({ period: `P${i}`, breakdown: i % 2 ? 'Boys' : '', value: i === 1 ? -0 : i + 0.5, count: i === 2 ? 2 ** 33 : i, missingReason: null, note: null, status: null, raw: String(i), batchId: i })),
    });
    const few: ObservationSeries = {
      measureCode: 'X.1', series: 'England',
      points: [1, 2, 3].map((i) => ({ period: `Q${i} 2021/22`, breakdown: '', value: null, count: null, missingReason: 'Suppressed', note: null, status: null, raw: 'Suppressed', batchId: 7 })),
    };
    // Large before small and small before large: nothing of an earlier measure is left in a later one.
    for (const list of [[wide('X.3', 70_000)], [series('CFSE.25', 'England'), series('CFSE.25', 'actual')], [few], [], [wide('X.2', 300)], [few], [{ measureCode: 'X.4', series: 'actual', points: [] }]]) {
      const stored = storedSeries(list);
      expect(written(joinKept([stored]))).toEqual(seriesPiece(list));
      expect(keptSeries(stored)).toEqual(list);
    }
    // Kept whole, as written before the store kept pieces compact.
    expect(keptSeries(seriesPiece([few]))).toEqual([few]);
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
    // One record a measure, its series packed inside as one piece, in order of name: the numbers of
    // every point in one buffer, the texts as indexes into one list of the distinct texts.
    expect(stored.map((r) => [r.measureCode, r.series, r.bundle.series])).toEqual([['CFSE.25', '', ['England', 'actual']], ['CFSE.3', '', ['actual']], ['CFSE.4', '', ['actual']]]);
    expect(stored.every((r) => r.bundle.points === undefined && r.bundle.compact === 1)).toBe(true);
    expect(stored[0].bundle.words.filter((w: string) => w === '2020/21')).toHaveLength(1);
    // Whole again, the numbers of every point in one buffer.
    const whole = joinKept([stored[0].bundle]);
    expect(whole.value.buffer).toBe(whole.count.buffer);
    expect(whole.raw).toHaveLength(whole.value.length);

    expect(await db.observations.get(['CFSE.25', 'England'])).toEqual(all[1]);
    expect(await db.observations.bulkGet([['CFSE.3', 'actual'], ['CFSE.9', 'actual']])).toEqual([all[2], undefined]);
    // In key order ("England" sorts before "actual").
    expect(await db.observations.toArray()).toEqual([all[1], all[0], all[2], series('CFSE.4', 'actual')]);
    expect(await db.observations.where('measureCode').anyOf(['CFSE.25', 'CFSE.4']).toArray()).toEqual([all[1], all[0], series('CFSE.4', 'actual')]);
    const seen: ObservationSeries[] = [];
    await db.observations.where('measureCode').equals('CFSE.3').each((s) => { seen.push(s as ObservationSeries); });
    expect(seen).toEqual([all[2]]);
    expect(await db.observations.toCollection().primaryKeys()).toEqual([['CFSE.25', 'England'], ['CFSE.25', 'actual'], ['CFSE.3', 'actual'], ['CFSE.4', 'actual']]);
    expect(await db.observations.count()).toBe(4);
    expect(await db.observations.where('[measureCode+series]').between(['CFSE.25', 'F'], ['CFSE.3', 'actual'], true, true).primaryKeys()).toEqual([['CFSE.25', 'actual'], ['CFSE.3', 'actual']]);
    expect(await db.observations.where('[measureCode+series]').anyOf([['CFSE.4', 'actual'], ['CFSE.25', 'actual']]).toArray()).toEqual([all[0], series('CFSE.4', 'actual')]);
    expect(await db.observations.reverse().limit(2).primaryKeys()).toEqual([['CFSE.4', 'actual'], ['CFSE.3', 'actual']]);
    expect(await db.observations.where('measureCode').anyOf(['CFSE.25', 'CFSE.4']).reverse().toArray()).toEqual([series('CFSE.4', 'actual'), all[0], all[1]]);
    expect(await db.observations.where('[measureCode+series]').anyOf([['CFSE.4', 'actual'], ['CFSE.25', 'England']]).reverse().primaryKeys()).toEqual([['CFSE.4', 'actual'], ['CFSE.25', 'England']]);
    expect(await db.observations.where('measureCode').equals('CFSE.25').offset(1).first()).toEqual(all[0]);
    expect(await db.observations.where('measureCode').equals('CFSE.9').toArray()).toEqual([]);
    db.close();
  });

  it('writes and deletes one series of a measure without touching its others, and drops a measure left with none', async () => {
    const name = 'bundle-writes';
    const db = new ScrutineerDb(name);
    await db.open();
    await db.observations.bulkPut([series('A.1', 'actual'), series('A.1', 'England'), series('B.2', 'actual')]);
    const changed = { ...series('A.1', 'actual'), points: series('A.1', 'actual').points.slice(0, 1) };
    await db.observations.put(changed);
    expect(await db.observations.where('measureCode').equals('A.1').toArray()).toEqual([series('A.1', 'England'), changed]);
    await db.observations.delete(['A.1', 'England']);
    expect(await db.observations.toArray()).toEqual([changed, series('B.2', 'actual')]);
    await db.observations.bulkDelete([['A.1', 'actual'], ['A.1', 'missing']]);
    expect(await db.observations.toArray()).toEqual([series('B.2', 'actual')]);
    const raw = new Dexie(name);
    await raw.open();
    expect(await raw.table('observations').toCollection().primaryKeys()).toEqual([['B.2', '']]);
    raw.close();
    await db.observations.where('measureCode').equals('B.2').delete();
    expect(await db.observations.count()).toBe(0);
    // A key that would be the bundle's own is refused, and nothing is written.
    await expect(db.observations.put({ measureCode: 'C.3', series: '', points: [] })).rejects.toThrow(/cannot be stored/);
    expect(await db.observations.count()).toBe(0);
    db.close();
  });

  it('keeps a measure\'s targets in one record too, each read and written by its own key', async () => {
    const name = 'bundle-targets';
    const db = new ScrutineerDb(name);
    await db.open();
    const target = (measureCode: string, year: string, breakdown: string, value: number | null) => ({ measureCode, year, breakdown, value, direction: null, raw: String(value), batchId: 1 });
    const all = [target('A.1', '2021/22', '', 90), target('A.1', '2020/21', '', 85), target('A.1', '2021/22', 'EHC Plan', null), target('B.2', '2021/22', '', 3)];
    await db.targets.bulkPut(all);
    const raw = new Dexie(name);
    await raw.open();
    const stored = await raw.table('targets').toArray();
    expect(stored.map((r) => [r.measureCode, r.year, r.breakdown, r.bundle.length])).toEqual([['A.1', '', '', 3], ['B.2', '', '', 1]]);
    // In key order: year, then breakdown.
    expect(await db.targets.where('measureCode').equals('A.1').toArray()).toEqual([all[1], all[0], all[2]]);
    expect(await db.targets.where('measureCode').anyOf(['B.2', 'C.3']).toArray()).toEqual([all[3]]);
    expect(await db.targets.get(['A.1', '2021/22', 'EHC Plan'])).toEqual(all[2]);
    await db.targets.delete(['A.1', '2021/22', '']);
    await db.targets.put({ ...all[3], value: 4 } as (typeof all)[number]);
    expect(await db.targets.toArray()).toEqual([all[1], all[2], { ...all[3], value: 4 }]);
    expect(await raw.table('targets').count()).toBe(2);
    raw.close();
    db.close();
  });

  it('keeps every series when writes of one measure are sent together in one transaction', async () => {
    const db = new ScrutineerDb('bundle-race');
    await db.open();
    const names = ['actual', 'England', 'Region', 'Neighbours', 'Best'];
    await db.transaction('rw', db.observations, async () => {
      // Not awaited one by one: each write reads the measure's record before writing it.
      await Promise.all(names.map((n) => db.observations.bulkPut([series('A.1', n), series(`B.${n}`, 'actual')])));
      expect(await db.observations.where('measureCode').equals('A.1').count()).toBe(5);
    });
    expect((await db.observations.where('measureCode').equals('A.1').primaryKeys()).map((k) => (k as string[])[1]).sort()).toEqual([...names].sort());
    expect(await db.observations.count()).toBe(10);
    db.close();
  });
});
