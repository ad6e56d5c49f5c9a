// @vitest-environment node
// The bad-input corpus (test/fixtures/bad/) and the files made here that are too big to commit,
// in one table: each is read exactly as the app reads a dropped file (readSourceFile: its name
// and size, then decodeText + readCsv / readJson, or the workbook + sheetToRecords +
// tableFromRecords, all held to the limits), then recognised (guessFile) and staged (stageFiles)
// against the measures of the seed-003 sample, as the import preview does. What the user must see
// is an error naming the file (and row and column where there is one), a warning, or a clean import.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import readXlsxFile from 'read-excel-file/node';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImportIssue } from '../../src/domain/import/issues';
import {
  MAX_CELL_CHARS, MAX_COLUMNS, MAX_DATA_ROWS, MAX_FILE_BYTES, MAX_SHEETS, MAX_UNZIPPED_BYTES,
  checkFileBeforeReading, checkSheetCount, readCsv, sheetToRecords, tableFromRecords,
} from '../../src/domain/import/read-table';
import { stageFiles } from '../../src/domain/import/stage';
import type { StagedFile } from '../../src/domain/import/stage';
import type { Staged, TableName } from '../../src/domain/records';
import type { Measure } from '../../src/domain/types';
import { readSourceFile } from '../../src/import/read-file';
import type { SourceFile } from '../../src/import/read-file';
import { draftOf, summarise } from '../../src/import/engine';
import type { DraftFile } from '../../src/domain/import/stage';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BAD = path.join(ROOT, 'test/fixtures/bad');
const PORTFOLIO = 'children-family-services-and-education';

// ---- Files made at test time -------------------------------------------------------------

type XlsxCell = string | { formula: string; value: number };
interface XlsxScript {
  workbookFiles(sheets: { name: string; rows: XlsxCell[][]; merges?: string[] }[]): [string, string][];
  zip(entries: [string, string][]): Buffer;
}
// The fixture script's own workbook writer (plain JS, so loaded by a computed path and typed here).
let xlsx: XlsxScript;
beforeAll(async () => {
  xlsx = (await import(pathToFileURL(path.join(ROOT, 'scripts/make-xlsx.mjs')).href)) as XlsxScript;
});

const M = 'PI Code,PI Name,Reported,Good Performance,2020/21 Actual,2021/22 Target';
const csv = (name: string, text: string): File => new File([text], name, { type: 'text/csv' });

/** A file whose size says it is over the limit: reading its bytes would fail the test. */
class HugeFile extends File {
  override get size(): number {
    return 150 * 1024 * 1024;
  }
  override arrayBuffer(): Promise<ArrayBuffer> {
    throw new Error('a file over the size limit must not be read');
  }
}

function workbook(name: string, sheets: { name: string; rows: XlsxCell[][] }[]): File {
  return new File([new Uint8Array(xlsx.zip(xlsx.workbookFiles(sheets)))], name);
}

/** A workbook whose central directory declares another unzipped size for one part than it really has. */
function workbookDeclaring(name: string, part: string, size: number): File {
  const bytes = xlsx.zip(xlsx.workbookFiles([{ name: 'Budget', rows: [['Period', 'Service', 'Net Cash Limit Budget £000'], ['Agreement 2021/22', 'SEN Transport', '3248']] }]));
  for (let at = bytes.length - 22; at >= 0; at--) {
    if (bytes.readUInt32LE(at) === 0x02014b50 && bytes.toString('utf8', at + 46, at + 46 + part.length) === part) {
      bytes.writeUInt32LE(size, at + 24);
      return new File([new Uint8Array(bytes)], name);
    }
  }
  throw new Error(`${part} is not in the workbook`);
}

const budgetRows = (n: number): XlsxCell[][] => [['Period', 'Service', 'Net Cash Limit Budget £000'], ...Array.from({ length: n }, (_, i) => ['Agreement 2021/22', `Service ${i + 1}`, String(i)])];

// ---- The table --------------------------------------------------------------------------

type Counts = Partial<Record<TableName, number>>;
type Sees =
  | { error: string; row?: number | null; column?: string | null }
  | { warning: string; row?: number | null; column?: string | null; records?: Counts }
  | { clean: Counts };

