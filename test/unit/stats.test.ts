// National statistics files: periods, symbols, areas (totals rows, changed codes), encodings,
// the long layout, finding the council's authority, and what an import stages from them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapColumnsWithRows, recogniseKind } from '../../src/domain/import/headers';
import type { ColumnRole } from '../../src/domain/import/headers';
import { mapRows } from '../../src/domain/import/map-rows';
import type { MapContext } from '../../src/domain/import/map-rows';
import { decodeText, readCsv } from '../../src/domain/import/read-table';
import type { RawTable } from '../../src/domain/import/read-table';
import { findAuthority, mapStatistics, periodFromStats, readStatsCell, summariseStatistics } from '../../src/domain/stats';
import type { StatsChoices, StatsSummary } from '../../src/domain/stats';
import type { Measure } from '../../src/domain/types';

const DIR = path.resolve(import.meta.dirname, '../fixtures/stats');

function load(name: string): { table: RawTable; roles: ColumnRole[]; text: string; decodeIssues: string[] } {
  const decoded = decodeText(name, new Uint8Array(readFileSync(path.join(DIR, name))));
  if ('error' in decoded) throw new Error(decoded.error);
  const result = readCsv(name, decoded.text);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  const kind = recogniseKind(result.table.headers)[0]?.kind ?? 'measures';
  return { table: result.table, roles: mapColumnsWithRows(kind, result.table.headers, result.table.rows), text: decoded.text, decodeIssues: decoded.issues.map((i) => i.message) };
}

const EES = 'ees-children-looked-after.csv';
const id = (column: string, characteristic: string): string => JSON.stringify([column, [['characteristic', characteristic]]]);
const known = new Map<string, Pick<Measure, 'unit'>>([['CFSE.4', { unit: 'per 10,000' }], ['CFSE.5', { unit: 'number' }]]);
const ctx = (file: string, statistics?: StatsChoices): MapContext => ({ file, portfolioId: 'children', batchId: 7, knownMeasures: known, ...(statistics ? { statistics } : {}) });

describe('periodFromStats', () => {
  it.each([
    ['2024', 'Reporting year', '2023/24'],
    ['202324', 'Reporting year', '2023/24'],
    ['202324', 'Financial year', '2023/24'],
    ['202324', 'Academic year', '2023/24'],
    ['202324', 'Tax year', '2023/24'],
    ['2024', 'Calendar year', 'Dec 2024'],
    ['202324', 'Financial year Q2', '2023/24 Q2'],
    ['2024', 'Calendar year Q1', '2023/24 Q4'],
    ['2024', 'Calendar year Q2', '2024/25 Q1'],
    ['202324', 'Autumn term', 'Autumn term 2023'],
    ['202324', 'Spring term', 'Spring term 2024'],
    ['202324', 'Summer term', 'Summer term 2024'],
    ['202324', 'Autumn and spring term', 'Spring term 2024'],
    ['2024', 'January', 'Jan 2024'],
    ['202324', 'October', 'Oct 2023'],
    ['202324', 'March', 'Mar 2024'],
    ['202324', '', '2023/24'],
    ['2023/24', '', '2023/24'],
    [' 202324 ', ' reporting  YEAR ', '2023/24'],
  ])('%s %s → %s', (tp, ti, expected) => {
    expect(periodFromStats(tp, ti)).toEqual({ id: expected });
  });

  it.each([
    ['2024', 'Financial year', 'two years'],
    ['2024', '', 'needs a time identifier'],
    ['202325', 'Academic year', 'a time period is a year'],
    ['2024', 'Week 12', 'not on the dashboard'],
    ['202324', 'Calendar year', 'a single year'],
    ['', 'Reporting year', 'a time period is a year'],
  ])('%s %s cannot be read, and says why', (tp, ti, why) => {
    const p = periodFromStats(tp, ti);
    expect('error' in p && p.error).toContain(why);
  });
});

