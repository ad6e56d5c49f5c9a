// Turns a file's bytes into a table of strings: CSV (any common delimiter, RFC 4180 quoting,
// via Papa Parse), JSON (an array of flat objects) or a sheet already read from Excel.
// Every file is held to the limits below, so that no file can make the page allocate without
// bound: a file over a limit is refused with a message naming it, never half-read.
import Papa from 'papaparse';
import { formatBytes, formatCount } from '../format';
import { recogniseKind } from './headers';
import type { ImportIssue } from './issues';

/** Largest file read at all, in bytes (100 MB): a bigger one is refused before any of it is read. */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;
/** Most data rows below the header of one file or sheet (for CSV, blank lines count too: parsing stops there). */
export const MAX_DATA_ROWS = 1_000_000;
/** Most columns a row may have, trailing blank cells not counted. */
export const MAX_COLUMNS = 500;
/** Longest cell, in characters (the longest in the sample, a paragraph of narrative, is under 3,000). */
export const MAX_CELL_CHARS = 10_000;
/** Most sheets an Excel workbook may hold. */
export const MAX_SHEETS = 50;
/** Most bytes the parts of an Excel workbook may unzip to (a small .xlsx can unzip to gigabytes). */
export const MAX_UNZIPPED_BYTES = 500 * 1024 * 1024;
/** Rows searched for the header (preamble above it is skipped). */
const HEADER_SEARCH_ROWS = 20;

export type FileFormat = 'csv' | 'json' | 'xlsx';

/** The format a file's name says: .csv, .tsv and .txt are CSV; null for anything else. */
export function fileFormat(name: string): FileFormat | null {
  const dot = name.lastIndexOf('.');
  const ext = dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
  if (ext === 'csv' || ext === 'tsv' || ext === 'txt') return 'csv';
  if (ext === 'json') return 'json';
  if (ext === 'xlsx') return 'xlsx';
  return null;
}

/** Why a file is refused before any of it is read (its name's extension, its size), or null. */
export function checkFileBeforeReading(file: string, size: number): ImportIssue | null {
  const refuse = (message: string): ImportIssue => ({ level: 'error', file, row: null, column: null, message });
  if (fileFormat(file) === null) {
    const dot = file.lastIndexOf('.');
    const ext = dot < 0 ? 'A file without an extension' : `A "${file.slice(dot).toLowerCase()}" file`;
    return refuse(`${ext} cannot be imported: only .csv (or .tsv, .txt), .json and .xlsx files can. (An .xls file: open it in Excel and save it as .xlsx or CSV.)`);
  }
  if (size > MAX_FILE_BYTES) {
    return refuse(`The file is ${formatBytes(size)}; files over ${formatBytes(MAX_FILE_BYTES)} cannot be imported. Split it into smaller files (by year or by table).`);
  }
  return null;
}

/** The refusal of a workbook with too many sheets, or null. */
export function checkSheetCount(file: string, sheets: number): ImportIssue | null {
  if (sheets <= MAX_SHEETS) return null;
  return { level: 'error', file, row: null, column: null, message: `The workbook has ${formatCount(sheets)} sheets; at most ${MAX_SHEETS} can be read. Copy the sheets you need into a new workbook.` };
}

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

const failAt = (file: string, row: number | null, column: string | null, message: string): TableResult => ({
  ok: false,
  issues: [{ level: 'error', file, row, column, message }],
});
const fail = (file: string, message: string): TableResult => failAt(file, null, null, message);

/** One file inside a zip archive (an .xlsx workbook is a zip of XML parts), as its central directory lists it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  crc32: number;
  compressedSize: number;
  /** Size once unzipped, as the archive declares it. */
  size: number;
  /** Where the entry's local header starts. */
  offset: number;
}

/** The entries of a zip archive, read from its central directory without unzipping anything; null if the bytes are no zip archive. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  if (bytes.length < 22) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-directory record: 22 bytes, then a comment of up to 65,535 bytes.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const total = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const names = new TextDecoder();
  const entries: ZipEntry[] = [];
  for (let n = 0; n < total; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
    const nameLength = view.getUint16(at + 28, true);
    entries.push({
      name: names.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      crc32: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      offset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

/** The parts of a workbook the reader needs: its XML and relationship files (not images or printer settings). */
export const isWorkbookPart = (entry: ZipEntry): boolean => entry.name.endsWith('.xml') || entry.name.endsWith('.rels');

