// Large portfolios' series are read by the import worker and handed to the page in pieces: the
// pieces hold exactly the stored series of the portfolio's measures, none larger than needed.
import { describe, expect, it } from 'vitest';
import { fromPiece, fromPieceLazily, joinKept, pieceBuffers, seriesPiece } from '../../src/db/packed-series';
import type { SeriesPiece } from '../../src/db/packed-series';
import { PIECE_POINTS, readDataset, readSeriesPieces, readTargetsInPages } from '../../src/db/read';
import { resetDbForTests } from '../../src/db/schema';
import type { Measure, ObservationSeries, Target } from '../../src/domain/types';
import { datasetCounts, reportingPeriods } from '../../src/domain/dataset';
import type { Dataset } from '../../src/domain/dataset';
import { actualPeriodsOfAll, distinctPeriods, periodsOfAll, pointCount, seriesPeriods } from '../../src/domain/series';
import { defaultRatingPeriod } from '../../src/domain/rag';

const measure = (code: string, portfolioId: string): Measure => ({
  code, portfolioId, name: code, priority: 1, measureType: 'Council', frequency: 'Quarterly', polarity: 'High', unit: '%', targetType: 'Numerical',
  gms: false, corporate: false, isNew: false, batchId: 1,
});
const series = (code: string, name: string, points: number): ObservationSeries => ({
  measureCode: code, series: name,
  points: Array.from({ length: points }, (_, i) => ({
    period: `Q${(i % 4) + 1} ${2000 + Math.floor(i / 4)}/${String((2001 + Math.floor(i / 4)) % 100).padStart(2, '0')}`, breakdown: '', value: i % 7 === 0 ? null : i / 10,
    count: null, missingReason: i % 7 === 0 ? 'Awaiting data' : null, note: null, status: null, raw: String(i), batchId: 1,
  })),
});