describe('readStatsCell', () => {
  it.each([
    ['5,239,331', 5239331],
    ['12.5', 12.5],
    ['-3', -3],
    ['.5', 0.5],
    ['0', 0],
    ['45%', 45],
  ])('reads the figure %s', (raw, value) => {
    expect(readStatsCell(raw)).toEqual({ kind: 'number', value });
  });

  it.each([
    ['x', 'x: not available'],
    ['z', 'z: not applicable'],
    ['c', 'c: confidential (suppressed)'],
    ['C', 'c: confidential (suppressed)'],
    ['[c]', 'c: confidential (suppressed)'],
    ['low', 'low: rounds to zero, but is not zero'],
    ['u', 'u: low reliability'],
    [':', ': not available'],
    ['..', '..: not available'],
  ])('keeps the symbol %s, in words, never as 0', (raw, reason) => {
    const cell = readStatsCell(raw);
    expect(cell.kind).toBe('symbol');
    expect(cell.kind === 'symbol' && cell.reason).toBe(reason);
  });

  it('says what an unreadable cell is not', () => {
    const cell = readStatsCell('about 5');
    expect(cell.kind === 'text' && cell.message).toContain('"about 5" is not a figure');
    expect(readStatsCell('  ')).toEqual({ kind: 'empty' });
    expect(readStatsCell('12,5').kind).toBe('text');
  });
});

describe('recognising statistics and neighbour files', () => {
  it('an EES file is statistics, with its standard columns as fields, its figures as indicators and its words as filters', () => {
    const { table, roles } = load(EES);
    expect(recogniseKind(table.headers)[0]?.kind).toBe('statistics');
    expect(roles.map((r) => (r.type === 'field' ? r.key : r.type))).toEqual([
      'timePeriod', 'timeIdentifier', 'geographicLevel', 'countryCode', 'countryName', 'regionCode', 'regionName', 'oldLaCode', 'laName', 'newLaCode',
      'filter', 'indicator', 'indicator',
    ]);
  });

  it('a long file (area, period, measure, value) is statistics; a neighbour list is neighbours', () => {
    expect(recogniseKind(load('long-local-authority-figures.csv').table.headers)[0]?.kind).toBe('statistics');
    expect(recogniseKind(load('neighbours-stockport.csv').table.headers)[0]?.kind).toBe('neighbours');
  });

  it('tells figures from words by the cells: a column of symbols and figures is an indicator, any words make a filter', () => {
    const headers = ['time_period', 'la_name', 'phase', 'headcount_ratio'];
    const rows = [['2024', 'Stockport', 'Primary', 'c'], ['2024', 'Trafford', 'Secondary', '1,204']];
    expect(mapColumnsWithRows('statistics', headers, rows).slice(2)).toEqual([{ type: 'filter' }, { type: 'indicator' }]);
  });
});

