// What the pages should show for the sample, computed straight from the fixture files with
// the domain rules (no browser, no IndexedDB): an independent path to the same answer.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Dataset } from '../../src/domain/dataset';
import { readCsv } from '../../src/domain/import/read-table';
import { guessFile, planFiles, stageFiles } from '../../src/domain/import/stage';
import { buildMeasureRows } from '../../src/domain/measure-rows';
import type { MeasureRow } from '../../src/domain/measure-rows';
import { DEFAULT_TOLERANCE } from '../../src/domain/rag';
import type { Stored } from '../../src/domain/records';

const ROOT = path.resolve(import.meta.dirname, '../..');

const SAMPLE = [
  ...['priorities', 'measures', 'comparators', 'budget', 'budget-bridge', 'reserves', 'savings', 'capital', 'narrative'].map((n) => `fixtures/seed-003/${n}.csv`),
  'fixtures/seed-001-minutes/narrative.csv',
  'fixtures/seed-000-minutes/narrative.csv',
  ...['observations', 'budget', 'reserves', 'savings', 'narrative'].map((n) => `fixtures/q2-update-illustrative/${n}.csv`),
];

export function sampleDataset(): Dataset {
  const drafts = SAMPLE.map((rel) => {
    const read = readCsv(rel, readFileSync(path.join(ROOT, rel), 'utf8'));
    if (!read.ok) throw new Error(rel);
    const { kind, roles } = guessFile(read.table);
    return { id: rel, name: rel, hash: rel, table: read.table, kind, roles };
  });
  const existing = new Map();
  planFiles(stageFiles(drafts, 'children-family-services-and-education', new Map()), existing, drafts.map((_, i) => i + 1));
  const records = [...existing.entries()];
  const table = <T extends keyof Stored>(name: T) => records.filter(([k]) => k.startsWith(`${name}:`)).map(([, v]) => v) as Stored[T];
  return {
    portfolio: table('portfolios')[0] ?? null,
    priorities: table('priorities'),
    measures: table('measures'),
    observations: table('observations'),
    targets: table('targets'),
    commentary: table('commentary'),
    budgetLines: table('budgetLines'),
    bridgeLines: table('bridgeLines'),
    reserves: table('reserves'),
    savings: table('savings'),
    capital: table('capital'),
    narrative: table('narrative'),
    benchmarks: table('benchmarks'),
    neighbourGroups: table('neighbourGroups'),
  };
}

export function sampleRows(period: string, tolerance = DEFAULT_TOLERANCE): MeasureRow[] {
  return buildMeasureRows(sampleDataset(), period, tolerance);
}
