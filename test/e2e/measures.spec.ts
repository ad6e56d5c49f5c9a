import { expect, test } from '@playwright/test';
import { countStatuses } from '../../src/domain/measure-rows';
import { RAG_STATUSES } from '../../src/domain/rag';
import { FIRST_ROWS } from '../../src/features/measures/MeasuresPage';
import { sampleRows } from '../support/sample';
import { go, openApp, watchErrors } from './helpers';

const Q2 = '2021/22 Q2';

test('each priority tile counts what the RAG rules give, and each count opens the table filtered to it', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  const rows = sampleRows(Q2);
  for (const priority of [1, 2, 3, 4, 5]) {
    const counts = countStatuses(rows.filter((r) => r.measure.priority === priority));
    for (const status of RAG_STATUSES) {
      if (status === 'No comparator' && counts[status] === 0) continue;
      await expect(page.getByRole('link', { name: `${counts[status]} ${status} measures in priority ${priority}` })).toBeVisible();
    }
  }
  // Priority 2's red measures, through the tile.
  const red = rows.filter((r) => r.measure.priority === 2 && r.rating.status === 'Red');
  expect(red.length).toBeGreaterThan(0);
  await page.getByRole('link', { name: `${red.length} Red measures in priority 2` }).click();
  await expect(page).toHaveURL(/\/measures\?.*priority=2.*rag=red/);
  const table = page.getByRole('table', { name: new RegExp(`^${red.length} of 80 measures`) });
  await expect(table.locator('tbody tr')).toHaveCount(red.length);
  for (const r of red) await expect(table.getByRole('rowheader', { name: r.measure.code, exact: true })).toBeVisible();
  // The reason is there on focus, in words.
  const first = red[0]!;
  const tag = table.getByRole('row', { name: new RegExp(first.measure.code.replace(/[.()]/g, '\\$&')) }).locator('.tag');
  await tag.focus();
  await expect(page.getByRole('tooltip').filter({ visible: true })).toHaveText(first.rating.reason);
  expect(errors).toEqual([]);
});

test('a filtered, sorted URL opened in a fresh page shows the same rows in the same order', async ({ browser, page }) => {
  await openApp(page);
  await go(page, 'Measures');
  await page.getByLabel('Code or name').fill('young people');
  // The box follows the URL a moment after the click: click, then wait for it to be ticked.
  const low = page.getByRole('group', { name: 'Good performance' }).getByLabel('Low (lower is better)');
  await low.click();
  await expect(low).toBeChecked();
  await page.getByRole('button', { name: /^Actual \(count\)/ }).click();
  await page.getByRole('button', { name: /^Actual \(count\)/ }).click();
  await expect(page).toHaveURL(/q=young\+people/);
  await expect(page).toHaveURL(/polarity=low/);
  await expect(page).toHaveURL(/sort=actual&dir=desc/);
  const codes = await page.locator('table.measures tbody th').allTextContents();
  expect(codes.length).toBeGreaterThan(1);
  const url = page.url();

  // A fresh page in the same browser: same data, same view.
  const again = await page.context().newPage();
  await again.goto(url);
  await expect(again.locator('table.measures tbody th')).toHaveText(codes);
  await expect(again.getByLabel('Code or name')).toHaveValue('young people');
  await again.close();

  // A fresh browser context (its own empty store, so it loads the sample) gets the same rows too.
  const context = await browser.newContext();
  const other = await context.newPage();
  await openApp(other, new URL(url).pathname + new URL(url).search);
  await expect(other.locator('table.measures tbody th')).toHaveText(codes);
  await context.close();
});

