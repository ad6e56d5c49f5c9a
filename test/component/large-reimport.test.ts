// An import larger than the store's key lookups fetch one by one: the same files again change
// nothing, one changed figure is one update, and undo puts the store back exactly.
import type Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { commitImport, previewImport, undoFrom } from '../../src/db/imports';
import { resetDbForTests } from '../../src/db/schema';
import { csvDraft as draft } from '../support/drafts';
import { generate } from '../../scripts/gen-observations.mjs';

const dataset = { id: 'gen', name: 'Generated' };

async function dump(db: Dexie): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of db.tables) if (!['batches', 'batchUndo'].includes(t.name)) out[t.name] = await t.toArray();
  return out;
}

describe('a large import read back and imported again', () => {
  it('finds every stored record, so nothing changes the second time, and one changed cell is one update', async () => {
    const db = resetDbForTests('large-reimport');
    // 299 measures, 4 quarters, 2 comparators: 1,196 rows, 897 series. The last measure's figures are decimals (no quoted commas).
    const g = generate({ rows: 1196, periods: 4, comparators: 2, seed: 3 });
    const files = [draft('measures.csv', g.measuresCsv), draft('observations.csv', g.observationsCsv)];
    const first = await previewImport(files, dataset);
    expect(first.every((p) => p.issues.every((i) => i.level !== 'error'))).toBe(true);
    await commitImport(files, dataset, first.map((p) => p.total));
    const stored = await dump(db);
    expect(stored.observations).toHaveLength(897);

    const again = await previewImport(files, dataset);
    expect(again.map((p) => [p.total.add, p.total.update])).toEqual([[0, 0], [0, 0]]);
    expect(again[1]?.total.unchanged).toBe(first[1]?.total.add);

    // One figure changed in the last row of the observations file.
    const lines = g.observationsCsv.trimEnd().split('\n');
    const last = (lines.at(-1) ?? '').split(',');
    last[3] = '12345';
    const changed = draft('observations.csv', `${[...lines.slice(0, -1), last.join(',')].join('\n')}\n`);
    const plans = await previewImport([changed], dataset);
    expect(plans[0]?.counts.observations).toMatchObject({ add: 0, update: 1 });
    const [batch] = await commitImport([changed], dataset, plans.map((p) => p.total));
    const series = await db.table('observations').get([last[0], 'actual']);
    expect(series.points.at(-1)).toMatchObject({ value: 12345, raw: '12345' });

    await undoFrom(batch as number);
    expect(await dump(db)).toEqual(stored);
    db.close();
  });
});
