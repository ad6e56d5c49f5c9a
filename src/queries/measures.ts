// Measures rated for the view: derived in memory from the stored dataset, period and tolerance.
import { useEffect, useReducer } from 'react';
import { buildMeasureRows, keptMeasureRows, rateMeasureRowsInSteps } from '../domain/measure-rows';
import type { MeasureRow } from '../domain/measure-rows';
import type { ShellView } from '../domain/view';
import type { Priority } from '../domain/types';
import { usePageDataset, useTolerance } from './store';

/**
 * Portfolios of up to this many measures are rated in one go as the page draws (a few milliseconds);
 * larger ones in steps, each a short task, the pages saying they are loading meanwhile (rating
 * 2,500 measures at once held the page for about 0.25 s as an import finished).
 */
export const RATE_AT_ONCE_UP_TO = 300;

const NO_ROWS: MeasureRow[] = [];

export function useMeasureRows(view: ShellView): { rows: MeasureRow[]; isLoading: boolean; priorities: Priority[]; tolerance: number } {
  const dataset = usePageDataset(view.dataset);
  const tolerance = useTolerance();
  const d = dataset.data;
  const period = view.period ?? '';
  const [, rated] = useReducer((n: number) => n + 1, 0);
  const rows = d ? keptMeasureRows(d, period, tolerance) ?? (d.measures.length <= RATE_AT_ONCE_UP_TO ? buildMeasureRows(d, period, tolerance) : null) : NO_ROWS;
  useEffect(() => {
    if (!d || rows) return undefined;
    let stopped = false;
    void rateMeasureRowsInSteps(d, period, tolerance, () => stopped).then((done) => {
      if (done && !stopped) rated();
    });
    return () => {
      stopped = true;
    };
  }, [d, period, tolerance, rows]);
  return { rows: rows ?? NO_ROWS, isLoading: dataset.isLoading || rows === null, priorities: d?.priorities ?? [], tolerance };
}
