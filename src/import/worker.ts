// The import worker: the engine behind a message port. Each request answers once; reads and
// commits report progress on the way and can be cancelled.
import { ImportEngine } from './engine';
import { dispatch } from './dispatch';
import type { FromWorker, ToWorker } from './protocol';

const engine = new ImportEngine();
const running = new Map<number, AbortController>();
const scope = self as unknown as { postMessage(message: FromWorker): void; addEventListener(type: 'message', fn: (e: MessageEvent<ToWorker>) => void): void };

scope.addEventListener('message', (event) => {
  const message = event.data;
  if ('cancel' in message) {
    running.get(message.rid)?.abort();
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
  dispatch(engine, message.body, progress, controller.signal).then(
    (value) => scope.postMessage({ rid: message.rid, ok: true, value }),
    (e: unknown) => scope.postMessage({ rid: message.rid, ok: false, error: { name: e instanceof Error ? e.name : 'Error', message: e instanceof Error ? e.message : String(e) } }),
  ).finally(() => running.delete(message.rid));
});
