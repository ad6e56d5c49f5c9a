// Writes test/fixtures/excel/seed-measures.xlsx with Node built-ins only: a minimal OOXML
// workbook whose first sheet ("Notes") holds two rows of text and whose second ("Measures")
// holds the header and first five measures of fixtures/seed-003/measures.csv, cell for cell.
// Strings are inline (t="inlineStr"), so the workbook needs no sharedStrings.xml; a cell whose
// text is a plain number that reads back as the very same text is written as a numeric cell.
// It also writes test/fixtures/bad/workbook-merged-formulas.xlsx for the bad-input corpus: a cover
// sheet with a merged title, a budget sheet with a merged title row above its header and formulas
// (with the values Excel caches beside them), and an empty sheet.
// Run `node scripts/make-xlsx.mjs` after changing the CSV; the output is byte-for-byte repeatable.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

const ROOT = path.resolve(import.meta.dirname, '..');
const SOURCE = path.join(ROOT, 'fixtures/seed-003/measures.csv');
const OUT = path.join(ROOT, 'test/fixtures/excel/seed-measures.xlsx');
const BAD_OUT = path.join(ROOT, 'test/fixtures/bad/workbook-merged-formulas.xlsx');

/** RFC 4180 CSV: quoted cells may hold commas, doubled quotes and line breaks; CRLF or LF rows. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (quoted) throw new Error('unterminated quoted cell');
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c !== ''));
}

const escapeXml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function columnName(index) {
  let n = index + 1;
  let name = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    name = String.fromCharCode(65 + r) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

/** A number only where the text is exactly how the number prints, so reading it back gives the same text. */
const isPlainNumber = (s) => /^-?\d+(\.\d+)?$/.test(s) && String(Number(s)) === s;

/**
 * A worksheet. A cell is text, or `{ formula, value }`: a formula with the number Excel caches as
 * its result. `merges` are ranges such as "A1:F1" (only their first cell holds a value).
 */
function sheetXml(rows, merges = []) {
  const body = rows.map((cells, r) => {
    const xml = cells.map((text, c) => {
      const ref = `${columnName(c)}${r + 1}`;
      if (typeof text === 'object') return `<c r="${ref}"><f>${escapeXml(text.formula)}</f><v>${text.value}</v></c>`;
      if (text === '') return '';
      if (isPlainNumber(text)) return `<c r="${ref}"><v>${text}</v></c>`;
      return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`;
    }).join('');
    return `<row r="${r + 1}">${xml}</row>`;
  }).join('');
  const merged = merges.length === 0 ? '' : `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData>${merged}</worksheet>`;
}

export function workbookFiles(sheets) {
  const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const SML = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  return [
    ['[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${SML}.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="${SML}.styles+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${SML}.worksheet+xml"/>`).join('')}</Types>`],
    ['_rels/.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}"><sheets>${sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rId${sheets.length + 1}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`],
    ['xl/styles.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`],
    ...sheets.map((s, i) => [`xl/worksheets/sheet${i + 1}.xml`, sheetXml(s.rows, s.merges)]),
  ];
}

/** A zip archive (deflated entries, fixed timestamp 1980-01-01 so the output is repeatable). */
export function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(text, 'utf8');
    const packed = deflateRawSync(data, { level: 9 });
    const crc = crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x21, 12); // date: 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export const NOTES = [
  ['Seed 003 measures, first five rows, for the Excel import test.'],
  ['The data is on the sheet named Measures; this sheet holds notes only.'],
];

export function measuresRows() {
  return parseCsv(readFileSync(SOURCE, 'utf8')).slice(0, 6);
}

/** The bad-input corpus's workbook: several sheets, merged cells, formulas. */
export function mergedFormulasSheets() {
  const budget = [
    ['Revenue budget 2021/22 (£000)'],
    ['Period', 'Division', 'Service', 'Gross Expenditure £000', 'Gross Income £000', 'Net Cash Limit Budget £000'],
    ['Agreement 2021/22', 'Education', 'SEN Transport', '3300', '-52', { formula: 'D3+E3', value: 3248 }],
    ['Agreement 2021/22', 'Education', 'Schools Catering', '2000', '-2000', { formula: 'D4+E4', value: 0 }],
    ['Agreement 2021/22', 'Education', 'Education total', { formula: 'SUM(D3:D4)', value: 5300 }, { formula: 'SUM(E3:E4)', value: -2052 }, { formula: 'SUM(F3:F4)', value: 3248 }],
  ];
  return [
    { name: 'Cover', rows: [['Children, Family Services and Education: budget workbook'], [''], ['The figures are on the Budget sheet.']], merges: ['A1:F1', 'A3:F3'] },
    { name: 'Budget', rows: budget, merges: ['A1:F1'] },
    { name: 'Empty', rows: [] },
  ];
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  for (const [out, sheets] of [
    [OUT, [{ name: 'Notes', rows: NOTES }, { name: 'Measures', rows: measuresRows() }]],
    [BAD_OUT, mergedFormulasSheets()],
  ]) {
    const bytes = zip(workbookFiles(sheets));
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, bytes);
    console.log(`wrote ${path.relative(ROOT, out)} (${bytes.length} bytes)`);
  }
}
