import { describe, expect, it } from 'vitest';
import { foldHeader, headerMoneyUnit, mapColumns, readPeriodHeader, recogniseKind } from '../../src/domain/import/headers';

const best = (headers: string[]) => recogniseKind(headers)[0];

describe('recogniseKind', () => {
  it.each([
    ['priorities', ['Council', 'Portfolio', 'Cabinet Member', 'Priority', 'Short Title', 'Title', 'Delivered By']],
    ['measures', ['PI Code', 'PI Name', 'Reported', 'Good Performance', '2018/19 Actual', '2019/20 Actual', '2020/21 Actual', '2021/22 Target']],
    ['measures', ['pi code', 'PI  NAME', 'good-performance', '2020/21', '2021/22 target']],
    ['observations', ['PI Code', 'Period', 'Breakdown', 'Value', 'Count', 'Status', 'Statistical neighbours', 'England', 'Commentary']],
    ['observations', ['PI Code', 'Period', 'Breakdown', 'Statistical neighbours', 'England', 'North West', 'Greater Manchester']],
    ['budget', ['Period', 'Division', 'Service', 'Employee Expenditure £000', 'Non-Employee Expenditure £000', 'Gross Expenditure £000', 'Gross Income £000', 'Net Cash Limit Budget £000']],
    ['budget', ['Period', 'Division', 'Service', 'Net Cash Limit Budget (£000)', 'Forecast Out-turn £000']],
    ['bridge', ['Year', 'Division', 'Order', 'Line', 'Step', 'Amount £000']],
    ['reserves', ['Period', 'Division', 'Reserve Category', 'Reserve Narration', 'To be used for', 'Balance of Reserve / "Approved Use" £000']],
    ['savings', ['Period', 'Division', 'Proposal', 'Risk Rating', 'Value Identified £m', 'Value Achieved £m', 'Additional Information']],
    ['capital', ['Period', 'Scheme', 'Programme Year', 'Amount £000', 'Funding Source', 'Description']],
    ['statistics', ['time_period', 'time_identifier', 'geographic_level', 'country_code', 'country_name', 'region_code', 'region_name', 'old_la_code', 'la_name', 'new_la_code', 'characteristic', 'rate_per_10000']],
    ['statistics', ['time_period', 'time_identifier', 'geographic_level', 'country_code', 'country_name', 'la_name', 'number']],
    ['statistics', ['Area code', 'Area name', 'Period', 'Measure', 'Value']],
    ['statistics', ['Local authority', 'Financial year', 'Indicator', 'Value']],
    ['neighbours', ['group', 'new_la_code', 'la_name']],
    ['neighbours', ['Neighbour group', 'LA code', 'Rank']],
    ['neighbours', ['Group', 'Authority']],
  ])('recognises a %s file', (kind, headers) => {
    const guess = best(headers);
    expect(guess?.kind).toBe(kind);
    expect(guess?.missing).toEqual([]);
  });

  it('reports an area column a statistics file lacks as one choice of alternatives', () => {
    const guess = recogniseKind(['time_period', 'time_identifier', 'geographic_level', 'rate']).find((g) => g.kind === 'statistics');
    expect(guess?.missing).toEqual(['Old LA code or Authority name or Authority code']);
  });

  it('reports what a near miss lacks', () => {
    const guesses = recogniseKind(['Proposal', 'Risk Rating', 'Notes']);
    expect(guesses[0]).toMatchObject({ kind: 'savings', missing: ['Value identified'] });
  });
});

describe('header matching', () => {
  it('ignores case, spacing, punctuation and unit suffixes', () => {
    expect(foldHeader('Net Cash limit Budget (£000)')).toBe('netcashlimitbudget');
    expect(foldHeader('  Value Identified £m ')).toBe('valueidentified');
    expect(foldHeader('Good Perform-ance')).toBe('goodperformance');
    expect(foldHeader('Rate (%)')).toBe('rate');
  });

  it('reads the money unit a header states', () => {
    expect(headerMoneyUnit('Value Identified £m')).toBe('£m');
    expect(headerMoneyUnit('Amount £000')).toBe('£000');
    expect(headerMoneyUnit('Amount')).toBeNull();
  });

  it('reads period columns of the wide layout', () => {
    expect(readPeriodHeader('2018/19 Actual')).toEqual({ role: 'actual', period: '2018/19' });
    expect(readPeriodHeader('2020/21')).toEqual({ role: 'actual', period: '2020/21' });
    expect(readPeriodHeader('2021/22 Target')).toEqual({ role: 'target', period: '2021/22' });
    expect(readPeriodHeader('Q2 2021/22 Actual')).toEqual({ role: 'actual', period: '2021/22 Q2' });
    expect(readPeriodHeader('PI Name')).toBeNull();
  });

  it('maps each column to its role, leaving unknown ones unused', () => {
    expect(mapColumns('measures', ['PI Code', 'Mystery', '2021/22 Target'])).toEqual([
      { type: 'field', key: 'code' },
      { type: 'ignore' },
      { type: 'period', role: 'target', period: '2021/22' },
    ]);
    expect(mapColumns('observations', ['Code', 'Period', 'England', 'SN'])).toEqual([
      { type: 'field', key: 'code' },
      { type: 'field', key: 'period' },
      { type: 'comparator', name: 'England' },
      { type: 'comparator', name: 'Statistical neighbours' },
    ]);
  });
});

describe('statistics columns', () => {
  it('without cells, tells figures from filters by their names, and leaves other levels\' location columns unread', () => {
    const roles = mapColumns('statistics', ['time_period', 'la_name', 'lad_code', 'lad_name', 'characteristic', 'age_group', 'percent_fsm', 'number_of_pupils', 'rate_per_10000']);
    expect(roles.map((r) => (r.type === 'field' ? r.key : r.type))).toEqual(['timePeriod', 'laName', 'ignore', 'ignore', 'filter', 'filter', 'indicator', 'indicator', 'indicator']);
  });

  it('other kinds still get no filter or indicator columns', () => {
    expect(mapColumns('observations', ['PI Code', 'Period', 'rate_per_10000']).map((r) => r.type)).toEqual(['field', 'field', 'ignore']);
    expect(mapColumns('budget', ['Period', 'Service', 'characteristic']).map((r) => r.type)).toEqual(['field', 'field', 'ignore']);
  });
});