interface Case {
  /** The file's name: in test/fixtures/bad unless `make` builds it here. */
  file: string;
  what: string;
  make?: () => File;
  sees: Sees;
  /** Anything else the user must find in the records. */
  check?: (staged: Staged) => void;
}

const CASES: Case[] = [
  // Empty and shapeless
  { file: 'empty.csv', what: 'a file of no bytes', sees: { error: 'The file is empty', row: null } },
  { file: 'blank-lines-only.csv', what: 'only blank lines and spaces', sees: { error: 'The file is empty' } },
  { file: 'headers-only.csv', what: 'a header row and nothing under it', sees: { error: 'a header row but no data rows' } },
  { file: 'no-header-row.csv', what: 'rows of figures with no names above them', sees: { error: 'No header row was found' } },
  { file: 'preamble-above-header.csv', what: 'a title and an export date above the header', sees: { warning: 'The first 2 rows above the header were skipped', records: { measures: 1 } } },
  // Delimiters, encodings, line ends: awkward, but they import
  { file: 'semicolon-delimited.csv', what: 'semicolons between cells', sees: { clean: { measures: 2, observations: 2, targets: 2 } } },
  { file: 'tab-delimited.tsv', what: 'tabs between cells', sees: { clean: { measures: 2, observations: 2, targets: 2 } } },
  { file: 'pipe-delimited.txt', what: 'a .txt file of pipe-delimited cells (read as CSV)', sees: { clean: { measures: 1, observations: 1, targets: 1 } } },
  { file: 'utf8-bom.csv', what: 'UTF-8 with a byte order mark', sees: { clean: { measures: 1, observations: 1, targets: 1 } }, check: (s) => expect(s.measures[0]?.code).toBe('CFSE.1') },
  { file: 'utf16le-bom.csv', what: 'UTF-16 little-endian with a byte order mark', sees: { clean: { budgetLines: 1 } }, check: (s) => expect(s.budgetLines[0]?.net).toBe(3248) },
  {
    file: 'windows-1252-pound.csv', what: 'Windows-1252 with £ as the single byte 0xA3', sees: { warning: 'read as Windows-1252', row: null, records: { budgetLines: 1 } },
    check: (s) => expect(s.budgetLines[0]?.service).toBe('Schools Catering (£ traded)'),
  },
  { file: 'crlf-line-ends.csv', what: 'Windows line ends (CR LF)', sees: { clean: { measures: 2, observations: 2, targets: 2 } } },
  { file: 'lone-cr-line-ends.csv', what: 'old Mac line ends (CR alone)', sees: { clean: { measures: 2, observations: 2, targets: 2 } } },
  {
    file: 'quoted-commas-quotes-newlines.csv', what: 'quoted cells holding commas, doubled quotes and a line break', sees: { clean: { measures: 2, observations: 2, targets: 2 } },
    check: (s) => expect(s.measures.map((m) => m.name)).toEqual(['Mothers smoking, at delivery "(number)"', 'Breastfeeding\nat 6-8 weeks']),
  },
  { file: 'unbalanced-quote.csv', what: 'a quote that is never closed', sees: { error: 'A quoted cell is never closed', row: 3 } },
  { file: 'ragged-rows.csv', what: 'a short row (padded) and a long row', sees: { warning: 'Row 3 has 8 cells but the header has 6; the extra cells were ignored', row: 3, records: { measures: 2 } } },
  { file: 'duplicate-headers.csv', what: 'the same column name twice', sees: { warning: 'The column "2020/21 Actual" appears twice (columns 5 and 7); only the first is read', row: 1, column: '2020/21 Actual', records: { observations: 1 } }, check: (s) => expect(s.observations[0]?.raw).toBe('9.1%') },
  { file: 'blank-header.csv', what: 'a column with no name that holds data', sees: { warning: 'Column 3 has no name but holds data', row: 1, records: { measures: 1 } } },
  // Not text at all
  { file: 'png-renamed.csv', what: 'a PNG image renamed .csv', sees: { error: 'binary data, not text' } },
  { file: 'zip-renamed.csv', what: 'a zip archive renamed .csv', sees: { error: 'binary data, not text' } },
  { file: 'unsupported-extension.xls', what: 'an old Excel .xls file', sees: { error: 'A ".xls" file cannot be imported' } },
  // JSON
  { file: 'empty-array.json', what: 'an empty JSON array', sees: { error: 'The JSON array is empty' } },
  { file: 'not-an-array.json', what: 'one object, not an array of rows', sees: { error: 'The JSON must be an array of rows' } },
  { file: 'truncated.json', what: 'JSON cut off mid-string', sees: { error: 'This is not valid JSON' } },
  { file: 'nested-object.json', what: 'a field holding an object', sees: { error: 'holds a nested list or object', row: 1, column: '2020/21 Actual' } },
  { file: 'array-of-arrays.json', what: 'an array of arrays, not of objects', sees: { error: 'Item 1 of the JSON array is not an object', row: 1 } },
  {
    file: 'proto-constructor-keys.json', what: '__proto__ and constructor keys', sees: { warning: 'The field "__proto__" was ignored', row: 1, column: '__proto__', records: { measures: 1, observations: 1 } },
    check: () => expect(({} as Record<string, unknown>).polluted).toBeUndefined(),
  },
  { file: 'rows-under-a-key.json', what: 'the rows under "rows"', sees: { clean: { measures: 1, observations: 1, targets: 1 } } },
  // Excel
  {
    file: 'workbook-merged-formulas.xlsx', what: 'three sheets: a merged-title cover, a budget with a merged title row and formulas, an empty one',
    sees: { warning: 'The first row, above the header, was skipped', records: { budgetLines: 3 } },
    check: (s) => expect(s.budgetLines.map((b) => [b.service, b.gross, b.income, b.net])).toEqual([['SEN Transport', 3300, -52, 3248], ['Schools Catering', 2000, -2000, 0], ['Education total', 5300, -2052, 3248]]),
  },
  // Figures in other forms
  { file: 'comma-decimal.csv', what: 'a comma as the decimal point (1.234,5)', sees: { error: 'uses a comma as the decimal point', row: 2, column: '2020/21 Actual' } },
  { file: 'space-thousands.csv', what: 'thousands grouped by a space (1 234)', sees: { clean: { budgetLines: 1 } }, check: (s) => expect(s.budgetLines[0]?.net).toBe(1234) },
  { file: 'double-percent.csv', what: 'a doubled percent sign (12%%)', sees: { error: '"12%%" is not a number this importer understands', row: 2, column: '2020/21 Actual' } },
  { file: 'unicode-minus.csv', what: 'a Unicode minus sign (−5)', sees: { clean: { budgetLines: 1 } }, check: (s) => expect(s.budgetLines[0]?.net).toBe(-5) },
  { file: 'money-not-a-number.csv', what: 'words in a money column', sees: { error: '"about 19" is not an amount', row: 2, column: 'Balance of Reserve / Approved Use £000' } },
  { file: 'measures-bad-cells.csv', what: 'a bad figure and a bad polarity', sees: { error: '"Upwards" is not a polarity', row: 4, column: 'Good Performance' } },
  // What the rows say
  { file: 'same-code-different-values.csv', what: 'one PI code twice with different figures', sees: { error: 'is also given in row 2 with different figures', row: 3 } },
  { file: 'same-row-twice.csv', what: 'one row twice, identical', sees: { warning: 'repeats row 2 exactly; it was read once', row: 3, records: { measures: 1, observations: 1 } } },
  { file: 'budget-bad-period.csv', what: 'a period no paper uses ("Sometime 2021")', sees: { error: 'is not a period', row: 2, column: 'Period' } },
  { file: 'unknown-period.csv', what: 'an observation for "Q5 2021/22"', sees: { error: '"Q5 2021/22" is not a period', row: 2, column: 'Period' } },
  { file: 'unknown-measure.csv', what: 'an observation of a measure nobody defined', sees: { error: 'XYZ.99 is not a measure this dashboard knows', row: 2, column: 'PI Code' } },
  { file: 'over-100-percent.csv', what: '103.1% (a warning, not a rejection)', sees: { warning: '103.1% is over 100%; it was imported as printed', row: 2, column: '2020/21 Actual', records: { observations: 1 } } },
  // The warning names the value column, not Count: see the report on map-rows.ts.
  { file: 'negative-count.csv', what: 'a negative count', sees: { warning: 'The count -5 is negative', row: 2, records: { observations: 1 } } },
  // Text that would be code elsewhere: kept as text here, neutralised in CSV downloads, never run on screen
  {
    file: 'formula-names.csv', what: 'names starting with =, + and @', sees: { clean: { measures: 3 } },
    check: (s) => expect(s.measures.map((m) => m.name[0])).toEqual(['=', '+', '@']),
  },
  { file: 'formula-values.csv', what: 'formulas where figures belong', sees: { error: '"=1+2" is not a figure', row: 2, column: '2020/21 Actual' } },
  {
    file: 'html-in-names.csv', what: '<script> and HTML in names', sees: { clean: { measures: 2 } },
    check: (s) => expect(s.measures[0]?.name).toBe('<script>window.__scrutineerPwned = true</script>Mothers smoking'),
  },
  // Over the limits (made here, never committed)
  { file: 'too-big.csv', what: `a file of 150 MB (its size alone; limit ${MAX_FILE_BYTES} bytes)`, make: () => new HugeFile(['x'], 'too-big.csv'), sees: { error: 'The file is 150 MB; files over 100 MB cannot be imported', row: null } },
  {
    file: 'long-cell.csv', what: 'a cell of 100,000 characters', make: () => csv('long-cell.csv', `${M}\nCFSE.1,${'x'.repeat(100_000)},Annually,Low,9.1%,9.5%\n`),
    sees: { error: 'The cell holds 100,000 characters; a cell may hold at most 10,000', row: 2, column: 'PI Name' },
  },
  {
    file: 'too-many-rows.csv', what: 'a million and one rows', make: () => csv('too-many-rows.csv', `PI Code,Period,Value\n${'CFSE.2,Q2 2021/22,51%\n'.repeat(MAX_DATA_ROWS + 1)}`),
    sees: { error: 'The file has more than 1,000,000 rows' },
  },
  {
    file: 'too-many-items.json', what: 'a JSON array of a million and one items', make: () => new File([`[${'{"PI Code":"CFSE.2"},'.repeat(MAX_DATA_ROWS)}{}]`], 'too-many-items.json'),
    sees: { error: 'The file has more than 1,000,000 items' },
  },
  {
    file: 'too-many-columns.csv', what: '501 columns', make: () => csv('too-many-columns.csv', `${M},${Array.from({ length: MAX_COLUMNS + 1 - 6 }, (_, i) => `Extra ${i + 1}`).join(',')}\nCFSE.1,x,Annually,Low,9.1%,9.5%\n`),
    sees: { error: 'The row has 501 columns; at most 500 can be read', row: 1 },
  },
  {
    file: 'too-many-fields.json', what: 'JSON items with 501 different fields', make: () => new File([JSON.stringify([Object.fromEntries(Array.from({ length: MAX_COLUMNS + 1 }, (_, i) => [`Field ${i + 1}`, i]))])], 'too-many-fields.json'),
    sees: { error: 'more than 500 different fields', row: 1, column: 'Field 501' },
  },
  {
    file: 'too-many-sheets.xlsx', what: '51 sheets', make: () => workbook('too-many-sheets.xlsx', Array.from({ length: MAX_SHEETS + 1 }, (_, i) => ({ name: `Sheet ${i + 1}`, rows: budgetRows(1) }))),
    sees: { error: 'The workbook has 51 sheets; at most 50 can be read' },
  },
  {
    file: 'unzips-too-big.xlsx', what: 'a workbook declaring a sheet of 600 MB unzipped', make: () => workbookDeclaring('unzips-too-big.xlsx', 'xl/worksheets/sheet1.xml', 600 * 1024 * 1024),
    sees: { error: 'The workbook unzips to 600 MB; at most 500 MB can be read' },
  },
  {
    file: 'big-sheet.xlsx', what: 'a sheet of over 512 KB unzipped (the reader would unzip it in a blob: worker)', make: () => workbook('big-sheet.xlsx', [{ name: 'Budget', rows: budgetRows(8000) }]),
    sees: { clean: { budgetLines: 8000 } },
  },
];

