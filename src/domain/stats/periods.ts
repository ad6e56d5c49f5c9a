// Periods of national statistics files (Explore Education Statistics' time_period and
// time_identifier) as the dashboard's period ids, so that a benchmark lines up with the
// council's own figures on one timeline.
import { monthPeriod, parsePeriod, quarterPeriod, termPeriod, yearId } from '../period';

export type StatsPeriod = { id: string } | { error: string };

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** "202324" → 2023 (the span's first year); "2024" → null; anything else → undefined. */
function span(text: string): number | null | undefined {
  const m = /^(\d{4})(\d{2})$/.exec(text);
  if (m?.[1] && m[2]) return Number(m[2]) === (Number(m[1]) + 1) % 100 ? Number(m[1]) : undefined;
  return /^\d{4}$/.test(text) ? null : undefined;
}

/**
 * The dashboard's period id for a statistics file's `time_period` and `time_identifier`:
 * - Reporting year 2024 → `2023/24`: DfE's reporting years (children looked after, children in
 *   need) end on 31 March, so reporting year 2024 is the financial year April 2023 – March 2024.
 * - Financial year, Tax year, Academic year 202324 → `2023/24`. An academic year runs September to
 *   August, but councils report it against the financial year it starts in, as the papers do.
 * - Calendar year 2024 → `Dec 2024`: the dashboard has no calendar-year period, and a year to
 *   December is read, like a reporting year, at its end.
 * - Financial year Q2 202324 → `2023/24 Q2`; Calendar year Q1 2024 (January–March) → `2023/24 Q4`.
 * - Autumn term 202324 → `Autumn term 2023`; Spring or Summer term 202324 → `… term 2024`;
 *   Autumn and spring term 202324 → `Spring term 2024` (the end of the span).
 * - A month: January 2024 → `Jan 2024`; with an academic year (202324) September–December fall in 2023.
 * - No identifier: a span 202324 → `2023/24`; any form the papers use (2023/24, Q2 2023/24) as such.
 * Anything else (weeks, academic-year quarters, a bare year without an identifier) is an error.
 */
export function periodFromStats(timePeriod: string, timeIdentifier: string): StatsPeriod {
  const tp = timePeriod.trim();
  const ti = timeIdentifier.trim().toLowerCase().replace(/\s+/g, ' ');
  const start = span(tp);
  const bad = (why: string): StatsPeriod => ({ error: `The period "${tp}"${ti ? ` (${timeIdentifier.trim()})` : ''} cannot be read: ${why}.` });
  if (start === undefined) {
    const p = ti === '' ? parsePeriod(tp) : null;
    if (p) return { id: p.id };
    return bad('a time period is a year such as 2024 or a span of two years such as 202324');
  }
  const year = start ?? Number(tp);
  const needsSpan = (): StatsPeriod => bad(`a ${ti} is written as two years, such as ${year}${String((year + 1) % 100).padStart(2, '0')}`);
  if (ti === '') return start === null ? bad('a single year needs a time identifier (Calendar year, Reporting year, …) to say which year it is') : { id: yearId(start) };
  if (ti === 'reporting year') return { id: yearId(start ?? year - 1) };
  if (ti === 'financial year' || ti === 'tax year' || ti === 'academic year') return start === null ? needsSpan() : { id: yearId(start) };
  if (ti === 'calendar year') return start === null ? { id: monthPeriod(year, 12).id } : bad('a calendar year is a single year, such as 2024');
  let m = /^financial year q([1-4])$/.exec(ti);
  if (m?.[1]) return { id: quarterPeriod(year, Number(m[1]) as 1 | 2 | 3 | 4).id };
  m = /^calendar year q([1-4])$/.exec(ti);
  if (m?.[1]) {
    if (start !== null) return bad('a calendar-year quarter belongs to a single year, such as 2024');
    const q = Number(m[1]);
    return { id: q === 1 ? quarterPeriod(year - 1, 4).id : quarterPeriod(year, (q - 1) as 1 | 2 | 3).id };
  }
  const term = /^(autumn|spring|summer|autumn and spring) term$/.exec(ti);
  if (term?.[1]) {
    const name = term[1] === 'autumn' ? 'Autumn' : term[1] === 'summer' ? 'Summer' : 'Spring';
    const inYear = start === null ? year : name === 'Autumn' ? start : start + 1;
    return { id: termPeriod(name, inYear).id };
  }
  const month = MONTHS.indexOf(ti);
  if (month >= 0) {
    // Within an academic year, September to December fall in its first calendar year.
    const inYear = start === null ? year : month >= 8 ? start : start + 1;
    return { id: monthPeriod(inYear, month + 1).id };
  }
  return bad(`"${timeIdentifier.trim()}" periods are not on the dashboard's financial-year timeline (years, quarters, terms and months are)`);
}
