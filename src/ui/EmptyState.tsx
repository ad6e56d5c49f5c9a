import { Link } from 'react-router-dom';
import type { ReactNode } from 'react';
import { usePortfolios, useStoreSettled } from '../queries/store';

/** Said plainly when there is nothing to show, with the way to fix it. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <h2>{title}</h2>
      {children ?? <p>Import a data export on the <Link to="/import">Import page</Link>, or load the sample data from <Link to="/settings">Settings</Link>.</p>}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return <p role="status">Loading {what}…</p>;
}

/**
 * A page with no dataset in view: said plainly with the way to fix it once the store is known to
 * hold none; until then (its list of datasets still being read, or the sample still on its way into
 * the empty store of a first visit) it says what it is waiting for.
 */
export function NoDataYet({ heading, title }: { heading: string; title: string }) {
  const settled = useStoreSettled();
  const portfolios = usePortfolios();
  if (!settled) return <><h1>{heading}</h1><Loading what="the sample data" /></>;
  if (portfolios.isPending) return <><h1>{heading}</h1><Loading what="the data stored in this browser" /></>;
  return <><h1>{heading}</h1><EmptyState title={title} /></>;
}