describe('summariseStatistics on an EES file (BOM, CR LF, a title row above the header)', () => {
  const { table, roles } = load(EES);
  const summary = summariseStatistics(table, roles, EES);

  it('lists England, the regions and the authorities, with region and codes', () => {
    expect(summary.areas.map((a) => [a.level, a.name, a.code])).toEqual([
      ['National', 'England', 'E92000001'],
      ['Regional', 'North East', 'E12000001'],
      ['Regional', 'North West', 'E12000002'],
      ['Local authority', 'Gateshead', 'E08000037'],
      ['Local authority', 'Liverpool', 'E08000012'],
      ['Local authority', 'Manchester', 'E08000003'],
      ['Local authority', 'Newcastle upon Tyne', 'E08000021'],
      ['Local authority', 'Stockport', 'E08000007'],
      ['Local authority', 'Trafford', 'E08000009'],
    ]);
    const stockport = summary.areas.find((a) => a.name === 'Stockport');
    expect(stockport).toMatchObject({ oldCodes: ['356'], regionCode: 'E12000002', regionName: 'North West', rows: 9 });
  });

  it('merges an authority whose code changed into one area, the latest code current and the earlier one kept', () => {
    const gateshead = summary.areas.filter((a) => a.name === 'Gateshead');
    expect(gateshead).toHaveLength(1);
    expect(gateshead[0]).toMatchObject({ code: 'E08000037', oldCodes: ['E08000020', '390'], rows: 9 });
  });

  it('skips totals among the authorities and levels it does not read, with the reason, count and rows', () => {
    expect(summary.skipped).toEqual([
      { reason: expect.stringContaining('a total for ENGLAND given among the authorities') as string, count: 3, rows: [30, 60, 90] },
      { reason: expect.stringContaining('Inner or Outer London') as string, count: 3, rows: [31, 61, 91] },
      { reason: 'geographic level "Local authority district": only National, Regional and Local authority rows are read', count: 3, rows: [32, 62, 92] },
    ]);
    expect(summary.rows).toBe(81);
  });

  it('lists indicators totals first, in words with their filter, periods in order, rows and unit', () => {
    expect(summary.indicatorCount).toBe(6);
    expect(summary.indicators.map((i) => i.label)).toEqual([
      'number_looked_after · characteristic: Total',
      'rate_per_10000 · characteristic: Total',
      'number_looked_after · characteristic: Male',
      'number_looked_after · characteristic: Female',
      'rate_per_10000 · characteristic: Male',
      'rate_per_10000 · characteristic: Female',
    ]);
    const rate = summary.indicators[1];
    expect(rate).toMatchObject({ id: id('rate_per_10000', 'Total'), column: 'rate_per_10000', filters: { characteristic: 'Total' }, periods: ['2021/22', '2022/23', '2023/24'], rows: 27, unit: 'per 10,000' });
    expect(summary.indicators[0]?.unit).toBe('number');
    expect(summary.periods).toEqual(['2021/22', '2022/23', '2023/24']);
    expect(summary.filters).toEqual([{ column: 'characteristic', values: ['Total', 'Male', 'Female'] }]);
  });

  it('reports a period it cannot read once, as a warning naming row and column, and skips its rows', () => {
    const bad: RawTable = { ...table, rows: table.rows.map((r, i) => (i < 2 ? ['2024', 'Week 3', ...r.slice(2)] : r)) };
    const s = summariseStatistics(bad, roles, EES);
    expect(s.issues).toEqual([{ level: 'warning', file: EES, row: 3, column: 'time_period', message: expect.stringContaining('"Week 3" periods are not on the dashboard') as string }]);
    expect(s.skipped[0]).toMatchObject({ count: 2, rows: [3, 4] });
  });
});

describe('encodings: the same file in UTF-8, Windows-1252 and Mac Roman', () => {
  const utf8 = load(EES);
  it.each([
    ['ees-children-looked-after-windows-1252.csv', 'read as Windows-1252'],
    ['ees-children-looked-after-mac-roman.csv', 'read as Mac Roman'],
  ])('%s keeps £ and é, says which encoding it was read as, and gives the same table', (name, said) => {
    const other = load(name);
    expect(other.text).toContain('Café Statistique; figures in £');
    expect(other.decodeIssues).toEqual([expect.stringContaining(said)]);
    expect(other.table).toEqual(utf8.table);
  });

  it('UTF-8 with a BOM and CR LF: the BOM does not stick to the first header, and no cell ends in CR', () => {
    expect(utf8.decodeIssues).toEqual([]);
    expect(utf8.table.headers[0]).toBe('time_period');
    expect(utf8.table.rows.flat().some((c) => c.includes('\r'))).toBe(false);
  });
});

