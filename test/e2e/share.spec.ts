import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { readCsv } from '../../src/domain/import/read-table';
import { sampleRows } from '../support/sample';

const Q2_PERIOD = '2021/22 Q2';
import { ROOT, SEED, clearAll, go, importFiles, openApp, watchErrors } from './helpers';

const codes = (page: Page) => page.locator('table.measures tbody th').allTextContents();

/** The table's codes once the page has settled on the data (the link is stamped) and the rows the rules give are shown. */
async function settledCodes(page: Page, count: number): Promise<string[]> {
  await expect(page).toHaveURL(/fp=[0-9a-f]{8}/);
  await expect(page.locator('table.measures tbody tr')).toHaveCount(count);
  return codes(page);
}

test('a link opened where the data differs says so; junk parameters are named and the page still works', async ({ browser, page }) => {
  await openApp(page, '/measures?rag=red&sort=code');
  await expect(page).toHaveURL(/fp=[0-9a-f]{8}\.2021-22-q2/);
  const link = page.url();
  const rows = await settledCodes(page, sampleRows(Q2_PERIOD).filter((r) => r.rating.status === 'Red').length);

  // The same data elsewhere: no notice, the same rows.
  const same = await browser.newContext();
  const samePage = await same.newPage();
  await openApp(samePage, new URL(link).pathname + new URL(link).search);
  await expect(samePage.locator('table.measures tbody th')).toHaveText(rows);
  await expect(samePage.getByText('This link was made with')).toHaveCount(0);
  await same.close();

  // Different data: only the agreement, no Q2 update.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await openApp(otherPage);
  await clearAll(otherPage);
  await importFiles(otherPage, SEED);
  await otherPage.goto(new URL(link).pathname + new URL(link).search);
  const notice = otherPage.getByRole('status').filter({ hasText: 'This link was made with' });
  await expect(notice).toContainText(/This link was made with data up to Q2 2021\/22 \(fingerprint [0-9a-f]{8}\); this browser has data up to Agreement 2021\/22 \(fingerprint [0-9a-f]{8}\)/);
  await expect(notice.getByRole('link', { name: 'Import the data files' })).toBeVisible();
  await notice.getByRole('button', { name: /Open anyway/ }).click();
  await expect(notice).toHaveCount(0);
  await other.close();

  // Garbage: named, ignored, and the page works.
  const errors = watchErrors(page);
  await page.goto('/measures?colour=blue&period=2099-00&ds=<script>&fp=zz&rag=red');
  await expect(page.getByRole('status').filter({ hasText: 'could not be used' })).toContainText('colour=blue, ds=<script>, period=2099-00, fp=zz');
  await expect(page.locator('table.measures tbody th')).toHaveText(rows);
  expect(errors).toEqual([]);
});

test('a snapshot file from one browser opens the same view in an empty one', async ({ browser, page }) => {
  await openApp(page, '/measures?priority=2&sort=actual&dir=desc');
  const rows = await settledCodes(page, sampleRows(Q2_PERIOD).filter((r) => r.measure.priority === 2).length);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Share as file' }).click();
  const file = path.join(test.info().outputDir, (await download).suggestedFilename());
  await (await download).saveAs(file);

  const empty = await browser.newContext();
  const other = await empty.newPage();
  await openApp(other);
  await clearAll(other);
  await go(other, 'Import');
  await other.getByLabel('Import data files').setInputFiles(file);
  await expect(other.getByText('Snapshot of a view')).toBeVisible();
  await other.getByRole('button', { name: /^Confirm import of 1 file/ }).click();
  await expect(other).toHaveURL(/\/measures\?.*priority=2.*sort=actual.*dir=desc/);
  await expect(other.locator('table.measures tbody th')).toHaveText(rows);
  await empty.close();
});

test('back up everything, change the data, restore: the store returns to the backup, and the restore can be undone', async ({ page }) => {
  await openApp(page);
  await go(page, 'Settings');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Back up everything' }).click();
  const file = path.join(test.info().outputDir, (await download).suggestedFilename());
  await (await download).saveAs(file);
  const backup = JSON.parse(readFileSync(file, 'utf8')) as { scrutineer: string; records: { measures: unknown[] } };
  expect(backup.scrutineer).toBe('backup');
  expect(backup.records.measures).toHaveLength(80);

  await importFiles(page, [path.join(ROOT, 'test/fixtures/share/formula-measure.csv')]);
  await go(page, 'Settings');
  await page.getByLabel('Restore from backup').setInputFiles(file);
  await expect(page).toHaveURL(/\/import/);
  await expect(page.getByRole('region', { name: /File scrutineer-backup/ })).toContainText(/0 records to add, \d+ to update, [1-9]\d* unchanged, [1-9]\d* to remove/);
  await page.getByRole('button', { name: /^Confirm import/ }).click();
  await go(page, 'Measures');
  await expect(page.locator('table.measures tbody tr')).toHaveCount(80);

  // Undoing the restore brings back what it removed.
  await go(page, 'Import');
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: /^Undo import of scrutineer-backup/ }).click();
  await expect(page.getByRole('table', { name: /Import history/ }).getByText(/^Undone/)).toHaveCount(1);
  await go(page, 'Measures');
  await expect(page.locator('table.measures tbody tr')).toHaveCount(81);
});

