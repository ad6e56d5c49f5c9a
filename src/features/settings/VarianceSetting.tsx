import { useId, useState } from 'react';
import { useSetVarianceRule, useVarianceRule } from '../../queries/store';

/** The forecast variance rule: the overspend, as a share of a service's net budget, up to which it is Amber. */
export function VarianceSetting() {
  const rule = useVarianceRule();
  const save = useSetVarianceRule();
  const id = useId();
  const hintId = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? String(rule.amberPercent);
  const value = Number(shown);
  const valid = shown.trim() !== '' && Number.isFinite(value) && value >= 0 && value <= 100;
  return (
    <form onSubmit={(e) => { e.preventDefault(); if (valid) save.mutate({ amberPercent: value }, { onSuccess: () => setDraft(null) }); }}>
      <h2>Forecast variance rule</h2>
      <p id={hintId} className="hint">Green: a service forecast on or under its net budget. Amber: an overspend of up to this share of the service&apos;s net budget. Red: more than that.</p>
      <label htmlFor={id}><strong>Amber up to (% of net budget)</strong></label>{' '}
      <input id={id} type="number" min={0} max={100} step={0.5} inputMode="decimal" aria-describedby={hintId} value={shown} onChange={(e) => setDraft(e.target.value)} style={{ width: '6rem' }} />{' '}
      <button type="submit" className="button" disabled={!valid || save.isPending}>Save rule</button>
      {!valid && <p className="error-summary" role="alert">Enter a number from 0 to 100.</p>}
      {save.isSuccess && draft === null && <p role="status">Saved: Amber up to {rule.amberPercent}%.</p>}
    </form>
  );
}
