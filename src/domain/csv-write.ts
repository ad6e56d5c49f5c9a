// Tables as CSV, exactly as shown. Papa Parse writes RFC 4180 and neutralises spreadsheet
// formulas: a cell starting with =, +, -, @, tab or CR gets a leading apostrophe, unless it is
// a plain number such as "-165" (which a spreadsheet reads as the number it is). Loaded when a
// download is asked for, not with the page.
import Papa from 'papaparse';

const FORMULA = /^(?!-\d[\d,]*(?:\.\d+)?$)[=+\-@\t\r]/;

/** Rows of cells (the first the header) → CSV text with CRLF line ends, formulas neutralised. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return Papa.unparse(rows.map((r) => [...r]), { escapeFormulae: FORMULA, newline: '\r\n' });
}