describe('summariseStatistics on a long file', () => {
  const { table, roles } = load('long-local-authority-figures.csv');
  const summary = summariseStatistics(table, roles, 'long.csv');

  it('reads areas by their codes (England, a region, authorities) and each measure as an indicator with its unit', () => {
    expect(summary.format).toBe('long');
    expect(summary.areas.map((a) => [a.level, a.name])).toEqual([
      ['National', 'England'], ['Regional', 'North West'], ['Local authority', 'Manchester'], ['Local authority', 'Stockport'], ['Local authority', 'Trafford'],
    ]);
    expect(summary.indicators.map((i) => [i.label, i.unit, i.periods.length, i.rows])).toEqual([
      ['Household waste sent for reuse, recycling or composting', '%', 3, 15],
      ['Net current expenditure on adult social care', 'number', 3, 15],
    ]);
    expect(table.headers[4]).toBe('Data value');
  });

  it('maps a measure: England\'s "5,239,331" read as a figure, the council\'s [c] kept as a symbol', () => {
    const waste = summary.indicators[0]?.id ?? '';
    const spend = summary.indicators[1]?.id ?? '';
    const { staged, issues } = mapStatistics(table, roles, { authority: 'Trafford', indicators: { [waste]: 'CFSE.4', [spend]: 'CFSE.5' } }, ctx('long.csv'));
    expect(issues.filter((i) => i.level === 'error')).toEqual([]);
    const england = staged.observations.filter((o) => o.measureCode === 'CFSE.5' && o.series === 'England');
    expect(england.map((o) => [o.period, o.value, o.raw])).toEqual([['2021/22', 5239331, '5,239,331'], ['2022/23', 5339331, '5,339,331'], ['2023/24', 5439331, '5,439,331']]);
    const trafford = staged.observations.filter((o) => o.measureCode === 'CFSE.4' && o.series === 'actual');
    expect(trafford.map((o) => [o.period, o.value, o.missingReason])).toEqual([['2021/22', 45.9, null], ['2022/23', 46.3, null], ['2023/24', null, 'c: confidential (suppressed)']]);
    // The long file gives no region for its authorities, so only England is a comparator.
    expect(new Set(staged.observations.map((o) => o.series))).toEqual(new Set(['actual', 'England']));
  });
});

describe('findAuthority', () => {
  const { table, roles } = load(EES);
  const summary: StatsSummary = summariseStatistics(table, roles, EES);
  it.each([
    ['Stockport', 'Stockport'],
    ['  STOCKPORT ', 'Stockport'],
    ['E08000007', 'Stockport'],
    ['e08000007', 'Stockport'],
    ['356', 'Stockport'],
    ['Stockport (E08000007)', 'Stockport'],
    ['newcastle-upon-tyne', 'Newcastle upon Tyne'],
    ['E08000020', 'Gateshead'],
    ['390', 'Gateshead'],
  ])('finds %s', (query, name) => {
    expect(findAuthority(summary, query)?.name).toBe(name);
  });

  it.each(['England', 'North West', 'E92000001', 'Bury', ''])('finds no authority for "%s"', (query) => {
    expect(findAuthority(summary, query)).toBeNull();
  });
});

