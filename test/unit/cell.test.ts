import { describe, expect, it } from 'vitest';
import { missingReason, parseCodeCell, parseMeasureCell, parseMoneyCell, readMeasureCell } from '../../src/domain/cell';
import type { CellPart, CodeCell, MeasureCell, MoneyCell } from '../../src/domain/cell';
import type { Direction, Unit } from '../../src/domain/types';

// Rows give the expected cell without `raw`; each test adds the raw text back and compares the whole object.
type WithoutRaw<T> = T extends unknown ? Omit<T, 'raw'> : never;
type Expected = WithoutRaw<MeasureCell>;

const num = (value: number, unit: Unit | null = null, count: number | null = null, note: string | null = null): Expected => ({
  kind: 'number', value, unit, count, note,
});
const pct = (value: number, count: number | null = null, note: string | null = null): Expected => num(value, '%', count, note);
const missing = (reason: string): Expected => ({ kind: 'missing', reason });
const direction = (d: Direction): Expected => ({ kind: 'direction', direction: d });
const text = (message: string): Expected => ({ kind: 'text', message });
const breakdown = (parts: CellPart[], note: string | null = null): Expected => ({ kind: 'breakdown', parts, note });
const part = (label: string, value: number, unit: Unit | null = null, labelAsPrinted = label): CellPart => ({
  label, labelAsPrinted, value, count: null, unit,
});
const sen = (ehc: number, support: number, unit: Unit | null = '%'): CellPart[] => [
  part('EHC Plan', ehc, unit),
  part('SEN Support', support, unit),
];

function expectMeasure(raw: string, expected: Expected): void {
  expect(parseMeasureCell(raw)).toEqual({ raw, ...expected });
}

