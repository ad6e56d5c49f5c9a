import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, SORT_KEYS, compareTexts, filterRows, indexRows, plainCode, queryRows, readFilters, sortRows, sortedOrder, sortedOrderInSteps, warmOrders, writeFilters } from '../../src/domain/measure-filters';
import { runSteps, runStepsBetweenTasks, sortInSteps } from '../../src/domain/steps';
import type { MeasureFilters } from '../../src/domain/measure-filters';
import type { MeasureRow } from '../../src/domain/measure-rows';
import type { RagStatus } from '../../src/domain/rag';
import type { Measure } from '../../src/domain/types';

const row = (code: string, over: Partial<Measure>, status: RagStatus, value: number | null): MeasureRow => ({
  measure: { code, portfolioId: 'p', name: `Measure ${code}`, priority: 1, measureType: 'Partnership', frequency: 'Quarterly', polarity: 'High', unit: '%', targetType: 'Numerical', gms: false, corporate: false, isNew: false, batchId: 1, ...over },
  priorityTitle: '',
  rating: { code, period: 'p', status, reason: '', parts: [] },
  points: value === null ? [] : [{ period: 'p', breakdown: '', value, count: null, missingReason: null, note: null, status: null, raw: '', batchId: 1 }],
  latestEarlier: null,
  targets: [],
  change: null,
});

const rows = [
  row('CFSE.10', { priority: 2, name: 'Primary schools good or better', isNew: true }, 'Green', 92),
  row('CFSE.2', { priority: 1, name: 'Breastfeeding', gms: true }, 'Red', 51),
  row('CFSE.26', { priority: 2, polarity: 'Low', name: 'NEET' }, 'Red', 3.1),
  row('CSFE.45', { priority: 5, polarity: 'Contextual', measureType: 'Contextual', frequency: 'Quarterly' }, 'Not rated', null),
];

describe('the measures URL codec', () => {
  it('round-trips every filter with short, readable names and omits defaults', () => {
    const f = { ...DEFAULT_FILTERS, q: 'NEET', priority: [2, 1], rag: ['Red', 'Not rated'] as RagStatus[], flag: ['gms' as const], polarity: ['Low' as const], sort: 'rag' as const, dir: 'desc' as const };
    const params = writeFilters(new URLSearchParams('ds=x&period=2021-22-q2'), f);
    expect(params.toString()).toBe('ds=x&period=2021-22-q2&q=NEET&priority=1%2C2&polarity=low&rag=red%2Cnot-rated&flag=gms&sort=rag&dir=desc');
    expect(readFilters(params)).toEqual({ filters: { ...f, priority: [1, 2] }, ignored: [] });
    expect(writeFilters(new URLSearchParams(), DEFAULT_FILTERS).toString()).toBe('');
  });

  it('ignores what it does not know, and says what', () => {
    const { filters, ignored } = readFilters(new URLSearchParams('rag=red,purple&priority=1,x&sort=colour&dir=up&type=council&freq=daily'));
    expect(filters).toEqual({ ...DEFAULT_FILTERS, rag: ['Red'], priority: [1], type: ['Council'] });
    expect(ignored).toEqual(['priority=x', 'sort=colour', 'dir=up', 'freq=daily', 'rag=purple']);
  });
});

describe('filterRows and sortRows', () => {
  it('filters by text, priority, polarity, status and flags together', () => {
    const codes = (f: Partial<typeof DEFAULT_FILTERS>) => filterRows(rows, { ...DEFAULT_FILTERS, ...f }).map((r) => r.measure.code);
    expect(codes({ q: 'cfse.2' })).toEqual(['CFSE.2', 'CFSE.26']);
    expect(codes({ q: 'neet' })).toEqual(['CFSE.26']);
    expect(codes({ priority: [2], rag: ['Red'] })).toEqual(['CFSE.26']);
    expect(codes({ polarity: ['Contextual'] })).toEqual(['CSFE.45']);
    expect(codes({ flag: ['gms'] })).toEqual(['CFSE.2']);
    expect(codes({ flag: ['new'] })).toEqual(['CFSE.10']);
    expect(codes({ type: ['Contextual'] })).toEqual(['CSFE.45']);
  });

  it('sorts codes naturally, statuses worst first, missing figures last either way', () => {
    expect(sortRows(rows, 'code', 'asc').map((r) => r.measure.code)).toEqual(['CFSE.2', 'CFSE.10', 'CFSE.26', 'CSFE.45']);
    expect(sortRows(rows, 'rag', 'asc').map((r) => r.rating.status)).toEqual(['Red', 'Red', 'Green', 'Not rated']);
    expect(sortRows(rows, 'actual', 'asc').map((r) => r.measure.code)).toEqual(['CFSE.26', 'CFSE.2', 'CFSE.10', 'CSFE.45']);
    expect(sortRows(rows, 'actual', 'desc').map((r) => r.measure.code)).toEqual(['CFSE.10', 'CFSE.2', 'CFSE.26', 'CSFE.45']);
  });
});

