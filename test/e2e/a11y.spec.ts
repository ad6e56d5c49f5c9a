// Accessibility of the built app with the sample data loaded: axe finds no serious or critical
// WCAG 2.2 AA violation on any page, and the main tasks can be done with the keyboard alone.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { FileChooser, Page } from '@playwright/test';
import { bad, go, openApp, watchErrors } from './helpers';

const PAGES = [
  '/', '/measures', '/measures/CFSE.25',
  '/resources', '/resources/bridge', '/resources/variance', '/resources/reserves', '/resources/savings', '/resources/capital',
  '/import', '/import/formats', '/settings',
];

/** Serious and critical violations of WCAG 2.0, 2.1 and 2.2 A and AA rules, each with the elements at fault. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n')}`);
}

test.describe('axe: no serious or critical violations', () => {
  test.beforeEach(async ({ page }) => {
    await openApp(page);
  });

  for (const url of PAGES) {
    test(url, async ({ page }) => {
      await page.goto(url);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.waitForLoadState('networkidle');
      expect(await seriousViolations(page)).toEqual([]);
    });
  }

  test('/import with files in the preview (errors, warnings, column mapping)', async ({ page }) => {
    await go(page, 'Import');
    await page.getByLabel('Import data files').setInputFiles([bad('measures-bad-cells.csv'), bad('ragged-rows.csv')]);
    await expect(page.getByRole('heading', { name: 'Check before importing' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'File measures-bad-cells.csv' }).getByRole('alert')).toBeVisible();
    await page.getByText(/^How the columns are read/).first().click();
    expect(await seriousViolations(page)).toEqual([]);
  });
});

/** What has the keyboard focus, as a user would name it. */
async function focused(page: Page): Promise<{ tag: string; name: string; type: string; href: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const labelled = el?.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent : null;
    const wrapping = el?.closest('label')?.textContent;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      name: (el?.getAttribute('aria-label') ?? labelled ?? wrapping ?? el?.textContent ?? '').trim(),
      type: el?.getAttribute('type') ?? '',
      href: el?.getAttribute('href') ?? '',
    };
  });
}

/** Presses Tab (or Shift+Tab) until the focus is on what `wanted` describes; fails after `max` presses. */
async function tabTo(page: Page, wanted: (f: Awaited<ReturnType<typeof focused>>) => boolean, what: string, { back = false, max = 150 } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (wanted(await focused(page))) return;
  }
  throw new Error(`${what} was not reached with ${back ? 'Shift+Tab' : 'Tab'} in ${max} presses`);
}

const navLink = (name: string) => (f: Awaited<ReturnType<typeof focused>>) => f.tag === 'a' && f.name === name && !!f.href;

test('keyboard only: import, measures filtered by RAG, a measure, the revenue budget', async ({ page }) => {
  const errors = watchErrors(page);
  // Listening from the start: Playwright turns on file-chooser interception when the first listener is added.
  const chooser = new Promise<FileChooser>((resolve) => page.once('filechooser', resolve));
  await openApp(page);
  // From here on, only the keyboard.
  await tabTo(page, navLink('Import'), 'The Import link');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/import(\?|$)/);
  await expect(page.getByRole('heading', { level: 1, name: 'Import data' })).toBeVisible();
  await tabTo(page, (f) => f.tag === 'input' && f.type === 'file', 'The file picker');
  // The input is visually hidden: its label, drawn as a button, shows the focus.
  await expect(page.locator('label', { hasText: 'Import data files' })).toHaveCSS('outline-style', 'solid');
  await page.keyboard.press('Enter');
  expect((await chooser).isMultiple()).toBe(true);

  await tabTo(page, navLink('Measures'), 'The Measures link', { back: true });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Measures' })).toBeVisible();
  const rows = page.locator('table.measures tbody tr');
  const all = await rows.count();
  await tabTo(page, (f) => f.tag === 'input' && f.type === 'checkbox' && f.name === 'Red', 'The Red RAG filter');
  await page.keyboard.press('Space');
  await expect(page).toHaveURL(/rag=red/);
  await expect(page.getByRole('group', { name: 'RAG status' }).getByLabel('Red')).toBeChecked();
  await expect.poll(() => rows.count()).toBeLessThan(all);
  const statuses = await rows.locator('.rag .tag').allTextContents();
  expect(statuses.length).toBeGreaterThan(0);
  expect(statuses.every((s) => s.includes('Red'))).toBe(true);

  await tabTo(page, (f) => f.tag === 'a' && /^\/measures\/./.test(f.href.split('?')[0] ?? ''), 'A measure code link');
  const code = (await focused(page)).name;
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/measures\/[^/?]+/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(code);

  await tabTo(page, navLink('Resources'), 'The Resources link', { back: true });
  await page.keyboard.press('Enter');
  const budget = page.getByRole('table', { name: /^Revenue budget by service/ });
  await expect(budget).toBeVisible();
  // Into the revenue budget table: its first sort button.
  await tabTo(page, (f) => f.tag === 'button' && /service/i.test(f.name), 'A sort button of the revenue budget table');
  await expect(budget.locator(':focus')).toHaveCount(1);
  expect(errors).toEqual([]);
});
