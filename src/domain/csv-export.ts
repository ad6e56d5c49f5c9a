// The measures table as CSV rows (written out by csv-write.ts, loaded when a download is asked for).
import { formatMeasureValue } from './format';
import { changeWithDifference } from './measure-rows';
import type { MeasureRow } from './measure-rows';
import { periodLabel, pointText, targetText } from './measure-values';

/** The measures table's rows as it shows them; what it shows under each measure's name has columns of its own. */
export function measureExportRows(rows: readonly MeasureRow[]): string[][] {
  const header = ['Code', 'Measure', 'Priority', 'Type', 'Reported', 'Good performance', 'Period', 'Actual (count)', 'Target', 'RAG status', 'RAG reason', 'Change since previous'];
  return [
    header,
    ...rows.map((r) => {
      const m = r.measure;
      return [
        m.code,
        m.name,
        m.priority === null ? '' : String(m.priority),
        m.measureType ?? '',
        m.frequency ?? '',
        m.polarity,
        periodLabel(r.rating.period),
        r.points.length ? r.points.map((p) => pointText(p, m)).join('; ') : 'No figure',
        r.targets.length ? r.targets.map((t) => targetText(t, m)).join('; ') : 'No target',
        r.rating.status,
        r.rating.reason,
        r.change ? `${r.change.reading}: ${changeWithDifference(r.change, m.unit)} from ${formatMeasureValue(r.change.from, m.unit)} (${periodLabel(r.change.fromPeriod)})` : '',
      ];
    }),
  ];
}
