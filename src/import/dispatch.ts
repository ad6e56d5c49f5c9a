// One request to the engine, wherever it runs.
import type { ImportEngine, Progress } from './engine';
import type { Request } from './protocol';
import type { SeriesPiece } from '../db/packed-series';
import { releaseCopies } from '../db/copies';

export async function dispatch(engine: ImportEngine, body: Request, progress: Progress, signal: AbortSignal, send: (piece: SeriesPiece) => void | Promise<void> = () => {}): Promise<unknown> {
  switch (body.op) {
    case 'read':
      return engine.read(body.file, progress, signal);
    case 'sheet':
      return engine.sheet(body.id, body.sheet);
    case 'statistics':
      return engine.statistics(body.id, body.roles);
    case 'forget':
      engine.forget(body.ids);
      return null;
    case 'preview':
      return engine.preview(body.request, progress);
    case 'commit':
      return engine.commit(body.request, progress, signal);
    case 'series':
      await engine.series(body.codes, send);
      return null;
    case 'copies':
      releaseCopies();
      return null;
  }
}