// Every distinct actual and target cell of the measure tables in seed 003 (PPRA 2021/22).
describe('parseMeasureCell: seed 003 figures', () => {
  it.each<[string, Expected]>([
    ['10.8% (258)', pct(10.8, 258)],
    ['9.1% (248)', pct(9.1, 248)],
    ['9.5%', pct(9.5)],
    ['50.5% (1558)', pct(50.5, 1558)],
    ['51% (1486)', pct(51, 1486)],
    ['51.5%', pct(51.5)],
    ['23.4%', pct(23.4)],
    ['24.7%', pct(24.7)],
    ['21.0%', pct(21)],
    ['0.6% (61) 15/16 – 17/18', pct(0.6, 61, '15/16 – 17/18')],
    ['0.5% (56) 16/17 – 18/19', pct(0.5, 56, '16/17 – 18/19')],
    ['0.3%', pct(0.3)],
    ['103.1% (Spring Term 18)', pct(103.1, null, 'Spring Term 18')],
    ['98% (Spring Term 19)', pct(98, null, 'Spring Term 19')],
    ['99.0%', pct(99)],
    ['96%', pct(96)],
    ['95%', pct(95)],
    ['70%', pct(70)],
    ['72.5%', pct(72.5)],
    ['46%', pct(46)],
    ['54.3%', pct(54.3)],
    ['91%', pct(91)],
    ['92%', pct(92)],
    ['60.7%', pct(60.7)],
    ['52%', pct(52)],
    ['78.8%', pct(78.8)],
    ['66%', pct(66)],
    ['67%', pct(67)],
    ['30%', pct(30)],
    ['38.0%', pct(38)],
    ['41.4%', pct(41.4)],
    ['42%', pct(42)],
    ['67.5%', pct(67.5)],
    ['45.5%', pct(45.5)],
    ['47.4%', pct(47.4)],
    ['48.0', num(48)],
    ['19.1%', pct(19.1)],
    ['19.0', num(19)],
    ['31.3%', pct(31.3)],
    ['34.5', num(34.5)],
    ['-0.02', num(-0.02)],
    ['1.63%', pct(1.63)],
    ['-1.51', num(-1.51)],
    ['-0.8', num(-0.8)],
    ['-0.53', num(-0.53)],
    ['4.17', num(4.17)],
    ['4.11', num(4.11)],
    ['43.7%', pct(43.7)],
    ['42.0%', pct(42)],
    ['10.3%', pct(10.3)],
    ['10.8%', pct(10.8)],
    ['36.4%', pct(36.4)],
    ['31.9%', pct(31.9)],
    ['22.0%', pct(22)],
    ['23.6%', pct(23.6)],
    ['1.3%', pct(1.3)],
    ['1.2%', pct(1.2)],
    ['3.2%', pct(3.2)],
    ['3.5%', pct(3.5)],
    ['2.42%', pct(2.42)],
    ['3.8%', pct(3.8)],
    ['9.1%', pct(9.1)],
    ['7.2%', pct(7.2)],
    ['6.58%', pct(6.58)],
    ['10.21%', pct(10.21)],
    ['0.13%', pct(0.13)],
    ['0.10%', pct(0.1)],
    ['0.46%', pct(0.46)],
    ['0.28%', pct(0.28)],
    ['96.3% (5795)', pct(96.3, 5795)],
    ['96.3% (5743)', pct(96.3, 5743)],
    ['96.4% (5984)', pct(96.4, 5984)],
    ['97%', pct(97)],
    ['2.3% (140)', pct(2.3, 140)],
    ['2.5% (152)', pct(2.5, 152)],
    // The paper drops the % here; the importer reads what is printed and leaves the unit check to the caller.
    ['3.1 (194)', num(3.1, null, 194)],
    ['2.0%', pct(2)],
    ['1.7% (82)', pct(1.7, 82)],
    ['2.4% (67)', pct(2.4, 67)],
    ['0.5% (28)', pct(0.5, 28)],
    ['0.7%', pct(0.7)],
    ['8.2% (496)', pct(8.2, 496)],
    ['6.6% (396)', pct(6.6, 396)],
    ['5.1% (318)', pct(5.1, 318)],
    ['56.0%', pct(56)],
    ['57%', pct(57)],
    ['59%', pct(59)],
    ['1850', num(1850)],
    ['2408', num(2408)],
    ['65.6% (1,177)', pct(65.6, 1177)],
    ['43.5% (439) Based on Q3-Q4 only due to Liquid Logic migration', pct(43.5, 439, 'Based on Q3-Q4 only due to Liquid Logic migration')],
    ['55.9% (589) Q1-Q3', pct(55.9, 589, 'Q1-Q3')],
    ['70.0%', pct(70)],
    ['33%', pct(33)],
    ['32%', pct(32)],
    ['0.8%', pct(0.8)],
    ['1.1%', pct(1.1)],
    ['27.4 per 1000 (2255) End of March 19', num(27.4, 'per 1,000', 2255, 'End of March 19')],
    ['26.4 per 1000 (2171) End of March 20', num(26.4, 'per 1,000', 2171, 'End of March 20')],
    ['55.1%', pct(55.1)],
    ['50%', pct(50)],
    ['0.33 (9)', num(0.33, null, 9)],
    ['0.19 (5)', num(0.19, null, 5)],
    ["0.1 Dec'20", num(0.1, null, null, "Dec'20")],
    ['0.23', num(0.23)],
    ['222 (60) Q4', num(222, null, 60, 'Q4')],
    ['252 (60) Q1 2019/20', num(252, null, 60, 'Q1 2019/20')],
    ['210', num(210)],
    ['31.5% (41) 2016/17', pct(31.5, 41, '2016/17')],
    ['44.1% (45) 2017/18', pct(44.1, 45, '2017/18')],
    // A bracketed whole number after a figure is always its count, even one that looks like a year.
    ['320.1 (2015)', num(320.1, null, 2015)],
    ['353.5 (2232)', num(353.5, null, 2232)],
    ['95.0% (763) Q4', pct(95, 763, 'Q4')],
    ['98.0% (882) Q4', pct(98, 882, 'Q4')],
    ['99.4% (855)', pct(99.4, 855)],
    ['39.3 (247)', num(39.3, null, 247)],
    ['33.1 (209)', num(33.1, null, 209)],
    ['24.9 (158)', num(24.9, null, 158)],
    ['14.8% (20)', pct(14.8, 20)],
    ['22.4% (38)', pct(22.4, 38)],
    ['8.7% (17)', pct(8.7, 17)],
    ['1.71', num(1.71)],
    ['4.7 (299)', num(4.7, null, 299)],
    ['4.7 (297)', num(4.7, null, 297)],
    ['3.6 (227)', num(3.6, null, 227)],
    ['4.6', num(4.6)],
    ['2.7 (170)', num(2.7, null, 170)],
    ['2.9 (182)', num(2.9, null, 182)],
    ['2.3 (143)', num(2.3, null, 143)],
    ['2.6', num(2.6)],
    ['295', num(295)],
    ['153', num(153)],
    ['154', num(154)],
    ['121', num(121)],
    ['97.4%', pct(97.4)],
    ['95% (115)', pct(95, 115)],
    ['98.1%', pct(98.1)],
    ['97.5% (115)', pct(97.5, 115)],
    ['49.0%', pct(49)],
    ['14.0', num(14)],
    ['15.4', num(15.4)],
    ['13.0', num(13)],
    ['378 days', num(378, 'days')],
    ['92 days', num(92, 'days')],
    ['17 (77)', num(17, null, 77)],
    ['1,551 (443)', num(1551, null, 443)],
    ['858 (245) Q1 and Q2 2019/20', num(858, null, 245, 'Q1 and Q2 2019/20')],
    ['0.4% (27)', pct(0.4, 27)],
    ['0.4', num(0.4)],
    ['13.8 (869)', num(13.8, null, 869)],
    ['13.3 (837)', num(13.3, null, 837)],
    ['10', num(10)],
    ['1.8 (112)', num(1.8, null, 112)],
    ['1.7 (107)', num(1.7, null, 107)],
    ['1.4', num(1.4)],
  ])('%s', expectMeasure);
});

