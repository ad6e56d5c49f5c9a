import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, filterRows, readFilters, sortRows, writeFilters } from '../../src/domain/measure-filters';
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
