// Snapshot and backup files: JSON holding store records as they are kept, so they round-trip
// exactly. A snapshot carries one dataset and the view it was made from; a backup carries the
// whole store and the settings. Both import through the same preview and planner as any file.
import type { ImportIssue } from './import/issues';
import { TABLE_NAMES, emptyStaged } from './records';
import type { Staged, Stored, TableName } from './records';
import type { ObservationRow } from './records';

export const ARCHIVE_VERSION = 1;

export interface Archive {
  scrutineer: 'snapshot' | 'backup';
  version: number;
  createdAt: string;
  /** Snapshot only: the view (path and query) to open once imported. */
  view?: string;
  /** Snapshot only: the dataset the view shows. */
  dataset?: string;
  records: Stored;
  /** Backup only: settings kept with the data (RAG tolerance, variance rule). */
  settings?: Record<string, unknown>;
}

export function makeArchive(kind: Archive['scrutineer'], records: Stored, createdAt: Date, extra: Pick<Archive, 'view' | 'dataset' | 'settings'> = {}): Archive {
  return { scrutineer: kind, version: ARCHIVE_VERSION, createdAt: createdAt.toISOString(), ...extra, records };
}

/** Is this parsed JSON one of our archives (rather than rows of data)? */
export function isArchive(data: unknown): boolean {
  return typeof data === 'object' && data !== null && !Array.isArray(data) && Object.hasOwn(data, 'scrutineer');
}

const SAFE_KEY = (k: string) => k !== '__proto__' && k !== 'constructor' && k !== 'prototype';

/** Checks an archive's shape; records of tables it does not know are refused, not guessed at. */
export function readArchive(file: string, data: unknown): { ok: true; archive: Archive } | { ok: false; issues: ImportIssue[] } {
  const fail = (message: string) => ({ ok: false as const, issues: [{ level: 'error' as const, file, row: null, column: null, message }] });
  if (!isArchive(data)) return fail('This is not a Scrutineer snapshot or backup file.');
  const a = data as Record<string, unknown>;
  if (a.scrutineer !== 'snapshot' && a.scrutineer !== 'backup') return fail(`"${String(a.scrutineer)}" is not a kind of Scrutineer file this version reads (snapshot or backup).`);
  if (a.version !== ARCHIVE_VERSION) return fail(`This ${a.scrutineer} was written by a newer or unknown version (${String(a.version)}); this dashboard reads version ${ARCHIVE_VERSION}.`);
  const recs = a.records;
  if (typeof recs !== 'object' || recs === null || Array.isArray(recs)) return fail(`The ${a.scrutineer} holds no records.`);
  const records = {} as Record<TableName, unknown[]>;
  for (const name of Object.keys(recs).filter(SAFE_KEY)) {
    if (!(TABLE_NAMES as readonly string[]).includes(name)) return fail(`The ${a.scrutineer} has a table "${name}" this version does not know.`);
    const list = (recs as Record<string, unknown>)[name];
    if (!Array.isArray(list) || list.some((r) => typeof r !== 'object' || r === null || Array.isArray(r))) return fail(`The ${a.scrutineer}'s "${name}" table is not a list of records.`);
    records[name as TableName] = list;
  }
  for (const name of TABLE_NAMES) records[name] ??= [];
  const view = typeof a.view === 'string' && a.view.startsWith('/') && !a.view.startsWith('//') ? a.view : undefined;
  const settings = typeof a.settings === 'object' && a.settings !== null ? Object.fromEntries(Object.entries(a.settings).filter(([k]) => SAFE_KEY(k))) : undefined;
  return {
    ok: true,
    archive: {
      scrutineer: a.scrutineer, version: ARCHIVE_VERSION, createdAt: typeof a.createdAt === 'string' ? a.createdAt : '',
      ...(view ? { view } : {}), ...(typeof a.dataset === 'string' ? { dataset: a.dataset } : {}), ...(settings ? { settings } : {}),
      records: records as unknown as Stored,
    },
  };
}

/** Stored records back into rows the planner diffs (a series becomes its points). */
export function storedToStaged(records: Stored): Staged {
  const staged = emptyStaged();
  for (const name of TABLE_NAMES) {
    if (name === 'observations') continue;
    (staged[name] as unknown[]) = [...(records[name] as unknown[])];
  }
  staged.observations = records.observations.flatMap((s) => s.points.map((p): ObservationRow => ({ ...p, measureCode: s.measureCode, series: s.series })));
  return staged;
}