describe('parseMeasureCell: seed 003 missing values, directions and blanks', () => {
  it.each<[string, Expected]>([
    ['N/A', missing('N/A')],
    ['NA', missing('NA')],
    ['Awaiting data', missing('Awaiting data')],
    ['Awaiting Publication', missing('Awaiting Publication')],
    ['Not yet available', missing('Not yet available')],
    ['Data not available', missing('Data not available')],
    ['Aim to maximise', direction('maximise')],
    ['To maximise', direction('maximise')],
    ['Aim to minimise', direction('minimise')],
    ['To minimise', direction('minimise')],
    ['Maintain performance', direction('maintain')],
    ['', { kind: 'empty' }],
  ])('%j', expectMeasure);
});

describe('parseMeasureCell: seed 003 breakdowns', () => {
  it.each<[string, Expected]>([
    ['Reading 0.3 Writing 0.1 Maths 0.1', breakdown([part('Reading', 0.3), part('Writing', 0.1), part('Maths', 0.1)])],
    ['Reading 0.5 Writing 0.0 Maths 0.3', breakdown([part('Reading', 0.5), part('Writing', 0), part('Maths', 0.3)])],
    // The paper's typo: the label is read as EHC Plan, the printed form kept beside it.
    ['1% - ECH Plan 16.0% - SEN Support', breakdown([part('EHC Plan', 1, '%', 'ECH Plan'), part('SEN Support', 16, '%')])],
    ['10.0% - EHC Plan 25.1% - SEN Support', breakdown(sen(10, 25.1))],
    ['12.0% - EHC Plan 26.0% - SEN Support', breakdown(sen(12, 26))],
    ['13.0% - EHC Plan 26.0% - SEN Support', breakdown(sen(13, 26))],
    ['12.7% - EHC Plan 40.0% - SEN Support', breakdown(sen(12.7, 40))],
    ['11.5% - EHC Plan 45.0% - SEN Support', breakdown(sen(11.5, 45))],
    ['6.3%- EHC Plan 19.3% - SEN Support', breakdown(sen(6.3, 19.3))],
    ['5.3%- EHC Plan 25.0%- SEN Support', breakdown(sen(5.3, 25))],
    ['15.2 - EHC Plan 35.5 – SEN Support', breakdown(sen(15.2, 35.5, null))],
    ['15.0 – EHC Plan 37.0 – SEN Support', breakdown(sen(15, 37, null))],
    ['-1.12 (EHC Plan) -0.31 (SEN Support)', breakdown(sen(-1.12, -0.31, null))],
    ['-1.09 (EHC Plan) -0.20 (SEN Support)', breakdown(sen(-1.09, -0.2, null))],
    ['1.17 (EHC Plan) 2.95 (SEN Support) 18/19', breakdown(sen(1.17, 2.95, null), '18/19')],
    ['1.04 (EHC Plan) 3.00 (SEN Support)', breakdown(sen(1.04, 3, null))],
    ['4.8% (EHC Plan) 23.8% (SEN Support)', breakdown(sen(4.8, 23.8))],
    ['2.9% (EHC Plan) 24% (SEN Support)', breakdown(sen(2.9, 24))],
    ['18.0% (EHC Plan) 15.2% (SEN Support)', breakdown(sen(18, 15.2))],
    ['15.9% (EHC Plan) 12.5% (SEN Support)', breakdown(sen(15.9, 12.5))],
    // CFSE.20(iv) and CFSE.24(iv) split each cell over two printed lines: one cohort a line.
    ['24.4% (EHC Plan)', breakdown([part('EHC Plan', 24.4, '%')])],
    ['25.1% (EHC Plan)', breakdown([part('EHC Plan', 25.1, '%')])],
    ['0% (EHC Plan)', breakdown([part('EHC Plan', 0, '%')])],
    ['0.16% (EHC Plan)', breakdown([part('EHC Plan', 0.16, '%')])],
    ['21.6% (SEN Support)', breakdown([part('SEN Support', 21.6, '%')])],
    ['18.3% (SEN Support)', breakdown([part('SEN Support', 18.3, '%')])],
    ['0.38% (SEN Support)', breakdown([part('SEN Support', 0.38, '%')])],
    ['0.16% (SEN Support)', breakdown([part('SEN Support', 0.16, '%')])],
  ])('%s', expectMeasure);
});

