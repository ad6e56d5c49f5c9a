import { describe, expect, it } from 'vitest';
import { existingKey, giveBatchIds, planFile, previewBatchIds, zeroCounts } from '../../src/domain/import/plan';
import type { Existing, StoredRecord } from '../../src/domain/import/plan';
import { changedTables, emptyStaged, sameData } from '../../src/domain/records';
import type { ObservationRow, Staged } from '../../src/domain/records';
import type { BudgetLine, ObservationSeries } from '../../src/domain/types';
import { pointCount, seriesPeriods } from '../../src/domain/series';

const line = (service: string, net: number): BudgetLine => ({
  portfolioId: 'p', period: '2021/22 Agreement', division: 'Education', service, lineType: 'line',
  employee: null, nonEmployee: null, gross: null, income: null, net, forecast: null, raw: { net: String(net) }, batchId: 0,
});

const obs = (period: string, value: number | null, breakdown = ''): ObservationRow => ({
  measureCode: 'CFSE.25', series: 'actual', period, breakdown, value, count: null, missingReason: value === null ? 'Awaiting data' : null,
  note: null, status: null, raw: String(value), batchId: 0,
});

function staged(parts: Partial<Staged>): Staged {
  return { ...emptyStaged(), ...parts };
}

describe('planFile', () => {
  it('counts rows to add, update and leave unchanged, and writes only what changed', () => {
    const existing: Existing = new Map();
    const first = planFile(staged({ budgetLines: [line('SEN Transport', 3248), line('Home to School Transport', 479)] }), existing, 1);
    expect(first.counts.budgetLines).toEqual({ add: 2, update: 0, unchanged: 0, remove: 0 });
    expect(first.writes.map((w) => [w.before, (w.after as BudgetLine).batchId])).toEqual([[null, 1], [null, 1]]);

    const second = planFile(staged({ budgetLines: [line('SEN Transport', 3300), line('Home to School Transport', 479), line('Other Services', 1202)] }), existing, 2);
    expect(second.counts.budgetLines).toEqual({ add: 1, update: 1, unchanged: 1, remove: 0 });
    expect(second.writes).toHaveLength(2);
    const update = second.writes.find((w) => (w.after as BudgetLine).service === 'SEN Transport');
    expect(update?.before).toMatchObject({ net: 3248, batchId: 1 });
    expect(update?.after).toMatchObject({ net: 3300, batchId: 2 });
  });

  it('packs observations a series a record, diffing point by point and keeping periods in timeline order', () => {
    const existing: Existing = new Map();
    planFile(staged({ observations: [obs('2020/21', 96.4), obs('2019/20', 96.3)] }), existing, 1);
    const series = existing.get(existingKey('observations', ['CFSE.25', 'actual']));
    expect(series).toMatchObject({ measureCode: 'CFSE.25', series: 'actual' });
    expect((series as { points: { period: string }[] }).points.map((p) => p.period)).toEqual(['2019/20', '2020/21']);

    const next = planFile(staged({ observations: [obs('2020/21', 96.4), obs('2021/22 Q2', 96.1), obs('2019/20', null)] }), existing, 2);
    expect(next.counts.observations).toEqual({ add: 1, update: 1, unchanged: 1, remove: 0 });
    expect(next.writes).toHaveLength(1);
    const after = next.writes[0]?.after as { points: { period: string; value: number | null; batchId: number }[] };
    expect(after.points.map((p) => [p.period, p.value, p.batchId])).toEqual([['2019/20', null, 2], ['2020/21', 96.4, 1], ['2021/22 Q2', 96.1, 2]]);
    expect((next.writes[0]?.before as { points: unknown[] }).points).toHaveLength(2);
  });

  it('plans one staging again (a preview, then its commit) the same way, and a list that grew with its new rows', () => {
    const rows = [obs('2020/21', 96.4), obs('2019/20', 96.3)];
    const once = planFile(staged({ observations: rows }), new Map(), 1);
    const twice = planFile(staged({ observations: rows }), new Map(), 1);
    expect(twice).toEqual(once);
    rows.push(obs('2021/22', 97));
    const grown = planFile(staged({ observations: rows }), new Map(), 1);
    expect(grown.counts.observations.add).toBe(3);
  });

  it('lets a later file of the same import see an earlier one, keeping the first before-image', () => {
    const existing: Existing = new Map();
    const a = planFile(staged({ budgetLines: [line('SEN Transport', 1)] }), existing, 1);
    const b = planFile(staged({ budgetLines: [line('SEN Transport', 2)] }), existing, 2);
    expect(a.counts.budgetLines.add).toBe(1);
    expect(b.counts.budgetLines.update).toBe(1);
    expect(b.writes[0]?.before).toMatchObject({ net: 1 });
  });

  it('in a restore, removes what the backup does not hold, keeping before-images for undo', () => {
    const existing: Existing = new Map();
    planFile(staged({ budgetLines: [line('SEN Transport', 1), line('Other Services', 2)], observations: [obs('2019/20', 1), obs('2020/21', 2)] }), existing, 1);
    const restore = planFile(staged({ budgetLines: [line('SEN Transport', 1)], observations: [obs('2020/21', 2)] }), existing, 2, true);
    expect(restore.counts.budgetLines).toEqual({ add: 0, update: 0, unchanged: 1, remove: 1 });
    expect(restore.counts.observations).toEqual({ add: 0, update: 0, unchanged: 1, remove: 1 });
    const removed = restore.writes.find((w) => w.after === null);
    expect(removed?.before).toMatchObject({ service: 'Other Services' });
    const series = restore.writes.find((w) => w.table === 'observations');
    expect((series?.after as { points: { period: string }[] }).points.map((p) => p.period)).toEqual(['2020/21']);
  });

  it('treats a row imported again by another batch as unchanged', () => {
    const existing: Existing = new Map();
    planFile(staged({ budgetLines: [line('SEN Transport', 3248)] }), existing, 1);
    const again = planFile(staged({ budgetLines: [line('SEN Transport', 3248)] }), existing, 7);
    expect(again.counts.budgetLines).toEqual({ add: 0, update: 0, unchanged: 1, remove: 0 });
    expect(again.writes).toEqual([]);
  });
});

