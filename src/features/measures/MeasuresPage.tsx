import { useId, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { formatMeasureValue, formatWithCount } from '../../domain/format';
import { actualsByMeasure, latestPoints, latestTargets, periodLabel } from '../../domain/measure-values';
import type { Measure, ObservationPoint, Target } from '../../domain/types';
import { useDataset } from '../../queries/store';
import { useCurrentView } from '../../queries/view';
import { EmptyState, Loading } from '../../ui/EmptyState';

function pointText(p: ObservationPoint, m: Measure): string {
  const label = p.breakdown ? `${p.breakdown}: ` : '';
  if (p.value === null) return `${label}${p.missingReason ?? 'No figure'}`;
  return `${label}${formatWithCount(p.value, m.unit, p.count)}`;
}

function targetText(t: Target, m: Measure): string {
  const label = t.breakdown ? `${t.breakdown}: ` : '';
  if (t.direction) return `${label}${{ maximise: 'Aim to maximise', minimise: 'Aim to minimise', maintain: 'Maintain performance' }[t.direction]}`;
  return t.value === null ? `${label}${t.raw}` : `${label}${formatMeasureValue(t.value, m.unit)}`;
}

export function MeasuresPage() {
  const view = useCurrentView();
  const dataset = useDataset(view.dataset);
  const [params, setParams] = useSearchParams();
  const priorityId = useId();
  const priorityParam = params.get('priority');
  const priority = priorityParam && /^\d{1,3}$/.test(priorityParam) ? Number(priorityParam) : null;
  const d = dataset.data;
  const actuals = useMemo(() => actualsByMeasure(d?.observations ?? []), [d]);
  const targets = useMemo(() => latestTargets(d?.targets ?? []), [d]);
  if (view.dataset === null) return <><h1>Measures</h1><EmptyState title="No measures yet" /></>;
  if (!d) return <Loading what="measures" />;
  if (d.measures.length === 0) return <><h1>Measures</h1><EmptyState title="This dataset has no measures yet" /></>;
  const rows = d.measures
    .filter((m) => priority === null || m.priority === priority)
    .sort((a, b) => (a.priority ?? 999) - (b.priority ?? 999) || a.code.localeCompare(b.code, 'en-GB', { numeric: true }));
  const titles = new Map(d.priorities.map((p) => [p.number, p.shortTitle || p.title]));
  return (
    <>
      <h1>Measures</h1>
      <p className="lead">Each measure with its latest figure as imported and its latest target. Figures are shown exactly as the data gives them, with their unit.</p>
      <p>
        <label htmlFor={priorityId}>Priority </label>
        <select id={priorityId} value={priority ?? ''} onChange={(e) => {
          const next = new URLSearchParams(params);
          if (e.target.value) next.set('priority', e.target.value);
          else next.delete('priority');
          setParams(next);
        }}>
          <option value="">All priorities</option>
          {d.priorities.map((p) => <option key={p.number} value={p.number}>{p.number}. {p.shortTitle || p.title}</option>)}
        </select>
      </p>
      <table className="table measures">
        <caption>{rows.length} of {d.measures.length} measures{priority !== null ? ` in priority ${priority}` : ''}</caption>
        <thead>
          <tr>
            <th scope="col">Code</th><th scope="col">Measure</th><th scope="col">Priority</th><th scope="col">Reported</th>
            <th scope="col">Good performance</th><th scope="col">Latest actual</th><th scope="col">Target</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => {
            const latest = latestPoints(actuals.get(m.code));
            const t = targets.get(m.code) ?? [];
            return (
              <tr key={m.code}>
                <th scope="row" className="code">{m.code}</th>
                <td>{m.name}<span className="hint block">{[m.measureType, m.unit === 'number' ? 'number' : `unit: ${m.unit}`, m.gms && 'GMS', m.isNew && 'New measure'].filter(Boolean).join(' · ')}</span></td>
                <td>{m.priority === null ? '—' : `${m.priority}. ${titles.get(m.priority) ?? ''}`}</td>
                <td>{m.frequency ?? '—'}</td>
                <td>{m.polarity === 'High' ? 'High (higher is better)' : m.polarity === 'Low' ? 'Low (lower is better)' : 'Contextual (not rated)'}</td>
                <td>{latest ? <>{latest.points.map((p) => <span key={p.breakdown} className="block">{pointText(p, m)}</span>)}<span className="hint block">{periodLabel(latest.period)}</span></> : 'No figures'}</td>
                <td>{t.length === 0 ? 'No target' : <>{t.map((x) => <span key={x.breakdown} className="block">{targetText(x, m)}</span>)}<span className="hint block">{t[0]?.year}</span></>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
