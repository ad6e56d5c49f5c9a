// Work done a piece at a time, so that the page stays free to draw and answer input: rating thousands
// of measures, sorting them.

/** Time a step may take before it lets the page draw a frame and answer input. */
export const STEP_MS = 8;

/**
 * Lets the page draw a frame and answer input, then carries on: through `scheduler.yield` where the
 * browser has it, which carries on straight after, where a chain of timers waits at least 4 ms a turn
 * once nested (a few hundred milliseconds over the steps of rating 10,000 measures).
 */
export const nextTask = (): Promise<void> => {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
};

/**
 * Work done a piece at a time: each `yield` is a point where it may pause, to carry on later from
 * where it was. Run to its end at once (`runSteps`) when its result is needed now, or a few
 * milliseconds at a time (`runStepsBetweenTasks`, `warmOrders`) while the page stays free to draw
 * and answer input: sorting 25,000 names with the collator takes a tenth of a second and more.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs work given in steps to its end, now. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * Runs work given in steps about `stepMs` at a time, letting the page in between (`yieldToPage`);
 * null if `stopped` says the result is no longer wanted.
 */
export async function runStepsBetweenTasks<T>(steps: Steps<T>, stopped: () => boolean, yieldToPage: () => Promise<void> = nextTask, stepMs = STEP_MS): Promise<T | null> {
  let started = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() - started > stepMs) {
      await yieldToPage();
      if (stopped()) return null;
      started = performance.now();
    }
  }
}

/** Items sorted by the engine's own sort before they are merged in steps. */
const SORTED_RUN = 256;
/** Comparisons made in a merge between the points where it may pause. */
export const COMPARES_A_STEP = 1024;

/**
 * A stable sort in steps: runs of SORTED_RUN items sorted by the engine's own (stable) sort, a step
 * each, then merged, pausing every COMPARES_A_STEP comparisons. The same order as `items.sort(compare)`
 * for any comparison that is a total order once ties keep their places.
 */
export function* sortInSteps<T>(items: readonly T[], compare: (a: T, b: T) => number): Steps<T[]> {
  const n = items.length;
  let from: T[] = [];
  for (let lo = 0; lo < n; lo += SORTED_RUN) {
    for (const item of items.slice(lo, lo + SORTED_RUN).sort(compare)) from.push(item);
    if (lo + SORTED_RUN < n) yield;
  }
  let to: T[] = new Array<T>(n);
  let compares = 0;
  for (let width = SORTED_RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        const left = from[i] as T;
        const right = from[j] as T;
        // Ties keep their places: the left run's item first.
        if (compare(right, left) < 0) {
          to[k++] = right;
          j++;
        } else {
          to[k++] = left;
          i++;
        }
        if (++compares >= COMPARES_A_STEP) {
          compares = 0;
          yield;
        }
      }
      while (i < mid) to[k++] = from[i++] as T;
      while (j < hi) to[k++] = from[j++] as T;
    }
    [from, to] = [to, from];
  }
  return from;
}
