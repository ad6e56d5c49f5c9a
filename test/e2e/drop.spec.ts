import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { readCsv } from '../../src/domain/import/read-table';
import { ROOT, fileTransfer, go, openApp, watchErrors } from './helpers';

const SAVINGS = path.join(ROOT, 'fixtures/q2-update-illustrative/savings.csv');

test('files dropped on any page open the import preview, keeping the view in the URL', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page, '/measures?period=2021-22-q1&priority=2');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const overlay = page.getByText('Drop files to import them');
  await expect(overlay).toHaveCount(0);

  const dataTransfer = await fileTransfer(page, [SAVINGS]);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  // While files are dragged over the page, it says what dropping them does; nothing has moved yet.
  await expect(overlay).toBeVisible();
  await expect(page).toHaveURL((url) => url.pathname === '/measures');
  await page.dispatchEvent('body', 'dragover', { dataTransfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer });

  // The view travels with it: the period and the page's own filter stay in the query string.
  await expect(page).toHaveURL((url) => url.pathname === '/import' && url.searchParams.get('period') === '2021-22-q1' && url.searchParams.get('priority') === '2');
  await expect(overlay).toHaveCount(0);
  const card = page.getByRole('region', { name: 'File savings.csv' });
  await expect(card.getByLabel('Kind of data')).toHaveValue('savings');
  // The sample already holds these savings lines: the preview says nothing would change.
  const lines = readCsv(SAVINGS, readFileSync(SAVINGS, 'utf8'));
  if (!lines.ok) throw new Error('savings.csv could not be read');
  await expect(card.locator('.counts-total')).toHaveText(`0 records to add, 0 to update, ${lines.table.rows.length} unchanged`);
  await expect(card.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Confirm import of 1 file' })).toBeEnabled();
  expect(errors).toEqual([]);
});

test('dragging something that is not files (text from the page) neither shows the overlay nor navigates', async ({ page }) => {
  await openApp(page, '/measures');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const dataTransfer = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.setData('text/plain', 'CFSE.25');
    return transfer;
  });
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await page.dispatchEvent('body', 'dragover', { dataTransfer });
  await expect(page.getByText('Drop files to import them')).toHaveCount(0);
  await page.dispatchEvent('body', 'drop', { dataTransfer });
  await expect(page).toHaveURL((url) => url.pathname === '/measures');
  // Nothing reached the import either.
  await go(page, 'Import');
  await expect(page.getByRole('heading', { name: 'Import history' })).toBeVisible();
  await expect(page.getByRole('region', { name: /^File / })).toHaveCount(0);
});

test('a file chosen on a first visit, before the sample has finished loading, and confirmed at once, goes into the sample\'s dataset', async ({ page }) => {
  const errors = watchErrors(page);
  // Not openApp: the file is chosen as soon as the page can take it, while the sample may still be
  // loading, and confirmed as soon as it can be.
  await page.goto('/import');
  await page.getByLabel('Import data files').setInputFiles(path.join(ROOT, 'fixtures/q2-update-illustrative/observations.csv'));
  const confirm = page.getByRole('button', { name: 'Confirm import of 1 file' });
  await expect(confirm).toBeEnabled({ timeout: 30_000 });
  await confirm.click();
  await expect(page.getByRole('status').filter({ hasText: /^Imported 1 file/ })).toHaveText(/^Imported 1 file into Children, Family Services and Education: /, { timeout: 30_000 });
  await expect(page.locator('footer')).toContainText('Includes the bundled sample');
  // One dataset: the sample's, with the file in its history.
  await expect(page.getByRole('combobox', { name: 'Dataset' }).locator('option')).toHaveText(['Children, Family Services and Education']);
  expect(errors).toEqual([]);
});
