import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText, readCsv, readJson, sniffEncoding } from '../../src/domain/import/read-table';

// csv-spectrum v2.0.0 (BSD-2-Clause), its data files copied in: see test/fixtures/csv-spectrum/README.md.
const SPECTRUM = path.resolve(__dirname, '../fixtures/csv-spectrum');
const cases = readdirSync(path.join(SPECTRUM, 'csvs')).filter((f) => f.endsWith('.csv'));

/** Conformance: the suite's expected objects, header → value, from our rows. */
function asObjects(text: string): Record<string, string>[] | null {
  const result = readCsv('case.csv', text);
  if (!result.ok) return null;
  return result.table.rows.map((row) => Object.fromEntries(result.table.headers.map((h, i) => [h, row[i] ?? ''])));
}

describe('csv-spectrum conformance', () => {
  it.each(cases.filter((c) => c !== 'location_coordinates.csv'))('%s parses as the suite expects', (name) => {
    const bytes = readFileSync(path.join(SPECTRUM, 'csvs', name));
    const decoded = decodeText(name, new Uint8Array(bytes));
    if ('error' in decoded) throw new Error(decoded.error);
    const expected = JSON.parse(readFileSync(path.join(SPECTRUM, 'json', name.replace('.csv', '.json')), 'utf8')) as Record<string, string>[];
    expect(asObjects(decoded.text)).toEqual(expected);
  });

  it('location_coordinates.csv parses without crashing (its expected JSON is defective upstream)', () => {
    const text = readFileSync(path.join(SPECTRUM, 'csvs', 'location_coordinates.csv'), 'utf8');
    expect(asObjects(text)).toHaveLength(1);
  });
});

describe('readCsv', () => {
  it('skips a preamble above the header and says so', () => {
    const result = readCsv('budget.csv', 'Stockport Council\nExported 1 June\nPeriod,Service,Net Cash Limit Budget £000\nAgreement 2021/22,Adoption Counts,58\n');
    expect(result.ok && result.table.headers).toEqual(['Period', 'Service', 'Net Cash Limit Budget £000']);
    expect(result.ok && result.table.rowNumbers).toEqual([4]);
    expect(result.issues.map((i) => i.message)).toEqual(['The first 2 rows above the header were skipped.']);
  });

  it('reads semicolon and tab delimited files', () => {
    for (const sep of [';', '\t']) {
      const result = readCsv('m.csv', ['PI Code', 'PI Name', '2020/21 Actual'].join(sep) + '\n' + ['CFSE.1', 'Smoking', '9.1%'].join(sep));
      expect(result.ok && result.table.rows).toEqual([['CFSE.1', 'Smoking', '9.1%']]);
    }
  });

  it('pads short rows and warns about cells beyond the header', () => {
    const result = readCsv('m.csv', 'PI Code,PI Name,Reported\nCFSE.1,Smoking\nCFSE.2,Breastfeeding,Annually,extra\n');
    expect(result.ok && result.table.rows).toEqual([['CFSE.1', 'Smoking', ''], ['CFSE.2', 'Breastfeeding', 'Annually']]);
    expect(result.issues).toEqual([{ level: 'warning', file: 'm.csv', row: 3, column: null, message: 'Row 3 has 4 cells but the header has 3; the extra cells were ignored.' }]);
  });

  it('names an unclosed quote as an error', () => {
    const result = readCsv('m.csv', 'PI Code,PI Name\nCFSE.1,"Smoking\n');
    expect(result.ok).toBe(false);
    expect(result.issues[0]).toMatchObject({ level: 'error', file: 'm.csv', row: 2 });
  });

  it('refuses an empty file and a header without rows', () => {
    expect(readCsv('e.csv', '').issues[0]?.message).toBe('The file is empty.');
    expect(readCsv('h.csv', 'PI Code,PI Name\n').issues.at(-1)?.message).toBe('The file has a header row but no data rows.');
  });
});

