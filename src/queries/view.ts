// The view in force: the URL's choice where it is valid, else sensible defaults from the store.
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { reportingPeriods } from '../domain/dataset';
import { defaultRatingPeriod } from '../domain/rag';
import { readShellView } from '../domain/view';
import type { ShellView } from '../domain/view';
import { useDataset, usePortfolios } from './store';

/** Dataset: the URL's if stored, else the first. Period: the URL's if the dataset has it, else the RAG default (the latest period with actuals in the latest year with targets), else the latest. */
export function useCurrentView(): ShellView {
  const [params] = useSearchParams();
  const asked = readShellView(params);
  const portfolios = usePortfolios();
  const list = portfolios.data ?? [];
  const dataset = list.find((p) => p.id === asked.dataset)?.id ?? list[0]?.id ?? null;
  const data = useDataset(dataset);
  const periods = useMemo(() => (data.data ? reportingPeriods(data.data) : []), [data.data]);
  const rated = useMemo(() => (data.data ? defaultRatingPeriod(data.data.observations, data.data.targets) : null), [data.data]);
  const fallback = rated && periods.includes(rated) ? rated : periods[periods.length - 1] ?? null;
  const period = asked.period && periods.includes(asked.period) ? asked.period : fallback;
  return { dataset, period };
}
