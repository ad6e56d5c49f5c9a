// Hardening, in the built app: no request leaves the origin and the Content-Security-Policy holds
// (nothing it blocks is needed, and what it is there to block is blocked); files from the bad-input
// corpus dropped through the Import page are named by file, row and column and leave the store
// as it was; markup in a measure's name is shown as text and never run.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { EXCEL, ROOT, bad, dumpStore, go, importFiles, openApp, watchErrors } from './helpers';

/** Every page of the app, as the address bar shows it. */
const PAGES = [
  '/', '/measures', '/measures/CFSE.25',
  '/resources', '/resources/bridge', '/resources/variance', '/resources/reserves', '/resources/savings', '/resources/capital',
  '/import', '/import/formats', '/settings',
];

/** Messages the browser logs when the Content-Security-Policy blocks something. */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

async function settle(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');
}

test('no request leaves the origin on any page or during an import, and the Content-Security-Policy blocks nothing the app needs', async ({ page, context, baseURL }) => {
  // The served build's origin: http://127.0.0.1:4173 unless E2E_PORT moves it.
  const origin = new URL(baseURL ?? 'http://127.0.0.1:4173').origin;
  const requests: string[] = [];
  // The context sees the service worker's requests (its precache) as well as the page's.
  context.on('request', (r) => requests.push(r.url()));
  const errors = watchErrors(page);
  const violations = watchCsp(page);
  await openApp(page);
  for (const url of PAGES) {
    await page.goto(url);
    await settle(page);
  }
  // An import of CSV and Excel (the workbook reader is loaded only now), and a chart exported as PNG.
  await importFiles(page, [bad('space-thousands.csv'), EXCEL]);
  await page.goto('/measures/CFSE.25');
  await settle(page);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download chart (PNG)' }).first().click();
  expect((await download).suggestedFilename()).toMatch(/\.png$/);

  const foreign = requests.filter((url) => !/^(data|blob):/.test(url) && new URL(url).origin !== origin);
  expect(foreign).toEqual([]);
  // The recording is real: the app's own script, the sample and the workbook reader were fetched.
  expect(requests.some((url) => /\/assets\/index-[\w-]+\.js$/.test(url))).toBe(true);
  expect(violations).toEqual([]);
  expect(errors).toEqual([]);
});

test('the Content-Security-Policy is in force: an injected inline script does not run', async ({ page }) => {
  const violations = watchCsp(page);
  await openApp(page);
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.head.append(script);
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(violations[0]).toMatch(/script-src/);
});

const M = 'PI Code,PI Name,Reported,Good Performance,2020/21 Actual,2021/22 Target';
const generated = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

test('bad files dropped on the Import page are named by file, row and column; the store is unchanged and the page still works', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  const before = await dumpStore(page, true);
  await go(page, 'Import');
  await page.getByLabel('Import data files').setInputFiles([
    bad('unbalanced-quote.csv'), bad('comma-decimal.csv'), bad('png-renamed.csv'), bad('unsupported-extension.xls'), bad('nested-object.json'),
  ]);
  const alertOf = (file: string) => page.getByRole('region', { name: `File ${file}` }).getByRole('alert');
  await expect(alertOf('unbalanced-quote.csv')).toContainText('unbalanced-quote.csv, row 3: A quoted cell is never closed');
  await expect(alertOf('comma-decimal.csv')).toContainText('comma-decimal.csv, row 2, column "2020/21 Actual": "1.234,5" uses a comma as the decimal point');
  await expect(alertOf('png-renamed.csv')).toContainText('png-renamed.csv: This file holds binary data, not text');
  await expect(alertOf('unsupported-extension.xls')).toContainText('unsupported-extension.xls: A ".xls" file cannot be imported');
  // A JSON file that cannot be read has no table to say "item", so the place reads "row 1"; the message says "Item 1".
  await expect(alertOf('nested-object.json')).toContainText('nested-object.json, item 1, column "2020/21 Actual": Item 1, field "2020/21 Actual" holds a nested list or object');
  await expect(page.getByRole('button', { name: /^Confirm import of/ })).toBeDisabled();
  await page.getByRole('button', { name: 'Cancel' }).click();

  // Over the limits: a cell of 100,000 characters, 501 columns (made here, never committed).
  await page.getByLabel('Import data files').setInputFiles([
    generated('long-cell.csv', `${M}\nCFSE.1,${'x'.repeat(100_000)},Annually,Low,9.1%,9.5%\n`),
    generated('wide.csv', `${M},${Array.from({ length: 495 }, (_, i) => `Extra ${i + 1}`).join(',')}\nCFSE.1,x,Annually,Low,9.1%,9.5%\n`),
  ]);
  await expect(alertOf('long-cell.csv')).toContainText('long-cell.csv, row 2, column "PI Name": The cell holds 100,000 characters; a cell may hold at most 10,000');
  await expect(alertOf('wide.csv')).toContainText('wide.csv, row 1: The row has 501 columns; at most 500 can be read');
  await expect(page.getByRole('button', { name: /^Confirm import of/ })).toBeDisabled();
  expect(await dumpStore(page, true)).toEqual(before);

  // Still usable: remove the files one by one, then go on to another page.
  await page.getByRole('button', { name: 'Remove long-cell.csv from this import' }).click();
  await page.getByRole('button', { name: 'Remove wide.csv from this import' }).click();
  await expect(page.getByRole('heading', { name: 'Check before importing' })).toHaveCount(0);
  await go(page, 'Measures');
  await expect(page.getByRole('row', { name: /CFSE\.25\b/ })).toBeVisible();
  expect(await dumpStore(page, true)).toEqual(before);
  expect(errors).toEqual([]);
});

