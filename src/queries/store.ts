// react-query is the only cache of the store: every read goes through these hooks, and every
// write invalidates the "store" key so all pages refetch.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Dexie from 'dexie';
import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import { SETTING, clearAllData, getMeta, isQuotaError, setMeta, undoFrom } from '../db/imports';
import { resolveAuthority, withBenchmarkSeries } from '../domain/benchmark';
import type { BenchmarkAuthority } from '../domain/benchmark';
import type { Dataset } from '../domain/dataset';
import { DEFAULT_TOLERANCE } from '../domain/rag';
import { DEFAULT_VARIANCE_RULE } from '../domain/resources';
import type { VarianceRule } from '../domain/resources';
import type { DatasetChoice } from '../db/imports';
import { readBatches, readDataset, readPortfolios } from '../db/read';
import { importClient } from '../import/client';
import type { CommitRequest, FileChoice, PlanRequest, PlanSummary } from '../import/protocol';
import type { ColumnRole } from '../domain/import/headers';

export const storeKeys = {
  all: ['store'] as const,
  portfolios: () => [...storeKeys.all, 'portfolios'] as const,
  dataset: (portfolioId: string) => [...storeKeys.all, 'dataset', portfolioId] as const,
  batches: () => [...storeKeys.all, 'batches'] as const,
  preview: (signature: string) => [...storeKeys.all, 'preview', signature] as const,
};

export const portfoliosQuery = () => queryOptions({ queryKey: storeKeys.portfolios(), queryFn: readPortfolios });
// A dataset can hold hundreds of thousands of points: it is replaced whole when the store changes,
// never compared deeply with the one before (react-query's structural sharing would walk all of it).
export const datasetQuery = (portfolioId: string) =>
  queryOptions({ queryKey: storeKeys.dataset(portfolioId), queryFn: () => readDataset(portfolioId, importClient.seriesReader() ?? undefined), structuralSharing: false });

/** Each dataset with its benchmark series, worked out once for all the components that show it. */
const withSeries = new WeakMap<Dataset, { key: string; value: Dataset }>();
export const batchesQuery = () => queryOptions({ queryKey: storeKeys.batches(), queryFn: readBatches });

export function usePortfolios() {
  return useQuery(portfoliosQuery());
}

/** One portfolio's data, with the series benchmarking derives (neighbour-group means, England and the region from national files), so every page and the RAG engine see them. */
export function useDataset(portfolioId: string | null) {
  const authority = useBenchmarkAuthority();
  const select = useCallback((d: Dataset) => {
    const key = JSON.stringify(authority);
    const kept = withSeries.get(d);
    if (kept?.key === key) return kept.value;
    const value = withBenchmarkSeries(d, resolveAuthority(authority, d.benchmarks, d.portfolio?.council ?? null));
    withSeries.set(d, { key, value });
    return value;
  }, [authority]);
  return useQuery({ ...datasetQuery(portfolioId ?? ''), enabled: portfolioId !== null, select });
}

/**
 * The dataset as a page shows it. A page opened while the store is being read again after a change
 * (an import just confirmed, an undo, another tab's write) waits for what the store now holds rather
 * than drawing first what it held before: those figures are no longer the store's, and drawing them
 * (every row of a council's table) held the page for a long task just before the new ones. A page
 * already open keeps its figures meanwhile. The shell and the view's own choices (period, dataset)
 * read `useDataset`, so they do not fall back while the read runs.
 */
export function usePageDataset(portfolioId: string | null): { data: Dataset | undefined; isLoading: boolean } {
  const dataset = useDataset(portfolioId);
  const [waitForRead, setWaitForRead] = useState(() => dataset.isFetching && dataset.data !== undefined);
  if (waitForRead && !dataset.isFetching) setWaitForRead(false);
  return { data: waitForRead ? undefined : dataset.data, isLoading: dataset.isLoading || waitForRead };
}

export function useBatches() {
  return useQuery(batchesQuery());
}

/** The preview of a pending import, run through the import session (which shows its progress); recomputed when the files, their mapping or the store change. */
export function useImportPreview(
  files: readonly FileChoice[], dataset: DatasetChoice | null, signature: string,
  run: (request: PlanRequest) => Promise<PlanSummary[]>, waiting: boolean,
) {
  return useQuery({
    queryKey: storeKeys.preview(`${dataset?.id ?? ''}|${signature}`),
    queryFn: () => run({ files: [...files], dataset: dataset ?? { id: '', name: '' } }),
    // Not while files are still being read: the files dropped together are checked together.
    enabled: files.length > 0 && dataset !== null && !waiting,
    gcTime: 0,
  });
}

