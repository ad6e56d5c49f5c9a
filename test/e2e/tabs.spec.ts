import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ROOT, go, importFiles, openApp } from './helpers';

test('an import in one tab appears in another without a reload, and a stale preview is refreshed, not committed', async ({ page, context }) => {
  await openApp(page);
  const other = await context.newPage();
  await openApp(other, '/measures', false);
  await expect(other.locator('table.measures tbody tr')).toHaveCount(80);

  // The other tab starts an import preview of the same file first.
  await go(other, 'Import');
  await other.getByLabel('Import data files').setInputFiles(path.join(ROOT, 'test/fixtures/share/formula-measure.csv'));
  const card = other.getByRole('region', { name: 'File formula-measure.csv' });
  await expect(card).toContainText(/^.*\b[1-9]\d* records to add/);

  // This tab imports it.
  await importFiles(page, [path.join(ROOT, 'test/fixtures/share/formula-measure.csv')]);

  // The other tab's preview now says there is nothing new, and its history shows the import.
  await expect(card).toContainText(/\b0 records to add, 0 to update, [1-9]\d* unchanged/);
  await expect(other.getByRole('table', { name: /Import history/ })).toContainText('formula-measure.csv');
  await other.getByRole('button', { name: 'Cancel' }).click();
  await go(other, 'Measures');
  await expect(other.locator('table.measures tbody tr')).toHaveCount(81);
});
