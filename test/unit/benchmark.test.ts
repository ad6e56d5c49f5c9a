import { describe, expect, it } from 'vitest';
import {
  agreesAtPrecision, groupFigure, groupFigureWords, groupSeries, knownAuthorities, neighbourDifferences, ordinal, quartileOf, rankAreas,
  rankWords, resolveAuthority, statisticalNeighbourGroup, symbolWords, withBenchmarkSeries,
} from '../../src/domain/benchmark';
import type { Dataset } from '../../src/domain/dataset';
import { rateMeasure } from '../../src/domain/rag';
import type { BenchmarkArea, BenchmarkSet, Measure, NeighbourGroup, ObservationSeries } from '../../src/domain/types';

const la = (code: string, name: string, value: number | null, over: Partial<BenchmarkArea> = {}): BenchmarkArea => ({
  level: 'Local authority', code, oldCodes: [], name, regionCode: 'E12000002', regionName: 'North West', value, symbol: null, raw: value === null ? 'x' : String(value), ...over,
});

const set = (period: string, areas: BenchmarkArea[], measureCode = 'CFSE.14'): BenchmarkSet => ({
  measureCode, indicator: 'Percentage achieving the expected standard', period, source: 'ks2-la.csv', areas, batchId: 1,
});

const group = (name: string, members: string[]): NeighbourGroup => ({ name, members, batchId: 1 });

/** 152 authorities with values 1..152 (E0000001 has 1); the council E0000100 has 100. */
const national = set('2023/24', [
  { level: 'National', code: 'E92000001', oldCodes: [], name: 'England', regionCode: null, regionName: null, value: 60, symbol: null, raw: '60' },
  { level: 'Regional', code: 'E12000002', oldCodes: [], name: 'North West', regionCode: null, regionName: null, value: 58.5, symbol: null, raw: '58.5' },
  ...Array.from({ length: 152 }, (_, i) => la(`E${String(i + 1).padStart(7, '0')}`, `Authority ${i + 1}`, i + 1)),
  la('E9999999', 'Isles of Nowhere', null, { symbol: 'c', raw: 'c' }),
]);

describe('quartileOf (LAIT bands)', () => {
  it.each([
    [1, 152, 1], [38, 152, 1], [39, 152, 2], [76, 152, 2], [77, 152, 3], [114, 152, 3], [115, 152, 4], [152, 152, 4],
    [1, 10, 1], [3, 10, 1], [4, 10, 2], [10, 10, 4], [1, 1, 1],
  ] as const)('rank %d of %d is quartile %d', (rank, count, q) => {
    expect(quartileOf(rank, count)).toBe(q);
  });
});

