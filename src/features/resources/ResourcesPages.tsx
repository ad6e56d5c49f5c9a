import { Fragment, lazy, Suspense, useId, useMemo } from 'react';
import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { periodInForce } from '../../domain/dataset';
import type { Dataset } from '../../domain/dataset';
import { formatMoney } from '../../domain/format';
import { periodLabel } from '../../domain/measure-values';
import { parsePeriod, financialYearOf } from '../../domain/period';
import {
  BUDGET_COLUMN_LABELS, bridgeDivisions, bridgeYears, budgetBridge, budgetPeriods, capitalSummary, forecastMovement, forecastPeriods, forecastVariance,
  reservesSummary, revenueBudget, savingsSummary,
} from '../../domain/resources';
import type { BudgetColumn, VarianceRag } from '../../domain/resources';
import { usePageDataset, useVarianceRule } from '../../queries/store';
import { useCurrentView } from '../../queries/view';
import { EmptyState, Loading, NoDataYet } from '../../ui/EmptyState';
import { Money, ReconciledMoney } from '../../ui/Money';
import { sortBy, useUrlSort } from '../../ui/sort';
import { ExportableTable } from '../../ui/export';
import { latestParams } from '../../ui/latest-params';

const NetBudgetChart = lazy(() => import('./charts').then((m) => ({ default: m.NetBudgetChart })));
const WaterfallChart = lazy(() => import('./charts').then((m) => ({ default: m.WaterfallChart })));
const ForecastChart = lazy(() => import('./charts').then((m) => ({ default: m.ForecastChart })));
const CategoryChart = lazy(() => import('./charts').then((m) => ({ default: m.CategoryChart })));

const chartFallback = <p role="status">Loading the chart…</p>;

/** The dataset in view and the reporting period; pages pick the latest of their own periods up to it. */
function useResources(title: string): { d: Dataset; period: string | null } | ReactNode {
  const view = useCurrentView();
  const dataset = usePageDataset(view.dataset);
  if (view.dataset === null) return <NoDataYet heading={title} title="No financial data yet" />;
  if (!dataset.data) return <Loading what={title.toLowerCase()} />;
  return { d: dataset.data, period: view.period };
}

function isData(x: unknown): x is { d: Dataset; period: string | null } {
  return typeof x === 'object' && x !== null && 'd' in x;
}

function PeriodNote({ shown, selected }: { shown: string; selected: string | null }) {
  if (!selected || shown === selected) return null;
  return <p className="notice" role="status">There are no figures of this kind for {periodLabel(selected)}; showing the latest before it, {periodLabel(shown)}.</p>;
}

// ------------------------------------------------------------------ revenue budget