// ---- Reading as the app does --------------------------------------------------------------

/** What the import engine stages of a file read, with the kind and columns it recognised (engine.ts). */
function draftsOf(source: SourceFile): DraftFile[] {
  const { kind, roles } = summarise(source);
  return source.archive || (source.table && kind) ? [draftOf(source, { id: source.id, kind: kind ?? 'measures', roles })] : [];
}

let known: Map<string, Pick<Measure, 'unit'>>;
beforeAll(async () => {
  // The store's measures: the seed-003 sample's, read the same way.
  const seed = await readSourceFile('seed', new File([readFileSync(path.join(ROOT, 'fixtures/seed-003/measures.csv'))], 'measures.csv'));
  const measures = stageFiles(draftsOf(seed), PORTFOLIO, new Map())[0]?.staged.measures ?? [];
  expect(measures).toHaveLength(80);
  known = new Map(measures.map((m) => [m.code, { unit: m.unit }]));
});

async function importLikeTheApp(file: File): Promise<{ source: SourceFile; staged: StagedFile | undefined; issues: ImportIssue[] }> {
  const source = await readSourceFile(file.name, file);
  const staged = stageFiles(draftsOf(source), PORTFOLIO, known)[0];
  return { source, staged, issues: [...source.readIssues, ...(staged?.issues ?? [])] };
}

