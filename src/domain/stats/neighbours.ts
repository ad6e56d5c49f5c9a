// A neighbour list (group, authority code and/or name, rank) → named groups of authorities,
// such as a council's statistical neighbours, for the benchmark charts.
import { emptyStaged } from '../records';
import type { Staged } from '../records';
import type { ColumnRole } from '../import/headers';
import type { ImportIssue } from '../import/issues';
import type { MapContext } from '../import/map-rows';
import type { RawTable } from '../import/read-table';
import { foldName } from './scan';

/** Reads a neighbour list: members by code; by name (resolved through ctx.knownAreas if it can be) only when the file has no code column. */
export function mapNeighbours(table: RawTable, roles: readonly ColumnRole[], ctx: MapContext): { staged: Staged; issues: ImportIssue[] } {
  const staged = emptyStaged();
  const issues: ImportIssue[] = [];
  const col = (key: string): number => roles.findIndex((r) => r.type === 'field' && r.key === key);
  const c = { group: col('group'), code: col('laCode'), old: col('oldLaCode'), name: col('laName'), rank: col('rank') };
  const header = (i: number): string => table.headers[i] ?? '';
  const issue = (level: ImportIssue['level'], row: number | null, column: string | null, message: string): void => { issues.push({ level, file: ctx.file, row, column, message }); };
  const groups = new Map<string, { row: number; members: { code: string; rank: number; order: number; row: number }[] }>();
  const unresolved: string[] = [];
  table.rows.forEach((cells, i) => {
    const row = table.rowNumbers[i] ?? i + 2;
    const get = (k: number): string => (k < 0 ? '' : (cells[k] ?? '').trim());
    const group = get(c.group);
    if (group === '') {
      issue('error', row, header(c.group), 'The group is empty: say which group of neighbours the authority belongs to.');
      return;
    }
    let code = get(c.code) || get(c.old);
    const name = get(c.name);
    if (code === '') {
      if (c.code >= 0 || c.old >= 0) {
        issue('error', row, header(c.code >= 0 ? c.code : c.old), `The authority code is empty${name ? ` for ${name}` : ''}.`);
        return;
      }
      if (name === '') {
        issue('error', row, header(c.name), 'The authority is empty.');
        return;
      }
      const known = ctx.knownAreas?.get(foldName(name));
      if (known) code = known;
      else {
        code = name;
        if (unresolved.length < 5) unresolved.push(`${name} (row ${row})`);
      }
    }
    const rankText = get(c.rank);
    const rank = rankText === '' ? Infinity : Number(rankText);
    if (Number.isNaN(rank)) issue('warning', row, header(c.rank), `"${rankText}" is not a rank; the authority is listed in file order.`);
    const g = groups.get(group) ?? { row, members: [] };
    groups.set(group, g);
    const twice = g.members.find((m) => m.code.toLowerCase() === code.toLowerCase());
    if (twice) {
      issue('warning', row, null, `${name || code} is already in the group "${group}" (row ${twice.row}); it was read once.`);
      return;
    }
    g.members.push({ code, rank: Number.isNaN(rank) ? Infinity : rank, order: i, row });
  });
  if (unresolved.length > 0) {
    issue('warning', null, header(c.name), `The file names its authorities without codes, and ${unresolved.join(', ')}${unresolved.length === 5 ? ' and maybe others' : ''} could not be matched to a code; they are kept by name and match only a statistics file that spells them the same.`);
  }
  for (const [name, g] of groups) {
    const members = [...g.members].sort((a, b) => a.rank - b.rank || a.order - b.order).map((m) => m.code);
    staged.neighbourGroups.push({ name, members, batchId: ctx.batchId });
  }
  return { staged, issues };
}
