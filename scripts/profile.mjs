// Where the time goes: CPU profiles of an import and of a warm first load, in the page and in every
// worker it starts, told by source file through the build's source maps.
//
//   npm run profile [-- --rows 100000] [--periods 40] [--comparators 4] [--out profiles] [--skip-build] [--port 4280]
//
// Builds the app unminified with source maps into <out>/dist, imports generated observation files
// (the bench's: scripts/gen-observations.mjs, 40 quarters and four comparators a measure; `--periods 10
// --comparators 0` gives the bench's table of 10,000 measures from 100,000 rows) through
// the import page, and profiles each step on its own:
//   preview  choosing the files to the confirm button ready (read, parse, stage, plan: the worker);
//   commit   the confirm button to "Imported" (the worker writing to IndexedDB);
//   table    the Measures link to the table drawn (the portfolio read back, rated and drawn);
//   first    a second load of the measures page, warm, to the first row painted;
//   store    no profile: each table the page reads, read whole from IndexedDB in the page, values
//            and then keys alone, timed (what a record costs the store, whatever the code around it).
// Writes <step>-<thread>.cpuprofile files (open them in the browser's DevTools, Performance panel)
// and summary.json to <out>, and prints for each step and thread its busy and idle time and the
// source files and functions that took the most. Time a thread spends waiting (on IndexedDB, on the
// other thread) shows as idle: IndexedDB's own work runs in the browser's process, outside both.
// The profiler slows the code it samples: read the shares, not the times, against the bench.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { ROOT, build, firstDataProbe, firstVisit, importThroughPage, openContext, option, serve } from './browser.mjs';
import { writeFiles } from './gen-observations.mjs';

const ROWS = Number(String(option('rows', 100000)).replace(/_/g, ''));
const PERIODS = Number(option('periods', 40));
const COMPARATORS = Number(option('comparators', 4));
const OUT = path.resolve(ROOT, String(option('out', 'profiles')));
const DIST = path.join(OUT, 'dist');
const SKIP_BUILD = option('skip-build', false) === true;
const SAMPLING_US = 250;
const TOP = Number(option('top', 12));

const log = (...a) => console.log(...a);
const ms = (us) => Math.round(us / 1000);

/**
 * Starts the V8 profiler in a page and in every worker the page starts (each worker is held at
 * its start until its profiler runs). A worker may end at any moment (the import worker ends after
 * a commit), taking its profile with it, so each worker's profile is collected every second and
 * the pieces joined. `cut()` returns every thread's profile since the last cut.
 */
async function profilers(context, page) {
  const cdp = await context.newCDPSession(page);
  const workers = new Map(); // sessionId -> { name, chunks }
  const ended = [];
  const pending = new Map();
  let nextId = 1;
  let workerCount = 0;
  const toWorker = (sessionId, method, params = {}) => new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject, sessionId });
    cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch((e) => { pending.delete(id); reject(e); });
  });
  const start = async (send) => {
    await send('Profiler.enable');
    await send('Profiler.setSamplingInterval', { interval: SAMPLING_US });
    await send('Profiler.start');
  };
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message);
    const done = pending.get(m.id);
    if (!done) return;
    pending.delete(m.id);
    if (m.error) done.reject(new Error(m.error.message));
    else done.resolve(m.result);
  });
  cdp.on('Target.attachedToTarget', (e) => {
    const send = (method, params) => toWorker(e.sessionId, method, params);
    const run = () => send('Runtime.runIfWaitingForDebugger').catch(() => {});
    if (e.targetInfo.type !== 'worker') {
      void run();
      return;
    }
    workerCount++;
    workers.set(e.sessionId, { name: `worker${workerCount}`, chunks: [] });
    void start(send).catch(() => {}).then(run);
  });
  cdp.on('Target.detachedFromTarget', (e) => {
    // A worker that ends answers nothing more: what was asked of it fails rather than waiting for
    // ever (the import worker ends after a commit, maybe while its profile is being collected).
    for (const [id, p] of pending) {
      if (p.sessionId !== e.sessionId) continue;
      pending.delete(id);
      p.reject(new Error('The worker ended.'));
    }
    const w = workers.get(e.sessionId);
    if (w) ended.push(w);
    workers.delete(e.sessionId);
  });
  // A worker's profile so far, kept; its profiler started again.
  const collect = async (sessionId, w) => {
    const r = await toWorker(sessionId, 'Profiler.stop').catch(() => null);
    if (r) w.chunks.push(r.profile);
    await toWorker(sessionId, 'Profiler.start').catch(() => {});
  };
  let collecting = Promise.resolve();
  const timer = setInterval(() => {
    collecting = collecting.then(() => Promise.all([...workers].map(([id, w]) => collect(id, w))));
  }, 1000);
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  await start((method, params) => cdp.send(method, params));
  return {
    async cut() {
      await collecting;
      const out = { page: (await cdp.send('Profiler.stop')).profile };
      await Promise.all([...workers].map(([id, w]) => collect(id, w)));
      for (const w of [...ended, ...workers.values()]) {
        if (w.chunks.length > 0) out[w.name] = joinProfiles(w.chunks);
        w.chunks = [];
      }
      ended.length = 0;
      await cdp.send('Profiler.start');
      return out;
    },
    stop() {
      clearInterval(timer);
    },
  };
}

