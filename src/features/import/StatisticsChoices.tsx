// The choices a national statistics file needs before it can be imported: which authority is
// the council's own, and which measure each indicator feeds (or none, or a new measure).
// Presentational: the summary and choices come in as props, every change goes out by onChange.
import { useId, useState } from 'react';
import { formatCount } from '../../domain/format';
import { findAuthority } from '../../domain/stats';
import type { StatsChoices, StatsIndicator, StatsSummary } from '../../domain/stats';
import type { Polarity } from '../../domain/types';

export interface StatisticsChoicesProps {
  file: string;
  summary: StatsSummary;
  choices: StatsChoices;
  measures: { code: string; name: string; unit: string }[];
  onChange(choices: StatsChoices): void;
}

const NOT_IMPORTED = '';
const NEW_MEASURE = '\u0000new';
const POLARITY_LABELS: Record<Polarity, string> = { High: 'Higher is better', Low: 'Lower is better', Contextual: 'Neither (context only)' };

interface Draft { code: string; name: string; polarity: Polarity }

const count = (n: number, word: string): string => `${formatCount(n)} ${n === 1 ? word : word.endsWith('y') ? `${word.slice(0, -1)}ies` : `${word}s`}`;

function periodsText(periods: readonly string[]): string {
  if (periods.length === 0) return 'none';
  if (periods.length <= 3) return periods.join(', ');
  return `${periods[0] ?? ''} to ${periods.at(-1) ?? ''} (${periods.length} periods)`;
}

