import { readFileSync } from 'node:fs';
import path from 'node:path';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { mapColumnsWithRows } from '../../src/domain/import/headers';
import { decodeText, readCsv } from '../../src/domain/import/read-table';
import { summariseStatistics } from '../../src/domain/stats';
import type { StatsChoices, StatsSummary } from '../../src/domain/stats';
import { StatisticsChoices } from '../../src/features/import/StatisticsChoices';

const FILE = 'ees-children-looked-after.csv';

function summary(): StatsSummary {
  const decoded = decodeText(FILE, new Uint8Array(readFileSync(path.resolve(__dirname, '../fixtures/stats', FILE))));
  if ('error' in decoded) throw new Error(decoded.error);
  const result = readCsv(FILE, decoded.text);
  if (!result.ok) throw new Error('unreadable fixture');
  return summariseStatistics(result.table, mapColumnsWithRows('statistics', result.table.headers, result.table.rows), FILE);
}

const SUMMARY = summary();

const MEASURES = [
  { code: 'CFSE.4', name: 'Children looked after (rate per 10,000)', unit: 'per 10,000' },
  { code: 'CFSE.5', name: 'Children looked after (number)', unit: 'number' },
];
const RATE = JSON.stringify(['rate_per_10000', [['characteristic', 'Total']]]);

/** Holds the choices as the import page would, and shows the latest for the test to read. */
function Harness({ initial, seen }: { initial: StatsChoices; seen: StatsChoices[] }) {
  const [choices, setChoices] = useState(initial);
  return (
    <StatisticsChoices
      file={FILE}
      summary={SUMMARY}
      choices={choices}
      measures={MEASURES}
      onChange={(next) => {
        seen.push(next);
        setChoices(next);
      }}
    />
  );
}

const empty = (): StatsChoices => ({ authority: null, indicators: {} });

describe('StatisticsChoices', () => {
  it('finds the authority by old LA number and says in words who it is, with its codes and region', async () => {
    const seen: StatsChoices[] = [];
    render(<Harness initial={empty()} seen={seen} />);
    expect(screen.getByText(/No authority chosen yet/)).toBeInTheDocument();
    const input = screen.getByLabelText('Authority');
    await userEvent.type(input, '356');
    expect(seen.at(-1)?.authority).toBe('356');
    const status = screen.getByText(/^Chosen:/);
    expect(status).toHaveTextContent('Chosen: Stockport, code E08000007 (earlier code 356), in the North West region (E12000002).');
    expect(status).toHaveTextContent("England's and the North West region's as comparators");
  });

  it('lists every authority as "Name (code)" to pick from, and says when the text matches none', async () => {
    const { container } = render(<Harness initial={empty()} seen={[]} />);
    const options = [...container.querySelectorAll('datalist option')].map((o) => o.getAttribute('value'));
    expect(options).toEqual([
      'Gateshead (E08000037)', 'Liverpool (E08000012)', 'Manchester (E08000003)', 'Newcastle upon Tyne (E08000021)', 'Stockport (E08000007)', 'Trafford (E08000009)',
    ]);
    await userEvent.type(screen.getByLabelText('Authority'), 'Bury');
    expect(screen.getByText(/No authority in this file matches “Bury”/)).toBeInTheDocument();
  });

  it('shows each indicator with its unit, periods and rows, and maps one to a measure', async () => {
    const seen: StatsChoices[] = [];
    render(<Harness initial={{ authority: 'Stockport', indicators: {} }} seen={seen} />);
    const table = screen.getByRole('table', { name: /Indicators in ees-children-looked-after.csv \(none chosen to import yet\)/ });
    const row = within(table).getByRole('row', { name: /rate_per_10000 · characteristic: Total/ });
    expect(row).toHaveTextContent('per 10,000');
    expect(row).toHaveTextContent('2021/22, 2022/23, 2023/24');
    expect(row).toHaveTextContent('27');
    const select = screen.getByLabelText('Measure fed by rate_per_10000 · characteristic: Total');
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Not imported', 'CFSE.4 – Children looked after (rate per 10,000)', 'CFSE.5 – Children looked after (number)', 'A new measure…',
    ]);
    await userEvent.selectOptions(select, 'CFSE.4 – Children looked after (rate per 10,000)');
    expect(seen.at(-1)).toEqual({ authority: 'Stockport', indicators: { [RATE]: 'CFSE.4' } });
    expect(screen.getByRole('table', { name: /1 indicator to import/ })).toBeInTheDocument();
    await userEvent.selectOptions(select, 'Not imported');
    expect(seen.at(-1)).toEqual({ authority: 'Stockport', indicators: { [RATE]: null } });
  });

  it('creates a new measure from its code, name and polarity, with the indicator\'s unit', async () => {
    const seen: StatsChoices[] = [];
    render(<Harness initial={{ authority: 'Stockport', indicators: {} }} seen={seen} />);
    await userEvent.selectOptions(screen.getByLabelText('Measure fed by rate_per_10000 · characteristic: Total'), 'A new measure…');
    const group = screen.getByRole('group', { name: 'New measure for rate_per_10000 · characteristic: Total' });
    expect(seen.at(-1)?.indicators[RATE]).toBeNull();
    await userEvent.type(within(group).getByLabelText('PI code'), 'CLA.1');
    const name = within(group).getByLabelText('Name');
    await userEvent.clear(name);
    await userEvent.type(name, 'Children looked after rate');
    await userEvent.selectOptions(within(group).getByLabelText('Good performance'), 'Lower is better');
    expect(seen.at(-1)).toEqual({
      authority: 'Stockport',
      indicators: { [RATE]: 'CLA.1' },
      newMeasures: { 'CLA.1': { name: 'Children looked after rate', unit: 'per 10,000', polarity: 'Low' } },
    });
    await userEvent.selectOptions(screen.getByLabelText('Measure fed by rate_per_10000 · characteristic: Total'), 'Not imported');
    expect(seen.at(-1)).toEqual({ authority: 'Stockport', indicators: { [RATE]: null } });
    expect(screen.queryByRole('group')).not.toBeInTheDocument();
  });
});