describe('mapStatistics (through mapRows)', () => {
  const { table, roles } = load(EES);
  const choices: StatsChoices = { authority: 'E08000007', indicators: { [id('rate_per_10000', 'Total')]: 'CFSE.4', [id('rate_per_10000', 'Male')]: 'CFSE.5', [id('number_looked_after', 'Total')]: null } };
  const { staged, issues } = mapRows('statistics', table, roles, ctx(EES, choices));

  it('gives no errors', () => {
    expect(issues.filter((i) => i.level === 'error')).toEqual([]);
  });

  it('stages one benchmark set per mapped indicator and period, with every area\'s figure', () => {
    expect(staged.benchmarks.map((b) => [b.measureCode, b.period, b.indicator, b.areas.length, b.source, b.batchId])).toEqual([
      ['CFSE.4', '2021/22', 'rate_per_10000 · characteristic: Total', 9, EES, 7],
      ['CFSE.4', '2022/23', 'rate_per_10000 · characteristic: Total', 9, EES, 7],
      ['CFSE.4', '2023/24', 'rate_per_10000 · characteristic: Total', 9, EES, 7],
      ['CFSE.5', '2021/22', 'rate_per_10000 · characteristic: Male', 9, EES, 7],
      ['CFSE.5', '2022/23', 'rate_per_10000 · characteristic: Male', 9, EES, 7],
      ['CFSE.5', '2023/24', 'rate_per_10000 · characteristic: Male', 9, EES, 7],
    ]);
    const latest = staged.benchmarks[2];
    expect(latest?.areas.map((a) => [a.level, a.name, a.value, a.symbol])).toEqual([
      ['National', 'England', 73, null],
      ['Regional', 'North East', 113, null],
      ['Regional', 'North West', 100, null],
      ['Local authority', 'Gateshead', 118, null],
      ['Local authority', 'Liverpool', 143, null],
      ['Local authority', 'Manchester', 108, null],
      ['Local authority', 'Newcastle upon Tyne', null, 'x'],
      ['Local authority', 'Stockport', 64, null],
      ['Local authority', 'Trafford', 58, null],
    ]);
    expect(latest?.areas.find((a) => a.name === 'Gateshead')).toMatchObject({ code: 'E08000037', oldCodes: ['E08000020', '390'], regionName: 'North East', raw: '118.0' });
  });

  it('stages the council\'s figures as its actuals, England\'s and its region\'s as series named as the file names them', () => {
    const rows = staged.observations.filter((o) => o.measureCode === 'CFSE.4').map((o) => [o.series, o.period, o.value]);
    expect(rows).toEqual([
      ['England', '2021/22', 70], ['North West', '2021/22', 97], ['actual', '2021/22', 61],
      ['England', '2022/23', 71.5], ['North West', '2022/23', 98.5], ['actual', '2022/23', 62.5],
      ['England', '2023/24', 73], ['North West', '2023/24', 100], ['actual', '2023/24', 64],
    ]);
    expect(staged.observations[0]).toEqual({
      measureCode: 'CFSE.4', series: 'England', period: '2021/22', breakdown: '', value: 70, count: null, missingReason: null, note: null, status: null, raw: '70.0', batchId: 7,
    });
  });

  it('keeps a suppressed figure as no value, with the reason in words', () => {
    const male2023 = staged.observations.find((o) => o.measureCode === 'CFSE.5' && o.series === 'actual' && o.period === '2022/23');
    expect(male2023).toMatchObject({ value: null, missingReason: 'c: confidential (suppressed)', raw: 'c' });
  });

  it('stages nothing for an indicator mapped to no measure, and no measures or neighbour groups', () => {
    expect(staged.benchmarks.some((b) => b.indicator.startsWith('number_looked_after'))).toBe(false);
    expect(staged.measures).toEqual([]);
    expect(staged.neighbourGroups).toEqual([]);
  });
});