describe('a series new to the store, as a plan writes it', () => {
  const rows = [obs('2020/21', 96.4), obs('2019/20', 96.3), obs('2021/22', null)];
  const planned = () => {
    const plan = planFile(staged({ observations: rows }), new Map(), -1);
    return plan.writes[0]?.after as ObservationSeries;
  };

  it('reads, copies and writes out as a series with its points as objects, in period order', () => {
    const series = planned();
    const points = [obs('2019/20', 96.3), obs('2020/21', 96.4), obs('2021/22', null)].map(({ measureCode: _m, series: _s, ...p }) => ({ ...p, batchId: -1 }));
    expect(series).toEqual({ measureCode: 'CFSE.25', series: 'actual', points });
    expect(structuredClone(series)).toEqual({ measureCode: 'CFSE.25', series: 'actual', points });
    expect(JSON.parse(JSON.stringify(series))).toEqual({ measureCode: 'CFSE.25', series: 'actual', points });
    expect(Object.keys(series)).toEqual(['measureCode', 'series', 'points']);
    expect(pointCount(series)).toBe(3);
    expect(seriesPeriods(series)).toEqual(['2019/20', '2020/21', '2021/22']);
  });

  it('carries the batch id the commit gives it, every time its points are read', () => {
    const series = planned();
    giveBatchIds([{ counts: zeroCounts(), writes: [{ table: 'observations', key: ['CFSE.25', 'actual'], before: null, after: series as unknown as StoredRecord }] }], [7]);
    expect(series.points.map((p) => p.batchId)).toEqual([7, 7, 7]);
    expect(series.points.map((p) => p.batchId)).toEqual([7, 7, 7]);
  });

  it('keeps points assigned to it', () => {
    const series = planned();
    const [first] = series.points;
    series.points = first ? [first] : [];
    expect(series.points).toEqual([first]);
    expect(pointCount(series)).toBe(1);
  });
});

