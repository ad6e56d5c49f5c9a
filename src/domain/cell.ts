// Reads single cells of the papers' tables: figures with their unit, count and trailing note,
// cohort/subject breakdowns, missing-data phrases, directions of travel, money and PI codes.
// Nothing here throws: a cell that cannot be read comes back as `text` with a message for the
// import report, and `raw` always keeps the cell exactly as given.
import type { Direction, Unit } from './types';

export interface CellPart {
  label: string;
  labelAsPrinted: string;
  value: number;
  count: number | null;
  unit: Unit | null;
}

export type MeasureCell =
  | { kind: 'empty'; raw: string }
  | { kind: 'number'; raw: string; value: number; count: number | null; unit: Unit | null; note: string | null }
  | { kind: 'breakdown'; raw: string; parts: CellPart[]; note: string | null }
  | { kind: 'missing'; raw: string; reason: string }
  | { kind: 'direction'; raw: string; direction: Direction }
  | { kind: 'text'; raw: string; message: string };

export type MoneyCell =
  | { kind: 'empty'; raw: string }
  | { kind: 'number'; raw: string; value: number; flagged: boolean }
  | { kind: 'text'; raw: string; message: string };

export interface CodeCell {
  code: string;
  gms: boolean;
  isNew: boolean;
  extra: string;
}

const SIGN = '[-+\\u2212]';
// Whole digits grouped by commas (1,551) or spaces (1 234), or ungrouped; a group is exactly three digits.
const DIGITS = '\\d{1,3}(?:,\\d{3}(?!\\d))+|\\d{1,3}(?: \\d{3}(?!\\d))+|\\d+';
// No figure may run on into another digit (`12,5`, `1.2.3`): those fall through to `text`.
const NUMBER = `(?:(?:${DIGITS})(?:\\.\\d+)?|\\.\\d+)(?![.,]?\\d)`;

// A figure as printed: sign, number, then an optional unit and an optional bracketed count,
// as in `27.4 per 1000 (2255)`. The commas in `per 1,000` are optional in the papers.
const AMOUNT = new RegExp(
  `(${SIGN})?(${NUMBER})` +
    `(?:\\s*(%|per\\s+(?:100,?000|10,?000|1,?000)(?![\\d,])|days?\\b))?` +
    `(?:\\s*\\(\\s*(${DIGITS})\\s*\\))?`,
  'iy',
);

// A breakdown label is words without digits (EHC Plan, SEN Support, Non-FSM), so it ends where the next figure starts.
const WORD = "[A-Za-z][A-Za-z'’&/]*(?:-[A-Za-z]+)*(?![\\w'’&/])";
const LABEL = `${WORD}(?: ${WORD})*`;
const LABEL_BEFORE = new RegExp(`(${LABEL}) (?=${SIGN}?\\.?\\d)`, 'y');
const DASH_LABEL = new RegExp(`\\s*[-–]\\s*(${LABEL})`, 'y');
const BRACKET_LABEL = new RegExp(`\\s*\\(\\s*(${LABEL})\\s*\\)`, 'y');

const CANONICAL_LABELS = new Map<string, string>([
  ['ehc plan', 'EHC Plan'],
  ['ech plan', 'EHC Plan'], // a typo in the 2021/22 agreement
  ['sen support', 'SEN Support'],
  ['reading', 'Reading'],
  ['writing', 'Writing'],
  ['maths', 'Maths'],
  ['cin', 'CIN'],
  ['fsm', 'FSM'],
]);

