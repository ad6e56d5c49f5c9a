// A national statistics file, end to end: dropped, the council's authority picked, an indicator
// mapped to a new measure, committed; the measure then has the council's figures, England's and
// the region's, and ranks among every authority. A Windows-1252 file reads its £ right.
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ROOT, go, openApp, watchErrors } from './helpers';

const EES = path.join(ROOT, 'test/fixtures/stats/ees-children-looked-after.csv');

test('a national statistics file: pick the authority, map an indicator to a new measure, see its figures, comparators and rank', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page, '/');
  await go(page, 'Import');
  await page.getByLabel('Import data files').setInputFiles(EES);
  const card = page.getByRole('region', { name: 'File ees-children-looked-after.csv' });
  await expect(card.getByLabel('Kind of data')).toHaveValue('statistics');
  const choices = card.getByRole('region', { name: 'Choices for ees-children-looked-after.csv' });
  // Until an authority and an indicator are chosen, the file cannot be imported, and says why.
  await expect(choices).toContainText('No authority chosen yet');
  await expect(page.getByRole('button', { name: 'Confirm import of 1 file' })).toBeDisabled();

  // Found by its old LA number, as officers often know it.
  await choices.getByLabel('Authority').fill('356');
  await expect(choices).toContainText('Chosen: Stockport, code E08000007');
  await expect(choices).toContainText('in the North West region');
  const indicator = choices.getByLabel(/^Measure fed by rate_per_10000.*Total/);
  await indicator.selectOption({ label: 'A new measure…' });
  await choices.getByLabel('PI code').fill('CLA.1');
  await choices.getByLabel('Name').fill('Children looked after per 10,000');
  await choices.getByLabel('Good performance').selectOption('Low');

  const confirm = page.getByRole('button', { name: 'Confirm import of 1 file' });
  await expect(confirm).toBeEnabled({ timeout: 20_000 });
  await expect(card.locator('.counts-total')).toContainText('records to add');
  await confirm.click();
  await expect(page.getByRole('status').filter({ hasText: /^Imported 1 file/ })).toBeVisible({ timeout: 30_000 });

  // The measure: the council's figures with England's and the North West's beside them, no retyping.
  await page.goto('/measures/CLA.1');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Children looked after per 10,000');
  const figures = page.getByRole('table', { name: /figures/i }).first();
  await expect(figures).toContainText('England');
  await expect(figures).toContainText('North West');
  // And its place among every authority in the latest year, in words.
  await expect(page.getByText(/^Stockport: \d+(st|nd|rd|th) of \d+ local authorities; (1st|2nd|3rd|4th) quartile/)).toBeVisible({ timeout: 20_000 });

  // The authority is remembered for the next national file.
  await go(page, 'Import');
  await page.getByLabel('Import data files').setInputFiles(EES);
  const again = page.getByRole('region', { name: 'Choices for ees-children-looked-after.csv' });
  await expect(again.getByLabel('Authority')).toHaveValue('E08000007');
  await expect(again).toContainText('Chosen: Stockport');
  expect(errors).toEqual([]);
});

test('a national statistics file saved in Windows-1252 shows £ as £ and says which encoding it read', async ({ page }) => {
  // The same file with a money indicator's column named with £, written in Windows-1252 (one byte, 0xA3, for £).
  const text = readFileSync(EES, 'utf8').replace(/^\uFEFF/, '').replace('rate_per_10000', 'spend_per_child_£');
  const dir = mkdtempSync(path.join(tmpdir(), 'scrutineer-1252-'));
  const file = path.join(dir, 'ees-windows-1252.csv');
  writeFileSync(file, Buffer.from(text, 'latin1'));
  expect(readFileSync(file).includes(0xa3)).toBe(true);

  await openApp(page, '/');
  await go(page, 'Import');
  await page.getByLabel('Import data files').setInputFiles(file);
  const card = page.getByRole('region', { name: 'File ees-windows-1252.csv' });
  await expect(card).toContainText('Windows-1252');
  await card.getByText(/^How the columns are read/).click();
  await expect(card.getByRole('table', { name: /Column mapping/ }).getByRole('rowheader', { name: 'spend_per_child_£' })).toBeVisible();
  await expect(card.getByRole('region', { name: 'Choices for ees-windows-1252.csv' })).toContainText('spend_per_child_£');
  await expect(card).not.toContainText('Â£');
});
