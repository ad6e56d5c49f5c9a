// The bundled sample: seed 003 (Stockport's 2021/22 agreement, transcribed) and an
// illustrative Q2 update. Loaded through the same import pipeline as any user's files.
import { importClient } from '../import/client';
import type { FileChoice } from '../import/protocol';

export const SAMPLE_DATASET = { id: 'children-family-services-and-education', name: 'Children, Family Services and Education' };

async function sampleFiles(): Promise<File[]> {
  const [seed, q2] = await Promise.all([import('./sample-files-seed'), import('./sample-files-q2')]);
  return [...seed.files, ...q2.files].map(([name, text]) => new File([text], name, { type: 'text/csv' }));
}

/** Imports the sample into the store (as a user import would be, marked as sample in the history). */
export async function loadSample(): Promise<void> {
  const summaries = await Promise.all((await sampleFiles()).map((f) => importClient.read(f)));
  const files = summaries.flatMap((s): FileChoice[] => (s.table && s.kind ? [{ id: s.id, kind: s.kind, roles: s.roles }] : []));
  const plans = await importClient.preview({ files, dataset: SAMPLE_DATASET });
  const errors = plans.reduce((n, p) => n + p.errorCount, 0);
  if (errors > 0) throw new Error(`The sample data has ${errors} errors; first: ${plans.flatMap((p) => p.issues).find((i) => i.level === 'error')?.message ?? ''}`);
  await importClient.commit({ files, dataset: SAMPLE_DATASET, expected: plans.map((p) => p.total), source: 'sample' });
}
