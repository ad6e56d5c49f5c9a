import { describe, expect, it } from 'vitest';
import { mapColumns } from '../../src/domain/import/headers';
import type { FileKind } from '../../src/domain/import/headers';
import { ROWS_REPORTED, mapRows } from '../../src/domain/import/map-rows';
import { stageFiles } from '../../src/domain/import/stage';
import { csvDraft } from '../support/drafts';
import { generate } from '../../scripts/gen-observations.mjs';
import { readCsv } from '../../src/domain/import/read-table';

function map(kind: FileKind, csv: string, known: [string, '%' | 'number'][] = []) {
  const read = readCsv('f.csv', csv);
  if (!read.ok) throw new Error(JSON.stringify(read.issues));
  return mapRows(kind, read.table, mapColumns(kind, read.table.headers), {
    file: 'f.csv', portfolioId: 'p', batchId: 0, knownMeasures: new Map(known.map(([code, unit]) => [code, { unit }])),
  });
}

const WIDE = `Priority,PI Code,PI Name,Reported,Good Performance,Measure Type,GMS,New Measure,2018/19 Actual,2019/20 Actual,2020/21 Actual,2021/22 Target,Commentary
1,CFSE.1 and GMS indicator,Percentage of Mothers smoking at delivery (number),Annually,Low,Partnership,Yes,,10.8% (258),9.1% (248),,9.5%,Since 16/17 …
2,CFSE.13,Value added progress measure - KS1 and KS2,Annually,High,Partnership,,,Reading 0.3 Writing 0.1 Maths 0.1,N/A,N/A,Reading 0.5 Writing 0.0 Maths 0.3,
5,CFSE.55 NEW,Number of care leavers (19-20) 'staying put',Quarterly,High,Partnership,,,49.0%,Awaiting Publication,Awaiting Publication,To maximise,
3,CSFE.63,Number of Stockport Family Early Help Assessments (EHA),Quarterly,Contextual,Contextual,,,1850,2408,Awaiting data,N/A,
`;

describe('wide measures', () => {
  const { staged, issues } = map('measures', WIDE);

  it('reads each measure with its flags, unit and target type', () => {
    expect(issues).toEqual([]);
    expect(staged.measures.map((m) => [m.code, m.priority, m.polarity, m.unit, m.targetType, m.gms, m.isNew])).toEqual([
      ['CFSE.1', 1, 'Low', '%', 'Numerical', true, false],
      ['CFSE.13', 2, 'High', 'number', 'Numerical', false, false],
      ['CFSE.55', 5, 'High', '%', 'Direction of travel', false, true],
      ['CSFE.63', 3, 'Contextual', 'number', 'No target', false, false],
    ]);
  });

  it('keeps counts, breakdowns, missing reasons and raw cells; skips blank cells', () => {
    const cfse1 = staged.observations.filter((o) => o.measureCode === 'CFSE.1');
    expect(cfse1.map((o) => [o.period, o.value, o.count, o.raw])).toEqual([['2018/19', 10.8, 258, '10.8% (258)'], ['2019/20', 9.1, 248, '9.1% (248)']]);
    expect(staged.observations.filter((o) => o.measureCode === 'CFSE.13' && o.period === '2018/19').map((o) => [o.breakdown, o.value])).toEqual([['Reading', 0.3], ['Writing', 0.1], ['Maths', 0.1]]);
    expect(staged.observations.find((o) => o.measureCode === 'CSFE.63' && o.period === '2020/21')).toMatchObject({ value: null, missingReason: 'Awaiting data' });
  });

  it('reads numeric, breakdown and direction targets for the year', () => {
    expect(staged.targets.map((t) => [t.measureCode, t.year, t.breakdown, t.value, t.direction])).toEqual([
      ['CFSE.1', '2021/22', '', 9.5, null],
      ['CFSE.13', '2021/22', 'Reading', 0.5, null],
      ['CFSE.13', '2021/22', 'Writing', 0, null],
      ['CFSE.13', '2021/22', 'Maths', 0.3, null],
      ['CFSE.55', '2021/22', '', null, 'maximise'],
    ]);
  });

  it('files commentary under the agreement of the target year', () => {
    expect(staged.commentary).toEqual([{ measureCode: 'CFSE.1', report: '2021/22 Agreement', text: 'Since 16/17 …', batchId: 0 }]);
  });

  it('names the file, row and column of each problem', () => {
    const bad = map('measures', 'PI Code,PI Name,Good Performance,2020/21 Actual,2021/22 Target\nCFSE.1,Smoking,Low,9.1%,9.5%\nCFSE.1,Smoking,Low,9.9%,9.5%\n,Nameless,High,1,2\nCFSE.2,Feeding,Up-ish,103.1% (Spring Term 18),Sometime\n');
    expect(bad.issues.map((i) => [i.level, i.row, i.column, i.message])).toEqual([
      ['error', 3, null, 'The 2020/21 actual of CFSE.1 is also given in row 2 with different figures; keep one of the two rows.'],
      ['warning', 3, null, 'The 2021/22 target of CFSE.1 repeats row 2 exactly; it was read once.'],
      ['warning', 3, null, 'Measure CFSE.1 repeats row 2 exactly; it was read once.'],
      ['error', 4, 'PI Code', 'The PI code is empty.'],
      ['error', 5, 'Good Performance', '"Up-ish" is not a polarity: use High (higher is better), Low (lower is better) or Contextual.'],
      ['warning', 5, '2020/21 Actual', '103.1% is over 100%; it was imported as printed.'],
      ['error', 5, '2021/22 Target', expect.stringContaining('"Sometime" is not a figure') as unknown as string],
    ]);
  });
});

