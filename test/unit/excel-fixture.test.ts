// @vitest-environment node
// The Excel fixture (written by scripts/make-xlsx.mjs) read with the project's own .xlsx reader:
// both sheets come back, and the Measures sheet reads to exactly the table its CSV source does.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { readCsv, sheetToRecords, tableFromRecords } from '../../src/domain/import/read-table';
import { guessFile } from '../../src/domain/import/stage';

const ROOT = path.resolve(import.meta.dirname, '../..');
const XLSX = path.join(ROOT, 'test/fixtures/excel/seed-measures.xlsx');
const CSV = 'fixtures/seed-003/measures.csv';

/** The CSV's header and first five measures, read by the app's CSV reader. */
function csvHead() {
  const result = readCsv(CSV, readFileSync(path.join(ROOT, CSV), 'utf8'));
  if (!result.ok) throw new Error(`${CSV} could not be read`);
  return { ...result.table, rows: result.table.rows.slice(0, 5), rowNumbers: result.table.rowNumbers.slice(0, 5) };
}

describe('test/fixtures/excel/seed-measures.xlsx', () => {
  it('holds a Notes sheet of text and then a Measures sheet', async () => {
    const sheets = await readXlsxFile(XLSX);
    expect(sheets.map((s) => s.sheet)).toEqual(['Notes', 'Measures']);
    const notes = sheetToRecords(sheets[0]?.data ?? []);
    expect(notes).toHaveLength(2);
    expect(notes.every((row) => row.filter((c) => c !== '').length === 1)).toBe(true);
    // One text cell a row is no header row: the Notes sheet is not data.
    const read = tableFromRecords('Notes', notes);
    expect(read.ok).toBe(false);
    expect(read.issues.map((i) => i.message)).toEqual([expect.stringMatching(/^No header row was found/)]);
  });

  it('the Measures sheet reads to the same table as the first five measures of the CSV, and as measures', async () => {
    const sheets = await readXlsxFile(XLSX);
    const measures = sheets.find((s) => s.sheet === 'Measures');
    expect(measures).toBeDefined();
    // The priority column is stored as numbers; every other cell as text.
    expect(measures?.data.slice(1).map((row) => typeof row[0])).toEqual(Array(5).fill('number'));
    const read = tableFromRecords('seed-measures.xlsx', sheetToRecords(measures?.data ?? []));
    expect(read.issues).toEqual([]);
    if (!read.ok) throw new Error('the Measures sheet could not be read');
    const expected = csvHead();
    expect(read.table.headers).toEqual(expected.headers);
    expect(read.table.rows).toEqual(expected.rows);
    expect(read.table.rowNumbers).toEqual(expected.rowNumbers);
    expect(guessFile(read.table).kind).toBe('measures');
    expect(guessFile(read.table).roles).toEqual(guessFile(expected).roles);
  });
});
