import { QueryClient, QueryClientProvider, notifyManager, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, lazy, useContext, useEffect, useState } from 'react';
import type { ComponentType } from 'react';
import { createBrowserRouter, RouterProvider, useLocation, useNavigate } from 'react-router-dom';
import { getMeta, setMeta, storeIsEmpty } from '../db/imports';
import { ImportSessionProvider, useImportSession } from '../features/import/session';
import { OverviewPage } from '../features/overview/OverviewPage';
import { StoreSettledContext, invalidateStore, useStoreSync } from '../queries/store';
import { Shell } from './Shell';
import { NotFound } from './NotFound';

// Pages beyond the overview load when first opened (route-level code splitting), as does the sample.
const load = {
  formats: () => import('../features/import/FormatsPage'),
  import: () => import('../features/import/ImportPage'),
  detail: () => import('../features/measures/MeasureDetailPage'),
  measures: () => import('../features/measures/MeasuresPage'),
  narrative: () => import('../features/narrative/NarrativePages'),
  resourcesLayout: () => import('../features/resources/ResourcesLayout'),
  resources: () => import('../features/resources/ResourcesPages'),
  groups: () => import('../features/benchmarking/NeighbourGroupsPage'),
  settings: () => import('../features/settings/SettingsPage'),
  // A page's charts, which the page itself loads once its tables are drawn.
  trendChart: () => import('../features/measures/TrendChart'),
  resourceCharts: () => import('../features/resources/charts'),
};
const page = <K extends string>(loader: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(() => loader().then((m) => ({ default: m[name] })));
const FormatsPage = page(load.formats, 'FormatsPage');
const ImportPage = page(load.import, 'ImportPage');
const MeasureDetailPage = page(load.detail, 'MeasureDetailPage');
const MeasuresPage = page(load.measures, 'MeasuresPage');
const ChangesPage = page(load.narrative, 'ChangesPage');
const PriorityPage = page(load.narrative, 'PriorityPage');
const SearchPage = page(load.narrative, 'SearchPage');
const ResourcesLayout = page(load.resourcesLayout, 'ResourcesLayout');
const BudgetPage = page(load.resources, 'BudgetPage');
const BridgePage = page(load.resources, 'BridgePage');
const VariancePage = page(load.resources, 'VariancePage');
const ReservesPage = page(load.resources, 'ReservesPage');
const SavingsPage = page(load.resources, 'SavingsPage');
const CapitalPage = page(load.resources, 'CapitalPage');
const NeighbourGroupsPage = page(load.groups, 'NeighbourGroupsPage');
const SettingsPage = lazy(() => load.settings().then((m) => ({ default: m.SettingsPage })));

/** The code each address's page needs beyond the overview's. */
const PAGE_CODE: readonly [RegExp, readonly (keyof typeof load)[]][] = [
  [/^\/measures\/?$/, ['measures']],
  [/^\/measures\/./, ['detail', 'trendChart']],
  [/^\/resources(\/|$)/, ['resourcesLayout', 'resources', 'resourceCharts']],
  [/^\/(priorities|search|changes)(\/|$)/, ['narrative']],
  [/^\/benchmarking\/groups/, ['groups']],
  [/^\/import\/formats/, ['formats']],
  [/^\/import\/?$/, ['import']],
  [/^\/settings/, ['settings']],
];

/** The page code asked for on this page load. */
const asked = new Set<keyof typeof load>();

export const pageCodeFor = (pathname: string): readonly (keyof typeof load)[] => PAGE_CODE.find(([path]) => path.test(pathname))?.[1] ?? [];

/**
 * Starts loading the page an address opens while the store opens and is first read, rather than
 * once the app has drawn its frame around the page (a link to the measures table waited for both).
 */
export function preloadPage(pathname: string): void {
  for (const key of pageCodeFor(pathname)) {
    if (asked.has(key)) continue;
    asked.add(key);
    // A load that failed (offline before the code was kept) is asked again next time.
    void load[key]().catch(() => asked.delete(key));
  }
}

/**
 * Starts loading the code of the page a link opens as soon as the link is pointed at, focused or
 * touched, so that it is loaded, or on its way, by the click: a measure's first page of a visit
 * waited for its code and its chart's (about half a second from the service worker) after the click.
 */
export function preloadOnIntent(doc: Document): void {
  const intent = (e: Event) => {
    const link = e.target instanceof Element ? e.target.closest('a[href]') : null;
    if (link instanceof HTMLAnchorElement && link.origin === doc.location.origin) preloadPage(link.pathname);
  };
  for (const type of ['pointerover', 'focusin', 'touchstart']) doc.addEventListener(type, intent, { capture: true, passive: true });
}

const loadSample = async () => (await import('./sample')).loadSample();

export const SAMPLE_OFFERED = 'sample-offered';

// Once per page load, however often React runs the effect.
let sampleOnce: Promise<void> | null = null;

/**
 * Runs `load` holding the tabs' lock on the first-open sample, where the browser has Web Locks: two
 * tabs opened at once on an empty store load it once. A tab closed while it holds the lock lets it go.
 */
function withSampleLock(load: () => Promise<void>): Promise<void> {
  return typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks.request('scrutineer-sample', load) : load();
}

/** Whether the sample has been offered, and whether the store holds no import. */
async function firstOpenState(): Promise<{ offered: boolean; empty: boolean }> {
  const offered = (await getMeta<boolean>(SAMPLE_OFFERED)) ?? false;
  return { offered, empty: await storeIsEmpty() };
}

/** With an empty store on first open, loads the sample once and says so. */
function useSampleOnFirstOpen(): { notice: string | null; error: string | null; settled: boolean } {
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const status = useQuery({
    queryKey: ['store', 'first-open'],
    queryFn: firstOpenState,
  });
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    if (!status.data || status.data.offered || !status.data.empty) return;
    sampleOnce ??= withSampleLock(async () => {
      // Asked again under the lock: another tab may have loaded it meanwhile.
      const now = await firstOpenState();
      if (now.offered || !now.empty) return;
      await loadSample();
      // Written once the sample is stored, not before: a first visit cut short (the tab closed or
      // reloaded while the sample loaded) stores nothing, and the next visit offers it again.
      await setMeta(SAMPLE_OFFERED, true);
    });
    // Settled only once every page has re-read the store, so nothing judges the data half-loaded:
    // after the re-reads and after their results reach the pages (react-query hands them on in a
    // batch of its own; settled ahead of it, a page drew "no measures" from the list read before).
    sampleOnce
      .then(async () => {
        await invalidateStore(client);
        notifyManager.schedule(() => setLoaded(true));
      }, async (e: unknown) => {
        await invalidateStore(client);
        notifyManager.schedule(() => setError(e instanceof Error ? e.message : String(e)));
      });
  }, [status.data, client]);
  return {
    notice: loaded ? 'This is the sample data, loaded because this browser had none: Stockport\u2019s 2021/22 Children, Family Services and Education agreement, with an illustrative Q2 update. Import your own files on the Import page; Settings can clear it.' : null,
    error,
    // Until the first-open check is over, an empty store may only mean the sample is on its way.
    // Once this page load has started fetching the sample, only its end settles the store.
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
      <Shell sampleNotice={error ? `The sample data could not be loaded: ${error}` : notice} storageNotice={storageNotice} />
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
