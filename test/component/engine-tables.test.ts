// The import engine lets a file's parsed table go once it is staged (a large file's table is most
// of what an import holds), and reads the file again only when it must be staged again: other
// column choices, or a store that changed between the preview and its confirmation.
import { describe, expect, it } from 'vitest';
import { ImportEngine } from '../../src/import/engine';
import type { FileSummary, ImportProgress, PlanRequest } from '../../src/import/protocol';
import { resetDbForTests } from '../../src/db/schema';
import { ImportCancelledError } from '../../src/db/imports';
import type { ScrutineerDb } from '../../src/db/schema';
import { generate } from '../../scripts/gen-observations.mjs';

const dataset = { id: 'gen', name: 'Generated' };
const g = generate({ rows: 80, periods: 4, comparators: 2, seed: 11 });
const csv = (name: string, text: string): File => new File([text], name, { type: 'text/csv' });

/** The files read by an engine, and the progress phases it reports per request. */
async function engineWithFiles() {
  const engine = new ImportEngine();
  const phases: string[] = [];
  const progress = (p: ImportProgress) => { phases.push(`${p.phase} ${p.file}`); };
  const read = async (name: string, text: string): Promise<FileSummary> => engine.read(csv(name, text), () => {});
  const summaries = [await read('measures.csv', g.measuresCsv), await read('observations.csv', g.observationsCsv)];
  const request = (change: (s: FileSummary) => FileSummary['roles'] = (s) => s.roles): PlanRequest => ({
    dataset,
    files: summaries.map((s) => ({ id: s.id, kind: s.kind ?? 'measures', roles: change(s) })),
  });
  return { engine, phases, progress, request, summaries };
}

/** Another import landing between a preview and its confirmation: the measures alone, through a second engine (another tab, say). */
async function importElsewhere(): Promise<void> {
  const other = new ImportEngine();
  const measures = await other.read(csv('measures.csv', g.measuresCsv), () => {});
  const only = { dataset, files: [{ id: measures.id, kind: measures.kind ?? 'measures', roles: measures.roles }] };
  const plans = await other.preview(only, () => {});
  await other.commit({ ...only, expected: plans.map((p) => p.total), source: 'file' }, () => {});
}

/** The files read again, each once, in the order they were read. */
const readAgain = (phases: readonly string[]) => [...new Set(phases.filter((p) => p.startsWith('reading ')))];

async function stored(db: ScrutineerDb) {
  const names = ['measures', 'observations', 'targets', 'batchUndo'] as const;
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await db.table(n).toArray()])));
}

describe('the engine, once a file is staged', () => {
  it('commits the preview without reading the file again', async () => {
    const db = resetDbForTests('engine-tables-commit');
    const { engine, phases, progress, request } = await engineWithFiles();
    const plans = await engine.preview(request(), progress);
    expect(plans.map((p) => p.errorCount)).toEqual([0, 0]);
    phases.length = 0;
    await engine.commit({ ...request(), expected: plans.map((p) => p.total), source: 'file' }, progress);
    expect(readAgain(phases)).toEqual([]);
    expect(await db.table('observations').count()).toBeGreaterThan(0);
    db.close();
  });

  it('reads the file again for other column choices, and previews what a fresh read would', async () => {
    resetDbForTests('engine-tables-choices');
    const { engine, phases, progress, request } = await engineWithFiles();
    await engine.preview(request(), progress);
    // The commentary column set aside: the observations must be staged again, from the file.
    const ignoreCommentary = (s: FileSummary) => s.roles.map((r, i) => (s.table?.headers[i] === 'Commentary' ? { type: 'ignore' as const } : r));
    phases.length = 0;
    const again = await engine.preview(request(ignoreCommentary), progress);
    expect(readAgain(phases)).toEqual(['reading measures.csv', 'reading observations.csv']);

    resetDbForTests('engine-tables-fresh');
    const fresh = await engineWithFiles();
    const first = await fresh.engine.preview(fresh.request(ignoreCommentary), fresh.progress);
    expect(again.map((p) => [p.total, p.counts, p.issues])).toEqual(first.map((p) => [p.total, p.counts, p.issues]));
  });

  it('reads the files again when the store changed since the preview, and then refuses the stale preview', async () => {
    const db = resetDbForTests('engine-tables-stale');
    const { engine, phases, progress, request } = await engineWithFiles();
    const plans = await engine.preview(request(), progress);
    await importElsewhere();
    const before = await stored(db);
    phases.length = 0;
    await expect(engine.commit({ ...request(), expected: plans.map((p) => p.total), source: 'file' }, progress)).rejects.toThrow(/changed since this preview/);
    expect(readAgain(phases)).toEqual(['reading measures.csv', 'reading observations.csv']);
    expect(await stored(db)).toEqual(before);
    // A new preview of the same files then commits.
    const fresh = await engine.preview(request(), progress);
    await engine.commit({ ...request(), expected: fresh.map((p) => p.total), source: 'file' }, progress);
    expect(await db.table('observations').count()).toBeGreaterThan(0);
    db.close();
  });

  it('takes a cancel while it reads the files again as the import cancelled: nothing is written', async () => {
    const db = resetDbForTests('engine-tables-cancel');
    const { engine, phases, progress, request } = await engineWithFiles();
    const plans = await engine.preview(request(), progress);
    await importElsewhere();
    const before = await stored(db);
    const cancelled = new AbortController();
    cancelled.abort();
    await expect(engine.commit({ ...request(), expected: plans.map((p) => p.total), source: 'file' }, progress, cancelled.signal)).rejects.toThrow(ImportCancelledError);
    expect(await stored(db)).toEqual(before);
    // Still held: previewed and confirmed again, it is written.
    phases.length = 0;
    const fresh = await engine.preview(request(), progress);
    await engine.commit({ ...request(), expected: fresh.map((p) => p.total), source: 'file' }, progress);
    expect(await db.table('observations').count()).toBeGreaterThan(0);
    db.close();
  });

  it('stores what an engine that kept its tables stores', async () => {
    const run = async (name: string, letGoFirst: boolean) => {
      const db = resetDbForTests(name);
      const { engine, progress, request } = await engineWithFiles();
      const plans = await engine.preview(request(), progress);
      if (letGoFirst) {
        // Previewed twice: the second preview stages from the files read again.
        const ignoreStatus = (s: FileSummary) => s.roles.map((r, i) => (s.table?.headers[i] === 'Status' ? { type: 'ignore' as const } : r));
        await engine.preview(request(ignoreStatus), progress);
        const back = await engine.preview(request(), progress);
        expect(back.map((p) => p.total)).toEqual(plans.map((p) => p.total));
      }
      await engine.commit({ ...request(), expected: plans.map((p) => p.total), source: 'file' }, progress);
      const out = await stored(db);
      db.close();
      return out;
    };
    expect(await run('engine-tables-again', true)).toEqual(await run('engine-tables-once', false));
  });
});
