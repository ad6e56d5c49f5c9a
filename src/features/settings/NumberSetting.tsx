import { useId, useState } from 'react';
import type { ReactNode } from 'react';

/** A setting that is one number, edited, checked and saved in a small form of its own. */
export function NumberSetting({ title, action, hint, label, value, min, max, save, saving, saved }: {
  title: string;
  /** The save button's words. */
  action: string;
  hint: ReactNode;
  label: string;
  value: number;
  min: number;
  max: number;
  save: (value: number, done: () => void) => void;
  saving: boolean;
  saved: (value: number) => string | null;
}) {
  const id = useId();
  const hintId = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? String(value);
  const n = Number(shown);
  const valid = shown.trim() !== '' && Number.isFinite(n) && n >= min && n <= max;
  const message = draft === null ? saved(value) : null;
  return (
    <form onSubmit={(e) => {
      e.preventDefault();
      if (valid) save(n, () => setDraft(null));
    }}>
      <h2>{title}</h2>
      <p id={hintId} className="hint">{hint}</p>
      <label htmlFor={id}><strong>{label}</strong></label>{' '}
      <input id={id} type="number" min={min} max={max} step={0.5} inputMode="decimal" aria-describedby={hintId} value={shown} onChange={(e) => setDraft(e.target.value)} style={{ width: '6rem' }} />{' '}
      <button type="submit" className="button" disabled={!valid || saving}>{action}</button>
      {!valid && <p className="error-summary" role="alert">Enter a number from {min} to {max}.</p>}
      {message && <p role="status">{message}</p>}
    </form>
  );
}
