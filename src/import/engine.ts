// The import engine: reads files, stages and plans them against the store, and commits them. The
// same code serves every import, large or small; it runs in a Web Worker so that the page stays
// responsive, or on the page where workers cannot reach the store (an in-memory store, tests).
import { ImportCancelledError, commitImport, forgetStaging, previewImport, stageImport } from '../db/imports';
import type { CommitOptions } from '../db/imports';
import { readSeriesPieces } from '../db/read';
import type { SeriesPiece } from '../db/packed-series';
import { TablesReleasedError, guessFile } from '../domain/import/stage';
import type { DraftFile, FilePlan } from '../domain/import/stage';
import { summariseStatistics } from '../domain/stats';
import type { StatsSummary } from '../domain/stats';
import type { ColumnRole } from '../domain/import/headers';
import type { RawTable } from '../domain/import/read-table';
import { ReadCancelled } from '../domain/import/read-stream';
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

/** A file read, to be staged as the user chose (`table`: the file's rows, or null once let go). */
export function draftOf(f: SourceFile, choice: FileChoice, table: RawTable | null = f.table): DraftFile {
  if (f.archive) return { id: f.id, name: f.name, hash: f.hash, archive: f.archive };
  return {
    id: f.id, name: f.sheet ? `${f.name} (sheet "${f.sheet}")` : f.name, hash: f.hash, table, kind: choice.kind, roles: choice.roles,
    ...(choice.statistics ? { statistics: choice.statistics } : {}),
  };
}

/** A file the engine holds for import: as read (without its rows), and its rows, let go once staged (`table` null). */
interface Held {
  source: SourceFile;
  file: File;
  table: RawTable | null;
  /** Whether it was read as a table or an archive (else it cannot be imported). */
  readable: boolean;
  rows: number;
}

let counter = 0;

export class ImportEngine {
  private readonly files = new Map<string, Held>();

  async read(file: File, progress: Progress, signal?: AbortSignal): Promise<FileSummary> {
    const id = `${Date.now()}-${counter++}`;
    const source = await readSourceFile(id, file, this.reading(file.name, progress), signal);
    this.hold(source, file);
    return summarise(source);
  }

  sheet(id: string, sheet: string): FileSummary {
    const held = this.held(id);
    const next = withSheet({ ...held.source, table: held.table }, sheet);
    this.hold(next, held.file);
    return summarise(next);
  }

  /** Areas and indicators of a national statistics file, read with the given column roles. */
  async statistics(id: string, roles: ColumnRole[]): Promise<StatsSummary | null> {
    const held = this.held(id);
    const table = await this.tableOf(held, () => {});
    return table ? summariseStatistics(table, roles, held.source.name) : null;
  }

  forget(ids: readonly string[]): void {
    for (const id of ids) this.files.delete(id);
    forgetStaging();
  }

  /**
   * Stages the files, then lets their parsed tables go before the plan is made: the staging holds
   * what the plan and the commit need, and a table is most of what a large file costs. Should they
   * have to be staged again (other choices, or a store changed since), the files are read again.
   */
  async preview(request: PlanRequest, progress: Progress): Promise<PlanSummary[]> {
    const checking = this.checking(request.files, progress);
    const plans = await this.withTables(request.files, progress, async (drafts) => {
      await stageImport(drafts, request.dataset, { onProgress: checking });
      this.letGo(request.files);
      return previewImport(this.drafts(request.files), request.dataset, { onProgress: checking });
    });
    return plans.map((p) => planSummary(p.id, p));
  }

  async commit(request: CommitRequest, progress: Progress, signal?: AbortSignal): Promise<number[]> {
    const options: CommitOptions = {
      onProgress: this.checking(request.files, progress),
      onWrite: (done, total, records, totalRecords) => progress({ phase: 'writing', file: '', done, total, bytes: null, totalBytes: null, records: { done: records, total: totalRecords } }),
      ...(signal ? { signal } : {}),
      ...(request.settings ? { settings: request.settings } : {}),
    };
    const ids = await this.withTables(request.files, progress, (drafts) => commitImport(drafts, request.dataset, request.expected, request.source, new Date(), options), signal);
    this.forget(request.files.map((f) => f.id));
    return ids;
  }

  /** Reads the stored series of these measures for the page, in pieces it can take in within a frame. */
  series(codes: readonly string[], send: (piece: SeriesPiece) => void | Promise<void>): Promise<void> {
    return readSeriesPieces(codes, send);
  }

  private hold(source: SourceFile, file: File): void {
    this.files.set(source.id, {
      source: { ...source, table: null }, file, table: source.table, readable: source.table !== null || source.archive !== null, rows: source.table?.rows.length ?? 1,
    });
  }

  private held(id: string): Held {
    const held = this.files.get(id);
    if (!held) throw new Error('This file is no longer held for import: drop it again.');
    return held;
  }

  /** The drafts as held now: a table let go is null in its draft. */
  private drafts(choices: readonly FileChoice[]): DraftFile[] {
    return choices.map((choice) => {
      const held = this.held(choice.id);
      if (!held.readable) throw new Error(`${held.source.name} could not be read, so it cannot be imported.`);
      return draftOf(held.source, choice, held.table);
    });
  }

  /**
   * Runs `work` on the drafts as held; if it had to stage a table let go, reads the files again and
   * runs it once more. A cancel while they are read again is the import's cancel: nothing written.
   */
  private async withTables<T>(choices: readonly FileChoice[], progress: Progress, work: (drafts: DraftFile[]) => Promise<T>, signal?: AbortSignal): Promise<T> {
    try {
      return await work(this.drafts(choices));
    } catch (e) {
      if (!(e instanceof TablesReleasedError)) throw e;
    }
    for (const choice of choices) {
      const held = this.held(choice.id);
      try {
        held.table = await this.tableOf(held, progress, signal);
      } catch (e) {
        throw e instanceof ReadCancelled ? new ImportCancelledError() : e;
      }
    }
    return work(this.drafts(choices));
  }

  private letGo(choices: readonly FileChoice[]): void {
    for (const choice of choices) {
      const held = this.files.get(choice.id);
      if (held) held.table = null;
    }
  }

  /** The file's rows: as held, or read again from the file (a workbook's sheet from the sheets it keeps). */
  private async tableOf(held: Held, progress: Progress, signal?: AbortSignal): Promise<RawTable | null> {
    if (held.table || held.source.archive) return held.table;
    const { source } = held;
    if (source.sheet !== null) return withSheet(source, source.sheet).table;
    const again = await readSourceFile(source.id, held.file, this.reading(source.name, progress), signal);
    if (again.hash !== source.hash || !again.table) throw new Error(`${source.name} has changed since it was read: drop it again.`);
    return again.table;
  }

  private reading(name: string, progress: Progress) {
    return (p: { rows: number; bytes: number; totalBytes: number }) => progress({ phase: 'reading', file: name, done: p.rows, total: null, bytes: p.bytes, totalBytes: p.totalBytes });
  }

  /** Reports rows checked as each file is staged. */
  private checking(choices: readonly FileChoice[], progress: Progress): (file: string, rowsDone: number) => void {
    const total = choices.reduce((n, c) => n + (this.files.get(c.id)?.rows ?? 1), 0);
    return (file, done) => progress({ phase: 'checking', file, done, total, bytes: null, totalBytes: null });
  }
}