export function BudgetPage() {
  const r = useResources('Revenue budget');
  const [params, setParams] = useSearchParams();
  const sort = useUrlSort(['order', 'service', 'employee', 'nonEmployee', 'gross', 'income', 'net', 'forecast'] as const, 'order');
  const budget = useMemo(() => {
    if (!isData(r)) return null;
    const p = periodInForce(budgetPeriods(r.d.budgetLines), r.period);
    return p ? revenueBudget(r.d.budgetLines, p) : null;
  }, [r]);
  if (!isData(r)) return r;
  if (!budget) return <><h1>Revenue budget</h1><EmptyState title="No revenue budget has been imported" /></>;
  const division = params.get('division');
  const shownDivisions = budget.divisions.filter((d) => !division || d.division === division);
  const cols = budget.columns;
  const chartRows = sortBy(shownDivisions.flatMap((d) => d.lines).filter((l) => l.net !== null).map((l) => ({ service: l.service, net: l.net ?? 0 })), (x) => x.net, 'desc');
  const orderOf = (service: string) => shownDivisions.flatMap((d) => d.lines).findIndex((l) => l.service === service);
  return (
    <>
      <h1>Revenue budget, {periodLabel(budget.period)}</h1>
      <PeriodNote shown={budget.period} selected={r.period} />
      <p className="lead">
        By division and service, £000. Sub-totals and totals are added up here from the service lines; where the data states its own total
        and it differs, the stated figure and the difference are shown beside it.
      </p>
      <p>
        <label htmlFor="division-filter"><strong>Division </strong></label>
        <select id="division-filter" value={division ?? ''} onChange={(e) => { const p = latestParams(); if (e.target.value) p.set('division', e.target.value); else p.delete('division'); setParams(p, { replace: true }); }}>
          <option value="">All divisions</option>
          {budget.divisions.map((d) => <option key={d.division} value={d.division}>{d.division || 'No division'}</option>)}
        </select>
      </p>
      <div className="table-scroll">
        <ExportableTable filename="revenue-budget.csv">
        <table className="table money">
          <caption>Revenue budget by service, {periodLabel(budget.period)} (£000; income and net income in brackets)</caption>
          <thead>
            <tr>{sort.header('service', 'Service')}{cols.map((c) => sort.header(c, `${BUDGET_COLUMN_LABELS[c]} £000`, 'num'))}</tr>
          </thead>
          <tbody>
            {shownDivisions.map((d) => {
              const lines = sort.sort === 'order' ? d.lines : sortBy(d.lines, (l) => (sort.sort === 'service' ? l.service : l[sort.sort as BudgetColumn]), sort.dir);
              return (
                <Fragment key={d.division}>
                  <tr className="division-row"><th scope="rowgroup" colSpan={cols.length + 1}>{d.division || 'No division'}</th></tr>
                  {lines.map((l) => (
                    <tr key={l.service} data-order={orderOf(l.service)}>
                      <th scope="row">{l.service}</th>
                      {cols.map((c) => <td key={c} className="num"><Money value={l[c]} /></td>)}
                    </tr>
                  ))}
                  <tr className="total-row">
                    <th scope="row">{d.division || 'No division'} sub-total</th>
                    {cols.map((c) => <td key={c} className="num"><ReconciledMoney r={d.totals[c]} /></td>)}
                  </tr>
                </Fragment>
              );
            })}
            {!division && (
              <tr className="total-row">
                <th scope="row">{r.d.portfolio?.name ?? 'Portfolio'} total</th>
                {cols.map((c) => <td key={c} className="num"><ReconciledMoney r={budget.totals[c]} /></td>)}
              </tr>
            )}
          </tbody>
        </table>
        </ExportableTable>
      </div>
      {budget.checks.length > 0 && (
        <section className="checks" aria-labelledby="checks-heading">
          <h2 id="checks-heading">Lines whose own figures do not add up</h2>
          <p>Shown as the data gives them; the differences are usually rounding in the source.</p>
          <ul>
            {budget.checks.map((c) => (
              <li key={`${c.service}-${c.check}`}>
                {c.service}: {c.check === 'gross' ? 'employee + non-employee expenditure' : 'gross expenditure + gross income'} = {formatMoney(c.expected)}, but the {c.check === 'gross' ? 'gross expenditure' : 'net budget'} stated is {formatMoney(c.stated)} (difference {formatMoney(c.difference)}).
              </li>
            ))}
          </ul>
        </section>
      )}
      <h2>Net budget by service</h2>
      <Suspense fallback={chartFallback}><NetBudgetChart rows={chartRows} title={`Net budget by service, ${periodLabel(budget.period)}`} /></Suspense>
    </>
  );
}

// ------------------------------------------------------------------ budget bridge

