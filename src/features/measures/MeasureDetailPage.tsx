import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { changeWithDifference, describeChange } from '../../domain/measure-rows';
import { periodLabel, pointText, targetText } from '../../domain/measure-values';
import { comparePeriodIds } from '../../domain/period';
import { previousPoint } from '../../domain/rag';
import { buildTrend, ragHistory } from '../../domain/trend';
import { ACTUAL_SERIES } from '../../domain/types';
import { shellSearch } from '../../domain/view';
import { usePageDataset, useTolerance } from '../../queries/store';
import { useCurrentView } from '../../queries/view';
import { EmptyState, Loading, NoDataYet } from '../../ui/EmptyState';
import { RagTag } from '../../ui/RagTag';
import { measureComments } from '../../domain/narrative';
import { StatusTag } from '../../ui/StatusTag';
import { afterPaint } from '../../ui/after-paint';
import { ExportableTable } from '../../ui/export';
import { usePrinting } from '../../ui/printing';
import { BenchmarkView } from './BenchmarkView';
import { CommentaryCheck } from './CommentaryCheck';
import { TrendTable } from './TrendTable';

const TrendChart = lazy(() => import('./TrendChart'));

const POLARITY_TEXT = { High: 'higher is better', Low: 'lower is better', Contextual: 'contextual: no polarity, not rated' } as const;

/**
 * Whether the sections below a measure's chart are drawn: from the task after the page with its chart
 * is first painted (and at once when printing). Opening a measure then lays out and paints its chart
 * without waiting for its tables and commentary, which follow a frame later.
 */
function useBelowTheChart(code: string, ready: boolean): boolean {
  const printing = usePrinting();
  const [shown, setShown] = useState<string | null>(null);
  useEffect(() => {
    if (!ready || shown === code) return undefined;
    return afterPaint(() => setShown(code));
  }, [code, ready, shown]);
  return shown === code || printing;
}

