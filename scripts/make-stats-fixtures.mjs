// Writes the national statistics fixtures in test/fixtures/stats/: an Explore Education
// Statistics open-data file (in UTF-8 with a BOM and CR LF line ends, and the same text in
// Windows-1252 and in Mac Roman), a long file of one figure a row, and a neighbour list.
// Built by hand from the format's documentation; the figures are illustrative, not published ones.
// Run: node scripts/make-stats-fixtures.mjs
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const DIR = path.resolve(import.meta.dirname, '../test/fixtures/stats');

/** Encodes text in a single-byte encoding TextDecoder knows, by reversing its table. */
function encodeSingleByte(text, encoding) {
  const decoder = new TextDecoder(encoding);
  const table = new Map();
  for (let b = 0; b < 256; b++) table.set(decoder.decode(new Uint8Array([b])), b);
  return Uint8Array.from(Array.from(text), (ch) => {
    const b = table.get(ch);
    if (b === undefined) throw new Error(`${ch} cannot be written in ${encoding}`);
    return b;
  });
}

const csvCell = (v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csvLine = (cells) => cells.map((c) => csvCell(String(c))).join(',');
const thousands = (n) => n.toLocaleString('en-GB');

// ---- Explore Education Statistics: children looked after at 31 March, by reporting year -------
const ENGLAND = { level: 'National', country: ['E92000001', 'England'] };
const NORTH_WEST = ['E12000002', 'North West'];
const NORTH_EAST = ['E12000001', 'North East'];
const areas = [
  { ...ENGLAND, base: 70, count: 83000 },
  { level: 'Regional', region: NORTH_WEST, base: 97, count: 16000 },
  { level: 'Regional', region: NORTH_EAST, base: 110, count: 6000 },
  { level: 'Local authority', region: NORTH_WEST, la: ['356', 'Stockport', 'E08000007'], base: 61, count: 380 },
  { level: 'Local authority', region: NORTH_WEST, la: ['358', 'Trafford', 'E08000009'], base: 55, count: 330 },
  { level: 'Local authority', region: NORTH_WEST, la: ['352', 'Manchester', 'E08000003'], base: 105, count: 1300 },
  { level: 'Local authority', region: NORTH_WEST, la: ['341', 'Liverpool', 'E08000012'], base: 140, count: 1500 },
  // Gateshead's code changed (E08000020 → E08000037); the file gives the old one in its first year.
  { level: 'Local authority', region: NORTH_EAST, la: ['390', 'Gateshead', 'E08000037'], oldCode: { 2022: 'E08000020' }, base: 115, count: 420 },
  { level: 'Local authority', region: NORTH_EAST, la: ['391', 'Newcastle upon Tyne', 'E08000021'], base: 102, count: 560 },
];
const YEARS = [2022, 2023, 2024];
const CHARACTERISTICS = [['Total', 1], ['Male', 0.54], ['Female', 0.46]];
// Symbols where a figure would stand: area name, year, characteristic, column → symbol.
const SYMBOLS = new Map([
  ['Stockport|2023|Male|rate_per_10000', 'c'],
  ['Liverpool|2022|Female|rate_per_10000', 'c'],
  ['Trafford|2023|Male|number_looked_after', 'low'],
  ['Newcastle upon Tyne|2024|Total|rate_per_10000', 'x'],
  ['Gateshead|2022|Female|number_looked_after', 'z'],
  ['Manchester|2023|Male|rate_per_10000', 'u'],
  ['North East|2022|Female|rate_per_10000', ':'],
  ['Trafford|2022|Female|rate_per_10000', '..'],
]);

const HEADER = ['time_period', 'time_identifier', 'geographic_level', 'country_code', 'country_name', 'region_code', 'region_name', 'old_la_code', 'la_name', 'new_la_code', 'characteristic', 'number_looked_after', 'rate_per_10000'];
const lines = [
  // A preamble above the header, as a download with a title has; the £ and the accent test the encodings.
  ['Children looked after in England: illustrative figures for tests (Café Statistique; figures in £ nowhere)'],
  HEADER,
];
for (const year of YEARS) {
  for (const area of areas) {
    for (const [characteristic, share] of CHARACTERISTICS) {
      const name = area.la?.[1] ?? area.region?.[1] ?? 'England';
      const rate = Math.round((area.base + (year - 2022) * 1.5 + (share === 1 ? 0 : share > 0.5 ? 3 : -3)) * 10) / 10;
      const count = Math.round(area.count * share * (1 + (year - 2022) * 0.02));
      const figure = (column, value) => SYMBOLS.get(`${name}|${year}|${characteristic}|${column}`) ?? value;
      lines.push([
        year, 'Reporting year', area.level, 'E92000001', 'England',
        area.region?.[0] ?? '', area.region?.[1] ?? '',
        area.la?.[0] ?? '', area.la?.[1] ?? '', area.oldCode?.[year] ?? area.la?.[2] ?? '',
        characteristic, figure('number_looked_after', thousands(count)), figure('rate_per_10000', rate.toFixed(1)),
      ]);
    }
  }
  // A total for England among the authorities, as older files have; and Inner London, a sub-regional total.
  lines.push([year, 'Reporting year', 'Local authority', 'E92000001', 'England', '', '', '', 'ENGLAND', '', 'Total', thousands(83000), '70.0']);
  lines.push([year, 'Reporting year', 'Local authority', 'E92000001', 'England', 'E12000007', 'London', '', 'Inner London', 'E13000001', 'Total', thousands(4200), '80.0']);
  // A level the importer does not read.
  lines.push([year, 'Reporting year', 'Local authority district', 'E92000001', 'England', 'E12000002', 'North West', '', '', '', 'Total', '12', '1.0']);
}
const ees = lines.map(csvLine).join('\r\n') + '\r\n';
writeFileSync(path.join(DIR, 'ees-children-looked-after.csv'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ees, 'utf8')]));
writeFileSync(path.join(DIR, 'ees-children-looked-after-windows-1252.csv'), encodeSingleByte(ees, 'windows-1252'));
writeFileSync(path.join(DIR, 'ees-children-looked-after-mac-roman.csv'), encodeSingleByte(ees, 'macintosh'));

