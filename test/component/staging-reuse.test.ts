// Confirming a preview writes what was staged for it, without reading every row again; a store
// that changed in between is staged afresh.
import { describe, expect, it } from 'vitest';
import { commitImport, previewImport } from '../../src/db/imports';
import { resetDbForTests } from '../../src/db/schema';
import { csvDraft as draft } from '../support/drafts';
import { generate } from '../../scripts/gen-observations.mjs';

const dataset = { id: 'gen', name: 'Generated' };

/** The files each staging reported rows for (staging reports progress as it reads rows; a kept staging does not). */
function stagingSpy() {
  const files: string[] = [];
  return { files, onProgress: (file: string) => { files.push(file); } };
}

describe('the staging kept from a preview', () => {
  it('is what the commit writes: the rows are read once', async () => {
    const db = resetDbForTests('staging-reuse');
    const g = generate({ rows: 40, periods: 4, comparators: 1, seed: 5 });
    const files = [draft('measures.csv', g.measuresCsv), draft('observations.csv', g.observationsCsv)];
    const preview = stagingSpy();
    const plans = await previewImport(files, dataset, { onProgress: preview.onProgress });
    expect(preview.files).toEqual(['measures.csv', 'observations.csv']);
    const commit = stagingSpy();
    await commitImport(files, dataset, plans.map((p) => p.total), 'file', new Date(), { onProgress: commit.onProgress });
    expect(commit.files).toEqual([]);
    const series = plans[1]?.writes.filter((w) => w.table === 'observations') ?? [];
    expect(series.length).toBeGreaterThan(0);
    expect(await db.table('observations').count()).toBe(series.length);
    db.close();
  });

  it('is not used once the store has changed since the preview', async () => {
    const db = resetDbForTests('staging-stale');
    const g = generate({ rows: 40, periods: 4, comparators: 1, seed: 5 });
    const files = [draft('measures.csv', g.measuresCsv), draft('observations.csv', g.observationsCsv)];
    const plans = await previewImport(files, dataset);
    // Another import lands between the preview and its confirmation.
    const other = [draft('measures.csv', g.measuresCsv)];
    await commitImport(other, dataset, (await previewImport(other, dataset)).map((p) => p.total));
    const commit = stagingSpy();
    await expect(commitImport(files, dataset, plans.map((p) => p.total), 'file', new Date(), { onProgress: commit.onProgress })).rejects.toThrow();
    expect(commit.files).toContain('observations.csv');
    db.close();
  });
});
