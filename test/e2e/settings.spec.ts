import { expect, test } from '@playwright/test';
import { SAMPLE, clearAll, dumpStore, go, openApp, watchErrors } from './helpers';

/** The records with every batchId left out: a store's batch counter does not restart when it is cleared. */
function withoutBatchIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutBatchIds);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'batchId').map(([k, v]) => [k, withoutBatchIds(v)]));
  }
  return value;
}

test('cleared data stays cleared across a reload; "Reset to sample data" brings the sample back', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  const sample = await dumpStore(page);
  await clearAll(page);
  expect(Object.values(await dumpStore(page)).every((rows) => rows.length === 0)).toBe(true);

  // A reload of an emptied browser does not load the sample by itself.
  await page.reload();
  await go(page, 'Overview');
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(page.getByText('No data in this browser yet')).toBeVisible();
  await expect(page.locator('footer')).toHaveText('No data is stored in this browser yet.');
  await expect(page.getByRole('status').filter({ hasText: 'This is the sample data' })).toHaveCount(0);
  await expect(page.getByLabel('Dataset')).toHaveCount(0);
  await go(page, 'Import');
  await expect(page.getByText('No imports yet.')).toBeVisible();
  // A sample load would start within moments of opening; give it the chance to show itself.
  await page.waitForTimeout(1000);
  const afterReload = await dumpStore(page, true);
  expect(Object.entries(afterReload).filter(([table, rows]) => table !== 'meta' && rows.length > 0)).toEqual([]);
  await expect(page.locator('footer')).toHaveText('No data is stored in this browser yet.');

  await go(page, 'Settings');
  let question = '';
  page.once('dialog', (d) => {
    question = d.message();
    void d.accept();
  });
  await page.getByRole('button', { name: 'Reset to sample data' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The sample data has been loaded' })).toBeVisible();
  expect(question).toContain('Replace everything stored in this browser with the sample data?');

  await go(page, 'Overview');
  await expect(page.getByRole('heading', { level: 1, name: 'Children, Family Services and Education' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Priority 1: / })).toBeVisible();
  await expect(page.locator('footer')).toContainText('Includes the bundled sample');
  // The same records as the first visit loaded (bar the ids of the import batches that wrote them).
  expect(withoutBatchIds(await dumpStore(page))).toEqual(withoutBatchIds(sample));

  await go(page, 'Import');
  const history = page.getByRole('table', { name: /Import history/ });
  const files = SAMPLE.length;
  await expect(history.getByRole('row')).toHaveCount(1 + files);
  await expect(history.getByRole('row').filter({ hasText: '(sample data)' })).toHaveCount(files);
  await expect(history.getByText(/^Undone/)).toHaveCount(0);
  expect(errors).toEqual([]);
});
