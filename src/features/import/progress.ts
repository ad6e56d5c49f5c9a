// How far a running step has got, how fast it goes and how long it has left: worked out from the
// engine's latest reports, not from when the step began, and for a write from the store's records
// rather than rows. A write's first records (measures, targets) are a row each and its series
// records a few dozen rows each, at about the same cost a record: timed by rows from the start,
// a write of two seconds said "about 86 seconds left".
import type { ImportProgress } from '../../import/protocol';

/** One report of a phase: when it came, rows done, and the fraction of the phase's work done (null while unknown). */
export interface ProgressMark {
  at: number;
  done: number;
  work: number | null;
}

/** What is running, with the phase's recent reports. */
export interface RunningStep extends ImportProgress {
  /** This phase's reports of the last RATE_WINDOW_MS, and always the two latest. */
  marks: readonly ProgressMark[];
  cancellable: boolean;
  /** Which step of an import it is: reading a file, checking the files (the preview), or the commit. */
  task: 'read' | 'preview' | 'commit';
}

/** How far back the rate looks: long enough to smooth the reports' unevenness, short enough to follow a change of pace. */
export const RATE_WINDOW_MS = 2000;

/**
 * The fraction of the work done, which the bar shows and the time left goes by: a write's records
 * (by rows, the bar of a write sat near nothing for its first second, then filled in a moment), or
 * else the rows once they are counted, or else the file's bytes.
 */
export function fractionOf(p: ImportProgress): number | null {
  if (p.records) return p.records.total > 0 ? p.records.done / p.records.total : null;
  if (p.total) return p.done / p.total;
  return p.bytes !== null && p.totalBytes ? p.bytes / p.totalBytes : null;
}

/** A step as it starts, at `at`. */
export function startStep(first: ImportProgress, at: number, task: RunningStep['task'], cancellable: boolean): RunningStep {
  return { ...first, marks: [{ at, done: first.done, work: fractionOf(first) }], cancellable, task };
}

/**
 * The step once the engine reports `p` at `at` (nothing of an earlier report kept but its marks): a
 * new phase starts its marks afresh, and so does each file read (its bar is the file's bytes). Rows
 * checked or written are counted across files.
 */
export function reportStep(prev: RunningStep, p: ImportProgress, at: number): RunningStep {
  const samePhase = prev.phase === p.phase && (p.phase !== 'reading' || prev.file === p.file);
  const mark: ProgressMark = { at, done: p.done, work: fractionOf(p) };
  const kept = samePhase ? prev.marks.filter((m, i) => i === prev.marks.length - 1 || m.at >= at - RATE_WINDOW_MS) : [];
  return { ...p, marks: [...kept, mark], cancellable: prev.cancellable, task: prev.task };
}

/**
 * The fraction done (null while it cannot be known), rows a second and seconds left, as of `now`:
 * the rate over the phase's recent reports up to now, so that a step which stops reporting is seen
 * to slow. Null until the phase has two reports to go by.
 */
export function progressFigures(step: RunningStep, now: number): { fraction: number | null; rate: number | null; left: number | null } {
  const fraction = fractionOf(step);
  const last = step.marks.at(-1);
  const first = step.marks[0];
  if (!last || !first || first === last) return { fraction, rate: null, left: null };
  const seconds = (Math.max(now, last.at) - first.at) / 1000;
  if (seconds < 0.2) return { fraction, rate: null, left: null };
  const rate = last.done > first.done ? (last.done - first.done) / seconds : null;
  // The oldest mark with a fraction: a phase's first report may come before its rows are counted.
  const from = step.marks.find((m) => m.work !== null);
  let left: number | null = null;
  if (from && from !== last && from.work !== null && last.work !== null && last.work > from.work) {
    const perSecond = (last.work - from.work) / ((Math.max(now, last.at) - from.at) / 1000);
    left = (1 - last.work) / perSecond;
  }
  return { fraction, rate, left };
}
