import { Fragment, useMemo } from 'react';
import { Link } from 'react-router-dom';
import { datasetCounts } from '../../domain/dataset';
import { formatCount, formatMeasureValue } from '../../domain/format';
import { token } from '../../domain/measure-filters';
import { biggestMovers, changeWords, countStatuses } from '../../domain/measure-rows';
import { periodLabel as periodName } from '../../domain/measure-values';
import { periodFromId } from '../../domain/period';
import { writeShellView } from '../../domain/view';
import type { RagStatus } from '../../domain/rag';
import { useMeasureRows } from '../../queries/measures';
import { usePageDataset } from '../../queries/store';
import { useCurrentView } from '../../queries/view';
import { Loading, NoDataYet } from '../../ui/EmptyState';
import { RagTag } from '../../ui/RagTag';

const TILE_STATUSES: readonly RagStatus[] = ['Red', 'Amber', 'Green', 'No comparator', 'Not rated', 'No data'];

export function OverviewPage() {
  const view = useCurrentView();
  const dataset = usePageDataset(view.dataset);
  const { rows, isLoading: rating } = useMeasureRows(view);
  const movers = useMemo(() => biggestMovers(rows), [rows]);
  if (view.dataset === null) return <NoDataYet heading="Overview" title="No data in this browser yet" />;
  // Not drawn until every measure is rated: the tiles' counts would be wrong, not just late.
  if (!dataset.data || rating) return <Loading what="the dataset" />;
  const d = dataset.data;
  const counts = datasetCounts(d);
  const byPriority = new Map<number | null, number>();
  for (const m of d.measures) byPriority.set(m.priority, (byPriority.get(m.priority) ?? 0) + 1);
  const unassigned = byPriority.get(null) ?? 0;
  const search = (extra: Record<string, string>) => {
    const p = new URLSearchParams(writeShellView(new URLSearchParams(), view));
    for (const [k, v] of Object.entries(extra)) p.set(k, v);
    return `?${p.toString()}`;
  };
  const periodLabel = view.period ? periodFromId(view.period)?.label ?? view.period : null;
  return (
    <>
      <h1>{d.portfolio?.name ?? 'Overview'}</h1>
      <p className="lead">
        {[d.portfolio?.council, d.portfolio?.cabinetMember && `Cabinet member: ${d.portfolio.cabinetMember}`].filter(Boolean).join(' · ')}
        {periodLabel && <> · Reporting period: <strong>{periodLabel}</strong></>}
      </p>
      <div className="overview-layout">
        <section aria-labelledby="tiles-heading">
          <h2 id="tiles-heading">Priorities: RAG status for {periodLabel ?? 'the latest period'}</h2>
          {d.priorities.length === 0 ? <p>No priorities have been imported for this dataset.</p> : (
            <ul className="tiles">
              {d.priorities.map((p) => {
                const counts = countStatuses(rows.filter((r) => r.measure.priority === p.number));
                return (
                  <li key={p.number} className="tile">
                    <h3><Link to={{ pathname: `/priorities/${p.number}`, search: search({}) }}>Priority {p.number}: {p.shortTitle || p.title}</Link></h3>
                    {p.shortTitle && <p className="hint">{p.title}</p>}
                    <dl aria-label={`Priority ${p.number} status counts`}>
                      {TILE_STATUSES.filter((st) => st !== 'No comparator' || counts[st] > 0).map((st) => (
                        <Fragment key={st}>
                          <dt><RagTag status={st} /></dt>
                          <dd>
                            <Link to={{ pathname: '/measures', search: search({ priority: String(p.number), rag: token(st) }) }} aria-label={`${formatCount(counts[st])} ${st} measures in priority ${p.number}`}>
                              {formatCount(counts[st])}
                            </Link>
                          </dd>
                        </Fragment>
                      ))}
                    </dl>
                    <p><Link to={{ pathname: '/measures', search: search({ priority: String(p.number) }) }}>All {formatCount(byPriority.get(p.number) ?? 0)} measures of priority {p.number}</Link></p>
                  </li>
                );
              })}
            </ul>
          )}
          {unassigned > 0 && <p>{unassigned} measures are not linked to a priority.</p>}
        </section>
        <section aria-labelledby="movers-heading">
          <h2 id="movers-heading">Moved most since the previous figure</h2>
          {movers.length === 0 ? <p>No measure has a figure for {periodLabel ?? 'this period'} and an earlier one to compare with.</p> : (
            <ol className="movers">
              {movers.map((r) => r.change && (
                <li key={r.measure.code}>
                  <Link to={{ pathname: `/measures/${encodeURIComponent(r.measure.code)}`, search: search({}) }}><strong>{r.measure.code}</strong> {r.measure.name}</Link>
                  <span className="block">
                    <span className={r.change.reading === 'improved' ? 'improved' : r.change.reading === 'worsened' ? 'worsened' : undefined}>{r.change.reading[0]?.toUpperCase()}{r.change.reading.slice(1)}</span>
                    : {changeWords(r.change)}, {formatMeasureValue(r.change.from, r.measure.unit)} ({periodName(r.change.fromPeriod)}) to {formatMeasureValue(r.change.to, r.measure.unit)}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
      <h2>What this dataset holds</h2>
      <table className="table summary">
        <caption className="visually-hidden">Records stored for this dataset</caption>
        <tbody>
          <tr><th scope="row">Measures</th><td className="num">{formatCount(counts.measures)}</td></tr>
          <tr><th scope="row">Observations (actuals and comparator figures)</th><td className="num">{formatCount(counts.observations)}</td></tr>
          <tr><th scope="row">Targets</th><td className="num">{formatCount(counts.targets)}</td></tr>
          <tr><th scope="row">Commentaries</th><td className="num">{formatCount(counts.commentary)}</td></tr>
          <tr><th scope="row">Revenue budget lines</th><td className="num">{formatCount(counts.budgetLines)}</td></tr>
          <tr><th scope="row">Budget bridge lines</th><td className="num">{formatCount(counts.bridgeLines)}</td></tr>
          <tr><th scope="row">Reserve lines</th><td className="num">{formatCount(counts.reserves)}</td></tr>
          <tr><th scope="row">Savings lines</th><td className="num">{formatCount(counts.savings)}</td></tr>
          <tr><th scope="row">Capital lines</th><td className="num">{formatCount(counts.capital)}</td></tr>
        </tbody>
      </table>
    </>
  );
}
