// The view in force: the URL's choice where it is valid, else sensible defaults from the store.
import { useSearchParams } from 'react-router-dom';
import { reportingPeriods } from '../domain/dataset';
import type { Dataset } from '../domain/dataset';
import { defaultRatingPeriod } from '../domain/rag';
import { readShellView } from '../domain/view';
import type { ShellView } from '../domain/view';
import { useDataset, usePortfolios } from './store';

const NO_PERIODS = { periods: [] as string[], rated: null };

/**
 * A dataset's periods and RAG default, worked out once per dataset read: many parts of a page ask
 * for the view, and each asking walked every point of every series.
 */
const PERIODS = new WeakMap<Dataset, { periods: string[]; rated: string | null }>();

export function periodsOf(d: Dataset): { periods: string[]; rated: string | null } {
  let found = PERIODS.get(d);
  if (!found) {
    found = { periods: reportingPeriods(d), rated: defaultRatingPeriod(d.observations, d.targets) };
    PERIODS.set(d, found);
  }
  return found;
}

/** Dataset: the URL's if stored, else the first. Period: the URL's if the dataset has it, else the RAG default (the latest period with actuals in the latest year with targets), else the latest. */
export function useCurrentView(): ShellView {
  const [params] = useSearchParams();
  const asked = readShellView(params);
  const portfolios = usePortfolios();
  const list = portfolios.data ?? [];
  const dataset = list.find((p) => p.id === asked.dataset)?.id ?? list[0]?.id ?? null;
  const data = useDataset(dataset);
  const { periods, rated } = data.data ? periodsOf(data.data) : NO_PERIODS;
  const fallback = rated && periods.includes(rated) ? rated : periods[periods.length - 1] ?? null;
  const period = asked.period && periods.includes(asked.period) ? asked.period : fallback;
  return { dataset, period };
}