export function MeasureDetailPage() {
  const { code = '' } = useParams();
  const view = useCurrentView();
  const dataset = usePageDataset(view.dataset);
  const tolerance = useTolerance();
  const [params] = useSearchParams();
  const d = dataset.data;
  const measure = d?.measures.find((m) => m.code === code);
  const series = useMemo(() => (d ? d.observations.filter((s) => s.measureCode === code) : []), [d, code]);
  const targets = useMemo(() => (d ? d.targets.filter((t) => t.measureCode === code) : []), [d, code]);
  const trend = useMemo(() => (measure ? buildTrend(measure, series, targets) : null), [measure, series, targets]);
  const history = useMemo(() => (measure ? ragHistory(measure, series, targets, tolerance) : []), [measure, series, targets, tolerance]);
  const back = { pathname: '/measures', search: shellSearch(params) };
  const below = useBelowTheChart(code, d !== undefined);

  if (view.dataset === null) return <NoDataYet heading={`Measure ${code}`} title="No data in this browser yet" />;
  if (!d) return <Loading what="the measure" />;
  if (!measure || !trend) return <><h1>Measure {code}</h1><EmptyState title={`There is no measure ${code} in this dataset`}><p><Link to={back}>See all measures</Link></p></EmptyState></>;

  const actual = series.find((s) => s.series === ACTUAL_SERIES);
  const withValues = (actual?.points ?? []).filter((p) => p.value !== null);
  const latestPeriod = withValues[withValues.length - 1]?.period ?? null;
  const latest = latestPeriod ? withValues.filter((p) => p.period === latestPeriod) : [];
  const commentary = d.commentary.filter((c) => c.measureCode === code).sort((a, b) => comparePeriodIds(a.report, b.report));
  const priority = d.priorities.find((p) => p.number === measure.priority);
  const comments = measureComments(d.narrative, code);
  const title = `${measure.code}: ${measure.name}`;

  return (
    <>
      <p><Link to={back}>← All measures</Link></p>
      <h1>{title}</h1>
      <p className="lead">
        {priority ? `Priority ${priority.number}: ${priority.shortTitle || priority.title}` : 'No priority'} · {measure.measureType ? `${measure.measureType} measure` : 'Measure type not stated'} ·
        reported {measure.frequency?.toLowerCase() ?? 'at no stated frequency'} · good performance: {POLARITY_TEXT[measure.polarity]} · unit: {measure.unit} · target type: {measure.targetType}
        {measure.gms && ' · GMS indicator'}{measure.isNew && ' · new measure'}
      </p>

      <h2>Change since the previous figure</h2>
      {latest.length === 0 ? <p>No figures yet.</p> : (
        <ul>
          {latest.map((p) => {
            const prev = previousPoint(actual, p.period, p.breakdown);
            const change = prev && p.value !== null ? describeChange(measure, prev, p.value) : null;
            return (
              <li key={p.breakdown}>
                {pointText(p, measure)} in {periodLabel(p.period)}
                {change && prev ? <>: {changeWithDifference(change, measure.unit)} from {pointText(prev, measure)} in {periodLabel(prev.period)}{measure.polarity !== 'Contextual' && change.reading !== 'no change' ? `; ${change.reading}` : ''}.</> : '; no earlier figure to compare with.'}
              </li>
            );
          })}
        </ul>
      )}

      <h2>Trend</h2>
      {trend.rows.length === 0 ? <p>No figures to chart.</p> : (
        <Suspense fallback={<p role="status">Loading the chart…</p>}>
          <TrendChart trend={trend} unit={measure.unit} title={`Trend of ${title}`} />
        </Suspense>
      )}
      {below && (
        <>
          <ExportableTable filename={`${measure.code}-figures.csv`}>
            <TrendTable trend={trend} unit={measure.unit} counts caption={<>Figures for {measure.code} by period ({measure.unit}; counts in brackets)</>} />
          </ExportableTable>

          <BenchmarkView measure={measure} dataset={d} />

          <h2>Targets</h2>
          {targets.length === 0 ? <p>No targets.</p> : (
            <ul>{[...targets].sort((a, b) => comparePeriodIds(a.year, b.year)).map((t) => <li key={`${t.year}|${t.breakdown}`}>{t.year}: {targetText(t, measure)}</li>)}</ul>
          )}

          <h2>RAG status by period</h2>
          {history.length === 0 ? <p>No figures to rate.</p> : (
            <table className="table">
              <caption className="visually-hidden">RAG status of {measure.code} by period</caption>
              <thead><tr><th scope="col">Period</th><th scope="col">Status</th><th scope="col">Why</th></tr></thead>
              <tbody>
                {history.map((h) => (
                  <tr key={h.period}><th scope="row">{periodLabel(h.period)}</th><td><RagTag status={h.status} /></td><td>{h.reason}</td></tr>
                ))}
              </tbody>
            </table>
          )}

          <h2>Commentary, report by report</h2>
          {commentary.length === 0 ? <p>No commentary has been imported for this measure.</p> : (
            <div className="commentary-grid">
              {commentary.map((c) => (
                <section key={c.report} className="commentary" aria-label={`Commentary, ${periodLabel(c.report)}`}>
                  <h3>{periodLabel(c.report)}</h3>
                  {c.text.split('\n').map((para, i) => <p key={i}>{para}</p>)}
                  <CommentaryCheck text={c.text} report={c.report} measure={measure} series={series} />
                </section>
              ))}
            </div>
          )}

          <h2>Committee comments and requests about this measure</h2>
          {comments.length === 0 ? <p>None recorded.</p> : (
            <ul className="narrative-list">
              {comments.map((n) => (
                <li key={`${n.report}|${n.type}|${n.title}`} className="narrative-item" aria-label={`${n.type === 'request' ? 'Request' : 'Comment'}: ${n.title}`}>
                  <p className="narrative-title"><strong>{n.title}</strong> {n.type === 'request' && <StatusTag status={n.status} />}</p>
                  {n.text.split('\n').map((para, i) => <p key={i}>{para}</p>)}
                  <CommentaryCheck text={n.text} report={n.report} measure={measure} series={series} />
                  <p className="hint">{[periodLabel(n.report), n.owner && `who answers: ${n.owner}`, n.due && `due ${n.due}`, n.source].filter(Boolean).join(' · ')}</p>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}
