// One import is several files read together: definitions before the figures that refer to
// them, so a measures file and its observations can arrive in the same drop.
import { storedToStaged } from '../archive';
import type { Archive } from '../archive';
import { FILE_KINDS, mapColumnsWithRows, recogniseKind } from './headers';
import type { ColumnRole, FileKind, KindGuess } from './headers';
import { mapRows } from './map-rows';
import type { ImportIssue } from './issues';
import { planFile, totalCounts } from './plan';
import type { Counts, Existing, FileChanges } from './plan';
import type { RawTable } from './read-table';
import type { Staged } from '../records';
import type { Measure } from '../types';
import { foldName } from '../stats';
import type { StatsChoices } from '../stats';

/** What an import batch holds: a kind of table, or a snapshot or backup file. */
export type BatchKind = FileKind | 'snapshot' | 'backup';

export interface TableDraft {
  /** Which pending file it is (plans are matched to files by it). */
  id: string;
  name: string;
  hash: string;
  /**
   * The file's rows; null once they have been staged and let go (a large file's parsed table is
   * most of what an import holds). Staging such a draft again throws TablesReleasedError: its
   * holder reads the file again (the same bytes give the same table).
   */
  table: RawTable | null;
  kind: FileKind;
  roles: ColumnRole[];
  /** National statistics: the council's authority and the indicators to import. */
  statistics?: StatsChoices;
}

export interface ArchiveDraft {
  id: string;
  name: string;
  hash: string;
  archive: Archive;
}

export type DraftFile = TableDraft | ArchiveDraft;

export interface StagedFile {
  id: string;
  name: string;
  hash: string;
  kind: BatchKind;
  archive: Archive | null;
  /** A backup replaces the whole store: what it lacks is removed. */
  replace: boolean;
  staged: Staged;
  issues: ImportIssue[];
}

export interface FilePlan extends StagedFile, FileChanges {
  total: Counts;
}

/** A draft's table was let go after it was staged, and it must be staged again: read the file again. */
export class TablesReleasedError extends Error {
  constructor() {
    super('The file must be read again to be checked again.');
    this.name = 'TablesReleasedError';
  }
}

export const kindOf = (d: DraftFile): BatchKind => ('archive' in d ? d.archive.scrutineer : d.kind);

/** The kind the headers suggest and how each column would be read. */
export function guessFile(table: RawTable): { guesses: KindGuess[]; kind: FileKind; roles: ColumnRole[] } {
  const guesses = recogniseKind(table.headers);
  const kind = guesses[0]?.kind ?? 'measures';
  return { guesses, kind, roles: mapColumnsWithRows(kind, table.headers, table.rows) };
}

const ORDER: readonly BatchKind[] = ['backup', 'snapshot', ...FILE_KINDS];

/** Files in the order they must be read: a backup first, then snapshots, then definitions before figures. */
export function inImportOrder<T extends DraftFile>(files: readonly T[]): T[] {
  return [...files].sort((a, b) => ORDER.indexOf(kindOf(a)) - ORDER.indexOf(kindOf(b)));
}

/** Reads every draft's rows into records, each file seeing the measures the ones before it define. */
export function stageFiles(
  drafts: readonly DraftFile[],
  portfolioId: string,
  storeMeasures: ReadonlyMap<string, Pick<Measure, 'unit'>>,
  onStaged: (file: string, rowsDone: number) => void = () => {},
): StagedFile[] {
  if (drafts.some((d) => 'table' in d && d.table === null)) throw new TablesReleasedError();
  const known = new Map(storeMeasures);
  // Areas a statistics file of this import names, so a neighbour list given by names finds their codes.
  const knownAreas = new Map<string, string>();
  let rows = 0;
  return inImportOrder(drafts).map((draft): StagedFile => {
    if ('archive' in draft) {
      const staged = storedToStaged(draft.archive.records);
      for (const m of staged.measures) known.set(m.code, { unit: m.unit });
      onStaged(draft.name, ++rows);
      return { id: draft.id, name: draft.name, hash: draft.hash, kind: draft.archive.scrutineer, archive: draft.archive, replace: draft.archive.scrutineer === 'backup', staged, issues: [] };
    }
    const { table } = draft;
    if (!table) throw new TablesReleasedError();
    const before = rows;
    const { staged, issues } = mapRows(draft.kind, table, draft.roles, {
      file: draft.name, portfolioId, batchId: 0, knownMeasures: known, knownAreas, ...(draft.statistics ? { statistics: draft.statistics } : {}),
      onRows: (done) => onStaged(draft.name, before + done),
    });
    for (const m of staged.measures) known.set(m.code, { unit: m.unit });
    for (const set of staged.benchmarks) for (const a of set.areas) knownAreas.set(foldName(a.name), a.code);
    rows += table.rows.length;
    onStaged(draft.name, rows);
    return { id: draft.id, name: draft.name, hash: draft.hash, kind: draft.kind, archive: null, replace: false, staged, issues };
  });
}

/** Plans staged files one after another against the store's records (batch ids in file order). */
export function planFiles(files: readonly StagedFile[], existing: Existing, batchIds: readonly number[]): FilePlan[] {
  return files.map((file, i) => {
    const changes = planFile(file.staged, existing, batchIds[i] ?? 0, file.replace);
    return { ...file, ...changes, total: totalCounts(changes.counts) };
  });
}
