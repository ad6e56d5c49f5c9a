// Periods on the financial-year timeline (April to March). Every period a paper prints is
// read into one of these kinds, given a canonical id (what the store keys on), a label (what
// people read) and a sort key (what orders them).

export type PeriodKind = 'agreement' | 'year' | 'quarter' | 'term' | 'month';
export type Term = 'Autumn' | 'Spring' | 'Summer';

export interface Period {
  kind: PeriodKind;
  /** Canonical id: `2021/22`, `2021/22 Q2`, `2021/22 Agreement`, `Spring term 2018`, `Dec 2020`. */
  id: string;
  label: string;
  /** Calendar year the financial year starts in: 2021 for 2021/22. */
  fyStart: number;
  sortKey: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_LABELS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The financial year `2021/22` starting in the given calendar year. */
export function yearId(fyStart: number): string {
  return `${fyStart}/${String((fyStart + 1) % 100).padStart(2, '0')}`;
}

// Sort key: months since April of year 0, times 10, plus a rank so that within one end month
// a month sorts before a term, a term before a quarter, a quarter before the whole year.
function key(fyStart: number, monthInFy: number, rank: number): number {
  return (fyStart * 12 + monthInFy) * 10 + rank;
}

/** Month 1–12 of a calendar year → its position in the financial year (April = 0). */
function monthInFy(month: number): number {
  return (month + 8) % 12;
}

function fyOfMonth(year: number, month: number): number {
  return month >= 4 ? year : year - 1;
}

export function yearPeriod(fyStart: number): Period {
  const id = yearId(fyStart);
  return { kind: 'year', id, label: id, fyStart, sortKey: key(fyStart, 11, 5) };
}

export function agreementPeriod(fyStart: number): Period {
  const y = yearId(fyStart);
  // The agreement sets the year's plan, so it sorts before anything in that year.
  return { kind: 'agreement', id: `${y} Agreement`, label: `Agreement ${y}`, fyStart, sortKey: key(fyStart, 0, 0) };
}

export function quarterPeriod(fyStart: number, quarter: 1 | 2 | 3 | 4): Period {
  const y = yearId(fyStart);
  return { kind: 'quarter', id: `${y} Q${quarter}`, label: `Q${quarter} ${y}`, fyStart, sortKey: key(fyStart, quarter * 3 - 1, 3) };
}

export function monthPeriod(year: number, month: number): Period {
  const fy = fyOfMonth(year, month);
  // "Dec 2020", not "2020-12": "2011-12" would read as the financial year 2011/12.
  const id = `${MONTH_LABELS[month - 1] ?? ''} ${year}`;
  return { kind: 'month', id, label: id, fyStart: fy, sortKey: key(fy, monthInFy(month), 1) };
}

/** A school term, named by the calendar year it falls in ("Spring term 2018"). */
export function termPeriod(term: Term, year: number): Period {
  // Terms end in December (Autumn), March (Spring, at Easter) and July (Summer).
  const endMonth = term === 'Autumn' ? 12 : term === 'Spring' ? 3 : 7;
  const fy = fyOfMonth(year, endMonth);
  return { kind: 'term', id: `${term} term ${year}`, label: `${term} term ${year}`, fyStart: fy, sortKey: key(fy, monthInFy(endMonth), 2) };
}

function fullYear(twoOrFour: string): number {
  const n = Number(twoOrFour);
  if (twoOrFour.length === 4) return n;
  return n >= 70 ? 1900 + n : 2000 + n;
}

/** Reads "2021/22", "2021-2022", "21/22", "FY 2021/22" into the start year; null if not a financial year. */
function readYear(text: string): number | null {
  const m = /^(?:fy\s*)?(\d{4}|\d{2})\s*[/\-–]\s*(\d{4}|\d{2})$/i.exec(text.trim());
  if (!m?.[1] || !m[2]) return null;
  const start = fullYear(m[1]);
  const end = m[2].length === 4 ? Number(m[2]) : Math.floor(start / 100) * 100 + Number(m[2]);
  return end === start + 1 || (end % 100 === (start + 1) % 100 && m[2].length === 2) ? start : null;
}

function monthIndex(word: string): number | null {
  const i = MONTHS.indexOf(word.slice(0, 3).toLowerCase());
  if (i < 0) return null;
  // Accept the full month name or a 3- or 4-letter abbreviation ("Sept"), nothing else.
  const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'][i] ?? '';
  const w = word.toLowerCase().replace(/\.$/, '');
  return w.length === 3 || w === full || (w.length === 4 && full.startsWith(w)) ? i + 1 : null;
}

/**
 * Reads a period in any form the papers use: `2018/19`, `Q4 2013/14`, `2021/22 Q2`,
 * `Agreement 2021/22`, `Mid-year 2021/22`, `Spring Term 18`, `Dec'20`, `End of March 19`,
 * `December 2020`, `2020-12`. Returns null when the text is not a period.
 */
export function parsePeriod(input: string): Period | null {
  const text = input.trim().replace(/\s+/g, ' ').replace(/[’‘]/g, "'");
  if (text === '') return null;

  const year = readYear(text);
  if (year !== null) return yearPeriod(year);

  let m = /^(?:(.*?)\s+)?(\S+\s*[/\-–]\s*\S+)(?:\s+(.*?))?$/.exec(text);
  if (m) {
    const fy = m[2] ? readYear(m[2]) : null;
    const words = `${m[1] ?? ''} ${m[3] ?? ''}`.trim().toLowerCase();
    if (fy !== null) {
      const q = /^(?:q|quarter\s*)([1-4])$/.exec(words);
      if (q?.[1]) return quarterPeriod(fy, Number(q[1]) as 1 | 2 | 3 | 4);
      if (/^(?:agreement|ppra|plan|portfolio agreement)$/.test(words)) return agreementPeriod(fy);
      if (/^(?:mid-?\s?year|half[- ]year)(?: report)?$/.test(words)) return quarterPeriod(fy, 2);
      if (/^(?:q1|first quarter)(?: update| financial update)?(?: report)?$/.test(words)) return quarterPeriod(fy, 1);
      if (/^(?:q3|third quarter)(?: update)?(?: report)?$/.test(words)) return quarterPeriod(fy, 3);
      if (/^(?:annual|out-?turn|year[- ]end)(?: report)?$/.test(words)) return yearPeriod(fy);
      if (/^(?:actual|target|fy)$/.test(words)) return yearPeriod(fy);
    }
  }

  m = /^(autumn|spring|summer)(?: term)?\s*'?(\d{2}|\d{4})$/i.exec(text);
  if (m?.[1] && m[2]) {
    const term = (m[1].charAt(0).toUpperCase() + m[1].slice(1).toLowerCase()) as Term;
    return termPeriod(term, fullYear(m[2]));
  }

  m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m?.[1] && m[2]) {
    const month = Number(m[2]);
    if (month >= 1 && month <= 12) return monthPeriod(Number(m[1]), month);
  }

