import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatBytes } from '../../domain/format';
import { useClearAllData } from '../../queries/store';
import { invalidateStore } from '../../queries/store';
import { ToleranceSetting } from './ToleranceSetting';
import { VarianceSetting } from './VarianceSetting';

/** Settings can reset to the sample: the loader comes from the app, which owns the sample. */
export function SettingsPage({ loadSample }: { loadSample: () => Promise<void> }) {
  const clear = useClearAllData();
  const client = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const estimate = useQuery({
    queryKey: ['store', 'estimate'],
    queryFn: async () => (navigator.storage?.estimate ? navigator.storage.estimate() : null),
  });

  const reset = async () => {
    if (!window.confirm('Replace everything stored in this browser with the sample data? Your imports and their history will be removed.')) return;
    setBusy(true);
    try {
      await clear.mutateAsync();
      await loadSample();
      setMessage('The sample data has been loaded in place of everything that was stored.');
    } catch (e) {
      setMessage(`The reset failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      await invalidateStore(client);
      setBusy(false);
    }
  };

  const clearAll = async () => {
    if (!window.confirm('Remove all data and import history from this browser? This cannot be undone.')) return;
    setBusy(true);
    try {
      await clear.mutateAsync();
      setMessage('All data has been removed from this browser. The sample will not load again by itself; use "Reset to sample data" to bring it back.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>Settings</h1>
      <ToleranceSetting />
      <VarianceSetting />
      <h2>Data stored in this browser</h2>
      <p>
        Everything you import is kept in this browser&apos;s own storage (IndexedDB) on this computer, and nowhere else.
        {estimate.data?.usage !== undefined && <> It uses about {formatBytes(estimate.data.usage)} at present.</>}
      </p>
      {message && <div className="notice" role="status">{message}</div>}
      <div className="actions">
        <button type="button" className="button" disabled={busy} onClick={() => void reset()}>Reset to sample data</button>
        <button type="button" className="button-warning" disabled={busy} onClick={() => void clearAll()}>Clear all data</button>
      </div>
    </>
  );
}
