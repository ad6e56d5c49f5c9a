// The benchmark view on a measure's page and the neighbour groups page, on fake-indexeddb seeded
// with the benchmark backup fixture (test/fixtures/benchmark/backup.json), through the real
// repositories and hooks.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { beforeEach, describe, expect, it } from 'vitest';
import { readNeighbourGroups } from '../../src/db/groups';
import { resetDbForTests } from '../../src/db/schema';
import type { Archive } from '../../src/domain/archive';
import { TABLE_NAMES } from '../../src/domain/records';
import { NeighbourGroupsPage } from '../../src/features/benchmarking/NeighbourGroupsPage';
import { MeasureDetailPage } from '../../src/features/measures/MeasureDetailPage';

const backup = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../fixtures/benchmark/backup.json'), 'utf8')) as Archive;

async function seed(withAuthority = true) {
  const db = resetDbForTests(`benchmark-${Date.now()}-${Math.random()}`);
  await db.open();
  for (const t of TABLE_NAMES) await db.dataTable(t).bulkPut(backup.records[t] as never[]);
  if (withAuthority) await db.meta.put({ key: 'benchmark-authority', value: backup.settings?.['benchmark-authority'] });
}

function Where() {
  const l = useLocation();
  return <p data-testid="where">{l.pathname}{l.search}</p>;
}

function renderAt(url: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[url]}>
        <Routes>
          <Route path="/measures/:code" element={<MeasureDetailPage />} />
          <Route path="/benchmarking/groups" element={<NeighbourGroupsPage />} />
        </Routes>
        <Where />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const where = () => screen.getByTestId('where').textContent ?? '';

describe('BenchmarkView', () => {
  beforeEach(() => seed());

  it('ranks the council among every authority, and within a group when toggled, the toggle kept in the URL', { timeout: 30_000 }, async () => {
    const user = userEvent.setup();
    renderAt('/measures/CFSE.14');
    expect(await screen.findByRole('heading', { name: /Benchmarking: Stockport against England/ })).toBeInTheDocument();
    expect(screen.getByText('Stockport: 12th of 152 local authorities; 1st quartile (best)')).toBeInTheDocument();
    const table = screen.getByRole('table', { name: /Every local authority, 2023\/24, ranked/ });
    // 152 ranked and Solihull's confidential figure listed, not ranked.
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 153);
    const solihull = within(table).getByRole('rowheader', { name: 'Solihull' }).closest('tr');
    expect(solihull).toHaveTextContent('not ranked');
    expect(solihull).toHaveTextContent('c confidential');
    expect(within(table).getByRole('rowheader', { name: 'Stockport (this council)' }).closest('tr')).toHaveTextContent(/^12Stockport \(this council\)E0800000766%1$/);

    await user.click(screen.getByRole('radio', { name: 'Statistical neighbours' }));
    await waitFor(() => expect(where()).toBe('/measures/CFSE.14?bench=Statistical+neighbours'));
    // Trafford, Cheshire East, Bury, Warrington, Cheshire West and Chester, Calderdale and Wirral (tied), Kirklees, then Stockport; Solihull is confidential.
    expect(await screen.findByText('Stockport: 9th of 10 authorities: Stockport and the Statistical neighbours group; 4th quartile (worst)')).toBeInTheDocument();
    expect(screen.getByRole('table', { name: /Statistical neighbours, 2023\/24, ranked \(%; 10 ranked, 1 without a figure\)/ })).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Period'), '2021-22');
    await waitFor(() => expect(where()).toBe('/measures/CFSE.14?bench=Statistical+neighbours&bp=2021-22'));
    expect(screen.getByRole('heading', { name: 'Ranked: Statistical neighbours, 2021/22' })).toBeInTheDocument();
    // In 2021/22 Solihull had a figure: 11 ranked.
    expect(screen.getByText(/^Stockport: 9th of 11 authorities: Stockport and the Statistical neighbours group; 3rd quartile$/)).toBeInTheDocument();
  });

  it('the over-time table gives the council, England, the North West and each group mean with units', async () => {
    renderAt('/measures/CFSE.14');
    const table = await screen.findByRole('table', { name: /CFSE.14: Stockport, England, the region and neighbour group means/ });
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['Period', 'England', 'Greater Manchester (mean)', 'North West', 'Statistical neighbours (mean)', 'Stockport (this council)']);
    const last = within(table).getByRole('rowheader', { name: '2023/24' }).closest('tr');
    expect(last).toHaveTextContent('60%');
    expect(last).toHaveTextContent('60.4%');
    expect(last).toHaveTextContent('68%');
    expect(last).toHaveTextContent('66%');
  });

  it('the RAG status of the Comparator measure comes from the neighbour mean, and the commentary is checked', async () => {
    renderAt('/measures/CFSE.14?period=2023-24');
    const rag = await screen.findByRole('table', { name: 'RAG status of CFSE.14 by period' });
    expect(within(rag).getByRole('rowheader', { name: '2023/24' }).closest('tr'))
      .toHaveTextContent('66% vs Statistical neighbours 68% (mean of 9 of 10 statistical neighbours; Solihull: c confidential) (higher is better, 5% tolerance): Amber');
    const check = screen.getByRole('region', { name: 'Commentary, 2023/24' });
    expect(check).toHaveTextContent('Matches Commentary says England 60.0%; imported England 2023/24 is 60%: matches');
    expect(check).toHaveTextContent('Differs Commentary says North West 61.0%; imported North West 2023/24 is 60.4%: differs by 0.6 percentage points');
    expect(check).toHaveTextContent('Matches Commentary says Statistical neighbours 68.0%; imported Statistical neighbours 2023/24 is 68%: matches');
  });

  it('an unknown group in the URL falls back to every authority and says so', async () => {
    renderAt('/measures/CFSE.14?bench=Nobody');
    expect(await screen.findByText(/There is no neighbour group called “Nobody”/)).toBeInTheDocument();
    expect(screen.getByText('Stockport: 12th of 152 local authorities; 1st quartile (best)')).toBeInTheDocument();
  });
});