describe('decodeText', () => {
  it('drops a UTF-8 byte order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('a,b')]);
    expect(decodeText('f.csv', bytes)).toEqual({ text: 'a,b', issues: [] });
  });

  it('reads Windows-1252 with a warning, keeping £', () => {
    const result = decodeText('f.csv', new Uint8Array([0xa3, 0x35]));
    expect('text' in result && result.text).toBe('£5');
    expect('issues' in result && result.issues[0]?.level).toBe('warning');
  });

  it('reads UTF-16 with a byte order mark', () => {
    const result = decodeText('f.csv', new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x2c, 0x00, 0x62, 0x00]));
    expect('text' in result && result.text).toBe('a,b');
  });

  it('refuses binary data', () => {
    expect(decodeText('f.csv', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toHaveProperty('error');
  });

  const latin = (text: string): Uint8Array => Uint8Array.from(Array.from(text), (ch) => ch.charCodeAt(0));

  it('reads Mac Roman when its accented letters sit where Windows-1252 has capitals and quotes, and says so', () => {
    // "Café" and "Orléans" in Mac Roman: é is 0x8E (Ž in Windows-1252); £ is 0xA3 in both.
    const bytes = new Uint8Array([...latin('Caf'), 0x8e, ...latin(',Orl'), 0x8e, ...latin('ans,'), 0xa3, ...latin('5')]);
    const result = decodeText('f.csv', bytes);
    expect('text' in result && result.text).toBe('Café,Orléans,£5');
    expect('issues' in result && result.issues[0]?.message).toContain('read as Mac Roman');
  });

  it('reads Windows-1252 accents, curly quotes and dashes as Windows-1252, sure of it', () => {
    // "Café", "council’s", "2023–24" in Windows-1252.
    const bytes = new Uint8Array([...latin('Caf'), 0xe9, ...latin(",council"), 0x92, ...latin('s,2023'), 0x96, ...latin('24')]);
    const result = decodeText('f.csv', bytes);
    expect('text' in result && result.text).toBe('Café,council’s,2023–24');
    expect('issues' in result && result.issues[0]?.message).toContain('read as Windows-1252');
    expect('issues' in result && result.issues[0]?.message).not.toContain('could as well be');
  });

  it('says it is unsure when the bytes read as plausibly either way', () => {
    // “Hello” in Windows-1252 reads as ìHelloî in Mac Roman: the one as likely as the other.
    const result = decodeText('f.csv', new Uint8Array([0x93, ...latin('Hello'), 0x94]));
    expect('text' in result && result.text).toBe('“Hello”');
    expect('issues' in result && result.issues[0]?.message).toContain('could as well be Mac Roman');
  });
});

describe('sniffEncoding', () => {
  it.each([
    ['a UTF-8 BOM', [0xef, 0xbb, 0xbf, 0x61], { encoding: 'utf-8', bomLength: 3, sure: true }],
    ['a UTF-16 LE BOM', [0xff, 0xfe, 0x61, 0x00], { encoding: 'utf-16le', bomLength: 2, sure: true }],
    ['a UTF-16 BE BOM', [0xfe, 0xff, 0x00, 0x61], { encoding: 'utf-16be', bomLength: 2, sure: true }],
    ['plain ASCII', [0x61, 0x2c, 0x62], { encoding: 'utf-8', bomLength: 0, sure: true }],
    ['UTF-8 £', [0xc2, 0xa3, 0x35], { encoding: 'utf-8', bomLength: 0, sure: true }],
    ['UTF-8 cut short mid-character at the end of the head', [0x61, 0xe2, 0x80], { encoding: 'utf-8', bomLength: 0, sure: true }],
    ['£ alone (0xA3, the same in both)', [0xa3, 0x35], { encoding: 'windows-1252', bomLength: 0, sure: true }],
    ['a byte Windows-1252 leaves undefined', [0x61, 0x8f, 0x62], { encoding: 'macintosh', bomLength: 0, sure: true }],
  ])('%s', (_what, bytes, expected) => {
    expect(sniffEncoding(new Uint8Array(bytes))).toMatchObject(expected);
  });

  it('gives the warning to show for a legacy encoding, and flags binary data', () => {
    const sniffed = sniffEncoding(new Uint8Array([0xa3, 0x35]));
    expect(sniffed.issue?.('f.csv')).toMatchObject({ level: 'warning', file: 'f.csv', message: expect.stringContaining('Windows-1252') as string });
    expect(sniffEncoding(new Uint8Array([0x50, 0x4b, 0x03, 0x00])).binary?.('f.csv').level).toBe('error');
  });
});

describe('readJson', () => {
  it('reads an array of flat objects, in first-seen key order', () => {
    const result = readJson('m.json', JSON.stringify([{ 'PI Code': 'CFSE.1', 'PI Name': 'Smoking' }, { 'PI Code': 'CFSE.2', Reported: 'Annually' }]));
    expect(result.ok && result.table.headers).toEqual(['PI Code', 'PI Name', 'Reported']);
    expect(result.ok && result.table.rows).toEqual([['CFSE.1', 'Smoking', ''], ['CFSE.2', '', 'Annually']]);
    expect(result.ok && result.table.rowNumbers).toEqual([1, 2]);
  });

  it('ignores __proto__ and constructor keys and says so', () => {
    const result = readJson('m.json', '[{"PI Code":"CFSE.1","PI Name":"x","__proto__":{"polluted":true},"constructor":"y"}]');
    expect(result.ok && result.table.headers).toEqual(['PI Code', 'PI Name']);
    expect(result.issues.map((i) => i.column)).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['[{"a":1', 'This is not valid JSON'],
    ['{"a":1}', 'The JSON must be an array of rows'],
    ['[1,2]', 'Item 1 of the JSON array is not an object'],
    ['[{"PI Code":"x","PI Name":{"nested":true}}]', 'Item 1, field "PI Name" holds a nested list or object'],
  ])('refuses %s', (text, start) => {
    const result = readJson('bad.json', text);
    expect(result.ok).toBe(false);
    expect(result.issues[0]?.message.startsWith(start)).toBe(true);
  });
});