test('a workbook whose sheet unzips to over 512 KB is read under the Content-Security-Policy', async ({ page }) => {
  // read-excel-file unzips such a part in a Worker made from a blob: URL: the policy allows blob: workers
  // (and nothing else beyond 'self') so the maintained reader does its own unzipping.
  const errors = watchErrors(page);
  const violations = watchCsp(page);
  const script = (await import(pathToFileURL(path.join(ROOT, 'scripts/make-xlsx.mjs')).href)) as {
    workbookFiles(sheets: { name: string; rows: string[][] }[]): [string, string][];
    zip(entries: [string, string][]): Buffer;
  };
  const rows = [['Period', 'Service', 'Net Cash Limit Budget £000'], ...Array.from({ length: 8000 }, (_, i) => ['Agreement 2021/22', `Service ${i + 1}`, String(i)])];
  const files = script.workbookFiles([{ name: 'Budget', rows }]);
  expect(files.find(([name]) => name === 'xl/worksheets/sheet1.xml')?.[1].length).toBeGreaterThan(512 * 1024);
  await openApp(page);
  await go(page, 'Import');
  await page.getByLabel('Import data files').setInputFiles({ name: 'big-sheet.xlsx', mimeType: '', buffer: script.zip(files) });
  const card = page.getByRole('region', { name: 'File big-sheet.xlsx' });
  await expect(card).toContainText('8,000 rows');
  await expect(card).toContainText(/8,000 records to add/);
  await expect(card.getByRole('alert')).toHaveCount(0);
  expect(violations).toEqual([]);
  expect(errors).toEqual([]);
});

test('<script> and HTML in a measure name are shown as text, never run', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  const pwned = () => page.evaluate(() => (window as unknown as { __scrutineerPwned?: boolean }).__scrutineerPwned === true);
  const file = bad('html-in-names.csv');
  const name = readFileSync(file, 'utf8').split('\n')[1]?.split(',')[1] ?? '';
  expect(name).toMatch(/^<script>/);
  await importFiles(page, [file]);
  expect(await pwned()).toBe(false);

  await go(page, 'Measures');
  const row = page.getByRole('row', { name: /CFSE\.1\b/ });
  await expect(row).toContainText(name);
  await expect(page.getByRole('row', { name: /CFSE\.2\b/ })).toContainText('<img src=x onerror="window.__scrutineerPwned = true"> <b>Breastfeeding</b>');
  await row.getByRole('link', { name: 'CFSE.1' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
  // Not one element was made from the markup.
  await expect(page.locator('main script, main img[src="x"]')).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await pwned()).toBe(false);
  expect(errors).toEqual([]);
});
