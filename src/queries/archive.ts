// Writing snapshot and backup files for the user to keep or send.
import { backupOfEverything, snapshotOf } from '../db/archive';
import type { Archive } from '../domain/archive';

function stamp(now: Date): string {
  return now.toISOString().slice(0, 16).replace(/[:T]/g, '-');
}

export async function snapshotFile(datasetId: string, view: string, now = new Date()): Promise<{ name: string; archive: Archive }> {
  return { name: `scrutineer-view-${datasetId}-${stamp(now)}.json`, archive: await snapshotOf(datasetId, view, now) };
}

export async function backupFile(now = new Date()): Promise<{ name: string; archive: Archive }> {
  return { name: `scrutineer-backup-${stamp(now)}.json`, archive: await backupOfEverything(now) };
}
