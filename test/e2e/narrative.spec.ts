import { expect, test } from '@playwright/test';
import { changeReport, priorityNarrative } from '../../src/domain/narrative';
import { sampleDataset } from '../support/sample';
import { MINUTES, Q2, SEED, clearAll, go, importFiles, openApp, watchErrors } from './helpers';

test('the narrative sample imports; a priority page shows the whole priority; search lands on the measure; the change report lists what moved', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  await clearAll(page);
  await importFiles(page, [...SEED, ...MINUTES, ...Q2]);

  // One priority on one page, as at Q2 2021/22.
  await page.goto('/priorities/2?period=2021-22-q2');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Priority 2: Education, engagement and attainment');
  const expected = priorityNarrative(sampleDataset().narrative, 2, '2021/22 Q2');
  const programmes = page.getByRole('region', { name: 'Delivery programmes' });
  for (const p of expected.programmes) {
    const item = programmes.getByRole('listitem').filter({ hasText: p.title });
    await expect(item).toContainText(p.status ?? 'No status given');
  }
  await expect(page.getByRole('table', { name: 'Measures of priority 2' }).locator('tbody tr')).toHaveCount(32);
  const side = page.getByRole('region', { name: /Key developments/ });
  for (const d of expected.developments) await expect(side).toContainText(d.title);
  for (const r of expected.openRequests) await expect(side).toContainText(r.title);

  // Search for the committee's words and land on the measure they concern.
  await page.goto('/search');
  await page.getByLabel('Words to find').fill('a further subset of information was requested');
  await expect(page).toHaveURL(/q=a\+further\+subset/);
  const results = page.getByRole('list').filter({ hasText: 'Committee request' });
  await expect(results.getByRole('listitem')).toHaveCount(1);
  await results.getByRole('link').first().click();
  await expect(page).toHaveURL(/\/measures\/CFSE\.25/);
  const comments = page.getByRole('listitem', { name: /^Request: / });
  await expect(comments.first()).toContainText('A further subset of information was requested relating to SEND pupils in Priority Two');
  await expect(comments.first()).toContainText('2020/21 · Children & Families Scrutiny Committee, 16 June 2021');
  await expect(page.getByRole('region', { name: 'Commentary, Agreement 2021/22' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Commentary, Q2 2021/22' })).toBeVisible();

  // What changed between the agreement and the mid-year report.
  await go(page, 'What changed');
  await page.getByLabel('From').selectOption('2021/22 Agreement');
  await page.getByLabel('to', { exact: true }).selectOption('2021/22 Q2');
  await expect(page).toHaveURL(/from=2021%2F22\+Agreement/);
  const report = changeReport(sampleDataset(), '2021/22 Agreement', '2021/22 Q2', 0.05);
  expect(report.ragChanges.length).toBeGreaterThan(0);
  await expect(page.getByRole('heading', { name: `RAG status changed: ${report.ragChanges.length} measures` })).toBeVisible();
  await expect(page.getByRole('table', { name: /Measures whose RAG status changed/ }).locator('tbody tr')).toHaveCount(report.ragChanges.length);
  for (const r of report.closedRequests) await expect(page.getByRole('heading', { name: 'Requests answered or closed' }).locator('xpath=following-sibling::ul[1]')).toContainText(r.title);
  for (const r of report.newRequests) await expect(page.getByRole('heading', { name: 'New committee requests' }).locator('xpath=following-sibling::ul[1]')).toContainText(r.title);
  expect(report.statusMoves.length).toBeGreaterThan(0);
  await expect(page.getByRole('heading', { name: 'Programmes and projects whose status moved' }).locator('xpath=following-sibling::ul[1]').getByRole('listitem')).toHaveCount(report.statusMoves.length);
  expect(errors).toEqual([]);
});