test('the table follows each keystroke at once; the address bar follows as typing pauses, or as the box is left', async ({ page }) => {
  await openApp(page);
  await go(page, 'Measures');
  const search = page.getByLabel('Code or name');
  await search.click();
  await page.keyboard.type('young');
  // Every row drawn matches what is typed, before the address bar has it.
  const names = page.locator('table.measures tbody tr td:nth-child(2)');
  await expect(page.getByRole('table', { name: /^\d+ of 80 measures/ })).toBeVisible();
  for (const text of await names.allTextContents()) expect(text.toLowerCase()).toContain('young');
  await expect(page).toHaveURL(/q=young(&|$)/);
  // Typed and left at once, by following a measure's link: Back finds the search kept.
  await search.click();
  await page.keyboard.type(' people');
  const first = page.locator('table.measures tbody th a').first();
  const code = await first.textContent();
  await first.click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(code ?? '');
  await page.goBack();
  await expect(page.getByLabel('Code or name')).toHaveValue('young people');
  await expect(page).toHaveURL(/q=young\+people/);
  // A filter, then a sort, made quicker than either is written: both kept.
  await page.getByRole('group', { name: 'RAG status' }).getByLabel('Green').click();
  await page.getByRole('button', { name: /^Code/ }).click();
  await expect(page).toHaveURL(/q=young\+people.*rag=green.*sort=code/);
});

test("a measure's link from the table carries this browser's data fingerprint, so its page opens with it", async ({ page }) => {
  await openApp(page);
  await go(page, 'Measures');
  await expect(page).toHaveURL(/fp=[0-9a-f]{8}/);
  const fp = new URL(page.url()).searchParams.get('fp');
  const first = page.locator('table.measures tbody th a').first();
  await expect(first).toHaveAttribute('href', new RegExp(`fp=${(fp ?? '').replace('.', '\\.')}`));
  // Each address the measure's page has, as it opens: one, with the fingerprint.
  const addresses: string[] = [];
  page.on('framenavigated', (frame) => { if (frame === page.mainFrame()) addresses.push(frame.url()); });
  await first.click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.waitForTimeout(500);
  expect(addresses).toHaveLength(1);
  expect(new URL(addresses[0] ?? '').searchParams.get('fp')).toBe(fp);
});

test("a link's page and its chart start loading as the link is pointed at or focused, before the click", async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => { if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname); });
  const asked = (name: string) => scripts.some((p) => p.startsWith(`/assets/${name}-`));
  await openApp(page, '/measures');
  await expect(page.locator('table.measures tbody th a').first()).toBeVisible();
  expect(asked('MeasureDetailPage'), 'a measure page is not loaded with the table').toBe(false);
  expect(asked('TrendChart')).toBe(false);
  expect(asked('ResourcesPages')).toBe(false);

  // Pointed at: the measure's page and its chart are asked for, with nothing clicked.
  await page.locator('table.measures tbody th a').first().hover();
  await expect.poll(() => asked('MeasureDetailPage') && asked('TrendChart')).toBe(true);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Measures');

  // Focused from the keyboard: the same for the resources pages and their charts.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Resources', exact: true }).focus();
  await expect.poll(() => asked('ResourcesPages') && asked('charts')).toBe(true);

  // And the click then opens the page with its chart.
  await page.locator('table.measures tbody th a').first().click();
  await expect(page.locator('.recharts-line').first()).toBeVisible();
});

test('junk in a measures link is ignored with a notice, and the page still works', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page, '/measures?rag=purple,red&sort=colour&priority=x&polarity=high');
  await expect(page.getByRole('status').filter({ hasText: 'were not understood' })).toContainText('priority=x, sort=colour, rag=purple');
  const expected = sampleRows(Q2).filter((r) => r.rating.status === 'Red' && r.measure.polarity === 'High');
  await expect(page.locator('table.measures tbody tr')).toHaveCount(expected.length);
  expect(errors).toEqual([]);
});

