// The page's handle on the import engine: in a Web Worker where the browser has them and the store
// is IndexedDB (which the worker opens too); on the page itself where the store lives in memory
// (a worker cannot see it) or there are no workers (tests).
import { isMemoryOnly } from '../db/schema';
import { fromPieceLazily } from '../db/packed-series';
import type { SeriesPiece } from '../db/packed-series';
import type { SeriesReader } from '../db/read';
import { ACTUAL_SERIES } from '../domain/types';
import type { ObservationSeries } from '../domain/types';
import type { ColumnRole } from '../domain/import/headers';
import type { CommitRequest, FileSummary, FromWorker, ImportProgress, PlanRequest, PlanSummary, Request, StatsSummary, ToWorker } from './protocol';

type OnProgress = (p: ImportProgress) => void;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (e: Error) => void;
  onProgress: OnProgress | undefined;
  onPiece?: (piece: SeriesPiece) => void;
}

/** An error as the engine threw it, by name, so the page can tell a cancel or a full disk from other faults. */
function rebuild(error: { name: string; message: string }): Error {
  const e = new Error(error.message);
  e.name = error.name;
  return e;
}

class WorkerRunner {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private next = 1;
  private retired = false;

  constructor() {
    this.worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'import' });
    this.worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
      const m = event.data;
      const p = this.pending.get(m.rid);
      if (!p) return;
      if ('progress' in m) {
        p.onProgress?.(m.progress);
        return;
      }
      if ('piece' in m) {
        p.onPiece?.(m.piece);
        // Taken in: the worker may send one more (it keeps only a couple waiting).
        this.worker.postMessage({ rid: m.rid, taken: true } satisfies ToWorker);
        return;
      }
      this.pending.delete(m.rid);
      if (m.ok) p.resolve(m.value);
      else p.reject(rebuild(m.error));
      this.endIfRetired();
    });
    this.worker.addEventListener('error', (event) => {
      for (const p of this.pending.values()) p.reject(new Error(`The import worker failed: ${event.message || 'unknown error'}`));
      this.pending.clear();
    });
  }

  /**
   * Ends the worker once its requests are answered. After a commit it holds nothing the page needs,
   * but its heap still counts what the import held (the parsed table, the staging, the plan) until
   * the garbage collector next runs, which a worker that goes on reading may not do for a long time.
   */
  retire(): void {
    this.retired = true;
    this.endIfRetired();
  }

  private endIfRetired(): void {
    if (this.retired && this.pending.size === 0) this.worker.terminate();
  }

  run(body: Request, onProgress?: OnProgress, signal?: AbortSignal, onPiece?: (piece: SeriesPiece) => void): Promise<unknown> {
    const rid = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(rid, { resolve, reject, onProgress, ...(onPiece ? { onPiece } : {}) });
      signal?.addEventListener('abort', () => this.worker.postMessage({ rid, cancel: true } satisfies ToWorker), { once: true });
      this.worker.postMessage({ rid, body } satisfies ToWorker);
    });
  }
}

class LocalRunner {
  // Loaded with the first import, like the worker: the page's first load does not carry it.
  private readonly engine = Promise.all([import('./engine'), import('./dispatch')]).then(([e, d]) => ({ engine: new e.ImportEngine(), dispatch: d.dispatch }));
  async run(body: Request, onProgress?: OnProgress, signal?: AbortSignal): Promise<unknown> {
    const { engine, dispatch } = await this.engine;
    return dispatch(engine, body, onProgress ?? (() => {}), signal ?? new AbortController().signal);
  }
}

/** The engine runs in a worker where the browser has workers and the store is IndexedDB (a worker cannot see an in-memory store). */
const workerPossible = (): boolean => typeof Worker !== 'undefined' && !isMemoryOnly();

export class ImportClient {
  private runner: WorkerRunner | LocalRunner | null = null;
  /** Files read and not yet committed or forgotten: the engine holds them. */
  private readonly held = new Set<string>();
  /** Files being read now: a file dropped while others are written is held once read. */
  private reading = 0;

  /** Where the engine runs, chosen on first use (the store is open by then). */
  get inWorker(): boolean {
    return this.get() instanceof WorkerRunner;
  }

  private get(): WorkerRunner | LocalRunner {
    this.runner ??= workerPossible() ? new WorkerRunner() : new LocalRunner();
    return this.runner;
  }

  async read(file: File, onProgress?: OnProgress, signal?: AbortSignal): Promise<FileSummary> {
    this.reading++;
    try {
      const summary = await this.get().run({ op: 'read', file }, onProgress, signal) as FileSummary;
      this.held.add(summary.id);
      return summary;
    } finally {
      this.reading--;
    }
  }

  sheet(id: string, sheet: string): Promise<FileSummary> {
    return this.get().run({ op: 'sheet', id, sheet }) as Promise<FileSummary>;
  }

  statistics(id: string, roles: ColumnRole[]): Promise<StatsSummary | null> {
    return this.get().run({ op: 'statistics', id, roles }) as Promise<StatsSummary | null>;
  }

  forget(ids: string[]): Promise<void> {
    // Only files it holds: a worker retired after a commit is not started again to forget them.
    const held = ids.filter((id) => this.held.delete(id));
    return held.length === 0 ? Promise.resolve() : this.get().run({ op: 'forget', ids: held }) as Promise<void>;
  }

  preview(request: PlanRequest, onProgress?: OnProgress): Promise<PlanSummary[]> {
    return this.get().run({ op: 'preview', request }, onProgress) as Promise<PlanSummary[]>;
  }

  async commit(request: CommitRequest, onProgress?: OnProgress, signal?: AbortSignal): Promise<number[]> {
    const ids = await this.get().run({ op: 'commit', request }, onProgress, signal) as number[];
    // The engine lets go of committed files; once it holds none (and is reading none), a fresh
    // worker serves what comes next.
    for (const f of request.files) this.held.delete(f.id);
    if (this.held.size === 0 && this.reading === 0 && this.runner instanceof WorkerRunner) {
      this.runner.retire();
      this.runner = null;
    }
    return ids;
  }

  /**
   * A reader of stored series in the import worker, or null where the engine runs on the page. The
   * worker reads and sends them in pieces; each piece is taken in as its own message (a task of a
   * few milliseconds), so a large portfolio never holds the page in one long read.
   */
  seriesReader(): SeriesReader | null {
    if (!workerPossible()) return null;
    // The worker is started for a read only when the read is large (see readDataset).
    return {
      ready: this.runner instanceof WorkerRunner,
      read: async (codes) => {
        const runner = this.get() as WorkerRunner;
        const out: ObservationSeries[] = [];
        await runner.run({ op: 'series', codes: [...codes] }, undefined, undefined, (piece) => {
          // The council's own figures are made at once (every measure's rating reads them); the comparators when first read.
          for (const s of fromPieceLazily(piece, (name) => name === ACTUAL_SERIES)) out.push(s);
        });
        return out;
      },
      release: () => {
        if (this.runner instanceof WorkerRunner) void this.runner.run({ op: 'copies' }).catch(() => {});
      },
    };
  }
}

/** The app's one import engine. */
export const importClient = new ImportClient();