  m = /^(?:(?:end of|as at|at)\s+)?([a-z]+\.?)\s*'?\s*(\d{2}|\d{4})$/i.exec(text);
  if (m?.[1] && m[2]) {
    const month = monthIndex(m[1]);
    if (month !== null) return monthPeriod(fullYear(m[2]), month);
  }
  return null;
}

// Ids are few and parsing is pure, so sorting thousands of points reads each id once.
const byId = new Map<string, Period | null>();

/** The period a canonical id names (ids are what the store keeps). */
export function periodFromId(id: string): Period | null {
  let p = byId.get(id);
  if (p === undefined) {
    p = parsePeriod(id);
    if (byId.size > 10000) byId.clear();
    byId.set(id, p);
  }
  return p;
}

/** Orders period ids on the financial-year timeline; unknown ids sort last, by text. */
export function comparePeriodIds(a: string, b: string): number {
  const pa = periodFromId(a);
  const pb = periodFromId(b);
  if (pa && pb) return pa.sortKey - pb.sortKey;
  if (pa) return -1;
  if (pb) return 1;
  return a.localeCompare(b);
}

/** The financial year (`2021/22`) that contains the period. */
export function financialYearOf(period: Period): string {
  return yearId(period.fyStart);
}

/** A short, readable URL token for a period: `2021-22-q2`, `2020-dec`, `spring-term-2018`. */
export function periodToken(period: Period): string {
  if (period.kind === 'month') {
    const [mon, y] = period.id.split(' ');
    return `${y ?? ''}-${(mon ?? '').toLowerCase()}`;
  }
  return period.id.toLowerCase().replace(/\//g, '-').replace(/\s+/g, '-');
}

/** Reads a URL token back into a period; null for anything else. */
export function periodFromToken(token: string): Period | null {
  const t = token.trim().toLowerCase();
  let m = /^(\d{4})-(\d{2})(?:-(q[1-4]|agreement))?$/.exec(t);
  if (m?.[1] && m[2]) {
    const y = readYear(`${m[1]}/${m[2]}`);
    if (y === null) return null;
    if (!m[3]) return yearPeriod(y);
    return m[3] === 'agreement' ? agreementPeriod(y) : quarterPeriod(y, Number(m[3].slice(1)) as 1 | 2 | 3 | 4);
  }
  m = /^(\d{4})-([a-z]{3})$/.exec(t);
  if (m?.[1] && m[2]) {
    const month = MONTHS.indexOf(m[2]);
    return month >= 0 ? monthPeriod(Number(m[1]), month + 1) : null;
  }
  m = /^(autumn|spring|summer)-term-(\d{4})$/.exec(t);
  if (m?.[1] && m[2]) return parsePeriod(`${m[1]} term ${m[2]}`);
  return null;
}