export function StatisticsChoices({ file, summary, choices, measures, onChange }: StatisticsChoicesProps) {
  const authorityId = useId();
  const listId = useId();
  const hintId = useId();
  const statusId = useId();
  // Indicators whose "A new measure…" is chosen, with what has been typed so far.
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const query = choices.authority ?? '';
  const found = query.trim() === '' ? null : findAuthority(summary, query);
  const authorities = summary.areas.filter((a) => a.level === 'Local authority');
  const known = new Set(measures.map((m) => m.code));

  const setAuthority = (text: string): void => onChange({ ...choices, authority: text === '' ? null : text });

  /** The choices with one indicator's measure set (and any new measure it had dropped or added). */
  const withIndicator = (indicator: StatsIndicator, code: string | null, created: Draft | null): StatsChoices => {
    const previous = choices.indicators[indicator.id];
    const newMeasures = { ...(choices.newMeasures ?? {}) };
    if (previous && !known.has(previous)) delete newMeasures[previous];
    if (code !== null && created) newMeasures[code] = { name: created.name, unit: indicator.unit, polarity: created.polarity };
    const next: StatsChoices = { ...choices, indicators: { ...choices.indicators, [indicator.id]: code } };
    if (Object.keys(newMeasures).length > 0) next.newMeasures = newMeasures;
    else delete next.newMeasures;
    return next;
  };

  const chooseMeasure = (indicator: StatsIndicator, value: string): void => {
    if (value === NEW_MEASURE) {
      setDrafts((d) => ({ ...d, [indicator.id]: d[indicator.id] ?? { code: '', name: indicator.label, polarity: 'Contextual' } }));
      onChange(withIndicator(indicator, null, null));
      return;
    }
    setDrafts((d) => {
      const { [indicator.id]: _dropped, ...rest } = d;
      return rest;
    });
    onChange(withIndicator(indicator, value === NOT_IMPORTED ? null : value, null));
  };

  const editDraft = (indicator: StatsIndicator, draft: Draft): void => {
    setDrafts((d) => ({ ...d, [indicator.id]: draft }));
    const code = draft.code.trim();
    onChange(withIndicator(indicator, code === '' ? null : code, code === '' ? null : draft));
  };

  const draftOf = (indicator: StatsIndicator): Draft | null => {
    const draft = drafts[indicator.id];
    if (draft) return draft;
    const code = choices.indicators[indicator.id];
    const created = code ? choices.newMeasures?.[code] : undefined;
    return code && created && !known.has(code) ? { code, name: created.name, polarity: created.polarity } : null;
  };

  const skipped = summary.skipped.reduce((n, s) => n + s.count, 0);
  const chosen = Object.values(choices.indicators).filter((c) => c !== null).length;

  return (
    <section aria-label={`Choices for ${file}`}>
      <h4>Your council in this file</h4>
      <p className="hint">
        {file} holds figures for {count(authorities.length, 'authority')}
        {summary.areas.some((a) => a.level === 'National') ? ', England' : ''}
        {summary.areas.some((a) => a.level === 'Regional') ? ` and ${count(summary.areas.filter((a) => a.level === 'Regional').length, 'region')}` : ''}
        , from {count(summary.rows, 'row')}{skipped > 0 ? ` (${count(skipped, 'other row')} not read: see the messages)` : ''}.
      </p>
      <label className="block" htmlFor={authorityId}><strong>Authority</strong></label>
      <p className="hint" id={hintId}>Type its name, its code (such as E08000007) or its old LA number (such as 356), or pick it from the list.</p>
      <input
        id={authorityId}
        type="text"
        list={listId}
        value={query}
        autoComplete="off"
        aria-describedby={`${hintId} ${statusId}`}
        onChange={(e) => setAuthority(e.target.value)}
      />
      <datalist id={listId}>
        {authorities.map((a) => <option key={a.code || a.name} value={`${a.name} (${a.code})`} />)}
      </datalist>
      <p id={statusId} aria-live="polite">
        {found ? (
          <>
            Chosen: <strong>{found.name}</strong>, code {found.code}
            {found.oldCodes.length > 0 ? ` (earlier ${found.oldCodes.length === 1 ? 'code' : 'codes'} ${found.oldCodes.join(', ')})` : ''}
            {found.regionName ? `, in the ${found.regionName} region${found.regionCode ? ` (${found.regionCode})` : ''}` : ', with no region given'}.
            {' '}Its figures are imported as the council&apos;s own; England&apos;s{found.regionName ? ` and the ${found.regionName} region's` : ''} as comparators.
          </>
        ) : query.trim() !== '' ? (
          <>No authority in this file matches &ldquo;{query}&rdquo;: check the spelling, or pick one from the list.</>
        ) : (
          <>No authority chosen yet: the file cannot be imported until one is.</>
        )}
      </p>

      <table className="table">
        <caption>Indicators in {file} ({chosen === 0 ? 'none chosen to import yet' : `${count(chosen, 'indicator')} to import`})</caption>
        <thead>
          <tr>
            <th scope="col">Indicator</th>
            <th scope="col">Unit (from its name)</th>
            <th scope="col">Periods covered</th>
            <th scope="col" className="num">Rows</th>
            <th scope="col">Feeds measure</th>
          </tr>
        </thead>
        <tbody>
          {summary.indicators.map((indicator, i) => {
            const draft = draftOf(indicator);
            const code = choices.indicators[indicator.id] ?? null;
            const value = draft ? NEW_MEASURE : code ?? NOT_IMPORTED;
            const selectId = `${authorityId}-indicator-${i}`;
            return (
              <tr key={indicator.id}>
                <th scope="row">{indicator.label}</th>
                <td>{indicator.unit}</td>
                <td>{periodsText(indicator.periods)}</td>
                <td className="num">{formatCount(indicator.rows)}</td>
                <td>
                  <label className="visually-hidden" htmlFor={selectId}>Measure fed by {indicator.label}</label>
                  <select id={selectId} value={value} onChange={(e) => chooseMeasure(indicator, e.target.value)}>
                    <option value={NOT_IMPORTED}>Not imported</option>
                    {code && !draft && !known.has(code) && <option value={code}>{code} (not a measure this dashboard knows)</option>}
                    {measures.map((m) => <option key={m.code} value={m.code}>{m.code} – {m.name}</option>)}
                    <option value={NEW_MEASURE}>A new measure…</option>
                  </select>
                  {draft && (
                    <fieldset>
                      <legend>New measure for {indicator.label}</legend>
                      <label className="block" htmlFor={`${selectId}-code`}>PI code</label>
                      <input id={`${selectId}-code`} type="text" value={draft.code} onChange={(e) => editDraft(indicator, { ...draft, code: e.target.value })} />
                      {draft.code.trim() !== '' && known.has(draft.code.trim()) && <p className="hint">{draft.code.trim()} is already a measure: choose it from the list instead.</p>}
                      <label className="block" htmlFor={`${selectId}-name`}>Name</label>
                      <input id={`${selectId}-name`} type="text" value={draft.name} onChange={(e) => editDraft(indicator, { ...draft, name: e.target.value })} />
                      <label className="block" htmlFor={`${selectId}-polarity`}>Good performance</label>
                      <select id={`${selectId}-polarity`} value={draft.polarity} onChange={(e) => editDraft(indicator, { ...draft, polarity: e.target.value as Polarity })}>
                        {(Object.keys(POLARITY_LABELS) as Polarity[]).map((p) => <option key={p} value={p}>{POLARITY_LABELS[p]}</option>)}
                      </select>
                      <p className="hint">Unit: {indicator.unit}. It is rated against the comparators it is imported with.</p>
                    </fieldset>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {summary.indicatorCount > summary.indicators.length && (
        <p className="hint">
          {count(summary.indicatorCount - summary.indicators.length, 'more indicator')} (other combinations of {summary.filters.map((f) => f.column).join(', ') || 'filters'}) are not listed; totals are listed first.
        </p>
      )}
    </section>
  );
}
