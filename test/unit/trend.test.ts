import { describe, expect, it } from 'vitest';
import { buildTrend, ragHistory } from '../../src/domain/trend';
import { changeWithDifference, changeWords, describeChange } from '../../src/domain/measure-rows';
import type { Measure, ObservationPoint, ObservationSeries, Target } from '../../src/domain/types';

const m: Measure = { code: 'CFSE.47', portfolioId: 'p', name: 'Child protection plans per 10,000', priority: 5, measureType: 'Contextual', frequency: 'Quarterly', polarity: 'High', unit: 'per 10,000', targetType: 'Numerical', gms: false, corporate: false, isNew: false, batchId: 1 };
const pt = (period: string, value: number | null, over: Partial<ObservationPoint> = {}): ObservationPoint => ({ period, breakdown: '', value, count: null, missingReason: null, note: null, status: null, raw: String(value), batchId: 1, ...over });
const s = (series: string, points: ObservationPoint[]): ObservationSeries => ({ measureCode: m.code, series, points });
const t = (year: string, value: number): Target => ({ measureCode: m.code, year, breakdown: '', value, direction: null, raw: String(value), batchId: 1 });

describe('buildTrend', () => {
  it('puts actuals, comparators and the year target on one timeline', () => {
    const trend = buildTrend(m, [s('England', [pt('2020/21', 40)]), s('actual', [pt('2021/22 Q1', 30, { count: 190 }), pt('2020/21', 24.9, { count: 158 })])], [t('2021/22', 33)]);
    expect(trend.series.map((x) => x.label)).toEqual(['Actual', 'England', 'Target']);
    expect(trend.rows.map((r) => [r.label, ...trend.series.map((x) => r.cells[x.key]?.value ?? null)])).toEqual([
      ['2020/21', 24.9, 40, null],
      ['Q1 2021/22', 30, null, 33],
      ['2021/22', null, null, 33],
    ]);
    expect(trend.rows[0]?.cells['actual|actual|']?.count).toBe(158);
  });

  it('keeps one series per breakdown', () => {
    const trend = buildTrend(m, [s('actual', [pt('2018/19', 12, { breakdown: 'EHC Plan' }), pt('2018/19', 26, { breakdown: 'SEN Support' })])], []);
    expect(trend.series.map((x) => x.label)).toEqual(['Actual: EHC Plan', 'Actual: SEN Support']);
  });
});

describe('ragHistory and change', () => {
  it('rates every period the measure has an actual for', () => {
    const hist = ragHistory(m, [s('actual', [pt('2021/22 Q1', 30), pt('2021/22 Q2', 34)])], [t('2021/22', 33)], 0.05);
    expect(hist.map((h) => [h.period, h.status])).toEqual([['2021/22 Q1', 'Red'], ['2021/22 Q2', 'Green']]);
  });

  it('describes a change in the committee\'s words, read with polarity', () => {
    const up = describeChange(m, pt('2020/21', 24.9), 30.1);
    expect(up).toMatchObject({ absolute: 5.2, reading: 'improved' });
    expect(changeWords(up!)).toBe('a 21% increase');
    const down = describeChange({ ...m, polarity: 'Low' }, pt('2020/21', 10), 9.5);
    expect(down?.reading).toBe('improved');
    expect(changeWords(down!)).toBe('a 5% decrease');
    expect(describeChange({ ...m, polarity: 'Contextual' }, pt('2020/21', 10), 11)?.reading).toBe('rose');
    expect(changeWords(describeChange(m, pt('x', 10), 18)!)).toBe('an 80% increase');
  });

  it("gives a change with its difference in the measure's unit: a percentage's in percentage points", () => {
    const pct = { ...m, unit: '%' as const };
    expect(changeWithDifference(describeChange(pct, pt('2021/22 Q1', 52), 55)!, pct.unit)).toBe('a 5.8% increase (+3 percentage points)');
    expect(changeWithDifference(describeChange(pct, pt('2021/22 Q1', 4.9), 4.7)!, pct.unit)).toBe('a 4.1% decrease (−0.2 percentage points)');
    expect(changeWithDifference(describeChange(m, pt('2020/21', 24.9), 30.1)!, m.unit)).toBe('a 21% increase (+5.2 per 10,000)');
    expect(changeWithDifference(describeChange(m, pt('2020/21', 24.9), 24.9)!, m.unit)).toBe('no change');
  });
});
