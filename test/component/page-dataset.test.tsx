// What a page draws from the store: never the figures the store held before a change when it opens
// while the store is read again, and never "no data" while the store is still being read or the
// sample is still on its way into it.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, renderHook, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import { resetDbForTests } from '../../src/db/schema';
import type { Measure } from '../../src/domain/types';
import { MeasureDetailPage } from '../../src/features/measures/MeasureDetailPage';
import { FIRST_ROWS, MeasuresPage, ORDER_IN_STEPS_FROM, VIRTUAL_FROM_ROWS } from '../../src/features/measures/MeasuresPage';
import { ReservesPage } from '../../src/features/resources/ResourcesPages';
import { StoreSettledContext, invalidateStore, usePageDataset } from '../../src/queries/store';

const measure = (code: string): Measure => ({
  code, portfolioId: 'p', name: code, priority: 1, measureType: 'Council', frequency: 'Quarterly', polarity: 'High', unit: '%', targetType: 'Numerical',
  gms: false, corporate: false, isNew: false, batchId: 1,
});

const newClient = () => new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });

describe('the dataset a page shows', () => {
  it('is not what the store held before when the page opens while the store is read again; a page open already keeps its figures meanwhile', async () => {
    const db = resetDbForTests('page-dataset-reread');
    await db.portfolios.put({ id: 'p', name: 'P', council: '', cabinetMember: '', batchId: 1 });
    await db.measures.bulkPut(['A', 'B', 'C'].map(measure));
    const client = newClient();
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
    const watch = () => {
      const seen: (number | null)[] = [];
      const { result } = renderHook(() => {
        const d = usePageDataset('p');
        seen.push(d.data ? d.data.measures.length : null);
        return d;
      }, { wrapper });
      return { result, seen };
    };
    const before = watch();
    await waitFor(() => expect(before.result.current.data?.measures).toHaveLength(3));

    await db.measures.bulkPut(['D', 'E'].map(measure));
    const openedAt = before.seen.length;
    void invalidateStore(client);
    const during = watch();
    await waitFor(() => expect(during.result.current.data?.measures).toHaveLength(5));
    expect(during.seen[0]).toBeNull();
    expect(during.seen.every((n) => n === null || n === 5)).toBe(true);
    expect(during.result.current.isLoading).toBe(false);
    await waitFor(() => expect(before.result.current.data?.measures).toHaveLength(5));
    expect(before.seen.slice(openedAt).every((n) => n === 3 || n === 5)).toBe(true);
    db.close();
  });
});

function renderPage(url: string, settled: boolean) {
  return render(
    <QueryClientProvider client={newClient()}>
      <StoreSettledContext.Provider value={settled}>
        <MemoryRouter initialEntries={[url]}>
          <Routes>
            <Route path="/measures" element={<MeasuresPage />} />
            <Route path="/measures/:code" element={<MeasureDetailPage />} />
            <Route path="/resources/reserves" element={<ReservesPage />} />
          </Routes>
        </MemoryRouter>
      </StoreSettledContext.Provider>
    </QueryClientProvider>,
  );
}

