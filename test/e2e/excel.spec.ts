import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import readXlsxFile from 'read-excel-file/node';
import { readCsv, sheetToRecords, tableFromRecords } from '../../src/domain/import/read-table';
import type { RawTable } from '../../src/domain/import/read-table';
import type { Existing } from '../../src/domain/import/plan';
import { guessFile, planFiles, stageFiles } from '../../src/domain/import/stage';
import type { Measure } from '../../src/domain/types';
import { EXCEL, ROOT, SAMPLE, go, openApp, watchErrors } from './helpers';

const DATASET = 'children-family-services-and-education';

const draft = (name: string, table: RawTable) => ({ id: name, name, hash: name, table, ...guessFile(table) });

/**
 * What the preview of the workbook's Measures sheet should say against the sample: the sample's
 * files planned into an empty store, then the sheet planned against the result (the domain's
 * own planner, run here in Node, apart from the browser and IndexedDB).
 */
async function expectedCounts() {
  const existing: Existing = new Map();
  const sample = SAMPLE.map((file) => {
    const read = readCsv(file, readFileSync(file, 'utf8'));
    if (!read.ok) throw new Error(`${file} could not be read`);
    return draft(path.relative(ROOT, file), read.table);
  });
  planFiles(stageFiles(sample, DATASET, new Map()), existing, sample.map((_, i) => i + 1));
  const sheet = (await readXlsxFile(EXCEL)).find((s) => s.sheet === 'Measures');
  const read = tableFromRecords('Measures', sheetToRecords(sheet?.data ?? []));
  if (!read.ok) throw new Error('the Measures sheet could not be read');
  // The measures the store holds, as the app's preview passes them to staging.
  const stored = [...existing].filter(([k]) => k.startsWith('measures:')).map(([, m]) => m as Measure);
  const units = new Map(stored.map((m) => [m.code, { unit: m.unit }]));
  const [plan] = planFiles(stageFiles([draft('Measures', read.table)], DATASET, units), existing, [0]);
  if (!plan) throw new Error('no plan');
  return plan.total;
}

test('an Excel workbook: the sheet is chosen, the preview follows it, and the import is listed in the history', async ({ page }) => {
  const errors = watchErrors(page);
  const expected = await expectedCounts();
  // The sheet's five measures are already in the sample: importing them changes nothing.
  expect(expected).toMatchObject({ add: 0, update: 0 });
  expect(expected.unchanged).toBeGreaterThan(0);

  await openApp(page);
  await go(page, 'Import');
  const history = page.getByRole('table', { name: /Import history/ });
  const historyRows = SAMPLE.length;
  await expect(history.getByRole('row')).toHaveCount(1 + historyRows);

  await page.getByLabel('Import data files').setInputFiles(EXCEL);
  const card = page.getByRole('region', { name: 'File seed-measures.xlsx' });
  await expect(card).toContainText('XLSX');
  const sheet = card.getByLabel('Sheet', { exact: true });
  await expect(sheet.getByRole('option')).toHaveText(['Notes', 'Measures']);
  // The workbook opens on its first sheet that is a table, passing over the notes before it.
  await expect(sheet).toHaveValue('Measures');
  // Picking the notes sheet shows why it cannot be read; picking the data again recovers.
  await sheet.selectOption('Notes');
  await expect(card.getByRole('alert')).toContainText('seed-measures.xlsx (sheet "Notes")');
  await expect(card.getByRole('alert')).toContainText('No header row was found');
  await expect(card.getByLabel('Kind of data')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Confirm import of 1 file' })).toBeDisabled();

  await sheet.selectOption('Measures');
  await expect(card.getByLabel('Kind of data')).toHaveValue('measures');
  await expect(card).toContainText('5 rows');
  await expect(card.locator('.counts-total')).toHaveText(`0 records to add, 0 to update, ${expected.unchanged.toLocaleString('en-GB')} unchanged`);
  await expect(card.getByRole('alert')).toHaveCount(0);

  const confirm = page.getByRole('button', { name: 'Confirm import of 1 file' });
  await expect(confirm).toBeEnabled();
  await confirm.click();
  await expect(page.getByRole('status').filter({ hasText: /^Imported 1 file/ })).toContainText(`${expected.unchanged.toLocaleString('en-GB')} unchanged`);
  await expect(history.getByRole('row')).toHaveCount(2 + historyRows);
  // Newest first: the workbook, named with its sheet, as measures, with what it changed.
  const row = history.getByRole('row').nth(1);
  await expect(row.getByRole('cell')).toHaveText([
    'seed-measures.xlsx (sheet "Measures")', /\d/, 'Measures (wide layout)', '0', '0', expected.unchanged.toLocaleString('en-GB'), /^[0-9a-f]{12}$/, 'Undo',
  ]);
  expect(errors).toEqual([]);
});
