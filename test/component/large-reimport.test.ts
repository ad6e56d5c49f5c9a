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
  // Not the history, nor the read copies of the data (which every write drops: copies.ts).
  for (const t of db.tables) if (!['batches', 'batchUndo', 'copies'].includes(t.name)) out[t.name] = await t.toArray();
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
    const reports: number[][] = [];
    await commitImport(files, dataset, first.map((p) => p.total), undefined, undefined, { onWrite: (...r) => reports.push(r) });
    const stored = await dump(db);
    expect(stored.observations).toHaveLength(897);
    // The writes reported rows (a series its points) and the store's records, each up to its total.
    const [, rows = 0, , records = 0] = reports[0] ?? [];
    expect(reports.at(-1)).toEqual([rows, rows, records, records]);
    const written = Object.entries(stored).filter(([name]) => name !== 'meta');
    expect(records).toBe(written.reduce((n, [, t]) => n + t.length, 0));
    // Rows: each series its points (1,196 rows of a figure and two comparators), each other record one.
    const points = (stored.observations as { points: unknown[] }[]).reduce((n, o) => n + o.points.length, 0);
    expect(points).toBe(1196 * 3);
    expect(rows).toBe(records - 897 + points);
    expect(reports.every((r, i) => i === 0 || ((r[0] ?? 0) >= (reports[i - 1]?.[0] ?? 0) && (r[2] ?? 0) > (reports[i - 1]?.[2] ?? 0)))).toBe(true);

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
