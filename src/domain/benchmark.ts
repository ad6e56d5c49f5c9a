// Benchmarking: where the council stands among every local authority (or a group of them) in a
// national statistics file, and the group figures (mean, median) that stand in for a comparator.
// Pure: BenchmarkSets and NeighbourGroups in; rankings, figures and series out.
import type { Dataset } from './dataset';
import { comparePeriodIds, periodFromId, periodToken } from './period';
import { DERIVED_STATUS } from './rag';
import type { BenchmarkArea, BenchmarkSet, NeighbourGroup, ObservationPoint, ObservationSeries, Polarity } from './types';

/** The council the figures are about, as the import page records it (setting `benchmark-authority`). */
export interface BenchmarkAuthority {
  code: string;
  name: string;
}

/** The comparator series names the RAG engine and the papers use. */
export const STATISTICAL_NEIGHBOURS = 'Statistical neighbours';
export const ENGLAND = 'England';

/**
 * The council's statistical-neighbour group is the group named "Statistical neighbours" (any case,
 * spaces trimmed). A name rather than a separate setting: it travels with imports, backups and
 * snapshots, and renaming a group is all it takes to choose another.
 */
export function isStatisticalNeighbourGroup(group: Pick<NeighbourGroup, 'name'>): boolean {
  return group.name.trim().toLowerCase() === STATISTICAL_NEIGHBOURS.toLowerCase();
}

export function statisticalNeighbourGroup(groups: readonly NeighbourGroup[]): NeighbourGroup | null {
  return groups.find(isStatisticalNeighbourGroup) ?? null;
}

/** An area answers to its current code and to any older code the file gives for it. */
export function areaHasCode(area: BenchmarkArea, code: string): boolean {
  return area.code === code || area.oldCodes.includes(code);
}

export function findArea(set: BenchmarkSet, code: string): BenchmarkArea | null {
  return set.areas.find((a) => areaHasCode(a, code)) ?? null;
}

export const localAuthorities = (set: BenchmarkSet): BenchmarkArea[] => set.areas.filter((a) => a.level === 'Local authority');
export const nationalArea = (set: BenchmarkSet): BenchmarkArea | null => set.areas.find((a) => a.level === 'National') ?? null;

/** The region the authority belongs to, as its own row in the file (by the authority's region code, else its region name). */
export function regionArea(set: BenchmarkSet, authorityCode: string | null): BenchmarkArea | null {
  const la = authorityCode ? findArea(set, authorityCode) : null;
  if (!la) return null;
  return set.areas.find((a) => a.level === 'Regional' && ((la.regionCode !== null && areaHasCode(a, la.regionCode)) || (la.regionName !== null && a.name === la.regionName))) ?? null;
}

const SYMBOL_WORDS: Record<string, string> = {
  x: 'not available',
  z: 'not applicable',
  c: 'confidential',
  low: 'fewer than the publication threshold',
  u: 'low reliability',
  ':': 'not available',
  '..': 'not available',
};

/** What a statistics symbol means, with the symbol: "c confidential". */
export function symbolWords(symbol: string | null): string {
  if (symbol === null || symbol.trim() === '') return 'no figure';
  const s = symbol.trim();
  const words = SYMBOL_WORDS[s.toLowerCase()];
  return words ? `${s} ${words}` : `"${s}"`;
}

export interface RankedArea {
  area: BenchmarkArea;
  /** 1 is best (or largest for a contextual measure); tied figures share the rank ("joint 12th"). */
  rank: number;
  tied: boolean;
  quartile: 1 | 2 | 3 | 4;
}

export interface Ranking {
  period: string;
  /** "all" for every local authority in the file, else the group's name. */
  scope: string;
  polarity: Polarity;
  ranked: RankedArea[];
  /** Areas in scope with a symbol instead of a figure: listed, never ranked. */
  unranked: BenchmarkArea[];
  /** Group members the file has no row for (codes). */
  notInFile: string[];
  authority: RankedArea | null;
  /** The authority's own row when it has no figure. */
  authorityUnranked: BenchmarkArea | null;
}

// Figures are compared at a fixed precision so float noise never splits a tie.
const fixed = (n: number) => Math.round(n * 1e9) / 1e9;

/**
 * Quartile as the DfE's LAIT bands it: with n authorities ranked 1 (best) to n, quartile q holds
 * ranks ((q−1)·n/4, q·n/4], so for 152 authorities ranks 1–38 are the 1st quartile (best), 39–76
 * the 2nd, 77–114 the 3rd and 115–152 the 4th. Tied authorities share the best rank of their tie.
 */