describe('long observations', () => {
  it("names a repeated point by its own row's measure, period, breakdown and series", () => {
    const { staged, issues } = map('observations', `PI Code,Period,Breakdown,Value,England
CFSE.1,Q1 2021/22,,10%,12%
CFSE.2,Q2 2021/22,Ward 1,5,7
CFSE.1,Q1 2021/22,,11%,12%
CFSE.2,Q2 2021/22,Ward 1,5,8
CFSE.2,Q3 2021/22,Ward 1,6,9
`, [['CFSE.1', '%'], ['CFSE.2', 'number']]);
    expect(issues.map((i) => [i.level, i.row, i.message])).toEqual([
      ['error', 4, 'The Q1 2021/22 value of CFSE.1 is also given in row 2 with different figures; keep one of the two rows.'],
      ['warning', 4, 'The England figure for CFSE.1 in Q1 2021/22 repeats row 2 exactly; it was read once.'],
      ['warning', 5, 'The Q2 2021/22 value of CFSE.2 (Ward 1) repeats row 3 exactly; it was read once.'],
      ['error', 5, 'The England figure for CFSE.2 in Q2 2021/22 is also given in row 3 with different figures; keep one of the two rows.'],
    ]);
    // The first of each is kept, and the row after them is read as any other.
    expect(staged.observations.map((o) => [o.measureCode, o.series, o.period, o.breakdown, o.value])).toEqual([
      ['CFSE.1', 'actual', '2021/22 Q1', '', 10],
      ['CFSE.1', 'England', '2021/22 Q1', '', 12],
      ['CFSE.2', 'actual', '2021/22 Q2', 'Ward 1', 5],
      ['CFSE.2', 'England', '2021/22 Q2', 'Ward 1', 7],
      ['CFSE.2', 'actual', '2021/22 Q3', 'Ward 1', 6],
      ['CFSE.2', 'England', '2021/22 Q3', 'Ward 1', 9],
    ]);
  });

  it('reads values, counts, statuses, comparators and commentary for known measures only', () => {
    const { staged, issues } = map('observations', `PI Code,Period,Value,Count,Status,Statistical neighbours,England,Commentary
CFSE.25,Q2 2021/22,96.1%,5890,Illustrative,95.0%,94.8%,Up slightly.
CFSE.99,Q2 2021/22,1,,,,,
CFSE.25,Sometime,1,,,,,
`, [['CFSE.25', '%']]);
    expect(staged.observations.map((o) => [o.series, o.period, o.value, o.count, o.status])).toEqual([
      ['actual', '2021/22 Q2', 96.1, 5890, 'Illustrative'],
      ['Statistical neighbours', '2021/22 Q2', 95, null, null],
      ['England', '2021/22 Q2', 94.8, null, null],
    ]);
    expect(staged.commentary).toEqual([{ measureCode: 'CFSE.25', report: '2021/22 Q2', text: 'Up slightly.', batchId: 0 }]);
    expect(issues.map((i) => [i.row, i.column, i.message.slice(0, 40)])).toEqual([
      [3, 'PI Code', 'CFSE.99 is not a measure this dashboard '],
      [4, 'Period', '"Sometime" is not a period this dashboar'],
    ]);
  });

  it('reads a figure that repeats from row to row the same each time, and tells a bad one in every row it is in', () => {
    const { staged, issues } = map('observations', `PI Code,Period,Value,England
CFSE.25,Q1 2021/22,"1,204",95.0%
CFSE.25,Q2 2021/22,"1,204",95.0%
CFSE.25,Q3 2021/22,"1,204 (spring term)",Up
CFSE.25,Q4 2021/22,"1,204 (spring term)",Up
`, [['CFSE.25', 'number']]);
    expect(staged.observations.map((o) => [o.series, o.period, o.value, o.note, o.raw])).toEqual([
      ['actual', '2021/22 Q1', 1204, null, '1,204'],
      ['England', '2021/22 Q1', 95, null, '95.0%'],
      ['actual', '2021/22 Q2', 1204, null, '1,204'],
      ['England', '2021/22 Q2', 95, null, '95.0%'],
      ['actual', '2021/22 Q3', 1204, 'spring term', '1,204 (spring term)'],
      ['actual', '2021/22 Q4', 1204, 'spring term', '1,204 (spring term)'],
    ]);
    // Each row's point is its own record.
    expect(new Set(staged.observations).size).toBe(6);
    expect(issues.filter((i) => i.level === 'error').map((i) => [i.row, i.column])).toEqual([[4, 'England'], [5, 'England']]);
  });
});

