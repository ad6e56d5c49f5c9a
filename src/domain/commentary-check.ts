// Checking the comparator figures a commentary quotes ("better than the national average
// (59.8%)", "53% nationally", "North West (0.31 per 1000)") against the imported comparator
// series. Pure: text and series in; each quote with what the data says of it out.
import { agreesAtPrecision } from './benchmark';
import { formatMeasureValue } from './format';
import { comparePeriodIds, financialYearOf, periodFromId, yearId } from './period';
import type { ObservationSeries, Unit } from './types';

export type ComparatorKind = 'England' | 'Statistical neighbours' | 'Region' | 'Greater Manchester';

export interface QuotedComparator {
  kind: ComparatorKind;
  /** The series the quote is checked against: "England", "Statistical neighbours", "North West", "Greater Manchester". */
  series: string;
  value: number;
  /** The figure as written, with its unit: "59.8%". */
  written: string;
  /** The words quoted, comparator and figure: "national average (59.8%)". */
  quote: string;
  /** A financial year the sentence names ("In 2018/19", "for 18/19"), if it names one. */
  year: string | null;
  /** The breakdown the quote falls under (the last breakdown named before it), or "". */
  breakdown: string;
  index: number;
}

const MENTIONS: { kind: ComparatorKind; re: RegExp }[] = [
  { kind: 'Statistical neighbours', re: /statistical\s+(?:neighbou?rs?|comparators?)(?:\s+average)?|\bSNs?\b/gi },
  { kind: 'England', re: /national(?:ly)?(?:\s+average|\s+rate|\s+figure|\s+level)?|\bEngland(?:\s+average)?/gi },
  { kind: 'Greater Manchester', re: /Greater\s+Manchester(?:\s+average)?|\bGM\b(?:\s+average)?/g },
  { kind: 'Region', re: /North\s+West(?:\s+average)?|regional(?:ly)?(?:\s+average)?|the\s+region\b/gi },
];

// A figure: a signed number with an optional unit. Years (2018/19, 18/19, 2020) are read separately and skipped.
const FIGURE = /(?<![\w./])([-−]?\d+(?:,\d{3})*(?:\.\d+)?)(\s*%|\s*per\s*(?:1,?000|10,?000|100,?000)|\s*days)?(?![\w/])/gi;
const YEAR = /\b(?:(20\d{2})|(\d{2}))\/(\d{2})\b/g;
// Words that may sit between a comparator and its figure ("national average of 58", "North West: 61.0%").
const BETWEEN_AFTER = /^[\s,:(]*(?:(?:average|rate|figure|level|mean|was|is|of|at|stood|which|were|are)\s*[(:]?\s*)*$/i;
// Words that may sit between a figure and the comparator after it ("65.2% nationally", "51% in statistical neighbours").
const BETWEEN_BEFORE = /^\s*(?:(?:in|for|among|across|amongst|the|of|by)\s+)*$/i;

function sentenceBounds(text: string, index: number): [number, number] {
  const before = text.slice(0, index);
  const start = Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n'), before.lastIndexOf('; ')) + 1;
  const rest = text.slice(index);
  const m = /\.(?:\s|$)|\n/.exec(rest);
  return [start, m ? index + m.index : text.length];
}

function yearNamed(text: string, from: number, to: number, at: number): string | null {
  const years: { id: string; index: number }[] = [];
  for (const m of text.slice(from, to).matchAll(YEAR)) {
    const start = m[1] ? Number(m[1]) : 2000 + Number(m[2]);
    if ((start + 1) % 100 !== Number(m[3])) continue;
    years.push({ id: yearId(start), index: from + (m.index ?? 0) });
  }
  const before = years.filter((y) => y.index < at);
  return before[before.length - 1]?.id ?? years[0]?.id ?? null;
}

/** Every comparator figure the text quotes, with the series it is checked against. */
export function extractQuotedComparators(text: string, options: { regionName?: string | null; breakdowns?: readonly string[] } = {}): QuotedComparator[] {
  const mentions = MENTIONS.flatMap(({ kind, re }) => [...text.matchAll(re)].map((m) => ({ kind, start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, words: m[0] })))
    .sort((a, b) => a.start - b.start);
  const out: QuotedComparator[] = [];
  for (const m of text.matchAll(FIGURE)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const numberText = m[1] ?? '';
    const digitsOnly = numberText.replace(/[-−,]/g, '');
    // A bare four-digit number from 1990 to 2099 is a year, not a figure.
    if (!m[2] && /^(19|20)\d{2}$/.test(digitsOnly)) continue;
    const [s0, s1] = sentenceBounds(text, start);
    const after = mentions.find((x) => x.start >= end && x.start < s1 && BETWEEN_BEFORE.test(text.slice(end, x.start)) && x.start - end <= 16);
    const before = [...mentions].reverse().find((x) => x.end <= start && x.end >= s0 && start - x.end <= 24 && BETWEEN_AFTER.test(text.slice(x.end, start)));
    const mention = after ?? before;
    if (!mention) continue;
    const value = Number(numberText.replace(/−/g, '-').replace(/,/g, ''));
    if (!Number.isFinite(value)) continue;
    const series = mention.kind === 'England' ? 'England'
      : mention.kind === 'Statistical neighbours' ? 'Statistical neighbours'
        : mention.kind === 'Greater Manchester' ? 'Greater Manchester'
          : /north\s+west/i.test(mention.words) ? 'North West' : options.regionName ?? 'North West';
    const breakdown = [...(options.breakdowns ?? [])]
      .map((b) => ({ b, at: b ? text.slice(0, start).toLowerCase().lastIndexOf(b.toLowerCase()) : -1 }))
      .filter((x) => x.at >= 0)
      .sort((a, b) => b.at - a.at)[0]?.b ?? '';
    const quoteFrom = Math.min(mention.start, start);
    const quoteTo = Math.max(mention.end, end);
    out.push({
      kind: mention.kind, series, value, written: `${numberText}${(m[2] ?? '').replace(/^\s+/, m[2]?.trim() === '%' ? '' : ' ')}`,
      quote: text.slice(quoteFrom, quoteTo + (text[quoteTo] === ')' ? 1 : 0)), year: yearNamed(text, s0, s1, start), breakdown, index: start,
    });
  }
  return out;
}

export type CheckStatus = 'matches' | 'differs' | 'no figure';

export interface CommentaryCheck {
  quoted: QuotedComparator;
  status: CheckStatus;
  /** The period of the imported figure compared with. */
  period: string | null;
  imported: number | null;
  /** Imported minus quoted. */
  difference: number | null;
  words: string;
}

/** The periods a quote may refer to: the year the sentence names, else the report's year and the year before (papers quote the latest published year). */
export function candidatePeriods(quoted: QuotedComparator, report: string): string[] {
  if (quoted.year) return [quoted.year];
  const p = periodFromId(report);
  if (!p) return [report];
  const year = financialYearOf(p);
  return [...new Set([p.kind === 'year' || p.kind === 'quarter' ? p.id : year, year, yearId(p.fyStart - 1)])];
}

const plain = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 3 });

