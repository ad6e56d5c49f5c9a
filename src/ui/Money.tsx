import type { Reconciled } from '../domain/resources';
import { formatMoney } from '../domain/format';

/** A figure of money as the papers print it (negatives in brackets); empty when there is none. */
export function Money({ value, unit = '£000' }: { value: number | null; unit?: '£000' | '£m' }) {
  return <>{value === null ? '' : formatMoney(value, unit)}</>;
}

/** A computed total, and beside it the data's own stated total where that differs, with the size of the difference. */
export function ReconciledMoney({ r, unit = '£000' }: { r: Reconciled; unit?: '£000' | '£m' }) {
  if (r.computed === null && r.stated === null) return null;
  return (
    <>
      <span className="block">{r.computed === null ? '—' : formatMoney(r.computed, unit)}</span>
      {r.stated !== null && r.difference !== null && r.difference !== 0 && (
        <span className="difference block">
          stated {formatMoney(r.stated, unit)}, {formatMoney(Math.abs(r.difference), unit)} {r.difference > 0 ? 'more' : 'less'} than its lines
        </span>
      )}
      {r.stated !== null && r.difference === 0 && <span className="hint block">as stated</span>}
      {r.stated !== null && r.computed === null && <span className="difference block">stated {formatMoney(r.stated, unit)}; no lines to check it against</span>}
    </>
  );
}
