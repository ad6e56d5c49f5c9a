// Turns a file's bytes into a table of strings: CSV (any common delimiter, RFC 4180 quoting,
// via Papa Parse), JSON (an array of flat objects) or a sheet already read from Excel.
import Papa from 'papaparse';
import { recogniseKind } from './headers';
import type { ImportIssue } from './issues';

export interface RawTable {
  headers: string[];
  /** Data rows, each padded to the header's length. */
  rows: string[][];
  /** 1-based row number of each data row as a spreadsheet would show it. */
  rowNumbers: number[];
  /** Word the messages use for a row: "row" for tables, "item" for JSON arrays. */
  rowWord: 'row' | 'item';
}

export type TableResult =
  | { ok: true; table: RawTable; issues: ImportIssue[] }
  | { ok: false; issues: ImportIssue[] };

const fail = (file: string, message: string): TableResult => ({
  ok: false,
  issues: [{ level: 'error', file, row: null, column: null, message }],
});

/** Decodes bytes as UTF-8 (BOM or not), UTF-16 with a BOM, or else Windows-1252 with a warning. */
export function decodeText(file: string, bytes: Uint8Array): { text: string; issues: ImportIssue[] } | { error: string } {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), issues: [] };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), issues: [] };
  const head = bytes.subarray(0, 4096);
  if (head.includes(0)) return { error: 'This file holds binary data, not text: it is not a CSV or JSON file. If it is a spreadsheet, save it as .xlsx or CSV.' };
  try {
    // TextDecoder drops a UTF-8 BOM by default.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), issues: [] };
  } catch {
    return {
      text: new TextDecoder('windows-1252').decode(bytes),
      issues: [{ level: 'warning', file, row: null, column: null, message: 'The file is not UTF-8; it was read as Windows-1252 (the usual Excel "CSV" encoding). Check that £ signs and accents look right in the preview.' }],
    };
  }
}

/** The row most likely to be the header: the first of the top 20 that fits a kind best (preamble rows above it are skipped). */
function findHeaderRow(records: string[][]): number {
  let best = -1;
  let bestScore = -1;
  const limit = Math.min(records.length, 20);
  for (let i = 0; i < limit; i++) {
    const cells = (records[i] ?? []).map((c) => c.trim());
    if (cells.filter((c) => c !== '').length < 2) continue;
    const score = recogniseKind(cells)[0]?.score ?? 0;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  return best;
}

/** Builds a table from rows of cells: finds the header, pads ragged rows and reports long ones. */
export function tableFromRecords(file: string, records: string[][], rowWord: 'row' | 'item' = 'row'): TableResult {
  const issues: ImportIssue[] = [];
  const headerIndex = findHeaderRow(records);
  if (headerIndex < 0) return fail(file, records.length === 0 ? 'The file is empty.' : 'No header row was found: the file needs a row of column names (such as "PI Code, PI Name") above its data.');
  if (headerIndex > 0) {
    issues.push({ level: 'warning', file, row: null, column: null, message: `The first ${headerIndex} row${headerIndex === 1 ? '' : 's'} above the header were skipped.` });
  }
  const headers = (records[headerIndex] ?? []).map((h) => h.replace(/\s+/g, ' ').trim());
  const seen = new Map<string, number>();
  headers.forEach((h, i) => {
    if (h === '') return;
    const prev = seen.get(h.toLowerCase());
    if (prev !== undefined) {
      issues.push({ level: 'warning', file, row: headerIndex + 1, column: h, message: `The column "${h}" appears twice (columns ${prev + 1} and ${i + 1}); only the first is read.` });
    } else seen.set(h.toLowerCase(), i);
  });
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  for (let i = headerIndex + 1; i < records.length; i++) {
    const record = records[i] ?? [];
    if (record.every((c) => c.trim() === '')) continue;
    if (record.length > headers.length && record.slice(headers.length).some((c) => c.trim() !== '')) {
      issues.push({ level: 'warning', file, row: i + 1, column: null, message: `${rowWord === 'row' ? 'Row' : 'Item'} ${i + 1} has ${record.length} cells but the header has ${headers.length}; the extra cells were ignored.` });
    }
    const row = headers.map((_, c) => record[c] ?? '');
    rows.push(row);
    rowNumbers.push(i + 1);
  }
  if (rows.length === 0) return { ok: false, issues: [...issues, { level: 'error', file, row: null, column: null, message: 'The file has a header row but no data rows.' }] };
  return { ok: true, table: { headers, rows, rowNumbers, rowWord }, issues };
}

/** Parses CSV text (RFC 4180; comma, tab, semicolon or pipe delimited). */
export function readCsv(file: string, text: string): TableResult {
  if (text.trim() === '') return fail(file, 'The file is empty.');
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: 'greedy', delimitersToGuess: [',', '\t', ';', '|'] });
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteError) {
    const row = typeof quoteError.row === 'number' ? quoteError.row + 1 : null;
    return { ok: false, issues: [{ level: 'error', file, row, column: null, message: `A quoted cell is never closed${row === null ? '' : ` (it opens in row ${row})`}: check for a stray " character.` }] };
  }
  return tableFromRecords(file, parsed.data);
}

