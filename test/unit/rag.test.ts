import { describe, expect, it } from 'vitest';
import { DERIVED_STATUS, defaultRatingPeriod, previousPoint, rateAgainst, rateDirection, rateMeasure } from '../../src/domain/rag';
import type { Measure, ObservationPoint, ObservationSeries, Target } from '../../src/domain/types';

const measure = (over: Partial<Measure> = {}): Measure => ({
  code: 'CFSE.25', portfolioId: 'p', name: 'Young people in education or training', priority: 2, measureType: 'Partnership',
  frequency: 'Quarterly', polarity: 'High', unit: '%', targetType: 'Numerical', gms: false, corporate: false, isNew: false, batchId: 1, ...over,
});

const point = (period: string, value: number | null, over: Partial<ObservationPoint> = {}): ObservationPoint => ({
  period, breakdown: '', value, count: null, missingReason: null, note: null, status: null, raw: String(value), batchId: 1, ...over,
});

const series = (points: ObservationPoint[], name = 'actual'): ObservationSeries => ({ measureCode: 'CFSE.25', series: name, points });

const target = (value: number | null, over: Partial<Target> = {}): Target => ({
  measureCode: 'CFSE.25', year: '2021/22', breakdown: '', value, direction: null, raw: String(value), batchId: 1, ...over,
});

describe('rateAgainst (numerical rule)', () => {
  it.each([
    // actual, target, polarity, tolerance, expected
    [97, 97, 'High', 0.05, 'Green'],
    [97.1, 97, 'High', 0.05, 'Green'],
    [92.15, 97, 'High', 0.05, 'Amber'], // exactly target − 5 % of 97 = 92.15
    [92.14, 97, 'High', 0.05, 'Red'],
    [2, 2, 'Low', 0.05, 'Green'],
    [1.9, 2, 'Low', 0.05, 'Green'],
    [2.1, 2, 'Low', 0.05, 'Amber'], // exactly target + 5 %
    [2.11, 2, 'Low', 0.05, 'Red'],
    [-0.53, -0.53, 'High', 0.05, 'Green'], // negative targets use |target| for the band
    [-0.55, -0.53, 'High', 0.05, 'Amber'],
    [-0.56, -0.53, 'High', 0.05, 'Red'],
    [96, 97, 'High', 0, 'Red'], // no tolerance: no Amber
    [96, 97, 'High', 0.1, 'Amber'],
  ] as const)('%d vs %d (%s, tolerance %d) is %s', (actual, t, polarity, tolerance, expected) => {
    expect(rateAgainst(actual, t, polarity, tolerance)).toBe(expected);
  });
});

describe('rateDirection (direction of travel)', () => {
  it.each([
    [96, 95, 'maximise', 'High', 'Green'],
    [95, 95, 'maximise', 'High', 'Amber'],
    [91, 95, 'maximise', 'High', 'Amber'], // 4 below: within 5 % of 95
    [90, 95, 'maximise', 'High', 'Red'],
    [370, 378, 'minimise', 'Low', 'Green'],
    [380, 378, 'minimise', 'Low', 'Amber'],
    [400, 378, 'minimise', 'Low', 'Red'],
    [92, 92, 'maintain', 'High', 'Green'],
    [90, 92, 'maintain', 'High', 'Green'], // within tolerance: maintained
    [80, 92, 'maintain', 'High', 'Red'],
    [93, 92, 'maintain', 'High', 'Green'],
  ] as const)('%d after %d (%s, %s) is %s', (actual, previous, direction, polarity, expected) => {
    expect(rateDirection(actual, previous, direction, polarity, 0.05)).toBe(expected);
  });
});

