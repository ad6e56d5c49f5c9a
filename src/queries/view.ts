// The view in force: the URL's choice where it is valid, else sensible defaults from the store.
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { reportingPeriods } from '../domain/dataset';
import { readShellView } from '../domain/view';
import type { ShellView } from '../domain/view';
import { useDataset, usePortfolios } from './store';

/** Dataset: the URL's if stored, else the first. Period: the URL's if the dataset has it, else its latest. */
export function useCurrentView(): ShellView {
  const [params] = useSearchParams();
  const asked = readShellView(params);
  const portfolios = usePortfolios();
  const list = portfolios.data ?? [];
  const dataset = list.find((p) => p.id === asked.dataset)?.id ?? list[0]?.id ?? null;
  const data = useDataset(dataset);
  const periods = useMemo(() => (data.data ? reportingPeriods(data.data) : []), [data.data]);
  const period = asked.period && periods.includes(asked.period) ? asked.period : periods[periods.length - 1] ?? null;
  return { dataset, period };
}