/** Profiles of one thread taken one after another, as one (each under the one root). */
function joinProfiles(chunks) {
  if (chunks.length === 1) return chunks[0];
  const root = { id: 1, callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 }, hitCount: 0, children: [] };
  const nodes = [root];
  const samples = [];
  const timeDeltas = [];
  let offset = 1;
  let end = chunks[0].startTime;
  for (const c of chunks) {
    const top = c.nodes.find((n) => n.callFrame.functionName === '(root)') ?? c.nodes[0];
    const id = (n) => (n === top.id ? 1 : n + offset);
    for (const n of c.nodes) {
      if (n.id === top.id) root.children.push(...(n.children ?? []).map(id));
      else nodes.push({ ...n, id: id(n.id), children: (n.children ?? []).map(id) });
    }
    c.samples.forEach((s, i) => {
      samples.push(id(s));
      timeDeltas.push(i === 0 ? c.startTime - end + (c.timeDeltas[0] ?? 0) : c.timeDeltas[i]);
    });
    end = c.endTime;
    offset += Math.max(...c.nodes.map((n) => n.id));
  }
  return { nodes, startTime: chunks[0].startTime, endTime: end, samples, timeDeltas };
}

// ---- telling a profile's time by source file ---------------------------------------------------

const maps = new Map();
/** The source map of a served script, from the build folder; null for scripts not of the build. */
function sourceMapOf(url) {
  if (!maps.has(url)) {
    let map;
    try {
      const file = path.join(DIST, new URL(url).pathname);
      map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
    } catch {
      map = null;
    }
    maps.set(url, map);
  }
  return maps.get(url);
}

/** Where a profiled function's code came from: a file of src/, a package, or the browser itself. */
function sourceOf(frame) {
  const { functionName, url, lineNumber, columnNumber } = frame;
  if (functionName.startsWith('(')) return functionName; // (idle), (garbage collector), (program), (root)
  if (!url) return '(browser built-ins)';
  const map = sourceMapOf(url);
  const entry = map?.findEntry(lineNumber, columnNumber);
  const source = entry?.originalSource ?? url;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (pkg) return pkg[1];
  const own = /\/(src\/.+)$/.exec(source);
  return own ? own[1] : source.replace(/^.*\//, '');
}

/** A profile's sampled time by source file and by function (self time), with its idle and garbage collection. */
function summarise(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const bySource = new Map();
  const byFunction = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    total += dt;
    const frame = byId.get(id).callFrame;
    const source = sourceOf(frame);
    bySource.set(source, (bySource.get(source) ?? 0) + dt);
    if (!source.startsWith('(')) {
      const fn = `${frame.functionName || '(anonymous)'} (${source})`;
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + dt);
    }
  });
  const idle = (bySource.get('(idle)') ?? 0) + (bySource.get('(root)') ?? 0);
  const top = (m) => [...m].filter(([k]) => k !== '(idle)' && k !== '(root)').sort((a, b) => b[1] - a[1]).slice(0, TOP).map(([name, us]) => ({ name, ms: ms(us) }));
  return { spanMs: ms(profile.endTime - profile.startTime), sampledMs: ms(total), busyMs: ms(total - idle), idleMs: ms(idle), gcMs: ms(bySource.get('(garbage collector)') ?? 0), sources: top(bySource), functions: top(byFunction) };
}

function print(step, stepMs, threads) {
  log(`\n== ${step}: ${stepMs} ms`);
  for (const [thread, s] of Object.entries(threads)) {
    log(`-- ${thread}: busy ${s.busyMs} ms, idle ${s.idleMs} ms, of which garbage collection ${s.gcMs} ms (profiled ${s.spanMs} ms)`);
    const width = Math.max(...s.sources.map((x) => x.name.length), 10);
    for (const x of s.sources) log(`   ${x.name.padEnd(width)} ${String(x.ms).padStart(6)} ms  ${s.busyMs ? Math.round((100 * x.ms) / s.busyMs) : 0}%`);
    log('   functions (self time):');
    for (const x of s.functions.slice(0, 8)) log(`     ${String(x.ms).padStart(6)} ms  ${x.name}`);
  }
}