export function quartileOf(rank: number, count: number): 1 | 2 | 3 | 4 {
  if (count <= 0) return 1;
  return Math.min(4, Math.max(1, Math.floor(((rank - 1) * 4) / count) + 1)) as 1 | 2 | 3 | 4;
}

/** Ranks the local authorities of a set (or a group's members), best first in the measure's polarity: High largest first, Low smallest first, Contextual largest first. */
export function rankAreas(set: BenchmarkSet, polarity: Polarity, members: readonly string[] | null, authorityCode: string | null, scope = 'all'): Ranking {
  const inScope = members === null
    ? localAuthorities(set)
    : set.areas.filter((a) => a.level === 'Local authority' && (members.some((m) => areaHasCode(a, m)) || (authorityCode !== null && areaHasCode(a, authorityCode))));
  const notInFile = members === null ? [] : members.filter((m) => !set.areas.some((a) => areaHasCode(a, m)));
  const withFigure = inScope.filter((a): a is BenchmarkArea & { value: number } => a.value !== null);
  const sign = polarity === 'Low' ? 1 : -1;
  const sorted = [...withFigure].sort((a, b) => sign * (fixed(a.value) - fixed(b.value)) || a.name.localeCompare(b.name));
  const ranked: RankedArea[] = [];
  sorted.forEach((area, i) => {
    const prev = ranked[i - 1];
    const rank = prev && fixed(prev.area.value ?? NaN) === fixed(area.value) ? prev.rank : i + 1;
    ranked.push({ area, rank, tied: false, quartile: quartileOf(rank, sorted.length) });
  });
  for (const r of ranked) r.tied = ranked.filter((x) => x.rank === r.rank).length > 1;
  const unranked = inScope.filter((a) => a.value === null).sort((a, b) => a.name.localeCompare(b.name));
  const authority = authorityCode ? ranked.find((r) => areaHasCode(r.area, authorityCode)) ?? null : null;
  const authorityUnranked = authorityCode ? unranked.find((a) => areaHasCode(a, authorityCode)) ?? null : null;
  return { period: set.period, scope, polarity, ranked, unranked, notInFile, authority, authorityUnranked };
}

