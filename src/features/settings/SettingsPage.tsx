import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { backupFile } from '../../queries/archive';
import { downloadBlob } from '../../ui/export';
import { formatBytes } from '../../domain/format';
import { useClearAllData } from '../../queries/store';
import { invalidateStore } from '../../queries/store';
import { ToleranceSetting } from './ToleranceSetting';
import { VarianceSetting } from './VarianceSetting';

/** Settings can reset to the sample and restore a backup: the app, which owns the sample and the import, passes both in. */
export function SettingsPage({ loadSample, onRestore }: { loadSample: () => Promise<void>; onRestore: (files: File[]) => void }) {
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
      <h2>Back up and restore</h2>
      <p>A backup is one file holding every record and these settings. Restoring it replaces all data in this browser, after the same preview as any import; the restore can be undone from the import history.</p>
      <div className="actions">
        <button type="button" className="button-secondary" disabled={busy} onClick={() => {
          void backupFile().then(({ name, archive }) => downloadBlob(new Blob([JSON.stringify(archive)], { type: 'application/json' }), name));
        }}>Back up everything</button>
        <label htmlFor="restore-input" className="button-secondary">Restore from backup</label>
        <input id="restore-input" className="visually-hidden" type="file" accept=".json" onChange={(e) => {
          const files = e.target.files;
          if (files && files.length > 0) {
            onRestore(Array.from(files));
          }
          e.target.value = '';
        }} />
      </div>
      <h2>Start again</h2>
      <div className="actions">
        <button type="button" className="button" disabled={busy} onClick={() => void reset()}>Reset to sample data</button>
        <button type="button" className="button-warning" disabled={busy} onClick={() => void clearAll()}>Clear all data</button>
      </div>
    </>
  );
}