/** Checks each quote against the imported series: "Commentary says England 59.8%; imported England 2018/19 is 59.8%: matches". */
export function checkCommentary(quotes: readonly QuotedComparator[], series: readonly ObservationSeries[], report: string, unit: Unit): CommentaryCheck[] {
  return quotes.map((q) => {
    const s = series.find((x) => x.series === q.series);
    const periods = candidatePeriods(q, report);
    const found = periods
      .map((period) => ({ period, point: s?.points.find((p) => p.period === period && p.breakdown === q.breakdown && p.value !== null) ?? s?.points.find((p) => p.period === period && p.value !== null && q.breakdown === '') }))
      .filter((x): x is { period: string; point: NonNullable<typeof x.point> } => x.point !== undefined);
    const says = `Commentary says ${q.series}${q.breakdown ? ` (${q.breakdown})` : ''} ${q.written}`;
    const matching = found.find((f) => f.point.value !== null && agreesAtPrecision(q.value, f.point.value));
    // "The latest comparable data": without a figure for those periods, the latest one imported up to the report.
    const latest = found.length > 0 ? undefined : [...(s?.points ?? [])]
      .filter((p) => p.value !== null && p.breakdown === q.breakdown && comparePeriodIds(p.period, report) <= 0)
      .sort((a, b) => comparePeriodIds(a.period, b.period))
      .map((point) => ({ period: point.period, point }))
      .pop();
    const chosen = matching ?? found[0] ?? latest;
    if (!chosen || chosen.point.value === null) {
      return { quoted: q, status: 'no figure', period: null, imported: null, difference: null, words: `${says}; no imported ${q.series} figure for ${periods.join(' or ')} to check it against` };
    }
    const imported = chosen.point.value;
    const head = chosen === latest
      ? `${says}; no imported figure for ${periods.join(' or ')}, and the latest imported ${q.series} figure, ${chosen.period}, is ${formatMeasureValue(imported, unit)}`
      : `${says}; imported ${q.series} ${chosen.period} is ${formatMeasureValue(imported, unit)}`;
    if (chosen === latest && agreesAtPrecision(q.value, imported)) return { quoted: q, status: 'matches', period: chosen.period, imported, difference: 0, words: `${head}: matches` };
    if (matching) return { quoted: q, status: 'matches', period: chosen.period, imported, difference: 0, words: `${head}: matches` };
    const difference = imported - q.value;
    return { quoted: q, status: 'differs', period: chosen.period, imported, difference, words: `${head}: differs by ${plain(Math.abs(Math.round(difference * 1e6) / 1e6))}${unit === '%' ? ' percentage points' : ''}` };
  });
}