describe('rankAreas', () => {
  it('ranks every local authority best first by polarity; symbols are listed, not ranked', () => {
    const high = rankAreas(national, 'High', null, 'E0000100');
    expect(high.ranked).toHaveLength(152);
    expect(high.ranked[0]?.area.code).toBe('E0000152');
    expect(high.authority).toMatchObject({ rank: 53, quartile: 2, tied: false });
    expect(high.unranked.map((a) => a.name)).toEqual(['Isles of Nowhere']);
    expect(rankWords(high, 'Authority 100')).toBe('53rd of 152 local authorities; 2nd quartile');

    const low = rankAreas(national, 'Low', null, 'E0000010');
    expect(low.ranked[0]?.area.code).toBe('E0000001');
    expect(rankWords(low, 'Authority 10')).toBe('10th of 152 local authorities; 1st quartile (best)');
    expect(rankWords(rankAreas(national, 'Low', null, 'E0000150'), 'x')).toBe('150th of 152 local authorities; 4th quartile (worst)');

    const ctx = rankAreas(national, 'Contextual', null, 'E0000152');
    expect(rankWords(ctx, 'x')).toBe('1st largest of 152 local authorities (ranked by size, no polarity); 1st quartile (largest)');
  });

  it('ties share a rank and the next rank skips', () => {
    const s = set('2023/24', [la('A', 'A', 5), la('B', 'B', 7), la('C', 'C', 7), la('D', 'D', 3)]);
    const r = rankAreas(s, 'High', null, 'C');
    expect(r.ranked.map((x) => [x.area.code, x.rank])).toEqual([['B', 1], ['C', 1], ['A', 3], ['D', 4]]);
    expect(rankWords(r, 'C')).toBe('joint 1st of 4 local authorities; 1st quartile (best)');
  });

  it('within a group: the members and the council, old codes recognised, members missing from the file named', () => {
    const s = set('2023/24', [la('A', 'A', 5), la('B', 'B', 7, { oldCodes: ['OLD-B'] }), la('C', 'C', 7), la('D', 'D', null, { symbol: 'low' })]);
    const r = rankAreas(s, 'Low', ['OLD-B', 'D', 'GONE'], 'A', 'Statistical neighbours');
    expect(r.ranked.map((x) => x.area.code)).toEqual(['A', 'B']);
    expect(r.unranked.map((a) => a.code)).toEqual(['D']);
    expect(r.notInFile).toEqual(['GONE']);
    expect(rankWords(r, 'A', 'in the group')).toBe('1st of 2 in the group; 1st quartile (best)');
  });

  it('the council without a figure is said to be unranked, with the symbol in words', () => {
    expect(rankWords(rankAreas(national, 'High', null, 'E9999999'), 'Isles of Nowhere')).toBe('Isles of Nowhere is not ranked: c confidential.');
    expect(rankWords(rankAreas(national, 'High', null, 'NOPE'), 'Nowhere')).toBe('Nowhere has no figure in this file, so it is not ranked.');
  });

  it('ordinals', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 152].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd', '101st', '111th', '152nd']);
  });
});

describe('group figures', () => {
  const s = set('2023/24', [la('A', 'Stockport', 50), la('B', 'Bury', 40), la('C', 'Rochdale', null, { symbol: 'c' }), la('D', 'Trafford', 70), la('E', 'Wigan', 61)]);
  const sn = group('Statistical neighbours', ['A', 'B', 'C', 'D', 'E', 'F']);

  it('mean and median of the members with a figure; the council and members without a figure are left out and named', () => {
    const f = groupFigure(s, sn, 'A');
    expect(f.of).toBe(5);
    expect(f.used.map((a) => a.name)).toEqual(['Bury', 'Trafford', 'Wigan']);
    expect(f.mean).toBeCloseTo(57, 9);
    expect(f.median).toBe(61);
    expect(groupFigureWords(f, 'mean', 'statistical neighbours')).toBe('mean of 3 of 5 statistical neighbours; Rochdale: c confidential; F: not in the file');
  });

  it('an even count takes the middle two for the median; nobody with a figure gives no figure', () => {
    expect(groupFigure(s, group('g', ['B', 'D', 'E', 'A']), null).median).toBe(55.5);
    expect(groupFigure(s, group('g', ['C']), 'A')).toMatchObject({ mean: null, median: null, of: 1 });
  });

  it('series named "<group> (mean)" and "<group> (median)", one point a period, saying how each was worked out', () => {
    const earlier = set('2022/23', [la('B', 'Bury', 30), la('D', 'Trafford', 50)]);
    const [mean, median] = groupSeries('CFSE.14', [s, earlier], sn, 'A');
    expect(mean?.series).toBe('Statistical neighbours (mean)');
    expect(median?.series).toBe('Statistical neighbours (median)');
    expect(mean?.points.map((p) => [p.period, p.value])).toEqual([['2022/23', 40], ['2023/24', 57]]);
    expect(mean?.points[0]?.note).toBe('mean of 2 of 5 statistical neighbours; Rochdale: not in the file; Wigan: not in the file; F: not in the file'.replace('Rochdale', 'C').replace('Wigan', 'E'));
  });

  it('symbols in words', () => {
    expect(['x', 'z', 'c', 'low', 'u', null, '?'].map(symbolWords)).toEqual(['x not available', 'z not applicable', 'c confidential', 'low fewer than the publication threshold', 'u low reliability', 'no figure', '"?"']);
  });
});

