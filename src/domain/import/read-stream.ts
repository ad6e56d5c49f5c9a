// Reads a CSV file as a stream: the bytes are decoded chunk by chunk and handed to Papa Parse,
// so a 100 MB file is never held as one string. The rows it yields go through the same
// tableFromRecords as a file read whole, so both paths give the same table and messages.
import Papa from 'papaparse';
import { CSV_PARSE_CONFIG, MAX_DATA_ROWS, csvResult, sniffEncoding } from './read-table';
import type { TableResult } from './read-table';
import type { ImportIssue } from './issues';

/** Bytes decoded at a time: large enough to keep Papa Parse's per-chunk cost low, small enough to report progress often. */
const CHUNK_BYTES = 1 << 20;

/** Cells up to this long are kept once each however often they repeat (see sharedCells). */
const SHARED_CELL_CHARS = 12;
/** Distinct short cells kept, at most: past it, new texts are kept as they come. */
const SHARED_CELLS_MAX = 1 << 16;

/**
 * Makes repeated short cells one string: a long file repeats its codes, periods, blank-cell phrases
 * and comparators' figures (`18.0%`) down every row, and the parser makes a string of each cell,
 * which the table and then every staged point held (at 1,000,000 rows, several million strings).
 */
function sharedCells(): (row: string[]) => void {
  const pool = new Map<string, string>();
  return (row) => {
    for (let i = 0; i < row.length; i++) {
      const cell = row[i] as string;
      if (cell.length > SHARED_CELL_CHARS) continue;
      const kept = pool.get(cell);
      if (kept !== undefined) row[i] = kept;
      else if (pool.size < SHARED_CELLS_MAX) pool.set(cell, cell);
    }
  };
}

export interface ReadProgress {
  bytes: number;
  totalBytes: number;
  rows: number;
}

export class ReadCancelled extends Error {
  constructor() {
    super('The import was cancelled.');
    this.name = 'ReadCancelled';
  }
}

/** A minimal Node-style readable that Papa Parse's stream reader consumes: 'data' events of text, then 'end'. */
class TextSource {
  readonly readable = true;
  private readonly handlers: Record<string, ((arg?: unknown) => void)[]> = {};
  on(event: string, fn: (arg?: unknown) => void): void {
    (this.handlers[event] ??= []).push(fn);
  }
  removeListener(event: string, fn: (arg?: unknown) => void): void {
    this.handlers[event] = (this.handlers[event] ?? []).filter((h) => h !== fn);
  }
  emit(event: string, arg?: unknown): void {
    for (const fn of this.handlers[event] ?? []) fn(arg);
  }
  read(): null {
    return null;
  }
  pause(): void {}
  resume(): void {}
}

/** Decodes a blob's bytes in order; an invalid UTF-8 sequence met late throws, so the caller can reread it as another encoding. */
async function* decodeChunks(blob: Blob, encoding: string, skip: number, fatal: boolean, onBytes: (n: number) => void, signal?: AbortSignal): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal, ignoreBOM: true });
  for (let start = skip; start < blob.size; start += CHUNK_BYTES) {
    if (signal?.aborted) throw new ReadCancelled();
    const bytes = new Uint8Array(await blob.slice(start, Math.min(blob.size, start + CHUNK_BYTES)).arrayBuffer());
    const text = decoder.decode(bytes, { stream: true });
    onBytes(Math.min(blob.size, start + CHUNK_BYTES));
    if (text !== '') yield text;
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

class NotUtf8 extends Error {}

async function parseWith(file: string, blob: Blob, encoding: string, skip: number, onProgress: (p: ReadProgress) => void, signal?: AbortSignal): Promise<{ records: string[][]; errors: Papa.ParseError[]; truncated: boolean }> {
  const source = new TextSource();
  const records: string[][] = [];
  const errors: Papa.ParseError[] = [];
  let truncated = false;
  let bytes = skip;
  const share = sharedCells();
  const done = new Promise<void>((resolve, reject) => {
    Papa.parse<string[], Papa.LocalFile>(source as unknown as Papa.LocalFile, {
      ...CSV_PARSE_CONFIG,
      chunk: (results: Papa.ParseResult<string[]>) => {
        for (const row of results.data) {
          share(row);
          records.push(row);
        }
        for (const e of results.errors) errors.push(e);
        if (results.meta.truncated) truncated = true;
        onProgress({ bytes, totalBytes: blob.size, rows: records.length });
      },
      complete: () => resolve(),
      error: (e: Error) => reject(e),
    } as unknown as Papa.ParseLocalConfig<string[], Papa.LocalFile>);
  });
  try {
    for await (const text of decodeChunks(blob, encoding, skip, encoding === 'utf-8', (n) => { bytes = n; }, signal)) {
      source.emit('data', text);
      // Parsing stops one row past the limit; nothing more need be read.
      if (truncated || records.length > MAX_DATA_ROWS + 20) break;
    }
  } catch (e) {
    if (e instanceof TypeError && encoding === 'utf-8') throw new NotUtf8(file);
    throw e;
  }
  source.emit('end');
  await done;
  return { records, errors, truncated };
}

/**
 * Reads a CSV file as it streams, reporting progress; the encoding is sniffed from its first
 * bytes (and if a later byte turns out not to be UTF-8, the file is read again as Windows-1252).
 */
export async function readCsvStream(file: string, blob: Blob, onProgress: (p: ReadProgress) => void = () => {}, signal?: AbortSignal): Promise<TableResult> {
  const head = new Uint8Array(await blob.slice(0, 64 * 1024).arrayBuffer());
  const sniffed = sniffEncoding(head);
  if (sniffed.binary) return { ok: false, issues: [sniffed.binary(file)] };
  const issues: ImportIssue[] = sniffed.issue ? [sniffed.issue(file)] : [];
  let parsed;
  try {
    parsed = await parseWith(file, blob, sniffed.encoding, sniffed.bomLength, onProgress, signal);
  } catch (e) {
    if (!(e instanceof NotUtf8)) throw e;
    const fallback = sniffEncoding(new Uint8Array([0xff]));
    issues.push(...(fallback.issue ? [fallback.issue(file)] : []));
    parsed = await parseWith(file, blob, fallback.encoding, 0, onProgress, signal);
  }
  const result = csvResult(file, parsed.records, parsed.errors, parsed.truncated);
  return { ...result, issues: [...issues, ...result.issues] } as TableResult;
}