describe('parseMeasureCell: other forms', () => {
  it.each<[string, Expected]>([
    ['(14,522)', num(-14522)],
    ['−0.5', num(-0.5)],
    ['+3', num(3)],
    ['.5', num(0.5)],
    ['1 234', num(1234)],
    ['12 %', pct(12)],
    ['3 per 10000', num(3, 'per 10,000')],
    ['3 per 10,000', num(3, 'per 10,000')],
    ['4 per 100,000 (12)', num(4, 'per 100,000', 12)],
    ['5 per 1,000', num(5, 'per 1,000')],
    ['1 day', num(1, 'days')],
    ['2,232 (1 177)', num(2232, null, 1177)],
    ['95% (115) (provisional)', pct(95, 115, 'provisional')],
    ['  9.5%  (258) ', pct(9.5, 258)],
    ['27.4  per\t1000 (2255)  End of  March 19', num(27.4, 'per 1,000', 2255, 'End of March 19')],
    ['   ', { kind: 'empty' }],
    ['n/a', missing('n/a')],
    ['N/A.', missing('N/A')],
    ['not available', missing('not available')],
    ['Not published', missing('Not published')],
    ['Suppressed', missing('Suppressed')],
    ['-', missing('-')],
    ['–', missing('–')],
    ['..', missing('..')],
    ['Maximise', direction('maximise')],
    ['Minimize', direction('minimise')],
    ['aim to maximize.', direction('maximise')],
    ['Maintain', direction('maintain')],
    ['Maths 0.3', breakdown([part('Maths', 0.3)])],
    ['cin 12.5% fsm 20%', breakdown([part('CIN', 12.5, '%', 'cin'), part('FSM', 20, '%', 'fsm')])],
    ['Science 0.2 Art 0.4', breakdown([part('Science', 0.2), part('Art', 0.4)])],
    ['10% (Boys) 12% (Girls)', breakdown([part('Boys', 10, '%'), part('Girls', 12, '%')])],
    // A negative after a label must not be read as the dash that separates value and label.
    ['-1.0 - EHC Plan -0.5 - SEN Support', breakdown(sen(-1, -0.5, null))],
    ['12.0% - EHC Plan 26.0% - SEN Support Q4', breakdown(sen(12, 26), 'Q4')],
    ['12%%', text('"12%%" is not a number this importer understands')],
    ['1,5510', text('"1,5510" is not a number this importer understands')],
    ['5 ()', text('"5 ()" is not a number this importer understands')],
    ['1.234,5', text('"1.234,5" uses a comma as the decimal point, which this importer does not support: write 1234.5')],
    ['12,5%', text('"12,5%" uses a comma as the decimal point, which this importer does not support: write 12.5%')],
    ['5 6', text('"5 6" has a second figure (6) without a label such as EHC Plan or SEN Support')],
    ['4.8% (EHC Plan) 23.8%', text('"4.8% (EHC Plan) 23.8%" has a second figure (23.8%) without a label such as EHC Plan or SEN Support')],
    ['Good', text('"Good" is not a figure, a reason for missing data (such as "Awaiting data") or a direction of travel (such as "Aim to maximise")')],
    // One unknown label and a figure is not taken for a breakdown.
    ['Dec 2020', text('"Dec 2020" is not a figure, a reason for missing data (such as "Awaiting data") or a direction of travel (such as "Aim to maximise")')],
    ['Awaiting data (Q4)', text('"Awaiting data (Q4)" is not a figure, a reason for missing data (such as "Awaiting data") or a direction of travel (such as "Aim to maximise")')],
  ])('%j', expectMeasure);
});

