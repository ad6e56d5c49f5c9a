// What the import engine is doing, while it does it: rows done, rows a second, time left, and a
// Cancel that leaves nothing behind.
import { useEffect, useState } from 'react';
import { formatBytes, formatCount } from '../../domain/format';
import { progressFigures } from './progress';
import type { RunningStep } from './progress';
import { useImportProgress, useImportSession } from './session';

/** "about 12 seconds left", "about 3 minutes left", or "under a second left". */
function timeLeft(s: number): string {
  if (s < 1) return 'under a second left';
  if (s < 90) return `about ${Math.round(s)} second${Math.round(s) === 1 ? '' : 's'} left`;
  return `about ${Math.round(s / 60)} minutes left`;
}

function describe(step: RunningStep): string {
  switch (step.phase) {
    case 'reading':
      return `Reading ${step.file}: ${formatCount(step.done)} rows read${step.bytes !== null && step.totalBytes ? ` (${formatBytes(step.bytes)} of ${formatBytes(step.totalBytes)})` : ''}`;
    case 'checking':
      return `Checking rows against the stored data${step.total ? `: ${formatCount(step.done)} of ${formatCount(step.total)} rows` : ''}`;
    case 'writing':
      return `Writing to this browser's store: ${formatCount(step.done)} of ${formatCount(step.total ?? 0)} rows`;
  }
}

/**
 * The progress of what is running: a commit's beside the button that started it (`commit`), where
 * the person who confirmed is looking; reading and checking files at the head of the page (`other`).
 */
export function ImportProgressBar({ of }: { of: 'commit' | 'other' }) {
  const { cancel } = useImportSession();
  const running = useImportProgress();
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(performance.now()), 500);
    return () => clearInterval(timer);
  }, [running]);
  if (!running || (running.task === 'commit') !== (of === 'commit')) return null;
  // Figures as of the last tick of the clock, or of the latest report if that is later.
  const { fraction, rate, left } = progressFigures(running, now);
  return (
    <div className="import-progress" role="group" aria-label="Import in progress">
      <p role="status">
        {describe(running)}
        {rate !== null && <> · {formatCount(rate)} rows a second</>}
        {left !== null && <> · {timeLeft(left)}</>}
      </p>
      <div
        className="progress-track"
        role="progressbar"
        // A file's reading starts the bar again, so its label names the file. A write's bar goes by the
        // store's records (a series of many rows is one), as its time left does; its words, by rows.
        aria-label={running.phase === 'writing' ? 'Written to this browser\'s store' : running.phase === 'reading' ? `File read: ${running.file}` : 'Rows checked'}
        aria-valuemin={0}
        aria-valuemax={100}
        {...(fraction !== null ? { 'aria-valuenow': Math.round(fraction * 100), 'aria-valuetext': `${Math.round(fraction * 100)}%` } : { 'aria-valuetext': 'working' })}
      >
        <div className="progress-fill" style={{ width: `${Math.round((fraction ?? 0) * 100)}%` }} />
      </div>
      {running.cancellable && (
        <button type="button" className="button-secondary" onClick={cancel}>Cancel {running.phase === 'reading' ? 'reading' : 'the import'}</button>
      )}
    </div>
  );
}