describe('rateMeasure', () => {
  const q2 = '2021/22 Q2';

  it('rates a numerical target and says why', () => {
    const r = rateMeasure({ measure: measure(), series: [series([point('2020/21', 96.4), point(q2, 96.4)])], targets: [target(97)], period: q2, tolerance: 0.05 });
    expect(r).toMatchObject({ status: 'Amber', period: q2, reason: '96.4% vs target 97% (higher is better, 5% tolerance): Amber' });
  });

  it('mirrors the rule for lower-is-better measures', () => {
    const r = rateMeasure({ measure: measure({ polarity: 'Low' }), series: [series([point(q2, 3.1)])], targets: [target(2)], period: q2, tolerance: 0.05 });
    expect(r.status).toBe('Red');
    expect(r.reason).toBe('3.1% vs target 2% (lower is better, 5% tolerance): Red');
  });

  it('rates an annual measure on its figure for the year containing the period', () => {
    const annual = measure({ frequency: 'Annually' });
    const noYear = rateMeasure({ measure: annual, series: [series([point('2020/21', 60)])], targets: [target(67)], period: q2, tolerance: 0.05 });
    expect(noYear).toMatchObject({ status: 'No data', period: '2021/22' });
    expect(noYear.reason).toBe('No figure for 2021/22 (an annual measure is rated on its figure for the year): No data');
    const withYear = rateMeasure({ measure: annual, series: [series([point('2021/22', 68)])], targets: [target(67)], period: q2, tolerance: 0.05 });
    expect(withYear.status).toBe('Green');
  });

  it('uses the target of the year containing the period', () => {
    const r = rateMeasure({ measure: measure(), series: [series([point('2020/21', 96.4)])], targets: [target(97), target(90, { year: '2020/21' })], period: '2020/21', tolerance: 0.05 });
    expect(r.reason).toBe('96.4% vs target 90% (higher is better, 5% tolerance): Green');
  });

  it('gives No data with the reason the data states', () => {
    const r = rateMeasure({ measure: measure(), series: [series([point(q2, null, { missingReason: 'Awaiting data' })])], targets: [target(97)], period: q2, tolerance: 0.05 });
    expect(r).toMatchObject({ status: 'No data', reason: 'no figure for Q2 2021/22 (Awaiting data): No data' });
  });

  it('does not rate contextual measures or measures without a target', () => {
    const contextual = rateMeasure({ measure: measure({ polarity: 'Contextual', targetType: 'No target', unit: 'per 10,000' }), series: [series([point(q2, 24.9)])], targets: [], period: q2, tolerance: 0.05 });
    expect(contextual).toMatchObject({ status: 'Not rated', reason: '24.9 per 10,000; contextual measure, no polarity: Not rated' });
    const noTarget = rateMeasure({ measure: measure({ targetType: 'No target' }), series: [series([point(q2, 50)])], targets: [], period: q2, tolerance: 0.05 });
    expect(noTarget).toMatchObject({ status: 'Not rated', reason: '50%; no target for 2021/22: Not rated' });
  });

  it('rates a direction of travel against the previous actual', () => {
    const m = measure({ targetType: 'Direction of travel' });
    const dir = target(null, { direction: 'maximise', raw: 'Aim to maximise' });
    const up = rateMeasure({ measure: m, series: [series([point('2021/22 Q1', 95), point(q2, 96)])], targets: [dir], period: q2, tolerance: 0.05 });
    expect(up).toMatchObject({ status: 'Green', reason: '96% vs 95% in Q1 2021/22 (aim to maximise, higher is better, 5% tolerance): Green' });
    const first = rateMeasure({ measure: m, series: [series([point(q2, 96)])], targets: [dir], period: q2, tolerance: 0.05 });
    expect(first.status).toBe('Not rated');
    expect(first.reason).toContain('no earlier figure to compare with');
  });

  it('rates a comparator target against statistical neighbours first, then England, else says there is none', () => {
    const m = measure({ targetType: 'Comparator' });
    const own = series([point(q2, 60)]);
    const sn = series([point(q2, 62)], 'Statistical neighbours');
    const eng = series([point(q2, 55)], 'England');
    expect(rateMeasure({ measure: m, series: [own, sn, eng], targets: [], period: q2, tolerance: 0.05 }).reason).toBe('60% vs Statistical neighbours 62% (higher is better, 5% tolerance): Amber');
    expect(rateMeasure({ measure: m, series: [own, eng], targets: [], period: q2, tolerance: 0.05 }).reason).toBe('60% vs England 55% (higher is better, 5% tolerance): Green');
    expect(rateMeasure({ measure: m, series: [own], targets: [], period: q2, tolerance: 0.05 })).toMatchObject({ status: 'No comparator' });
  });

  it('a comparator worked out from a national file says how in the reason; a reported one with a note does not', () => {
    const m = measure({ targetType: 'Comparator' });
    const own = series([point(q2, 60)]);
    const derived = series([point(q2, 58, { status: DERIVED_STATUS, note: 'mean of 9 of 10 statistical neighbours; Rochdale: c confidential' })], 'Statistical neighbours');
    expect(rateMeasure({ measure: m, series: [own, derived], targets: [], period: q2, tolerance: 0.05 }).reason)
      .toBe('60% vs Statistical neighbours 58% (mean of 9 of 10 statistical neighbours; Rochdale: c confidential) (higher is better, 5% tolerance): Green');
    const reported = series([point(q2, 58, { note: 'End of March 19' })], 'Statistical neighbours');
    expect(rateMeasure({ measure: m, series: [own, reported], targets: [], period: q2, tolerance: 0.05 }).reason).toBe('60% vs Statistical neighbours 58% (higher is better, 5% tolerance): Green');
    // A derived England figure is used only when there is no neighbour figure for the period.
    const derivedEngland = series([point(q2, 64, { status: DERIVED_STATUS, note: "England's row of la-file.csv" })], 'England');
    expect(rateMeasure({ measure: m, series: [own, series([point('2021/22 Q1', 50)], 'Statistical neighbours'), derivedEngland], targets: [], period: q2, tolerance: 0.05 }).reason)
      .toBe("60% vs England 64% (England's row of la-file.csv) (higher is better, 5% tolerance): Red");
  });

  it('rates breakdowns one by one and takes the worst', () => {
    const m = measure({ frequency: 'Annually' });
    const r = rateMeasure({
      measure: m,
      series: [series([point('2021/22', 12, { breakdown: 'EHC Plan' }), point('2021/22', 20, { breakdown: 'SEN Support' })])],
      targets: [target(10, { breakdown: 'EHC Plan' }), target(25.1, { breakdown: 'SEN Support' })],
      period: '2021/22', tolerance: 0.05,
    });
    expect(r.parts.map((p) => [p.breakdown, p.status])).toEqual([['EHC Plan', 'Green'], ['SEN Support', 'Red']]);
    expect(r.status).toBe('Red');
    expect(r.reason).toBe('EHC Plan: 12% vs target 10% (higher is better, 5% tolerance) (Green); SEN Support: 20% vs target 25.1% (higher is better, 5% tolerance) (Red). Worst of the breakdowns: Red');
  });
});

describe('periods', () => {
  it('finds the previous actual of the same breakdown', () => {
    const s = series([point('2019/20', 1), point('2020/21', null), point('2021/22 Q1', 3, { breakdown: 'X' }), point('2021/22 Q1', 4)]);
    expect(previousPoint(s, '2021/22 Q2', '')?.value).toBe(4);
    expect(previousPoint(s, '2021/22 Q1', '')?.value).toBe(1);
  });

  it('defaults to the latest period with an actual in the latest year with targets', () => {
    const s = [series([point('2020/21', 1), point('2021/22 Q1', 2), point('2021/22 Q2', 3), point('2022/23 Q1', null)])];
    expect(defaultRatingPeriod(s, [target(1)])).toBe('2021/22 Q2');
    expect(defaultRatingPeriod(s, [target(1, { year: '2020/21' })])).toBe('2020/21');
    expect(defaultRatingPeriod(s, [])).toBe('2021/22 Q2');
  });
});