/** Why a workbook is refused before it is unzipped (too many sheets, too big once unzipped), or null. */
export function checkWorkbookArchive(file: string, entries: readonly ZipEntry[]): ImportIssue | null {
  const sheetIssue = checkSheetCount(file, entries.filter((e) => /^xl\/(work|chart)sheets\/[^/]+\.xml$/.test(e.name)).length);
  if (sheetIssue) return sheetIssue;
  // A size of 0xFFFFFFFF means a ZIP64 entry of 4 GB or more.
  const unzipped = entries.filter(isWorkbookPart).reduce((sum, e) => sum + (e.size === 0xffffffff ? Infinity : e.size), 0);
  if (unzipped > MAX_UNZIPPED_BYTES) {
    return { level: 'error', file, row: null, column: null, message: `The workbook unzips to ${Number.isFinite(unzipped) ? formatBytes(unzipped) : 'over 4 GB'}; at most ${formatBytes(MAX_UNZIPPED_BYTES)} can be read. Save the sheet you need as CSV, or copy it into a new workbook.` };
  }
  return null;
}

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'macintosh';

export interface EncodingGuess {
  /** A label TextDecoder accepts. */
  encoding: TextEncodingName;
  /** Bytes of byte order mark to skip before decoding. */
  bomLength: number;
  /** False when the bytes read as plausibly in Windows-1252 as in Mac Roman and the two give different text. */
  sure: boolean;
  /** Present when the bytes hold NUL bytes without a UTF-16 mark: binary data, not text. */
  binary?: (file: string) => ImportIssue;
  /** Present for Windows-1252 and Mac Roman: the warning to show, saying which was used and whether it is sure. */
  issue?: (file: string) => ImportIssue;
}

// Bytes Windows-1252 leaves undefined: a file holding them is not Windows-1252.
const UNDEFINED_IN_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
const decoder1252 = new TextDecoder('windows-1252');
const decoderMac = new TextDecoder('macintosh');
const HIGH = Uint8Array.from({ length: 128 }, (_, i) => i + 0x80);
// Windows-1252's bytes 0x80–0x9F (its five undefined bytes kept as the C1 controls browsers give).
// Written out because some TextDecoders (Node before 23) read these bytes as Latin-1's controls.
const W1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const C1 = /[\u0080-\u009f]/g;
const fix1252 = (ch: string): string => W1252_80_9F.charAt(ch.charCodeAt(0) - 0x80) || ch;
/** Decodes Windows-1252 whatever the TextDecoder makes of 0x80–0x9F. */
const decode1252 = (bytes: Uint8Array): string => decoder1252.decode(bytes).replace(C1, fix1252);
// What each byte 0x80–0xFF reads as in either encoding, decoded once.
const CHARS_1252 = Array.from(decode1252(HIGH));
const CHARS_MAC = Array.from(decoderMac.decode(HIGH));

const isAsciiLetter = (b: number | undefined): boolean => b !== undefined && ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a));
const isAsciiLower = (b: number | undefined): boolean => b !== undefined && b >= 0x61 && b <= 0x7a;
const isLetter = (ch: string): boolean => ch.toLowerCase() !== ch.toUpperCase();
const isLower = (ch: string): boolean => isLetter(ch) && ch === ch.toLowerCase();
// Accented letters of Western European languages (À–ÿ): what a name such as "Île" or "Café" holds.
const isLatin1Letter = (ch: string): boolean => isLetter(ch) && ch >= '\u00c0' && ch <= '\u00ff';

/**
 * How plausible one reading of a high byte is where it stands: a lower-case accented letter
 * inside or at the end of a lower-case word is likely; a capital or a rare letter (Š, Ž) there
 * is not; away from letters, a symbol (£, €, –) is likelier than a letter.
 */