test('CSV export is exactly the filtered, sorted rows on screen, with formulas neutralised', async ({ page }) => {
  await openApp(page);
  await importFiles(page, [path.join(ROOT, 'test/fixtures/share/formula-measure.csv')]);
  await page.goto('/measures?polarity=high&sort=code&dir=desc');
  await expect(page.getByRole('table', { name: /of 81 measures/ })).toBeVisible();
  const shown = await codes(page);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /^Download (these [\d,]+ measures|this measure) \(CSV\)/ }).click();
  const text = readFileSync(await (await download).path(), 'utf8');
  const csv = readCsv('measures.csv', text.replace(/^\uFEFF/, ''));
  if (!csv.ok) throw new Error('export did not parse');
  expect(csv.table.rows.map((r) => r[0])).toEqual(shown);
  const formula = csv.table.rows.find((r) => r[0] === 'XF.1');
  expect(formula?.[1]).toBe(`'=HYPERLINK("http://example.invalid","click") formula in a name`);

  // A resources table: the download is the table as shown.
  await page.goto('/resources/variance?period=2021-22-q2&rag=red');
  const tableDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download this table (CSV)' }).first().click();
  const variance = readCsv('v.csv', readFileSync(await (await tableDownload).path(), 'utf8').replace(/^\uFEFF/, ''));
  expect(variance.ok && variance.table.rows.map((r) => r[0])).toEqual(['External Placements Children & Family Services', 'Stockport Fostering and Adoption Children & Family Services']);
  expect(variance.ok && variance.table.headers.slice(0, 4)).toEqual(['Service', 'Net budget £000', 'Forecast out-turn £000', 'Variance £000']);
});

test('charts save as SVG and PNG', async ({ page }) => {
  await openApp(page, '/measures/CFSE.25');
  const svg = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download chart (SVG)' }).click();
  const svgText = readFileSync(await (await svg).path(), 'utf8');
  expect(svgText).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svgText).toContain('<title>Trend of CFSE.25');
  // The whole chart, not a legend icon: its lines and axes are in it.
  expect(svgText).toContain('recharts-line');
  expect(svgText).toContain('recharts-cartesian-axis');
  const png = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download chart (PNG)' }).click();
  const bytes = readFileSync(await (await png).path());
  expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  expect(bytes.length).toBeGreaterThan(5000);
});

async function pdfPages(page: Page): Promise<string[]> {
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: true }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' ').replace(/\s+/g, ' '));
  }
  return pages;
}

test('printing: the header and the tables are in the PDF, and no table row is split across pages', async ({ page }) => {
  await openApp(page);
  await page.emulateMedia({ media: 'print' });
  const overview = await pdfPages(page);
  const all = overview.join(' ');
  expect(all).toContain('Stockport Metropolitan Borough Council: Children, Family Services and Education');
  expect(all).toMatch(/Reporting period: Q2 2021\/22 · Data fingerprint: [0-9a-f]{8} · Printed/);
  expect(all).toContain(`View: ${test.info().project.use.baseURL ?? ''}/`);
  expect(all).toContain('Priority 5: Children and young people live happily and safely within their families');

  await page.goto('/measures?sort=code');
  await expect(page.locator('table.measures tbody tr')).toHaveCount(80);
  const rows = await page.locator('table.measures tbody tr').evaluateAll((trs) => trs.map((tr) => {
    const cells = [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim());
    const nameCell = tr.querySelectorAll('th, td')[1];
    return { code: cells[0] ?? '', name: (nameCell?.childNodes[0]?.textContent ?? '').trim() };
  }));
  const pages = await pdfPages(page);
  expect(pages.length).toBeGreaterThan(1);
  expect(pages[0]).toContain('Measures');
  for (const r of rows) {
    // The row's code and the last words of its name are on one and the same page.
    const tail = r.name.split(' ').slice(-2).join(' ');
    const where = pages.findIndex((p) => new RegExp(`${r.code.replace(/[.()]/g, '\\$&')}(?![\\w(])`).test(p));
    expect(where, `row ${r.code} is in the PDF`).toBeGreaterThanOrEqual(0);
    expect(pages[where], `row ${r.code} is whole on page ${where + 1}`).toContain(tail);
  }
});

test('after one visit the dashboard works offline: pages, data and imports', async ({ page, context }) => {
  await openApp(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Children, Family Services and Education' })).toBeVisible();
  await page.goto('/resources/variance');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Forecast and variance, Q2 2021/22');
  await page.goto('/measures/CFSE.25');
  await expect(page.locator('.recharts-line').first()).toBeVisible();
  await importFiles(page, [path.join(ROOT, 'test/fixtures/share/formula-measure.csv')]);
  await go(page, 'Measures');
  await expect(page.locator('table.measures tbody tr')).toHaveCount(81);
  await context.setOffline(false);
});
