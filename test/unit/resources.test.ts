import { describe, expect, it } from 'vitest';
import {
  budgetBridge, capitalSummary, forecastMovement, forecastVariance, rateVariance, reconcile, reservesSummary, revenueBudget, savingsSummary, sumPresent,
} from '../../src/domain/resources';
import type { BridgeLine, BudgetLine, CapitalLine, LineType, Reserve, Saving } from '../../src/domain/types';

const P = '2021/22 Agreement';
const b = (division: string, service: string, cols: Partial<BudgetLine>, lineType: LineType = 'line', period = P): BudgetLine => ({
  portfolioId: 'p', period, division, service, lineType, employee: null, nonEmployee: null, gross: null, income: null, net: null, forecast: null, raw: {}, batchId: 1, ...cols,
});

describe('sums and reconciliation', () => {
  it('sums the figures present and says null when there are none', () => {
    expect(sumPresent([1, null, 2.5])).toBe(3.5);
    expect(sumPresent([null, null])).toBeNull();
    expect(sumPresent([0.1, 0.2])).toBe(0.3);
  });
  it('reports the stated total less the computed one', () => {
    expect(reconcile(785, 1248)).toEqual({ computed: 785, stated: 1248, difference: 463 });
    expect(reconcile(10, null)).toEqual({ computed: 10, stated: null, difference: null });
  });
});

describe('revenueBudget', () => {
  const lines = [
    b('Education', 'School Improvement', { employee: 1729, nonEmployee: 628, gross: 2358, income: -2523, net: -165 }),
    b('Education', 'SEN Transport', { employee: 0, nonEmployee: 3593, gross: 3593, income: -345, net: 3248 }),
    b('Education', 'Education sub-total', { employee: 1729, nonEmployee: 4221, gross: 5951, income: -2868, net: 3083 }, 'subtotal'),
    b('Children & Family Services', 'Adoption Counts', { employee: 3664, nonEmployee: 1029, gross: 4693, income: -4636, net: 58 }),
    b('Children & Family Services', 'CFS sub-total', { net: 60 }, 'subtotal'),
    b('', 'Portfolio Total', { gross: 10644, income: -7504, net: 3141 }, 'total'),
    b('Education', 'SEN Transport', { net: 3248, forecast: 3300 }, 'line', '2021/22 Q2'),
  ];
  const r = revenueBudget(lines, P);

  it('computes division sub-totals and the total from the lines, beside those stated', () => {
    expect(r.divisions.map((d) => [d.division, d.totals.net])).toEqual([
      ['Education', { computed: 3083, stated: 3083, difference: 0 }],
      ['Children & Family Services', { computed: 58, stated: 60, difference: 2 }],
    ]);
    expect(r.totals.gross).toEqual({ computed: 10644, stated: 10644, difference: 0 });
    expect(r.totals.net).toEqual({ computed: 3141, stated: 3141, difference: 0 });
    expect(r.totals.employee.stated).toBeNull();
  });

  it('flags lines whose own arithmetic does not add up (the paper rounds)', () => {
    expect(r.checks).toEqual([
      { service: 'School Improvement', check: 'gross', expected: 2357, stated: 2358, difference: 1 },
      { service: 'Adoption Counts', check: 'net', expected: 57, stated: 58, difference: 1 },
    ]);
  });

  it('shows only the columns the period has', () => {
    expect(r.columns).toEqual(['employee', 'nonEmployee', 'gross', 'income', 'net']);
  });
});