const measure = (over: Partial<Measure> = {}): Measure => ({
  code: 'CFSE.14', portfolioId: 'p', name: 'KS2 expected standard', priority: 2, measureType: 'Partnership', frequency: 'Annually',
  polarity: 'High', unit: '%', targetType: 'Comparator', gms: false, corporate: false, isNew: false, batchId: 1, ...over,
});

const dataset = (over: Partial<Dataset>): Dataset => ({
  portfolio: null, priorities: [], measures: [measure()], observations: [], targets: [], commentary: [], budgetLines: [], bridgeLines: [],
  reserves: [], savings: [], capital: [], narrative: [], benchmarks: [], neighbourGroups: [], ...over,
});

const actual = (period: string, value: number): ObservationSeries => ({
  measureCode: 'CFSE.14', series: 'actual', points: [{ period, breakdown: '', value, count: null, missingReason: null, note: null, status: null, raw: String(value), batchId: 1 }],
});

describe('withBenchmarkSeries and the RAG engine', () => {
  const s = set('2023/24', [
    { level: 'National', code: 'E92000001', oldCodes: [], name: 'England', regionCode: null, regionName: null, value: 52, symbol: null, raw: '52' },
    { level: 'Regional', code: 'E12000002', oldCodes: [], name: 'North West', regionCode: null, regionName: null, value: 53, symbol: null, raw: '53' },
    la('A', 'Stockport', 55), la('B', 'Bury', 50), la('C', 'Rochdale', null, { symbol: 'c' }), la('D', 'Trafford', 60),
  ]);
  const sn = group('Statistical neighbours', ['B', 'C', 'D']);

  it('the neighbour mean becomes the Statistical neighbours comparator, and a Comparator measure is rated against it first', () => {
    const d = withBenchmarkSeries(dataset({ observations: [actual('2023/24', 55)], benchmarks: [s], neighbourGroups: [sn] }), { code: 'A', name: 'Stockport' });
    const names = d.observations.map((o) => o.series).sort();
    // No reported neighbour figure: the mean fills "Statistical neighbours" and is not repeated as its own series.
    expect(names).toEqual(['England', 'North West', 'Statistical neighbours', 'actual']);
    const withGm = withBenchmarkSeries(dataset({ observations: [actual('2023/24', 55)], benchmarks: [s], neighbourGroups: [sn, group('Greater Manchester', ['A', 'B', 'D'])] }), { code: 'A', name: 'Stockport' });
    expect(withGm.observations.find((o) => o.series === 'Greater Manchester (mean)')?.points.map((p) => [p.period, p.value, p.note])).toEqual([['2023/24', 55, 'mean of 2 of 2 members of Greater Manchester']]);
    const rating = rateMeasure({ measure: measure(), series: d.observations, targets: [], period: '2023/24', tolerance: 0.05 });
    expect(rating.status).toBe('Green');
    expect(rating.reason).toBe('55% vs Statistical neighbours 55% (mean of 2 of 3 statistical neighbours; Rochdale: c confidential) (higher is better, 5% tolerance): Green');
    // Lower is better: 57 against a neighbour mean of 55 is within 5% of it.
    const worse = rateMeasure({ measure: measure({ polarity: 'Low' }), series: withBenchmarkSeries(dataset({ observations: [actual('2023/24', 57)], benchmarks: [s], neighbourGroups: [sn] }), { code: 'A', name: 'Stockport' }).observations, targets: [], period: '2023/24', tolerance: 0.05 });
    expect(worse).toMatchObject({ status: 'Amber' });
  });

  it('without a neighbour group, England from the national row rates the measure ("then national")', () => {
    const d = withBenchmarkSeries(dataset({ observations: [actual('2023/24', 50)], benchmarks: [s] }), { code: 'A', name: 'Stockport' });
    const rating = rateMeasure({ measure: measure(), series: d.observations, targets: [], period: '2023/24', tolerance: 0.05 });
    expect(rating.reason).toBe("50% vs England 52% (England's row of ks2-la.csv) (higher is better, 5% tolerance): Amber");
  });

  it("the council's own reported figures win; a differing one is reported as a difference, not hidden", () => {
    const reported: ObservationSeries = { measureCode: 'CFSE.14', series: 'Statistical neighbours', points: [{ period: '2023/24', breakdown: '', value: 58, count: null, missingReason: null, note: null, status: null, raw: '58%', batchId: 1 }] };
    const d = withBenchmarkSeries(dataset({ observations: [actual('2023/24', 56), reported], benchmarks: [s], neighbourGroups: [sn] }), { code: 'A', name: 'Stockport' });
    expect(d.observations.find((o) => o.series === 'Statistical neighbours')?.points.map((p) => p.value)).toEqual([58]);
    expect(d.observations.find((o) => o.series === 'Statistical neighbours (mean)')?.points.map((p) => p.value)).toEqual([55]);
    expect(rateMeasure({ measure: measure(), series: d.observations, targets: [], period: '2023/24', tolerance: 0.05 }).reason).toBe('56% vs Statistical neighbours 58% (higher is better, 5% tolerance): Amber');
    expect(neighbourDifferences(d, 'CFSE.14', { code: 'A', name: 'Stockport' })).toEqual([
      { period: '2023/24', stored: 58, derived: 55, words: 'mean of 2 of 3 statistical neighbours; Rochdale: c confidential' },
    ]);
    const same = { ...reported, points: [{ ...reported.points[0]!, value: 55 }] };
    expect(neighbourDifferences({ ...d, observations: [same] }, 'CFSE.14', null)).toEqual([]);
  });

  it('without benchmark data the dataset is returned as it was', () => {
    const d = dataset({ observations: [actual('2023/24', 55)] });
    expect(withBenchmarkSeries(d, null)).toBe(d);
  });
});

