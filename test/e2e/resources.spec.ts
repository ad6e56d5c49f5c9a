import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { DEFAULT_VARIANCE_RULE, forecastVariance } from '../../src/domain/resources';
import { sampleDataset } from '../support/sample';
import { openApp, watchErrors } from './helpers';

const AGREEMENT = 'period=2021-22-agreement';
const row = (page: Page, name: string | RegExp) => page.getByRole('row', { name });

test('the revenue budget adds up the lines and shows where the paper\'s own totals differ', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page, `/resources?${AGREEMENT}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Revenue budget, Agreement 2021/22');
  const total = row(page, /^Children, Family Services and Education total/);
  // Gross 59,033, income (14,522), net 44,511 as the paper prints them, each beside the sum of the lines.
  await expect(total).toContainText('59,032');
  await expect(total).toContainText('stated 59,033, 1 more than its lines');
  await expect(total.getByRole('cell').nth(3)).toHaveText(/^\(14,522\)as stated$/);
  await expect(total).toContainText('stated 44,511, 1 less than its lines');
  const cfs = row(page, /^Children & Family Services sub-total/);
  await expect(cfs).toContainText('stated 40,240, 1 less than its lines');
  await expect(cfs).toContainText('(8,947)');
  const edu = row(page, /^Education sub-total/);
  await expect(edu.getByRole('cell').nth(4)).toHaveText('4,271as stated');
  await expect(edu.getByRole('cell').nth(2)).toHaveText('9,846as stated');
  await expect(page.getByRole('heading', { name: 'Lines whose own figures do not add up' })).toBeVisible();
  await expect(page.getByText('Adoption Counts: gross expenditure + gross income = 57, but the net budget stated is 58 (difference 1).')).toBeVisible();
  await expect(page.getByRole('figure', { name: /Net budget by service/ }).locator('.recharts-bar-rectangle')).toHaveCount(26);

  // Division and sort live in the URL.
  await page.getByLabel('Division').selectOption('Education');
  await page.getByRole('button', { name: /^Net cash limit £000/ }).click();
  await expect(page).toHaveURL(/division=Education/);
  await expect(page).toHaveURL(/sort=net&dir=asc/);
  await expect(page.locator('table.money tbody tr:not(.division-row):not(.total-row) th').first()).toHaveText('DSG Recharges');
  await page.reload();
  await expect(page.locator('table.money tbody tr:not(.division-row):not(.total-row) th').first()).toHaveText('DSG Recharges');
  expect(errors).toEqual([]);
});

test('the budget bridge walks from 42,480 to the 2021/22 budget, with a waterfall per division and in total', async ({ page }) => {
  await openApp(page, '/resources/bridge');
  const table = page.getByRole('table', { name: 'Budget bridge, whole portfolio (£000)' });
  await expect(row(page, /^Children, Family Services & Education 2020\/21 Budget at Q3/)).toContainText('42,480');
  await expect(table.getByRole('row', { name: /^2021\/22 Budget/ })).toContainText('stated 44,511, 1 less than its lines');
  // One visible bar a step (the other series is the transparent base each bar stands on).
  await expect(page.getByRole('figure', { name: /Budget bridge, Total/ }).locator('.recharts-bar').nth(1).locator('.recharts-bar-rectangle')).toHaveCount(13);
  await page.getByLabel('Division').selectOption('Education');
  await expect(page).toHaveURL(/division=Education/);
  const edu = page.getByRole('table', { name: 'Budget bridge, Education (£000)' });
  await expect(edu.getByRole('row', { name: /^2021\/22 Budget/ })).toContainText('4,271');
  await expect(page.getByRole('row', { name: /^Total Savings/ })).toContainText('(40)');
});

test('reserves: Education adds up to 1,108; Children & Family Services lines fall short of the stated 1,248', async ({ page }) => {
  await openApp(page, `/resources/reserves?${AGREEMENT}`);
  await expect(row(page, /^Total – Education/)).toContainText('1,108as stated');
  await expect(row(page, /^Total – Children & Family Services/)).toContainText('785stated 1,248, 463 more than its lines');
  await expect(row(page, /^All reserves/)).toContainText('stated 2,356, 463 more than its lines');
  await expect(row(page, /^Corporate Reserves Transformation \/ Double Running Reserve Transport Review/)).toContainText('108 *');
  await expect(page.getByRole('figure', { name: /Reserves by category/ }).locator('.recharts-bar-rectangle')).toHaveCount(5);
  await page.getByRole('combobox', { name: 'Category' }).selectOption('Strategic Priority Reserve');
  await expect(page).toHaveURL(/category=Strategic\+Priority\+Reserve/);
  await expect(page.locator('table.money').first().locator('tbody tr:not(.division-row)')).toHaveCount(3);
});

test('savings: 0.132 identified and achieved; capital: 0 and 24', async ({ page }) => {
  await openApp(page, `/resources/savings?${AGREEMENT}`);
  const total = row(page, /^Total\b/);
  await expect(total.getByRole('cell').nth(1)).toHaveText('0.132as stated');
  await expect(total.getByRole('cell').nth(2)).toHaveText('0.132as stated');
  await expect(row(page, /^Premature retirement costs \(PRC\)/)).toContainText('Green');
  await page.goto(`/resources/capital?${AGREEMENT}`);
  const capital = row(page, /^Total/).first();
  await expect(capital.getByRole('cell').nth(0)).toHaveText('0as stated');
  await expect(capital.getByRole('cell').nth(1)).toHaveText('24as stated');
  await expect(row(page, /^Capital Grants/)).toContainText('24');
});

test('with the Q2 update: each service\'s variance and RAG as the rule gives', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page, '/resources/variance?period=2021-22-q2');
  const expected = forecastVariance(sampleDataset().budgetLines, '2021/22 Q2', DEFAULT_VARIANCE_RULE);
  const table = page.getByRole('table', { name: /^Forecast out-turn and variance by service, Q2 2021\/22/ });
  await expect(table.locator('tbody tr')).toHaveCount(expected.lines.length + 1);
  for (const l of expected.lines) {
    const esc = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const r = table.getByRole('row', { name: new RegExp(`^${esc(l.service)}\\s*${esc(l.division)}\\s`) });
    await expect(r.locator('.tag')).toHaveText(new RegExp(`${l.rag}$`));
  }
  expect(expected.lines.filter((l) => l.rag === 'Red').map((l) => l.service)).toEqual(['External Placements', 'Stockport Fostering and Adoption']);
  await expect(table.getByRole('row', { name: /^External Placements/ })).toContainText('418');
  await page.getByLabel('Show').selectOption('red');
  await expect(page).toHaveURL(/rag=red/);
  await expect(table.locator('tbody tr')).toHaveCount(2);
  expect(errors).toEqual([]);
});