/** The keys settings are stored under (the import page passes the authority with an import). */
export { SETTING };

/**
 * Whether the store holds what this page load will start with: false while the sample is being
 * loaded into an empty store on a first visit (so nothing takes the empty store for the real one).
 */
export const StoreSettledContext = createContext(true);
export const useStoreSettled = () => useContext(StoreSettledContext);

export const invalidateStore = (client: QueryClient) => client.invalidateQueries({ queryKey: storeKeys.all });

/** Commits an import through the given runner (the import session's, which shows progress and can cancel). */
export function useCommitImport(run: (request: CommitRequest) => Promise<number[]>) {
  const client = useQueryClient();
  // The outcome is told at once; the pages' data refreshes after it (not awaited here).
  return useMutation({ mutationFn: run, onSettled: () => void invalidateStore(client) });
}

export function useUndoImport() {
  const client = useQueryClient();
  return useMutation({ mutationFn: (batchId: number) => undoFrom(batchId), onSettled: () => invalidateStore(client) });
}

export function useClearAllData() {
  const client = useQueryClient();
  return useMutation({ mutationFn: clearAllData, onSettled: () => invalidateStore(client) });
}

/** A setting kept in the store with the data (and carried by backups), with its default. */
function useSetting<T>(key: string, fallback: T): T {
  const q = useQuery({ queryKey: [...storeKeys.all, 'meta', key], queryFn: async () => (await getMeta<T>(key)) ?? fallback });
  return q.data ?? fallback;
}

function useSaveSetting<T>(key: string) {
  const client = useQueryClient();
  return useMutation({ mutationFn: (value: T) => setMeta(key, value), onSettled: () => invalidateStore(client) });
}

/** The RAG tolerance (a fraction: 0.05 is 5 %). */
export const useTolerance = () => useSetting<number>(SETTING.tolerance, DEFAULT_TOLERANCE);
export const useSetTolerance = () => useSaveSetting<number>(SETTING.tolerance);
/** The authority benchmark figures are about, as chosen on the import page (`{ code, name }`, or a bare code; null until chosen). */
export const useBenchmarkAuthority = () => useSetting<BenchmarkAuthority | string | null>(SETTING.authority, null);
/** The areas and indicators of a national statistics file held for import, read with the given column roles. */
export function useStatisticsSummary(fileId: string, roles: readonly ColumnRole[], enabled: boolean) {
  return useQuery({
    queryKey: ['import-statistics', fileId, JSON.stringify(roles)],
    queryFn: () => importClient.statistics(fileId, [...roles]),
    enabled,
    gcTime: 0,
  });
}

/** The forecast variance RAG rule. */
export const useVarianceRule = () => useSetting<VarianceRule>(SETTING.varianceRule, DEFAULT_VARIANCE_RULE);
export const useSetVarianceRule = () => useSaveSetting<VarianceRule>(SETTING.varianceRule);

/**
 * Keeps every tab current: Dexie announces each committed write, in this tab and in others
 * (over BroadcastChannel), and the store's queries are refetched once the burst has passed.
 */
export function useStoreSync(): void {
  const client = useQueryClient();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const changed = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void invalidateStore(client), 50);
    };
    Dexie.on.storagemutated.subscribe(changed);
    return () => {
      Dexie.on.storagemutated.unsubscribe(changed);
      if (timer) clearTimeout(timer);
    };
  }, [client]);
}

/** A failed write in words: what happened, and that nothing stored was lost. */
export function describeWriteError(e: unknown): string {
  if (isQuotaError(e)) {
    return 'This browser has no more storage space for the dashboard, so nothing was imported; everything stored before is kept as it was. Free some space (clear this site\'s older data in Settings, or other sites\' data in the browser) and try again.';
  }
  if (e instanceof Error && e.name === 'ImportCancelledError') return 'The import was cancelled: nothing was written, and everything stored before is kept as it was.';
  return `Nothing was imported; everything stored before is kept as it was. ${e instanceof Error ? e.message : String(e)}`;
}
