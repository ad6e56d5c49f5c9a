// The import in progress: files read but not yet committed, with the user's choices (kind,
// column mapping, sheet). Held above the router so a file dropped on any page arrives here.
import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { mapColumns } from '../../domain/import/headers';
import type { ColumnRole, FileKind, KindGuess } from '../../domain/import/headers';
import { guessFile } from '../../domain/import/stage';
import type { DraftFile } from '../../domain/import/stage';
import { readSourceFile, withSheet } from './read-file';
import type { SourceFile } from './read-file';

export interface PendingFile extends SourceFile {
  guesses: KindGuess[];
  kind: FileKind | null;
  roles: ColumnRole[];
}

interface ImportSession {
  files: PendingFile[];
  reading: boolean;
  addFiles: (files: Iterable<File>) => Promise<void>;
  remove: (id: string) => void;
  clear: () => void;
  setKind: (id: string, kind: FileKind) => void;
  setRole: (id: string, column: number, role: ColumnRole) => void;
  setSheet: (id: string, sheet: string) => void;
}

const Context = createContext<ImportSession | null>(null);

function pending(source: SourceFile): PendingFile {
  if (!source.table) return { ...source, guesses: [], kind: null, roles: [] };
  const { guesses, kind, roles } = guessFile(source.table);
  return { ...source, guesses, kind, roles };
}

export function ImportSessionProvider({ children }: { children: ReactNode }) {
  const [files, setFiles] = useState<PendingFile[]>([]);
  const [reading, setReading] = useState(false);

  const addFiles = useCallback(async (list: Iterable<File>) => {
    setReading(true);
    try {
      const read = await Promise.all([...list].map(readSourceFile));
      setFiles((prev) => [...prev, ...read.map(pending)]);
    } finally {
      setReading(false);
    }
  }, []);

  const update = useCallback((id: string, fn: (f: PendingFile) => PendingFile) => {
    setFiles((prev) => prev.map((f) => (f.id === id ? fn(f) : f)));
  }, []);

  const value = useMemo<ImportSession>(() => ({
    files,
    reading,
    addFiles,
    remove: (id) => setFiles((prev) => prev.filter((f) => f.id !== id)),
    clear: () => setFiles([]),
    setKind: (id, kind) => update(id, (f) => ({ ...f, kind, roles: f.table ? mapColumns(kind, f.table.headers) : [] })),
    setRole: (id, column, role) => update(id, (f) => ({ ...f, roles: f.roles.map((r, i) => (i === column ? role : r)) })),
    setSheet: (id, sheet) => update(id, (f) => pending(withSheet(f, sheet))),
  }), [files, reading, addFiles, update]);

  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useImportSession(): ImportSession {
  const session = useContext(Context);
  if (!session) throw new Error('useImportSession needs an ImportSessionProvider');
  return session;
}

/** The pending files that can be staged (read, with a kind). */
export function draftsOf(files: readonly PendingFile[]): DraftFile[] {
  return files.flatMap((f): DraftFile[] => {
    if (f.archive) return [{ name: f.name, hash: f.hash, archive: f.archive }];
    return f.table && f.kind ? [{ name: f.sheet ? `${f.name} (sheet "${f.sheet}")` : f.name, hash: f.hash, table: f.table, kind: f.kind, roles: f.roles }] : [];
  });
}

/** Changes whenever what would be imported changes. */
export function draftsSignature(files: readonly PendingFile[]): string {
  return JSON.stringify(files.map((f) => [f.id, f.sheet, f.kind, f.roles]));
}
