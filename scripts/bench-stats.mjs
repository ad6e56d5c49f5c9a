// Times reading a national statistics file at the size of the largest real ones: 500,000
// generated EES rows (every local authority × periods × filter values, three indicators)
// summarised, then two indicators mapped. Loads the domain code through Vite, in Node.
// Run: node scripts/bench-stats.mjs   (ROWS=… to change the size)
import { createServer } from 'vite';

const ROWS = Number(process.env.ROWS ?? 500000);
const server = await createServer({ server: { middlewareMode: true, hmr: false }, appType: 'custom', logLevel: 'error', optimizeDeps: { noDiscovery: true } });
try {
  const { mapColumnsWithRows } = await server.ssrLoadModule('/src/domain/import/headers.ts');
  const { summariseStatistics, mapStatistics } = await server.ssrLoadModule('/src/domain/stats/index.ts');

  // Deterministic: 153 authorities in 9 regions, plus regional and national rows; 10 years; filters to fill the rows asked for.
  const headers = ['time_period', 'time_identifier', 'geographic_level', 'country_code', 'country_name', 'region_code', 'region_name', 'old_la_code', 'la_name', 'new_la_code', 'characteristic', 'age_group', 'number', 'percent', 'rate_per_10000'];
  const areas = [['National', '', '', '', '', '']];
  for (let r = 1; r <= 9; r++) areas.push(['Regional', `E1200000${r}`, `Region ${r}`, '', '', '']);
  for (let a = 0; a < 153; a++) {
    const r = (a % 9) + 1;
    areas.push(['Local authority', `E1200000${r}`, `Region ${r}`, String(300 + a), `Authority ${a}`, `E0800${String(1000 + a).padStart(4, '0')}`]);
  }
  const years = Array.from({ length: 10 }, (_, i) => String(2015 + i));
  const perCombo = areas.length * years.length;
  const combos = Math.ceil(ROWS / perCombo);
  const ages = Math.ceil(combos / 5);
  const characteristics = ['Total', 'Male', 'Female', 'Disabled', 'Not disabled'];
  const symbols = ['x', 'c', 'low', 'z', 'u'];
  const rows = [];
  let n = 0;
  outer: for (let age = 0; age < ages; age++) {
    for (const characteristic of characteristics) {
      for (const year of years) {
        for (const [level, rc, rn, old, name, code] of areas) {
          if (n === ROWS) break outer;
          const v = (n * 7919) % 100000;
          rows.push([year, 'Reporting year', level, 'E92000001', 'England', rc, rn, old, name, code, characteristic, age === 0 ? 'Total' : `Age ${age}`,
            v % 97 === 0 ? symbols[v % 5] : (v * 13).toLocaleString('en-GB'), (v % 1000 / 10).toFixed(1), (v % 2000 / 10).toFixed(1)]);
          n++;
        }
      }
    }
  }
  const table = { headers, rows, rowNumbers: rows.map((_, i) => i + 2), rowWord: 'row' };
  let t = performance.now();
  const roles = mapColumnsWithRows('statistics', headers, rows);
  const rolesMs = performance.now() - t;
  // Twice: the first run also pays for compiling the code and for collecting the generator's garbage.
  t = performance.now();
  summariseStatistics(table, roles, 'bench.csv');
  const firstMs = performance.now() - t;
  t = performance.now();
  const summary = summariseStatistics(table, roles, 'bench.csv');
  const summaryMs = performance.now() - t;
  t = performance.now();
  const [first, second] = summary.indicators;
  const known = new Map([['A.1', { unit: 'number' }], ['A.2', { unit: '%' }]]);
  const { staged, issues } = mapStatistics(table, roles, { authority: 'Authority 7', indicators: { [first.id]: 'A.1', [second.id]: 'A.2' } }, { file: 'bench.csv', portfolioId: 'p', batchId: 1, knownMeasures: known });
  const mapMs = performance.now() - t;
  console.log(`${rows.length.toLocaleString('en-GB')} rows, ${summary.areas.length} areas, ${summary.indicatorCount.toLocaleString('en-GB')} indicators (${summary.indicators.length} listed), ${summary.periods.length} periods`);
  console.log(`column roles from ${Math.min(rows.length, 2000)} rows: ${rolesMs.toFixed(0)} ms`);
  console.log(`summariseStatistics: ${firstMs.toFixed(0)} ms first, ${summaryMs.toFixed(0)} ms again`);
  console.log(`mapStatistics (2 indicators): ${mapMs.toFixed(0)} ms → ${staged.benchmarks.length} benchmark sets, ${staged.observations.length} observations, ${issues.filter((i) => i.level === 'error').length} errors`);
} finally {
  await server.close();
}
