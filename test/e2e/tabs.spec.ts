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

const REFUSALS: [string, () => void][] = [
  ['reading window.indexedDB throws', () => {
    Object.defineProperty(window, 'indexedDB', { configurable: true, get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });
  }],
  ['opening a database fails', () => {
    IDBFactory.prototype.open = function open() {
      throw new DOMException('The user denied permission to access the database.', 'UnknownError');
    };
  }],
];

for (const [how, refuse] of REFUSALS) test(`where the browser refuses IndexedDB (${how}), the dashboard works in memory for the session and says so`, async ({ page }) => {
  await page.addInitScript(refuse);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/');
  await expect(page.getByRole('alert').filter({ hasText: 'not letting the dashboard keep data' })).toContainText('in memory: anything imported is lost when this tab closes');
  await expect(page.getByRole('heading', { level: 1, name: 'Children, Family Services and Education' })).toBeVisible();
  await importFiles(page, [path.join(ROOT, 'test/fixtures/share/formula-measure.csv')]);
  await go(page, 'Measures');
  await expect(page.locator('table.measures tbody tr')).toHaveCount(81);
  expect(errors).toEqual([]);
});
