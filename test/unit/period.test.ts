import { describe, expect, it } from 'vitest';
import { comparePeriodIds, financialYearOf, parsePeriod, periodFromToken, periodToken } from '../../src/domain/period';

describe('parsePeriod', () => {
  it.each([
    ['2018/19', 'year', '2018/19', '2018/19'],
    ['2021-22', 'year', '2021/22', '2021/22'],
    ['2021/2022', 'year', '2021/22', '2021/22'],
    ['FY 2021/22', 'year', '2021/22', '2021/22'],
    ['18/19', 'year', '2018/19', '2018/19'],
    ['Q4 2013/14', 'quarter', '2013/14 Q4', 'Q4 2013/14'],
    ['Q1 2019/20', 'quarter', '2019/20 Q1', 'Q1 2019/20'],
    ['2021/22 Q2', 'quarter', '2021/22 Q2', 'Q2 2021/22'],
    ['Mid-year 2021/22', 'quarter', '2021/22 Q2', 'Q2 2021/22'],
    ['Annual 2021/22', 'year', '2021/22', '2021/22'],
    ['Agreement 2021/22', 'agreement', '2021/22 Agreement', 'Agreement 2021/22'],
    ['PPRA 2021/22', 'agreement', '2021/22 Agreement', 'Agreement 2021/22'],
    ['2018/19 Actual', 'year', '2018/19', '2018/19'],
    ['Spring Term 18', 'term', 'Spring term 2018', 'Spring term 2018'],
    ['Spring Term 19', 'term', 'Spring term 2019', 'Spring term 2019'],
    ['Autumn term 2020', 'term', 'Autumn term 2020', 'Autumn term 2020'],
    ["Dec'20", 'month', 'Dec 2020', 'Dec 2020'],
    ['End of March 19', 'month', 'Mar 2019', 'Mar 2019'],
    ['End of March 20', 'month', 'Mar 2020', 'Mar 2020'],
    ['December 2020', 'month', 'Dec 2020', 'Dec 2020'],
    ['2020-12', 'month', 'Dec 2020', 'Dec 2020'],
  ])('reads %s', (text, kind, id, label) => {
    expect(parsePeriod(text)).toMatchObject({ kind, id, label });
  });

  it.each(['', 'Q4', '15/16 – 17/18', 'Q1-Q3', 'Awaiting data', '2018/20', 'Spring', 'Decembre 2020'])('does not read %j as a period', (text) => {
    expect(parsePeriod(text)).toBeNull();
  });

  it('reads every canonical id back to itself', () => {
    for (const text of ['2018/19', 'Q2 2021/22', 'Agreement 2021/22', 'Spring Term 18', "Dec'20"]) {
      const p = parsePeriod(text);
      expect(p && parsePeriod(p.id)?.id).toBe(p?.id);
    }
  });
});

describe('ordering on the financial-year timeline', () => {
  it('orders agreement, months, terms, quarters and years', () => {
    const ids = ['2021/22', '2021/22 Q3', '2021/22 Q2', 'Mar 2022', '2021/22 Agreement', '2021/22 Q4', '2020/21', 'Spring term 2022', 'Dec 2021', '2021/22 Q1', 'Autumn term 2021']
      .map((t) => parsePeriod(t)?.id ?? t);
    expect([...ids].sort(comparePeriodIds)).toEqual([
      '2020/21', '2021/22 Agreement', '2021/22 Q1', '2021/22 Q2', 'Dec 2021', 'Autumn term 2021', '2021/22 Q3',
      'Mar 2022', 'Spring term 2022', '2021/22 Q4', '2021/22',
    ]);
  });

  it('puts a term and a month in the financial year that contains them', () => {
    expect(financialYearOf(parsePeriod('Spring Term 18')!)).toBe('2017/18');
    expect(financialYearOf(parsePeriod('Summer term 2018')!)).toBe('2018/19');
    expect(financialYearOf(parsePeriod("Dec'20")!)).toBe('2020/21');
    expect(financialYearOf(parsePeriod('End of March 19')!)).toBe('2018/19');
    expect(financialYearOf(parsePeriod('Q2 2021/22')!)).toBe('2021/22');
  });

  it('sorts unknown ids after known ones', () => {
    expect(['zzz', '2019/20', 'aaa', '2018/19'].sort(comparePeriodIds)).toEqual(['2018/19', '2019/20', 'aaa', 'zzz']);
  });
});

describe('URL tokens', () => {
  it.each([
    ['2021/22', '2021-22'],
    ['Q2 2021/22', '2021-22-q2'],
    ['Agreement 2021/22', '2021-22-agreement'],
    ["Dec'20", '2020-dec'],
    ['Spring Term 18', 'spring-term-2018'],
  ])('writes %s as %s and reads it back', (text, token) => {
    const p = parsePeriod(text)!;
    expect(periodToken(p)).toBe(token);
    expect(periodFromToken(token)?.id).toBe(p.id);
  });

  it.each(['', 'garbage', '2021-23', '2021-22-q9', '2020-foo', '<script>'])('rejects %j', (token) => {
    expect(periodFromToken(token)).toBeNull();
  });
});
