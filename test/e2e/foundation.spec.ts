import { expect, test } from '@playwright/test';
import { Q2, SAMPLE, SEED, bad, clearAll, dumpStore, go, importFiles, openApp, watchErrors } from './helpers';

test('a first visit loads the sample, says so, and shows its figures', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  await expect(page.getByRole('status').filter({ hasText: 'This is the sample data' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Children, Family Services and Education' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Priority 1: Start well and school readiness/ })).toBeVisible();
  await expect(page.locator('footer')).toContainText('illustrative Q2 2021/22 update');
  // The period selector offers the reports the data covers, latest first.
  await expect(page.getByLabel('Reporting period')).toHaveValue('2021/22 Q2');
  await go(page, 'Measures');
  const row = page.getByRole('row', { name: /CFSE\.25\b/ });
  await expect(row).toContainText('Q2 2021/22');
  await go(page, 'Resources');
  // The Q2 update's forecast is in view; the agreement's budget is one choice away, and in the URL.
  await expect(page.getByRole('table', { name: /Revenue budget by service, Q2 2021\/22/ })).toContainText('45,014');
  await page.getByLabel('Reporting period').selectOption('2021/22 Agreement');
  await expect(page).toHaveURL(/period=2021-22-agreement/);
  await expect(page.getByRole('row', { name: /Children, Family Services and Education total/ }).first()).toContainText('(14,522)');
  // A reload does not load the sample twice.
  await page.reload();
  await go(page, 'Overview');
  await expect(page.getByRole('heading', { level: 1, name: 'Children, Family Services and Education' })).toBeVisible();
  await go(page, 'Import');
  await expect(page.getByRole('table', { name: /Import history/ }).getByRole('row')).toHaveCount(1 + SAMPLE.length);
  expect(errors).toEqual([]);
});

test('a first visit straight to a page says the sample is loading, never that there is no data', async ({ page }) => {
  // Every text the page's main part and footer show, from the first drawing on.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { seenTexts: string[] }).seenTexts = seen;
    new MutationObserver(() => {
      const text = `${document.querySelector('main')?.textContent ?? ''} | ${document.querySelector('footer')?.textContent ?? ''}`;
      if (seen[seen.length - 1] !== text) seen.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await openApp(page, '/measures');
  await expect(page.getByRole('row', { name: /CFSE\.25\b/ })).toContainText('Q2 2021/22');
  const seen = await page.evaluate(() => (window as unknown as { seenTexts: string[] }).seenTexts);
  expect(seen.some((t) => t.includes('Loading the sample data'))).toBe(true);
  expect(seen.filter((t) => /No measures yet|no measures|No data is stored/.test(t))).toEqual([]);
});

test('a first visit cut short while the sample loads stores nothing, and the next visit loads the sample', async ({ browser }) => {
  // No service worker, so that the page's own requests can be held back.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  // The sample's files are never answered: the visit is left before anything is stored.
  let asked = 0;
  await page.route(/sample-files-seed-[^/]*\.js$/, () => {
    asked++;
  });
  await page.goto('/measures');
  await expect.poll(() => asked).toBeGreaterThan(0);
  await expect(page.locator('main')).toContainText('Loading the sample data');
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await page.reload();
  await expect(page.locator('footer')).toContainText('Includes the bundled sample');
  await expect(page.getByRole('row', { name: /CFSE\.25\b/ })).toContainText('Q2 2021/22');
  await go(page, 'Import');
  await expect(page.getByRole('table', { name: /Import history/ }).getByRole('row')).toHaveCount(1 + SAMPLE.length);
  expect(errors).toEqual([]);
  await context.close();
});

test('importing the seed-003 files and the Q2 update survives a reload; undo restores the earlier state exactly', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  await clearAll(page);
  expect(Object.values(await dumpStore(page)).every((rows) => rows.length === 0)).toBe(true);

  await go(page, 'Import');
  await page.getByLabel('Import data files').setInputFiles(SEED);
  // The preview names each file with its counts before anything is written.
  const measures = page.getByRole('region', { name: 'File measures.csv' });
  await expect(measures).toContainText(/records to add, 0 to update, 0 unchanged/);
  await expect(measures.getByLabel('Kind of data')).toHaveValue('measures');
  expect(Object.values(await dumpStore(page)).every((rows) => rows.length === 0)).toBe(true);
  await page.getByRole('button', { name: new RegExp(`^Confirm import of ${SEED.length} files`) }).click();
  await expect(page.getByRole('status').filter({ hasText: new RegExp(`^Imported ${SEED.length} files`) })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('table', { name: /Import history/ }).getByRole('row')).toHaveCount(1 + SEED.length);
  await go(page, 'Overview');
  await expect(page.getByRole('heading', { level: 1, name: 'Children, Family Services and Education' })).toBeVisible();
  const afterSeed = await dumpStore(page);
  // Seed 003 prints 80 measures across its five priorities.
  expect(afterSeed.measures?.length).toBe(80);

  // Re-importing the same files changes nothing and says so.
  await go(page, 'Import');
  await page.getByLabel('Import data files').setInputFiles(SEED[1] ?? '');
  await expect(page.getByRole('region', { name: 'File measures.csv' })).toContainText(/\b0 records to add, 0 to update, [1-9]\d* unchanged/);
  await page.getByRole('button', { name: 'Cancel' }).click();

  await importFiles(page, Q2);
  await page.reload();
  await go(page, 'Measures');
  await expect(page.getByRole('row', { name: /CFSE\.25\b/ })).toContainText('Q2 2021/22');
  expect(await dumpStore(page)).not.toEqual(afterSeed);

  // Undo the first Q2 file: it and every later import go, leaving exactly the seed state.
  await go(page, 'Import');
  const history = page.getByRole('table', { name: /Import history/ });
  page.once('dialog', (d) => void d.accept());
  await history.getByRole('button', { name: 'Undo import of observations.csv' }).click();
  await expect(history.getByText(/^Undone/)).toHaveCount(Q2.length);
  expect(await dumpStore(page)).toEqual(afterSeed);
  await page.reload();
  await go(page, 'Measures');
  await expect(page.getByRole('row', { name: /CFSE\.25\b/ })).toContainText('2020/21');
  expect(errors).toEqual([]);
});

test('a broken file shows its errors by file, row and column, and the store is left exactly as it was', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  const before = await dumpStore(page, true);
  await go(page, 'Import');
  await page.getByLabel('Import data files').setInputFiles([bad('measures-bad-cells.csv'), bad('budget-bad-period.csv')]);
  const alert = page.getByRole('region', { name: 'File measures-bad-cells.csv' }).getByRole('alert');
  await expect(alert).toContainText('measures-bad-cells.csv, row 3, column "2020/21 Actual": "12%%" is not a number this importer understands');
  await expect(alert).toContainText('measures-bad-cells.csv, row 4, column "Good Performance": "Upwards" is not a polarity');
  await expect(page.getByRole('region', { name: 'File budget-bad-period.csv' }).getByRole('alert')).toContainText('budget-bad-period.csv, row 2, column "Period": "Sometime 2021" is not a period');
  await expect(page.getByRole('button', { name: /^Confirm import of/ })).toBeDisabled();
  expect(await dumpStore(page, true)).toEqual(before);
  // The page is still usable: remove the bad files and carry on.
  await page.getByRole('button', { name: 'Remove measures-bad-cells.csv from this import' }).click();
  await page.getByRole('button', { name: 'Remove budget-bad-period.csv from this import' }).click();
  await go(page, 'Overview');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await dumpStore(page, true)).toEqual(before);
  expect(errors).toEqual([]);
});