describe('reading a portfolio\'s series in pieces', () => {
  it('hands over every series of the given measures, in pieces of about PIECE_POINTS points, and none of other measures', async () => {
    const db = resetDbForTests('series-pieces');
    const big = ['A.1', 'A.2', 'A.3'].map((c) => series(c, 'actual', 3_750));
    await db.observations.bulkPut([...big, series('B.1', 'actual', 10), series('A.4', 'England', 5)]);
    const pieces: SeriesPiece[] = [];
    await readSeriesPieces(['A.1', 'A.2', 'A.3', 'A.4'], (p) => {
      pieces.push(p);
    });
    expect(pieces.map((p) => p.measureCode.map((c, i) => `${c} ${p.series[i] ?? ''}`))).toEqual([['A.1 actual', 'A.2 actual'], ['A.3 actual', 'A.4 England']]);
    // A piece is sent once it reaches PIECE_POINTS, so only its last measure takes it past.
    expect(pieces.every((p) => p.raw.length - (p.packed.at(-1) ?? 0) < PIECE_POINTS)).toBe(true);
    expect(pieces.flatMap(fromPiece).slice(0, 3)).toEqual(big);
    db.close();
  });

  it('reads the store a page of records at a time: every series once, in key order, across pages', async () => {
    const db = resetDbForTests('series-paged');
    // 4,500 series: the store is read in three pages of at most 2,000 records.
    const codes = Array.from({ length: 4500 }, (_, i) => `P.${String(i).padStart(4, '0')}`);
    await db.observations.bulkPut(codes.map((c) => series(c, 'actual', 2)));
    const seen: string[] = [];
    await readSeriesPieces(codes.filter((_, i) => i % 3 !== 1), (piece) => {
      seen.push(...piece.measureCode);
    });
    expect(seen).toEqual(codes.filter((_, i) => i % 3 !== 1));
    db.close();
  });

  it('a portfolio of many series reads the same through a reader as on the page', async () => {
    const db = resetDbForTests('series-reader');
    const codes = Array.from({ length: 1100 }, (_, i) => `M.${i}`);
    await db.portfolios.put({ id: 'p', name: 'P', council: '', cabinetMember: '', batchId: 1 });
    await db.measures.bulkPut([...codes.map((c) => measure(c, 'p')), measure('OTHER.1', 'q')]);
    await db.observations.bulkPut([...codes.flatMap((c) => [series(c, 'actual', 8), series(c, 'England', 5)]), series('OTHER.1', 'actual', 3)]);
    const onPage = await readDataset('p');
    let asked: readonly string[] = [];
    const read = async (wanted: readonly string[]) => {
      asked = wanted;
      const out: ObservationSeries[] = [];
      // As the worker sends them: each piece encoded, its buffers moved, and taken in on the other
      // side as the page takes them (the council's figures made at once, the comparators when read).
      await readSeriesPieces(wanted, (piece) => {
        out.push(...fromPieceLazily(structuredClone(piece, { transfer: pieceBuffers(piece) }), (name) => name === 'actual'));
      });
      return out;
    };
    // Not running yet: started for a read of over 1,000 series.
    const viaReader = await readDataset('p', { read, ready: false, release: () => {} });
    expect(asked).toHaveLength(1100);
    expect(viaReader.observations).toHaveLength(2200);
    expect(viaReader).toEqual(onPage);
    // A smaller portfolio is read on the page, unless the reader is running already.
    await db.measures.bulkDelete(codes.slice(10));
    asked = [];
    expect((await readDataset('p', { read, ready: false, release: () => {} })).observations).toHaveLength(20);
    expect(asked).toEqual([]);
    expect(await readDataset('p', { read, ready: true, release: () => {} })).toEqual(await readDataset('p'));
    expect(asked).toHaveLength(10);
    db.close();
  });

  it("a large portfolio's targets are read in pages: every target of its measures once, in key order, as the store's own read gives them", async () => {
    const db = resetDbForTests('targets-paged');
    // 2,300 measures with one to three targets each: the bundles are read in five pages of at most 500.
    const codes = Array.from({ length: 2300 }, (_, i) => `T.${String(i).padStart(4, '0')}`);
    const target = (code: string, year: string, breakdown: string, value: number): Target => ({ measureCode: code, year, breakdown, value, direction: null, raw: String(value), batchId: 1 });
    const targets = codes.flatMap((c, i) => [target(c, '2021/22', '', i), ...(i % 2 ? [target(c, '2022/23', '', i + 1)] : []), ...(i % 5 === 0 ? [target(c, '2021/22', 'Reading', i / 10)] : [])]);
    await db.portfolios.put({ id: 'p', name: 'P', council: '', cabinetMember: '', batchId: 1 });
    await db.measures.bulkPut([...codes.map((c) => measure(c, 'p')), measure('OTHER.1', 'q')]);
    await db.targets.bulkPut([...targets, target('OTHER.1', '2021/22', '', 7)]);
    const wanted = codes.filter((_, i) => i % 7 !== 3);
    const paged = await readTargetsInPages(wanted);
    const whole = (await db.targets.toArray()).filter((t) => wanted.includes(t.measureCode));
    expect(paged).toEqual(whole);
    expect(paged).toHaveLength(targets.filter((t) => wanted.includes(t.measureCode)).length);
    // The portfolio as a page reads it: every target of its measures, none of another portfolio's.
    const d = await readDataset('p');
    expect(d.targets).toEqual((await db.targets.toArray()).filter((t) => t.measureCode !== 'OTHER.1'));
    // A small portfolio's are read in one go, the same way.
    await db.measures.bulkDelete(codes.slice(100));
    expect((await readDataset('p')).targets).toEqual((await db.targets.toArray()).filter((t) => codes.slice(0, 100).includes(t.measureCode)));
    db.close();
  });

  it('a piece handed to the page gives back each series exactly as unpacking it does, texts shared', () => {
    const mixed: ObservationSeries = {
      measureCode: 'C.1', series: 'actual',
      points: [
        { period: '2021-22-q1', breakdown: 'Reading', value: 96.3, count: 5795, missingReason: null, note: 'provisional', status: 'Revised', raw: '96.3% (5795)', batchId: 3 },
        { period: '2021-22-q1', breakdown: 'Writing', value: null, count: null, missingReason: 'Suppressed', note: null, status: null, raw: 'Suppressed', batchId: 3 },
        { period: '2021-22-q2', breakdown: '', value: 0, count: 0, missingReason: null, note: '', status: null, raw: '0', batchId: 4 },
        { period: '2021-22-q2', breakdown: '', value: -1.5e-7, count: null, missingReason: null, note: null, status: 'Final', raw: '', batchId: 4 },
      ],
    };
    const list = [series('A.1', 'actual', 9), mixed, { measureCode: 'E.1', series: 'England', points: [] }, series('A.1', 'England', 3)];
    const sent = seriesPiece(list);
    // Each distinct text is written once, however many points carry it.
    expect(sent.words.filter((w) => w === '2021-22-q1')).toHaveLength(1);
    const taken = fromPiece(structuredClone(sent, { transfer: pieceBuffers(sent) }));
    expect(taken).toEqual(list);
    expect(taken[1]?.points[0]?.period).toBe(taken[1]?.points[1]?.period);
    // Moved, not copied: the sender's buffers are gone (the text fields share one, the numbers another).
    expect(sent.value.length).toBe(0);
    expect(pieceBuffers(seriesPiece(list))).toHaveLength(3);
  });

  it('pieces joined give back every series of each, in order, their texts looked up again', () => {
    const a = seriesPiece([series('A.1', 'England', 5), series('A.1', 'actual', 9)]);
    const b = seriesPiece([{ measureCode: 'B.1', series: 'actual', points: [] }]);
    const c = seriesPiece([{ ...series('C.1', 'actual', 2), points: series('C.1', 'actual', 2).points.map((p) => ({ ...p, note: 'Revised', status: 'Final' })) }]);
    const joined = joinKept([a, b, c]);
    expect(fromPiece(joined)).toEqual([...fromPiece(a), ...fromPiece(b), ...fromPiece(c)]);
    expect(joined.words.filter((w) => w === 'Revised')).toHaveLength(1);
    expect(joinKept([a])).toEqual(a);
  });

  it('series taken in lazily are the same series: their points made when first read, and their count and periods told before', () => {
    const withBreakdowns: ObservationSeries = {
      measureCode: 'A.1', series: 'Statistical neighbours',
      points: [
        { period: '2021/22 Q1', breakdown: 'Boys', value: 1, count: null, missingReason: null, note: null, status: null, raw: '1', batchId: 2 },
        { period: '2021/22 Q1', breakdown: 'Girls', value: null, count: null, missingReason: 'Suppressed', note: null, status: null, raw: 'Suppressed', batchId: 2 },
        { period: '2021/22 Q2', breakdown: 'Boys', value: 3, count: 12, missingReason: null, note: 'provisional', status: 'Final', raw: '3 (12)', batchId: 3 },
      ],
    };
    const list = [series('A.1', 'actual', 9), series('A.1', 'England', 6), withBreakdowns, { measureCode: 'B.1', series: 'England', points: [] }];
    const piece = seriesPiece(list);
    const lazy = fromPieceLazily(piece, (name) => name === 'actual');
    // Before any point is read: the count and the periods, from the piece.
    expect(lazy.map(pointCount)).toEqual(list.map((x) => x.points.length));
    expect(lazy.map((x) => [...seriesPeriods(x)])).toEqual(list.map((x) => distinctPeriods(x.points)));
    expect(seriesPeriods(lazy[2] as ObservationSeries)).toEqual(['2021/22 Q1', '2021/22 Q2']);
    // The council's figures are made at once; a comparator's points are made once, when first read.
    expect(Object.getOwnPropertyDescriptor(lazy[0], 'points')).toHaveProperty('value');
    expect(Object.getOwnPropertyDescriptor(lazy[1], 'points')).toHaveProperty('get');
    expect(lazy[1]?.points).toBe(lazy[1]?.points);
    // To whatever reads, copies or writes them out, they are the series themselves.
    expect(lazy).toEqual(list);
    expect(lazy).toEqual(fromPiece(piece));
    expect(JSON.stringify(lazy)).toBe(JSON.stringify(list));
    expect(structuredClone(lazy)).toEqual(list);
    expect(Object.keys(lazy[2] as object)).toEqual(['measureCode', 'series', 'points']);
    // A series given new points answers from them.
    const replaced = fromPieceLazily(piece, () => false)[1] as ObservationSeries;
    replaced.points = replaced.points.slice(0, 2);
    expect(pointCount(replaced)).toBe(2);
    expect(seriesPeriods(replaced)).toEqual(distinctPeriods(replaced.points));
  });

  it('a dataset of lazily taken series has the same periods and counts as one of points made up front', () => {
    const list = [series('A.1', 'actual', 4), series('A.1', 'England', 12), series('B.1', 'Statistical neighbours', 7)];
    const empty = { portfolio: null, priorities: [], measures: [], targets: [], commentary: [], budgetLines: [], bridgeLines: [], reserves: [], savings: [], capital: [], narrative: [], benchmarks: [], neighbourGroups: [] };
    const eager = { ...empty, observations: list } as unknown as Dataset;
    const lazy = { ...empty, observations: fromPieceLazily(seriesPiece(list), () => false) } as unknown as Dataset;
    expect(reportingPeriods(lazy)).toEqual(reportingPeriods(eager));
    expect(reportingPeriods(lazy)).toHaveLength(12);
    expect(datasetCounts(lazy)).toEqual(datasetCounts(eager));
    expect(datasetCounts(lazy).observations).toBe(23);
  });

  it('the periods of every series, asked of a piece at once, are those of every point: of the series made at once, and of one given new points', () => {
    const list = [series('A.1', 'actual', 4), series('A.1', 'England', 12), series('B.1', 'Statistical neighbours', 7), series('C.1', 'actual', 9)];
    const all = (l: readonly ObservationSeries[]) => [...periodsOfAll(l)].sort();
    const periodsOf = (l: readonly ObservationSeries[]) => [...new Set(l.flatMap((x) => x.points.map((p) => p.period)))].sort();
    expect(periodsOf(list)).toHaveLength(12);
    // Two pieces, the council's figures made at once.
    const lazy = [...fromPieceLazily(seriesPiece(list.slice(0, 2)), (n) => n === 'actual'), ...fromPieceLazily(seriesPiece(list.slice(2)), (n) => n === 'actual')];
    expect(all(lazy)).toEqual(periodsOf(list));
    // England, the only series to reach the last three quarters, given its first point alone.
    const [, england] = lazy;
    if (england) england.points = england.points.slice(0, 1);
    expect(periodsOf(lazy)).toHaveLength(9);
    expect(all(lazy)).toEqual(periodsOf(lazy));
  });

  it('the periods with a figure of the council\'s own, asked of a piece at once, are those of its points with a value, until one is given other points', () => {
    const list = [series('A.1', 'actual', 4), series('A.1', 'England', 12), series('B.1', 'actual', 9), series('C.1', 'actual', 1)];
    const withFigures = (l: readonly ObservationSeries[]) => [...new Set(l.filter((x) => x.series === 'actual').flatMap((x) => x.points.filter((p) => p.value !== null).map((p) => p.period)))].sort();
    const asked = (l: readonly ObservationSeries[]) => [...actualPeriodsOfAll(l)].sort();
    // Points 0 and 7 of each series have no value ("Awaiting data"): C.1's one point adds no period,
    // and neither Q1 2000/01 nor B.1's Q4 2001/02 is one.
    expect(withFigures(list)).toEqual(['Q1 2001/02', 'Q1 2002/03', 'Q2 2000/01', 'Q2 2001/02', 'Q3 2000/01', 'Q3 2001/02', 'Q4 2000/01']);
    for (const eager of [(n: string) => n === 'actual', () => false]) {
      const taken = fromPieceLazily(seriesPiece(list), eager);
      expect(asked(taken)).toEqual(withFigures(list));
      // B.1 given its first two points alone: only A.1's periods with a value are left, and Q2 2000/01.
      const b = taken.find((x) => x.measureCode === 'B.1');
      if (b) b.points = b.points.slice(0, 2);
      expect(asked(taken)).toEqual(withFigures(taken));
      expect(asked(taken)).toEqual(['Q2 2000/01', 'Q3 2000/01', 'Q4 2000/01']);
      // And every period, the same way.
      expect([...periodsOfAll(taken)].sort()).toEqual([...new Set(taken.flatMap((x) => x.points.map((p) => p.period)))].sort());
    }
    // The default reporting period reads them: with targets for 2001/02, its latest quarter with a figure (Q4 has none).
    const targets = [{ measureCode: 'A.1', year: '2001/02', breakdown: '', value: 1, text: '1' }] as unknown as Target[];
    expect(defaultRatingPeriod(fromPieceLazily(seriesPiece(list), (n) => n === 'actual'), targets)).toBe(defaultRatingPeriod(list, targets));
    expect(defaultRatingPeriod(list, targets)).toBe('Q3 2001/02');
  });
});
