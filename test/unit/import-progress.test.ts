import { describe, expect, it } from 'vitest';
import { RATE_WINDOW_MS, progressFigures, reportStep, startStep } from '../../src/features/import/progress';
import type { RunningStep } from '../../src/features/import/progress';
import type { ImportProgress } from '../../src/import/protocol';

const checking: ImportProgress = { phase: 'checking', file: '', done: 0, total: null, bytes: null, totalBytes: null };
const writing = (done: number, total = 510_509): ImportProgress => ({ phase: 'writing', file: '', done, total, bytes: null, totalBytes: null });

/** Reports given as [ms, progress], in order, from a commit started at 0. */
function run(reports: [number, ImportProgress][]): RunningStep {
  let step = startStep(checking, 0, 'commit', true);
  for (const [at, p] of reports) step = reportStep(step, p, at);
  return step;
}

describe('import progress: rate and time left', () => {
  // A write whose first chunk of 10,000 records takes a second (its transaction opened, staging
  // cleared), and whose next chunks take 60 ms each: 500,509 rows left go in about three seconds.
  const slowStart: [number, ImportProgress][] = [[1000, writing(10_000)]];
  for (let k = 1; k <= 4; k++) slowStart.push([1000 + 60 * k, writing(10_000 * (k + 1))]);

  it("times a write, and fills its bar, by the store's records, not its rows", () => {
    // As measured in Chromium importing 100,000 rows: 2,500 measures and 7,500 targets, a row and a
    // record each, took 0.9 s; then 12,700 series records of 500,509 rows took 1.2 s.
    const write = (at: number, done: number, records: number): [number, ImportProgress] => [at, { ...writing(done), records: { done: records, total: 22_700 } }];
    const step = run([write(0, 0, 0), write(423, 2500, 2500), write(889, 10_000, 10_000)]);
    const { fraction, rate, left } = progressFigures(step, 889);
    // The bar goes by the records too, so it moves as the time passes (by rows it sat at 2% for a
    // second); the rate is the rows', as the words say.
    expect(fraction).toBeCloseTo(10_000 / 22_700, 9);
    expect(rate).toBeCloseTo(10_000 / 0.889, 6);
    // 44% of the records in 0.889 s: about 1.1 s left (it took 1.2). By rows it said about 45.
    expect(left).toBeCloseTo((12_700 / 22_700) / ((10_000 / 22_700) / 0.889), 6);
    expect(left).toBeLessThan(1.2);
  });

  it('says nothing of rate or time until the phase has two reports a fifth of a second apart', () => {
    const first = run(slowStart.slice(0, 1));
    expect(progressFigures(first, 1000)).toEqual({ fraction: 10_000 / 510_509, rate: null, left: null });
    // A second report 60 ms later is too close to go by.
    expect(progressFigures(run(slowStart.slice(0, 2)), 1060).rate).toBeNull();
  });

  it("works the rate from the phase's recent reports, not from when the step began", () => {
    const step = run(slowStart);
    const { rate, left } = progressFigures(step, 1240);
    // 40,000 rows in the 240 ms since the phase's first report.
    expect(rate).toBeCloseTo(40_000 / 0.24, 6);
    // 460,509 rows left at that pace: under three seconds, where the rate since the start said about 13.
    expect(left).toBeCloseTo(460_509 / (40_000 / 0.24), 6);
    expect(left).toBeLessThan(3);
  });

  it('slows the rate and lengthens the time left while no report comes', () => {
    const step = run(slowStart);
    const now = progressFigures(step, 1240);
    const later = progressFigures(step, 3240);
    expect(later.rate).toBeCloseTo(40_000 / 2.24, 6);
    expect(later.left ?? 0).toBeGreaterThan((now.left ?? 0) * 5);
  });

  it(`keeps the reports of the last ${RATE_WINDOW_MS} ms, and always the latest two`, () => {
    const steady: [number, ImportProgress][] = [];
    for (let k = 1; k <= 50; k++) steady.push([100 * k, writing(1000 * k, 100_000)]);
    const step = run(steady);
    expect(step.marks.map((m) => m.at)).toEqual(Array.from({ length: 21 }, (_, i) => 3000 + 100 * i));
    // Reports far apart: the two latest still give a rate.
    const sparse = run([[5000, writing(1000, 10_000)], [10_000, writing(2000, 10_000)], [15_000, writing(3000, 10_000)]]);
    expect(sparse.marks.map((m) => m.done)).toEqual([2000, 3000]);
    expect(progressFigures(sparse, 15_000)).toEqual({ fraction: 0.3, rate: 200, left: 35 });
  });

  it('starts a new phase, or a new file read, afresh', () => {
    const afterChecking = run([[500, { ...checking, done: 50_000, total: 100_000 }], [1000, { ...checking, done: 100_000, total: 100_000 }], [1100, writing(5000, 100_000)]]);
    expect(afterChecking.marks).toEqual([{ at: 1100, done: 5000, work: 0.05 }]);
    // A report says all there is of where the step is: a write's count of records is not carried into what follows it.
    const records = { ...writing(5000, 100_000), records: { done: 100, total: 1000 } };
    const next = reportStep(reportStep(startStep(checking, 0, 'commit', true), records, 100), { ...checking, done: 1, total: 2 }, 200);
    expect(next).not.toHaveProperty('records');
    expect(next).toMatchObject({ task: 'commit', cancellable: true, phase: 'checking', done: 1 });
    const read = (file: string, done: number, bytes: number): ImportProgress => ({ phase: 'reading', file, done, total: null, bytes, totalBytes: 1_000_000 });
    let step = startStep(read('a.csv', 0, 0), 0, 'read', true);
    step = reportStep(step, read('a.csv', 5000, 500_000), 400);
    step = reportStep(step, read('b.csv', 100, 10_000), 450);
    expect(step.marks).toHaveLength(1);
    expect(step.file).toBe('b.csv');
    // Rows checked are counted across files: the engine names the file it is on, from a start that names none.
    let checks = startStep(checking, 0, 'preview', false);
    checks = reportStep(checks, { ...checking, file: 'a.csv', done: 10_000, total: 100_000 }, 60);
    checks = reportStep(checks, { ...checking, file: 'b.csv', done: 100_000, total: 100_000 }, 250);
    expect(checks.marks.map((m) => m.done)).toEqual([0, 10_000, 100_000]);
    expect(progressFigures(checks, 250).rate).toBe(400_000);
  });

  it("reads a file's time left from its bytes while its rows are not yet counted", () => {
    const read = (done: number, bytes: number): ImportProgress => ({ phase: 'reading', file: 'big.csv', done, total: null, bytes, totalBytes: 4_000_000 });
    let step = startStep(read(0, 0), 0, 'read', true);
    step = reportStep(step, read(10_000, 1_000_000), 500);
    // A quarter of the bytes in half a second: three quarters take a second and a half more.
    expect(progressFigures(step, 500)).toEqual({ fraction: 0.25, rate: 20_000, left: 1.5 });
  });

  it('goes by the first report that knows the total when the first did not', () => {
    // Checking: the first report has rows done before the total is known.
    let step = startStep(checking, 0, 'preview', false);
    step = reportStep(step, { ...checking, done: 10_000 }, 300);
    step = reportStep(step, { ...checking, done: 20_000, total: 100_000 }, 600);
    step = reportStep(step, { ...checking, done: 40_000, total: 100_000 }, 1000);
    const figures = progressFigures(step, 1000);
    expect(figures.rate).toBeCloseTo(40_000, 6);
    // 20% of the rows in the 400 ms since the total was known: 60% left take 1.2 s.
    expect(figures.left).toBeCloseTo(1.2, 6);
  });
});