// ---- A long file: one figure a row (Office for Local Government style) --------------------------
const long = [
  ['Area code', 'Area name', 'Period', 'Measure', 'Data\nvalue', 'Unit'],
];
const longAreas = [['E92000001', 'England'], ['E12000002', 'North West'], ['E08000007', 'Stockport'], ['E08000009', 'Trafford'], ['E08000003', 'Manchester']];
const longYears = ['2021-22', '2022-23', '2023-24'];
longAreas.forEach(([code, name], a) => {
  longYears.forEach((year, y) => {
    long.push([code, name, year, 'Household waste sent for reuse, recycling or composting', (42 + a * 1.3 + y * 0.4).toFixed(1), '%']);
    const spend = code === 'E92000001' ? 5239331 + y * 100000 : 120000 + a * 15000 + y * 5000;
    long.push([code, name, year, 'Net current expenditure on adult social care', thousands(spend), '£ thousands']);
  });
});
long.push(['E08000009', 'Trafford', '2023-24', 'Household waste sent for reuse, recycling or composting', '[c]', '%']);
long.splice(long.findIndex((r) => r[1] === 'Trafford' && r[2] === '2023-24' && r[3].startsWith('Household')), 1);
writeFileSync(path.join(DIR, 'long-local-authority-figures.csv'), long.map(csvLine).join('\n') + '\n');

// ---- A neighbour list --------------------------------------------------------------------------
const neighbours = [
  ['group', 'new_la_code', 'la_name', 'rank'],
  ['Stockport statistical neighbours', 'E08000009', 'Trafford', '1'],
  ['Stockport statistical neighbours', 'E06000049', 'Cheshire East', '2'],
  ['Stockport statistical neighbours', 'E08000002', 'Bury', '3'],
  ['Stockport statistical neighbours', 'E06000007', 'Warrington', '4'],
  ['Greater Manchester', 'E08000003', 'Manchester', ''],
  ['Greater Manchester', 'E08000007', 'Stockport', ''],
  ['Greater Manchester', 'E08000009', 'Trafford', ''],
];
writeFileSync(path.join(DIR, 'neighbours-stockport.csv'), neighbours.map(csvLine).join('\n') + '\n');
