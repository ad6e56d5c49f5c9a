// Benchmarking on a measure's page: the council against England, its region and its neighbour
// groups over time, and its place among every local authority (or a group) for one period.
// State lives in the URL: `bench` (all or a group's name) and `bp` (the period ranked).
import { lazy, Suspense, useId, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import {
  benchmarkPeriodToken, benchmarkSeries, groupFigure, groupFigureWords, isStatisticalNeighbourGroup, nationalArea, neighbourDifferences,
  rankAreas, rankWords, regionArea, resolveAuthority, setsOf, symbolWords, STATISTICAL_NEIGHBOURS,
} from '../../domain/benchmark';
import type { Dataset } from '../../domain/dataset';
import { formatMeasureValue } from '../../domain/format';
import { periodLabel } from '../../domain/measure-values';
import { buildTrend } from '../../domain/trend';
import type { Measure } from '../../domain/types';
import { readBenchmarkView, shellSearch, writeBenchmarkView } from '../../domain/view';
import { useBenchmarkAuthority } from '../../queries/store';
import { ExportableTable } from '../../ui/export';
import { TrendTable } from './TrendTable';
import { latestParams } from '../../ui/latest-params';

const TrendChart = lazy(() => import('./TrendChart'));
const RankedBarChart = lazy(() => import('./RankedBarChart'));

const ORDER_WORDS = { High: 'best first: higher is better', Low: 'best first: lower is better', Contextual: 'largest first: ranked by size, no polarity' } as const;

export function BenchmarkView({ measure, dataset }: { measure: Measure; dataset: Dataset }) {
  const [params, setParams] = useSearchParams();
  const chosen = useBenchmarkAuthority();
  const periodId = useId();
  const sets = useMemo(() => setsOf(dataset, measure.code), [dataset, measure.code]);
  const authority = useMemo(() => resolveAuthority(chosen, sets, dataset.portfolio?.council ?? null), [chosen, sets, dataset.portfolio]);
  const state = readBenchmarkView(params);
  const groups = dataset.neighbourGroups;
  const series = useMemo(
    () => benchmarkSeries(measure.code, sets, groups, authority, dataset.observations.find((s) => s.measureCode === measure.code && s.series === STATISTICAL_NEIGHBOURS)),
    [measure.code, sets, groups, authority, dataset.observations],
  );
  // The council's own row draws as the solid "actual" line, the rest as comparators.
  const trend = useMemo(() => {
    const t = buildTrend(measure, series, []);
    return { ...t, series: t.series.map((s) => (authority && s.label === authority.name ? { ...s, kind: 'actual' as const, label: `${authority.name} (this council)` } : s)) };
  }, [measure, series, authority]);
  const differences = useMemo(() => neighbourDifferences(dataset, measure.code, authority), [dataset, measure.code, authority]);
  if (sets.length === 0) return null;

  const set = sets.find((s) => benchmarkPeriodToken(s.period) === state.period) ?? sets[sets.length - 1];
  if (!set) return null;
  const group = state.group ? groups.find((g) => g.name === state.group) ?? null : null;
  const unknownGroup = state.group !== null && group === null;
  const ranking = rankAreas(set, measure.polarity, group ? group.members : null, authority?.code ?? null, group?.name ?? 'all');
  const scopeWords = group ? `authorities: ${authority ? `${authority.name} and ` : ''}the ${group.name} group` : 'local authorities';
  const authorityName = authority?.name ?? 'The council';
  const england = nationalArea(set);
  const region = regionArea(set, authority?.code ?? null);
  const references = [england, region].flatMap((a) => (a && a.value !== null ? [{ name: a.name, value: a.value }] : []));
  const fmt = (v: number) => formatMeasureValue(v, measure.unit);
  const search = shellSearch(params);
  const go = (next: { group?: string | null; period?: string | null }) =>
    setParams(writeBenchmarkView(latestParams(), { group: next.group === undefined ? state.group : next.group, period: next.period === undefined ? state.period : next.period }));
  const label = periodLabel(set.period);
  const sources = [...new Set(sets.map((s) => s.source))];

  return (
    <section className="benchmark" aria-labelledby="benchmark-heading">
      <h2 id="benchmark-heading">Benchmarking: {authorityName} against England, the region and neighbours</h2>
      <p className="hint">
        From the national statistics {sources.length === 1 ? 'file' : 'files'} {sources.join(', ')} ({sets[0]?.indicator}).
        {authority?.by === 'name' && ` ${authority.name} was found by the council's name; choose the authority on the Import page to be sure.`}
        {!authority && ' No authority is chosen and none matches the council\u2019s name, so the council is not highlighted; choose it on the Import page.'}
        {' '}<Link to={{ pathname: '/benchmarking/groups', search }}>Neighbour groups</Link>
      </p>
      {differences.length > 0 && (
        <div className="notice notice-warning" role="note">
          <p><strong>The statistical neighbours figure the council reported differs from the neighbour group&apos;s mean:</strong></p>
          <ul>{differences.map((d) => <li key={d.period}>{periodLabel(d.period)}: reported {fmt(d.stored)}; {fmt(d.derived)} from the national file ({d.words}). The reported figure is the one rated.</li>)}</ul>
        </div>
      )}

      <h3>Over time</h3>
      <Suspense fallback={<p role="status">Loading the chart…</p>}>
        <TrendChart trend={trend} unit={measure.unit} title={`${measure.code} against England, the region and neighbours`} />
      </Suspense>
      <ExportableTable filename={`${measure.code}-benchmarks.csv`}>
        <div className="table-scroll">
          <TrendTable trend={trend} unit={measure.unit} counts={false} caption={<>{measure.code}: {authorityName}, England, the region and neighbour group means by period ({measure.unit})</>} />
        </div>
      </ExportableTable>
      {groups.length > 0 && (
        <ul className="hint">
          {groups.map((g) => {
            const f = groupFigure(set, g, authority?.code ?? null);
            return <li key={g.name}>{g.name}, {label}: {f.mean === null ? 'no member has a figure' : `${fmt(f.mean)}, ${groupFigureWords(f, 'mean', isStatisticalNeighbourGroup(g) ? 'statistical neighbours' : 'members')}`}{f.median !== null && `; median ${fmt(f.median)}`}.</li>;
          })}
        </ul>
      )}

      <h3>Ranked: {group ? group.name : 'every local authority'}, {label}</h3>
      <div className="bench-controls">
        <div>
          <label htmlFor={periodId}>Period</label>
          <select id={periodId} value={benchmarkPeriodToken(set.period)} onChange={(e) => go({ period: e.target.value === benchmarkPeriodToken(sets[sets.length - 1]?.period ?? '') ? null : e.target.value })}>
            {[...sets].reverse().map((s) => <option key={s.period} value={benchmarkPeriodToken(s.period)}>{periodLabel(s.period)}</option>)}
          </select>
        </div>
        <fieldset>
          <legend>Compare with</legend>
          <label><input type="radio" name="bench-scope" checked={group === null} onChange={() => go({ group: null })} /> Every local authority</label>
          {groups.map((g) => (
            <label key={g.name}><input type="radio" name="bench-scope" checked={group?.name === g.name} onChange={() => go({ group: g.name })} /> {g.name}</label>
          ))}
        </fieldset>
      </div>
      {unknownGroup && <p className="notice" role="status">There is no neighbour group called &ldquo;{state.group}&rdquo;; showing every local authority.</p>}
      <p className="rank-words" aria-live="polite"><strong>{authorityName}: {rankWords(ranking, authorityName, scopeWords)}</strong></p>
      <p className="hint">
        Ranked {ORDER_WORDS[measure.polarity]}; tied figures share a rank. Quartiles as the DfE&apos;s LAIT bands them: with n authorities ranked,
        ranks 1 to n/4 are the 1st quartile{measure.polarity === 'Contextual' ? ' (largest)' : ' (best)'}, and so on to the 4th. Authorities without a figure are listed, not ranked.
        {references.length > 0 && ` ${references.map((r) => `${r.name}: ${fmt(r.value)}`).join('; ')}.`}
      </p>
      {ranking.ranked.length > 0 && (
        <Suspense fallback={<p role="status">Loading the chart…</p>}>
          <RankedBarChart ranking={ranking} unit={measure.unit} title={`${measure.code}, ${label}: ${group ? group.name : 'every local authority'} ranked`} authorityCode={authority?.code ?? null} authorityName={authorityName} references={references} />
        </Suspense>
      )}
      <ExportableTable filename={`${measure.code}-${benchmarkPeriodToken(set.period)}-ranked.csv`}>
        <div className="table-scroll bench-scroll" tabIndex={0} role="region" aria-label={`Ranked table, ${label}`}>
          <table className="table bench-table">
            <caption>{group ? group.name : 'Every local authority'}, {label}, ranked ({measure.unit}; {ranking.ranked.length} ranked{ranking.unranked.length > 0 ? `, ${ranking.unranked.length} without a figure` : ''})</caption>
            <thead><tr><th scope="col" className="num">Rank</th><th scope="col">Area</th><th scope="col">Code</th><th scope="col" className="num">Value</th><th scope="col">Quartile</th></tr></thead>
            <tbody>
              {ranking.ranked.map((r) => {
                const mine = authority !== null && r.area.code === authority.code;
                return (
                  <tr key={r.area.code} className={mine ? 'bench-council' : undefined}>
                    <td className="num">{r.tied ? `=${r.rank}` : r.rank}</td>
                    <th scope="row">{mine ? <strong>{r.area.name} (this council)</strong> : r.area.name}</th>
                    <td className="code">{r.area.code}</td>
                    <td className="num">{fmt(r.area.value ?? 0)}</td>
                    <td>{r.quartile}</td>
                  </tr>
                );
              })}
              {ranking.unranked.map((a) => (
                <tr key={a.code}>
                  <td className="num">not ranked</td>
                  <th scope="row">{a.name}{authority !== null && a.code === authority.code ? ' (this council)' : ''}</th>
                  <td className="code">{a.code}</td>
                  <td className="num">{symbolWords(a.symbol)}</td>
                  <td>–</td>
                </tr>
              ))}
              {ranking.notInFile.map((code) => (
                <tr key={code}><td className="num">not ranked</td><th scope="row">{code}</th><td className="code">{code}</td><td className="num">not in the file</td><td>–</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      </ExportableTable>
    </section>
  );
}
