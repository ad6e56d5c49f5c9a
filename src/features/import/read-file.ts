// A dropped or picked file → its table (and, for Excel, the sheets to pick from). Nothing here
// leaves the browser: bytes are read locally and hashed with Web Crypto.
import { decodeText, readCsv, readJson, sheetToRecords, tableFromRecords } from '../../domain/import/read-table';
import type { RawTable } from '../../domain/import/read-table';
import type { ImportIssue } from '../../domain/import/issues';
import { isArchive, readArchive } from '../../domain/archive';
import type { Archive } from '../../domain/archive';

export interface SourceFile {
  /** Unique within the pending import. */
  id: string;
  name: string;
  size: number;
  hash: string;
  format: 'csv' | 'json' | 'xlsx';
  sheets: { name: string; records: string[][] }[];
  sheet: string | null;
  table: RawTable | null;
  /** A snapshot or backup file, read whole instead of as a table. */
  archive: Archive | null;
  readIssues: ImportIssue[];
}

export const ACCEPTED = '.csv,.tsv,.txt,.json,.xlsx';

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function formatOf(name: string): SourceFile['format'] | null {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  if (ext === 'csv' || ext === 'tsv' || ext === 'txt') return 'csv';
  if (ext === 'json') return 'json';
  if (ext === 'xlsx') return 'xlsx';
  return null;
}

let counter = 0;

/** Reads one file; problems come back as issues, never as exceptions. */
export async function readSourceFile(file: File): Promise<SourceFile> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const base = { id: `${Date.now()}-${counter++}`, name: file.name, size: file.size, hash: await sha256(bytes), sheets: [], sheet: null, table: null, archive: null };
  const format = formatOf(file.name);
  const error = (message: string): SourceFile => ({ ...base, format: format ?? 'csv', readIssues: [{ level: 'error', file: file.name, row: null, column: null, message }] });
  if (!format) return error('Only .csv, .json and .xlsx files can be imported. (An .xls file: open it in Excel and save it as .xlsx or CSV.)');
  if (format === 'xlsx') {
    try {
      const { default: readXlsxFile } = await import('read-excel-file/browser');
      const sheets = (await readXlsxFile(file)).map((s) => ({ name: s.sheet, records: sheetToRecords(s.data as unknown[][]) }));
      // Open on the first sheet that reads as a table (a workbook often starts with notes or a title page).
      const first = sheets.find((s) => tableFromRecords(file.name, s.records).ok) ?? sheets.find((s) => s.records.length > 0) ?? sheets[0];
      if (!first) return error('The workbook has no sheets.');
      return withSheet({ ...base, format, sheets, readIssues: [] }, first.name);
    } catch (e) {
      return error(`This is not a readable .xlsx workbook (${e instanceof Error ? e.message : 'unknown error'}).`);
    }
  }
  const decoded = decodeText(file.name, bytes);
  if ('error' in decoded) return error(decoded.error);
  if (format === 'json') {
    const archive = readArchiveText(file.name, decoded.text);
    if (archive) return { ...base, format, archive: archive.ok ? archive.archive : null, readIssues: archive.ok ? [] : archive.issues };
  }
  const result = format === 'json' ? readJson(file.name, decoded.text) : readCsv(file.name, decoded.text);
  return { ...base, format, table: result.ok ? result.table : null, readIssues: [...decoded.issues, ...result.issues] };
}

/** The same workbook read from another sheet. */
export function withSheet(source: SourceFile, sheet: string): SourceFile {
  const found = source.sheets.find((s) => s.name === sheet);
  if (!found) return source;
  const result = tableFromRecords(`${source.name} (sheet "${sheet}")`, found.records);
  return { ...source, sheet, table: result.ok ? result.table : null, readIssues: result.issues };
}

/** A snapshot or backup file's contents; null when the JSON is something else (rows of data). */
function readArchiveText(name: string, text: string): ReturnType<typeof readArchive> | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  return isArchive(data) ? readArchive(name, data) : null;
}
