import { readFileSync } from 'node:fs';
import path from 'node:path';
import type Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { commitImport, previewImport } from '../../src/db/imports';
import { resetDbForTests } from '../../src/db/schema';
import { readCsv } from '../../src/domain/import/read-table';
import { guessFile } from '../../src/domain/import/stage';
import type { TableDraft } from '../../src/domain/import/stage';
import { describeWriteError } from '../../src/queries/store';

const ROOT = path.resolve(import.meta.dirname, '../..');
const draft = (rel: string): TableDraft => {
  const read = readCsv(rel, readFileSync(path.join(ROOT, rel), 'utf8'));
  if (!read.ok) throw new Error(rel);
  const { kind, roles } = guessFile(read.table);
  return { id: rel, name: rel, hash: rel, table: read.table, kind, roles };
};
const dataset = { id: 'cfse', name: 'CFSE' };
const files = ['fixtures/seed-003/priorities.csv', 'fixtures/seed-003/measures.csv', 'fixtures/seed-003/budget.csv'].map(draft);

async function dump(db: Dexie): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of db.tables) out[t.name] = await t.toArray();
  return out;
}

describe('a write that fails part-way', () => {
  it.each([
    ['the storage is full', () => new DOMException('The quota has been exceeded.', 'QuotaExceededError'), /no more storage space/],
    ['the tab goes away mid-write', () => new DOMException('The transaction was aborted.', 'AbortError'), /^Nothing was imported; everything stored before is kept as it was/],
  ])('when %s, stores nothing of the import and keeps what was there', async (_what, error, message) => {
    const db = resetDbForTests(`faults-${String(message)}`);
    await commitImport([files[0] as TableDraft], dataset, (await previewImport([files[0] as TableDraft], dataset)).map((p) => p.total));
    const before = await dump(db);
    const plans = await previewImport(files, dataset);
    // The budget lines are written after the measures: fail there, with the measures already put.
    const fail = () => {
      throw error();
    };
    db.table('budgetLines').hook('creating', fail);
    const failure = await commitImport(files, dataset, plans.map((p) => p.total)).then(() => null, (e: unknown) => e);
    db.table('budgetLines').hook('creating').unsubscribe(fail);
    expect(failure).not.toBeNull();
    expect(describeWriteError(failure)).toMatch(message);
    expect(await dump(db)).toEqual(before);
  });
});
