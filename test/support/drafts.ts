// A CSV file's text as the import reads it: its table, with the kind and columns its headers suggest.
import { readCsv } from '../../src/domain/import/read-table';
import { guessFile } from '../../src/domain/import/stage';
import type { TableDraft } from '../../src/domain/import/stage';
import type { RawTable } from '../../src/domain/import/read-table';

export function csvDraft(name: string, text: string): TableDraft & { table: RawTable } {
  const read = readCsv(name, text);
  if (!read.ok) throw new Error(`${name} could not be read: ${JSON.stringify(read.issues)}`);
  const { kind, roles } = guessFile(read.table);
  return { id: name, name, hash: name, table: read.table, kind, roles };
}