describe('mapStatistics errors', () => {
  const { table, roles } = load(EES);
  const rate = id('rate_per_10000', 'Total');
  const errorsOf = (choices: StatsChoices | undefined): string[] =>
    mapRows('statistics', table, roles, ctx(EES, choices)).issues.filter((i) => i.level === 'error').map((i) => `${i.row ?? '-'}|${i.column ?? '-'}|${i.message}`);

  it('no authority chosen, an authority not in the file, no indicator mapped: errors for the whole file', () => {
    expect(errorsOf(undefined)).toEqual([expect.stringMatching(/^-\|-\|Choose your council's authority/)]);
    expect(errorsOf({ authority: 'Bury', indicators: { [rate]: 'CFSE.4' } })).toEqual([expect.stringMatching(/^-\|-\|"Bury" is not an authority in this file/)]);
    expect(errorsOf({ authority: 'Stockport', indicators: { [rate]: null } })).toEqual([expect.stringMatching(/^-\|-\|No indicator is chosen/)]);
  });

  it('a measure the dashboard does not know is an error naming it; two indicators may not feed one measure', () => {
    expect(errorsOf({ authority: 'Stockport', indicators: { [rate]: 'CFSE.99' } })).toEqual([expect.stringContaining('CFSE.99 is not a measure this dashboard knows')]);
    expect(errorsOf({ authority: 'Stockport', indicators: { [rate]: 'CFSE.4', [id('rate_per_10000', 'Male')]: 'CFSE.4' } })).toEqual([expect.stringContaining('Two indicators feed measure CFSE.4')]);
  });

  it('an unreadable cell is an error naming its row and column', () => {
    const broken: RawTable = { ...table, rows: table.rows.map((r, i) => (i === 0 ? [...r.slice(0, 12), 'seventy'] : r)) };
    const errors = mapRows('statistics', broken, roles, ctx(EES, { authority: 'Stockport', indicators: { [rate]: 'CFSE.4' } })).issues.filter((i) => i.level === 'error');
    expect(errors).toEqual([{ level: 'error', file: EES, row: 3, column: 'rate_per_10000', message: expect.stringContaining('"seventy" is not a figure') as string }]);
  });

  it('a new measure is created for an indicator when asked, as a comparator-rated measure of the portfolio', () => {
    const { staged, issues } = mapRows('statistics', table, roles, ctx(EES, {
      authority: 'Stockport', indicators: { [rate]: 'CLA.1' }, newMeasures: { 'CLA.1': { name: 'Children looked after (rate per 10,000)', unit: 'per 10,000', polarity: 'Low' } },
    }));
    expect(issues.filter((i) => i.level === 'error')).toEqual([]);
    expect(staged.measures).toEqual([{
      code: 'CLA.1', portfolioId: 'children', name: 'Children looked after (rate per 10,000)', priority: null, measureType: null, frequency: null,
      polarity: 'Low', unit: 'per 10,000', targetType: 'Comparator', gms: false, corporate: false, isNew: false, batchId: 7,
    }]);
    expect(staged.benchmarks).toHaveLength(3);
  });
});

describe('neighbour lists', () => {
  it('reads groups by code, members in rank order', () => {
    const { table, roles } = load('neighbours-stockport.csv');
    const { staged, issues } = mapRows('neighbours', table, roles, ctx('neighbours.csv'));
    expect(issues).toEqual([]);
    expect(staged.neighbourGroups).toEqual([
      { name: 'Stockport statistical neighbours', members: ['E08000009', 'E06000049', 'E08000002', 'E06000007'], batchId: 7 },
      { name: 'Greater Manchester', members: ['E08000003', 'E08000007', 'E08000009'], batchId: 7 },
    ]);
  });

  it('without a code column, resolves names it knows and keeps the others by name, with a warning', () => {
    const table: RawTable = { headers: ['Group', 'Authority'], rows: [['SN', 'Trafford'], ['SN', 'Bury'], ['SN', 'trafford']], rowNumbers: [2, 3, 4], rowWord: 'row' };
    const roles = mapColumnsWithRows('neighbours', table.headers, table.rows);
    const { staged, issues } = mapRows('neighbours', table, roles, { ...ctx('n.csv'), knownAreas: new Map([['trafford', 'E08000009']]) });
    expect(staged.neighbourGroups).toEqual([{ name: 'SN', members: ['E08000009', 'Bury'], batchId: 7 }]);
    expect(issues.map((i) => [i.level, i.row, i.message])).toEqual([
      ['warning', 4, 'trafford is already in the group "SN" (row 2); it was read once.'],
      ['warning', null, expect.stringContaining('Bury (row 3) could not be matched to a code')],
    ]);
  });

  it('a row without a group, or a code column with an empty cell, is an error naming row and column', () => {
    const table: RawTable = { headers: ['group', 'la_code'], rows: [['', 'E08000009'], ['SN', '']], rowNumbers: [2, 3], rowWord: 'row' };
    const roles = mapColumnsWithRows('neighbours', table.headers, table.rows);
    const { issues } = mapRows('neighbours', table, roles, ctx('n.csv'));
    expect(issues.map((i) => [i.row, i.column, i.level])).toEqual([[2, 'group', 'error'], [3, 'la_code', 'error']]);
  });
});
