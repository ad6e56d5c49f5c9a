// Sorting a table by a column, kept in the URL (`sort`, `dir`) like every other view choice.
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { latestParams } from './latest-params';

export interface SortState<K extends string> {
  sort: K;
  dir: 'asc' | 'desc';
  header: (key: K, label: string, className?: string) => ReactNode;
}

/** A column's header cell: a button that sorts by the column, saying in words how it is sorted now. */
export function SortHeader({ label, active, dir, onSort, className }: {
  label: string;
  active: boolean;
  dir: 'asc' | 'desc';
  /** Told the direction to sort in next. */
  onSort: (next: 'asc' | 'desc') => void;
  className?: string | undefined;
}) {
  return (
    <th scope="col" className={className} aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="sort-button" onClick={() => onSort(active && dir === 'asc' ? 'desc' : 'asc')}>
        {label}{active && <span aria-hidden="true">{dir === 'asc' ? ' ▲' : ' ▼'}</span>}
        <span className="visually-hidden">{active ? `, sorted ${dir === 'asc' ? 'ascending' : 'descending'}` : ', sort'}</span>
      </button>
    </th>
  );
}

export function useUrlSort<K extends string>(keys: readonly K[], fallback: K, fallbackDir: 'asc' | 'desc' = 'asc'): SortState<K> {
  const [params, setParams] = useSearchParams();
  const raw = params.get('sort');
  const sort = keys.find((k) => k === raw) ?? fallback;
  const dir = params.get('dir') === 'desc' ? 'desc' : params.get('dir') === 'asc' ? 'asc' : sort === fallback ? fallbackDir : 'asc';
  const header = (key: K, label: string, className?: string) => (
    <SortHeader
      key={key}
      label={label}
      className={className}
      active={key === sort}
      dir={dir}
      onSort={(next) => {
        const p = latestParams();
        p.set('sort', key);
        p.set('dir', next);
        setParams(p, { replace: true });
      }}
    />
  );
  return { sort, dir, header };
}

const collator = new Intl.Collator('en-GB', { numeric: true });

/** Sorts by a key function; nulls last whichever the direction. */
export function sortBy<T>(rows: readonly T[], key: (r: T) => number | string | null, dir: 'asc' | 'desc'): T[] {
  const d = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === null && y === null) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return (typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y))) * d;
  });
}
