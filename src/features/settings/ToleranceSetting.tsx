import { useId, useState } from 'react';
import { useSetTolerance, useTolerance } from '../../queries/store';

/** The RAG tolerance: how far short of target (as a share of the target) still counts as Amber. */
export function ToleranceSetting() {
  const tolerance = useTolerance();
  const save = useSetTolerance();
  const id = useId();
  const hintId = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? String(Math.round(tolerance * 1000) / 10);
  const value = Number(shown);
  const valid = shown.trim() !== '' && Number.isFinite(value) && value >= 0 && value <= 50;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!valid) return;
        save.mutate(value / 100, { onSuccess: () => setDraft(null) });
      }}
    >
      <h2>RAG tolerance</h2>
      <p id={hintId} className="hint">
        A measure short of its target by no more than this share of the target is Amber rather than Red; a direction-of-travel measure
        within this share of its previous figure is Amber (Green for “maintain performance”). Stored with the data in this browser.
      </p>
      <label htmlFor={id}><strong>Tolerance (%)</strong></label>{' '}
      <input id={id} type="number" min={0} max={50} step={0.5} inputMode="decimal" aria-describedby={hintId} value={shown} onChange={(e) => setDraft(e.target.value)} style={{ width: '6rem' }} />{' '}
      <button type="submit" className="button" disabled={!valid || save.isPending}>Save tolerance</button>
      {!valid && <p className="error-summary" role="alert">Enter a number from 0 to 50.</p>}
      {save.isSuccess && draft === null && <p role="status">Saved: {Math.round(tolerance * 1000) / 10}%.</p>}
    </form>
  );
}