describe('the row index answers as filterRows then sortRows', () => {
  // A seeded spread of rows: codes that sort naturally, repeated and missing values, every status.
  let seed = 11;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const statuses: RagStatus[] = ['Red', 'Amber', 'Green', 'No comparator', 'Not rated', 'No data'];
  const many = Array.from({ length: 400 }, (_, i) => {
    const r = row(`${['CFSE', 'cfse', 'GEN'][i % 3]}.${Math.floor(rnd() * 60)}${i % 7 === 0 ? 'a' : ''}`, {
      priority: rnd() < 0.1 ? null : 1 + Math.floor(rnd() * 5),
      name: `${['Pupils', 'pupils', 'Care leavers', 'École', 'NEET'][i % 5]} group ${Math.floor(rnd() * 40)}`,
      polarity: (['High', 'Low', 'Contextual'] as const)[i % 3] ?? 'High',
      measureType: rnd() < 0.2 ? null : (['Council', 'Partnership', 'Contextual'] as const)[i % 3] ?? null,
      frequency: rnd() < 0.2 ? null : 'Quarterly',
      gms: rnd() < 0.3,
      isNew: rnd() < 0.2,
    }, statuses[i % 6] ?? 'Red', rnd() < 0.2 ? null : Math.round(rnd() * 20));
    return { ...r, change: rnd() < 0.5 ? null : { from: 1, to: 2, fromPeriod: 'p', absolute: 1, percent: rnd() < 0.2 ? null : Math.round(rnd() * 10), reading: 'rose' as const } };
  });

  it('gives the same rows in the same order for every column, direction, text and facet', () => {
    const index = indexRows(many);
    const cases: Partial<MeasureFilters>[] = [{}, { q: 'pupils' }, { q: 'GEN.1' }, { q: 'é' }, { rag: ['Red', 'No data'] }, { priority: [2, 3], flag: ['gms'] }, { type: ['Council'], q: 'group 1' }];
    for (const sort of SORT_KEYS) {
      for (const dir of ['asc', 'desc'] as const) {
        for (const c of cases) {
          const f = { ...DEFAULT_FILTERS, ...c, sort, dir };
          expect(queryRows(index, f)).toEqual(sortRows(filterRows(many, f), sort, dir));
        }
      }
    }
  });

  it('narrows the last answer as a search grows, and widens again when it shrinks', () => {
    const index = indexRows(many);
    for (const q of ['p', 'pu', 'pup', 'pupils g', 'pu', '', 'group 3', 'group 33']) {
      const f = { ...DEFAULT_FILTERS, q, sort: 'actual' as const, dir: 'desc' as const };
      expect(queryRows(index, f)).toEqual(sortRows(filterRows(many, f), 'actual', 'desc'));
    }
  });

  it('answers a query asked again with the same rows array, and stays right once old answers are dropped', () => {
    const index = indexRows(many);
    const f = { ...DEFAULT_FILTERS, q: 'pupils', rag: ['Red' as const] };
    const first = queryRows(index, f);
    expect(queryRows(index, { ...f })).toBe(first);
    // More queries than are kept, each checked against filtering the rows afresh.
    for (let i = 0; i < 150; i++) {
      const g = { ...DEFAULT_FILTERS, q: `group ${i % 40}`, sort: SORT_KEYS[i % SORT_KEYS.length] ?? 'code', dir: i % 2 ? 'desc' as const : 'asc' as const, rag: i % 3 ? [] : ['Green' as const] };
      expect(queryRows(index, g)).toEqual(sortRows(filterRows(many, g), g.sort, g.dir));
    }
    expect(index.answers.size).toBeLessThanOrEqual(64);
    expect(queryRows(index, f)).toEqual(first);
  });

  it('keeps each order once computed, and fills the rest when asked, a step at a time', () => {
    const index = indexRows(many);
    const first = sortedOrder(index, 'name', 'asc');
    expect(sortedOrder(index, 'name', 'asc')).toBe(first);
    // A budget of three steps a call: the work pauses and carries on where it stopped.
    let calls = 0;
    for (;;) {
      let steps = 0;
      calls++;
      if (!warmOrders(index, () => steps++ < 3)) break;
      expect(calls).toBeLessThan(1000);
    }
    expect(calls).toBeGreaterThan(1);
    expect(index.orders.size).toBe(SORT_KEYS.length * 2);
    expect(index.orders.get('name:asc')).toBe(first);
    // What it kept is what sorting afresh gives.
    const fresh = indexRows(many);
    for (const sort of SORT_KEYS) {
      for (const dir of ['asc', 'desc'] as const) expect([...(index.orders.get(`${sort}:${dir}`) ?? [])]).toEqual([...sortedOrder(fresh, sort, dir)]);
    }
    expect(warmOrders(index, () => true)).toBe(false);
  });
});