test('a measure page charts every series, tells a period\'s figures under the pointer or from the keyboard, and lists the same figures, its targets, RAG history and commentary', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page, '/measures/CFSE.25');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^CFSE\.25: Percentage of young people/);
  const table = page.getByRole('table', { name: /^Figures for CFSE\.25/ });
  await expect(table).toBeVisible();
  const series = (await table.locator('thead th').allTextContents()).slice(1);
  expect(series).toEqual(['Actual', 'England', 'Statistical neighbours', 'Target']);
  await expect(page.locator('.recharts-line')).toHaveCount(series.length);
  for (const name of series) await expect(page.locator('.chart-key-name', { hasText: new RegExp(`^${name}$`) })).toBeVisible();
  await expect(table.getByRole('row', { name: /^2020\/21/ })).toContainText('96.4% (5,984)');
  await expect(page.getByRole('heading', { name: 'Change since the previous figure' }).locator('xpath=following-sibling::ul[1]')).toContainText('a 0.2% decrease (−0.2 percentage points) from 96.3% (5,920) in Q1 2021/22; worsened');
  const history = page.getByRole('table', { name: /RAG status of CFSE\.25 by period/ });
  await expect(history.getByRole('row', { name: /^Q2 2021\/22/ })).toContainText('96.1% vs target 97% (higher is better, 5% tolerance): Amber');
  await expect(page.getByRole('region', { name: 'Commentary, Agreement 2021/22' })).toContainText('Targets for 2020/21 have been rolled over');
  await expect(page.getByRole('region', { name: 'Commentary, Q2 2021/22' })).toBeVisible();

  // The chart tells a period's figures under the pointer, and from the keyboard once it has the focus.
  const chart = page.locator('figure.chart .recharts-surface').first();
  await chart.scrollIntoViewIfNeeded();
  const box = await chart.boundingBox();
  if (!box) throw new Error('The chart has no box.');
  // Q1 2021/22 is the fourth of six periods, at about 60% of the plot's width.
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
  await page.mouse.move(box.x + box.width * 0.62, box.y + box.height / 2);
  await expect(page.locator('.chart-tooltip')).toContainText('Q1 2021/22');
  await expect(page.locator('.chart-tooltip')).toContainText('Actual: 96.3% (count 5,920)');
  await page.mouse.move(0, 0);
  await chart.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.chart-tooltip')).toContainText('Actual:');

  // A breakdown measure draws one line per cohort.
  await page.goto('/measures/CFSE.12(iv)');
  const cohorts = page.getByRole('table', { name: /^Figures for CFSE\.12\(iv\)/ });
  // The 2019/20 and 2020/21 cells say N/A for the whole measure: a column in the table, nothing to draw.
  await expect(cohorts.locator('thead th')).toHaveText(['Period', 'Actual: EHC Plan', 'Actual: SEN Support', 'Actual', 'Target: EHC Plan', 'Target: SEN Support']);
  await expect(cohorts.getByRole('row', { name: /^2019\/20/ })).toContainText('N/A');
  await expect(page.locator('.recharts-line')).toHaveCount(4);
  expect(errors).toEqual([]);
});

test("opening a measure draws its chart first, and the figures, targets, RAG history and commentary below it a frame later", async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page, '/measures?q=CFSE.25');
  // Opened once, so the chart's code is loaded: the second opening is the one a councillor clicking through measures sees.
  const link = page.getByRole('table', { name: /measures/ }).getByRole('link', { name: 'CFSE.25', exact: true });
  for (let opening = 0; opening < 2; opening++) {
    await link.click();
    await expect(page.getByRole('heading', { name: 'Commentary, report by report' })).toBeVisible();
    if (opening === 0) {
      await page.goBack();
      // Every drawing of the page from here on: its headings, and whether the chart's lines are in it.
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { seen: string[] }).seen = seen;
        new MutationObserver(() => {
          const headings = [...document.querySelectorAll('main h2')].map((h) => h.textContent).join(' | ');
          const state = `${headings}; lines ${document.querySelectorAll('.recharts-line').length}`;
          if (headings && seen[seen.length - 1] !== state) seen.push(state);
        }).observe(document.body, { subtree: true, childList: true });
      });
    }
  }
  const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
  // The chart's four lines are drawn while the page still stops at the chart; the sections below come after.
  const chartDrawn = seen.indexOf('Change since the previous figure | Trend; lines 4');
  const below = seen.findIndex((state) => state.includes('Targets'));
  expect(chartDrawn).toBeGreaterThanOrEqual(0);
  expect(below).toBeGreaterThan(chartDrawn);
  expect(seen[seen.length - 1]).toMatch(/^Change since the previous figure \| Trend \| .*Targets \| RAG status by period \| Commentary, report by report \| Committee comments and requests about this measure; lines 4$/);
  await expect(page.getByRole('table', { name: /^Figures for CFSE\.25/ }).getByRole('row', { name: /^2020\/21/ })).toContainText('96.4% (5,984)');
  expect(errors).toEqual([]);
});

