// A dropped or picked file → its table (and, for Excel, the sheets to pick from). Nothing here
// leaves the browser: bytes are read locally and hashed with Web Crypto. Files are held to the
// limits in domain/import/read-table.ts: size before reading; for a workbook, its sheet count and
// declared unzipped size (from the zip directory) before read-excel-file unzips it; rows, columns
// and cells once read.
import {
  checkFileBeforeReading, checkSheetCount, checkWorkbookArchive, decodeText, fileFormat, readCsv, readJson,
  sheetToRecords, tableFromRecords, zipEntries,
} from '../../domain/import/read-table';
import type { FileFormat, RawTable } from '../../domain/import/read-table';
import type { ImportIssue } from '../../domain/import/issues';
import { isArchive, readArchive } from '../../domain/archive';
import type { Archive } from '../../domain/archive';

export interface SourceFile {
  /** Unique within the pending import. */
  id: string;
  name: string;
  size: number;
  hash: string;
  format: FileFormat;
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

let counter = 0;

/** Reads one file; problems come back as issues, never as exceptions. */
export async function readSourceFile(file: File): Promise<SourceFile> {
  const id = `${Date.now()}-${counter++}`;
  const format = fileFormat(file.name);
  const refused = (hash: string, issue: ImportIssue): SourceFile => ({
    id, name: file.name, size: file.size, hash, format: format ?? 'csv', sheets: [], sheet: null, table: null, archive: null, readIssues: [issue],
  });
  // Refused on its name and size alone: a file too big is never read into memory.
  const before = checkFileBeforeReading(file.name, file.size);
  if (before || !format) return refused('', before ?? { level: 'error', file: file.name, row: null, column: null, message: 'This file cannot be imported.' });
  const bytes = new Uint8Array(await file.arrayBuffer());
  const base = { id, name: file.name, size: file.size, hash: await sha256(bytes), sheets: [], sheet: null, table: null, archive: null };
  const error = (message: string): SourceFile => refused(base.hash, { level: 'error', file: file.name, row: null, column: null, message });
  if (format === 'xlsx') {
    const entries = zipEntries(bytes);
    if (!entries) return error('This is not a readable .xlsx workbook: it is not a zip archive. (An .xls or .csv file renamed .xlsx? Open it in Excel and save it as .xlsx.)');
    const archiveIssue = checkWorkbookArchive(file.name, entries);
    if (archiveIssue) return refused(base.hash, archiveIssue);
    try {
      const { default: readXlsxFile } = await import('read-excel-file/browser');
      const sheets = (await readXlsxFile(bytes.buffer as ArrayBuffer)).map((s) => ({ name: s.sheet, records: sheetToRecords(s.data as unknown[][]) }));
      const sheetIssue = checkSheetCount(file.name, sheets.length);
      if (sheetIssue) return refused(base.hash, sheetIssue);
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