describe('forecast variance', () => {
  it.each([
    [1000, 990, 'Green', -10],
    [1000, 1000, 'Green', 0],
    [1000, 1020, 'Amber', 20], // exactly 2 % of the net budget
    [1000, 1021, 'Red', 21],
    [-2348, -2300, 'Red', 48], // a negative budget: |budget| sets the band
    [0, 5, 'Red', 5],
  ] as const)('budget %d, forecast %d is %s', (budget, forecast, rag, variance) => {
    expect(rateVariance(budget, forecast, { amberPercent: 2 })).toMatchObject({ rag, variance });
  });

  it('explains itself and follows the configured rule', () => {
    expect(rateVariance(7594, 8100, { amberPercent: 2 }).reason).toBe('Forecast 8,100 against net budget 7,594 (£000): overspend of 506 (6.7% of the net budget); overspend above 2% of the net budget: Red');
    expect(rateVariance(7594, 8100, { amberPercent: 10 }).rag).toBe('Amber');
    expect(rateVariance(100, null, { amberPercent: 2 })).toMatchObject({ rag: 'No forecast', variance: null });
  });

  it('rates every service and the total, and follows the forecast across the year', () => {
    const lines = [
      b('E', 'A', { net: 100, forecast: 90 }, 'line', '2021/22 Q2'),
      b('E', 'B', { net: 200, forecast: 230 }, 'line', '2021/22 Q2'),
      b('E', 'A', { net: 100, forecast: 95 }, 'line', '2021/22 Q1'),
      b('E', 'Sub-total', { net: 300, forecast: 320 }, 'subtotal', '2021/22 Q2'),
    ];
    const v = forecastVariance(lines, '2021/22 Q2', { amberPercent: 2 });
    expect(v.lines.map((l) => [l.service, l.variance, l.percent, l.rag])).toEqual([['A', -10, -10, 'Green'], ['B', 30, 15, 'Red']]);
    expect(v.total).toMatchObject({ budget: 300, forecast: 320, variance: 20, rag: 'Red' });
    expect(forecastMovement(lines, '2021/22').map((m) => [m.period, m.budget, m.total])).toEqual([['2021/22 Q1', 100, 95], ['2021/22 Q2', 300, 320]]);
  });
});

describe('budgetBridge', () => {
  const l = (order: number, line: string, step: BridgeLine['step'], amount: number, division = 'Education'): BridgeLine => ({ portfolioId: 'p', year: '2021/22', division, order, line, step, amount, raw: String(amount), batchId: 1 });
  it('walks from the opening budget to the closing one, checking stated sub-totals and the closing budget', () => {
    const bridge = budgetBridge([
      l(1, 'Budget at Q3', 'opening', 4130),
      l(2, 'Demand – Education Psychology Staffing', 'contingency', 120),
      l(3, 'Total Contingency Allocations', 'subtotal', 120),
      l(4, 'Inflation', 'inflation', 61),
      l(5, 'Savings', 'savings', -40),
      l(6, 'Total Savings', 'subtotal', -40),
      l(7, '2021/22 Budget', 'closing', 4272),
      l(1, 'Budget at Q3', 'opening', 1, 'Other'),
    ], 'Education', '2021/22');
    expect(bridge.steps.map((s) => [s.line, s.start, s.end])).toEqual([
      ['Budget at Q3', 0, 4130],
      ['Demand – Education Psychology Staffing', 4130, 4250],
      ['Inflation', 4250, 4311],
      ['Savings', 4311, 4271],
      ['2021/22 Budget', 0, 4272],
    ]);
    expect(bridge.subtotals).toEqual([
      { line: 'Total Contingency Allocations', computed: 120, stated: 120, difference: 0 },
      { line: 'Total Savings', computed: -40, stated: -40, difference: 0 },
    ]);
    expect(bridge.closing).toEqual({ line: '2021/22 Budget', computed: 4271, stated: 4272, difference: 1 });
  });
});

describe('reservesSummary', () => {
  const r = (division: string, category: string, purpose: string, balance: number | null, over: Partial<Reserve> = {}): Reserve => ({
    portfolioId: 'p', period: P, division, category, narration: 'n', purpose, lineType: 'line', balance, plannedUse: null, drawnDown: null, notDrawnDown: false, raw: {}, batchId: 1, ...over,
  });
  it('totals by division and category, shows remaining, and reconciles stated totals', () => {
    const s = reservesSummary([
      r('Education', 'Strategic Priority Reserve', 'WSoA', 794, { plannedUse: 400, drawnDown: 150 }),
      r('Education', 'Corporate Reserves', 'Transport Review', 108, { notDrawnDown: true }),
      r('Education', 'TOTAL – Education', '', 902, { lineType: 'total' }),
      r('C&FS', 'Corporate Reserves', 'NW Partnership', 181),
      r('C&FS', 'TOTAL', '', 300, { lineType: 'total' }),
    ], P);
    expect(s.divisions.map((d) => [d.division, d.totals.balance])).toEqual([
      ['Education', { computed: 902, stated: 902, difference: 0 }],
      ['C&FS', { computed: 181, stated: 300, difference: 119 }],
    ]);
    expect(s.totals.balance).toEqual({ computed: 1083, stated: 1202, difference: 119 });
    expect(s.divisions[0]?.lines.map((l) => l.remaining)).toEqual([644, 108]);
    expect(s.byCategory).toEqual([
      { category: 'Strategic Priority Reserve', balance: 794, plannedUse: 400, drawnDown: 150, remaining: 644 },
      { category: 'Corporate Reserves', balance: 289, plannedUse: null, drawnDown: null, remaining: 289 },
    ]);
  });
});

