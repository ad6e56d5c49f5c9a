// The overview's priority tiles on the sample, loaded into fake-indexeddb by the app's own sample
// loader, against the RAG counts computed straight from the fixture files (test/support/sample.ts).
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSample } from '../../src/app/sample';
import { resetDbForTests } from '../../src/db/schema';
import { datasetCounts, reportingPeriods } from '../../src/domain/dataset';
import { buildMeasureRows, countStatuses } from '../../src/domain/measure-rows';
import type { StatusCounts } from '../../src/domain/measure-rows';
import { periodFromToken } from '../../src/domain/period';
import { DEFAULT_TOLERANCE } from '../../src/domain/rag';
import { OverviewPage } from '../../src/features/overview/OverviewPage';
import { sampleDataset } from '../support/sample';

function renderOverview(url: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[url]}>
        <OverviewPage />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

/** What a tile shows: status → count, read from its links' accessible names. */
function tileCounts(tile: HTMLElement, priority: number): Partial<Record<keyof StatusCounts, number>> {
  const shown: Partial<Record<keyof StatusCounts, number>> = {};
  for (const link of within(tile).getAllByRole('link')) {
    const name = link.getAttribute('aria-label') ?? '';
    const match = new RegExp(`^([\\d,]+) (.+) measures in priority ${priority}$`).exec(name);
    if (!match) throw new Error(`unexpected tile link "${name}"`);
    const [, count = '', status = ''] = match;
    expect(link).toHaveTextContent(new RegExp(`^${count}$`));
    shown[status as keyof StatusCounts] = Number(count.replace(/,/g, ''));
  }
  return shown;
}

const dataset = sampleDataset();

describe('OverviewPage on the sample', () => {
  beforeAll(async () => {
    resetDbForTests(`overview-${Date.now()}`);
    await loadSample();
  });

  it.each(['2021-22-q2', '2020-21'])('each priority tile counts its measures by RAG status as the domain rates them (period=%s)', async (token) => {
    const period = periodFromToken(token)?.id;
    if (!period) throw new Error(`${token} is not a period`);
    // The period must be one the sample reports, or the page would fall back to another.
    expect(reportingPeriods(dataset)).toContain(period);
    const rows = buildMeasureRows(dataset, period, DEFAULT_TOLERANCE);
    expect(rows).toHaveLength(dataset.measures.length);

    renderOverview(`/?period=${token}`);
    expect(await screen.findByRole('heading', { level: 1, name: dataset.portfolio?.name ?? '' })).toBeInTheDocument();
    expect(screen.getByText(periodFromToken(token)?.label ?? '', { selector: 'strong' })).toBeInTheDocument();

    expect(dataset.priorities.length).toBeGreaterThan(0);
    for (const p of dataset.priorities) {
      const expected = countStatuses(rows.filter((r) => r.measure.priority === p.number));
      const tile = screen.getByLabelText(`Priority ${p.number} status counts`);
      const shown = tileCounts(tile, p.number);
      for (const [status, count] of Object.entries(expected) as [keyof StatusCounts, number][]) {
        expect(shown[status] ?? 0, `priority ${p.number}, ${status}`).toBe(count);
      }
      // Every status shown with a count, bar "No comparator" which is shown only when it has measures.
      expect(Object.keys(shown).sort()).toEqual(Object.keys(expected).filter((s) => s !== 'No comparator' || expected[s] > 0).sort());
    }
  });

  it('says what the dataset holds, each count as the dataset counts it', async () => {
    renderOverview('/?period=2021-22-q2');
    const table = await screen.findByRole('table', { name: 'Records stored for this dataset' });
    const counts = datasetCounts(dataset);
    const cell = (name: string) => within(table).getByRole('row', { name: new RegExp(`^${name}`) }).querySelector('td');
    expect(cell('Observations')).toHaveTextContent(new RegExp(`^${counts.observations}$`));
    expect(cell('Measures')).toHaveTextContent(new RegExp(`^${counts.measures}$`));
    expect(cell('Targets')).toHaveTextContent(new RegExp(`^${counts.targets}$`));
  });

  it('the checks above mean something: Q2 has Red, Amber and Green measures, and 2020/21 is counted differently', () => {
    const count = (token: string) => countStatuses(buildMeasureRows(dataset, periodFromToken(token)?.id ?? '', DEFAULT_TOLERANCE));
    const q2 = count('2021-22-q2');
    expect(Math.min(q2.Red, q2.Amber, q2.Green)).toBeGreaterThan(0);
    expect(q2).not.toEqual(count('2020-21'));
  });
});
