// Measures rated for the view: derived in memory from the stored dataset, period and tolerance.
import { useMemo } from 'react';
import { buildMeasureRows } from '../domain/measure-rows';
import type { MeasureRow } from '../domain/measure-rows';
import type { ShellView } from '../domain/view';
import type { Priority } from '../domain/types';
import { useDataset, useTolerance } from './store';

export function useMeasureRows(view: ShellView): { rows: MeasureRow[]; isLoading: boolean; priorities: Priority[]; tolerance: number } {
  const dataset = useDataset(view.dataset);
  const tolerance = useTolerance();
  const rows = useMemo(
    () => (dataset.data ? buildMeasureRows(dataset.data, view.period ?? '', tolerance) : []),
    [dataset.data, view.period, tolerance],
  );
  return { rows, isLoading: dataset.isLoading, priorities: dataset.data?.priorities ?? [], tolerance };
}