describe('money files', () => {
  it('reads a budget with bracketed income and marks stated totals', () => {
    const { staged, issues } = map('budget', `Period,Division,Service,Gross Expenditure £000,Gross Income £000,Net Cash Limit Budget £000
Agreement 2021/22,Education,School Improvement,"2,358","(2,523)",(165)
Agreement 2021/22,Education,Education sub-total,"9,846","(5,575)","4,271"
Agreement 2021/22,,"Children, Family Services and Education Total","59,033","(14,522)","44,511"
`);
    expect(issues).toEqual([]);
    expect(staged.budgetLines.map((l) => [l.service, l.lineType, l.gross, l.income, l.net, l.period])).toEqual([
      ['School Improvement', 'line', 2358, -2523, -165, '2021/22 Agreement'],
      ['Education sub-total', 'subtotal', 9846, -5575, 4271, '2021/22 Agreement'],
      ['Children, Family Services and Education Total', 'total', 59033, -14522, 44511, '2021/22 Agreement'],
    ]);
  });

  it('reads the not-drawn-down star of a reserve and its stated total', () => {
    const { staged } = map('reserves', `Period,Division,Reserve Category,Reserve Narration,To be used for,Balance of Reserve / Approved Use £000
Agreement 2021/22,Education,Corporate Reserves,Transformation / Double Running Reserve,Transport Review,*108
Agreement 2021/22,Education,TOTAL – Education,,,"1,108"
`);
    expect(staged.reserves.map((r) => [r.purpose, r.balance, r.notDrawnDown, r.lineType])).toEqual([['Transport Review', 108, true, 'line'], ['', 1108, false, 'total']]);
  });

  it('keeps savings in £m and converts a £000 column', () => {
    const { staged } = map('savings', `Period,Division,Proposal,Risk Rating,Value Identified £000,Value Achieved £m
Agreement 2021/22,Education,Premature retirement costs (PRC),green,40,0.040
`);
    expect(staged.savings.map((s) => [s.riskRating, s.identified, s.achieved])).toEqual([['Green', 0.04, 0.04]]);
  });

  it('reads bridge steps and capital years', () => {
    const bridge = map('bridge', `Year,Division,Order,Line,Step,Amount £000
2021/22,Education,1,"Children, Family Services & Education 2020/21 Budget at Q3",Opening budget,"4,130"
2021/22,Education,11,Agreed MTFP savings programme,Savings,(40)
`);
    expect(bridge.staged.bridgeLines.map((b) => [b.order, b.step, b.amount])).toEqual([[1, 'opening', 4130], [11, 'savings', -40]]);
    const capital = map('capital', `Period,Scheme,Programme Year,Amount £000,Funding Source
Agreement 2021/22,Short breaks for disabled children,2022/23,24,Capital Grants
Agreement 2021/22,TOTAL,2022/23,24,
`);
    expect(capital.staged.capital.map((c) => [c.scheme, c.year, c.amount, c.lineType])).toEqual([['Short breaks for disabled children', '2022/23', 24, 'line'], ['TOTAL', '2022/23', 24, 'total']]);
  });
});

