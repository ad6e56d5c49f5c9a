// What the bench and the profiler share: building and serving the app, a browser profile of its
// own, and the import page's steps as a person takes them.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('@playwright/test');
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// Not 4190: browsers and fetch refuse it (the ManageSieve port is on the Fetch standard's bad-port list).
const BAD_PORTS = new Set([4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080]);
export const LONG = 15 * 60_000;

/** Reads `--name value` (or a bare `--name`, true) from the command line. */
export function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = process.argv[i + 1];
  return v === undefined || v.startsWith('--') ? true : v;
}

/** Builds the app into outDir with `vite build` and the given extra arguments; the output goes to logFile. */
export async function build(outDir, logFile, extra = []) {
  const out = createWriteStream(logFile);
  await new Promise((resolve, reject) => {
    const b = spawn(path.join(ROOT, 'node_modules/.bin/vite'), ['build', '--outDir', outDir, '--emptyOutDir', ...extra], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    b.stdout.pipe(out);
    b.stderr.pipe(out);
    b.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build failed (exit ${code}); see ${logFile}`))));
  });
}

export function freePort(from) {
  return new Promise((resolve, reject) => {
    const tryPort = (p) => {
      if (p > from + 50) return reject(new Error(`No free port from ${from}`));
      if (BAD_PORTS.has(p)) return tryPort(p + 1);
      const srv = createServer();
      srv.once('error', () => tryPort(p + 1));
      srv.listen(p, '127.0.0.1', () => srv.close(() => resolve(p)));
    };
    tryPort(from);
  });
}

/** Serves outDir with `vite preview` on a free port from `from`; resolves once it answers. */
export async function serve(outDir, from) {
  const port = await freePort(from);
  const child = spawn(path.join(ROOT, 'node_modules/.bin/vite'), ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', outDir], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(base)).ok) return { base, child };
    } catch (e) { if (process.env.BENCH_DEBUG) console.error(e.cause?.code ?? e); }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error(`vite preview did not answer on ${base}`);
}

/** A browser with a profile of its own under tmp: IndexedDB on disk as in a real browser (an incognito context keeps it in memory). */
export async function openContext(tmp, options = {}) {
  const dir = mkdtempSync(path.join(tmp, 'profile-'));
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, viewport: { width: 1366, height: 900 }, ...options });
  context.setDefaultTimeout(LONG);
  const close = async () => {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { context, close };
}

/** The first visit: the overview, once the bundled sample is stored. */
export async function firstVisit(page, base) {
  await page.goto(`${base}/`);
  await page.locator('footer', { hasText: 'Includes the bundled sample' }).waitFor({ timeout: 120_000 });
}

/**
 * The import page's steps, from choosing the files to the measures table showing them. The one
 * place to adjust when the import page changes. Returns the time of each step (ms from the drop).
 * `between(step)`, if given, runs once the preview is ready ('preview') and once the files are
 * stored ('commit'), outside the times (the profiler starts a new profile there).
 */
export async function importThroughPage(page, base, files, expectMeasuresAtLeast, between = null) {
  await page.goto(`${base}/import`);
  const input = page.getByLabel('Import data files');
  await input.waitFor({ state: 'attached' });
  // Every main-thread task over 50 ms from the drop to the table drawn (the page stays on this
  // document throughout: the measures link is followed within the app).
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); }).observe({ type: 'longtask' });
  });
  let t0 = Date.now();
  await input.setInputFiles(files);
  // The preview is ready when its confirm button is enabled (click waits for that).
  const confirm = page.getByRole('button', { name: /^Confirm import/ });
  await confirm.waitFor({ state: 'visible' });
  await page.waitForFunction(() => {
    const b = [...document.querySelectorAll('button')].find((x) => /^Confirm import/.test(x.textContent ?? ''));
    return b && !b.disabled;
  }, null, { timeout: LONG, polling: 50 });
  const previewMs = Date.now() - t0;
  if (between) {
    const paused = Date.now();
    await between('preview');
    t0 += Date.now() - paused;
  }
  await confirm.click();
  await page.getByRole('status').filter({ hasText: /^Imported / }).waitFor();
  const commitMs = Date.now() - t0;
  if (between) {
    const paused = Date.now();
    await between('commit');
    t0 += Date.now() - paused;
  }
  await page.getByRole('navigation').getByRole('link', { name: 'Measures', exact: true }).first().click();
  await page.waitForFunction((n) => {
    const m = /([\d,]+) measures/.exec(document.querySelector('table.measures caption')?.textContent ?? '');
    return m && Number(m[1].replace(/,/g, '')) >= n && document.querySelector('table.measures tbody th');
  }, expectMeasuresAtLeast, { timeout: LONG, polling: 50 });
  const ms = Date.now() - t0;
  const longTasks = await page.evaluate(() => window.__longTasks.map(Math.round));
  return { ms, previewMs, commitMs, longTasks };
}

/**
 * An init script: window.__firstData is set to the time (from navigation start) the first row of
 * the measures table is painted. Stamped from a task posted at the highest priority after the
 * frame's callbacks, so the app's own queued tasks do not delay it.
 */
export function firstDataProbe() {
  const afterPaint = (cb) => requestAnimationFrame(() => { if (globalThis.scheduler?.postTask) { void scheduler.postTask(() => cb(performance.now()), { priority: 'user-blocking' }); return; } const ch = new MessageChannel(); ch.port1.onmessage = () => cb(performance.now()); ch.port2.postMessage(null); });
  window.__firstData = 0;
  const mo = new MutationObserver(() => {
    if (document.querySelector('table.measures tbody th a')) {
      mo.disconnect();
      afterPaint((t) => { window.__firstData = t; });
    }
  });
  mo.observe(document, { subtree: true, childList: true });
}
