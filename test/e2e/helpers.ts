import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import type { JSHandle, Page } from '@playwright/test';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SEED = ['priorities', 'measures', 'comparators', 'budget', 'budget-bridge', 'reserves', 'savings', 'capital', 'narrative']
  .map((n) => path.join(ROOT, 'fixtures/seed-003', `${n}.csv`));
export const MINUTES = ['seed-001-minutes', 'seed-000-minutes'].map((d) => path.join(ROOT, 'fixtures', d, 'narrative.csv'));
export const Q2 = ['observations', 'budget', 'reserves', 'savings', 'narrative'].map((n) => path.join(ROOT, 'fixtures/q2-update-illustrative', `${n}.csv`));
/** Every file of the bundled sample, as the app loads it on first open. */
export const SAMPLE = [...SEED, ...MINUTES, ...Q2];
export const bad = (name: string) => path.join(ROOT, 'test/fixtures/bad', name);

/** Every record of every data table, read straight from IndexedDB (not through the app). */
export async function dumpStore(page: Page, withHistory = false): Promise<Record<string, unknown[]>> {
  return page.evaluate(async (history) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('scrutineer');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    // Never the read copies: they are the data again, made as it is read (src/db/copies.ts).
    const names = Array.from(db.objectStoreNames).filter((n) => n !== 'copies' && (history || !['batches', 'batchUndo', 'meta'].includes(n)));
    const out: Record<string, unknown[]> = {};
    for (const name of names) {
      out[name] = await new Promise<unknown[]>((resolve, reject) => {
        const req = db.transaction(name).objectStore(name).getAll();
        req.onsuccess = () => resolve(req.result as unknown[]);
        req.onerror = () => reject(req.error);
      });
    }
    db.close();
    return out;
  }, withHistory);
}

/** Fails the test on any uncaught page error. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

/** Opens the app; in a fresh browser, waits until the first-open sample has loaded. */
export async function openApp(page: Page, url = '/', fresh = true): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  if (fresh) await expect(page.locator('footer')).toContainText('Includes the bundled sample');
}

/** Follows a link of the main navigation. */
export async function go(page: Page, name: 'Overview' | 'Measures' | 'Resources' | 'What changed' | 'Search' | 'Import' | 'Settings'): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

export async function clearAll(page: Page): Promise<void> {
  await go(page, 'Settings');
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Clear all data' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'All data has been removed' })).toBeVisible();
}

export async function importFiles(page: Page, files: string[]): Promise<void> {
  await go(page, 'Import');
  await page.getByLabel('Import data files').setInputFiles(files);
  const confirm = page.getByRole('button', { name: /^Confirm import of/ });
  await expect(confirm).toBeEnabled();
  await confirm.click();
  await expect(page.getByRole('status').filter({ hasText: /^Imported/ })).toBeVisible();
}

export const EXCEL = path.join(ROOT, 'test/fixtures/excel/seed-measures.xlsx');

/**
 * A DataTransfer in the page holding the given files, as a drag from the desktop would carry
 * them: read here in Node and rebuilt in the page as File objects with the same bytes.
 */
export async function fileTransfer(page: Page, paths: string[]): Promise<JSHandle<DataTransfer>> {
  const files = paths.map((p) => ({ name: path.basename(p), base64: readFileSync(p).toString('base64') }));
  return page.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], f.name, { type: f.name.endsWith('.csv') ? 'text/csv' : '' }));
    }
    return transfer;
  }, files);
}
