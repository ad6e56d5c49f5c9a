// The import session's progress is drawn by the progress bar alone: a report (about ten a second
// during an import) does not draw again the shell and the import page, which read the session.
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ImportProgressBar } from '../../src/features/import/ImportProgressBar';
import { ImportSessionProvider, useImportSession } from '../../src/features/import/session';
import { importClient } from '../../src/import/client';
import type { ImportProgress, PlanRequest } from '../../src/import/protocol';

describe('the import session', () => {
  it('tells the progress bar each report, and what reads the session only when a step starts and ends', async () => {
    let report: ((p: ImportProgress) => void) | null = null;
    let finish: (() => void) | null = null;
    const preview = vi.spyOn(importClient, 'preview').mockImplementation((_request, onProgress) => {
      report = onProgress ?? null;
      return new Promise((resolve) => { finish = () => resolve([]); });
    });
    const seen: (string | null)[] = [];
    let start: (() => void) | null = null;
    function Reader() {
      const session = useImportSession();
      seen.push(session.busy?.task ?? null);
      start = () => void session.preview({} as PlanRequest);
      return null;
    }
    try {
      render(
        <ImportSessionProvider>
          <Reader />
          <ImportProgressBar of="other" />
        </ImportSessionProvider>,
      );
      expect(seen).toEqual([null]);
      act(() => start?.());
      for (let done = 1000; done <= 5000; done += 1000) {
        act(() => report?.({ phase: 'checking', file: '', done, total: 5000, bytes: null, totalBytes: null }));
        expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', String(done / 50));
      }
      // Five reports drawn by the bar; the session's reader drawn once for the start.
      expect(seen).toEqual([null, 'preview']);
      await act(async () => { finish?.(); await Promise.resolve(); });
      expect(seen).toEqual([null, 'preview', null]);
      expect(screen.queryByRole('progressbar')).toBeNull();
    } finally {
      preview.mockRestore();
    }
  });
});