/** 1 → "1st", 12 → "12th", 22 → "22nd". */
export function ordinal(n: number): string {
  const mod100 = n % 100;
  const suffix = mod100 >= 11 && mod100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** The council's place in words: "12th of 152 local authorities; 1st quartile (best)". */
export function rankWords(ranking: Ranking, authorityName: string, scopeWords = 'local authorities'): string {
  const count = ranking.ranked.length;
  const r = ranking.authority;
  if (!r) {
    if (ranking.authorityUnranked) return `${authorityName} is not ranked: ${symbolWords(ranking.authorityUnranked.symbol)}.`;
    return `${authorityName} has no figure in this file, so it is not ranked.`;
  }
  const place = `${r.tied ? 'joint ' : ''}${ordinal(r.rank)}`;
  if (ranking.polarity === 'Contextual') {
    const q = r.quartile === 1 ? '1st quartile (largest)' : r.quartile === 4 ? '4th quartile (smallest)' : `${ordinal(r.quartile)} quartile`;
    return `${place} largest of ${count} ${scopeWords} (ranked by size, no polarity); ${q}`;
  }
  const q = r.quartile === 1 ? '1st quartile (best)' : r.quartile === 4 ? '4th quartile (worst)' : `${ordinal(r.quartile)} quartile`;
  return `${place} of ${count} ${scopeWords}; ${q}`;
}

export interface GroupFigure {
  period: string;
  mean: number | null;
  median: number | null;
  /** Members whose figure went into the mean and median. */
  used: BenchmarkArea[];
  /** Members without a figure: a symbol in the file, or no row at all. */
  missing: { code: string; name: string; why: string }[];
  /** Members counted (the authority itself is left out of its own group). */
  of: number;
}

/** The mean and median of a group's figures for one set; members without a figure are left out and named. */
export function groupFigure(set: BenchmarkSet, group: NeighbourGroup, authorityCode: string | null): GroupFigure {
  // The council is not its own neighbour, under whichever of its codes the group lists it.
  const self = authorityCode === null ? null : findArea(set, authorityCode);
  const members = group.members.filter((m) => m !== authorityCode && !(self && areaHasCode(self, m)));
  const used: BenchmarkArea[] = [];
  const missing: GroupFigure['missing'] = [];
  for (const code of members) {
    const area = findArea(set, code);
    if (!area) missing.push({ code, name: code, why: 'not in the file' });
    else if (area.value === null) missing.push({ code, name: area.name, why: symbolWords(area.symbol) });
    else used.push(area);
  }
  const values = used.map((a) => a.value ?? 0).sort((a, b) => a - b);
  const mean = values.length ? values.reduce((s, v) => s + v, 0) / values.length : null;
  const mid = Math.floor(values.length / 2);
  const median = values.length === 0 ? null : values.length % 2 ? values[mid] ?? null : ((values[mid - 1] ?? 0) + (values[mid] ?? 0)) / 2;
  return { period: set.period, mean, median, used, missing, of: members.length };
}

/** "mean of 9 of 10 statistical neighbours; Rochdale: c confidential". */
export function groupFigureWords(fig: GroupFigure, stat: 'mean' | 'median', memberWords: string): string {
  const head = `${stat} of ${fig.used.length} of ${fig.of} ${memberWords}`;
  return fig.missing.length === 0 ? head : `${head}; ${fig.missing.map((m) => `${m.name}: ${m.why}`).join('; ')}`;
}

const memberWordsOf = (group: NeighbourGroup) => (isStatisticalNeighbourGroup(group) ? 'statistical neighbours' : `members of ${group.name}`);

/** Series names for a group's figures. */
export const groupSeriesName = (group: string, stat: 'mean' | 'median') => `${group} (${stat})`;

function derivedPoint(period: string, value: number | null, words: string): ObservationPoint {
  return { period, breakdown: '', value, count: null, missingReason: value === null ? words : null, note: words, status: DERIVED_STATUS, raw: words, batchId: 0 };
}

const roundFigure = (n: number) => Math.round(n * 1e6) / 1e6;

/** A group's mean and median as series over every period the measure has a national file for. */
export function groupSeries(measureCode: string, sets: readonly BenchmarkSet[], group: NeighbourGroup, authorityCode: string | null): ObservationSeries[] {
  const ordered = [...sets].filter((s) => s.measureCode === measureCode).sort((a, b) => comparePeriodIds(a.period, b.period));
  const figures = ordered.map((s) => groupFigure(s, group, authorityCode));
  const words = memberWordsOf(group);
  return (['mean', 'median'] as const).map((stat) => ({
    measureCode,
    series: groupSeriesName(group.name, stat),
    points: figures.map((f) => {
      const v = f[stat];
      return derivedPoint(f.period, v === null ? null : roundFigure(v), v === null ? `no ${words} has a figure` : groupFigureWords(f, stat, words));
    }),
  }));
}

/** Adds points to a series only for periods it has no figure for (stored figures win). */
function fillSeries(existing: ObservationSeries | undefined, measureCode: string, name: string, add: readonly ObservationPoint[]): ObservationSeries {
  const points = [...(existing?.points ?? [])];
  for (const p of add) {
    if (p.value === null) continue;
    if (points.some((q) => q.period === p.period && q.breakdown === p.breakdown && q.value !== null)) continue;
    const at = points.findIndex((q) => q.period === p.period && q.breakdown === p.breakdown);
    if (at >= 0) points.splice(at, 1, p);
    else points.push(p);
  }
  points.sort((a, b) => comparePeriodIds(a.period, b.period));
  return { measureCode, series: existing?.series ?? name, points };
}

/**
 * The dataset with the series benchmarking derives: each group's mean ("<group> (mean)"); the
 * statistical-neighbour group's mean as "Statistical neighbours"; England and the authority's
 * region from their rows of the file. A derived figure only fills a period the stored series has
 * no figure for: the council's own reported figures win, and both stay visible side by side.
 * Medians stay out of the dataset (`groupSeries` gives them) so every trend chart keeps to a
 * readable number of lines; the benchmark view states them.
 */
export function withBenchmarkSeries(dataset: Dataset, authority: BenchmarkAuthority | null): Dataset {
  if (dataset.benchmarks.length === 0) return dataset;
  const code = authority?.code ?? null;
  const sn = statisticalNeighbourGroup(dataset.neighbourGroups);
  const byMeasure = new Map<string, BenchmarkSet[]>();
  for (const s of dataset.benchmarks) byMeasure.set(s.measureCode, [...(byMeasure.get(s.measureCode) ?? []), s]);
  const observations = [...dataset.observations];
  const replace = (series: ObservationSeries) => {
    const at = observations.findIndex((s) => s.measureCode === series.measureCode && s.series === series.series);
    if (at >= 0) observations.splice(at, 1, series);
    else observations.push(series);
  };
  const stored = (measureCode: string, name: string) => observations.find((s) => s.measureCode === measureCode && s.series === name);
  for (const [measureCode, sets] of byMeasure) {
    for (const group of dataset.neighbourGroups) {
      const [mean] = groupSeries(measureCode, sets, group, code);
      if (!mean) continue;
      if (group === sn) {
        // The neighbours' mean shows as its own series only beside a figure the council reported for
        // one of the file's periods, so a difference between the two is seen; otherwise it would
        // repeat the "Statistical neighbours" series it fills.
        const reported = stored(measureCode, STATISTICAL_NEIGHBOURS)?.points.some((p) => p.value !== null && p.status !== DERIVED_STATUS && sets.some((s) => s.period === p.period)) ?? false;
        if (reported && !stored(measureCode, mean.series)) observations.push(mean);
        replace(fillSeries(stored(measureCode, STATISTICAL_NEIGHBOURS), measureCode, STATISTICAL_NEIGHBOURS, mean.points));
      } else if (!stored(measureCode, mean.series)) {
        observations.push(mean);
      }
    }
    const national = sets.flatMap((s) => {
      const a = nationalArea(s);
      return a && a.value !== null ? [derivedPoint(s.period, a.value, `${a.name}'s row of ${s.source}`)] : [];
    });
    if (national.length > 0) replace(fillSeries(stored(measureCode, ENGLAND), measureCode, ENGLAND, national));
    const regions = sets.flatMap((s) => {
      const r = regionArea(s, code);
      return r && r.value !== null ? [{ name: r.name, point: derivedPoint(s.period, r.value, `${r.name}'s row of ${s.source}`) }] : [];
    });
    for (const name of new Set(regions.map((r) => r.name))) {
      replace(fillSeries(stored(measureCode, name), measureCode, name, regions.filter((r) => r.name === name).map((r) => r.point)));
    }
  }
  return { ...dataset, observations };
}

/** The benchmark sets of one measure, oldest first. */
export function setsOf(dataset: Pick<Dataset, 'benchmarks'>, measureCode: string): BenchmarkSet[] {
  return dataset.benchmarks.filter((s) => s.measureCode === measureCode).sort((a, b) => comparePeriodIds(a.period, b.period));
}

/** A period's URL token (`2023-24`), or the id made URL-safe when it is not a period the timeline knows. */
export function benchmarkPeriodToken(period: string): string {
  const p = periodFromId(period);
  return p ? periodToken(p) : period.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

function decimalsOf(n: number): number {
  const s = String(n);
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : Math.min(6, s.length - dot - 1);
}

/** Whether two figures agree at the precision the quoted one is printed to (58 vs 58.04 agree; 58.0 vs 58.2 do not). */
export function agreesAtPrecision(quoted: number, computed: number, decimals = decimalsOf(quoted)): boolean {
  const f = 10 ** decimals;
  return Math.round(computed * f) === Math.round(quoted * f);
}

export interface ComparatorDifference {
  period: string;
  stored: number;
  derived: number;
  words: string;
}

/** Periods where the stored "Statistical neighbours" figure and the group's mean from the national file differ. */
export function neighbourDifferences(dataset: Pick<Dataset, 'benchmarks' | 'neighbourGroups' | 'observations'>, measureCode: string, authority: BenchmarkAuthority | null): ComparatorDifference[] {
  const sn = statisticalNeighbourGroup(dataset.neighbourGroups);
  if (!sn) return [];
  const stored = dataset.observations.find((s) => s.measureCode === measureCode && s.series === STATISTICAL_NEIGHBOURS);
  const out: ComparatorDifference[] = [];
  for (const set of setsOf(dataset, measureCode)) {
    const fig = groupFigure(set, sn, authority?.code ?? null);
    const p = stored?.points.find((q) => q.period === set.period && q.breakdown === '' && q.value !== null && q.status !== DERIVED_STATUS);
    if (!p || p.value === null || fig.mean === null) continue;
    if (agreesAtPrecision(p.value, fig.mean)) continue;
    out.push({ period: set.period, stored: p.value, derived: fig.mean, words: groupFigureWords(fig, 'mean', 'statistical neighbours') });
  }
  return out;
}

const normaliseName = (s: string) => s.toLowerCase().replace(/&/g, ' and ').replace(/\b(metropolitan|borough|city|county|district|council|of|the|royal)\b/g, ' ').replace(/[^a-z0-9]+/g, ' ').trim();

/**
 * The authority the figures are about: the one chosen on the import page, else the local authority
 * whose name is the council's name ("Stockport" for "Stockport Metropolitan Borough Council").
 */
export function resolveAuthority(setting: BenchmarkAuthority | string | null, sets: readonly BenchmarkSet[], council: string | null): (BenchmarkAuthority & { by: 'setting' | 'name' }) | null {
  // The setting is `{ code, name }`; a bare code is read too, and anything else is ignored.
  const chosen = typeof setting === 'string' ? (setting.trim() ? { code: setting.trim(), name: setting.trim() } : null)
    : setting && typeof setting.code === 'string' && setting.code ? { code: setting.code, name: typeof setting.name === 'string' && setting.name ? setting.name : setting.code } : null;
  if (chosen) {
    for (const s of sets) {
      const a = findArea(s, chosen.code);
      if (a) return { code: a.code, name: a.name, by: 'setting' };
    }
    return { ...chosen, by: 'setting' };
  }
  if (!council) return null;
  const want = normaliseName(council);
  if (!want) return null;
  for (const s of sets) {
    const a = localAuthorities(s).find((x) => normaliseName(x.name) === want);
    if (a) return { code: a.code, name: a.name, by: 'name' };
  }
  return null;
}

/** Every authority named in the stored files, by current code (the latest name wins), for choosing group members. */
export function knownAuthorities(sets: readonly BenchmarkSet[]): { code: string; name: string; oldCodes: string[]; regionName: string | null }[] {
  const byCode = new Map<string, { code: string; name: string; oldCodes: string[]; regionName: string | null }>();
  for (const s of [...sets].sort((a, b) => comparePeriodIds(a.period, b.period))) {
    for (const a of localAuthorities(s)) {
      const prev = byCode.get(a.code);
      byCode.set(a.code, { code: a.code, name: a.name, oldCodes: [...new Set([...(prev?.oldCodes ?? []), ...a.oldCodes])], regionName: a.regionName ?? prev?.regionName ?? null });
    }
  }
  return [...byCode.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The measure over time as the national files give it, one series each: the council's own row,
 * England, the council's region and each group's mean, plus the statistical neighbours figure the
 * council reported (when it did), so the two can be read side by side.
 */
export function benchmarkSeries(measureCode: string, sets: readonly BenchmarkSet[], groups: readonly NeighbourGroup[], authority: BenchmarkAuthority | null, reported: ObservationSeries | undefined): ObservationSeries[] {
  const ordered = [...sets].filter((s) => s.measureCode === measureCode).sort((a, b) => comparePeriodIds(a.period, b.period));
  const row = (label: string, pick: (s: BenchmarkSet) => BenchmarkArea | null): ObservationSeries => ({
    measureCode,
    series: label,
    points: ordered.map((s) => {
      const a = pick(s);
      return { period: s.period, breakdown: '', value: a?.value ?? null, count: null, missingReason: a ? (a.value === null ? symbolWords(a.symbol) : null) : 'not in the file', note: null, status: DERIVED_STATUS, raw: a?.raw ?? '', batchId: 0 };
    }),
  });
  const out: ObservationSeries[] = [];
  if (authority) out.push(row(authority.name, (s) => findArea(s, authority.code)));
  out.push(row(ENGLAND, nationalArea));
  const regionName = ordered.map((s) => regionArea(s, authority?.code ?? null)?.name).find((n): n is string => n !== undefined);
  if (regionName) out.push(row(regionName, (s) => regionArea(s, authority?.code ?? null)));
  for (const g of groups) {
    const [mean] = groupSeries(measureCode, ordered, g, authority?.code ?? null);
    if (mean) out.push(mean);
  }
  const periods = new Set(ordered.map((s) => s.period));
  const reportedPoints = (reported?.points ?? []).filter((p) => p.breakdown === '' && p.status !== DERIVED_STATUS && periods.has(p.period));
  if (reportedPoints.length > 0) out.push({ measureCode, series: `${STATISTICAL_NEIGHBOURS} (as the council reported)`, points: reportedPoints });
  return out;
}
