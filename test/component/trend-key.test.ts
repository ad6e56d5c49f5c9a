import { describe, expect, it } from 'vitest';
import { lineKey, marksFigures, periodTicks } from '../../src/features/measures/TrendChart';
import type { Trend, TrendSeries } from '../../src/domain/trend';

const series = (kind: TrendSeries['kind'], hasValues = true): TrendSeries => ({ key: `${kind}-${String(hasValues)}`, label: kind, kind, breakdown: '', hasValues });
// Two periods, each series that has figures holding one in both.
const trend = (list: TrendSeries[]): Trend => ({
  series: list,
  rows: ['a', 'b'].map((period, i) => ({ period, label: period, cells: Object.fromEntries(list.map((x) => [x.key, { value: x.hasValues ? 90 + i : null, count: null, text: '' }])) })),
}) as unknown as Trend;

describe('the trend chart says what its lines are, and only the lines it draws', () => {
  it('names the actuals, comparators and target when all are drawn', () => {
    expect(lineKey(trend([series('actual'), series('comparator'), series('target')]))).toBe(
      "Solid line with a marker at each figure: the council's actuals; dotted, without markers: comparators; dashed: the target for each year. The table below holds the same figures.",
    );
  });
  it('says nothing of a target when there is none (the benchmark trend), or of a series with no figures', () => {
    expect(lineKey(trend([series('actual'), series('comparator'), series('target', false)]))).toBe(
      "Solid line with a marker at each figure: the council's actuals; dotted, without markers: comparators. The table below holds the same figures.",
    );
    expect(lineKey(trend([series('comparator')]))).toBe('Dotted, without markers: comparators. The table below holds the same figures.');
  });
  it('marks a comparator with a single figure, which a line cannot show, and says so', () => {
    const england = series('comparator');
    const neighbours = { ...series('comparator'), key: 'neighbours' };
    const cell = (value: number | null) => ({ value, count: null, text: value === null ? '' : String(value) });
    const rows = [
      { period: 'a', label: 'Q1', cells: { [england.key]: cell(94.8), [neighbours.key]: cell(95.1) } },
      { period: 'b', label: 'Q2', cells: { [england.key]: cell(null), [neighbours.key]: cell(95.9) } },
    ];
    const t = { series: [series('actual'), england, neighbours], rows } as unknown as Trend;
    expect(marksFigures(t, england)).toBe(true);
    expect(marksFigures(t, neighbours)).toBe(false);
    expect(marksFigures(t, series('actual'))).toBe(true);
    expect(lineKey(t)).toBe(
      "Solid line with a marker at each figure: the council's actuals; dotted: comparators (a comparator with a single figure is a marker alone). The table below holds the same figures.",
    );
    const both = { ...t, rows: rows.map((r) => ({ ...r, cells: { ...r.cells, [england.key]: cell(94.9) } })) };
    expect(lineKey(both)).toContain('dotted, without markers: comparators');
  });
});

describe('the trend chart labels as many periods as fit its width', () => {
  const quarters = Array.from({ length: 40 }, (_, i) => `Q${(i % 4) + 1} ${2012 + Math.floor(i / 4)}/${13 + Math.floor(i / 4)}`);
  it('labels every period when they fit', () => {
    const few = ['2018/19', '2019/20', '2020/21', 'Q1 2021/22', 'Q2 2021/22', '2021/22'];
    expect(periodTicks(few, 1000)).toEqual(few);
  });
  it('labels quarters at the first quarter of a year, as many years apart as the width needs', () => {
    // A label takes 10 × 9 + 16 = 106 px: 9 fit in 1,000 px, so each of the 10 years' Q1 cannot: every other year's.
    expect(periodTicks(quarters, 1000)).toEqual(['Q1 2012/13', 'Q1 2014/15', 'Q1 2016/17', 'Q1 2018/19', 'Q1 2020/21']);
    // 11 fit in 1,200 px: every year's Q1.
    expect(periodTicks(quarters, 1200)).toHaveLength(10);
    // Year rows among the quarters (a target's year) do not change which are labelled.
    const withYears = [...quarters.slice(0, 4), '2012/13', ...quarters.slice(4)];
    expect(periodTicks(withYears, 1000)).toEqual(periodTicks(quarters, 1000));
    // Never fewer than one label.
    expect(periodTicks(quarters, 50)).toEqual(['Q1 2012/13']);
  });
  it('steps other periods every nth, so those shown do not overlap', () => {
    const years = Array.from({ length: 30 }, (_, i) => `${1990 + i}/${String(91 + i).slice(-2)}`);
    // 7 characters: 79 px a label, 5 fit in 400 px: every 6th of 30.
    expect(periodTicks(years, 400)).toEqual(['1990/91', '1996/97', '2002/03', '2008/09', '2014/15']);
  });
  it('labels every period before the chart has a width', () => {
    expect(periodTicks(quarters, 0)).toEqual(quarters);
    expect(periodTicks([], 500)).toEqual([]);
  });
});
