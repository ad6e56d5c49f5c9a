// Reading the store out into snapshot and backup files.
import { makeArchive } from '../domain/archive';
import type { Archive } from '../domain/archive';
import { TABLE_NAMES } from '../domain/records';
import type { Stored } from '../domain/records';
import { SETTING_KEYS } from './imports';
import { readDataset } from './read';
import { getDb } from './schema';

/** One dataset's records and the view they were shown in. */
export async function snapshotOf(datasetId: string, view: string, now: Date): Promise<Archive> {
  const d = await readDataset(datasetId);
  const records: Stored = {
    portfolios: d.portfolio ? [d.portfolio] : [],
    priorities: d.priorities, measures: d.measures, observations: d.observations, targets: d.targets, commentary: d.commentary,
    budgetLines: d.budgetLines, bridgeLines: d.bridgeLines, reserves: d.reserves, savings: d.savings, capital: d.capital, narrative: d.narrative,
    benchmarks: d.benchmarks, neighbourGroups: d.neighbourGroups,
  };
  return makeArchive('snapshot', records, now, { view, dataset: datasetId });
}

/** Every record of every table, and the settings kept with them. */
export async function backupOfEverything(now: Date): Promise<Archive> {
  const db = getDb();
  return db.transaction('r', [...TABLE_NAMES.map((t) => db.dataTable(t)), db.meta], async () => {
    const records = {} as Record<string, unknown[]>;
    for (const t of TABLE_NAMES) records[t] = await db.dataTable(t).toArray();
    const settings: Record<string, unknown> = {};
    for (const key of SETTING_KEYS) {
      const m = await db.meta.get(key);
      if (m) settings[key] = m.value;
    }
    return makeArchive('backup', records as unknown as Stored, now, { settings });
  });
}
