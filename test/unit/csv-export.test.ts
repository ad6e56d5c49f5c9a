import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/domain/csv-write';
import { readCsv } from '../../src/domain/import/read-table';

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
