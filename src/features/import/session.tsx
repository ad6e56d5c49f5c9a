// The import in progress: files read but not yet committed, with the user's choices (kind,
// column mapping, sheet, and for national statistics the authority and indicators). Held above
// the router so a file dropped on any page arrives here. The files' rows stay in the import
// engine (a Web Worker); the page holds their summaries, the progress of what is running, and
// the means to cancel it.
import { createContext, useCallback, useContext, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { mapColumnsWithRows } from '../../domain/import/headers';
import type { ColumnRole, FileKind } from '../../domain/import/headers';
import { importClient } from '../../import/client';
import type { CommitRequest, FileChoice, FileSummary, ImportProgress, PlanRequest, PlanSummary, StatsChoices } from '../../import/protocol';
import { reportStep, startStep } from './progress';
import type { RunningStep } from './progress';

export interface PendingFile extends FileSummary {
  /** National statistics: the authority and indicators chosen. */
  statistics: StatsChoices | null;
  /** The authority the choice names, once it is found in the file. */
  authority: { code: string; name: string } | null;
}

interface ImportSession {
  files: PendingFile[];
  reading: boolean;
  /** Which step is running, if one is; its progress is `useImportProgress`'s. */
  busy: Pick<RunningStep, 'task' | 'cancellable'> | null;
  addFiles: (files: Iterable<File>) => Promise<void>;
  remove: (id: string) => void;
  clear: () => void;
  setKind: (id: string, kind: FileKind) => void;
  setRole: (id: string, column: number, role: ColumnRole) => void;
  setSheet: (id: string, sheet: string) => void;
  setStatistics: (id: string, choices: StatsChoices, authority: { code: string; name: string } | null) => void;
  /** Checks the files against the store, with the rows checked shown as they go (nothing is written). */
  preview: (request: PlanRequest) => Promise<PlanSummary[]>;
  commit: (request: CommitRequest) => Promise<number[]>;
  /** Stops what is running: nothing of it is kept. */
  cancel: () => void;
}

const Context = createContext<ImportSession | null>(null);
/**
 * The progress of what is running, in a context of its own: it changes with every report (about ten a
 * second), and only the progress bar draws it. In the session's context, every report drew the app's
 * shell and the whole import page again.
 */
const ProgressContext = createContext<RunningStep | null>(null);

/** Where checking and writing start: rows checked, before the engine has counted them. */
const CHECKING: ImportProgress = { phase: 'checking', file: '', done: 0, total: null, bytes: null, totalBytes: null };

const pending = (summary: FileSummary): PendingFile => ({ ...summary, statistics: null, authority: null });

export function ImportSessionProvider({ children }: { children: ReactNode }) {
  const [files, setFiles] = useState<PendingFile[]>([]);
  const [reading, setReading] = useState(false);
  const [running, setRunning] = useState<RunningStep | null>(null);
  const controller = useRef<AbortController | null>(null);

  /** Runs a step of the engine with its progress shown and a Cancel that aborts it. */
  const track = useCallback(async <T,>(task: RunningStep['task'], first: ImportProgress, cancellable: boolean, step: (onProgress: (p: ImportProgress) => void, signal: AbortSignal) => Promise<T>): Promise<T> => {
    const abort = new AbortController();
    controller.current = abort;
    setRunning(startStep(first, performance.now(), task, cancellable));
    try {
      return await step((p) => {
        const at = performance.now();
        setRunning((prev) => (prev ? reportStep(prev, p, at) : startStep(p, at, task, cancellable)));
      }, abort.signal);
    } finally {
      if (controller.current === abort) controller.current = null;
      setRunning(null);
    }
  }, []);

  const addFiles = useCallback(async (list: Iterable<File>) => {
    setReading(true);
    try {
      for (const file of list) {
        const start: ImportProgress = { phase: 'reading', file: file.name, done: 0, total: null, bytes: 0, totalBytes: file.size };
        try {
          const summary = await track('read', start, true, (onProgress, signal) => importClient.read(file, onProgress, signal));
          setFiles((prev) => [...prev, pending(summary)]);
        } catch (e) {
          // A cancelled read keeps nothing of that file; the files read before it stay.
          if (e instanceof Error && e.name === 'ReadCancelled') break;
          throw e;
        }
      }
    } finally {
      setReading(false);
    }
  }, [track]);

  const update = useCallback((id: string, fn: (f: PendingFile) => PendingFile) => {
    setFiles((prev) => prev.map((f) => (f.id === id ? fn(f) : f)));
  }, []);

  const setSheet = useCallback((id: string, sheet: string) => {
    void importClient.sheet(id, sheet).then((summary) => update(id, () => pending(summary)));
  }, [update]);

  // Not cancellable: it writes nothing, and removing the files stops it mattering.
  const preview = useCallback((request: PlanRequest) => track('preview', CHECKING, false, (onProgress) => importClient.preview(request, onProgress)), [track]);

  const commit = useCallback((request: CommitRequest) => track('commit', CHECKING, true, (onProgress, signal) => importClient.commit(request, onProgress, signal)), [track]);

  const task = running?.task;
  const cancellable = running?.cancellable;
  const busy = useMemo(() => (task === undefined || cancellable === undefined ? null : { task, cancellable }), [task, cancellable]);

  const value = useMemo<ImportSession>(() => ({
    files,
    reading,
    busy,
    addFiles,
    remove: (id) => {
      setFiles((prev) => prev.filter((f) => f.id !== id));
      void importClient.forget([id]);
    },
    clear: () => {
      setFiles((prev) => {
        void importClient.forget(prev.map((f) => f.id));
        return [];
      });
    },
    // Chosen by hand, a kind's columns are read from the header and the first row (the rows stay in the engine).
    setKind: (id, kind) => update(id, (f) => ({ ...f, kind, roles: f.table ? mapColumnsWithRows(kind, f.table.headers, [f.table.firstRow]) : [] })),
    setRole: (id, column, role) => update(id, (f) => ({ ...f, roles: f.roles.map((r, i) => (i === column ? role : r)) })),
    setSheet,
    setStatistics: (id, choices, authority) => update(id, (f) => ({ ...f, statistics: choices, authority })),
    preview,
    commit,
    cancel: () => controller.current?.abort(),
  }), [files, reading, busy, addFiles, update, setSheet, preview, commit]);

  return (
    <Context.Provider value={value}>
      <ProgressContext.Provider value={running}>{children}</ProgressContext.Provider>
    </Context.Provider>
  );
}

/** What is running, with how far it has got, or null. */
export function useImportProgress(): RunningStep | null {
  return useContext(ProgressContext);
}

export function useImportSession(): ImportSession {
  const session = useContext(Context);
  if (!session) throw new Error('useImportSession needs an ImportSessionProvider');
  return session;
}

/** How each pending file that can be staged (read, with a kind) is to be read. */
export function choicesOf(files: readonly PendingFile[]): FileChoice[] {
  return files.flatMap((f): FileChoice[] => {
    if (f.archive) return [{ id: f.id, kind: 'measures', roles: [] }];
    return f.table && f.kind ? [{ id: f.id, kind: f.kind, roles: f.roles, ...(f.statistics ? { statistics: f.statistics } : {}) }] : [];
  });
}

/** Changes whenever what would be imported changes. */
export function choicesSignature(files: readonly PendingFile[]): string {
  return JSON.stringify(files.map((f) => [f.id, f.sheet, f.kind, f.roles, f.statistics]));
}
