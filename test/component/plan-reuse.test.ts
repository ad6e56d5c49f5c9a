// Confirming a preview writes the plan the preview made, each file's records given the batch id
// the commit made for it; a store changed in between (history or hand-made groups) is planned afresh.
import { describe, expect, it } from 'vitest';
import { commitImport, forgetStaging, previewImport, undoFrom } from '../../src/db/imports';
import { createGroup } from '../../src/db/groups';
import { resetDbForTests } from '../../src/db/schema';
import type { ScrutineerDb } from '../../src/db/schema';
import type { ObservationSeries } from '../../src/domain/types';
import { csvDraft as draft } from '../support/drafts';
import { generate } from '../../scripts/gen-observations.mjs';

const dataset = { id: 'gen', name: 'Generated' };
const HEAD = 'PI Code,Period,Breakdown,Value,Count,Status,Statistical neighbours,Commentary';

/** Every record of the store's tables that an import writes, undo images included. */
async function contents(db: ScrutineerDb) {
  const names = ['portfolios', 'measures', 'observations', 'targets', 'commentary', 'batchUndo'] as const;
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await db.table(n).toArray()])));
}

const seriesOf = async (db: ScrutineerDb, code: string, name = 'actual') => (await db.table('observations').get([code, name])) as ObservationSeries | undefined;

describe("the preview's plan, confirmed", () => {
  it('writes what planning afresh writes: the same records, batch ids and undo images', async () => {
    const g = generate({ rows: 60, periods: 4, comparators: 1, seed: 9 });
    const files = () => [draft('measures.csv', g.measuresCsv), draft('observations.csv', g.observationsCsv)];
    const run = async (name: string, fresh: boolean) => {
      const db = resetDbForTests(name);
      const drafts = files();
      const plans = await previewImport(drafts, dataset);
      if (fresh) forgetStaging();
      const ids = await commitImport(drafts, dataset, plans.map((p) => p.total));
      // The preview's own plan objects were written (given the real ids) only when kept.
      const written = plans[1]?.writes.find((w) => w.table === 'observations')?.after as ObservationSeries;
      return { ids, db, keptIds: written.points.map((p) => p.batchId), store: await contents(db) };
    };
    const kept = await run('plan-kept', false);
    const fresh = await run('plan-fresh', true);
    expect(kept.ids).toEqual(fresh.ids);
    expect(kept.store).toEqual(fresh.store);
    expect(kept.keptIds.every((id) => id === kept.ids[1])).toBe(true);
    expect(fresh.keptIds.every((id) => id === -2)).toBe(true);
    kept.db.close();
    fresh.db.close();
  });

  it('gives each file of one import its own batch id, and undoing the later file puts back the earlier one\'s records', async () => {
    const db = resetDbForTests('plan-two-files');
    const g = generate({ rows: 8, periods: 2, comparators: 0, seed: 3 });
    const first = g.observationsCsv.split(/\r?\n/).filter((l) => l.startsWith('GEN.1,'));
    expect(first.length).toBe(2);
    // The second file changes GEN.1's first figure and adds a period after the two the first file gives.
    const [, period0] = first[0]?.split(',') ?? [];
    const a = draft('a.csv', [HEAD, ...first].join('\n'));
    const b = draft('b.csv', [HEAD, `GEN.1,${period0 ?? ''},,41.5,,,,`, 'GEN.1,Q2 2026/27,,42.5,,,,'].join('\n'));
    const measures = draft('measures.csv', g.measuresCsv);
    const plans = await previewImport([measures, a, b], dataset);
    expect(plans.flatMap((p) => p.issues.filter((i) => i.level === 'error'))).toEqual([]);
    const [idMeasures, idA, idB] = await commitImport([measures, a, b], dataset, plans.map((p) => p.total));
    const after = await seriesOf(db, 'GEN.1');
    // The first figure as changed by the second file, the second as the first file gave it, then the added one.
    expect(after?.points.map((p) => [p.value, p.batchId])).toEqual([[41.5, idB], [after?.points[1]?.value, idA], [42.5, idB]]);
    expect(after?.points[2]?.period).toBe('2026/27 Q2');
    expect(idMeasures).toBeLessThan(idA ?? 0);

    // Undoing the second file leaves the first file's series, with the first file's id on every point.
    await undoFrom(idB ?? 0);
    const back = await seriesOf(db, 'GEN.1');
    expect(back?.points).toHaveLength(2);
    expect(back?.points.every((p) => p.batchId === idA)).toBe(true);
    expect(back?.points[0]?.value).not.toBe(41.5);
    db.close();
  });

  it('is planned afresh when a neighbour group is edited by hand between the preview and its confirmation', async () => {
    const db = resetDbForTests('plan-groups');
    const g = generate({ rows: 20, periods: 2, comparators: 1, seed: 4 });
    const drafts = [draft('measures.csv', g.measuresCsv), draft('observations.csv', g.observationsCsv)];
    const plans = await previewImport(drafts, dataset);
    await createGroup('Our own comparators', []);
    const ids = await commitImport(drafts, dataset, plans.map((p) => p.total));
    const written = plans[1]?.writes.find((w) => w.table === 'observations')?.after as ObservationSeries;
    // The preview's plan was not the one written: its points still carry the preview's id.
    expect(written.points.every((p) => p.batchId === -2)).toBe(true);
    const stored = await seriesOf(db, written.measureCode, written.series);
    expect(stored?.points.every((p) => p.batchId === ids[1])).toBe(true);
    db.close();
  });
});
