// How figures are written on screen, in print and in exports: units always stated.
import type { Unit } from './types';

// One formatter per number of digits: toLocaleString with options builds a new one on every call,
// which was most of the time taken to rate 10,000 measures.
const FORMATS = new Map<number, Intl.NumberFormat>();
const number = (v: number, digits = 2): string => {
  let f = FORMATS.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
    FORMATS.set(digits, f);
  }
  return f.format(v);
};

/** A count as written: "510,509" (whole numbers; one shared formatter, as toLocaleString makes one a call). */
export function formatCount(n: number): string {
  return number(Math.round(n), 0);
}

/** "96.4%", "27.4 per 1,000", "378 days", "4.17". */
export function formatMeasureValue(value: number, unit: Unit): string {
  const n = number(value).replace(/^-/, '−');
  switch (unit) {
    case '%':
      return `${n}%`;
    case 'days':
      return `${n} days`;
    case 'per 1,000':
    case 'per 10,000':
    case 'per 100,000':
      return `${n} ${unit}`;
    default:
      return n;
  }
}

/** "96.4% (5,984)": the count behind a rate, as committees asked to see it. */
export function formatWithCount(value: number, unit: Unit, count: number | null): string {
  const v = formatMeasureValue(value, unit);
  return count === null ? v : `${v} (${number(count, 0)})`;
}

/** Money as the papers print it: thousands separators, negatives in brackets ("(14,522)"). */
export function formatMoney(value: number, unit: '£000' | '£m' = '£000'): string {
  const digits = unit === '£m' ? 3 : 0;
  const s = Math.abs(value).toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return value < 0 ? `(${s})` : s;
}

/** "1.2 MB", for file sizes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${number(bytes / 1024, 1)} KB`;
  return `${number(bytes / 1024 / 1024, 1)} MB`;
}

/** A difference between two figures of a unit: percentages differ in percentage points. */
export function formatDifference(delta: number, unit: Unit): string {
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '';
  const n = number(Math.abs(delta));
  if (unit === '%') return `${sign}${n} percentage point${Math.abs(delta) === 1 ? '' : 's'}`;
  return `${sign}${formatMeasureValue(Math.abs(delta), unit)}`;
}

const DATE_TIMES = {
  medium: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }),
  long: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short' }),
};

/** A date and time as the pages print it: "1 Dec 2026, 16:05" (medium) or "1 December 2026 at 16:05" (long). One formatter each, made once. */
export function formatDateTime(when: string | Date, style: keyof typeof DATE_TIMES = 'medium'): string {
  return DATE_TIMES[style].format(typeof when === 'string' ? new Date(when) : when);
}
