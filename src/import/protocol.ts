// What the page and the import engine say to each other. The engine runs in a Web Worker (or, where
// there is none, on the page) and holds the files' tables; the page holds only these summaries.
import type { ColumnRole, FileKind, KindGuess } from '../domain/import/headers';
import type { ImportIssue } from '../domain/import/issues';
import type { Counts } from '../domain/import/plan';
import type { FileFormat } from '../domain/import/read-table';
import type { BatchKind } from '../domain/import/stage';
import type { TableName } from '../domain/records';
import type { DatasetChoice } from '../db/imports';
import type { Batch } from '../db/schema';
import type { SeriesPiece } from '../db/packed-series';
import type { StatsChoices, StatsSummary } from '../domain/stats';

/** File names the picker offers (others can still be dropped, and are refused with a reason). */
export const ACCEPTED = '.csv,.tsv,.txt,.json,.xlsx';

/** A file's table as the page shows it: its header, size and first values, not its rows. */
export interface TableSummary {
  headers: string[];
  rowCount: number;
  rowWord: 'row' | 'item';
  /** The first data row. */
  firstRow: string[];
  /** Each column's first non-blank value. */
  firstValues: string[];
}

/** A snapshot or backup file as the page shows it. */
export interface ArchiveSummary {
  scrutineer: 'snapshot' | 'backup';
  createdAt: string;
  view: string | null;
  dataset: string | null;
  portfolios: { id: string; name: string }[];
}

export interface FileSummary {
  id: string;
  name: string;
  size: number;
  hash: string;
  format: FileFormat;
  sheets: string[];
  sheet: string | null;
  table: TableSummary | null;
  archive: ArchiveSummary | null;
  readIssues: ImportIssue[];
  guesses: KindGuess[];
  kind: FileKind | null;
  roles: ColumnRole[];
}

/** The user's choices for one file: how to read it. */
export interface FileChoice {
  id: string;
  kind: FileKind;
  roles: ColumnRole[];
  /** National statistics files: the council's authority and the indicators to import. */
  statistics?: StatsChoices;
}

export interface PlanRequest {
  files: FileChoice[];
  dataset: DatasetChoice;
}

export interface CommitRequest extends PlanRequest {
  /** The preview's totals per file (in import order): if the store changed since, nothing is written. */
  expected: Counts[];
  source: Batch['source'];
  /** Settings the import brings (the council's authority, chosen for a national statistics file), written with it. */
  settings?: Record<string, unknown>;
}

/** Messages shown at most per file; the counts say how many there are in all. */
export const MAX_ISSUES_SHOWN = 500;

/** What importing one file would do (or did). */
export interface PlanSummary {
  id: string;
  name: string;
  hash: string;
  kind: BatchKind;
  counts: Record<TableName, Counts>;
  total: Counts;
  issues: ImportIssue[];
  errorCount: number;
  warningCount: number;
  /** A snapshot's view, opened once it is imported. */
  view: string | null;
}

export type ImportPhase = 'reading' | 'checking' | 'writing';

export interface ImportProgress {
  phase: ImportPhase;
  file: string;
  /** Rows read or checked, or records written. */
  done: number;
  /** Out of; null while not yet known (rows of a file still being read). */
  total: number | null;
  /** Bytes read so far and in all, while reading. */
  bytes: number | null;
  totalBytes: number | null;
  /** While writing: the store's records written, of all (a series of many rows is one), for the time left. */
  records?: { done: number; total: number };
}

export type { StatsChoices, StatsSummary };

export type Request =
  | { op: 'read'; file: File }
  | { op: 'sheet'; id: string; sheet: string }
  | { op: 'statistics'; id: string; roles: ColumnRole[] }
  | { op: 'forget'; ids: string[] }
  | { op: 'preview'; request: PlanRequest }
  | { op: 'commit'; request: CommitRequest }
  /** The stored series of these measures, sent back packed in pieces (then answered with null). */
  | { op: 'series'; codes: string[] }
  /** Lets the read copies of the series read be written (the page is idle): answered with null. */
  | { op: 'copies' };

export type ToWorker = { rid: number; body: Request } | { rid: number; cancel: true } | { rid: number; taken: true };

export type FromWorker =
  | { rid: number; progress: ImportProgress }
  | { rid: number; piece: SeriesPiece }
  | { rid: number; ok: true; value: unknown }
  | { rid: number; ok: false; error: { name: string; message: string } };
