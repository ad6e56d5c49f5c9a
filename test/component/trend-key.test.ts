import { describe, expect, it } from 'vitest';
import { labelInterval, lineKey } from '../../src/features/measures/TrendChart';
import type { Trend, TrendSeries } from '../../src/domain/trend';

const series = (kind: TrendSeries['kind'], hasValues = true): TrendSeries => ({ key: `${kind}-${String(hasValues)}`, label: kind, kind, breakdown: '', hasValues });
const trend = (list: TrendSeries[]): Trend => ({ series: list, rows: [] }) as unknown as Trend;

describe('the trend chart says what its lines are, and only the lines it draws', () => {
  it('names the actuals, comparators and target when all are drawn', () => {
    expect(lineKey(trend([series('actual'), series('comparator'), series('target')]))).toBe(
      "Solid line: the council's actuals; dotted: comparators; dashed: the target for each year. The table below holds the same figures.",
    );
  });
  it('says nothing of a target when there is none (the benchmark trend), or of a series with no figures', () => {
    expect(lineKey(trend([series('actual'), series('comparator'), series('target', false)]))).toBe(
      "Solid line: the council's actuals; dotted: comparators. The table below holds the same figures.",
    );
    expect(lineKey(trend([series('comparator')]))).toBe('Dotted: comparators. The table below holds the same figures.');
  });
});

describe('the trend chart labels as many periods as fit its width', () => {
  const quarters = Array.from({ length: 40 }, (_, i) => `Q${(i % 4) + 1} ${2012 + Math.floor(i / 4)}/${13 + Math.floor(i / 4)}`);
  it('labels every period when they fit', () => {
    expect(labelInterval(['2018/19', '2019/20', '2020/21', 'Q1 2021/22', 'Q2 2021/22', '2021/22'], 1000)).toBe(0);
  });
  it('steps over labels so that those shown do not overlap: 40 quarters of 10 characters', () => {
    // A label takes 10 × 9 + 16 = 106 px: 9 fit in 1,000 px, so every 5th quarter is labelled (8 labels).
    expect(labelInterval(quarters, 1000)).toBe(4);
    // On paper or a narrow screen, fewer.
    expect(labelInterval(quarters, 400)).toBe(13);
    // Never fewer than one label.
    expect(labelInterval(quarters, 50)).toBe(39);
  });
  it('steps quarters a whole number of years at a time, so each label shown is the same quarter', () => {
    // Every 5th would fit: every 8th (Q1 of every other year) is labelled instead.
    expect(labelInterval(quarters, 1000, 4)).toBe(7);
    expect(quarters.filter((_, i) => i % 8 === 0).every((l) => l.startsWith('Q1 '))).toBe(true);
    // A step of two stays two; everything fits: every label.
    expect(labelInterval(quarters, 2400, 4)).toBe(1);
    expect(labelInterval(quarters, 5000, 4)).toBe(0);
    // At most the one label.
    expect(labelInterval(quarters, 50, 4)).toBe(39);
  });
  it('labels every period before the chart has a width', () => {
    expect(labelInterval(quarters, 0)).toBe(0);
    expect(labelInterval([], 500)).toBe(0);
  });
});