describe('savingsSummary', () => {
  const s = (division: string, proposal: string, riskRating: Saving['riskRating'], identified: number, achieved: number, lineType: LineType = 'line'): Saving => ({
    portfolioId: 'p', period: P, division, proposal, lineType, riskRating, identified, achieved, information: '', raw: {}, batchId: 1,
  });
  it('totals by division and by rating with the shortfall, reconciling stated totals', () => {
    const sum = savingsSummary([
      s('Education', 'PRC', 'Green', 0.04, 0.02),
      s('Education', 'Subtotal Education:', null, 0.04, 0.02, 'subtotal'),
      s('Children and Families', 'Demand', 'Amber', 0.07, 0.05),
      s('Children and Families', 'Vacancies', 'Green', 0.022, 0.022),
      s('Children and Families', 'Subtotal Children and Families:', null, 0.092, 0.07, 'subtotal'),
      s('', 'Directorate Total', null, 0.132, 0.1, 'total'),
    ], P);
    expect(sum.divisions.map((d) => [d.division, d.identified.difference, d.achieved.difference, d.shortfall])).toEqual([
      ['Education', 0, 0, 0.02],
      ['Children and Families', 0, -0.002, 0.02],
    ]);
    expect(sum.identified).toEqual({ computed: 0.132, stated: 0.132, difference: 0 });
    expect(sum.achieved).toEqual({ computed: 0.092, stated: 0.1, difference: 0.008 });
    expect(sum.byRating.map((r) => [r.rating, r.count, r.identified, r.shortfall])).toEqual([['Amber', 1, 0.07, 0.02], ['Green', 2, 0.062, 0.02]]);
  });
});

describe('capitalSummary', () => {
  const c = (scheme: string, year: string, amount: number, fundingSource = 'Capital Grants', lineType: LineType = 'line'): CapitalLine => ({
    portfolioId: 'p', period: P, scheme, year, fundingSource, lineType, amount, description: '', raw: {}, batchId: 1,
  });
  it('totals schemes by year and by funding source against stated totals', () => {
    const sum = capitalSummary([c('Short breaks', '2021/22', 0), c('Short breaks', '2022/23', 24), c('Roof', '2022/23', 10, 'Borrowing'), c('TOTAL', '2021/22', 0, '', 'total'), c('TOTAL', '2022/23', 24, '', 'total')], P);
    expect(sum.years).toEqual(['2021/22', '2022/23']);
    expect(sum.totals).toEqual({ '2021/22': { computed: 0, stated: 0, difference: 0 }, '2022/23': { computed: 34, stated: 24, difference: -10 } });
    expect(sum.funding).toEqual([{ source: 'Capital Grants', byYear: { '2021/22': 0, '2022/23': 24 } }, { source: 'Borrowing', byYear: { '2021/22': null, '2022/23': 10 } }]);
  });
});

describe('paper order', () => {
  it('lists lines in the order their file gave them, older lines without a position last', () => {
    const lines = [
      b('Education', 'SEND Inspection MTFP', { net: 350, position: 9 }),
      b('Children & Family Services', 'Adoption Counts', { net: 58, position: 3 }),
      b('Education', '14 to 19 Services', { net: 357, position: 5 }),
      b('Education', 'Old line', { net: 1 }),
    ];
    const r = revenueBudget(lines, P);
    expect(r.divisions.map((d) => [d.division, d.lines.map((l) => l.service)])).toEqual([
      ['Children & Family Services', ['Adoption Counts']],
      ['Education', ['14 to 19 Services', 'SEND Inspection MTFP', 'Old line']],
    ]);
  });
});