describe('a measures file with fewer columns', () => {
  it('updates what it gives and keeps what it has no column for', async () => {
    const { planFile } = await import('../../src/domain/import/plan');
    const existing = new Map();
    planFile(map('measures', WIDE).staged, existing, 1);
    const later = map('measures', 'PI Code,PI Name,Q2 2021/22 Actual\nCFSE.1 and GMS indicator,Percentage of Mothers smoking at delivery (number),9.0% (240)\nCFSE.13,Value added progress measure (renamed),N/A\n');
    const plan = planFile(later.staged, existing, 2);
    expect(plan.counts.measures).toEqual({ add: 0, update: 1, unchanged: 1, remove: 0 });
    const renamed = plan.writes.find((w) => w.table === 'measures')?.after;
    expect(renamed).toMatchObject({ code: 'CFSE.13', name: 'Value added progress measure (renamed)', priority: 2, polarity: 'High', measureType: 'Partnership', frequency: 'Annually', targetType: 'Numerical' });
  });
});

describe('statistics and neighbour files through mapRows', () => {
  it('a statistics file without an area column needs one of them, named as alternatives', () => {
    const { issues } = map('statistics', 'time_period,time_identifier,rate_per_10000\n2024,Reporting year,61.0\n');
    expect(issues.map((i) => i.message)).toEqual(['A statistics file needs "Old LA code or Authority name or Authority code": choose which column holds it.']);
  });

  it('a long statistics file is read with the authority and indicator chosen', () => {
    const read = readCsv('f.csv', 'Area code,Area name,Period,Measure,Value\nE92000001,England,2023-24,Recycling rate (%),42.0\nE08000007,Stockport,2023-24,Recycling rate (%),"1,234"\n');
    if (!read.ok) throw new Error('unreadable');
    const roles = mapColumns('statistics', read.table.headers);
    const { staged, issues } = mapRows('statistics', read.table, roles, {
      file: 'f.csv', portfolioId: 'p', batchId: 0, knownMeasures: new Map([['R.1', { unit: '%' }]]),
      statistics: { authority: 'Stockport', indicators: { [JSON.stringify(['Recycling rate (%)', []])]: 'R.1' } },
    });
    expect(issues).toEqual([]);
    expect(staged.observations.map((o) => [o.series, o.period, o.value])).toEqual([['England', '2023/24', 42], ['actual', '2023/24', 1234]]);
    expect(staged.benchmarks.map((b) => b.areas.map((a) => a.code))).toEqual([['E92000001', 'E08000007']]);
  });

  it('a neighbour list needs a group and an authority', () => {
    expect(map('neighbours', 'group,rank\nSN,1\n').issues.map((i) => i.message)).toEqual(['A neighbours file needs "Authority code or Old LA code or Authority name": choose which column holds it.']);
    expect(map('neighbours', 'group,la_code\nSN,E08000009\nSN,E08000002\n').staged.neighbourGroups).toEqual([{ name: 'SN', members: ['E08000009', 'E08000002'], batchId: 0 }]);
  });
});

describe('staging a long file', () => {
  it('reports the rows read every ROWS_REPORTED rows, counting on from the files before it', () => {
    const g = generate({ rows: 25_000, periods: 4, comparators: 0, seed: 2 });
    const drafts = [csvDraft('measures.csv', g.measuresCsv), csvDraft('observations.csv', g.observationsCsv)];
    const measureRows = drafts[0]?.table.rows.length ?? 0;
    const reports: [string, number][] = [];
    const [, observations] = stageFiles(drafts, 'p', new Map(), (file, done) => reports.push([file, done]));
    expect(observations?.staged.observations).toHaveLength(25_000);
    expect(reports.filter(([f]) => f === 'observations.csv').map(([, n]) => n - measureRows)).toEqual([ROWS_REPORTED, 2 * ROWS_REPORTED, 25_000]);
    expect(reports.at(0)).toEqual(['measures.csv', measureRows]);
  });
});