describe('missingReason', () => {
  it.each<[string, string | null]>([
    ['Awaiting data', 'Awaiting data'],
    ['  awaiting   publication. ', 'awaiting publication'],
    ['N/A', 'N/A'],
    ['..', '..'],
    ['Awaiting', null],
    ['9.5%', null],
    ['', null],
  ])('%j → %j', (raw, expected) => {
    expect(missingReason(raw)).toEqual(expected);
  });
});

describe('parseMoneyCell', () => {
  it.each<[string, '£000' | '£m', WithoutRaw<MoneyCell>]>([
    // Seed 003 finance section: revenue budget, budget bridge, reserves, savings and the narrative.
    ['59,033', '£000', { kind: 'number', value: 59033, flagged: false }],
    ['(14,522)', '£000', { kind: 'number', value: -14522, flagged: false }],
    ['(92)', '£000', { kind: 'number', value: -92, flagged: false }],
    ['0', '£000', { kind: 'number', value: 0, flagged: false }],
    ['*25', '£000', { kind: 'number', value: 25, flagged: true }],
    ['*108', '£000', { kind: 'number', value: 108, flagged: true }],
    ['0.040', '£m', { kind: 'number', value: 0.04, flagged: false }],
    ['0.132', '£m', { kind: 'number', value: 0.132, flagged: false }],
    ['£2.356m', '£000', { kind: 'number', value: 2356, flagged: false }],
    ['£2.356m', '£m', { kind: 'number', value: 2.356, flagged: false }],
    ['£0.150m', '£000', { kind: 'number', value: 150, flagged: false }],
    ['£0.150m', '£m', { kind: 'number', value: 0.15, flagged: false }],
    ['£1.667m', '£000', { kind: 'number', value: 1667, flagged: false }],
    ['£9,000', '£000', { kind: 'number', value: 9000, flagged: false }],
    // Other forms.
    ['25*', '£000', { kind: 'number', value: 25, flagged: true }],
    ['£150k', '£000', { kind: 'number', value: 150, flagged: false }],
    ['£150k', '£m', { kind: 'number', value: 0.15, flagged: false }],
    ['-92', '£000', { kind: 'number', value: -92, flagged: false }],
    ['−92', '£000', { kind: 'number', value: -92, flagged: false }],
    ['-£0.3m', '£m', { kind: 'number', value: -0.3, flagged: false }],
    ['1 234', '£000', { kind: 'number', value: 1234, flagged: false }],
    ['nil', '£000', { kind: 'number', value: 0, flagged: false }],
    ['', '£000', { kind: 'empty' }],
    ['-', '£000', { kind: 'empty' }],
    ['–', '£m', { kind: 'empty' }],
    ['1.234,5', '£000', { kind: 'text', message: '"1.234,5" uses a comma as the decimal point, which this importer does not support: write 1234.5' }],
    ['(-5)', '£000', { kind: 'text', message: '"(-5)" is not an amount such as 59,033, (14,522), *25 or £2.356m' }],
    ['TBC', '£000', { kind: 'text', message: '"TBC" is not an amount such as 59,033, (14,522), *25 or £2.356m' }],
  ])('%j in %s', (raw, unit, expected) => {
    expect(parseMoneyCell(raw, unit)).toEqual({ raw, ...expected });
  });
});