describe('without a chosen authority', () => {
  beforeEach(() => seed(false));
  it('the council is found by its name and the view says so', async () => {
    renderAt('/measures/CFSE.14');
    expect(await screen.findByText(/Stockport was found by the council's name/)).toBeInTheDocument();
    expect(screen.getByText('Stockport: 12th of 152 local authorities; 1st quartile (best)')).toBeInTheDocument();
  });
});

describe('NeighbourGroupsPage', () => {
  beforeEach(() => seed());

  it('lists groups with members by name, makes, fills, renames, promotes and deletes a group, each stored', { timeout: 30_000 }, async () => {
    const user = userEvent.setup();
    renderAt('/benchmarking/groups');
    const sn = await screen.findByRole('listitem', { name: 'Group Statistical neighbours' });
    expect(sn).toHaveTextContent('10 members: Bury, Calderdale, Cheshire East, Cheshire West and Chester, Kirklees, Sefton, Solihull, Trafford, Warrington, Wirral');
    expect(within(sn).getByRole('heading', { name: 'Statistical neighbours Counts as the statistical neighbours' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Greater Manchester' })).toBeInTheDocument();

    await user.type(screen.getByLabelText('Name of a new group'), 'Core cities');
    await user.click(screen.getByRole('button', { name: 'Create group' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Group "Core cities" created.');
    await waitFor(() => expect(where()).toBe('/benchmarking/groups?group=Core+cities'));

    await user.type(screen.getByLabelText('Find an authority to add (name or code)'), 'manch');
    await waitFor(() => expect(where()).toBe('/benchmarking/groups?group=Core+cities&q=manch'));
    await user.click(screen.getByRole('button', { name: 'Add Manchester' }));
    await waitFor(async () => expect((await readNeighbourGroups()).find((g) => g.name === 'Core cities')?.members).toEqual(['E08000003']));
    await user.clear(screen.getByLabelText('Find an authority to add (name or code)'));
    await user.type(screen.getByLabelText('Find an authority to add (name or code)'), 'E08000014');
    await user.click(screen.getByRole('button', { name: 'Add Sefton' }));
    await waitFor(() => expect(screen.getByRole('table', { name: 'Members of Core cities' })).toHaveTextContent('Sefton'));
    await user.click(screen.getByRole('button', { name: 'Remove Manchester' }));
    await waitFor(async () => expect((await readNeighbourGroups()).find((g) => g.name === 'Core cities')?.members).toEqual(['E08000014']));

    await user.clear(screen.getByLabelText('Rename Core cities'));
    await user.type(screen.getByLabelText('Rename Core cities'), 'Coastal');
    await user.click(screen.getByRole('button', { name: 'Rename' }));
    expect(await screen.findByRole('listitem', { name: 'Group Coastal' })).toBeInTheDocument();

    await user.click(await screen.findByRole('button', { name: 'Make Coastal the statistical neighbours group' }));
    await waitFor(async () => expect((await readNeighbourGroups()).map((g) => g.name)).toEqual(['Statistical neighbours', 'Former statistical neighbours', 'Greater Manchester']));
    expect((await readNeighbourGroups())[0]?.members).toEqual(['E08000014']);

    window.confirm = () => true;
    await user.click(await screen.findByRole('button', { name: 'Delete Statistical neighbours' }));
    await waitFor(async () => expect((await readNeighbourGroups()).map((g) => g.name)).toEqual(['Former statistical neighbours', 'Greater Manchester']));
  });

  it('refuses a second group of the same name, saying so', async () => {
    const user = userEvent.setup();
    renderAt('/benchmarking/groups');
    await user.type(await screen.findByLabelText('Name of a new group'), 'greater manchester');
    await user.click(screen.getByRole('button', { name: 'Create group' }));
    expect(await screen.findByRole('status')).toHaveTextContent('There is already a group called "greater manchester".');
  });
});