describe('authority and group choice', () => {
  const s = set('2023/24', [la('E08000007', 'Stockport', 55, { oldCodes: ['356'] }), la('E08000002', 'Bury', 50)]);
  it('the chosen authority wins (found by an old code too); else the council name is matched', () => {
    expect(resolveAuthority({ code: '356', name: 'Stockport' }, [s], null)).toEqual({ code: 'E08000007', name: 'Stockport', by: 'setting' });
    expect(resolveAuthority(null, [s], 'Stockport Metropolitan Borough Council')).toEqual({ code: 'E08000007', name: 'Stockport', by: 'name' });
    expect(resolveAuthority(null, [s], 'Trafford Council')).toBeNull();
    // A bare code as the setting is read too; its name comes from the file.
    expect(resolveAuthority('E08000007', [s], null)).toEqual({ code: 'E08000007', name: 'Stockport', by: 'setting' });
    expect(resolveAuthority({ code: '', name: '' }, [s], 'Stockport Metropolitan Borough Council')).toMatchObject({ code: 'E08000007', by: 'name' });
  });
  it('the group named "Statistical neighbours" (any case) is the statistical-neighbour group', () => {
    expect(statisticalNeighbourGroup([group('GM', []), group(' statistical Neighbours ', ['A'])])?.members).toEqual(['A']);
    expect(statisticalNeighbourGroup([group('GM', [])])).toBeNull();
  });
  it('known authorities, by name, for picking group members', () => {
    expect(knownAuthorities([s]).map((a) => a.name)).toEqual(['Bury', 'Stockport']);
  });
  it('precision: a figure quoted to fewer places agrees with the fuller one', () => {
    expect(agreesAtPrecision(58, 58.04)).toBe(true);
    expect(agreesAtPrecision(58.0, 58.4)).toBe(true);
    expect(agreesAtPrecision(65.2, 65.24)).toBe(true);
    expect(agreesAtPrecision(65.2, 65.26)).toBe(false);
  });
});