const fileOf = (c: Case): File => c.make?.() ?? new File([readFileSync(path.join(BAD, c.file))], c.file);

function counts(staged: Staged | undefined): Counts {
  return Object.fromEntries(Object.entries(staged ?? {}).filter(([, rows]) => (rows as unknown[]).length > 0).map(([t, rows]) => [t, (rows as unknown[]).length]));
}

function expectIssue(issues: readonly ImportIssue[], level: ImportIssue['level'], words: string, file: string, row: number | null | undefined, column: string | null | undefined): void {
  const found = issues.find((i) => i.level === level && i.message.includes(words));
  expect(found, `a ${level} saying "${words}" among ${JSON.stringify(issues, null, 1)}`).toBeDefined();
  // Named by the file (and, for a workbook, its sheet), and by row and column where the case says.
  expect(found?.file.startsWith(file)).toBe(true);
  if (row !== undefined) expect(found?.row).toBe(row);
  if (column !== undefined) expect(found?.column).toBe(column);
}

describe('the bad-input corpus', () => {
  it('has a row in the table for every committed file, and at least 40 files in all', () => {
    const committed = readdirSync(BAD).sort();
    expect(CASES.filter((c) => !c.make).map((c) => c.file).sort()).toEqual(committed);
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(committed.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CASES)('$file ($what)', async (c) => {
    const { staged, issues } = await importLikeTheApp(fileOf(c));
    const errors = issues.filter((i) => i.level === 'error');
    if ('error' in c.sees) {
      expectIssue(issues, 'error', c.sees.error, c.file, c.sees.row, c.sees.column);
    } else {
      expect(errors).toEqual([]);
      if ('warning' in c.sees) expectIssue(issues, 'warning', c.sees.warning, c.file, c.sees.row, c.sees.column);
      else expect(issues).toEqual([]);
      const expected = 'clean' in c.sees ? c.sees.clean : c.sees.records ?? {};
      expect(counts(staged?.staged)).toMatchObject(expected);
    }
    if (c.check) {
      expect(staged).toBeDefined();
      c.check(staged?.staged ?? ({} as Staged));
    }
  }, 60_000);
});

describe('the limits', () => {
  it('refuses a file over 100 MB on its size alone, and reads one of exactly 100 MB', () => {
    expect(checkFileBeforeReading('big.csv', MAX_FILE_BYTES)).toBeNull();
    expect(checkFileBeforeReading('big.csv', MAX_FILE_BYTES + 1)).toMatchObject({ level: 'error', file: 'big.csv', message: expect.stringContaining('files over 100 MB cannot be imported') });
    expect(checkFileBeforeReading('notes.txt', 10)).toBeNull();
    expect(checkFileBeforeReading('report.pdf', 10)?.message).toMatch(/^A "\.pdf" file cannot be imported/);
  });

  it('reads exactly 1,000,000 data rows and 500 columns', () => {
    const rows = readCsv('rows.csv', `PI Code,Period,Value\n${'CFSE.2,Q2 2021/22,51%\n'.repeat(MAX_DATA_ROWS)}`);
    expect(rows.ok && rows.table.rows.length).toBe(MAX_DATA_ROWS);
    const header = Array.from({ length: MAX_COLUMNS }, (_, i) => `Column ${i + 1}`);
    const wide = tableFromRecords('wide.csv', [['PI Code', 'PI Name', ...header.slice(2)], ['CFSE.1', 'x']]);
    expect(wide.ok && wide.table.headers).toHaveLength(MAX_COLUMNS);
  }, 60_000);

  it('counts a row of 600 cells of which 500 are filled as 500 columns (a spreadsheet pads rows with blanks)', () => {
    const padded = [...Array.from({ length: MAX_COLUMNS }, (_, i) => (i === 0 ? 'PI Code' : i === 1 ? 'PI Name' : `C${i}`)), ...Array<string>(100).fill('')];
    const result = tableFromRecords('padded.csv', [padded, ['CFSE.1', 'x']]);
    expect(result.ok && result.table.headers).toHaveLength(MAX_COLUMNS);
  });

  it('refuses a long cell on its own: the rest of the row is read, the cell left out', () => {
    const result = tableFromRecords('cell.csv', [['PI Code', 'PI Name', 'Commentary'], ['CFSE.1', 'Smoking', 'y'.repeat(MAX_CELL_CHARS + 1)], ['CFSE.2', 'Breastfeeding', 'y'.repeat(MAX_CELL_CHARS)]]);
    expect(result.ok && result.table.rows).toEqual([['CFSE.1', 'Smoking', ''], ['CFSE.2', 'Breastfeeding', 'y'.repeat(MAX_CELL_CHARS)]]);
    expect(result.issues).toEqual([{ level: 'error', file: 'cell.csv', row: 2, column: 'Commentary', message: 'The cell holds 10,001 characters; a cell may hold at most 10,000. It was left out.' }]);
  });

  it('names the JSON item of a long cell by its number', () => {
    const result = tableFromRecords('cells.json', [['PI Code', 'PI Name'], ['CFSE.1', 'z'.repeat(MAX_CELL_CHARS + 1)]], 'item');
    expect(result.issues[0]).toMatchObject({ level: 'error', row: 1, column: 'PI Name' });
  });

  it('refuses more than 50 sheets, however the workbook was counted', () => {
    expect(checkSheetCount('book.xlsx', MAX_SHEETS)).toBeNull();
    expect(checkSheetCount('book.xlsx', MAX_SHEETS + 1)).toMatchObject({ level: 'error', file: 'book.xlsx', row: null, column: null });
    expect(MAX_UNZIPPED_BYTES).toBe(500 * 1024 * 1024);
  });
});

describe('the corpus workbook, read with read-excel-file/node', () => {
  it('has its three sheets; merged cells hold their value in the first cell only; formulas read as their cached values', async () => {
    const sheets = await readXlsxFile(path.join(BAD, 'workbook-merged-formulas.xlsx'));
    expect(sheets.map((s) => s.sheet)).toEqual(['Cover', 'Budget', 'Empty']);
    const budget = sheetToRecords(sheets[1]?.data ?? []);
    expect(budget[0]).toEqual(['Revenue budget 2021/22 (£000)', '', '', '', '', '']);
    expect(budget.slice(2).map((row) => row.slice(3))).toEqual([['3300', '-52', '3248'], ['2000', '-2000', '0'], ['5300', '-2052', '3248']]);
    // The cover reads as no table, so the app opens on the budget.
    expect(tableFromRecords('Cover', sheetToRecords(sheets[0]?.data ?? [])).ok).toBe(false);
    expect(tableFromRecords('Empty', sheetToRecords(sheets[2]?.data ?? [])).issues[0]?.message).toBe('The file is empty.');
  });
});
