// Tables as CSV, exactly as shown. Papa Parse writes RFC 4180 and neutralises spreadsheet
// formulas: a cell starting with =, +, -, @, tab or CR gets a leading apostrophe, unless it is
// a plain number such as "-165" (which a spreadsheet reads as the number it is).
import Papa from 'papaparse';
import { changeWords } from './measure-rows';
import type { MeasureRow } from './measure-rows';
import { periodLabel, pointText, targetText } from './measure-values';

const FORMULA = /^(?!-\d[\d,]*(?:\.\d+)?$)[=+\-@\t\r]/;

/** Rows of cells (the first the header) → CSV text with CRLF line ends, formulas neutralised. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return Papa.unparse(rows.map((r) => [...r]), { escapeFormulae: FORMULA, newline: '\r\n' });
}

/** The measures table's rows as its columns show them. */
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
        r.change ? `${r.change.reading}: ${changeWords(r.change)} from ${r.change.from} (${periodLabel(r.change.fromPeriod)})` : '',
      ];
    }),
  ];
}
