import { NavLink, Outlet, useSearchParams } from 'react-router-dom';
import { shellSearch } from '../../domain/view';

const PAGES = [
  { to: '/resources', label: 'Revenue budget', end: true },
  { to: '/resources/bridge', label: 'Budget bridge', end: false },
  { to: '/resources/variance', label: 'Forecast and variance', end: false },
  { to: '/resources/reserves', label: 'Reserves', end: false },
  { to: '/resources/savings', label: 'Savings', end: false },
  { to: '/resources/capital', label: 'Capital', end: false },
];

export function ResourcesLayout() {
  const [params] = useSearchParams();
  const keep = shellSearch(params);
  return (
    <>
      <nav className="subnav" aria-label="Resources">
        <ul>{PAGES.map((p) => <li key={p.to}><NavLink to={{ pathname: p.to, search: keep }} end={p.end}>{p.label}</NavLink></li>)}</ul>
      </nav>
      <Outlet />
    </>
  );
}
