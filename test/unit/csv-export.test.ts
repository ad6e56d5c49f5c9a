import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/domain/csv-write';
import { readCsv } from '../../src/domain/import/read-table';
import { measureExportRows } from '../../src/domain/csv-export';
import { buildMeasureRows } from '../../src/domain/measure-rows';
import { DEFAULT_TOLERANCE } from '../../src/domain/rag';
import { sampleDataset } from '../support/sample';

describe('toCsv', () => {
  it('quotes as RFC 4180 and neutralises formulas, but not plain negative numbers', () => {
    const csv = toCsv([
      ['Name', 'Value'],
      ['=HYPERLINK("http://x","click")', '-165'],
      ['+1', '@SUM(A1)'],
      ['-cmd', '\tx'],
      ['Comma, and "quote"', '(14,522)'],
      ['Line\nbreak', '−5'],
    ]);
    expect(csv.split('\r\n')[1]).toBe(`"'=HYPERLINK(""http://x"",""click"")",-165`);
    expect(csv.split('\r\n')[2]).toBe(`"'+1","'@SUM(A1)"`);
    const back = readCsv('x.csv', csv);
    expect(back.ok && back.table.rows).toEqual([
      [`'=HYPERLINK("http://x","click")`, '-165'],
      ["'+1", "'@SUM(A1)"],
      ["'-cmd", "'\tx"],
      ['Comma, and "quote"', '(14,522)'],
      ['Line\nbreak', '−5'],
    ]);
  });
});

describe('measureExportRows', () => {
  it('gives each change as the table does: the difference in the unit and the earlier figure with its unit', () => {
    const d = sampleDataset();
    const rows = buildMeasureRows(d, '2021/22 Q2', DEFAULT_TOLERANCE);
    const [header, ...out] = measureExportRows(rows);
    const column = header?.indexOf('Change since previous') ?? -1;
    const cell = (code: string) => out.find((r) => r[0] === code)?.[column];
    // CFSE.11 went from 52% in Q1 to 55% in Q2 (the sample's figures).
    expect(cell('CFSE.11')).toBe('improved: a 5.8% increase (+3 percentage points) from 52% (Q1 2021/22)');
    // Every percentage's earlier figure is written as one.
    const changed = rows.filter((r) => r.change && r.measure.unit === '%');
    expect(changed.length).toBeGreaterThan(3);
    for (const r of changed) expect(cell(r.measure.code)).toMatch(/ from [\d.,−]+% \(/);
  });
});