describe('codes ordered from their parts', () => {
  const collator = new Intl.Collator('en-GB', { numeric: true });
  // Codes of every form the parts are read from: letters in either case and of any length, numbers
  // with and without leading zeros, bracketed numerals and letters; as the papers print them
  // (CSFE.9(i) is a typo kept as printed); and text that is no plain code, which the collator orders.
  const printed = ['CFSE.1', 'CFSE.12(iii)', 'CFSE.12(iv)', 'CFSE.12(v)', 'CFSE.12', 'CFSE.120', 'CSFE.9(i)', 'CFSE.16 (i)', 'CFSE.9', 'GEN.77', 'GEN.770', 'GEN.0077', 'gen.77', 'GEN.77(a)', 'GEN.77(A)', 'GE.9', 'GENA.1'];
  const other = ['', 'CFSE 3', 'GEN-1', 'CFSE.1a', 'CFSE.1.2', 'Écoles.1', 'CFSE.(i)', '.5', 'CFSE.', 'A.1 (ii)', 'Children in care', '12', 'a.b'];
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const letters = 'aAbBcCefFsSz';
  const suffixes = ['', '(i)', '(ii)', '(iii)', '(iv)', '(v)', '(x)', '(a)', '(B)', '(I)'];
  const made = Array.from({ length: 300 }, () => {
    const word = Array.from({ length: 1 + next(4) }, () => letters[next(letters.length)]).join('');
    const number = `${next(3) === 0 ? '0' : ''}${next(130)}`;
    return `${word}.${number}${suffixes[next(suffixes.length)] ?? ''}`;
  });
  const texts = [...printed, ...other, ...made];

  it('reads the parts of a plain code, and of no other text', () => {
    expect(plainCode('CFSE.12(iii)')).toEqual({ letters: 'cfse', number: 12, suffix: 'iii' });
    expect(plainCode('GEN.0077')).toEqual({ letters: 'gen', number: 77, suffix: '' });
    for (const t of other) expect(plainCode(t), t).toBeNull();
  });

  it('orders any two texts as the collator does', () => {
    const differ: string[] = [];
    for (const a of texts) {
      for (const b of texts) {
        if (Math.sign(compareTexts(a, plainCode(a), b, plainCode(b))) !== Math.sign(collator.compare(a, b))) differ.push(`${a} against ${b}`);
      }
    }
    expect(differ).toEqual([]);
  });

  it('gives the table the collator\'s order of codes, ties and all', () => {
    const coded = texts.map((code, i) => row(code, { priority: i % 3 }, 'Green', i));
    const index = indexRows(coded);
    const order = Array.from(runSteps(sortedOrderInSteps(index, 'code', 'asc')), (i) => coded[i]?.measure.code);
    expect(order).toEqual(coded.map((r) => r.measure.code).sort(collator.compare));
  });
});

describe('sorting in steps', () => {
  let seed = 5;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

  it('gives the order of the engine\'s own stable sort, ties in their places, for every length around its runs', () => {
    for (const n of [0, 1, 2, 255, 256, 257, 511, 512, 513, 1000, 3000]) {
      const items = Array.from({ length: n }, (_, i) => ({ key: Math.floor(rnd() * 50), at: i }));
      const compare = (a: { key: number }, b: { key: number }) => a.key - b.key;
      expect(runSteps(sortInSteps(items, compare)), `n = ${n}`).toEqual([...items].sort(compare));
    }
  });

  it('pauses between steps, so a long sort can be spread over tasks', () => {
    const items = Array.from({ length: 5000 }, () => rnd());
    const steps = sortInSteps(items, (a, b) => a - b);
    let pauses = 0;
    let r = steps.next();
    while (!r.done) {
      pauses++;
      r = steps.next();
    }
    // Runs of 256 sorted a step each, then merges pausing every 1,024 comparisons.
    expect(pauses).toBeGreaterThan(5000 / 256);
    expect(r.value).toEqual([...items].sort((a, b) => a - b));
  });

  it('runs between tasks to the same order, letting the page in, and stops when the order is no longer wanted', async () => {
    const names = Array.from({ length: 4000 }, (_, i) => row(`GEN.${(i * 7919) % 4000}`, { name: `Pupils in group ${(i * 31) % 997}` }, 'Green', null));
    const index = indexRows(names);
    let letIn = 0;
    const order = await runStepsBetweenTasks(sortedOrderInSteps(index, 'name', 'desc'), () => false, async () => { letIn++; }, 0);
    expect(letIn).toBeGreaterThan(10);
    expect([...(order ?? [])]).toEqual([...sortedOrder(indexRows(names), 'name', 'desc')]);
    const other = indexRows(names);
    const stopped = await runStepsBetweenTasks(sortedOrderInSteps(other, 'code', 'asc'), () => true, async () => {}, 0);
    expect(stopped).toBeNull();
    expect(other.orders.size).toBe(0);
  });
});
