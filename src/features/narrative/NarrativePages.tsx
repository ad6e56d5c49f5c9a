import { Fragment, useId, useMemo } from 'react';
import type { ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { reportingPeriods } from '../../domain/dataset';
import { token } from '../../domain/measure-filters';
import { countStatuses } from '../../domain/measure-rows';
import { periodLabel, pointText } from '../../domain/measure-values';
import { changeReport, priorityNarrative, searchText } from '../../domain/narrative';
import type { SearchHit } from '../../domain/narrative';
import { RAG_STATUSES } from '../../domain/rag';
import type { NarrativeItem } from '../../domain/types';
import { shellSearch } from '../../domain/view';
import { useMeasureRows } from '../../queries/measures';
import { usePageDataset, useTolerance } from '../../queries/store';
import { useCurrentView } from '../../queries/view';
import { EmptyState, Loading, NoDataYet } from '../../ui/EmptyState';
import { RagTag } from '../../ui/RagTag';
import { StatusTag } from '../../ui/StatusTag';
import { ExportableTable } from '../../ui/export';
import { latestParams } from '../../ui/latest-params';

function Item({ n, children }: { n: NarrativeItem; children?: ReactNode }) {
  return (
    <li className="narrative-item">
      <p className="narrative-title"><strong>{n.title}</strong> {n.status !== null && <StatusTag status={n.status} />}</p>
      {n.text && n.text.split('\n').map((p, i) => <p key={i}>{p}</p>)}
      <p className="hint">
        {[periodLabel(n.report), n.due && `due ${n.due}`, n.owner && `who answers: ${n.owner}`, n.source].filter(Boolean).join(' · ')}
      </p>
      {children}
    </li>
  );
}

// ------------------------------------------------------------------ priority page

export function PriorityPage() {
  const { number = '' } = useParams();
  const view = useCurrentView();
  const dataset = usePageDataset(view.dataset);
  const { rows, isLoading: rating } = useMeasureRows(view);
  const [params] = useSearchParams();
  const n = Number(number);
  const d = dataset.data;
  if (view.dataset === null) return <NoDataYet heading={`Priority ${number}`} title="No data in this browser yet" />;
  if (!d || rating) return <Loading what="the priority" />;
  const priority = d.priorities.find((p) => p.number === n);
  if (!priority) return <><h1>Priority {number}</h1><EmptyState title={`There is no priority ${number} in this dataset`}><p><Link to={{ pathname: '/', search: shellSearch(params) }}>Back to the overview</Link></p></EmptyState></>;
  const mine = rows.filter((r) => r.measure.priority === n);
  const counts = countStatuses(mine);
  const text = priorityNarrative(d.narrative, n, view.period);
  const search = shellSearch(params);
  const withExtra = (extra: Record<string, string>) => {
    const p = new URLSearchParams(search.slice(1));
    for (const [k, v] of Object.entries(extra)) p.set(k, v);
    return `?${p.toString()}`;
  };
  return (
    <>
      <p><Link to={{ pathname: '/', search }}>← Overview</Link></p>
      <h1>Priority {n}: {priority.shortTitle || priority.title}</h1>
      <p className="lead">{priority.title}</p>
      <p>As at <strong>{view.period ? periodLabel(view.period) : 'the latest report'}</strong>.</p>

      <h2>Measures</h2>
      <dl className="status-strip" aria-label={`Priority ${n} status counts`}>
        {RAG_STATUSES.filter((s) => s !== 'No comparator' || counts[s] > 0).map((s) => (
          <Fragment key={s}>
            <dt><RagTag status={s} /></dt>
            <dd><Link to={{ pathname: '/measures', search: withExtra({ priority: String(n), rag: token(s) }) }} aria-label={`${counts[s]} ${s} measures in priority ${n}`}>{counts[s]}</Link></dd>
          </Fragment>
        ))}
      </dl>
      <ExportableTable filename={`priority-${n}-measures.csv`}>
        <table className="table">
          <caption className="visually-hidden">Measures of priority {n}</caption>
          <thead><tr><th scope="col">Code</th><th scope="col">Measure</th><th scope="col">Actual</th><th scope="col">RAG status</th></tr></thead>
          <tbody>
            {mine.map((r) => (
              <tr key={r.measure.code}>
                <th scope="row" className="code"><Link to={{ pathname: `/measures/${encodeURIComponent(r.measure.code)}`, search }}>{r.measure.code}</Link></th>
                <td>{r.measure.name}</td>
                <td>{r.points.length ? r.points.map((p) => <span key={p.breakdown} className="block">{pointText(p, r.measure)}</span>) : 'No figure'}<span className="hint block">{periodLabel(r.rating.period)}</span></td>
                <td><RagTag status={r.rating.status} reason={r.rating.reason} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </ExportableTable>

      <div className="two-col">
        <section aria-labelledby="programmes-heading">
          <h2 id="programmes-heading">Delivery programmes</h2>
          {text.programmes.length === 0 ? <p>No delivery programmes have been imported for this priority.</p> : <ul className="narrative-list">{text.programmes.map((p) => <Item key={p.title} n={p} />)}</ul>}
          {text.projects.length > 0 && (
            <>
              <h2>Key projects and milestones</h2>
              <ul className="narrative-list">{text.projects.map((p) => <Item key={`${p.type}|${p.title}`} n={p} />)}</ul>
            </>
          )}
        </section>
        <section aria-labelledby="developments-heading">
          <h2 id="developments-heading">Key developments{text.developmentsReport ? `, ${periodLabel(text.developmentsReport)}` : ''}</h2>
          {text.developments.length === 0 ? <p>None reported.</p> : <ul className="narrative-list">{text.developments.map((p) => <Item key={p.title} n={p} />)}</ul>}
          <h2>Emerging issues{text.developmentsReport ? `, ${periodLabel(text.developmentsReport)}` : ''}</h2>
          {text.issues.length === 0 ? <p>None reported.</p> : <ul className="narrative-list">{text.issues.map((p) => <Item key={p.title} n={p} />)}</ul>}
          <h2>Open committee requests</h2>
          {text.openRequests.length === 0 ? <p>No open requests.</p> : <ul className="narrative-list">{text.openRequests.map((p) => <Item key={p.title} n={p} />)}</ul>}
          {text.comments.length > 0 && (
            <>
              <h2>Committee comments, {periodLabel(text.comments[0]?.report ?? '')}</h2>
              <ul className="narrative-list">{text.comments.map((p) => <Item key={p.title} n={p} />)}</ul>
            </>
          )}
        </section>
      </div>
    </>
  );
}

// ------------------------------------------------------------------ search

function Highlight({ hit }: { hit: SearchHit }) {
  const [a, b] = hit.match;
  return <>{hit.snippet.slice(0, a)}<mark>{hit.snippet.slice(a, b)}</mark>{hit.snippet.slice(b)}</>;
}

const KIND_WORDS: Record<SearchHit['kind'], string> = {
  commentary: 'Commentary', programme: 'Delivery programme', project: 'Key project', milestone: 'Milestone', development: 'Key development', issue: 'Emerging issue', comment: 'Committee comment', request: 'Committee request',
};

export function SearchPage() {
  const view = useCurrentView();
  const dataset = usePageDataset(view.dataset);
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const id = useId();
  const hits = useMemo(() => (dataset.data ? searchText(dataset.data, q) : []), [dataset.data, q]);
  const search = shellSearch(params);
  return (
    <>
      <h1>Search</h1>
      <p className="lead">Every commentary, delivery programme, project, development, emerging issue and committee comment, in every report.</p>
      <form role="search" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor={id}><strong>Words to find</strong></label>
        <input id={id} type="search" className="search-input" value={q} onChange={(e) => {
          const next = latestParams();
          if (e.target.value) next.set('q', e.target.value);
          else next.delete('q');
          setParams(next, { replace: true });
        }} />
      </form>
      {q.trim().length >= 2 && (
        <>
          <h2>{hits.length} result{hits.length === 1 ? '' : 's'} for “{q.trim()}”</h2>
          <ol className="search-results">
            {hits.map((h, i) => (
              <li key={`${h.kind}|${h.title}|${h.report}|${i}`}>
                <p className="hint">{KIND_WORDS[h.kind]} · {periodLabel(h.report)}{h.priority !== null ? ` · Priority ${h.priority}` : ''}</p>
                <p>
                  {h.measureCode
                    ? <Link to={{ pathname: `/measures/${encodeURIComponent(h.measureCode)}`, search }}>{h.title}</Link>
                    : h.priority !== null
                      ? <Link to={{ pathname: `/priorities/${h.priority}`, search }}>{h.title}</Link>
                      : <strong>{h.title}</strong>}
                </p>
                <p><Highlight hit={h} /></p>
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}

// ------------------------------------------------------------------ what changed

export function ChangesPage() {
  const view = useCurrentView();
  const dataset = usePageDataset(view.dataset);
  const tolerance = useTolerance();
  const [params, setParams] = useSearchParams();
  const d = dataset.data;
  const reports = useMemo(() => (d ? reportingPeriods(d) : []), [d]);
  const fromId = useId();
  const toId = useId();
  const to = reports.includes(params.get('to') ?? '') ? params.get('to') ?? '' : view.period && reports.includes(view.period) ? view.period : reports[reports.length - 1] ?? '';
  const before = reports.slice(0, Math.max(0, reports.indexOf(to)));
  const from = reports.includes(params.get('from') ?? '') ? params.get('from') ?? '' : before[before.length - 1] ?? '';
  const report = useMemo(() => (d && from && to ? changeReport(d, from, to, tolerance) : null), [d, from, to, tolerance]);
  if (view.dataset === null) return <NoDataYet heading="What changed" title="No data in this browser yet" />;
  if (!d) return <Loading what="the reports" />;
  if (reports.length < 2 || !report) return <><h1>What changed</h1><EmptyState title="At least two reports are needed to compare"><p>Import a later report&apos;s figures or narrative.</p></EmptyState></>;
  const set = (key: 'from' | 'to', value: string) => {
    const next = latestParams();
    next.set(key, value);
    setParams(next, { replace: true });
  };
  const search = shellSearch(params);
  return (
    <>
      <h1>What changed since the last report</h1>
      <p className="lead">For a chair before the meeting: measures whose RAG status changed, committee requests opened or closed, and programmes whose status moved.</p>
      <p className="selectors-inline">
        <label htmlFor={fromId}><strong>From </strong></label>
        <select id={fromId} value={from} onChange={(e) => set('from', e.target.value)}>{reports.map((r) => <option key={r} value={r}>{periodLabel(r)}</option>)}</select>
        <label htmlFor={toId}><strong> to </strong></label>
        <select id={toId} value={to} onChange={(e) => set('to', e.target.value)}>{reports.map((r) => <option key={r} value={r}>{periodLabel(r)}</option>)}</select>
      </p>
      <h2>RAG status changed: {report.ragChanges.length} measure{report.ragChanges.length === 1 ? '' : 's'}</h2>
      {report.ragChanges.length === 0 ? <p>No measure changed status.</p> : (
        <ExportableTable filename="rag-changes.csv">
          <table className="table">
            <caption className="visually-hidden">Measures whose RAG status changed from {periodLabel(from)} to {periodLabel(to)}</caption>
            <thead><tr><th scope="col">Code</th><th scope="col">Measure</th><th scope="col">{periodLabel(from)}</th><th scope="col">{periodLabel(to)}</th><th scope="col">Why, now</th></tr></thead>
            <tbody>
              {report.ragChanges.map((c) => (
                <tr key={c.row.measure.code}>
                  <th scope="row" className="code"><Link to={{ pathname: `/measures/${encodeURIComponent(c.row.measure.code)}`, search }}>{c.row.measure.code}</Link></th>
                  <td>{c.row.measure.name}</td>
                  <td><RagTag status={c.from} /></td>
                  <td><RagTag status={c.to} /></td>
                  <td>{c.row.rating.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ExportableTable>
      )}
      <h2>New committee requests</h2>
      {report.newRequests.length === 0 ? <p>None.</p> : <ul className="narrative-list">{report.newRequests.map((n) => <Item key={n.title} n={n} />)}</ul>}
      <h2>Requests answered or closed</h2>
      {report.closedRequests.length === 0 ? <p>None.</p> : <ul className="narrative-list">{report.closedRequests.map((n) => <Item key={n.title} n={n} />)}</ul>}
      <h2>Programmes and projects whose status moved</h2>
      {report.statusMoves.length === 0 ? <p>None.</p> : (
        <ul className="narrative-list">
          {report.statusMoves.map((m) => (
            <Item key={`${m.item.type}|${m.item.title}`} n={m.item}>
              <p>Was: <StatusTag status={m.from} /> · now: <StatusTag status={m.to} /></p>
            </Item>
          ))}
        </ul>
      )}
    </>
  );
}
