// A measure's series by period as a table: the figures a trend chart draws, for reading aloud,
// printing and export. Missing figures show what the data said instead.
import type { ReactNode } from 'react';
import { formatMeasureValue, formatWithCount } from '../../domain/format';
import type { Trend } from '../../domain/trend';
import type { Unit } from '../../domain/types';

export function TrendTable({ trend, unit, caption, counts }: { trend: Trend; unit: Unit; caption: ReactNode; counts: boolean }) {
  return (
    <table className="table">
      <caption>{caption}</caption>
      <thead>
        <tr><th scope="col">Period</th>{trend.series.map((s) => <th key={s.key} scope="col" className="num">{s.label}</th>)}</tr>
      </thead>
      <tbody>
        {trend.rows.map((r) => (
          <tr key={r.period}>
            <th scope="row">{r.label}</th>
            {trend.series.map((s) => {
              const c = r.cells[s.key];
              return <td key={s.key} className="num">{!c ? '' : c.value === null ? c.text : counts ? formatWithCount(c.value, unit, c.count) : formatMeasureValue(c.value, unit)}</td>;
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
