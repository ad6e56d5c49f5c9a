// A dropped or picked file → its table (and, for Excel, the sheets to pick from). Runs in the
// import worker (or, where there is none, on the page). Nothing here leaves the browser: bytes
// are read locally and hashed with Web Crypto. CSV is read as a stream. Files are held to the
// limits in domain/import/read-table.ts: size before reading; for a workbook, its sheet count and
// declared unzipped size (from the zip directory) before read-excel-file unzips it; rows, columns
// and cells once read.
import {
  checkFileBeforeReading, checkSheetCount, checkWorkbookArchive, decodeText, fileFormat, readJson,
  sheetToRecords, tableFromRecords, zipEntries,
} from '../domain/import/read-table';
import type { FileFormat, RawTable } from '../domain/import/read-table';
import { readCsvStream } from '../domain/import/read-stream';
import type { ReadProgress } from '../domain/import/read-stream';
import type { ImportIssue } from '../domain/import/issues';
import { isArchive, readArchive } from '../domain/archive';
import type { Archive } from '../domain/archive';
import { sha256Hex } from '../domain/digest';

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

/** read-excel-file's build for where this runs: a worker has no DOM to parse the sheets' XML with. */
async function readWorkbook(bytes: ArrayBuffer) {
  const inWorker = typeof document === 'undefined';
  const { default: readXlsxFile } = inWorker ? await import('read-excel-file/web-worker') : await import('read-excel-file/browser');
  return readXlsxFile(bytes);
}

/** Reads one file; problems come back as issues, never as exceptions (but a cancel is thrown). */
export async function readSourceFile(id: string, file: File, onProgress: (p: ReadProgress) => void = () => {}, signal?: AbortSignal): Promise<SourceFile> {
  const format = fileFormat(file.name);
  const refused = (hash: string, issue: ImportIssue): SourceFile => ({
    id, name: file.name, size: file.size, hash, format: format ?? 'csv', sheets: [], sheet: null, table: null, archive: null, readIssues: [issue],
  });
  // Refused on its name and size alone: a file too big is never read into memory.
  const before = checkFileBeforeReading(file.name, file.size);
  if (before || !format) return refused('', before ?? { level: 'error', file: file.name, row: null, column: null, message: 'This file cannot be imported.' });
  const base = { id, name: file.name, size: file.size, hash: await sha256Hex(new Uint8Array(await file.arrayBuffer())), sheets: [], sheet: null, table: null, archive: null };
  const error = (message: string): SourceFile => refused(base.hash, { level: 'error', file: file.name, row: null, column: null, message });
  if (format === 'csv') {
    const result = await readCsvStream(file.name, file, onProgress, signal);
    return { ...base, format, table: result.ok ? result.table : null, readIssues: result.issues };
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  onProgress({ bytes: file.size, totalBytes: file.size, rows: 0 });
  if (format === 'xlsx') {
    const entries = zipEntries(bytes);
    if (!entries) return error('This is not a readable .xlsx workbook: it is not a zip archive. (An .xls or .csv file renamed .xlsx? Open it in Excel and save it as .xlsx.)');
    const archiveIssue = checkWorkbookArchive(file.name, entries);
    if (archiveIssue) return refused(base.hash, archiveIssue);
    try {
      const sheets = (await readWorkbook(bytes.buffer as ArrayBuffer)).map((s) => ({ name: s.sheet, records: sheetToRecords(s.data as unknown[][]) }));
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
  // JSON is read whole: it cannot be parsed a piece at a time (the 100 MB limit bounds it).
  const decoded = decodeText(file.name, bytes);
  if ('error' in decoded) return error(decoded.error);
  let data: unknown;
  try {
    data = JSON.parse(decoded.text);
  } catch {
    data = undefined;
  }
  if (data !== undefined && isArchive(data)) {
    const archive = readArchive(file.name, data);
    return { ...base, format, archive: archive.ok ? archive.archive : null, readIssues: archive.ok ? [] : archive.issues };
  }
  const result = readJson(file.name, decoded.text, data);
  return { ...base, format, table: result.ok ? result.table : null, readIssues: [...decoded.issues, ...result.issues] };
}

/** The same workbook read from another sheet. */
export function withSheet(source: SourceFile, sheet: string): SourceFile {
  const found = source.sheets.find((s) => s.name === sheet);
  if (!found) return source;
  const result = tableFromRecords(`${source.name} (sheet "${sheet}")`, found.records);
  return { ...source, sheet, table: result.ok ? result.table : null, readIssues: result.issues };
}
