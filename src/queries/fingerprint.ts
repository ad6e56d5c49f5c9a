// The fingerprint of the data in view: which imports are in force for the dataset.
import { useQuery } from '@tanstack/react-query';
import { fingerprintOf } from '../domain/links';
import type { Fingerprint } from '../domain/links';
import { storeKeys, useBatches, useDataset } from './store';
import { periodsOf } from './view';

export function useFingerprint(datasetId: string | null): Fingerprint | null {
  const batches = useBatches();
  const dataset = useDataset(datasetId);
  const hashes = (batches.data ?? []).filter((b) => b.undoneAt === null && b.portfolioId === datasetId).map((b) => b.hash);
  const periods = dataset.data ? periodsOf(dataset.data).periods : [];
  const latest = periods[periods.length - 1] ?? null;
  const q = useQuery({
    queryKey: [...storeKeys.all, 'fingerprint', datasetId, hashes.join(','), latest],
    queryFn: () => fingerprintOf(hashes, latest),
    // Only from settled reads: a half-refreshed store would give a fingerprint of nothing real.
    enabled: datasetId !== null && batches.isSuccess && dataset.isSuccess && !batches.isFetching && !dataset.isFetching && hashes.length > 0,
  });
  return q.data ?? null;
}
