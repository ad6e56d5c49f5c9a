// The import engine: reads files, stages and plans them against the store, and commits them. The
// same code serves every import, large or small; it runs in a Web Worker so that the page stays
// responsive, or on the page where workers cannot reach the store (an in-memory store, tests).
import { commitImport, forgetStaging, previewImport } from '../db/imports';
import type { CommitOptions } from '../db/imports';
import { readSeriesPieces } from '../db/read';
import type { SeriesPiece } from '../db/packed-series';
import { guessFile } from '../domain/import/stage';
import type { DraftFile, FilePlan } from '../domain/import/stage';
import { summariseStatistics } from '../domain/stats';
import type { StatsSummary } from '../domain/stats';
import type { ColumnRole } from '../domain/import/headers';
import { readSourceFile, withSheet } from './read-file';
import type { SourceFile } from './read-file';
import { MAX_ISSUES_SHOWN } from './protocol';
import type { CommitRequest, FileChoice, FileSummary, ImportProgress, PlanRequest, PlanSummary } from './protocol';

export type Progress = (p: ImportProgress) => void;

/** What the page is told of a file read: its header, size and first values, and the kind it looks like. */
export function summarise(source: SourceFile): FileSummary {
  const { table, archive } = source;
  const guess = table ? guessFile(table) : null;
  return {
    id: source.id, name: source.name, size: source.size, hash: source.hash, format: source.format,
    sheets: source.sheets.map((s) => s.name), sheet: source.sheet,
    table: table && {
      headers: table.headers,
      rowCount: table.rows.length,
      rowWord: table.rowWord,
      firstRow: table.rows[0] ?? [],
      firstValues: table.headers.map((_, c) => table.rows.find((r) => (r[c] ?? '').trim() !== '')?.[c] ?? ''),
    },
    archive: archive && {
      scrutineer: archive.scrutineer, createdAt: archive.createdAt, view: archive.view ?? null, dataset: archive.dataset ?? null,
      portfolios: archive.records.portfolios.map((p) => ({ id: p.id, name: p.name })),
    },
    readIssues: source.readIssues,
    guesses: guess?.guesses ?? [],
    kind: guess?.kind ?? null,
    roles: guess?.roles ?? [],
  };
}

function planSummary(id: string, plan: FilePlan): PlanSummary {
  const errors = plan.issues.filter((i) => i.level === 'error');
  const warnings = plan.issues.filter((i) => i.level === 'warning');
  return {
    id, name: plan.name, hash: plan.hash, kind: plan.kind, counts: plan.counts, total: plan.total,
    // Errors first: they are what must be fixed.
    issues: [...errors, ...warnings].slice(0, MAX_ISSUES_SHOWN),
    errorCount: errors.length,
    warningCount: warnings.length,
    view: plan.archive?.scrutineer === 'snapshot' ? plan.archive.view ?? null : null,
  };
}

/** A file read, to be staged as the user chose. */
export function draftOf(f: SourceFile, choice: FileChoice): DraftFile {
  if (f.archive) return { id: f.id, name: f.name, hash: f.hash, archive: f.archive };
  if (!f.table) throw new Error(`${f.name} could not be read, so it cannot be imported.`);
  return {
    id: f.id, name: f.sheet ? `${f.name} (sheet "${f.sheet}")` : f.name, hash: f.hash, table: f.table, kind: choice.kind, roles: choice.roles,
    ...(choice.statistics ? { statistics: choice.statistics } : {}),
  };
}

let counter = 0;

export class ImportEngine {
  private readonly files = new Map<string, SourceFile>();

  async read(file: File, progress: Progress, signal?: AbortSignal): Promise<FileSummary> {
    const id = `${Date.now()}-${counter++}`;
    const source = await readSourceFile(id, file, (p) => progress({ phase: 'reading', file: file.name, done: p.rows, total: null, bytes: p.bytes, totalBytes: p.totalBytes }), signal);
    this.files.set(id, source);
    return summarise(source);
  }

  sheet(id: string, sheet: string): FileSummary {
    const source = this.source(id);
    const next = withSheet(source, sheet);
    this.files.set(id, next);
    return summarise(next);
  }

  /** Areas and indicators of a national statistics file, read with the given column roles. */
  statistics(id: string, roles: ColumnRole[]): StatsSummary | null {
    const source = this.source(id);
    return source.table ? summariseStatistics(source.table, roles, source.name) : null;
  }

  forget(ids: readonly string[]): void {
    for (const id of ids) this.files.delete(id);
    forgetStaging();
  }

  async preview(request: PlanRequest, progress: Progress): Promise<PlanSummary[]> {
    const drafts = this.drafts(request.files);
    const plans = await previewImport(drafts, request.dataset, { onProgress: this.checking(drafts, progress) });
    return plans.map((p) => planSummary(p.id, p));
  }

  async commit(request: CommitRequest, progress: Progress, signal?: AbortSignal): Promise<number[]> {
    const drafts = this.drafts(request.files);
    const options: CommitOptions = {
      onProgress: this.checking(drafts, progress),
      onWrite: (done, total) => progress({ phase: 'writing', file: '', done, total, bytes: null, totalBytes: null }),
      ...(signal ? { signal } : {}),
      ...(request.settings ? { settings: request.settings } : {}),
    };
    const ids = await commitImport(drafts, request.dataset, request.expected, request.source, new Date(), options);
    this.forget(request.files.map((f) => f.id));
    return ids;
  }

  /** Reads the stored series of these measures for the page, in pieces it can take in within a frame. */
  series(codes: readonly string[], send: (piece: SeriesPiece) => void | Promise<void>): Promise<void> {
    return readSeriesPieces(codes, send);
  }

  private source(id: string): SourceFile {
    const source = this.files.get(id);
    if (!source) throw new Error('This file is no longer held for import: drop it again.');
    return source;
  }

  private drafts(choices: readonly FileChoice[]): DraftFile[] {
    return choices.map((choice) => draftOf(this.source(choice.id), choice));
  }

  /** Reports rows checked as each file is staged. */
  private checking(drafts: readonly DraftFile[], progress: Progress): (file: string, rowsDone: number) => void {
    const total = drafts.reduce((n, d) => n + ('table' in d ? d.table.rows.length : 1), 0);
    return (file, done) => progress({ phase: 'checking', file, done, total, bytes: null, totalBytes: null });
  }
}