function plausibility(ch: string, before: number | undefined, after: number | undefined): number {
  const letterBefore = isAsciiLetter(before);
  const letterAfter = isAsciiLetter(after);
  if (!letterBefore && !letterAfter) return isLetter(ch) ? 0 : 1;
  if (isLetter(ch)) {
    // A capital starts a word; inside one it is implausible.
    if (!isLower(ch)) return letterBefore ? 0 : 1;
    // Nor does a small letter start a word whose next letter is a capital ("ìHello" is “Hello in Windows-1252).
    if (!letterBefore && !isAsciiLower(after)) return 0;
    return isLatin1Letter(ch) ? 2 : 1;
  }
  // An apostrophe inside a word (council’s) is usual; a quote or dash beside one ("“Hello”", 2023–24) too.
  if (ch === '\u2019') return letterBefore && letterAfter ? 2 : 1;
  return letterBefore && letterAfter ? 0 : 1;
}

/** Whether bytes are UTF-8, allowing a character cut short at their end (the head of a longer file). */
function isUtf8(bytes: Uint8Array): boolean {
  let end = bytes.length;
  let back = 0;
  while (back < 3 && end - back - 1 >= 0 && ((bytes[end - back - 1] ?? 0) & 0xc0) === 0x80) back++;
  const lead = bytes[end - back - 1];
  if (lead !== undefined && lead >= 0xc0) {
    const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    if (back + 1 < need) end -= back + 1;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** Windows-1252 or Mac Roman, from which reading of the bytes 0x80–0xFF makes the likelier text. */
function guessLegacy(bytes: Uint8Array): { encoding: 'windows-1252' | 'macintosh'; sure: boolean } {
  let score1252 = 0;
  let scoreMac = 0;
  let differ = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) continue;
    if (UNDEFINED_IN_1252.has(b)) return { encoding: 'macintosh', sure: true };
    const w = CHARS_1252[b - 0x80] ?? '';
    const m = CHARS_MAC[b - 0x80] ?? '';
    if (w === m) continue;
    differ = true;
    const before = bytes[i - 1];
    const after = bytes[i + 1];
    score1252 += plausibility(w, before, after);
    scoreMac += plausibility(m, before, after);
  }
  // Bytes that read the same either way (£ is 0xA3 in both) leave nothing to doubt.
  if (!differ) return { encoding: 'windows-1252', sure: true };
  // Windows-1252 is far the commoner, so Mac Roman must read clearly better to be chosen; either
  // is sure when it reads clearly better still, or when the other reads nothing plausibly.
  const sure = (win: number, lose: number): boolean => win - lose >= 3 || (lose === 0 && win >= 2);
  if (scoreMac >= score1252 + 2) return { encoding: 'macintosh', sure: sure(scoreMac, score1252) };
  return { encoding: 'windows-1252', sure: sure(score1252, scoreMac) };
}

/**
 * The encoding of a text file from its first bytes (a streaming reader passes its first chunk):
 * a byte order mark; else UTF-8 if the bytes are valid UTF-8; else Windows-1252 or Mac Roman,
 * whichever reads the bytes 0x80–0xFF as likelier text. `sure` is false when both are plausible.
 */
export function sniffEncoding(head: Uint8Array): EncodingGuess {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3, sure: true };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2, sure: true };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2, sure: true };
  if (head.subarray(0, 4096).includes(0)) return { encoding: 'utf-8', bomLength: 0, sure: false, binary: (file) => issueAt(file, 'error', BINARY) };
  if (isUtf8(head)) return { encoding: 'utf-8', bomLength: 0, sure: true };
  const { encoding, sure } = guessLegacy(head);
  return { encoding, bomLength: 0, sure, issue: (file) => issueAt(file, 'warning', legacyMessage(encoding, sure)) };
}

const BINARY = 'This file holds binary data, not text: it is not a CSV or JSON file. If it is a spreadsheet, save it as .xlsx or CSV.';
const issueAt = (file: string, level: ImportIssue['level'], message: string): ImportIssue => ({ level, file, row: null, column: null, message });

const ENCODING_NAMES: Record<'windows-1252' | 'macintosh', string> = {
  'windows-1252': 'Windows-1252 (the usual Excel "CSV" encoding on Windows)',
  macintosh: 'Mac Roman (the encoding of older Excel for Mac "CSV" files)',
};

