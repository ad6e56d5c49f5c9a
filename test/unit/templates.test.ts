// The templates offered on /import/formats are files a user fills in and imports: each must be
// recognised as the kind its name says, every column read, and together they must import cleanly.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILE_KINDS, KIND_TEMPLATES } from '../../src/domain/import/headers';
import type { FileKind } from '../../src/domain/import/headers';
import { readCsv } from '../../src/domain/import/read-table';
import type { RawTable } from '../../src/domain/import/read-table';
import { mapRows } from '../../src/domain/import/map-rows';
import { guessFile, stageFiles } from '../../src/domain/import/stage';
import type { TableDraft } from '../../src/domain/import/stage';

const DIR = path.resolve(import.meta.dirname, '../../public/templates');

/** The kind a template's file name promises. */
const KIND_BY_NAME: Record<string, FileKind> = {
  'priorities.csv': 'priorities',
  'measures-wide.csv': 'measures',
  'observations-long.csv': 'observations',
  'budget.csv': 'budget',
  'budget-bridge.csv': 'bridge',
  'reserves.csv': 'reserves',
  'savings.csv': 'savings',
  'capital.csv': 'capital',
  'narrative.csv': 'narrative',
  'neighbours.csv': 'neighbours',
  'statistics.csv': 'statistics',
};

const names = readdirSync(DIR).filter((n) => n.endsWith('.csv')).sort();

function readTemplate(name: string): RawTable {
  const result = readCsv(name, readFileSync(path.join(DIR, name), 'utf8'));
  expect(result.issues).toEqual([]);
  if (!result.ok) throw new Error(`${name} could not be read`);
  return result.table;
}

describe('import templates', () => {
  it('there is one template for every kind of file, and no other', () => {
    expect(names).toEqual(Object.keys(KIND_BY_NAME).sort());
    expect(new Set(Object.values(KIND_BY_NAME))).toEqual(new Set(FILE_KINDS));
    for (const [name, kind] of Object.entries(KIND_BY_NAME)) expect(KIND_TEMPLATES[kind]).toBe(name);
  });

  it.each(names)('%s is recognised as the kind its name says, with every column read', (name) => {
    const table = readTemplate(name);
    const { kind, roles } = guessFile(table);
    expect(kind).toBe(KIND_BY_NAME[name]);
    expect(roles).toHaveLength(table.headers.length);
    const unread = table.headers.filter((_, i) => roles[i]?.type === 'ignore');
    expect(unread).toEqual([]);
    expect(table.rows.length).toBeGreaterThan(0);
  });

  it('staged together (observations after the measures they refer to), the templates give no errors and every file gives records', () => {
    // A statistics file needs the user's choices (authority, indicators): it is staged on its own below.
    const drafts: TableDraft[] = names.filter((name) => KIND_BY_NAME[name] !== 'statistics').map((name) => {
      const table = readTemplate(name);
      const { kind, roles } = guessFile(table);
      return { id: name, name, hash: name, table, kind, roles };
    });
    const staged = stageFiles(drafts, 'template-portfolio', new Map());
    expect(staged.map((s) => s.name).sort()).toEqual(names.filter((name) => name !== 'statistics.csv'));
    const errors = staged.flatMap((s) => s.issues.filter((i) => i.level === 'error'));
    expect(errors).toEqual([]);
    for (const file of staged) {
      const records = Object.values(file.staged).reduce((n, list: unknown[]) => n + list.length, 0);
      expect(records, `${file.name} stages no records`).toBeGreaterThan(0);
    }
    // The observations template's measure is defined by the measures template.
    const observations = staged.find((s) => s.kind === 'observations');
    const measures = staged.find((s) => s.kind === 'measures');
    const codes = new Set(measures?.staged.measures.map((m) => m.code));
    expect(observations?.staged.observations.length).toBeGreaterThan(0);
    for (const o of observations?.staged.observations ?? []) expect(codes).toContain(o.measureCode);
  });

  it('the statistics template, with an authority and an indicator chosen, gives England, region and council figures and no errors', () => {
    const table = readTemplate('statistics.csv');
    const { kind, roles } = guessFile(table);
    const rate = JSON.stringify(['rate_per_10000', [['characteristic', 'Total']]]);
    const { staged, issues } = mapRows(kind, table, roles, {
      file: 'statistics.csv', portfolioId: 'template-portfolio', batchId: 0, knownMeasures: new Map([['CFSE.4', { unit: 'per 10,000' }]]),
      statistics: { authority: 'Stockport', indicators: { [rate]: 'CFSE.4' } },
    });
    expect(issues.filter((i) => i.level === 'error')).toEqual([]);
    expect(staged.benchmarks.map((b) => [b.measureCode, b.period, b.areas.length])).toEqual([['CFSE.4', '2023/24', 4]]);
    expect(staged.observations.map((o) => [o.series, o.value])).toEqual([['England', 70], ['North West', 97], ['actual', 61]]);
  });
});
