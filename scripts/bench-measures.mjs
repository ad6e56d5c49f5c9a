// Measures the measures table at scale in headless Chromium on the built app: 10,000 generated
// measures imported through the UI, then filter keystrokes and sorts timed from input to the
// table showing the result. Run: npm run build && node scripts/bench-measures.mjs
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('@playwright/test');
const COUNT = Number(process.env.MEASURES ?? 10000);
const PORT = 4175;

// Deterministic generator: realistic cells (rates with counts, missing phrases, directions).
function generate(n) {
  const rows = ['Priority,PI Code,PI Name,Reported,Good Performance,Measure Type,2018/19 Actual,2019/20 Actual,2020/21 Actual,2021/22 Target'];
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const words = ['children', 'pupils', 'care leavers', 'families', 'schools', 'assessments', 'placements', 'referrals', 'apprenticeships', 'absences'];
  for (let i = 1; i <= n; i++) {
    const cell = () => (rnd() < 0.08 ? 'Awaiting data' : `${(rnd() * 100).toFixed(1)}% (${Math.floor(rnd() * 6000)})`);
    const target = rnd() < 0.1 ? 'Aim to maximise' : `${(rnd() * 100).toFixed(1)}%`;
    rows.push([1 + (i % 5), `GEN.${i}`, `"Percentage of ${words[i % 10]} in group ${i}"`, i % 3 ? 'Quarterly' : 'Annually', rnd() < 0.5 ? 'High' : 'Low', 'Partnership', cell(), cell(), cell(), target].join(','));
  }
  return rows.join('\n');
}

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

const dir = mkdtempSync(path.join(tmpdir(), 'scrutineer-bench-'));
const file = path.join(dir, 'measures-10000.csv');
writeFileSync(file, generate(COUNT));
const server = spawn('node_modules/.bin/vite', ['preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 1500));
const context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1366, height: 900 },
});
try {
  const page = await context.newPage();
  const base = `http://127.0.0.1:${PORT}`;
  await page.goto(`${base}/`);
  await page.locator('footer', { hasText: 'Includes the bundled sample' }).waitFor({ timeout: 60000 });
  await page.goto(`${base}/import`);
  await page.getByLabel('Import data files').setInputFiles(file);
  const confirm = page.getByRole('button', { name: /^Confirm import of 1 file/ });
  const t0 = Date.now();
  await confirm.waitFor({ state: 'visible', timeout: 120000 });
  await page.waitForFunction(() => !document.querySelector('button.button[disabled]'), null, { timeout: 120000 });
  const previewMs = Date.now() - t0;
  const t1 = Date.now();
  await confirm.click();
  await page.getByRole('status').filter({ hasText: /^Imported 1 file/ }).waitFor({ timeout: 120000 });
  const commitMs = Date.now() - t1;

  const t2 = Date.now();
  await page.goto(`${base}/measures`);
  await page.getByRole('table', { name: new RegExp(`All ${COUNT + 80} measures`) }).waitFor({ timeout: 60000 });
  const tableMs = Date.now() - t2;

  // Filter latency: each keystroke, from the key to the caption saying how many rows match.
  const box = page.getByLabel('Code or name');
  const filterMs = [];
  const text = 'group 1234'.repeat(5);
  await box.click();
  for (const ch of text) {
    const ms = await page.evaluate(async (key) => {
      const input = document.querySelector('input[type=search]');
      const start = performance.now();
      const value = input.value + key;
      input.focus();
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
      setter.call(input, value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      // Settled: the address bar holds the new filter and the table caption has not changed for two frames.
      await new Promise((resolve) => {
        let last = null;
        let steady = 0;
        const check = () => {
          const inUrl = new URLSearchParams(location.search).get('q') === value;
          const caption = document.querySelector('table.measures caption')?.textContent ?? '';
          steady = inUrl && caption === last ? steady + 1 : 0;
          last = caption;
          if (steady >= 2 || performance.now() - start > 5000) resolve();
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
      // Two quiet frames were waited for; report the time up to the first of them.
      return performance.now() - start - 2 * 16.7;
    }, ch);
    filterMs.push(ms);
    if (filterMs.length >= 50) break;
  }
  await box.fill('');
  // Sort latency: click a column, wait for the first row to change.
  const sortMs = [];
  for (const name of [/^Actual \(count\)/, /^Code/, /^RAG status/, /^Measure/, /^Change since previous/]) {
    const first = await page.locator('table.measures tbody th').first().textContent();
    const start = Date.now();
    await page.getByRole('button', { name }).click();
    await page.waitForFunction((f) => document.querySelector('table.measures tbody th')?.textContent !== f, first, { timeout: 10000 }).catch(() => {});
    sortMs.push(Date.now() - start);
  }
  const result = {
    measures: COUNT + 80,
    previewMs, commitMs, tableMs,
    filterP50Ms: Math.round(pct(filterMs, 0.5)), filterP95Ms: Math.round(pct(filterMs, 0.95)),
    sortP50Ms: pct(sortMs, 0.5), sortMaxMs: Math.max(...sortMs),
  };
  console.table(result);
  writeFileSync('bench-measures.json', JSON.stringify(result, null, 2));
} finally {
  await context.close();
  server.kill();
}