function legacyMessage(encoding: 'windows-1252' | 'macintosh', sure: boolean): string {
  const other = encoding === 'macintosh' ? 'Windows-1252' : 'Mac Roman';
  return sure
    ? `The file is not UTF-8; it was read as ${ENCODING_NAMES[encoding]}. Check that £ signs and accents look right in the preview.`
    : `The file is not UTF-8; it was read as ${ENCODING_NAMES[encoding]}, but it could as well be ${other}: check that £ signs and accented letters look right in the preview, and if they do not, save the file as "CSV UTF-8" and import it again.`;
}

/** Decodes bytes as UTF-8 (BOM or not), UTF-16 with a BOM, or else Windows-1252 or Mac Roman with a warning saying which. */
export function decodeText(file: string, bytes: Uint8Array): { text: string; issues: ImportIssue[] } | { error: string } {
  const sniffed = sniffEncoding(bytes.subarray(0, 4096));
  if (sniffed.encoding === 'utf-16le' || sniffed.encoding === 'utf-16be') {
    return { text: new TextDecoder(sniffed.encoding).decode(bytes.subarray(sniffed.bomLength)), issues: [] };
  }
  if (sniffed.binary) return { error: BINARY };
  try {
    // TextDecoder drops a UTF-8 BOM by default.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), issues: [] };
  } catch {
    // The whole file is weighed, not only its head: the tell-tale bytes may come late.
    const { encoding, sure } = guessLegacy(bytes);
    const text = encoding === 'macintosh' ? decoderMac.decode(bytes) : decode1252(bytes);
    return { text, issues: [issueAt(file, 'warning', legacyMessage(encoding, sure))] };
  }
}