test('a returning visit to the measures table paints its first screen of rows first and every other row a frame later', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page, '/measures');
  const table = page.getByRole('table', { name: /measures/ });
  const total = Number(/([\d,]+) measures/.exec((await table.locator('caption').textContent()) ?? '')?.[1]?.replace(/,/g, ''));
  expect(total).toBeGreaterThan(FIRST_ROWS);
  // Every frame of the next load: how many rows the table held when the frame began.
  await page.addInitScript(() => {
    const frames: number[] = [];
    (window as unknown as { frames: number[] }).frames = frames;
    const frame = () => {
      const rows = document.querySelectorAll('table.measures tbody tr').length;
      if (rows > 0 && frames[frames.length - 1] !== rows) frames.push(rows);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  await page.reload();
  await expect(table.locator('tbody tr')).toHaveCount(total);
  await expect(table.getByRole('row').last()).toBeVisible();
  const frames = await page.evaluate(() => (window as unknown as { frames: number[] }).frames);
  expect(frames).toEqual([FIRST_ROWS, total]);
  expect(errors).toEqual([]);
});

test('the tolerance set in Settings changes the ratings and is kept', async ({ page }) => {
  await openApp(page);
  const at5 = countStatuses(sampleRows(Q2, 0.05));
  const at0 = countStatuses(sampleRows(Q2, 0));
  expect(at0.Amber).toBe(0);
  expect(at5.Amber).toBeGreaterThan(0);
  await go(page, 'Settings');
  await page.getByLabel('Tolerance (%)').fill('0');
  await page.getByRole('button', { name: 'Save tolerance' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved: 0%' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Tolerance (%)')).toHaveValue('0');
  await go(page, 'Measures');
  // The box follows the address bar, which the router updates just after the click: click, then wait for it.
  const red = page.getByRole('group', { name: 'RAG status' }).getByLabel('Red');
  await red.click();
  await expect(red).toBeChecked();
  await expect(page.locator('table.measures tbody tr')).toHaveCount(at0.Red);
});

test('the measures table fits a 1,366 px laptop screen, with each measure\'s type, frequency and good direction under its name', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, '/measures');
  const table = page.getByRole('table', { name: /^All 80 measures/ });
  await expect(table.getByRole('rowheader', { name: 'CFSE.1', exact: true })).toBeVisible();
  // No sideways scroll: not of the page, nor of the table's own box.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
  const box = table.locator('xpath=..');
  expect(await box.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  // Every column is in view, the last included.
  await expect(table.getByRole('columnheader', { name: /Change since previous/ })).toBeInViewport();
  // No code runs out of its column or breaks (CFSE.12(iii) the longest), on screen or on paper.
  const overflowing = () => table.locator('tbody th.code').evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth || c.getClientRects().length > 1 || (c.firstElementChild?.getClientRects().length ?? 0) > 1).map((c) => c.textContent));
  expect(await overflowing()).toEqual([]);
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 700, height: 900 });
  expect(await overflowing()).toEqual([]);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.emulateMedia({ media: 'screen' });
  const row = table.getByRole('row', { name: /CFSE\.1 / });
  await expect(row.getByRole('cell').first()).toContainText('Partnership measure · reported annually · lower is better · GMS');
  expect(errors).toEqual([]);
});