export function BridgePage() {
  const r = useResources('Budget bridge');
  const [params, setParams] = useSearchParams();
  if (!isData(r)) return r;
  const years = bridgeYears(r.d.bridgeLines);
  const p = r.period ? parsePeriod(r.period) : null;
  const year = (p && years.includes(financialYearOf(p)) ? financialYearOf(p) : years[years.length - 1]) ?? null;
  if (!year) return <><h1>Budget bridge</h1><EmptyState title="No budget bridge has been imported" /></>;
  const divisions = bridgeDivisions(r.d.bridgeLines, year);
  const asked = params.get('division');
  const division = divisions.find((d) => d === asked) ?? divisions.find((d) => /^total$/i.test(d)) ?? divisions[0] ?? '';
  const bridge = budgetBridge(r.d.bridgeLines, division, year);
  const divisionTotals = divisions.filter((d) => !/^total$/i.test(d)).map((d) => budgetBridge(r.d.bridgeLines, d, year));
  return (
    <>
      <h1>Budget bridge to {year}</h1>
      <p className="lead">How last year&apos;s budget became this year&apos;s: contingency (demand) allocations, inflation, savings and one-off funding removed, £000.</p>
      <p>
        <label htmlFor="bridge-division"><strong>Division </strong></label>
        <select id="bridge-division" value={division} onChange={(e) => { const q = latestParams(); q.set('division', e.target.value); setParams(q, { replace: true }); }}>
          {divisions.map((d) => <option key={d} value={d}>{/^total$/i.test(d) ? 'Total (whole portfolio)' : d}</option>)}
        </select>
      </p>
      <div className="two-col">
        <Suspense fallback={chartFallback}><WaterfallChart steps={bridge.steps} title={`Budget bridge, ${division}, ${year}`} /></Suspense>
        <ExportableTable filename="budget-bridge.csv">
        <table className="table money">
          <caption>Budget bridge, {/^total$/i.test(division) ? 'whole portfolio' : division} (£000)</caption>
          <thead><tr><th scope="col">Step</th><th scope="col" className="num">£000</th><th scope="col" className="num">Running total £000</th></tr></thead>
          <tbody>
            {bridge.steps.map((s) => (
              <tr key={`${s.order}-${s.line}`} className={s.step === 'opening' || s.step === 'closing' ? 'total-row' : undefined}>
                <th scope="row">{s.line}</th>
                <td className="num">{s.step === 'opening' || s.step === 'closing' ? '' : formatMoney(s.amount)}</td>
                <td className="num">{s.step === 'closing' ? <ReconciledMoney r={{ computed: bridge.closing.computed, stated: bridge.closing.stated, difference: bridge.closing.difference }} /> : formatMoney(s.end)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </ExportableTable>
      </div>
      {bridge.subtotals.length > 0 && (
        <>
          <h2>Sub-totals stated in the bridge</h2>
          <ExportableTable filename="budget-bridge-subtotals.csv">
          <table className="table money summary">
            <caption className="visually-hidden">Sub-totals of the bridge against their lines</caption>
            <thead><tr><th scope="col">Sub-total</th><th scope="col" className="num">From the lines £000</th></tr></thead>
            <tbody>{bridge.subtotals.map((s) => <tr key={s.line}><th scope="row">{s.line}</th><td className="num"><ReconciledMoney r={s} /></td></tr>)}</tbody>
          </table>
          </ExportableTable>
        </>
      )}
      {divisionTotals.length > 1 && (
        <>
          <h2>Each division&apos;s closing budget</h2>
          <ul>{divisionTotals.map((b) => <li key={b.division}>{b.division}: {b.closing.computed === null ? '—' : formatMoney(b.closing.computed)} from its steps{b.closing.stated !== null && b.closing.difference !== 0 ? `; stated ${formatMoney(b.closing.stated)}` : ''}</li>)}</ul>
        </>
      )}
    </>
  );
}

// ------------------------------------------------------------------ forecast and variance

const VARIANCE_CLASS: Record<VarianceRag, string> = { Green: 'rag-green', Amber: 'rag-amber', Red: 'rag-red', 'No forecast': 'rag-no-data' };
const VARIANCE_ICON: Record<VarianceRag, string> = { Green: '✓', Amber: '!', Red: '✕', 'No forecast': '?' };

export function VariancePage() {
  const r = useResources('Forecast and variance');
  const rule = useVarianceRule();
  const sort = useUrlSort(['order', 'service', 'budget', 'forecast', 'variance', 'percent', 'rag'] as const, 'variance', 'desc');
  const [params, setParams] = useSearchParams();
  if (!isData(r)) return r;
  const period = periodInForce(forecastPeriods(r.d.budgetLines), r.period);
  if (!period) return <><h1>Forecast and variance</h1><EmptyState title="No forecast out-turn has been imported"><p>Forecasts come with in-year reports (Q1, mid-year, Q3): import a budget file with a Forecast Out-turn column.</p></EmptyState></>;
  const { lines, total } = forecastVariance(r.d.budgetLines, period, rule);
  const ragFilter = params.get('rag');
  const rank: Record<VarianceRag, number> = { Red: 0, Amber: 1, Green: 2, 'No forecast': 3 };
  const shown = sortBy(lines.filter((l) => !ragFilter || l.rag.toLowerCase() === ragFilter), (l) => {
    switch (sort.sort) {
      case 'order': return lines.indexOf(l);
      case 'service': return l.service;
      case 'rag': return rank[l.rag];
      default: return l[sort.sort];
    }
  }, sort.dir);
  const p = parsePeriod(period);
  const movement = p ? forecastMovement(r.d.budgetLines, financialYearOf(p)) : [];
  const movementRows = movement.map((m) => ({ label: periodLabel(m.period), forecast: m.total, budget: m.budget }));
  const counts = (rag: VarianceRag) => lines.filter((l) => l.rag === rag).length;
  return (
    <>
      <h1>Forecast and variance, {periodLabel(period)}</h1>
      <PeriodNote shown={period} selected={r.period} />
      <p className="lead">
        Each service&apos;s forecast out-turn against its net budget, £000. Variance is forecast less budget: positive is an overspend.
        Rule (set in <Link to="/settings">Settings</Link>): Green on or under budget; Amber an overspend of up to {rule.amberPercent}% of the service&apos;s net budget; Red above that.
      </p>
      <p>
        <strong>{counts('Red')} Red, {counts('Amber')} Amber, {counts('Green')} Green</strong>
        {counts('No forecast') > 0 && `, ${counts('No forecast')} without a forecast`}.{' '}
        <label htmlFor="variance-rag">Show </label>
        <select id="variance-rag" value={ragFilter ?? ''} onChange={(e) => { const q = latestParams(); if (e.target.value) q.set('rag', e.target.value); else q.delete('rag'); setParams(q, { replace: true }); }}>
          <option value="">all services</option>
          <option value="red">Red only</option>
          <option value="amber">Amber only</option>
          <option value="green">Green only</option>
        </select>
      </p>
      <div className="table-scroll">
        <ExportableTable filename="forecast-variance.csv">
        <table className="table money">
          <caption>Forecast out-turn and variance by service, {periodLabel(period)} (£000)</caption>
          <thead>
            <tr>
              {sort.header('service', 'Service')}
              {sort.header('budget', 'Net budget £000', 'num')}
              {sort.header('forecast', 'Forecast out-turn £000', 'num')}
              {sort.header('variance', 'Variance £000', 'num')}
              {sort.header('percent', 'Variance % of budget', 'num')}
              {sort.header('rag', 'RAG status')}
            </tr>
          </thead>
          <tbody>
            {shown.map((l) => (
              <tr key={`${l.division}|${l.service}`}>
                <th scope="row">{l.service}<span className="hint block">{l.division}</span></th>
                <td className="num"><Money value={l.budget} /></td>
                <td className="num"><Money value={l.forecast} /></td>
                <td className="num"><Money value={l.variance} /></td>
                <td className="num">{l.percent === null ? '' : `${l.percent > 0 ? '+' : l.percent < 0 ? '−' : ''}${Math.abs(Math.round(l.percent * 10) / 10)}%`}</td>
                <td><VarianceTag rag={l.rag} reason={l.reason} /></td>
              </tr>
            ))}
            {!ragFilter && (
              <tr className="total-row">
                <th scope="row">Total</th>
                <td className="num"><Money value={total.budget} /></td>
                <td className="num"><Money value={total.forecast} /></td>
                <td className="num"><Money value={total.variance} /></td>
                <td className="num">{total.percent === null ? '' : `${total.percent > 0 ? '+' : total.percent < 0 ? '−' : ''}${Math.abs(Math.round(total.percent * 10) / 10)}%`}</td>
                <td><VarianceTag rag={total.rag} reason={total.reason} /></td>
              </tr>
            )}
          </tbody>
        </table>
        </ExportableTable>
      </div>
      <h2>The forecast across the year&apos;s reports</h2>
      <Suspense fallback={chartFallback}><ForecastChart rows={movementRows} title={`Forecast out-turn across ${p ? financialYearOf(p) : ''}`} /></Suspense>
      <ExportableTable filename="forecast-by-report.csv">
      <table className="table money summary">
        <caption>Forecast out-turn at each report (£000)</caption>
        <thead><tr><th scope="col">Report</th><th scope="col" className="num">Net budget £000</th><th scope="col" className="num">Forecast out-turn £000</th></tr></thead>
        <tbody>{movementRows.map((m) => <tr key={m.label}><th scope="row">{m.label}</th><td className="num"><Money value={m.budget} /></td><td className="num"><Money value={m.forecast} /></td></tr>)}</tbody>
      </table>
      </ExportableTable>
    </>
  );
}

function VarianceTag({ rag, reason }: { rag: VarianceRag; reason: string }) {
  // As RagTag: the status is the text, the reason its description (aria-label on a role-less span is not reliably read).
  const id = useId();
  return (
    <span className="rag">
      <span className={`tag ${VARIANCE_CLASS[rag]}`} tabIndex={0} aria-describedby={id}><span aria-hidden="true">{VARIANCE_ICON[rag]} </span>{rag}</span>
      <span role="tooltip" id={id} className="tooltip">{reason}</span>
    </span>
  );
}

// ------------------------------------------------------------------ reserves

export function ReservesPage() {
  const r = useResources('Reserves');
  const [params, setParams] = useSearchParams();
  const sort = useUrlSort(['order', 'category', 'purpose', 'balance', 'plannedUse', 'drawnDown', 'remaining'] as const, 'order');
  if (!isData(r)) return r;
  const period = periodInForce(r.d.reserves.map((x) => x.period), r.period);
  if (!period) return <><h1>Reserves</h1><EmptyState title="No reserves have been imported" /></>;
  const s = reservesSummary(r.d.reserves, period);
  const category = params.get('category');
  const hasUse = s.totals.plannedUse !== null || s.totals.drawnDown !== null;
  return (
    <>
      <h1>Earmarked reserves, {periodLabel(period)}</h1>
      <PeriodNote shown={period} selected={r.period} />
      <p className="lead">What each reserve is for, its balance or approved use{hasUse ? ', planned use this year, drawn down so far and what remains' : ''}, £000. Totals are added up here from the lines and set beside the totals the data states.</p>
      <p>
        <label htmlFor="reserve-category"><strong>Category </strong></label>
        <select id="reserve-category" value={category ?? ''} onChange={(e) => { const q = latestParams(); if (e.target.value) q.set('category', e.target.value); else q.delete('category'); setParams(q, { replace: true }); }}>
          <option value="">All categories</option>
          {s.byCategory.map((c) => <option key={c.category} value={c.category}>{c.category}</option>)}
        </select>
      </p>
      <div className="table-scroll">
        <ExportableTable filename="reserves.csv">
        <table className="table money">
          <caption>Reserves by division, {periodLabel(period)} (£000; * = not drawn down, likely to return)</caption>
          <thead>
            <tr>
              {sort.header('category', 'Category')}
              <th scope="col">Narration</th>
              {sort.header('purpose', 'To be used for')}
              {sort.header('balance', 'Balance / approved use £000', 'num')}
              {hasUse && sort.header('plannedUse', 'Planned use in year £000', 'num')}
              {hasUse && sort.header('drawnDown', 'Drawn down so far £000', 'num')}
              {hasUse && sort.header('remaining', 'Remaining £000', 'num')}
              <th scope="col">Not drawn down</th>
            </tr>
          </thead>
          <tbody>
            {s.divisions.map((d) => {
              const lines = d.lines.filter((l) => !category || l.category === category);
              const ordered = sort.sort === 'order' ? lines : sortBy(lines, (l) => l[sort.sort as 'category'], sort.dir);
              return (
                <Fragment key={d.division}>
                  <tr className="division-row"><th scope="rowgroup" colSpan={hasUse ? 8 : 5}>{d.division}</th></tr>
                  {ordered.map((l) => (
                    <tr key={`${l.category}|${l.narration}|${l.purpose}`}>
                      <td>{l.category}</td>
                      <td>{l.narration}</td>
                      <th scope="row">{l.purpose}</th>
                      <td className="num"><Money value={l.balance} />{l.notDrawnDown ? ' *' : ''}</td>
                      {hasUse && <td className="num"><Money value={l.plannedUse} /></td>}
                      {hasUse && <td className="num"><Money value={l.drawnDown} /></td>}
                      {hasUse && <td className="num"><Money value={l.remaining} /></td>}
                      <td>{l.notDrawnDown ? 'Yes: likely to return' : ''}</td>
                    </tr>
                  ))}
                  {!category && (
                    <tr className="total-row">
                      <th scope="row" colSpan={3}>Total – {d.division}</th>
                      <td className="num"><ReconciledMoney r={d.totals.balance} /></td>
                      {hasUse && <td className="num"><Money value={d.totals.plannedUse} /></td>}
                      {hasUse && <td className="num"><Money value={d.totals.drawnDown} /></td>}
                      {hasUse && <td className="num"><Money value={d.totals.remaining} /></td>}
                      <td />
                    </tr>
                  )}
                </Fragment>
              );
            })}
            {!category && (
              <tr className="total-row">
                <th scope="row" colSpan={3}>All reserves</th>
                <td className="num"><ReconciledMoney r={s.totals.balance} /></td>
                {hasUse && <td className="num"><Money value={s.totals.plannedUse} /></td>}
                {hasUse && <td className="num"><Money value={s.totals.drawnDown} /></td>}
                {hasUse && <td className="num"><Money value={s.totals.remaining} /></td>}
                <td />
              </tr>
            )}
          </tbody>
        </table>
        </ExportableTable>
      </div>
      <h2>By category</h2>
      <div className="two-col">
        <Suspense fallback={chartFallback}><CategoryChart rows={s.byCategory.map((c) => ({ category: c.category, balance: c.balance ?? 0 }))} title={`Reserves by category, ${periodLabel(period)}`} /></Suspense>
        <ExportableTable filename="reserves-by-category.csv">
        <table className="table money">
          <caption>Reserves by category (£000)</caption>
          <thead><tr><th scope="col">Category</th><th scope="col" className="num">Balance £000</th>{hasUse && <><th scope="col" className="num">Drawn down £000</th><th scope="col" className="num">Remaining £000</th></>}</tr></thead>
          <tbody>{s.byCategory.map((c) => <tr key={c.category}><th scope="row">{c.category}</th><td className="num"><Money value={c.balance} /></td>{hasUse && <><td className="num"><Money value={c.drawnDown} /></td><td className="num"><Money value={c.remaining} /></td></>}</tr>)}</tbody>
        </table>
        </ExportableTable>
      </div>
    </>
  );
}

// ------------------------------------------------------------------ savings

const RATING_CLASS = { Green: 'rag-green', Amber: 'rag-amber', Red: 'rag-red', 'Not rated': 'rag-not-rated' } as const;

export function SavingsPage() {
  const r = useResources('Savings');
  const [params, setParams] = useSearchParams();
  if (!isData(r)) return r;
  const period = periodInForce(r.d.savings.map((x) => x.period), r.period);
  if (!period) return <><h1>Savings</h1><EmptyState title="No savings have been imported" /></>;
  const s = savingsSummary(r.d.savings, period);
  const rating = params.get('rating');
  return (
    <>
      <h1>Savings programme, {periodLabel(period)}</h1>
      <PeriodNote shown={period} selected={r.period} />
      <p className="lead">Each proposal with its risk rating, the value identified and achieved, and the shortfall still to deliver, £m as the papers print savings.</p>
      <p>
        <label htmlFor="saving-rating"><strong>Risk rating </strong></label>
        <select id="saving-rating" value={rating ?? ''} onChange={(e) => { const q = latestParams(); if (e.target.value) q.set('rating', e.target.value); else q.delete('rating'); setParams(q, { replace: true }); }}>
          <option value="">All ratings</option>
          <option value="red">Red</option>
          <option value="amber">Amber</option>
          <option value="green">Green</option>
        </select>
      </p>
      <ExportableTable filename="savings.csv">
      <table className="table money">
        <caption>Savings by division, {periodLabel(period)} (£m)</caption>
        <thead><tr><th scope="col">Proposal</th><th scope="col">Risk rating</th><th scope="col" className="num">Identified £m</th><th scope="col" className="num">Achieved £m</th><th scope="col" className="num">Shortfall £m</th><th scope="col">Additional information</th></tr></thead>
        <tbody>
          {s.divisions.map((d) => (
            <Fragment key={d.division}>
              <tr className="division-row"><th scope="rowgroup" colSpan={6}>{d.division}</th></tr>
              {d.lines.filter((l) => !rating || (l.riskRating ?? '').toLowerCase() === rating).map((l) => (
                <tr key={l.proposal}>
                  <th scope="row">{l.proposal}</th>
                  <td>{l.riskRating ? <span className={`tag ${RATING_CLASS[l.riskRating]}`}>{l.riskRating}</span> : 'Not rated'}</td>
                  <td className="num"><Money value={l.identified} unit="£m" /></td>
                  <td className="num"><Money value={l.achieved} unit="£m" /></td>
                  <td className="num"><Money value={l.shortfall} unit="£m" /></td>
                  <td>{l.information}</td>
                </tr>
              ))}
              {!rating && (
                <tr className="total-row">
                  <th scope="row">Sub-total – {d.division}</th><td />
                  <td className="num"><ReconciledMoney r={d.identified} unit="£m" /></td>
                  <td className="num"><ReconciledMoney r={d.achieved} unit="£m" /></td>
                  <td className="num"><Money value={d.shortfall} unit="£m" /></td><td />
                </tr>
              )}
            </Fragment>
          ))}
          {!rating && (
            <tr className="total-row">
              <th scope="row">Total</th><td />
              <td className="num"><ReconciledMoney r={s.identified} unit="£m" /></td>
              <td className="num"><ReconciledMoney r={s.achieved} unit="£m" /></td>
              <td className="num"><Money value={s.shortfall} unit="£m" /></td><td />
            </tr>
          )}
        </tbody>
      </table>
      </ExportableTable>
      <h2>By risk rating</h2>
      <ExportableTable filename="savings-by-rating.csv">
      <table className="table money summary">
        <caption className="visually-hidden">Savings by risk rating (£m)</caption>
        <thead><tr><th scope="col">Rating</th><th scope="col" className="num">Proposals</th><th scope="col" className="num">Identified £m</th><th scope="col" className="num">Achieved £m</th><th scope="col" className="num">Shortfall £m</th></tr></thead>
        <tbody>
          {s.byRating.map((b) => (
            <tr key={b.rating}>
              <th scope="row"><span className={`tag ${RATING_CLASS[b.rating]}`}>{b.rating}</span></th>
              <td className="num">{b.count}</td>
              <td className="num"><Money value={b.identified} unit="£m" /></td>
              <td className="num"><Money value={b.achieved} unit="£m" /></td>
              <td className="num"><Money value={b.shortfall} unit="£m" /></td>
            </tr>
          ))}
        </tbody>
      </table>
      </ExportableTable>
      <p className="hint">Green: good confidence (90% plus) the saving will be delivered, or minor variances (under £0.050m) contained in the portfolio. Amber: progressing, may slip across years. Red: significant issues.</p>
    </>
  );
}

// ------------------------------------------------------------------ capital

export function CapitalPage() {
  const r = useResources('Capital');
  if (!isData(r)) return r;
  const period = periodInForce(r.d.capital.map((x) => x.period), r.period);
  if (!period) return <><h1>Capital programme</h1><EmptyState title="No capital programme has been imported" /></>;
  const s = capitalSummary(r.d.capital, period);
  return (
    <>
      <h1>Capital programme, {periodLabel(period)}</h1>
      <PeriodNote shown={period} selected={r.period} />
      <p className="lead">Schemes by programme year and how they are funded, £000.</p>
      <ExportableTable filename="capital-schemes.csv">
      <table className="table money">
        <caption>Capital schemes by year (£000)</caption>
        <thead><tr><th scope="col">Scheme</th>{s.years.map((y) => <th key={y} scope="col" className="num">{y} £000</th>)}<th scope="col">Funded by</th><th scope="col">Description</th></tr></thead>
        <tbody>
          {s.schemes.map((sc) => (
            <tr key={sc.scheme}>
              <th scope="row">{sc.scheme}</th>
              {s.years.map((y) => <td key={y} className="num"><Money value={sc.byYear[y] ?? null} /></td>)}
              <td>{sc.fundingSources.join(', ')}</td>
              <td>{sc.description}</td>
            </tr>
          ))}
          <tr className="total-row">
            <th scope="row">Total</th>
            {s.years.map((y) => <td key={y} className="num">{s.totals[y] && <ReconciledMoney r={s.totals[y]} />}</td>)}
            <td /><td />
          </tr>
        </tbody>
      </table>
      </ExportableTable>
      <h2>Funding</h2>
      <ExportableTable filename="capital-funding.csv">
      <table className="table money summary">
        <caption className="visually-hidden">Capital funding by source and year (£000)</caption>
        <thead><tr><th scope="col">Source</th>{s.years.map((y) => <th key={y} scope="col" className="num">{y} £000</th>)}</tr></thead>
        <tbody>{s.funding.map((f) => <tr key={f.source}><th scope="row">{f.source}</th>{s.years.map((y) => <td key={y} className="num"><Money value={f.byYear[y] ?? null} /></td>)}</tr>)}</tbody>
      </table>
      </ExportableTable>
    </>
  );
}