/** The row most likely to be the header: the first of the top 20 that fits a kind best (preamble rows above it are skipped); -1 if none can be. */
function findHeaderRow(records: readonly (readonly string[])[]): number {
  let best = -1;
  let bestScore = -1;
  const limit = Math.min(records.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < limit; i++) {
    const cells = (records[i] ?? []).map((c) => c.trim());
    // A header names at least two columns, and names are words: a row of figures is no header.
    if (cells.filter((c) => c !== '').length < 2 || !cells.some((c) => /\p{L}/u.test(c))) continue;
    const score = recogniseKind(cells)[0]?.score ?? 0;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  return best;
}

/** How many columns a row really has: trailing blank cells (a spreadsheet's padding) do not count. */
function usedWidth(record: readonly string[]): number {
  let width = record.length;
  while (width > 0 && (record[width - 1] ?? '').trim() === '') width--;
  return width;
}

const tooManyRows = (file: string, rowWord: 'row' | 'item'): TableResult =>
  fail(file, `The file has more than ${formatCount(MAX_DATA_ROWS)} ${rowWord}s; at most ${formatCount(MAX_DATA_ROWS)} ${rowWord}s of data can be imported from one file. Split it into smaller files (by year or by measure).`);

/**
 * Builds a table from rows of cells: finds the header, pads ragged rows and reports long ones.
 * Holds the table to the limits: too many columns or rows refuse the file; a cell too long is
 * refused on its own (an error naming its row and column) and left out of the table.
 */
export function tableFromRecords(file: string, records: readonly (readonly string[])[], rowWord: 'row' | 'item' = 'row'): TableResult {
  // For JSON ("item"), records[0] holds the field names and records[n] is item n.
  const rowNumber = (i: number): number => (rowWord === 'item' ? i : i + 1);
  const issue = (level: ImportIssue['level'], row: number | null, column: string | null, message: string): ImportIssue => ({ level, file, row, column, message });
  for (let i = 0; i < records.length; i++) {
    const record = records[i] ?? [];
    if (record.length <= MAX_COLUMNS) continue;
    const width = usedWidth(record);
    if (width > MAX_COLUMNS) {
      return { ok: false, issues: [issue('error', rowWord === 'item' && i === 0 ? null : rowNumber(i), null, `The ${rowWord === 'item' && i === 0 ? 'items have' : `${rowWord} has`} ${formatCount(width)} columns; at most ${formatCount(MAX_COLUMNS)} can be read.`)] };
    }
  }
  const issues: ImportIssue[] = [];
  const headerIndex = rowWord === 'item' ? (records[0]?.length ? 0 : -1) : findHeaderRow(records);
  if (headerIndex < 0) return fail(file, records.length === 0 ? 'The file is empty.' : 'No header row was found: the file needs a row of column names (such as "PI Code, PI Name") above its data.');
  if (headerIndex > 0) {
    issues.push(issue('warning', null, null, headerIndex === 1 ? 'The first row, above the header, was skipped.' : `The first ${headerIndex} rows above the header were skipped.`));
  }
  const headerRecord = records[headerIndex] ?? [];
  const longHeader = headerRecord.findIndex((h) => h.length > MAX_CELL_CHARS);
  if (longHeader >= 0) {
    const length = headerRecord[longHeader]?.length ?? 0;
    return { ok: false, issues: [issue('error', rowWord === 'item' ? null : rowNumber(headerIndex), null, `The name of column ${longHeader + 1} has ${formatCount(length)} characters; a column name (like any cell) may hold at most ${formatCount(MAX_CELL_CHARS)}.`)] };
  }
  // Trailing blank header cells are kept as columns, but a sheet padded far to the right is cut back.
  const width = Math.max(usedWidth(headerRecord), Math.min(headerRecord.length, MAX_COLUMNS));
  const names = headerRecord.slice(0, width).map((h) => h.replace(/\s+/g, ' ').trim());
  // A column whose name repeats an earlier one is left out of the table, so that it cannot be read by mistake.
  const kept: number[] = [];
  const seen = new Map<string, number>();
  names.forEach((h, c) => {
    const prev = h === '' ? undefined : seen.get(h.toLowerCase());
    if (prev === undefined) {
      if (h !== '') seen.set(h.toLowerCase(), c);
      kept.push(c);
    } else {
      issues.push(issue('warning', rowWord === 'item' ? null : rowNumber(headerIndex), h, `The column "${h}" appears twice (columns ${prev + 1} and ${c + 1}); only the first is read.`));
    }
  });
  const headers = kept.map((c) => names[c] ?? '');
  const columnName = (c: number): string => names[c] || `column ${c + 1}`;
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  const Row = rowWord === 'row' ? 'Row' : 'Item';
  for (let i = headerIndex + 1; i < records.length; i++) {
    const record = records[i] ?? [];
    if (record.every((c) => c.trim() === '')) continue;
    if (rows.length === MAX_DATA_ROWS) return tooManyRows(file, rowWord);
    if (record.length > names.length && record.slice(names.length).some((c) => c.trim() !== '')) {
      issues.push(issue('warning', rowNumber(i), null, `${Row} ${rowNumber(i)} has ${record.length} cells but the header has ${names.length}; the extra cells were ignored.`));
    }
    const row = kept.map((c) => {
      const cell = record[c] ?? '';
      if (cell.length <= MAX_CELL_CHARS) return cell;
      issues.push(issue('error', rowNumber(i), columnName(c), `The cell holds ${formatCount(cell.length)} characters; a cell may hold at most ${formatCount(MAX_CELL_CHARS)}. It was left out.`));
      return '';
    });
    rows.push(row);
    rowNumbers.push(rowNumber(i));
  }
  if (rows.length === 0) return { ok: false, issues: [...issues, issue('error', null, null, 'The file has a header row but no data rows.')] };
  headers.forEach((h, c) => {
    const held = h === '' ? rows.filter((row) => (row[c] ?? '').trim() !== '').length : 0;
    const column = (kept[c] ?? c) + 1;
    if (held > 0) issues.push(issue('warning', rowWord === 'item' ? null : rowNumber(headerIndex), null, `Column ${column} has no name but holds data in ${formatCount(held)} ${rowWord}${held === 1 ? '' : 's'}; it is not read unless you choose what it holds under "How the columns are read".`));
  });
  return { ok: true, table: { headers, rows, rowNumbers, rowWord }, issues };
}

/**
 * Papa Parse settings every CSV read uses, whole or streamed: any common delimiter; parsing stops
 * one row past the limit, so a file of millions of lines is never held whole as rows. fastMode
 * off: Papa's fast path splits the whole text into lines before it looks at the limit.
 */
export const CSV_PARSE_CONFIG = {
  header: false,
  skipEmptyLines: 'greedy',
  delimitersToGuess: [',', '\t', ';', '|'],
  preview: HEADER_SEARCH_ROWS + MAX_DATA_ROWS + 1,
  fastMode: false,
} as const satisfies Papa.ParseConfig<string[]>;

/** The table from Papa Parse's rows and errors (an unclosed quote and too many rows refuse the file). */
export function csvResult(file: string, records: readonly (readonly string[])[], errors: readonly Papa.ParseError[], truncated: boolean): TableResult {
  const quoteError = errors.find((e) => e.type === 'Quotes');
  if (quoteError) {
    // An unclosed quote swallows the rest of the file, so it opens in the last row read. (Papa's own
    // row number counts from the start of its chunk when the file is streamed.)
    const row = records.length > 0 ? records.length : typeof quoteError.row === 'number' ? quoteError.row + 1 : null;
    return failAt(file, row, null, `A quoted cell is never closed${row === null ? '' : ` (it opens in row ${row})`}: check for a stray " character.`);
  }
  if (truncated) return tooManyRows(file, 'row');
  return tableFromRecords(file, records);
}

/** Parses CSV text (RFC 4180; comma, tab, semicolon or pipe delimited). */
export function readCsv(file: string, text: string): TableResult {
  if (text.trim() === '') return fail(file, 'The file is empty.');
  const parsed = Papa.parse<string[]>(text, { ...CSV_PARSE_CONFIG, delimitersToGuess: [...CSV_PARSE_CONFIG.delimitersToGuess] });
  return csvResult(file, parsed.data, parsed.errors, parsed.meta.truncated);
}

function jsonCell(value: unknown): string | null {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return null;
}

/**
 * Parses JSON: an array of flat objects, or an object holding one under "rows", "data" or "records".
 * `parsed` is the text already parsed (by a caller that looked for a snapshot first), so it is parsed once.
 */
export function readJson(file: string, text: string, parsed?: unknown): TableResult {
  let data: unknown = parsed;
  try {
    data ??= JSON.parse(text);
  } catch (e) {
    return fail(file, `This is not valid JSON (${e instanceof Error ? e.message : 'parse error'}). Was the file cut short?`);
  }
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const holder = data as Record<string, unknown>;
    const inner = ['rows', 'data', 'records'].find((k) => Object.hasOwn(holder, k) && Array.isArray(holder[k]));
    data = inner ? holder[inner] : data;
  }
  if (!Array.isArray(data)) return fail(file, 'The JSON must be an array of rows, one object per row (or an object with such an array under "rows").');
  if (data.length === 0) return fail(file, 'The JSON array is empty: it holds no rows.');
  if (data.length > MAX_DATA_ROWS) return tooManyRows(file, 'item');
  const headers: string[] = [];
  const index = new Map<string, number>();
  const records: string[][] = [];
  const issues: ImportIssue[] = [];
  for (let i = 0; i < data.length; i++) {
    const item: unknown = data[i];
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return failAt(file, i + 1, null, `Item ${i + 1} of the JSON array is not an object with named fields.`);
    const row: string[] = [];
    for (const key of Object.keys(item)) {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
        issues.push({ level: 'warning', file, row: i + 1, column: key, message: `The field "${key}" was ignored: it is not a data column.` });
        continue;
      }
      const cell = jsonCell((item as Record<string, unknown>)[key]);
      if (cell === null) return failAt(file, i + 1, key, `Item ${i + 1}, field "${key}" holds a nested list or object; each field must be a single value.`);
      let col = index.get(key);
      if (col === undefined) {
        if (headers.length === MAX_COLUMNS) return failAt(file, i + 1, key, `The items have more than ${formatCount(MAX_COLUMNS)} different fields; at most ${formatCount(MAX_COLUMNS)} columns can be read.`);
        col = headers.length;
        headers.push(key);
        index.set(key, col);
      }
      row[col] = cell;
    }
    records.push(row);
  }
  // The field names stand first, as the header; item n is then records[n].
  const result = tableFromRecords(file, [headers, ...records.map((r) => headers.map((_, c) => r[c] ?? ''))], 'item');
  return result.ok ? { ok: true, table: result.table, issues: [...issues, ...result.issues] } : result;
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
