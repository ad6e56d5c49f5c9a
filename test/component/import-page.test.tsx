import { readFileSync } from 'node:fs';
import path from 'node:path';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetDbForTests } from '../../src/db/schema';
import { ImportPage } from '../../src/features/import/ImportPage';
import { ImportSessionProvider } from '../../src/features/import/session';
import { commitImport, previewImport } from '../../src/db/imports';
import { StoreSettledContext } from '../../src/queries/store';
import { csvDraft } from '../support/drafts';
import { importClient } from '../../src/import/client';

const ROOT = path.resolve(__dirname, '../..');
const fixture = (rel: string) => new File([readFileSync(path.join(ROOT, rel))], path.basename(rel), { type: 'text/csv' });

let dbName = 0;

function renderImport(settled = true) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  const page = (isSettled: boolean) => (
    <QueryClientProvider client={client}>
      <StoreSettledContext.Provider value={isSettled}>
        <ImportSessionProvider>
          <MemoryRouter initialEntries={['/import']}>
            <ImportPage />
          </MemoryRouter>
        </ImportSessionProvider>
      </StoreSettledContext.Provider>
    </QueryClientProvider>
  );
  const view = render(page(settled));
  return { ...view, client, settle: () => view.rerender(page(true)) };
}

describe('ImportPage', () => {
  beforeEach(() => {
    resetDbForTests(`component-${dbName++}`);
  });

  // A whole import, history and undo through the in-memory store: about 3 s here, and 5 s on a loaded machine.
  it('previews the files, imports them on confirm, lists them in the history and undoes them', { timeout: 30_000 }, async () => {
    const user = userEvent.setup();
    const db = resetDbForTests(`component-${dbName++}`);
    renderImport();
    expect(await screen.findByText('No imports yet.')).toBeInTheDocument();

    await user.upload(screen.getByLabelText('Import data files'), [fixture('fixtures/seed-003/priorities.csv'), fixture('fixtures/seed-003/measures.csv')]);
    const measures = await screen.findByRole('region', { name: 'File measures.csv' });
    await waitFor(() => expect(within(measures).getByText(/records to add, 0 to update, 0 unchanged/)).toBeInTheDocument(), { timeout: 5000 });
    expect(within(measures).getByLabelText('Kind of data')).toHaveValue('measures');
    expect(within(screen.getByRole('region', { name: 'File priorities.csv' })).getByText('6 records to add, 0 to update, 0 unchanged')).toBeInTheDocument();
    expect(await db.measures.count()).toBe(0);

    const inAll = /^In all: ([\d,]+) records to add, 0 to update, 0 unchanged\.$/.exec(screen.getByText(/^In all:/).textContent ?? '')?.[1];
    expect(inAll).toBeDefined();
    const previews = vi.spyOn(importClient, 'preview');
    await user.click(screen.getByRole('button', { name: 'Confirm import of 2 files' }));
    // While it runs, the progress says what it is doing; then the outcome.
    // Said in the past tense, with what the preview said it would do.
    expect(await screen.findByText(`Imported 2 files into Children, Family Services and Education: ${inAll} records added, 0 updated, 0 unchanged.`, {}, { timeout: 5000 })).toHaveAttribute('role', 'status');
    const history = await screen.findByRole('table', { name: /Import history/ });
    await waitFor(() => expect(within(history).getAllByRole('row')).toHaveLength(3));
    // The files written are not checked again as the store changes under them.
    expect(previews).not.toHaveBeenCalled();
    expect(screen.queryByText(/^Checking rows/)).toBeNull();
    previews.mockRestore();
    expect(await db.measures.count()).toBe(80);
    expect(await db.priorities.count()).toBe(5);

    vi.spyOn(window, 'confirm').mockReturnValue(true);
    await user.click(within(history).getByRole('button', { name: 'Undo import of priorities.csv' }));
    await waitFor(() => expect(within(history).getAllByText(/^Undone/)).toHaveLength(2));
    expect(await db.measures.count()).toBe(0);
    expect(await db.priorities.count()).toBe(0);
    expect(await db.portfolios.count()).toBe(0);
  });

  it('waits for the sample still loading on a first visit, then checks the files against its dataset', { timeout: 30_000 }, async () => {
    const user = userEvent.setup();
    const db = resetDbForTests(`component-${dbName++}`);
    const { client, settle } = renderImport(false);
    await user.upload(screen.getByLabelText('Import data files'), fixture('fixtures/seed-003/measures.csv'));
    const measures = await screen.findByRole('region', { name: 'File measures.csv' });
    expect(await screen.findByText(/The sample data is still being loaded into this browser/)).toHaveAttribute('role', 'status');
    // No dataset is offered yet (it would be a new, empty one), nothing is checked, and nothing can be confirmed.
    expect(screen.queryByLabelText('Into dataset')).not.toBeInTheDocument();
    expect(within(measures).queryByText(/records to add/)).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Confirm import of 1 file' })).toBeDisabled();

    // The sample lands (its priorities name the dataset), and the page load's store is settled.
    const priorities = csvDraft('priorities.csv', readFileSync(path.join(ROOT, 'fixtures/seed-003/priorities.csv'), 'utf8'));
    const dataset = { id: 'children-family-services-and-education', name: 'Children, Family Services and Education' };
    const plans = await previewImport([priorities], dataset);
    await commitImport([priorities], dataset, plans.map((p) => p.total), 'sample', new Date());
    await client.invalidateQueries();
    settle();

    expect(await screen.findByLabelText('Into dataset')).toHaveDisplayValue('Children, Family Services and Education');
    await waitFor(() => expect(within(measures).getByText(/records to add, 0 to update, 0 unchanged/)).toBeInTheDocument(), { timeout: 5000 });
    expect(screen.queryByText(/The sample data is still being loaded/)).not.toBeInTheDocument();
    expect(screen.getByLabelText('Into dataset')).not.toHaveDisplayValue('Imported data');
    expect(await db.portfolios.count()).toBe(1);
  });

  // Generous waits: on one busy machine this test took from 1.7 to 15.6 s (two files written to the
  // in-memory IndexedDB while a third is read), and a wait of 5 s for the import failed.
  it('keeps a file dropped while others are being written, to be checked and confirmed in turn', { timeout: 90_000 }, async () => {
    const user = userEvent.setup();
    const db = resetDbForTests(`component-${dbName++}`);
    renderImport();
    await user.upload(screen.getByLabelText('Import data files'), [fixture('fixtures/seed-003/priorities.csv'), fixture('fixtures/seed-003/measures.csv')]);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Confirm import of 2 files' })).toBeEnabled(), { timeout: 30_000 });
    await user.click(screen.getByRole('button', { name: 'Confirm import of 2 files' }));
    // Dropped as the two are written.
    expect(screen.getByRole('button', { name: 'Importing…' })).toBeDisabled();
    await user.upload(screen.getByLabelText('Import data files'), fixture('fixtures/seed-003/reserves.csv'));
    expect(await screen.findByText(/^Imported 2 files into Children, Family Services and Education/, {}, { timeout: 30_000 })).toBeInTheDocument();
    // The file dropped meanwhile is still there, checked against the store as it now is.
    const reserves = await screen.findByRole('region', { name: 'File reserves.csv' });
    expect(screen.queryByRole('region', { name: 'File measures.csv' })).toBeNull();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Confirm import of 1 file' })).toBeEnabled(), { timeout: 5000 });
    expect(within(reserves).getByText(/records to (add|update)/)).toBeInTheDocument();
    expect(await db.measures.count()).toBe(80);
  });

  it('shows the error of a broken file with its row and column and writes nothing', async () => {
    const user = userEvent.setup();
    const db = resetDbForTests(`component-${dbName++}`);
    renderImport();
    await user.upload(screen.getByLabelText('Import data files'), fixture('test/fixtures/bad/measures-bad-cells.csv'));
    const alert = await within(await screen.findByRole('region', { name: 'File measures-bad-cells.csv' })).findByRole('alert');
    expect(alert).toHaveTextContent('measures-bad-cells.csv, row 3, column "2020/21 Actual": "12%%" is not a number this importer understands');
    expect(screen.getByRole('button', { name: 'Confirm import of 1 file' })).toBeDisabled();
    expect(await db.measures.count()).toBe(0);
    expect(await db.batches.count()).toBe(0);
  });

  it('lets the user override the kind and map an unrecognised column', async () => {
    const user = userEvent.setup();
    resetDbForTests(`component-${dbName++}`);
    renderImport();
    const csv = 'Period,Cost centre name,Net Cash Limit Budget £000\nAgreement 2021/22,SEN Transport,"3,248"\n';
    await user.upload(screen.getByLabelText('Import data files'), new File([csv], 'odd.csv'));
    const card = await screen.findByRole('region', { name: 'File odd.csv' });
    await user.selectOptions(within(card).getByLabelText('Kind of data'), 'budget');
    expect(await within(card).findByRole('alert')).toHaveTextContent('needs "Service"');
    await user.selectOptions(within(card).getByLabelText('Read column "Cost centre name" as'), 'field:service');
    await waitFor(() => expect(within(card).getByText('2 records to add, 0 to update, 0 unchanged')).toBeInTheDocument());
    expect(within(card).queryByRole('alert')).toBeNull();
  });
});
