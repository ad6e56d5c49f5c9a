// One portfolio's data as the pages read it, and the facts derived from it.
import { comparePeriodIds, periodFromId } from './period';
import type { Stored } from './records';
import { periodsOfAll, pointCount } from './series';
import type { Portfolio } from './types';

/** One portfolio's records as stored, its own portfolio in place of the list of them. */
export type Dataset = Omit<Stored, 'portfolios'> & { portfolio: Portfolio | null };

/** The reporting periods the dataset's reports cover (agreements, quarters, years), in timeline order. */
export function reportingPeriods(d: Dataset): string[] {
  const ids = new Set<string>();
  for (const list of [d.budgetLines, d.reserves, d.savings, d.capital]) for (const r of list) ids.add(r.period);
  for (const c of d.commentary) ids.add(c.report);
  for (const n of d.narrative) ids.add(n.report);
  for (const id of periodsOfAll(d.observations)) {
    const kind = periodFromId(id)?.kind;
    if (kind === 'quarter' || kind === 'year') ids.add(id);
  }
  return [...ids].filter((id) => periodFromId(id) !== null).sort(comparePeriodIds);
}

/** Counts of what the dataset holds, for summaries. */
export function datasetCounts(d: Dataset): { measures: number; observations: number; targets: number; commentary: number; budgetLines: number; reserves: number; savings: number; capital: number; bridgeLines: number } {
  return {
    measures: d.measures.length,
    observations: d.observations.reduce((n, s) => n + pointCount(s), 0),
    targets: d.targets.length,
    commentary: d.commentary.length,
    budgetLines: d.budgetLines.length,
    bridgeLines: d.bridgeLines.length,
    reserves: d.reserves.length,
    savings: d.savings.length,
    capital: d.capital.length,
  };
}

/** Of the periods a table has, the one in force at the selected period: the latest not after it (the latest of all if none is selected). */
export function periodInForce(available: Iterable<string>, selected: string | null): string | null {
  const sorted = [...new Set(available)].sort(comparePeriodIds);
  if (selected === null) return sorted[sorted.length - 1] ?? null;
  const upTo = sorted.filter((p) => comparePeriodIds(p, selected) <= 0);
  return upTo[upTo.length - 1] ?? null;
}
