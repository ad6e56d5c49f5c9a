import { describe, expect, it } from 'vitest';
import { lineKey } from '../../src/features/measures/TrendChart';
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
