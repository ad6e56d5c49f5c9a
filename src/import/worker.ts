// The import worker: the engine behind a message port. Each request answers once; reads and
// commits report progress on the way and can be cancelled.
import { ImportEngine } from './engine';
import { dispatch } from './dispatch';
import type { FromWorker, ToWorker } from './protocol';
import { pieceBuffers } from '../db/packed-series';
import type { SeriesPiece } from '../db/packed-series';

const engine = new ImportEngine();
/**
 * Pieces of series sent ahead of the page taking them in: the next is ready while the page takes in
 * one, and the worker can read the store's next page meanwhile. Few, as Chromium may hand the page
 * several waiting messages in one task.
 */
const PIECES_AHEAD = 2;
const running = new Map<number, AbortController>();
const taken = new Map<number, () => void>();
const scope = self as unknown as { postMessage(message: FromWorker, transfer?: Transferable[]): void; addEventListener(type: 'message', fn: (e: MessageEvent<ToWorker>) => void): void };

scope.addEventListener('message', (event) => {
  const message = event.data;
  if ('cancel' in message) {
    running.get(message.rid)?.abort();
    return;
  }
  if ('taken' in message) {
    taken.get(message.rid)?.();
    return;
  }
  const controller = new AbortController();
  running.set(message.rid, controller);
  // Progress at most every 100 ms: the page need not redraw more often.
  let last = 0;
  const progress = (p: Parameters<Parameters<typeof dispatch>[2]>[0]) => {
    const now = performance.now();
    if (now - last < 100 && p.done !== p.total) return;
    last = now;
    scope.postMessage({ rid: message.rid, progress: p });
  };
  // A piece of series, and a promise kept once fewer than PIECES_AHEAD pieces wait for the page.
  let waiting = 0;
  let release: (() => void) | null = null;
  taken.set(message.rid, () => {
    waiting--;
    const go = release;
    release = null;
    go?.();
  });
  const send = (piece: SeriesPiece) => {
    scope.postMessage({ rid: message.rid, piece }, pieceBuffers(piece));
    waiting++;
    return waiting < PIECES_AHEAD ? undefined : new Promise<void>((resolve) => { release = resolve; });
  };
  dispatch(engine, message.body, progress, controller.signal, send).then(
    (value) => scope.postMessage({ rid: message.rid, ok: true, value }),
    (e: unknown) => scope.postMessage({ rid: message.rid, ok: false, error: { name: e instanceof Error ? e.name : 'Error', message: e instanceof Error ? e.message : String(e) } }),
  ).finally(() => {
    running.delete(message.rid);
    taken.delete(message.rid);
  });
});