function jsonCell(value: unknown): string | null {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return null;
}

/** Parses JSON: an array of flat objects, or an object holding one under "rows", "data" or "records". */
export function readJson(file: string, text: string): TableResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return fail(file, `This is not valid JSON (${e instanceof Error ? e.message : 'parse error'}). Was the file cut short?`);
  }
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const holder = data as Record<string, unknown>;
    const inner = ['rows', 'data', 'records'].find((k) => Object.hasOwn(holder, k) && Array.isArray(holder[k]));
    data = inner ? holder[inner] : data;
  }
  if (!Array.isArray(data)) return fail(file, 'The JSON must be an array of rows, one object per row (or an object with such an array under "rows").');
  const headers: string[] = [];
  const index = new Map<string, number>();
  const records: string[][] = [];
  const issues: ImportIssue[] = [];
  for (let i = 0; i < data.length; i++) {
    const item: unknown = data[i];
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return fail(file, `Item ${i + 1} of the JSON array is not an object with named fields.`);
    const row: string[] = [];
    for (const key of Object.keys(item)) {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
        issues.push({ level: 'warning', file, row: i + 1, column: key, message: `The field "${key}" was ignored: it is not a data column.` });
        continue;
      }
      const cell = jsonCell((item as Record<string, unknown>)[key]);
      if (cell === null) return fail(file, `Item ${i + 1}, field "${key}" holds a nested list or object; each field must be a single value.`);
      let col = index.get(key);
      if (col === undefined) {
        col = headers.length;
        headers.push(key);
        index.set(key, col);
      }
      row[col] = cell;
    }
    records.push(row);
  }
  // Header first so row numbers count items from 1 after it, as "item N".
  const result = tableFromRecords(file, [headers, ...records.map((r) => headers.map((_, c) => r[c] ?? ''))], 'item');
  if (result.ok) {
    result.table.rowNumbers = result.table.rowNumbers.map((n) => n - 1);
    return { ok: true, table: result.table, issues: [...issues, ...result.issues] };
  }
  return result;
}

/** Turns a sheet's cells (strings, numbers, booleans, dates) into text cells. */
export function sheetToRecords(data: readonly (readonly unknown[])[]): string[][] {
  return data.map((row) =>
    row.map((cell) => {
      if (cell === null || cell === undefined) return '';
      if (cell instanceof Date) return cell.toISOString().slice(0, 10);
      if (typeof cell === 'number') return Number.isInteger(cell) ? String(cell) : String(Math.round(cell * 1e9) / 1e9);
      if (typeof cell === 'boolean') return cell ? 'Yes' : 'No';
      return typeof cell === 'string' ? cell : JSON.stringify(cell);
    }),
  );
}
