// Generates a long-format observations file and the measures file that defines its measures,
// deterministically (seeded PRNG), for the benchmark and for trying the importer at scale.
// One row is one measure in one quarter: the council's figure (Value, Count) and comparator
// columns (Statistical neighbours, England, North West, Greater Manchester). With the measures
// file's yearly targets, a measure's trend chart draws six series.
//
//   node scripts/gen-observations.mjs --rows 100000 [--periods 40] [--comparators 4] [--seed 1] [--out DIR]
//
// The row count and the periods per measure decide the measure count (rows / periods).
// Prints the two file paths and the counts as JSON.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const COMPARATOR_COLUMNS = ['Statistical neighbours', 'England', 'North West', 'Greater Manchester'];
// Phrases the cell parser reads as missing data (src/domain/cell.ts).
const MISSING = ['Not available', 'Awaiting publication', 'Not yet available', 'Suppressed', 'Awaiting data'];
const WORDS = ['children', 'pupils', 'care leavers', 'families', 'schools', 'assessments', 'placements', 'referrals', 'apprenticeships', 'absences', 'adults', 'carers', 'households', 'young people', 'settings'];
const ACTIONS = ['Percentage of', 'Number of', 'Rate of', 'Average days for', 'Proportion of'];
const FREQUENCIES = ['Quarterly', 'Quarterly', 'Quarterly', 'Annually', 'Termly', 'Monthly'];
const TYPES = ['Council', 'Partnership', 'Contextual'];

/** Mulberry32: a small, fast, seeded PRNG (deterministic across runs and machines). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The `periods` quarters ending with Q4 2025/26, oldest first: "Q1 2016/17" … */
export function quarters(periods) {
  const out = [];
  const lastYear = 2025;
  for (let i = periods - 1; i >= 0; i--) {
    const q = 4 - (i % 4);
    const year = lastYear - Math.floor(i / 4);
    out.push(`Q${q} ${year}/${String((year + 1) % 100).padStart(2, '0')}`);
  }
  return out;
}

const group = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The measures: kind of figure (rate with count, number, decimal), polarity, and flags. */
function measuresFor(count, rnd) {
  const out = [];
  for (let i = 1; i <= count; i++) {
    const kind = i % 3 === 0 ? 'number' : i % 3 === 1 ? 'percent' : 'decimal';
    const action = kind === 'percent' ? 'Percentage of' : kind === 'number' ? 'Number of' : ACTIONS[2 + (i % 3)];
    out.push({
      priority: 1 + (i % 5),
      code: `GEN.${i}`,
      name: `${action} ${WORDS[i % WORDS.length]} in group ${i}`,
      frequency: FREQUENCIES[i % FREQUENCIES.length],
      polarity: rnd() < 0.5 ? 'High' : 'Low',
      type: TYPES[i % TYPES.length],
      unit: kind === 'percent' ? '%' : kind === 'number' ? 'number' : 'score',
      kind,
      base: kind === 'percent' ? 20 + rnd() * 70 : kind === 'number' ? 200 + Math.floor(rnd() * 5000) : 5 + rnd() * 40,
      gms: i % 17 === 0 ? 'Yes' : '',
      corporate: i % 11 === 0 ? 'Yes' : '',
      isNew: i % 23 === 0 ? 'Yes' : '',
    });
  }
  return out;
}

/** A figure as the papers print it: `96.3% (5795)`, `1,204`, `12.5`. */
function cell(m, value, rnd) {
  if (m.kind === 'percent') {
    const v = Math.min(100, Math.max(0, value));
    return `${v.toFixed(1)}%${rnd() < 0.6 ? ` (${Math.floor(rnd() * 6000)})` : ''}`;
  }
  if (m.kind === 'number') return `"${group(Math.max(0, Math.round(value)))}"`;
  return Math.max(0, value).toFixed(1);
}

export function generate({ rows, periods = 40, comparators = 4, seed = 1 }) {
  const rnd = prng(seed);
  const measureCount = Math.ceil(rows / periods);
  const measures = measuresFor(measureCount, rnd);
  const qs = quarters(periods);
  const years = [...new Set(qs.map((q) => q.slice(3)))];
  const targetYears = years.slice(-3);
  const comps = COMPARATOR_COLUMNS.slice(0, comparators);

  const mHead = ['Priority', 'PI Code', 'PI Name', 'Reported', 'Good Performance', 'Measure Type', 'Unit', 'GMS', 'Corporate', 'New Measure', ...targetYears.map((y) => `${y} Target`)];
  const mLines = [mHead.join(',')];
  for (const m of measures) {
    const targets = targetYears.map(() => (rnd() < 0.1 ? (m.polarity === 'High' ? 'Aim to maximise' : 'Aim to minimise') : cell(m, m.base * (0.9 + rnd() * 0.2), () => 1)));
    mLines.push([m.priority, m.code, m.name, m.frequency, m.polarity, m.type, m.unit, m.gms, m.corporate, m.isNew, ...targets].join(','));
  }

  const oHead = ['PI Code', 'Period', 'Breakdown', 'Value', 'Count', 'Status', ...comps, 'Commentary'];
  const oLines = [oHead.join(',')];
  let written = 0;
  for (const m of measures) {
    let v = m.base;
    for (const q of qs) {
      if (written === rows) break;
      v *= 0.97 + rnd() * 0.06;
      const missing = rnd() < 0.04;
      const value = missing ? MISSING[Math.floor(rnd() * MISSING.length)] : cell(m, v, rnd);
      const count = !missing && m.kind === 'decimal' && rnd() < 0.5 ? `"${group(Math.floor(rnd() * 3000))}"` : '';
      const status = rnd() < 0.05 ? 'Provisional' : '';
      const compCells = comps.map((_, k) => (rnd() < 0.03 ? 'Awaiting publication' : cell(m, v * (0.85 + 0.1 * k + rnd() * 0.1), () => 1)));
      const note = rnd() < 0.005 ? '"Figures for this quarter were revised after the return, as in the paper."' : '';
      oLines.push([m.code, q, '', value, count, status, ...compCells, note].join(','));
      written++;
    }
  }
  return { measuresCsv: `${mLines.join('\n')}\n`, observationsCsv: `${oLines.join('\n')}\n`, measureCount, rows: written };
}

/** Writes the two files into `dir` (a new temp dir by default) and returns their paths. */
export function writeFiles(options, dir = mkdtempSync(path.join(tmpdir(), 'scrutineer-obs-'))) {
  mkdirSync(dir, { recursive: true });
  const g = generate(options);
  const tag = `${g.rows}r-${options.periods ?? 40}p`;
  const measuresFile = path.join(dir, `measures-${tag}.csv`);
  const observationsFile = path.join(dir, `observations-${tag}.csv`);
  writeFileSync(measuresFile, g.measuresCsv);
  writeFileSync(observationsFile, g.observationsCsv);
  return { measuresFile, observationsFile, measureCount: g.measureCount, rows: g.rows, bytes: g.observationsCsv.length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
  };
  const out = arg('out', undefined);
  const result = writeFiles({
    rows: Number(arg('rows', 10000)),
    periods: Number(arg('periods', 40)),
    comparators: Number(arg('comparators', 4)),
    seed: Number(arg('seed', 1)),
  }, out);
  console.log(JSON.stringify(result, null, 2));
}
