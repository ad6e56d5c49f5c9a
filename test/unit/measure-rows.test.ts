import { describe, expect, it, vi } from 'vitest';
import type { Dataset } from '../../src/domain/dataset';
import { buildMeasureRows, keptMeasureRows, rateMeasureRowsInSteps } from '../../src/domain/measure-rows';
import { nextTask } from '../../src/domain/steps';
import { DEFAULT_TOLERANCE } from '../../src/domain/rag';
import { sampleDataset } from '../support/sample';
import type { Measure, ObservationPoint } from '../../src/domain/types';

const measure = (code: string): Measure => ({ code, portfolioId: 'p', name: `Measure ${code}`, priority: 1, measureType: 'Council', frequency: 'Quarterly', polarity: 'High', unit: '%', targetType: 'Numerical', gms: false, corporate: false, isNew: false, batchId: 1 });
const point = (period: string, value: number): ObservationPoint => ({ period, breakdown: '', value, count: null, missingReason: null, note: null, status: null, raw: `${value}%`, batchId: 1 });

function dataset(): Dataset {
  return {
    portfolio: null, priorities: [], commentary: [], budgetLines: [], bridgeLines: [], reserves: [], savings: [], capital: [], narrative: [], benchmarks: [], neighbourGroups: [],
    measures: [measure('A.1'), measure('A.2')],
    observations: [
      { measureCode: 'A.1', series: 'actual', points: [point('2021/22 Q1', 90), point('2021/22 Q2', 94)] },
      { measureCode: 'A.2', series: 'actual', points: [point('2021/22 Q1', 50), point('2021/22 Q2', 48)] },
    ],
    targets: [
      { measureCode: 'A.1', year: '2021/22', breakdown: '', value: 95, direction: null, raw: '95%', batchId: 1 },
      { measureCode: 'A.2', year: '2021/22', breakdown: '', value: 49, direction: null, raw: '49%', batchId: 1 },
    ],
  } as Dataset;
}

describe('buildMeasureRows', () => {
  it('rates a dataset once per period and tolerance, and again for another dataset object', () => {
    const d = dataset();
    const rows = buildMeasureRows(d, '2021/22 Q2', 0.05);
    expect(rows.map((r) => [r.measure.code, r.rating.status, r.change?.reading])).toEqual([['A.1', 'Amber', 'improved'], ['A.2', 'Amber', 'worsened']]);
    expect(buildMeasureRows(d, '2021/22 Q2', 0.05)).toBe(rows);
    const strict = buildMeasureRows(d, '2021/22 Q2', 0);
    expect(strict).not.toBe(rows);
    expect(strict.map((r) => r.rating.status)).toEqual(['Red', 'Red']);
    const copy = dataset();
    const again = buildMeasureRows(copy, '2021/22 Q2', 0.05);
    expect(again).not.toBe(rows);
    expect(again).toEqual(rows);
  });
});

describe('a row of the sample, as the paper prints it', () => {
  const rows = buildMeasureRows(sampleDataset(), '2021/22 Q2', DEFAULT_TOLERANCE);
  const row = (code: string) => rows.find((r) => r.measure.code === code);

  it('gives the latest earlier figure where the period has none, and none where it has one', () => {
    // CFSE.1, mothers smoking at delivery: 10.8% in 2018/19, 9.1% in 2019/20, none for 2020/21 or 2021/22.
    expect(row('CFSE.1')?.points.filter((p) => p.value !== null)).toEqual([]);
    expect(row('CFSE.1')?.latestEarlier).toMatchObject({ period: '2019/20', value: 9.1, count: 248 });
    const rated = rows.filter((r) => r.points.some((p) => p.value !== null));
    expect(rated.length).toBeGreaterThan(0);
    expect(rated.every((r) => r.latestEarlier === null)).toBe(true);
  });

  it("gives the targets of the rating period's year, each breakdown's in the order stored", () => {
    expect(row('CFSE.1')?.targets.map((t) => [t.year, t.value])).toEqual([['2021/22', 9.5]]);
    // CFSE.13, the attainment gap: a target for each subject.
    expect(row('CFSE.13')?.targets.map((t) => [t.year, t.breakdown, t.value])).toEqual([['2021/22', 'Reading', 0.5], ['2021/22', 'Writing', 0], ['2021/22', 'Maths', 0.3]]);
  });
});

describe('rating in steps', () => {
  const Q2 = '2021/22 Q2';
  it('gives exactly the rows rated at once, letting the page in between, and keeps them', async () => {
    const d = sampleDataset();
    const once = buildMeasureRows(sampleDataset(), Q2, DEFAULT_TOLERANCE);
    let turns = 0;
    // A step of no time at all: the page is let in after every measure.
    const rows = await rateMeasureRowsInSteps(d, Q2, DEFAULT_TOLERANCE, () => false, async () => { turns++; }, -1);
    expect(rows).toEqual(once);
    expect(rows).toHaveLength(80);
    // A turn before the first step (rating begins in a task of its own), then one every 64 series
    // and targets grouped by measure (the clock is read that often there), and after each measure rated.
    const turnsTaken = 1 + Math.ceil(d.observations.length / 64) + Math.ceil(d.targets.length / 64) + 80;
    expect(d.observations.length).toBeGreaterThan(64);
    expect(turns).toBe(turnsTaken);
    expect(keptMeasureRows(d, Q2, DEFAULT_TOLERANCE)).toBe(rows);
    expect(buildMeasureRows(d, Q2, DEFAULT_TOLERANCE)).toBe(rows);
    // Asked again, the kept rows, with no steps.
    expect(await rateMeasureRowsInSteps(d, Q2, DEFAULT_TOLERANCE, () => false, async () => { turns++; }, -1)).toBe(rows);
    expect(turns).toBe(turnsTaken);
  });
  it('lets the page in through scheduler.yield where the browser has it, else a timer', async () => {
    const yielded: string[] = [];
    vi.stubGlobal('scheduler', { yield: async () => { yielded.push('yield'); } });
    try {
      await nextTask();
      expect(yielded).toEqual(['yield']);
    } finally {
      vi.unstubAllGlobals();
    }
    vi.useFakeTimers();
    try {
      let done = false;
      const waiting = nextTask().then(() => { done = true; });
      await Promise.resolve();
      expect(done).toBe(false);
      await vi.advanceTimersByTimeAsync(0);
      await waiting;
      expect(done).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
  it('stops while grouping the series, when the rows are no longer wanted', async () => {
    const d = sampleDataset();
    let turns = 0;
    expect(await rateMeasureRowsInSteps(d, Q2, DEFAULT_TOLERANCE, () => turns >= 2, async () => { turns++; }, -1)).toBeNull();
    expect(turns).toBe(2);
    expect(keptMeasureRows(d, Q2, DEFAULT_TOLERANCE)).toBeNull();
  });
  it('stops when the rows are no longer wanted, and keeps nothing half rated', async () => {
    const d = sampleDataset();
    let turns = 0;
    // Stopped while rating the measures, after the series and targets are grouped.
    const grouped = 1 + Math.ceil(d.observations.length / 64) + Math.ceil(d.targets.length / 64);
    expect(await rateMeasureRowsInSteps(d, Q2, DEFAULT_TOLERANCE, () => turns >= grouped + 3, async () => { turns++; }, -1)).toBeNull();
    expect(turns).toBe(grouped + 3);
    expect(keptMeasureRows(d, Q2, DEFAULT_TOLERANCE)).toBeNull();
  });
});
