// The money maths: totals computed from the lines, compared with the totals the data states,
// forecast variance and its RAG rule, reserves, savings and capital. All £000 unless named
// (savings £m). A stated total that differs from its lines is reported, never replaced.
import { formatMoney } from './format';
import { comparePeriodIds, financialYearOf, periodFromId } from './period';
import type { BridgeLine, BridgeStep, BudgetLine, CapitalLine, Reserve, RiskRating, Saving } from './types';

/** Lines in the order their file gave them (the paper's order); lines from older imports last. */
export function inPaperOrder<T extends { position?: number }>(lines: readonly T[]): T[] {
  return [...lines].sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity));
}

/** Sum of the figures present; null when none is. */
export function sumPresent(values: readonly (number | null)[]): number | null {
  let total: number | null = null;
  for (const v of values) if (v !== null) total = round((total ?? 0) + v);
  return total;
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/** A computed total beside the total the data states, and how far apart they are. */
export interface Reconciled {
  computed: number | null;
  stated: number | null;
  /** stated − computed; null when either is missing; 0 when they agree. */
  difference: number | null;
}

export function reconcile(computed: number | null, stated: number | null): Reconciled {
  return { computed, stated, difference: computed === null || stated === null ? null : round(stated - computed) };
}

// ---------------------------------------------------------------- revenue budget

export const BUDGET_COLUMNS = ['employee', 'nonEmployee', 'gross', 'income', 'net', 'forecast'] as const;
export type BudgetColumn = (typeof BUDGET_COLUMNS)[number];
export const BUDGET_COLUMN_LABELS: Record<BudgetColumn, string> = {
  employee: 'Employee', nonEmployee: 'Non-employee', gross: 'Gross expenditure', income: 'Gross income', net: 'Net cash limit', forecast: 'Forecast out-turn',
};

export type BudgetTotals = Record<BudgetColumn, Reconciled>;

/** A line whose own arithmetic does not add up (employee + non-employee ≠ gross; gross + income ≠ net). */
export interface LineCheck {
  service: string;
  check: 'gross' | 'net';
  expected: number;
  stated: number;
  difference: number;
}

export interface DivisionBudget {
  division: string;
  lines: BudgetLine[];
  totals: BudgetTotals;
}

export interface RevenueBudget {
  period: string;
  divisions: DivisionBudget[];
  totals: BudgetTotals;
  checks: LineCheck[];
  columns: BudgetColumn[];
}

function totalsOf(lines: readonly BudgetLine[], stated: BudgetLine | undefined): BudgetTotals {
  return Object.fromEntries(BUDGET_COLUMNS.map((c) => [c, reconcile(sumPresent(lines.map((l) => l[c])), stated ? stated[c] : null)])) as BudgetTotals;
}

/** The budget of one period by division: sub-totals and total from the lines, beside those stated. */
export function revenueBudget(all: readonly BudgetLine[], period: string): RevenueBudget {
  const inPeriod = inPaperOrder(all.filter((l) => l.period === period));
  const lines = inPeriod.filter((l) => l.lineType === 'line');
  const divisions = [...new Set(lines.map((l) => l.division))];
  const checks: LineCheck[] = [];
  for (const l of lines) {
    if (l.employee !== null && l.nonEmployee !== null && l.gross !== null && round(l.employee + l.nonEmployee) !== l.gross) {
      checks.push({ service: l.service, check: 'gross', expected: round(l.employee + l.nonEmployee), stated: l.gross, difference: round(l.gross - l.employee - l.nonEmployee) });
    }
    if (l.gross !== null && l.income !== null && l.net !== null && round(l.gross + l.income) !== l.net) {
      checks.push({ service: l.service, check: 'net', expected: round(l.gross + l.income), stated: l.net, difference: round(l.net - l.gross - l.income) });
    }
  }
  const stated = inPeriod.filter((l) => l.lineType !== 'line');
  // A division's stated sub-total is its sub-total row; the portfolio's is a total row outside any division (or the only total row).
  const totalRow = stated.find((l) => l.lineType === 'total' && (l.division === '' || !divisions.includes(l.division))) ?? stated.find((l) => l.lineType === 'total');
  return {
    period,
    divisions: divisions.map((division) => {
      const own = lines.filter((l) => l.division === division);
      const sub = stated.find((l) => l.division === division && l.lineType === 'subtotal') ?? stated.find((l) => l.division === division && l.lineType === 'total' && l !== totalRow);
      return { division, lines: own, totals: totalsOf(own, sub) };
    }),
    totals: totalsOf(lines, totalRow),
    checks,
    columns: BUDGET_COLUMNS.filter((c) => inPeriod.some((l) => l[c] !== null)),
  };
}

/** Periods that hold budget lines, in order. */
export function budgetPeriods(all: readonly BudgetLine[]): string[] {
  return [...new Set(all.map((l) => l.period))].sort(comparePeriodIds);
}

// ---------------------------------------------------------------- forecast and variance

/** The variance RAG rule: Green on or under budget; Amber overspend up to `amberPercent` of the service's net budget; Red above. */
export interface VarianceRule {
  amberPercent: number;
}

export const DEFAULT_VARIANCE_RULE: VarianceRule = { amberPercent: 2 };

export type VarianceRag = 'Green' | 'Amber' | 'Red' | 'No forecast';

export interface VarianceLine {
  division: string;
  service: string;
  budget: number | null;
  forecast: number | null;
  /** forecast − budget: positive is an overspend. */
  variance: number | null;
  /** variance as a percentage of |budget|; null when the budget is 0 or missing. */
  percent: number | null;
  rag: VarianceRag;
  reason: string;
}

/** Rates one service's forecast against its net budget. */
export function rateVariance(budget: number | null, forecast: number | null, rule: VarianceRule): Pick<VarianceLine, 'variance' | 'percent' | 'rag' | 'reason'> {
  if (budget === null || forecast === null) return { variance: null, percent: null, rag: 'No forecast', reason: 'No forecast out-turn for this service' };
  const variance = round(forecast - budget);
  const percent = budget === 0 ? null : round((variance / Math.abs(budget)) * 100);
  const limit = (rule.amberPercent / 100) * Math.abs(budget);
  const rag: VarianceRag = variance <= 0 ? 'Green' : variance <= limit + 1e-9 ? 'Amber' : 'Red';
  const words = variance < 0 ? `underspend of ${fmt(-variance)}` : variance === 0 ? 'on budget' : `overspend of ${fmt(variance)}`;
  const pctText = percent === null ? '' : ` (${Math.abs(Math.round(percent * 10) / 10)}% of the net budget)`;
  const ruleText = rag === 'Green' ? 'on or under budget' : rag === 'Amber' ? `overspend within ${rule.amberPercent}% of the net budget` : `overspend above ${rule.amberPercent}% of the net budget`;
  return { variance, percent, rag, reason: `Forecast ${fmt(forecast)} against net budget ${fmt(budget)} (£000): ${words}${variance === 0 ? '' : pctText}; ${ruleText}: ${rag}` };
}

const fmt = (v: number) => formatMoney(v);

/** Variance per service for a period with forecasts. */
export function forecastVariance(all: readonly BudgetLine[], period: string, rule: VarianceRule): { lines: VarianceLine[]; total: VarianceLine } {
  const lines = inPaperOrder(all.filter((l) => l.period === period && l.lineType === 'line'));
  const out = lines.map((l): VarianceLine => ({ division: l.division, service: l.service, budget: l.net, forecast: l.forecast, ...rateVariance(l.net, l.forecast, rule) }));
  const budget = sumPresent(lines.map((l) => l.net));
  const forecast = sumPresent(lines.map((l) => l.forecast));
  return { lines: out, total: { division: '', service: 'Total', budget, forecast, ...rateVariance(budget, forecast, rule) } };
}

/** Periods whose budget lines carry forecasts, in order (the in-year reports). */
export function forecastPeriods(all: readonly BudgetLine[]): string[] {
  return [...new Set(all.filter((l) => l.forecast !== null).map((l) => l.period))].sort(comparePeriodIds);
}

/** The forecast out-turn and net budget, in total (and the forecast per service), across the reports of one financial year. */
export function forecastMovement(all: readonly BudgetLine[], year: string): { period: string; total: number | null; budget: number | null; byService: Record<string, number | null> }[] {
  return forecastPeriods(all)
    .filter((p) => {
      const parsed = periodFromId(p);
      return parsed !== null && financialYearOf(parsed) === year;
    })
    .map((period) => {
      const lines = all.filter((l) => l.period === period && l.lineType === 'line');
      return {
        period,
        total: sumPresent(lines.map((l) => l.forecast)),
        budget: sumPresent(lines.map((l) => l.net)),
        byService: Object.fromEntries(lines.map((l) => [l.service, l.forecast])),
      };
    });
}

// ---------------------------------------------------------------- budget bridge

export interface WaterfallStep {
  order: number;
  line: string;
  step: BridgeStep;
  amount: number;
  /** Running total before and after this step (for opening and closing: 0 → amount). */
  start: number;
  end: number;
}

export interface Bridge {
  division: string;
  steps: WaterfallStep[];
  /** Stated sub-totals (e.g. "Total Contingency Allocations") against the steps they sum. */
  subtotals: (Reconciled & { line: string })[];
  /** The stated closing budget against opening + every change. */
  closing: Reconciled & { line: string };
}

/** A division's bridge from last year's budget to this year's, as waterfall steps with its stated totals checked. */
export function budgetBridge(all: readonly BridgeLine[], division: string, year: string): Bridge {
  const lines = all.filter((l) => l.division === division && l.year === year).sort((a, b) => a.order - b.order);
  const steps: WaterfallStep[] = [];
  const subtotals: Bridge['subtotals'] = [];
  let running = 0;
  let closingLine: BridgeLine | undefined;
  for (const [i, l] of lines.entries()) {
    if (l.step === 'subtotal') {
      // A sub-total totals the run of same-kind lines just above it ("Total Savings" the savings lines).
      const group: number[] = [];
      const kind = lines[i - 1]?.step;
      for (let j = i - 1; j >= 0 && lines[j]?.step === kind && kind !== 'subtotal'; j--) group.push(lines[j]?.amount ?? 0);
      subtotals.push({ line: l.line, ...reconcile(sumPresent(group), l.amount) });
      continue;
    }
    if (l.step === 'closing') {
      closingLine = l;
      continue;
    }
    if (l.step === 'opening') {
      running = l.amount;
      steps.push({ order: l.order, line: l.line, step: l.step, amount: l.amount, start: 0, end: l.amount });
      continue;
    }
    const start = running;
    running = round(running + l.amount);
    steps.push({ order: l.order, line: l.line, step: l.step, amount: l.amount, start, end: running });
  }
  const closing = { line: closingLine?.line ?? 'Closing budget', ...reconcile(steps.length ? running : null, closingLine?.amount ?? null) };
  if (closingLine) steps.push({ order: closingLine.order, line: closingLine.line, step: 'closing', amount: closingLine.amount, start: 0, end: closingLine.amount });
  return { division, steps, subtotals, closing };
}

export function bridgeDivisions(all: readonly BridgeLine[], year: string): string[] {
  return [...new Set(all.filter((l) => l.year === year).map((l) => l.division))];
}

export function bridgeYears(all: readonly BridgeLine[]): string[] {
  return [...new Set(all.map((l) => l.year))].sort(comparePeriodIds);
}

// ---------------------------------------------------------------- reserves

export interface ReserveLine extends Reserve {
  /** Balance less drawn down so far; null without a balance. */
  remaining: number | null;
}

export interface ReserveTotals {
  balance: Reconciled;
  plannedUse: number | null;
  drawnDown: number | null;
  remaining: number | null;
}

export interface DivisionReserves {
  division: string;
  lines: ReserveLine[];
  totals: ReserveTotals;
}

export interface ReservesSummary {
  period: string;
  divisions: DivisionReserves[];
  /** Every line's balance summed, beside the sum of the divisions' stated totals. */
  totals: ReserveTotals;
  byCategory: { category: string; balance: number | null; plannedUse: number | null; drawnDown: number | null; remaining: number | null }[];
}

function reserveTotals(lines: readonly ReserveLine[], stated: number | null): ReserveTotals {
  return {
    balance: reconcile(sumPresent(lines.map((l) => l.balance)), stated),
    plannedUse: sumPresent(lines.map((l) => l.plannedUse)),
    drawnDown: sumPresent(lines.map((l) => l.drawnDown)),
    remaining: sumPresent(lines.map((l) => l.remaining)),
  };
}

/** Reserves of one period by division and by category, with the stated totals reconciled. */
export function reservesSummary(all: readonly Reserve[], period: string): ReservesSummary {
  const inPeriod = inPaperOrder(all.filter((r) => r.period === period));
  const lines: ReserveLine[] = inPeriod.filter((r) => r.lineType === 'line').map((r) => ({ ...r, remaining: r.balance === null ? null : round(r.balance - (r.drawnDown ?? 0)) }));
  const divisions = [...new Set(lines.map((l) => l.division))].map((division) => {
    const own = lines.filter((l) => l.division === division);
    const stated = inPeriod.find((r) => r.division === division && r.lineType !== 'line');
    return { division, lines: own, totals: reserveTotals(own, stated?.balance ?? null) };
  });
  const statedAll = divisions.every((d) => d.totals.balance.stated !== null) && divisions.length > 0 ? sumPresent(divisions.map((d) => d.totals.balance.stated)) : null;
  const categories = [...new Set(lines.map((l) => l.category))];
  return {
    period,
    divisions,
    totals: reserveTotals(lines, statedAll),
    byCategory: categories.map((category) => {
      const own = lines.filter((l) => l.category === category);
      return { category, balance: sumPresent(own.map((l) => l.balance)), plannedUse: sumPresent(own.map((l) => l.plannedUse)), drawnDown: sumPresent(own.map((l) => l.drawnDown)), remaining: sumPresent(own.map((l) => l.remaining)) };
    }),
  };
}

// ---------------------------------------------------------------- savings (£m)

export interface SavingLine extends Saving {
  /** identified − achieved: what is still to be delivered (£m). */
  shortfall: number | null;
}

export interface SavingsSummary {
  period: string;
  divisions: { division: string; lines: SavingLine[]; identified: Reconciled; achieved: Reconciled; shortfall: number | null }[];
  identified: Reconciled;
  achieved: Reconciled;
  shortfall: number | null;
  byRating: { rating: RiskRating | 'Not rated'; count: number; identified: number | null; achieved: number | null; shortfall: number | null }[];
}

/** Savings of one period by division and by risk rating, stated sub-totals reconciled. */
export function savingsSummary(all: readonly Saving[], period: string): SavingsSummary {
  const inPeriod = inPaperOrder(all.filter((s) => s.period === period));
  const lines: SavingLine[] = inPeriod.filter((s) => s.lineType === 'line').map((s) => ({ ...s, shortfall: s.identified === null ? null : round(s.identified - (s.achieved ?? 0)) }));
  const stated = inPeriod.filter((s) => s.lineType !== 'line');
  const divisionNames = [...new Set(lines.map((l) => l.division))];
  const overall = stated.find((s) => s.lineType === 'total' && (s.division === '' || !divisionNames.includes(s.division)));
  const divisions = divisionNames.map((division) => {
    const own = lines.filter((l) => l.division === division);
    const sub = stated.find((s) => s.division === division && s !== overall);
    return {
      division,
      lines: own,
      identified: reconcile(sumPresent(own.map((l) => l.identified)), sub?.identified ?? null),
      achieved: reconcile(sumPresent(own.map((l) => l.achieved)), sub?.achieved ?? null),
      shortfall: sumPresent(own.map((l) => l.shortfall)),
    };
  });
  const ratings: (RiskRating | 'Not rated')[] = ['Red', 'Amber', 'Green', 'Not rated'];
  return {
    period,
    divisions,
    identified: reconcile(sumPresent(lines.map((l) => l.identified)), overall?.identified ?? null),
    achieved: reconcile(sumPresent(lines.map((l) => l.achieved)), overall?.achieved ?? null),
    shortfall: sumPresent(lines.map((l) => l.shortfall)),
    byRating: ratings
      .map((rating) => {
        const own = lines.filter((l) => (l.riskRating ?? 'Not rated') === rating);
        return { rating, count: own.length, identified: sumPresent(own.map((l) => l.identified)), achieved: sumPresent(own.map((l) => l.achieved)), shortfall: sumPresent(own.map((l) => l.shortfall)) };
      })
      .filter((r) => r.count > 0),
  };
}

// ---------------------------------------------------------------- capital

export interface CapitalSummary {
  period: string;
  years: string[];
  schemes: { scheme: string; description: string; fundingSources: string[]; byYear: Record<string, number | null> }[];
  totals: Record<string, Reconciled>;
  funding: { source: string; byYear: Record<string, number | null> }[];
}

/** The capital programme of one period: schemes by year, funding by source, totals against those stated. */
export function capitalSummary(all: readonly CapitalLine[], period: string): CapitalSummary {
  const inPeriod = inPaperOrder(all.filter((c) => c.period === period));
  const lines = inPeriod.filter((c) => c.lineType === 'line');
  const years = [...new Set(inPeriod.map((c) => c.year))].sort(comparePeriodIds);
  const schemes = [...new Set(lines.map((l) => l.scheme))].map((scheme) => {
    const own = lines.filter((l) => l.scheme === scheme);
    return {
      scheme,
      description: own.find((l) => l.description)?.description ?? '',
      fundingSources: [...new Set(own.map((l) => l.fundingSource).filter(Boolean))],
      byYear: Object.fromEntries(years.map((y) => [y, sumPresent(own.filter((l) => l.year === y).map((l) => l.amount))])),
    };
  });
  const sources = [...new Set(lines.map((l) => l.fundingSource || 'Not stated'))];
  return {
    period,
    years,
    schemes,
    totals: Object.fromEntries(years.map((y) => [y, reconcile(sumPresent(lines.filter((l) => l.year === y).map((l) => l.amount)), inPeriod.find((c) => c.year === y && c.lineType !== 'line')?.amount ?? null)])),
    funding: sources.map((source) => ({
      source,
      byYear: Object.fromEntries(years.map((y) => [y, sumPresent(lines.filter((l) => (l.fundingSource || 'Not stated') === source && l.year === y).map((l) => l.amount))])),
    })),
  };
}
