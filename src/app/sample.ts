// The bundled sample: seed 003 (Stockport's 2021/22 agreement, transcribed) and an
// illustrative Q2 update. Loaded through the same import pipeline as any user's files.
import { previewImport, commitImport } from '../db/imports';
import { guessFile } from '../domain/import/stage';
import type { DraftFile } from '../domain/import/stage';
import { readSourceFile } from '../features/import/read-file';

export const SAMPLE_DATASET = { id: 'children-family-services-and-education', name: 'Children, Family Services and Education' };

async function sampleFiles(): Promise<File[]> {
  const [seed, q2] = await Promise.all([import('./sample-files-seed'), import('./sample-files-q2')]);
  return [...seed.files, ...q2.files].map(([name, text]) => new File([text], name, { type: 'text/csv' }));
}

/** Imports the sample into the store (as a user import would be, marked as sample in the history). */
export async function loadSample(): Promise<void> {
  const sources = await Promise.all((await sampleFiles()).map(readSourceFile));
  const drafts: DraftFile[] = sources.flatMap((s) => {
    if (!s.table) return [];
    const { kind, roles } = guessFile(s.table);
    return [{ name: s.name, hash: s.hash, table: s.table, kind, roles }];
  });
  const plans = await previewImport(drafts, SAMPLE_DATASET);
  const errors = plans.flatMap((p) => p.issues.filter((i) => i.level === 'error'));
  if (errors.length > 0) throw new Error(`The sample data has ${errors.length} errors; first: ${errors[0]?.message ?? ''}`);
  await commitImport(drafts, SAMPLE_DATASET, plans.map((p) => p.total), 'sample');
}
