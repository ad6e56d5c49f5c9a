import { periodInForce } from '../../domain/dataset';
import type { Dataset } from '../../domain/dataset';
import { formatMoney } from '../../domain/format';
import { periodLabel } from '../../domain/measure-values';
import type { LineType } from '../../domain/types';
import { useDataset } from '../../queries/store';
import { useCurrentView } from '../../queries/view';
import { EmptyState, Loading } from '../../ui/EmptyState';

const money = (v: number | null, unit: '£000' | '£m' = '£000') => (v === null ? '' : formatMoney(v, unit));
const rowClass = (t: LineType) => (t === 'line' ? undefined : 'total-row');

function Budget({ d, period }: { d: Dataset; period: string | null }) {
  const p = periodInForce(d.budgetLines.map((l) => l.period), period);
  const lines = d.budgetLines.filter((l) => l.period === p);
  if (!p) return <p>No revenue budget has been imported.</p>;
  const hasForecast = lines.some((l) => l.forecast !== null);
  return (
    <table className="table money">
      <caption>Revenue budget lines as imported, {periodLabel(p)} (£000)</caption>
      <thead>
        <tr>
          <th scope="col">Division</th><th scope="col">Service</th>
          <th scope="col" className="num">Employee £000</th><th scope="col" className="num">Non-employee £000</th>
          <th scope="col" className="num">Gross expenditure £000</th><th scope="col" className="num">Gross income £000</th>
          <th scope="col" className="num">Net cash limit £000</th>
          {hasForecast && <th scope="col" className="num">Forecast out-turn £000</th>}
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr key={`${l.division}|${l.service}`} className={rowClass(l.lineType)}>
            <td>{l.division}</td><th scope="row">{l.service}</th>
            <td className="num">{money(l.employee)}</td><td className="num">{money(l.nonEmployee)}</td>
            <td className="num">{money(l.gross)}</td><td className="num">{money(l.income)}</td>
            <td className="num">{money(l.net)}</td>
            {hasForecast && <td className="num">{money(l.forecast)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Reserves({ d, period }: { d: Dataset; period: string | null }) {
  const p = periodInForce(d.reserves.map((l) => l.period), period);
  const lines = d.reserves.filter((l) => l.period === p);
  if (!p) return <p>No reserves have been imported.</p>;
  return (
    <table className="table money">
      <caption>Earmarked reserves as imported, {periodLabel(p)} (£000)</caption>
      <thead>
        <tr>
          <th scope="col">Division</th><th scope="col">Category</th><th scope="col">Narration</th><th scope="col">To be used for</th>
          <th scope="col" className="num">Balance / approved use £000</th><th scope="col" className="num">Planned use £000</th><th scope="col" className="num">Drawn down £000</th>
          <th scope="col">Not drawn down</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr key={`${l.division}|${l.category}|${l.narration}|${l.purpose}`} className={rowClass(l.lineType)}>
            <td>{l.division}</td><td>{l.category}</td><td>{l.narration}</td><th scope="row">{l.purpose}</th>
            <td className="num">{money(l.balance)}</td><td className="num">{money(l.plannedUse)}</td><td className="num">{money(l.drawnDown)}</td>
            <td>{l.notDrawnDown ? 'Yes (* in the paper)' : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Savings({ d, period }: { d: Dataset; period: string | null }) {
  const p = periodInForce(d.savings.map((l) => l.period), period);
  const lines = d.savings.filter((l) => l.period === p);
  if (!p) return <p>No savings have been imported.</p>;
  return (
    <table className="table money">
      <caption>Savings as imported, {periodLabel(p)} (£m)</caption>
      <thead>
        <tr><th scope="col">Division</th><th scope="col">Proposal</th><th scope="col">Risk rating</th><th scope="col" className="num">Identified £m</th><th scope="col" className="num">Achieved £m</th><th scope="col">Additional information</th></tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr key={`${l.division}|${l.proposal}`} className={rowClass(l.lineType)}>
            <td>{l.division}</td><th scope="row">{l.proposal}</th>
            <td>{l.riskRating && <span className={`tag tag-${l.riskRating.toLowerCase()}`}>{l.riskRating}</span>}</td>
            <td className="num">{money(l.identified, '£m')}</td><td className="num">{money(l.achieved, '£m')}</td><td>{l.information}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Capital({ d, period }: { d: Dataset; period: string | null }) {
  const p = periodInForce(d.capital.map((l) => l.period), period);
  const lines = d.capital.filter((l) => l.period === p);
  if (!p) return <p>No capital programme has been imported.</p>;
  return (
    <table className="table money">
      <caption>Capital programme as imported, {periodLabel(p)} (£000)</caption>
      <thead>
        <tr><th scope="col">Scheme</th><th scope="col">Programme year</th><th scope="col" className="num">Amount £000</th><th scope="col">Funding source</th><th scope="col">Description</th></tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr key={`${l.scheme}|${l.year}|${l.fundingSource}`} className={rowClass(l.lineType)}>
            <th scope="row">{l.scheme}</th><td>{l.year}</td><td className="num">{money(l.amount)}</td><td>{l.fundingSource}</td><td>{l.description}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ResourcesPage() {
  const view = useCurrentView();
  const dataset = useDataset(view.dataset);
  if (view.dataset === null) return <><h1>Resources</h1><EmptyState title="No financial data yet" /></>;
  if (!dataset.data) return <Loading what="resources" />;
  const d = dataset.data;
  return (
    <>
      <h1>Resources</h1>
      <p className="lead">The money lines as imported for the reporting period in view (or the latest before it). Totals rows are the data&apos;s own, shown in bold. Income is negative, in brackets, as the papers print it.</p>
      <h2>Revenue budget</h2>
      <Budget d={d} period={view.period} />
      <h2>Earmarked reserves</h2>
      <Reserves d={d} period={view.period} />
      <h2>Savings programme</h2>
      <Savings d={d} period={view.period} />
      <h2>Capital programme</h2>
      <Capital d={d} period={view.period} />
    </>
  );
}
