// Cells of national statistics files: a figure ("5,239,331", "12.5"), or a symbol standing in
// for one. Symbols are never read as 0: they are kept, and said in words.

/** The symbols of the Government Statistical Service and DfE's older files, in words. */
export const STATS_SYMBOLS: Readonly<Record<string, string>> = {
  x: 'x: not available',
  z: 'z: not applicable',
  c: 'c: confidential (suppressed)',
  low: 'low: rounds to zero, but is not zero',
  k: 'k: rounds to zero, but is not zero',
  u: 'u: low reliability',
  w: 'w: no data for this period',
  ':': ': not available',
  '..': '..: not available',
};

export type StatsCell =
  | { kind: 'empty' }
  | { kind: 'number'; value: number }
  | { kind: 'symbol'; symbol: string; reason: string }
  | { kind: 'text'; message: string };

const FIGURE = /^([-+\u2212]?)(\d{1,3}(?:,\d{3})+|\d+|)(\.\d+)?%?$/;
const PLAIN = /^-?\d+(?:\.\d+)?$/;

/** Reads one cell: a figure (commas between thousands allowed), a symbol (also as "[x]"), or nothing. */
export function readStatsCell(raw: string): StatsCell {
  const text = raw.trim();
  if (text === '') return { kind: 'empty' };
  // Most cells are plain figures: read them without building a string.
  if (PLAIN.test(text)) return { kind: 'number', value: Number(text) };
  const m = FIGURE.exec(text);
  if (m && (m[2] !== '' || m[3] !== undefined)) {
    const value = Number(`${m[1] === '' ? '' : '-'}${(m[2] ?? '').replace(/,/g, '') || '0'}${m[3] ?? ''}`);
    return { kind: 'number', value: m[1] === '+' ? Math.abs(value) : value };
  }
  const symbol = text.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  const reason = STATS_SYMBOLS[symbol];
  if (reason) return { kind: 'symbol', symbol, reason };
  return { kind: 'text', message: `"${text}" is not a figure, nor one of the statistics symbols (x not available, z not applicable, c confidential, low rounds to zero, u low reliability, : or .. not available)` };
}
