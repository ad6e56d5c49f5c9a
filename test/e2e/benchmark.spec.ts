// Benchmarking in the built app: the store is seeded by restoring a backup that holds national
// statistics (every authority's figure) and neighbour groups, through Settings like any user would.
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { ROOT, go, openApp, watchErrors } from './helpers';

const BACKUP = path.join(ROOT, 'test/fixtures/benchmark/backup.json');

async function restoreBenchmarkBackup(page: Page): Promise<void> {
  // A fresh browser first loads the bundled sample; the restore replaces it, so wait for that to settle either way.
  await openApp(page, '/', false);
  await expect(page.getByText(/Includes the bundled sample|The sample data could not be loaded/).first()).toBeVisible({ timeout: 30_000 });
  await go(page, 'Settings');
  await page.getByLabel('Restore from backup').setInputFiles(BACKUP);
  await expect(page).toHaveURL(/\/import/);
  const confirm = page.getByRole('button', { name: /^Confirm import/ });
  await expect(confirm).toBeEnabled();
  await confirm.click();
  await expect(page.getByRole('status').filter({ hasText: /^Imported/ })).toBeVisible();
}

test('the benchmark view ranks the council, toggles to a group in the URL, and the neighbour mean rates the Comparator measure', async ({ page }) => {
  const errors = watchErrors(page);
  await restoreBenchmarkBackup(page);

  await page.goto('/measures/CFSE.14');
  await expect(page.getByRole('heading', { name: /Benchmarking: Stockport against England/ })).toBeVisible();
  await expect(page.getByText('Stockport: 12th of 152 local authorities; 1st quartile (best)')).toBeVisible();
  const ranked = page.getByRole('table', { name: /Every local authority, 2023\/24, ranked/ });
  await expect(ranked.locator('tbody tr')).toHaveCount(153);
  await expect(ranked.locator('tr.bench-council')).toContainText('Stockport (this council)');
  await expect(ranked.getByRole('row', { name: /Solihull/ })).toContainText('c confidential');
  // The ranked bar chart: one bar per authority, the council's labelled, England and the North West marked.
  const chart = page.getByRole('figure', { name: /CFSE.14, 2023\/24: every local authority ranked/ });
  await expect(chart.locator('.recharts-bar-rectangle')).toHaveCount(152);
  await expect(chart).toContainText('◀ Stockport: 66% (rank 12)');
  await expect(chart).toContainText('England 60%');
  await expect(chart).toContainText('North West 60.4%');

  await page.getByRole('radio', { name: 'Statistical neighbours' }).click();
  await expect(page).toHaveURL(/bench=Statistical\+neighbours/);
  await expect(page.getByText('Stockport: 9th of 10 authorities: Stockport and the Statistical neighbours group; 4th quartile (worst)')).toBeVisible();
  await expect(page.getByRole('figure', { name: /Statistical neighbours ranked/ })).toContainText('Trafford');

  // The link carries the view: opened afresh, it shows the group.
  await page.goto(page.url());
  await expect(page.getByRole('radio', { name: 'Statistical neighbours' })).toBeChecked();
  await expect(page.getByText(/could not be used/)).toHaveCount(0);

  // RAG: a Comparator measure with no reported neighbour figure is rated on the neighbours' mean.
  await page.goto('/measures?period=2023-24');
  const row = page.locator('table.measures tbody tr').filter({ hasText: 'CFSE.14' });
  await expect(row).toContainText('Amber');
  await page.goto('/measures/CFSE.14?period=2023-24');
  await expect(page.getByRole('table', { name: 'RAG status of CFSE.14 by period' }).getByRole('row', { name: /2023\/24/ }))
    .toContainText('66% vs Statistical neighbours 68% (mean of 9 of 10 statistical neighbours; Solihull: c confidential) (higher is better, 5% tolerance): Amber');

  // The commentary's quoted comparators, checked.
  const commentary = page.getByRole('region', { name: 'Commentary, 2023/24' });
  await expect(commentary).toContainText('Matches Commentary says England 60.0%; imported England 2023/24 is 60%: matches');
  await expect(commentary).toContainText('Differs Commentary says North West 61.0%; imported North West 2023/24 is 60.4%: differs by 0.6 percentage points');

  await page.screenshot({ path: test.info().outputPath('benchmark-view.png'), fullPage: true });
  expect(errors).toEqual([]);
});

test('the neighbour groups page lists, makes and fills groups; a new statistical neighbours group changes the rating', async ({ page }) => {
  const errors = watchErrors(page);
  await restoreBenchmarkBackup(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Neighbour groups' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Neighbour groups' })).toBeVisible();
  await expect(page.getByRole('listitem', { name: 'Group Statistical neighbours' })).toContainText('10 members: Bury, Calderdale');

  await page.getByLabel('Name of a new group').fill('Low performers');
  await page.getByRole('button', { name: 'Create group' }).click();
  await expect(page).toHaveURL(/group=Low\+performers/);
  for (const name of ['Rochdale', 'Manchester']) {
    await page.getByLabel('Find an authority to add (name or code)').fill(name);
    await page.getByRole('button', { name: `Add ${name}` }).click();
    await expect(page.getByRole('table', { name: 'Members of Low performers' })).toContainText(name);
  }
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Make Low performers the statistical neighbours group' }).click();
  await expect(page.getByRole('listitem', { name: 'Group Former statistical neighbours' })).toBeVisible();
  await expect(page.getByRole('listitem', { name: 'Group Statistical neighbours' })).toContainText('2 members: Manchester, Rochdale');

  // Now Stockport (66%) beats its neighbours' mean (54.75%): Green.
  await page.goto('/measures/CFSE.14?period=2023-24');
  await expect(page.getByRole('table', { name: 'RAG status of CFSE.14 by period' }).getByRole('row', { name: /2023\/24/ }))
    .toContainText('66% vs Statistical neighbours 54.75% (mean of 2 of 2 statistical neighbours) (higher is better, 5% tolerance): Green');
  expect(errors).toEqual([]);
});