describe('sameData', () => {
  it('compares records field by field: order of fields and batchId aside, a missing figure the same however written', () => {
    expect(sameData({ a: 1, b: 'x', batchId: 1 }, { b: 'x', a: 1, batchId: 2 })).toBe(true);
    expect(sameData({ a: 1, raw: { net: '3', batchId: 4 } }, { a: 1, raw: { net: '3' } })).toBe(true);
    expect(sameData({ value: null }, { value: undefined })).toBe(true);
    expect(sameData({ value: null }, { value: Number.NaN })).toBe(true);
    expect(sameData({ value: 0 }, { value: -0 })).toBe(true);
    expect(sameData({ value: 0 }, { value: null })).toBe(false);
    expect(sameData({ value: 1 }, { value: '1' })).toBe(false);
    expect(sameData({ a: 1 }, { a: 1, b: null })).toBe(false);
    expect(sameData({ a: 1, c: 2 }, { a: 1, b: 2 })).toBe(false);
    expect(sameData({ codes: ['A', 'B'] }, { codes: ['B', 'A'] })).toBe(false);
    expect(sameData({ codes: ['A'] }, { codes: { 0: 'A' } })).toBe(false);
    expect(sameData({ areas: [{ code: 'E1', value: 2 }] }, { areas: [{ value: 2, code: 'E1' }] })).toBe(true);
    expect(sameData({ areas: [{ code: 'E1', value: 2 }] }, { areas: [{ code: 'E1', value: 3 }] })).toBe(false);
    expect(sameData({ raw: {} }, { raw: 'x' })).toBe(false);
    expect(sameData({ value: Number.POSITIVE_INFINITY }, { value: null })).toBe(true);
    expect(sameData({ a: 1, batchId: 3 }, { a: 1 })).toBe(true);
    expect(sameData({ a: 1 }, { a: 1, batchId: 3, b: 2 })).toBe(false);
    expect(sameData({ note: 'x' }, { note: 'y' })).toBe(false);
    expect(sameData({ ok: true }, { ok: false })).toBe(false);
    expect(sameData({ value: 0.1 + 0.2 }, { value: 0.3 })).toBe(false);
  });
});

describe('changedTables', () => {
  it('lists, in table order, the tables a plan adds to, updates, leaves unchanged or removes from', () => {
    const counts = zeroCounts();
    counts.targets.unchanged = 3;
    counts.measures.add = 1;
    counts.reserves.remove = 2;
    expect(changedTables(counts)).toEqual(['measures', 'targets', 'reserves']);
    expect(changedTables(zeroCounts())).toEqual([]);
  });
});

describe("a preview's batch ids", () => {
  it('are one negative id a file, never a stored batch id (1 and up) or the hand-made 0', () => {
    expect(previewBatchIds(3)).toEqual([-1, -2, -3]);
  });
  it('are replaced by the real ones in records, points and undo images alike; stored ids are left alone', () => {
    const point = (batchId: number) => ({ period: '2021/22 Q1', breakdown: '', value: 1, count: null, missingReason: null, note: null, status: null, raw: '1', batchId });
    const series = { measureCode: 'A', series: 'actual', points: [point(4), point(-1), point(-2)] };
    const measure = { code: 'A', batchId: -1 } as unknown as StoredRecord;
    const plans = [
      { counts: zeroCounts(), writes: [{ table: 'measures' as const, key: ['A'], before: null, after: measure }] },
      { counts: zeroCounts(), writes: [{ table: 'observations' as const, key: ['A', 'actual'], before: measure, after: series as unknown as StoredRecord }] },
    ];
    giveBatchIds(plans, [10, 11]);
    expect((measure as unknown as { batchId: number }).batchId).toBe(10);
    expect(series.points.map((p) => p.batchId)).toEqual([4, 10, 11]);
    expect(() => giveBatchIds([{ counts: zeroCounts(), writes: [{ table: 'measures', key: ['B'], before: null, after: { code: 'B', batchId: -3 } as unknown as StoredRecord }] }], [10, 11])).toThrow(/file 3/);
  });
});