describe('a page over an empty store', () => {
  it.each([
    ['/measures', 'Measures', 'No measures yet'],
    ['/measures/CFSE.25', 'Measure CFSE.25', 'No data in this browser yet'],
    ['/resources/reserves', 'Reserves', 'No financial data yet'],
  ])('%s says the sample is loading while it is on its way on a first visit, and that there is no data once the store is known to hold none', async (url, heading, empty) => {
    resetDbForTests(`page-dataset-empty-${heading}`);
    const loading = renderPage(url, false);
    expect(screen.getByRole('heading', { level: 1, name: heading })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Loading the sample data…');
    // Still so once the (empty) list of datasets has been read.
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.getByRole('status')).toHaveTextContent('Loading the sample data…');
    expect(screen.queryByText(empty)).toBeNull();
    loading.unmount();

    renderPage(url, true);
    // While the list of datasets is read, the page says so rather than that there is none.
    expect(screen.getByRole('status')).toHaveTextContent('Loading the data stored in this browser…');
    expect(screen.queryByText(empty)).toBeNull();
    expect(await screen.findByRole('heading', { level: 2, name: empty })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Import page' })).toHaveAttribute('href', '/import');
  });
});

describe("a measure's page", () => {
  it('draws the sections below its chart a frame after the chart, and at once when it is printed', async () => {
    const db = resetDbForTests('page-dataset-below-chart');
    await db.portfolios.put({ id: 'p', name: 'P', council: '', cabinetMember: '', batchId: 1 });
    await db.measures.put(measure('A'));
    await db.observations.put({ measureCode: 'A', series: 'actual', points: [{ period: 'Q1 2021/22', breakdown: '', value: 96.3, count: 5920, missingReason: null, note: null, status: null, raw: '96.3% (5920)', batchId: 1 }] });
    // No frame is ever painted: the sections below wait for one.
    const frames = vi.spyOn(window, 'requestAnimationFrame').mockImplementation(() => 0);
    try {
      renderPage('/measures/A', true);
      expect(await screen.findByRole('heading', { level: 2, name: 'Trend' })).toBeInTheDocument();
      await new Promise((r) => setTimeout(r, 50));
      expect(screen.queryByRole('heading', { level: 2, name: 'Targets' })).toBeNull();
      // Printed: drawn before the browser lays the page out for paper.
      act(() => { window.dispatchEvent(new Event('beforeprint')); });
      expect(screen.getByRole('heading', { level: 2, name: 'Targets' })).toBeInTheDocument();
      expect(screen.getByRole('table', { name: /^Figures for A by period/ })).toHaveTextContent('96.3% (5,920)');
    } finally {
      frames.mockRestore();
    }
    cleanup();
    // With frames painted, the sections follow the chart by themselves.
    renderPage('/measures/A', true);
    // (Loading the chart's code the first time is slow under the test runner.)
    expect(await screen.findByRole('heading', { level: 2, name: 'Commentary, report by report' }, { timeout: 5000 })).toBeInTheDocument();
    db.close();
  });
});

describe('the measures table', () => {
  it('draws its first rows in its first frame and the rest a frame later; printed, every row at once', async () => {
    const db = resetDbForTests('page-dataset-first-rows');
    await db.portfolios.put({ id: 'p', name: 'P', council: '', cabinetMember: '', batchId: 1 });
    // More than a screen's worth, fewer than are drawn only near the viewport.
    const count = FIRST_ROWS + 30;
    expect(count).toBeLessThanOrEqual(VIRTUAL_FROM_ROWS);
    const codes = Array.from({ length: count }, (_, i) => `M.${String(i + 1).padStart(3, '0')}`);
    await db.measures.bulkPut(codes.map(measure));
    const rows = () => screen.getAllByRole('row').filter((r) => r.closest('tbody'));
    // No frame is ever painted: the rest of the rows wait for one.
    const frames = vi.spyOn(window, 'requestAnimationFrame').mockImplementation(() => 0);
    try {
      renderPage('/measures', true);
      expect(await screen.findByRole('link', { name: /^M\.001/ })).toBeInTheDocument();
      await new Promise((r) => setTimeout(r, 50));
      expect(rows()).toHaveLength(FIRST_ROWS);
      // The caption counts every measure all the same.
      expect(screen.getByRole('table')).toHaveAccessibleName(new RegExp(`${count} measures`));
      act(() => { window.dispatchEvent(new Event('beforeprint')); });
      expect(rows()).toHaveLength(count);
    } finally {
      frames.mockRestore();
      act(() => { window.dispatchEvent(new Event('afterprint')); });
    }
    cleanup();
    renderPage('/measures', true);
    await waitFor(() => expect(rows()).toHaveLength(count));
    expect(screen.getByRole('link', { name: new RegExp(`^M\\.0${count}`) })).toBeInTheDocument();
    db.close();
  });

  it('names what its download holds: one measure, or how many', async () => {
    const db = resetDbForTests('page-dataset-download-label');
    await db.portfolios.put({ id: 'p', name: 'P', council: '', cabinetMember: '', batchId: 1 });
    await db.measures.bulkPut(['A.1', 'B.1', 'C.1'].map(measure));
    renderPage('/measures?q=B.1', true);
    expect(await screen.findByRole('button', { name: 'Download this measure (CSV)' })).toBeInTheDocument();
    cleanup();
    renderPage('/measures', true);
    expect(await screen.findByRole('button', { name: 'Download these 3 measures (CSV)' })).toBeInTheDocument();
    db.close();
  });

  it('opens a long table, its first order sorted in steps before it is drawn, in the order its link asks for', async () => {
    const db = resetDbForTests('page-dataset-first-order');
    await db.portfolios.put({ id: 'p', name: 'P', council: '', cabinetMember: '', batchId: 1 });
    const count = ORDER_IN_STEPS_FROM + 200;
    // Names that sort as numbers do ("Pupils 2" before "Pupils 10"), stored in another order.
    await db.measures.bulkPut(Array.from({ length: count }, (_, i) => ({ ...measure(`M.${i + 1}`), name: `Pupils ${((i * 7) % count) + 1}` })));
    // Rows laid out at a height (the test's document lays nothing out), so the table draws those in view.
    const boxes = vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(120);
    renderPage('/measures?sort=name&dir=desc', true);
    const [first] = await screen.findAllByRole('link', { name: /^M\./ }, { timeout: 10_000 });
    expect(screen.getByRole('table')).toHaveAccessibleName(/^All 1,200 measures/);
    // The greatest name first: "Pupils 1200", the measure stored at i = 1199 * 7^-1 mod 1200, found by search.
    const at = Array.from({ length: count }, (_, i) => i).find((i) => ((i * 7) % count) + 1 === count) ?? -1;
    expect(first).toHaveTextContent(new RegExp(`^M\\.${at + 1}$`));
    expect(first?.closest('tr')).toHaveTextContent(`Pupils ${count}`);
    boxes.mockRestore();
    db.close();
  }, 20_000);
});
