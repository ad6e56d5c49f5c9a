import { Suspense, useEffect, useId, useState } from 'react';
import { NavLink, Outlet, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { periodFromId } from '../domain/period';
import { shellSearch, writeShellView } from '../domain/view';
import { useImportSession } from '../features/import/session';
import { useBatches, useDataset, usePortfolios, useStoreSettled } from '../queries/store';
import { periodsOf, useCurrentView } from '../queries/view';
import { useFingerprint } from '../queries/fingerprint';
import { LinkNotices } from './LinkNotices';
import { snapshotFile } from '../queries/archive';
import { downloadBlob } from '../ui/export';
import { formatDateTime } from '../domain/format';
import { latestParams } from '../ui/latest-params';

const NAV = [
  { to: '/', label: 'Overview', end: true },
  { to: '/measures', label: 'Measures', end: false },
  { to: '/resources', label: 'Resources', end: false },
  { to: '/changes', label: 'What changed', end: false },
  { to: '/search', label: 'Search', end: false },
  { to: '/benchmarking/groups', label: 'Neighbour groups', end: false },
  { to: '/import', label: 'Import', end: false },
  { to: '/settings', label: 'Settings', end: false },
];

/** Files dropped anywhere go to the import page's preview. */
function useGlobalDrop(): boolean {
  const session = useImportSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const over = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const files = Array.from(e.dataTransfer?.files ?? []);
      if (files.length === 0) return;
      void session.addFiles(files);
      if (location.pathname !== '/import') navigate({ pathname: '/import', search: location.search });
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [session, navigate, location]);
  return dragging;
}

const NO_PERIODS: readonly string[] = [];

function ViewSelectors() {
  const [, setParams] = useSearchParams();
  const view = useCurrentView();
  const portfolios = usePortfolios();
  const dataset = useDataset(view.dataset);
  // The periods the view itself was chosen from, worked out once a dataset: walking every series again
  // here took about 0.2 s (under the profiler) of the task that hands a re-imported 1,000,000-row
  // dataset to the page.
  const periods = dataset.data ? periodsOf(dataset.data).periods : NO_PERIODS;
  const dsId = useId();
  const periodId = useId();
  const list = portfolios.data ?? [];
  if (list.length === 0) return null;
  return (
    <div className="selectors">
      <div>
        <label htmlFor={dsId}>Dataset</label>
        <select id={dsId} value={view.dataset ?? ''} onChange={(e) => setParams(writeShellView(latestParams(), { dataset: e.target.value, period: null }))}>
          {list.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </div>
      {periods.length > 0 && (
        <div>
          <label htmlFor={periodId}>Reporting period</label>
          <select id={periodId} value={view.period ?? ''} onChange={(e) => setParams(writeShellView(latestParams(), { dataset: view.dataset, period: e.target.value }))}>
            {[...periods].reverse().map((p) => <option key={p} value={p}>{periodFromId(p)?.label ?? p}</option>)}
          </select>
        </div>
      )}
    </div>
  );
}

function Provenance() {
  const view = useCurrentView();
  const batches = useBatches();
  const dataset = useDataset(view.dataset);
  const settled = useStoreSettled();
  const portfolios = usePortfolios();
  const inForce = (batches.data ?? []).filter((b) => b.undoneAt === null && b.portfolioId === view.dataset);
  const portfolio = dataset.data?.portfolio;
  if (!settled || portfolios.isPending || batches.isPending || (view.dataset !== null && dataset.isPending)) return <p>Reading the data stored in this browser…</p>;
  if (!portfolio || inForce.length === 0) return <p>No data is stored in this browser yet.</p>;
  const latest = inForce[0];
  const sample = inForce.some((b) => b.source === 'sample');
  return (
    <p>
      Data: {portfolio.council ? `${portfolio.council}, ` : ''}{portfolio.name}, from {inForce.length} imported file{inForce.length === 1 ? '' : 's'}
      {latest ? `; last import ${formatDateTime(latest.importedAt)}` : ''}.
      {sample && ' Includes the bundled sample: seed 003, Stockport\u2019s Children, Family Services and Education agreement 2021/22 (transcribed as printed), and an illustrative Q2 2021/22 update that is not from any paper.'}
      {' '}Everything is computed in this browser; nothing is sent anywhere.
    </p>
  );
}

/** Saves the data behind the view, and the view itself, as one file any copy of the dashboard opens. */
function ShareAsFile() {
  const view = useCurrentView();
  const location = useLocation();
  const [busy, setBusy] = useState(false);
  if (!view.dataset) return null;
  const dataset = view.dataset;
  return (
    <button type="button" className="button-secondary print-button" disabled={busy} onClick={() => {
      setBusy(true);
      const here = `${location.pathname}${location.search}`;
      void snapshotFile(dataset, here).then(({ name, archive }) => downloadBlob(new Blob([JSON.stringify(archive)], { type: 'application/json' }), name)).finally(() => setBusy(false));
    }}>Share as file</button>
  );
}

/** What a printed page carries at its head: whose figures, which period, which data, when, and the link back. */
function PrintHeader() {
  const view = useCurrentView();
  const dataset = useDataset(view.dataset);
  const fp = useFingerprint(view.dataset);
  const [printedAt, setPrintedAt] = useState(() => new Date());
  const location = useLocation();
  useEffect(() => {
    const update = () => setPrintedAt(new Date());
    window.addEventListener('beforeprint', update);
    return () => window.removeEventListener('beforeprint', update);
  }, []);
  const p = dataset.data?.portfolio;
  return (
    <div className="print-only print-header">
      <p className="print-title">{[p?.council, p?.name].filter(Boolean).join(': ') || 'Scrutineer'}</p>
      <p>
        Reporting period: {view.period ? periodFromId(view.period)?.label ?? view.period : 'none'} · Data fingerprint: {fp?.hash ?? 'none'} ·
        Printed {formatDateTime(printedAt, 'long')}
      </p>
      <p>View: {typeof window === 'undefined' ? location.pathname : window.location.href}</p>
    </div>
  );
}

export function Shell({ sampleNotice, storageNotice }: { sampleNotice: string | null; storageNotice: string | null }) {
  const dragging = useGlobalDrop();
  const location = useLocation();
  const [params] = useSearchParams();
  const keep = shellSearch(params);
  return (
    <div className="app">
      <a href="#main" className="skip-link">Skip to main content</a>
      <header className="header">
        <div className="header-inner">
          <p className="brand">Scrutineer <span>portfolio performance and resources</span></p>
          <div className="header-actions">
            <ViewSelectors />
            <ShareAsFile />
            <button type="button" className="button-secondary print-button" onClick={() => window.print()}>Print / save as PDF</button>
          </div>
        </div>
        <nav aria-label="Main">
          <ul>
            {NAV.map((n) => (
              <li key={n.to}><NavLink to={{ pathname: n.to, search: keep }} end={n.end}>{n.label}</NavLink></li>
            ))}
          </ul>
        </nav>
      </header>
      {storageNotice && <div className="notice notice-warning banner" role="alert">{storageNotice}</div>}
      {sampleNotice && <div className="notice banner" role="status">{sampleNotice}</div>}
      <main id="main" tabIndex={-1} data-print={/^\/(measures\/?$|resources)/.test(location.pathname) ? 'landscape' : 'portrait'}>
        <PrintHeader />
        <LinkNotices />
        <Suspense fallback={<p role="status">Loading the page…</p>}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="footer">
        <Provenance />
      </footer>
      {dragging && <div className="drop-overlay" aria-hidden="true"><p>Drop files to import them</p></div>}
    </div>
  );
}