const MISSING = /^(awaiting data|awaiting publication|not yet available|n\/a|na|data not available|not available|not published|suppressed|-|–|\.\.)\.?$/i;
const DIRECTION = /^(?:(?:aim )?to )?(maximi[sz]e|minimi[sz]e|maintain(?: performance)?)\.?$/i;
// European style: `1.234,5` or `12,5` (a comma followed by fewer than three digits).
const COMMA_DECIMAL = /^[-+\u2212]?(?:\d{1,3}(?:\.\d{3})+,\d+|\d+,\d{1,2})(?:\s*%)?$/;
// A bracketed figure alone is an accounting negative, as in the finance tables: `(14,522)`.
const BRACKETED_ONLY = new RegExp(`^\\(\\s*(${NUMBER})\\s*\\)$`);
// A note must begin like words or a period (`Q4`, `15/16 – 17/18`, `Dec'20`), not with stray symbols (`12%%`).
const NOTE_START = /^[\p{L}\p{N}'‘’"“]/u;

interface Amount {
  value: number;
  unit: Unit | null;
  count: number | null;
  end: number;
}

function collapse(raw: string): string {
  return raw.trim().replace(/\s+/g, ' ');
}

function toNumber(digits: string, sign: string | undefined): number {
  const n = Number(digits.replace(/[, ]/g, ''));
  const value = sign === '-' || sign === '\u2212' ? -n : n;
  return value === 0 ? 0 : value; // no -0: it would print as "-0" and fail equality checks
}

function unitOf(printed: string | undefined): Unit | null {
  if (printed === undefined) return null;
  if (printed === '%') return '%';
  if (/^day/i.test(printed)) return 'days';
  const per = printed.replace(/\D/g, '');
  return per === '100000' ? 'per 100,000' : per === '10000' ? 'per 10,000' : 'per 1,000';
}

function readAmount(s: string, at: number): Amount | null {
  AMOUNT.lastIndex = at;
  const m = AMOUNT.exec(s);
  if (!m?.[2]) return null;
  return {
    value: toNumber(m[2], m[1]),
    unit: unitOf(m[3]),
    count: m[4] === undefined ? null : toNumber(m[4], undefined),
    end: AMOUNT.lastIndex,
  };
}

function isLoneAmount(s: string): boolean {
  const a = readAmount(s, 0);
  return a !== null && a.end === s.length;
}

function matchAt(re: RegExp, s: string, at: number): { text: string; end: number } | null {
  re.lastIndex = at;
  const m = re.exec(s);
  return m?.[1] === undefined ? null : { text: m[1], end: re.lastIndex };
}

function part(labelAsPrinted: string, a: Amount): CellPart {
  const label = CANONICAL_LABELS.get(labelAsPrinted.toLowerCase()) ?? labelAsPrinted;
  return { label, labelAsPrinted, value: a.value, count: a.count, unit: a.unit };
}

type BreakdownForm = 'label value' | 'value - label' | 'value (label)';
const FORMS: readonly BreakdownForm[] = ['label value', 'value - label', 'value (label)'];

function readPart(s: string, at: number, form: BreakdownForm): { part: CellPart; end: number } | null {
  if (form === 'label value') {
    const label = matchAt(LABEL_BEFORE, s, at);
    const a = label && readAmount(s, label.end);
    return label && a ? { part: part(label.text, a), end: a.end } : null;
  }
  const a = readAmount(s, at);
  const label = a && matchAt(form === 'value - label' ? DASH_LABEL : BRACKET_LABEL, s, a.end);
  return a && label ? { part: part(label.text, a), end: label.end } : null;
}

// Tries each printed breakdown form; one part counts only when its label is a known cohort or subject,
// so that `103.1% (Spring Term 18)` or `Dec 2020` are not taken for breakdowns.
function readBreakdown(s: string): { parts: CellPart[]; rest: string } | null {
  for (const form of FORMS) {
    const parts: CellPart[] = [];
    let at = 0;
    for (let next = readPart(s, at, form); next; next = readPart(s, at, form)) {
      parts.push(next.part);
      at = next.end;
      while (s[at] === ' ') at++;
    }
    const only = parts.length === 1 ? parts[0] : undefined;
    if (parts.length === 0 || (only && !CANONICAL_LABELS.has(only.labelAsPrinted.toLowerCase()))) continue;
    return { parts, rest: s.slice(at).trim() };
  }
  return null;
}

/** The note after a figure, or a message when what follows cannot be a note. */
function readNote(s: string, rest: string): { note: string | null } | { message: string } {
  if (rest === '') return { note: null };
  if (isLoneAmount(rest)) return { message: `"${s}" has a second figure (${rest}) without a label such as EHC Plan or SEN Support` };
  return NOTE_START.test(rest) ? { note: rest } : { message: notUnderstood(s) };
}

function notUnderstood(s: string): string {
  return /^[-+\u2212.(]?\d/.test(s)
    ? `"${s}" is not a number this importer understands`
    : `"${s}" is not a figure, a reason for missing data (such as "Awaiting data") or a direction of travel (such as "Aim to maximise")`;
}

function commaDecimalMessage(s: string): string {
  const suggested = s.replace(/\./g, '').replace(',', '.');
  return `"${s}" uses a comma as the decimal point, which this importer does not support: write ${suggested}`;
}

/** The missing-value reason a phrase states, or null ("Awaiting data" → "Awaiting data"). */
export function missingReason(raw: string): string | null {
  // Kept as printed (bar spacing and a closing full stop): the reason is shown to readers, not keyed on.
  return MISSING.exec(collapse(raw))?.[1] ?? null;
}

/** Reads one actual/target/comparator cell of a performance table. */
export function parseMeasureCell(raw: string): MeasureCell {
  return plainFigure(raw) ?? readMeasureCell(raw);
}

// The forms most cells of a long file take: `12.5`, `-3`, `96.3%`, `96.3% (5795)`. Read directly,
// a million cells cost a fraction of the general reader; what they read is the same (tested).
const PLAIN = /^(-?)(\d+(?:\.\d+)?)(%)?(?: \((\d+)\))?$/;

function plainFigure(raw: string): MeasureCell | null {
  const m = PLAIN.exec(raw);
  if (!m?.[2]) return null;
  const n = Number(m[2]);
  // No -0 (as toNumber).
  const value = m[1] === '-' && n !== 0 ? -n : n;
  return { kind: 'number', raw, value, count: m[4] === undefined ? null : Number(m[4]), unit: m[3] ? '%' : null, note: null };
}

/** The general reader of a measure cell, every form the papers print (parseMeasureCell reads plain figures first). */
export function readMeasureCell(raw: string): MeasureCell {
  const s = collapse(raw);
  if (s === '') return { kind: 'empty', raw };
  const reason = missingReason(s);
  if (reason !== null) return { kind: 'missing', raw, reason };
  const dir = DIRECTION.exec(s)?.[1]?.toLowerCase();
  if (dir) return { kind: 'direction', raw, direction: dir.startsWith('max') ? 'maximise' : dir.startsWith('min') ? 'minimise' : 'maintain' };
  const negative = BRACKETED_ONLY.exec(s)?.[1];
  if (negative !== undefined) return { kind: 'number', raw, value: toNumber(negative, '-'), count: null, unit: null, note: null };
  if (COMMA_DECIMAL.test(s)) return { kind: 'text', raw, message: commaDecimalMessage(s) };

  const breakdown = readBreakdown(s);
  if (breakdown) {
    const note = readNote(s, breakdown.rest);
    return 'message' in note ? { kind: 'text', raw, message: note.message } : { kind: 'breakdown', raw, parts: breakdown.parts, note: note.note };
  }
  const a = readAmount(s, 0);
  if (!a) return { kind: 'text', raw, message: notUnderstood(s) };
  let rest = s.slice(a.end).trim();
  // Words in brackets after a figure are a note, brackets dropped: `103.1% (Spring Term 18)`.
  const bracketed = /^\(\s*([^()\s][^()]*?)\s*\)\s*(.*)$/.exec(rest);
  if (bracketed) rest = `${bracketed[1] ?? ''} ${bracketed[2] ?? ''}`.trim();
  const note = readNote(s, rest);
  if ('message' in note) return { kind: 'text', raw, message: note.message };
  return { kind: 'number', raw, value: a.value, count: a.count, unit: a.unit, note: note.note };
}

// `£2.356m`, `£150k`, `-92`; the sign goes before any £. A bare number is already in the column's unit.
const MONEY = new RegExp(`^(${SIGN})?\\s*£?\\s*(${NUMBER})\\s*([mk])?$`, 'i');

/** Reads a money cell into the given unit (£000 or £m). */
export function parseMoneyCell(raw: string, unit: '£000' | '£m'): MoneyCell {
  let s = collapse(raw);
  // Papers print a dash for nothing in a money column.
  if (s === '' || /^[-–—]$/.test(s)) return { kind: 'empty', raw };
  // `*` marks a reserve not drawn down and likely to return (seed 003, 3.4).
  const flagged = /^\*|\*$/.test(s);
  s = s.replace(/^\*\s*|\s*\*$/g, '');
  if (/^nil$/i.test(s)) return { kind: 'number', raw, value: 0, flagged };
  const bracketed = /^\((.*)\)$/.exec(s);
  const inner = collapse(bracketed?.[1] ?? s);
  if (COMMA_DECIMAL.test(inner)) return { kind: 'text', raw, message: commaDecimalMessage(inner) };
  const m = MONEY.exec(inner);
  // A sign inside accounting brackets is contradictory, so it is not guessed at.
  if (!m?.[2] || (bracketed && m[1])) {
    return { kind: 'text', raw, message: `"${collapse(raw)}" is not an amount such as 59,033, (14,522), *25 or £2.356m` };
  }
  const n = toNumber(m[2], bracketed ? '-' : m[1]);
  const suffix = m[3]?.toLowerCase();
  const thousands = suffix === 'm' ? n * 1000 : n;
  const value = suffix === undefined ? n : unit === '£m' ? thousands / 1000 : thousands;
  // Scaling leaves float noise (2.356 × 1000 = 2356.0000000000005); money never needs more than 6 places.
  return { kind: 'number', raw, value: Math.round(value * 1e6) / 1e6 || 0, flagged };
}

// Letters, a dot, digits, then an optional bracketed roman numeral or letter: `CFSE.12(iii)`, `CFSE.16 (i)`.
const CODE = /^([A-Za-z]+\.\d+)(?:\s*\(\s*([ivxlcdm]+|[a-z])\s*\))?(?=\s|$)/i;

/** Splits a printed PI code cell ("CFSE.1 and GMS indicator") into code and flags. */
export function parseCodeCell(raw: string): CodeCell {
  const s = collapse(raw);
  const m = CODE.exec(s);
  // Codes stay as printed, typos included (CSFE.9(i) is a real code in the papers); only spacing goes.
  const code = m?.[1] ? `${m[1]}${m[2] ? `(${m[2]})` : ''}` : (s.split(' ')[0] ?? '');
  const extra = s.slice(m ? m[0].length : code.length).trim();
  return { code, gms: /\bGMS\b/i.test(extra), isNew: /\bnew\b/i.test(extra), extra };
}
