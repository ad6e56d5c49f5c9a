import { Link } from 'react-router-dom';
import type { ReactNode } from 'react';

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
