import { describe, expect, it } from 'vitest';
import { candidatePeriods, checkCommentary, extractQuotedComparators } from '../../src/domain/commentary-check';
import type { ObservationSeries } from '../../src/domain/types';
import { sampleDataset } from '../support/sample';

const quotes = (text: string, breakdowns: string[] = []) => extractQuotedComparators(text, { breakdowns }).map((q) => [q.series, q.written, q.year, q.breakdown]);

describe('extractQuotedComparators', () => {
  it.each([
    ['In 2018/19 Stockport performed better than the national average (59.8%) but slightly less than statistical neighbours (67.43%).',
      [['England', '59.8%', '2018/19', ''], ['Statistical neighbours', '67.43%', '2018/19', '']]],
    ['performance in Stockport is consistently higher than statistical comparators (53% nationally, 51% in statistical neighbours in 2019/20).',
      [['England', '53%', '2019/20', ''], ['Statistical neighbours', '51%', '2019/20', '']]],
    ['Stockport had a lower rate of custodial sentences in 2019/20 compared to the national average (0.23 per 1000) and the North West (0.31 per 1000)',
      [['England', '0.23 per 1000', '2019/20', ''], ['North West', '0.31 per 1000', '2019/20', '']]],
    ['the latest comparable data for Quarter 4 18/19 shows that Stockport has a lower rate compared to the rest of GM (2.31 per 1000).',
      [['Greater Manchester', '2.31 per 1000', '2018/19', '']]],
    ['In 2018/19, Stockport\'s performance declined and was lower than statistical neighbours (-0.72) and the national average (-0.53).',
      [['Statistical neighbours', '-0.72', '2018/19', ''], ['England', '-0.53', '2018/19', '']]],
    ['compared with 65.2% nationally, a statistical neighbours average of 58 and North West 61.0%.',
      [['England', '65.2%', null, ''], ['Statistical neighbours', '58', null, ''], ['North West', '61.0%', null, '']]],
    ['The percentage in Stockport remains, however, lower than statistical neighbours (33.2) and the national average (35).',
      [['Statistical neighbours', '33.2', null, ''], ['England', '35', null, '']]],
  ] as const)('%s', (text, expected) => {
    expect(quotes(text)).toEqual(expected);
  });

  it('ignores figures no comparator is named beside, years and figures of the council itself', () => {
    expect(quotes('The Average Attainment 8 score per CIN pupil reduced from 24.4 in 15/16 to 18.3 in 17/18 but increased slightly in 2018/19 to 19.1%.')).toEqual([]);
    expect(quotes('there will be no national reporting of GLD for 2019/20 and 2020/21.')).toEqual([]);
    expect(quotes('In July 2020 we had 81 plans out of timescale, the national Child Measurement Programme.')).toEqual([]);
  });

  it('a breakdown named before the quote owns it (seed 003 writes EHC Plan and SEN Support paragraphs in one cell)', () => {
    const text = 'EHC Plan In 18/19, performance was slightly higher than statistical neighbours (0.98) and in line with the national average (1.07). SEN Support In 18/19, performance was higher than both statistical neighbours (2.5) and the national average (2.66).';
    expect(quotes(text, ['EHC Plan', 'SEN Support'])).toEqual([
      ['Statistical neighbours', '0.98', '2018/19', 'EHC Plan'], ['England', '1.07', '2018/19', 'EHC Plan'],
      ['Statistical neighbours', '2.5', '2018/19', 'SEN Support'], ['England', '2.66', '2018/19', 'SEN Support'],
    ]);
  });
});

const comparator = (series: string, points: [string, number][]): ObservationSeries => ({
  measureCode: 'X', series, points: points.map(([period, value]) => ({ period, breakdown: '', value, count: null, missingReason: null, note: null, status: null, raw: String(value), batchId: 1 })),
});

describe('checkCommentary', () => {
  const text = 'Stockport achieved 66%, compared with 65.2% nationally and North West 61.0%; statistical neighbours average of 58.';
  const series = [comparator('England', [['2022/23', 64.1], ['2023/24', 65.2]]), comparator('North West', [['2023/24', 59.9]])];

  it('compares each quote with the imported series for the report\'s year and the year before', () => {
    const checks = checkCommentary(extractQuotedComparators(text), series, '2023/24 Q2', '%');
    expect(checks.map((c) => c.words)).toEqual([
      'Commentary says England 65.2%; imported England 2023/24 is 65.2%: matches',
      'Commentary says North West 61.0%; imported North West 2023/24 is 59.9%: differs by 1.1 percentage points',
      'Commentary says Statistical neighbours 58; no imported Statistical neighbours figure for 2023/24 Q2 or 2023/24 or 2022/23 to check it against',
    ]);
    expect(checks.map((c) => c.status)).toEqual(['matches', 'differs', 'no figure']);
  });

  it('papers quote the latest published year: a match with the year before counts', () => {
    const checks = checkCommentary(extractQuotedComparators('compared with 64.1% nationally'), series, '2024/25 Agreement', '%');
    expect(checks[0]?.words).toBe('Commentary says England 64.1%; imported England 2023/24 is 65.2%: differs by 1.1 percentage points');
    expect(candidatePeriods(extractQuotedComparators('64.1% nationally')[0]!, '2024/25 Agreement')).toEqual(['2024/25', '2023/24']);
    expect(checkCommentary(extractQuotedComparators('compared with 64.1% nationally'), series, '2023/24', '%')[0]?.words)
      .toBe('Commentary says England 64.1%; imported England 2022/23 is 64.1%: matches');
  });

  it('on seed 003: every comparator figure the commentary quotes matches the comparators the paper prints', () => {
    const d = sampleDataset();
    const checked = d.commentary.flatMap((c) => {
      const m = d.measures.find((x) => x.code === c.measureCode);
      if (!m) return [];
      const own = d.observations.filter((s) => s.measureCode === c.measureCode);
      const breakdowns = [...new Set(own.flatMap((s) => s.points.map((p) => p.breakdown)).filter(Boolean))];
      return checkCommentary(extractQuotedComparators(c.text, { breakdowns }), own, c.report, m.unit).map((r) => ({ code: c.measureCode, ...r }));
    });
    const withFigure = checked.filter((c) => c.status !== 'no figure');
    expect(withFigure.length).toBeGreaterThanOrEqual(10);
    // Quotes with no year fall back to the latest comparator imported up to the report: 2018/19 here.
    expect(withFigure.find((c) => c.code === 'CFSE.33' && c.quoted.series === 'England')?.words)
      .toBe('Commentary says England 35; no imported figure for 2021/22 or 2020/21, and the latest imported England figure, 2019/20, is 35%: matches');
    // CFSE.34 repeats CFSE.33's commentary but has no comparators of its own: those quotes cannot be checked, and say so.
    expect(checked.filter((c) => c.status === 'no figure').map((c) => `${c.code} ${c.quoted.series}`)).toEqual(['CFSE.34 Statistical neighbours', 'CFSE.34 England']);
    expect(withFigure.filter((c) => c.quoted.series === 'North West' || c.quoted.series === 'Greater Manchester').map((c) => c.code)).toEqual(['CFSE.42', 'CFSE.44', 'CFSE.49']);
    expect(withFigure.filter((c) => c.status === 'differs').map((c) => `${c.code}: ${c.words}`)).toEqual([]);
    expect(withFigure.find((c) => c.code === 'CFSE.14' && c.quoted.series === 'England')?.words)
      .toBe('Commentary says England 59.8%; imported England 2018/19 is 59.8%: matches');
  });
});
