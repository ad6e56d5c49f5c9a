import { QueryClient, QueryClientProvider, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, lazy, useContext, useEffect, useState } from 'react';
import type { ComponentType } from 'react';
import { createBrowserRouter, RouterProvider, useLocation, useNavigate } from 'react-router-dom';
import { getMeta, setMeta } from '../db/imports';
import { getDb } from '../db/schema';
import { ImportSessionProvider, useImportSession } from '../features/import/session';
import { OverviewPage } from '../features/overview/OverviewPage';
import { StoreSettledContext, invalidateStore, useStoreSync } from '../queries/store';
import { Shell } from './Shell';
import { NotFound } from './NotFound';

// Pages beyond the overview load when first opened (route-level code splitting), as does the sample.
const page = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] })));
const FormatsPage = page(() => import('../features/import/FormatsPage'), 'FormatsPage');
const ImportPage = page(() => import('../features/import/ImportPage'), 'ImportPage');
const MeasureDetailPage = page(() => import('../features/measures/MeasureDetailPage'), 'MeasureDetailPage');
const MeasuresPage = page(() => import('../features/measures/MeasuresPage'), 'MeasuresPage');
const ChangesPage = page(() => import('../features/narrative/NarrativePages'), 'ChangesPage');
const PriorityPage = page(() => import('../features/narrative/NarrativePages'), 'PriorityPage');
const SearchPage = page(() => import('../features/narrative/NarrativePages'), 'SearchPage');
const ResourcesLayout = page(() => import('../features/resources/ResourcesLayout'), 'ResourcesLayout');
const BudgetPage = page(() => import('../features/resources/ResourcesPages'), 'BudgetPage');
const BridgePage = page(() => import('../features/resources/ResourcesPages'), 'BridgePage');
const VariancePage = page(() => import('../features/resources/ResourcesPages'), 'VariancePage');
const ReservesPage = page(() => import('../features/resources/ResourcesPages'), 'ReservesPage');
const SavingsPage = page(() => import('../features/resources/ResourcesPages'), 'SavingsPage');
const CapitalPage = page(() => import('../features/resources/ResourcesPages'), 'CapitalPage');
const NeighbourGroupsPage = page(() => import('../features/benchmarking/NeighbourGroupsPage'), 'NeighbourGroupsPage');
const SettingsPage = lazy(() => import('../features/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const loadSample = async () => (await import('./sample')).loadSample();

export const SAMPLE_OFFERED = 'sample-offered';

// Once per page load, however often React runs the effect.
let sampleOnce: Promise<void> | null = null;

/** With an empty store on first open, loads the sample once and says so. */
function useSampleOnFirstOpen(): { notice: string | null; error: string | null; settled: boolean } {
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const status = useQuery({
    queryKey: ['store', 'first-open'],
    queryFn: async () => {
      const offered = (await getMeta<boolean>(SAMPLE_OFFERED)) ?? false;
      const empty = (await getDb().batches.count()) === 0;
      return { offered, empty };
    },
  });
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    if (!status.data || status.data.offered || !status.data.empty) return;
    sampleOnce ??= (async () => {
      await setMeta(SAMPLE_OFFERED, true);
      await loadSample();
    })();
    // Settled only once every page has re-read the store, so nothing judges the data half-loaded.
    sampleOnce
      .then(async () => {
        await invalidateStore(client);
        setLoaded(true);
      }, async (e: unknown) => {
        await invalidateStore(client);
        setError(e instanceof Error ? e.message : String(e));
      });
  }, [status.data, client]);
  return {
    notice: loaded ? 'This is the sample data, loaded because this browser had none: Stockport\u2019s 2021/22 Children, Family Services and Education agreement, with an illustrative Q2 update. Import your own files on the Import page; Settings can clear it.' : null,
    error,
    // Until the first-open check is over, an empty store may only mean the sample is on its way.
    // Once this page load has started fetching the sample, only its end settles the store (the
    // "offered" flag is written first, so the first-open check alone would say so too early).
    settled: status.data !== undefined && (sampleOnce !== null ? loaded || error !== null : status.data.offered || !status.data.empty),
  };
}

/** Settings, given the sample loader and a way to hand a backup to the import preview. */
function Settings() {
  const session = useImportSession();
  const navigate = useNavigate();
  const location = useLocation();
  return (
    <SettingsPage
      loadSample={loadSample}
      onRestore={(files) => {
        void session.addFiles(files);
        navigate({ pathname: '/import', search: location.search });
      }}
    />
  );
}

function Root() {
  useStoreSync();
  const { notice, error, settled } = useSampleOnFirstOpen();
  const storage = useContext(StorageContext);
  const storageNotice = storage.memoryOnly
    ? `This browser is not letting the dashboard keep data (${storage.reason ?? 'storage is blocked'}), as happens in some private windows. It works for this session, in memory: anything imported is lost when this tab closes. Back up from Settings to keep it.`
    : null;
  return (
    <StoreSettledContext.Provider value={settled}>
      <Shell sampleNotice={error ? `The sample data could not be loaded: ${error}` : notice} storageNotice={storageNotice} storeSettled={settled} />
    </StoreSettledContext.Provider>
  );
}

const router = createBrowserRouter([
  {
    path: '/',
    element: <Root />,
    children: [
      { index: true, element: <OverviewPage /> },
      { path: 'measures', element: <MeasuresPage /> },
      { path: 'measures/:code', element: <MeasureDetailPage /> },
      {
        path: 'resources',
        element: <ResourcesLayout />,
        children: [
          { index: true, element: <BudgetPage /> },
          { path: 'bridge', element: <BridgePage /> },
          { path: 'variance', element: <VariancePage /> },
          { path: 'reserves', element: <ReservesPage /> },
          { path: 'savings', element: <SavingsPage /> },
          { path: 'capital', element: <CapitalPage /> },
        ],
      },
      { path: 'priorities/:number', element: <PriorityPage /> },
      { path: 'search', element: <SearchPage /> },
      { path: 'changes', element: <ChangesPage /> },
      { path: 'benchmarking/groups', element: <NeighbourGroupsPage /> },
      { path: 'import', element: <ImportPage /> },
      { path: 'import/formats', element: <FormatsPage /> },
      { path: 'settings', element: <Settings /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: Infinity, refetchOnWindowFocus: false, retry: false } },
});

export interface StorageStatus {
  memoryOnly: boolean;
  reason: string | null;
}

const StorageContext = createContext<StorageStatus>({ memoryOnly: false, reason: null });

export function App({ storage = { memoryOnly: false, reason: null } }: { storage?: StorageStatus }) {
  return (
    <StorageContext.Provider value={storage}>
      <QueryClientProvider client={queryClient}>
        <ImportSessionProvider>
          <RouterProvider router={router} />
        </ImportSessionProvider>
      </QueryClientProvider>
    </StorageContext.Provider>
  );
}