describe('parseCodeCell', () => {
  it.each<[string, CodeCell]>([
    ['CFSE.1 and GMS indicator', { code: 'CFSE.1', gms: true, isNew: false, extra: 'and GMS indicator' }],
    ['CFSE.2', { code: 'CFSE.2', gms: false, isNew: false, extra: '' }],
    ['CFSE.8 GMS', { code: 'CFSE.8', gms: true, isNew: false, extra: 'GMS' }],
    ['CSFE.9(i) GMS', { code: 'CSFE.9(i)', gms: true, isNew: false, extra: 'GMS' }],
    ['CSFE.9(ii)', { code: 'CSFE.9(ii)', gms: false, isNew: false, extra: '' }],
    ['CSFE.45', { code: 'CSFE.45', gms: false, isNew: false, extra: '' }],
    ['CFSE.10 New measure', { code: 'CFSE.10', gms: false, isNew: true, extra: 'New measure' }],
    ['CFSE.12(i) GMS indicator', { code: 'CFSE.12(i)', gms: true, isNew: false, extra: 'GMS indicator' }],
    ['CFSE.12(iii)', { code: 'CFSE.12(iii)', gms: false, isNew: false, extra: '' }],
    ['CFSE.16 (i) GMS indicator', { code: 'CFSE.16(i)', gms: true, isNew: false, extra: 'GMS indicator' }],
    ['CFSE.23(iv) New Measure', { code: 'CFSE.23(iv)', gms: false, isNew: true, extra: 'New Measure' }],
    ['CFSE.24(iv) New Measure', { code: 'CFSE.24(iv)', gms: false, isNew: true, extra: 'New Measure' }],
    ['CFSE.29 NEW', { code: 'CFSE.29', gms: false, isNew: true, extra: 'NEW' }],
    ['  cfse.7 ( b )  ', { code: 'cfse.7(b)', gms: false, isNew: false, extra: '' }],
    ['PI-12 GMS', { code: 'PI-12', gms: true, isNew: false, extra: 'GMS' }],
    ['', { code: '', gms: false, isNew: false, extra: '' }],
  ])('%j', (raw, expected) => {
    expect(parseCodeCell(raw)).toEqual(expected);
  });
});

describe('parseMeasureCell: plain figures read directly', () => {
  // Every plain form, with signs, zeros, decimals, percentages and counts, and near misses that
  // must go to the general reader: the two readers must agree on all of them.
  const numbers = ['0', '-0', '7', '007', '12.5', '-3', '-0.0', '1234567', '96.3', '100.0', '0.25'];
  const forms = numbers.flatMap((n) => [n, `${n}%`, `${n}% (5795)`, `${n} (12)`, `${n}% (0)`]);
  const nearMisses = ['1,204', ' 12.5', '12.5 ', '12.5%  (3)', '.5', '12.', '+4', '12.5 %', '96.3% (5,795)', '3 (EHC Plan)', '12,5', '(12)', '12.5 days', '5 per 10,000'];
  it.each([...forms, ...nearMisses])('%j reads the same as the general reader', (raw) => {
    expect(parseMeasureCell(raw)).toEqual(readMeasureCell(raw));
  });
  it('reads a percentage with its count', () => {
    expect(parseMeasureCell('96.3% (5795)')).toEqual({ kind: 'number', raw: '96.3% (5795)', value: 96.3, count: 5795, unit: '%', note: null });
    // No -0: it would print as "-0" (toEqual tells 0 and -0 apart).
    expect(parseMeasureCell('-0')).toEqual({ kind: 'number', raw: '-0', value: 0, count: null, unit: null, note: null });
  });
});
