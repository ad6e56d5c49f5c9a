// A large portfolio's measures are rated in steps: the pages say they are loading until every
// measure is rated (never a table or tiles of a part), then show exactly the rows rated at once.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { resetDbForTests } from '../../src/db/schema';
import { readDataset } from '../../src/db/read';
import { buildMeasureRows } from '../../src/domain/measure-rows';
import { DEFAULT_TOLERANCE } from '../../src/domain/rag';
import type { Measure, ObservationSeries } from '../../src/domain/types';
import { RATE_AT_ONCE_UP_TO, useMeasureRows } from '../../src/queries/measures';
import { invalidateStore } from '../../src/queries/store';

const measure = (code: string): Measure => ({
  code, portfolioId: 'p', name: code, priority: 1, measureType: 'Council', frequency: 'Quarterly', polarity: 'High', unit: '%', targetType: 'Numerical',
  gms: false, corporate: false, isNew: false, batchId: 1,
});
const actual = (code: string, i: number): ObservationSeries => ({
  measureCode: code, series: 'actual',
  points: ['2021/22 Q1', '2021/22 Q2'].map((period, k) => ({ period, breakdown: '', value: 50 + ((i * 7 + k * 3) % 40), count: null, missingReason: null, note: null, status: null, raw: '', batchId: 1 })),
});

async function store(name: string, measures: number) {
  const db = resetDbForTests(name);
  const codes = Array.from({ length: measures }, (_, i) => `M.${i}`);
  await db.portfolios.put({ id: 'p', name: 'P', council: '', cabinetMember: '', batchId: 1 });
  await db.measures.bulkPut(codes.map(measure));
  await db.observations.bulkPut(codes.map(actual));
  await db.targets.bulkPut(codes.map((c) => ({ measureCode: c, year: '2021/22', breakdown: '', value: 70, direction: null, raw: '70%', batchId: 1 })));
  return db;
}

function wrapper({ children }: { children: ReactNode }) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

const VIEW = { dataset: 'p', period: '2021/22 Q2' };

/** The hook as a page draws it, with what it said at each drawing: loading or not, and how many rows. */
function watchRows(wrap: (props: { children: ReactNode }) => ReactNode) {
  const seen: { loading: boolean; rows: number }[] = [];
  const { result } = renderHook(() => {
    const r = useMeasureRows(VIEW);
    seen.push({ loading: r.isLoading, rows: r.rows.length });
    return r;
  }, { wrapper: wrap });
  return { result, seen };
}

describe('the measures of the view, rated', () => {
  it(`are loading until all of a portfolio of over ${RATE_AT_ONCE_UP_TO} measures are rated, in steps; then every row, as rated at once`, { timeout: 30_000 }, async () => {
    const db = await store('rows-hook-large', RATE_AT_ONCE_UP_TO + 200);
    const { result, seen } = watchRows(wrapper);
    await waitFor(() => expect(result.current.isLoading).toBe(false), { timeout: 10_000 });
    expect(result.current.rows).toHaveLength(RATE_AT_ONCE_UP_TO + 200);
    // Never some of the rows: none while loading, all once loaded.
    expect(seen.every((s) => (s.loading ? s.rows === 0 : s.rows === RATE_AT_ONCE_UP_TO + 200))).toBe(true);
    expect(seen.some((s) => s.loading)).toBe(true);
    expect(result.current.rows).toEqual(buildMeasureRows(await readDataset('p'), '2021/22 Q2', DEFAULT_TOLERANCE));
    db.close();
  });

  it('are rated at once for a portfolio the size of a council\'s', async () => {
    const db = await store('rows-hook-small', 80);
    const { result } = renderHook(() => useMeasureRows({ dataset: 'p', period: '2021/22 Q2' }), { wrapper });
    await waitFor(() => expect(result.current.rows).toHaveLength(80));
    expect(result.current.isLoading).toBe(false);
    db.close();
  });

  it('are not drawn from what the store held before when a page opens while it is read again (an import just confirmed)', async () => {
    const db = await store('rows-hook-reread', 80);
    const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
    const shared = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
    const { result: before, seen: openBefore } = watchRows(shared);
    await waitFor(() => expect(before.current.rows).toHaveLength(80));
    // An import adds five measures; the store's reads are then made again.
    const added = ['N.1', 'N.2', 'N.3', 'N.4', 'N.5'];
    await db.measures.bulkPut(added.map(measure));
    await db.observations.bulkPut(added.map(actual));
    const openedAt = openBefore.length;
    void invalidateStore(client);
    const { result: during, seen: openedDuring } = watchRows(shared);
    await waitFor(() => expect(during.current.rows).toHaveLength(85));
    expect(during.current.isLoading).toBe(false);
    // The page opened meanwhile said it was loading, and never showed the 80 rows of before.
    expect(openedDuring[0]).toEqual({ loading: true, rows: 0 });
    expect(openedDuring.every((s) => (s.loading ? s.rows === 0 : s.rows === 85))).toBe(true);
    // The page open already kept its rows until the new ones were read.
    await waitFor(() => expect(before.current.rows).toHaveLength(85));
    expect(openBefore.slice(openedAt).every((s) => !s.loading && (s.rows === 80 || s.rows === 85))).toBe(true);
    db.close();
  });
});