/**
 * Each table the measures page reads, read whole by the page straight from IndexedDB: its values,
 * then its keys alone (no value taken out of the store), each the second of two reads. The tables
 * are read one after another, with nothing else running.
 */
function storeReads(page) {
  return page.evaluate(async (tables) => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('scrutineer');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const timed = async (table, how) => {
      let ms = 0;
      let records = 0;
      for (let round = 0; round < 2; round++) {
        const t0 = performance.now();
        records = await new Promise((resolve, reject) => {
          const req = db.transaction(table, 'readonly').objectStore(table)[how]();
          req.onsuccess = () => resolve(req.result.length);
          req.onerror = () => reject(req.error);
        });
        ms = performance.now() - t0;
      }
      return { records, ms: Math.round(ms) };
    };
    const out = [];
    for (const table of tables) {
      const values = await timed(table, 'getAll');
      const keys = await timed(table, 'getAllKeys');
      out.push({ table, records: values.records, valuesMs: values.ms, keysMs: keys.ms });
    }
    db.close();
    return out;
  }, ['measures', 'targets', 'observations', 'commentary']);
}

function printStoreReads(reads) {
  log('\n== store: each table read whole in the page, values and keys alone');
  for (const r of reads) {
    const per = (x) => (r.records ? `${Math.round((1000 * x) / r.records)} µs a record` : '');
    log(`   ${r.table.padEnd(13)} ${String(r.records).padStart(8)} records  values ${String(r.valuesMs).padStart(5)} ms (${per(r.valuesMs)})  keys ${String(r.keysMs).padStart(5)} ms (${per(r.keysMs)})`);
  }
}

// ---- the run -----------------------------------------------------------------------------------

async function main() {
  mkdirSync(OUT, { recursive: true });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'scrutineer-profile-'));
  if (!SKIP_BUILD) {
    log(`Building, unminified with source maps, into ${path.relative(ROOT, DIST)}…`);
    await build(DIST, path.join(tmp, 'build.log'), ['--sourcemap', '--minify', 'false']);
  }
  const { base, child } = await serve(DIST, Number(option('port', 4280)));
  const summary = { rows: ROWS, date: new Date().toISOString(), steps: [] };
  const save = (step, stepMs, profiles) => {
    const threads = {};
    for (const [thread, profile] of Object.entries(profiles)) {
      writeFileSync(path.join(OUT, `${step}-${thread}.cpuprofile`), JSON.stringify(profile));
      threads[thread] = summarise(profile);
    }
    summary.steps.push({ step, ms: stepMs, threads });
    print(step, stepMs, threads);
  };
  const { context, close } = await openContext(tmp);
  try {
    const files = writeFiles({ rows: ROWS, periods: PERIODS, comparators: COMPARATORS, seed: 1 }, path.join(tmp, 'files'));
    log(`Importing ${ROWS.toLocaleString('en-GB')} rows (${files.measureCount.toLocaleString('en-GB')} measures) from ${base}, profiling page and workers…`);
    const page = await context.newPage();
    await firstVisit(page, base);
    const prof = await profilers(context, page);
    await prof.cut(); // drop what the first visit left running
    const cuts = [];
    const steps = await importThroughPage(page, base, [files.measuresFile, files.observationsFile], files.measureCount, async (step) => {
      cuts.push({ step, profiles: await prof.cut() });
    });
    const last = await prof.cut();
    save('preview', steps.previewMs, cuts[0].profiles);
    save('commit', steps.commitMs - steps.previewMs, cuts[1].profiles);
    save('table', steps.ms - steps.commitMs, last);
    prof.stop();

    // A warm load of the measures page: the second, with the service worker and the store as a returning person has them.
    await context.addInitScript(firstDataProbe);
    const again = await context.newPage();
    await again.goto(`${base}/measures`);
    await again.waitForFunction(() => window.__firstData > 0, null, { timeout: 120_000 });
    await again.goto(`${base}/`);
    await again.waitForLoadState('networkidle');
    const warm = await profilers(context, again);
    await again.goto(`${base}/measures`);
    await again.waitForFunction(() => window.__firstData > 0, null, { timeout: 120_000 });
    const firstMs = Math.round(await again.evaluate(() => window.__firstData));
    save('first', firstMs, await warm.cut());
    warm.stop();
    summary.storeReads = await storeReads(again);
    printStoreReads(summary.storeReads);
  } finally {
    await close();
    child.kill();
    rmSync(tmp, { recursive: true, force: true });
  }
  writeFileSync(path.join(OUT, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  log(`\nWrote ${path.relative(ROOT, OUT)}/*.cpuprofile and summary.json`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
