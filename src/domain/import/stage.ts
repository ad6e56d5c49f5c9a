// One import is several files read together: definitions before the figures that refer to
// them, so a measures file and its observations can arrive in the same drop.
import { FILE_KINDS, mapColumns, recogniseKind } from './headers';
import type { ColumnRole, FileKind, KindGuess } from './headers';
import { mapRows } from './map-rows';
import type { ImportIssue } from './issues';
import { planFile, totalCounts } from './plan';
import type { Counts, Existing, FileChanges } from './plan';
import type { RawTable } from './read-table';
import type { Staged, TableName } from '../records';
import type { Measure } from '../types';

export interface DraftFile {
  name: string;
  hash: string;
  table: RawTable;
  kind: FileKind;
  roles: ColumnRole[];
}

export interface StagedFile extends DraftFile {
  staged: Staged;
  issues: ImportIssue[];
}

export interface FilePlan extends StagedFile, FileChanges {
  total: Counts;
}

/** The kind the headers suggest and how each column would be read. */
export function guessFile(table: RawTable): { guesses: KindGuess[]; kind: FileKind; roles: ColumnRole[] } {
  const guesses = recogniseKind(table.headers);
  const kind = guesses[0]?.kind ?? 'measures';
  return { guesses, kind, roles: mapColumns(kind, table.headers) };
}

/** Files in the order they must be read: definitions first. */
export function inImportOrder<T extends { kind: FileKind }>(files: readonly T[]): T[] {
  return [...files].sort((a, b) => FILE_KINDS.indexOf(a.kind) - FILE_KINDS.indexOf(b.kind));
}

/** Reads every draft's rows into records, each file seeing the measures the ones before it define. */
export function stageFiles(
  drafts: readonly DraftFile[],
  portfolioId: string,
  storeMeasures: ReadonlyMap<string, Pick<Measure, 'unit'>>,
): StagedFile[] {
  const known = new Map(storeMeasures);
  return inImportOrder(drafts).map((draft) => {
    const { staged, issues } = mapRows(draft.kind, draft.table, draft.roles, { file: draft.name, portfolioId, batchId: 0, knownMeasures: known });
    for (const m of staged.measures) known.set(m.code, { unit: m.unit });
    return { ...draft, staged, issues };
  });
}

/** Plans staged files one after another against the store's records (batch ids in file order). */
export function planFiles(files: readonly StagedFile[], existing: Existing, batchIds: readonly number[]): FilePlan[] {
  return files.map((file, i) => {
    const changes = planFile(file.staged, existing, batchIds[i] ?? 0);
    return { ...file, ...changes, total: totalCounts(changes.counts) };
  });
}

/** Tables a plan changes, for the preview's breakdown. */
export function changedTables(plan: FilePlan): TableName[] {
  return (Object.keys(plan.counts) as TableName[]).filter((t) => {
    const c = plan.counts[t];
    return c.add + c.update + c.unchanged > 0;
  });
}
