import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/domain/import/read-table';
import { guessFile, planFiles, stageFiles } from '../../src/domain/import/stage';
import type { TableDraft } from '../../src/domain/import/stage';
import type { RawTable } from '../../src/domain/import/read-table';

const ROOT = path.resolve(__dirname, '../..');
const SEED = ['priorities', 'measures', 'comparators', 'budget', 'budget-bridge', 'reserves', 'savings', 'capital', 'narrative'].map((n) => `fixtures/seed-003/${n}.csv`);
const MINUTES = ['fixtures/seed-001-minutes/narrative.csv', 'fixtures/seed-000-minutes/narrative.csv'];
const Q2 = ['observations', 'budget', 'reserves', 'savings', 'narrative'].map((n) => `fixtures/q2-update-illustrative/${n}.csv`);

function draft(rel: string): TableDraft & { table: RawTable } {
  const read = readCsv(rel, readFileSync(path.join(ROOT, rel), 'utf8'));
  if (!read.ok) throw new Error(JSON.stringify(read.issues));
  const { kind, roles } = guessFile(read.table);
  return { id: rel, name: rel, hash: rel, table: read.table, kind, roles };
}

describe('the sample files', () => {
  const drafts = [...SEED, ...MINUTES, ...Q2].map(draft);
  const files = stageFiles(drafts, 'cfse', new Map());
  const plans = planFiles(files, new Map(), files.map((_, i) => i + 1));

  it('are each recognised as the kind they are', () => {
    expect(files.map((f) => [f.name, f.kind])).toEqual([
      ['fixtures/seed-003/priorities.csv', 'priorities'],
      ['fixtures/seed-003/measures.csv', 'measures'],
      ['fixtures/seed-003/comparators.csv', 'observations'],
      ['fixtures/q2-update-illustrative/observations.csv', 'observations'],
      ['fixtures/seed-003/budget.csv', 'budget'],
      ['fixtures/q2-update-illustrative/budget.csv', 'budget'],
      ['fixtures/seed-003/budget-bridge.csv', 'bridge'],
      ['fixtures/seed-003/reserves.csv', 'reserves'],
      ['fixtures/q2-update-illustrative/reserves.csv', 'reserves'],
      ['fixtures/seed-003/savings.csv', 'savings'],
      ['fixtures/q2-update-illustrative/savings.csv', 'savings'],
      ['fixtures/seed-003/capital.csv', 'capital'],
      ['fixtures/seed-003/narrative.csv', 'narrative'],
      ['fixtures/seed-001-minutes/narrative.csv', 'narrative'],
      ['fixtures/seed-000-minutes/narrative.csv', 'narrative'],
      ['fixtures/q2-update-illustrative/narrative.csv', 'narrative'],
    ]);
  });

  it('import without errors, every column read', () => {
    expect(plans.flatMap((p) => p.issues.filter((i) => i.level === 'error'))).toEqual([]);
    expect(drafts.flatMap((f) => f.roles.flatMap((r, i) => (r.type === 'ignore' ? [`${f.name}: ${f.table.headers[i] ?? ''}`] : [])))).toEqual([]);
  });

  it('hold seed 003 as printed', () => {
    const staged = Object.fromEntries(files.map((f) => [f.name, f.staged]));
    const measures = staged['fixtures/seed-003/measures.csv']?.measures ?? [];
    expect(new Set(measures.map((m) => m.priority))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(measures.find((m) => m.code === 'CSFE.9(i)')).toMatchObject({ gms: true, polarity: 'High', frequency: 'Annually' });
    const budget = staged['fixtures/seed-003/budget.csv']?.budgetLines ?? [];
    expect(budget.find((l) => l.lineType === 'total')).toMatchObject({ gross: 59033, income: -14522, net: 44511 });
    const reserves = staged['fixtures/seed-003/reserves.csv']?.reserves ?? [];
    expect(reserves.filter((r) => r.lineType === 'total').map((r) => r.balance)).toEqual([1108, 1248]);
    const savings = staged['fixtures/seed-003/savings.csv']?.savings ?? [];
    expect(savings.find((s) => s.proposal === 'Directorate Total')).toMatchObject({ identified: 0.132, achieved: 0.132 });
  });
});
