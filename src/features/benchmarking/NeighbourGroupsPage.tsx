// Neighbour groups: list them with their members, make, rename and delete them, add and remove
// members from the authorities the stored national files name, and choose which group is the
// council's statistical neighbours. `?group=<name>` is the group being edited, `q` the search.
import { useId, useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { isStatisticalNeighbourGroup, STATISTICAL_NEIGHBOURS } from '../../domain/benchmark';
import type { NeighbourGroup } from '../../domain/types';
import { useBenchmarkAuthorities, useEditGroups, useNeighbourGroups } from '../../queries/benchmark';
import type { GroupEdit } from '../../queries/benchmark';
import { Loading } from '../../ui/EmptyState';

type Authority = { code: string; name: string; oldCodes: string[]; regionName: string | null };

function nameOf(code: string, authorities: readonly Authority[]): string {
  return authorities.find((a) => a.code === code || a.oldCodes.includes(code))?.name ?? code;
}

export function NeighbourGroupsPage() {
  const [params, setParams] = useSearchParams();
  const groups = useNeighbourGroups();
  const authorities = useBenchmarkAuthorities();
  const edit = useEditGroups();
  const [message, setMessage] = useState<string | null>(null);
  const [newName, setNewName] = useState('');
  const newId = useId();
  const list = groups.data ?? [];
  const known = authorities.data ?? [];
  const selected = list.find((g) => g.name === params.get('group')) ?? null;

  const run = (change: GroupEdit, done: string, next?: (p: URLSearchParams) => void) => {
    setMessage(null);
    edit.mutate(change, {
      onSuccess: () => {
        setMessage(done);
        if (next) {
          const p = new URLSearchParams(params);
          next(p);
          setParams(p);
        }
      },
      onError: (e) => setMessage(e instanceof Error ? e.message : String(e)),
    });
  };
  const select = (name: string | null) => {
    const p = new URLSearchParams(params);
    if (name) p.set('group', name);
    else p.delete('group');
    p.delete('q');
    setParams(p);
  };

  if (groups.isLoading) return <Loading what="the neighbour groups" />;

  const create = (e: FormEvent) => {
    e.preventDefault();
    const name = newName.trim();
    run({ op: 'create', name }, `Group "${name}" created.`, (p) => p.set('group', name));
    setNewName('');
  };

  return (
    <>
      <h1>Neighbour groups</h1>
      <p className="lead">
        Groups of authorities a measure&apos;s figures are compared with. The group named &ldquo;{STATISTICAL_NEIGHBOURS}&rdquo; is the council&apos;s
        statistical neighbours: where the council&apos;s own report gives no statistical neighbours figure, that group&apos;s mean (from the national
        statistics files) stands in for it, and Comparator targets are rated against it before England.
      </p>
      {message && <p className="notice" role="status">{message}</p>}
      {known.length === 0 && <p className="notice notice-warning">No national statistics file is stored yet, so members are shown by code and cannot be picked from a list. Import a file on the Import page.</p>}

      <form className="group-form" onSubmit={create}>
        <label htmlFor={newId}>Name of a new group</label>
        <input id={newId} type="text" value={newName} maxLength={80} onChange={(e) => setNewName(e.target.value)} />
        <button type="submit" className="button" disabled={newName.trim() === '' || edit.isPending}>Create group</button>
      </form>

      {list.length === 0 ? <p>There are no neighbour groups yet.</p> : (
        <ul className="group-list">
          {list.map((g) => (
            <li key={g.name} className="group-card" aria-label={`Group ${g.name}`}>
              <h2>{g.name}{isStatisticalNeighbourGroup(g) && <>{' '}<span className="tag tag-green group-sn">Counts as the statistical neighbours</span></>}</h2>
              <p className="hint">{g.members.length} member{g.members.length === 1 ? '' : 's'}: {g.members.length === 0 ? 'none yet' : g.members.map((m) => nameOf(m, known)).sort((a, b) => a.localeCompare(b)).join(', ')}</p>
              {selected?.name === g.name
                ? <button type="button" className="button-secondary" onClick={() => select(null)}>Close editing of {g.name}</button>
                : <button type="button" className="button-secondary" onClick={() => select(g.name)}>Edit {g.name}</button>}
              {selected?.name === g.name && <GroupEditor group={g} known={known} run={run} pending={edit.isPending} />}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function GroupEditor({ group, known, run, pending }: { group: NeighbourGroup; known: readonly Authority[]; run: (c: GroupEdit, done: string, next?: (p: URLSearchParams) => void) => void; pending: boolean }) {
  const [params, setParams] = useSearchParams();
  const [rename, setRename] = useState(group.name);
  const renameId = useId();
  const searchId = useId();
  const q = params.get('q') ?? '';
  const matches = useMemo(() => {
    const t = q.trim().toLowerCase();
    if (!t) return [];
    return known.filter((a) => !group.members.includes(a.code) && (a.name.toLowerCase().includes(t) || a.code.toLowerCase().includes(t) || a.oldCodes.some((c) => c.toLowerCase() === t))).slice(0, 25);
  }, [q, known, group.members]);
  const setQ = (value: string) => {
    const p = new URLSearchParams(params);
    if (value) p.set('q', value);
    else p.delete('q');
    setParams(p, { replace: true });
  };
  const sn = isStatisticalNeighbourGroup(group);

  return (
    <div className="group-editor">
      <form onSubmit={(e) => { e.preventDefault(); run({ op: 'rename', from: group.name, to: rename }, `Group "${group.name}" renamed "${rename.trim()}".`, (p) => p.set('group', rename.trim())); }}>
        <label htmlFor={renameId}>Rename {group.name}</label>
        <input id={renameId} type="text" value={rename} maxLength={80} onChange={(e) => setRename(e.target.value)} />
        <button type="submit" className="button-secondary" disabled={pending || rename.trim() === '' || rename.trim() === group.name}>Rename</button>
      </form>
      <p>
        {sn
          ? <>This group is the council&apos;s statistical neighbours.</>
          : <button type="button" className="button-secondary" disabled={pending} onClick={() => run({ op: 'statistical-neighbours', name: group.name }, `"${group.name}" is now the statistical neighbours group (renamed "${STATISTICAL_NEIGHBOURS}"); the group that was is now "Former statistical neighbours".`, (p) => p.set('group', STATISTICAL_NEIGHBOURS))}>Make {group.name} the statistical neighbours group</button>}
        {' '}
        <button type="button" className="button-warning" disabled={pending} onClick={() => { if (window.confirm(`Delete the group "${group.name}"? Its members are not affected.`)) run({ op: 'delete', name: group.name }, `Group "${group.name}" deleted.`, (p) => { p.delete('group'); p.delete('q'); }); }}>Delete {group.name}</button>
      </p>

      <table className="table summary">
        <caption>Members of {group.name}</caption>
        <thead><tr><th scope="col">Authority</th><th scope="col">Code</th><th scope="col"><span className="visually-hidden">Action</span></th></tr></thead>
        <tbody>
          {group.members.length === 0 && <tr><td colSpan={3}>No members yet: search below to add some.</td></tr>}
          {group.members.map((m) => (
            <tr key={m}>
              <th scope="row">{nameOf(m, known)}</th>
              <td className="code">{m}</td>
              <td><button type="button" className="button-secondary" disabled={pending} onClick={() => run({ op: 'members', name: group.name, add: [], remove: [m] }, `${nameOf(m, known)} removed from ${group.name}.`)}>Remove {nameOf(m, known)}</button></td>
            </tr>
          ))}
        </tbody>
      </table>

      <label htmlFor={searchId}>Find an authority to add (name or code)</label>
      <input id={searchId} type="search" value={q} onChange={(e) => setQ(e.target.value)} disabled={known.length === 0} />
      {q.trim() !== '' && (
        matches.length === 0 ? <p role="status">No authority outside the group matches &ldquo;{q}&rdquo;.</p> : (
          <ul className="group-matches" aria-label="Authorities found">
            {matches.map((a) => (
              <li key={a.code}>
                <button type="button" className="button-secondary" disabled={pending} onClick={() => run({ op: 'members', name: group.name, add: [a.code], remove: [] }, `${a.name} added to ${group.name}.`)}>Add {a.name}</button>
                {' '}<span className="hint">{a.code}{a.regionName ? ` · ${a.regionName}` : ''}</span>
              </li>
            ))}
          </ul>
        )
      )}
    </div>
  );
}
