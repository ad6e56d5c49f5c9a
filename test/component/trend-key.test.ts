import { describe, expect, it } from 'vitest';
import { drawnSeries, lineKey, marksFigures, periodTicks, valueAxis } from '../../src/features/measures/TrendChart';
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

describe('the trend chart and its key draw each series alike', () => {
  it('draws only the series with figures, each kind in its own pattern, the target grey whatever its place', () => {
    const drawn = drawnSeries(trend([series('actual'), series('comparator', false), series('comparator'), series('target')]));
    expect(drawn.map((d) => [d.series.kind, d.stroke, d.width, d.dash])).toEqual([
      ['actual', '#0b0c0c', 3, '0'],
      // The comparator without figures is not drawn, and takes no colour.
      ['comparator', '#1d70b8', 2, '2 4'],
      ['target', '#505a5f', 2, '8 4'],
    ]);
    // Both comparator figures are there, so it is a plain dotted line; the target's markers are solid circles on its dashed line.
    expect(drawn.map((d) => d.dot)).toEqual([{ r: 5 }, false, { r: 4, strokeDasharray: '0' }]);
  });
  it('draws a comparator with a single figure as a solid marker', () => {
    const lone = series('comparator');
    const t = { ...trend([series('actual'), lone]) };
    t.rows = t.rows.map((r, i) => ({ ...r, cells: { ...r.cells, [lone.key]: { value: i === 0 ? 94.8 : null, count: null, text: '' } } }));
    expect(drawnSeries(t)[1]?.dot).toEqual({ r: 5, strokeDasharray: '0', strokeWidth: 2 });
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

describe('the value axis leaves room around the figures, in round steps', () => {
  const cell = (value: number | null) => ({ value, count: null, text: value === null ? '' : String(value) });
  const of = (values: (number | null)[][]): Trend => {
    const list = values[0]?.map((_, i) => ({ ...series('comparator'), key: `s${String(i)}` })) ?? [];
    return { series: list, rows: values.map((row, r) => ({ period: `p${String(r)}`, label: `p${String(r)}`, cells: Object.fromEntries(row.map((v, i) => [`s${String(i)}`, cell(v)])) })) } as unknown as Trend;
  };
  it('starts below the lowest figure, so its marker is clear of the period axis (CFSE.25: England 94.8%)', () => {
    // 94.8 to 97, with 8% of the range either side: 94.62 to 97.18, widened to whole points.
    expect(valueAxis(of([[96.1, 94.8, 95.9], [97, null, null]]), '%')).toEqual({ domain: [94, 98], ticks: [94, 95, 96, 97, 98] });
  });
  it('does not go below zero for counts, nor above 100 for percentages', () => {
    expect(valueAxis(of([[0, 12], [3, 40]]), 'number')).toEqual({ domain: [0, 50], ticks: [0, 10, 20, 30, 40, 50] });
    expect(valueAxis(of([[99.5, 100], [98, null]]), '%')).toEqual({ domain: [97.5, 100], ticks: [97.5, 98, 98.5, 99, 99.5, 100] });
    expect(valueAxis(of([[101, 104]]), '%')?.domain).toEqual([100, 105]);
  });
  it('keeps room around a single figure and around negative figures', () => {
    expect(valueAxis(of([[50]]), '%')).toEqual({ domain: [46, 54], ticks: [46, 48, 50, 52, 54] });
    expect(valueAxis(of([[0.2]]), 'number')).toEqual({ domain: [0, 1.5], ticks: [0, 0.5, 1, 1.5] });
    expect(valueAxis(of([[-10, 10]]), 'score')).toEqual({ domain: [-15, 15], ticks: [-15, -10, -5, 0, 5, 10, 15] });
    expect(valueAxis(of([[5795, 5984]]), 'number')?.domain).toEqual([5750, 6000]);
  });
  it('gives ticks without a float\'s tail', () => {
    const axis = valueAxis(of([[0.31, 0.37]]), 'number');
    expect(axis?.ticks).toEqual([0.3, 0.32, 0.34, 0.36, 0.38]);
  });
  it('leaves the range to Recharts when there is no figure to draw', () => {
    expect(valueAxis(of([[null, null]]), '%')).toBeNull();
  });
});
