import { Link } from 'react-router-dom';
import { datasetCounts } from '../../domain/dataset';
import { periodFromId } from '../../domain/period';
import { useDataset } from '../../queries/store';
import { useCurrentView } from '../../queries/view';
import { EmptyState, Loading } from '../../ui/EmptyState';

export function OverviewPage() {
  const view = useCurrentView();
  const dataset = useDataset(view.dataset);
  if (view.dataset === null) return <><h1>Overview</h1><EmptyState title="No data in this browser yet" /></>;
  if (!dataset.data) return <Loading what="the dataset" />;
  const d = dataset.data;
  const counts = datasetCounts(d);
  const byPriority = new Map<number | null, number>();
  for (const m of d.measures) byPriority.set(m.priority, (byPriority.get(m.priority) ?? 0) + 1);
  const unassigned = byPriority.get(null) ?? 0;
  const search = (extra: Record<string, string>) => `?${new URLSearchParams({ ds: view.dataset ?? '', ...extra }).toString()}`;
  const periodLabel = view.period ? periodFromId(view.period)?.label ?? view.period : null;
  return (
    <>
      <h1>{d.portfolio?.name ?? 'Overview'}</h1>
      <p className="lead">
        {[d.portfolio?.council, d.portfolio?.cabinetMember && `Cabinet member: ${d.portfolio.cabinetMember}`].filter(Boolean).join(' · ')}
        {periodLabel && <> · Reporting period: <strong>{periodLabel}</strong></>}
      </p>
      <h2>Portfolio priorities</h2>
      {d.priorities.length === 0 ? <p>No priorities have been imported for this dataset.</p> : (
        <ol className="priority-list">
          {d.priorities.map((p) => (
            <li key={p.number} className="priority">
              <h3>Priority {p.number}: {p.shortTitle || p.title}</h3>
              {p.shortTitle && <p>{p.title}</p>}
              {p.deliveredBy && <p className="hint">Delivered by: {p.deliveredBy}</p>}
              <p><Link to={{ pathname: '/measures', search: search({ priority: String(p.number) }) }}>{byPriority.get(p.number) ?? 0} measures</Link></p>
            </li>
          ))}
        </ol>
      )}
      {unassigned > 0 && <p>{unassigned} measures are not linked to a priority.</p>}
      <h2>What this dataset holds</h2>
      <table className="table summary">
        <caption className="visually-hidden">Records stored for this dataset</caption>
        <tbody>
          <tr><th scope="row">Measures</th><td className="num">{counts.measures}</td></tr>
          <tr><th scope="row">Observations (actuals and comparator figures)</th><td className="num">{counts.observations.toLocaleString('en-GB')}</td></tr>
          <tr><th scope="row">Targets</th><td className="num">{counts.targets}</td></tr>
          <tr><th scope="row">Commentaries</th><td className="num">{counts.commentary}</td></tr>
          <tr><th scope="row">Revenue budget lines</th><td className="num">{counts.budgetLines}</td></tr>
          <tr><th scope="row">Budget bridge lines</th><td className="num">{counts.bridgeLines}</td></tr>
          <tr><th scope="row">Reserve lines</th><td className="num">{counts.reserves}</td></tr>
          <tr><th scope="row">Savings lines</th><td className="num">{counts.savings}</td></tr>
          <tr><th scope="row">Capital lines</th><td className="num">{counts.capital}</td></tr>
        </tbody>
      </table>
    </>
  );
}
