import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { formatCount, formatMeasureValue } from '../../domain/format';
import { DEFAULT_FILTERS, hasOrder, queryRows, readFilters, rowIndexOf, sortedOrderInSteps, warmOrders, writeFilters } from '../../domain/measure-filters';
import type { RowIndex } from '../../domain/measure-filters';
import type { Flag, MeasureFilters, SortKey } from '../../domain/measure-filters';
import { changeWithDifference } from '../../domain/measure-rows';
import { runStepsBetweenTasks } from '../../domain/steps';
import type { MeasureRow } from '../../domain/measure-rows';
import { periodLabel, pointText, targetText } from '../../domain/measure-values';
import { POLARITY_WORDS, RAG_STATUSES } from '../../domain/rag';
import { shellSearch } from '../../domain/view';
import type { Measure, Priority } from '../../domain/types';
import { useCurrentView } from '../../queries/view';
import { useMeasureRows } from '../../queries/measures';
import { EmptyState, Loading, NoDataYet } from '../../ui/EmptyState';
import { RagTag } from '../../ui/RagTag';
import { DownloadCsv } from '../../ui/export';
import { afterPaint } from '../../ui/after-paint';
import { usePrinting } from '../../ui/printing';
import { latestParams } from '../../ui/latest-params';
import { SortHeader } from '../../ui/sort';
import { measureExportRows } from '../../domain/csv-export';

const POLARITY_TEXT = { High: 'High (higher is better)', Low: 'Low (lower is better)', Contextual: 'Contextual' } as const;

function Checkboxes<T extends string | number>({ legend, options, selected, onChange }: {
  legend: string;
  options: readonly { value: T; label: string }[];
  selected: T[];
  onChange: (next: T[]) => void;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={String(o.value)}>
          <input
            type="checkbox"
            checked={selected.includes(o.value)}
            onChange={(e) => onChange(e.target.checked ? [...selected, o.value] : selected.filter((v) => v !== o.value))}
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

const COLUMNS: { key: SortKey; label: string; num?: boolean }[] = [
  { key: 'code', label: 'Code' },
  { key: 'name', label: 'Measure' },
  { key: 'priority', label: 'Priority' },
  { key: 'actual', label: 'Actual (count)' },
  { key: 'target', label: 'Target' },
  { key: 'rag', label: 'RAG status' },
  { key: 'change', label: 'Change since previous' },
];

/** What the table says of a measure under its name: its type, how often it is reported, which way is good, and its flags. */
function aboutMeasure(m: Measure): string {
  const parts = [m.measureType && `${m.measureType} measure`, m.frequency && `reported ${m.frequency.toLowerCase()}`, POLARITY_WORDS[m.polarity], m.gms && 'GMS', m.corporate && 'Corporate', m.isNew && 'New measure'];
  return parts.filter(Boolean).join(' · ');
}

/** One measure's row; rendered again only when its row or the detail links' query change. */
const Row = memo(function Row({ row, search, position, measure }: { row: MeasureRow; search: string; position?: number; measure?: (el: HTMLTableRowElement | null) => void }) {
  const m = row.measure;
  const c = row.change;
  return (
    // When drawn in a window of rows, its position and its height as laid out (rows wrap to different heights).
    <tr aria-rowindex={position} data-index={position === undefined ? undefined : position - 2} ref={measure}>
      <th scope="row" className="code"><Link to={{ pathname: `/measures/${encodeURIComponent(m.code)}`, search }}>{m.code}</Link></th>
      <td>{m.name}<span className="hint block">{aboutMeasure(m)}</span></td>
      <td className="num">{m.priority === null ? '—' : <abbr title={row.priorityTitle}>{m.priority}</abbr>}</td>
      <td>
        {row.points.length > 0 ? row.points.map((p) => <span key={p.breakdown} className="block">{pointText(p, m)}</span>) : <span className="block">No figure</span>}
        <span className="hint block">{periodLabel(row.rating.period)}</span>
        {row.latestEarlier && <span className="hint block">Latest: {pointText(row.latestEarlier, m)}, {periodLabel(row.latestEarlier.period)}</span>}
      </td>
      <td>{row.targets.length === 0 ? 'No target' : row.targets.map((t) => <span key={t.breakdown} className="block">{targetText(t, m)}</span>)}</td>
      <td><RagTag status={row.rating.status} reason={row.rating.reason} /></td>
      <td>
        {c ? (
          <>
            <span className={c.reading === 'improved' ? 'improved' : c.reading === 'worsened' ? 'worsened' : undefined}>{c.reading === 'no change' ? 'No change' : `${c.reading[0]?.toUpperCase()}${c.reading.slice(1)}`}</span>
            <span className="block">{changeWithDifference(c, m.unit)}</span>
            <span className="hint block">from {formatMeasureValue(c.from, m.unit)} ({periodLabel(c.fromPeriod)})</span>
          </>
        ) : '—'}
      </td>
    </tr>
  );
});

/**
 * Rows drawn whole up to this count (a portfolio's measures, all in the page for reading aloud);
 * above it only those near the viewport are drawn, each with its position (aria-rowindex), and
 * empty spacer rows keep the scroll height. Printing draws every row.
 */
export const VIRTUAL_FROM_ROWS = 100;

/**
 * Rows of a table drawn whole in its first frame: about a screen's worth. The rest follow in the
 * task after that frame is painted, so the first figures are on screen without waiting for the
 * layout of every row below them; printed, every row is drawn at once.
 */
export const FIRST_ROWS = 20;

/** True once the table may draw every row (from its second frame, or at once when it is short or printed). */
function useEveryRow(count: number, printing: boolean): boolean {
  const [every, setEvery] = useState(count <= FIRST_ROWS);
  useEffect(() => (every ? undefined : afterPaint(() => setEvery(true))), [every]);
  return every || printing;
}

const Rows = memo(function Rows({ rows, search }: { rows: MeasureRow[]; search: string }) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [offset, setOffset] = useState(0);
  const printing = usePrinting();
  const every = useEveryRow(rows.length, printing);
  const virtual = rows.length > VIRTUAL_FROM_ROWS && !printing;
  // Where the body starts, for the virtualiser alone: measured, it lays the page out at once.
  useEffect(() => {
    if (virtual && bodyRef.current) setOffset(bodyRef.current.getBoundingClientRect().top + window.scrollY);
  }, [virtual]);
  // Keyed by measure, so a row's height as laid out follows it when the rows are sorted or filtered.
  const getItemKey = useCallback((i: number) => rows[i]?.measure.code ?? i, [rows]);
  const virtualizer = useWindowVirtualizer({ count: rows.length, estimateSize: () => 140, getItemKey, overscan: 2, scrollMargin: offset, enabled: virtual });
  if (!virtual) return <tbody ref={bodyRef}>{(every ? rows : rows.slice(0, FIRST_ROWS)).map((r) => <Row key={r.measure.code} row={r} search={search} />)}</tbody>;
  const items = virtualizer.getVirtualItems();
  const before = (items[0]?.start ?? offset) - offset;
  const after = virtualizer.getTotalSize() - ((items[items.length - 1]?.end ?? offset) - offset);
  return (
    <tbody ref={bodyRef}>
      {before > 0 && <tr aria-hidden="true" style={{ height: before }} />}
      {items.map((item) => {
        const r = rows[item.index];
        // Row 1 is the header row.
        return r ? <Row key={r.measure.code} row={r} search={search} position={item.index + 2} measure={virtualizer.measureElement} /> : null;
      })}
      {after > 0 && <tr aria-hidden="true" style={{ height: after }} />}
    </tbody>
  );
});

/** Longest run of idle-time sorting before the page is let in again: a keystroke then waits at most this long. */
const IDLE_WORK_MS = 10;

/** Computes the sorted orders not yet kept while the browser is idle, a few milliseconds at a time, so a column's first sort is already known. */
function useWarmOrders(index: RowIndex) {
  useEffect(() => {
    let handle = 0;
    const idle = window.requestIdleCallback ?? ((cb: IdleRequestCallback) => window.setTimeout(() => cb({ didTimeout: false, timeRemaining: () => 50 }), 200));
    const cancel = window.cancelIdleCallback ?? window.clearTimeout;
    const step = (deadline: IdleDeadline) => {
      const until = performance.now() + IDLE_WORK_MS;
      // Sorting pauses every millisecond or two, and stops before the idle time is over.
      if (warmOrders(index, () => performance.now() < until && deadline.timeRemaining() > 2)) handle = idle(step);
    };
    handle = idle(step);
    return () => cancel(handle);
  }, [index]);
}

/** Rows from which the table's first order is sorted a few milliseconds at a time before the table is drawn. */
export const ORDER_IN_STEPS_FROM = 1_000;

/** Rows whose table has been drawn: a later change of order is sorted as it is asked for (within a frame once warm). */
const drawn = new WeakSet<readonly MeasureRow[]>();

/**
 * True once the table may be drawn: at once for a short table, or once the order it opens in is
 * sorted, in steps, each a short task (sorting 25,000 measures by priority, then code, with the
 * collator took a task of about a tenth of a second as the table was first drawn).
 */
function useFirstOrder(rows: readonly MeasureRow[], sort: MeasureFilters['sort'], dir: MeasureFilters['dir']): boolean {
  const [, sorted] = useReducer((n: number) => n + 1, 0);
  const index = rowIndexOf(rows);
  const ready = rows.length < ORDER_IN_STEPS_FROM || drawn.has(rows) || hasOrder(index, sort, dir);
  useEffect(() => {
    if (ready) {
      drawn.add(rows);
      return undefined;
    }
    let stopped = false;
    void runStepsBetweenTasks(sortedOrderInSteps(index, sort, dir), () => stopped).then((order) => {
      if (order && !stopped) sorted();
    });
    return () => {
      stopped = true;
    };
  }, [ready, rows, index, sort, dir]);
  return ready;
}

/** How long typing pauses before the search is written to the address bar. */
const SEARCH_WRITE_MS = 300;

/**
 * The filters the table shows. A change is drawn at once, from the page's own state, and written to
 * the address bar just after it is painted (a search once typing pauses, or as the box loses focus),
 * so a keystroke or a click costs one render of the table rather than a navigation of the whole
 * page. Each change builds on the last one made, written or not, or else on the address bar as it is
 * (two quick changes, a filter then a sort, are both kept). A change of the address bar made
 * elsewhere (a link, Back, Clear filters) is shown once every change made here has been written.
 */
function useFiltersAhead(inUrl: MeasureFilters) {
  const navigate = useNavigate();
  const [ahead, setAhead] = useState<{ filters: MeasureFilters; written: boolean } | null>(null);
  const [seen, setSeen] = useState(inUrl);
  if (seen !== inUrl) {
    setSeen(inUrl);
    if (ahead?.written) setAhead(null);
  }
  const pending = useRef<MeasureFilters | null>(null);
  const cancel = useRef<() => void>(() => {});
  const write = useCallback(() => {
    cancel.current();
    const next = pending.current;
    if (!next) return;
    pending.current = null;
    navigate({ search: `?${writeFilters(latestParams(), next).toString()}` }, { replace: true });
    setAhead((a) => (a?.filters === next ? { filters: next, written: true } : a));
  }, [navigate]);
  const change = useCallback((partial: Partial<MeasureFilters>) => {
    const next = { ...(pending.current ?? readFilters(latestParams()).filters), ...partial };
    pending.current = next;
    setAhead({ filters: next, written: false });
    cancel.current();
    if (Object.keys(partial).length === 1 && 'q' in partial) {
      const timer = window.setTimeout(write, SEARCH_WRITE_MS);
      cancel.current = () => window.clearTimeout(timer);
    } else {
      cancel.current = afterPaint(write);
    }
  }, [write]);
  useEffect(() => () => cancel.current(), []);
  return { filters: ahead?.filters ?? inUrl, change, flush: write };
}

type Change = (partial: Partial<MeasureFilters>) => void;

const RAG_OPTIONS = RAG_STATUSES.map((s) => ({ value: s, label: s }));
const TYPE_OPTIONS = (['Council', 'Partnership', 'Contextual'] as const).map((v) => ({ value: v, label: v }));
const POLARITY_OPTIONS = (['High', 'Low', 'Contextual'] as const).map((v) => ({ value: v, label: POLARITY_TEXT[v] }));
const FREQ_OPTIONS = (['Annually', 'Quarterly', 'Termly', 'Monthly'] as const).map((v) => ({ value: v, label: v }));
const FLAG_OPTIONS: { value: Flag; label: string }[] = [{ value: 'gms', label: 'GMS indicator' }, { value: 'corporate', label: 'Corporate report' }, { value: 'new', label: 'New measure' }];

/** The filter checkboxes: drawn again when a choice changes, not as the search box is typed in. */
const Facets = memo(function Facets({ rag, priority, type, polarity, freq, flag, priorities, change }: Omit<MeasureFilters, 'q' | 'sort' | 'dir'> & { priorities: readonly Priority[]; change: Change }) {
  const priorityOptions = useMemo(() => priorities.map((p) => ({ value: p.number, label: `${p.number}. ${p.shortTitle || p.title}` })), [priorities]);
  return (
    <>
      <Checkboxes legend="RAG status" options={RAG_OPTIONS} selected={rag} onChange={(next) => change({ rag: next })} />
      <Checkboxes legend="Priority" options={priorityOptions} selected={priority} onChange={(next) => change({ priority: next })} />
      <Checkboxes legend="Measure type" options={TYPE_OPTIONS} selected={type} onChange={(next) => change({ type: next })} />
      <Checkboxes legend="Good performance" options={POLARITY_OPTIONS} selected={polarity} onChange={(next) => change({ polarity: next })} />
      <Checkboxes legend="Reported" options={FREQ_OPTIONS} selected={freq} onChange={(next) => change({ freq: next })} />
      <Checkboxes legend="Flags" options={FLAG_OPTIONS} selected={flag} onChange={(next) => change({ flag: next })} />
    </>
  );
});

/** The header row: a button a column to sort by it. */
const SortHeaders = memo(function SortHeaders({ sort, dir, change }: { sort: SortKey; dir: 'asc' | 'desc'; change: Change }) {
  return (
    <tr>
      {COLUMNS.map(({ key, label }) => (
        <SortHeader key={key} label={label} active={sort === key} dir={dir} onSort={(next) => change({ sort: key, dir: next })} />
      ))}
    </tr>
  );
});

export function MeasuresPage() {
  const view = useCurrentView();
  const { rows, isLoading, priorities } = useMeasureRows(view);
  const [params] = useSearchParams();
  const { filters: inUrl, ignored } = useMemo(() => readFilters(params), [params]);
  const ordered = useFirstOrder(rows, inUrl.sort, inUrl.dir);

  if (view.dataset === null) return <NoDataYet heading="Measures" title="No measures yet" />;
  if (isLoading || !ordered) return <Loading what="measures" />;
  if (rows.length === 0) return <><h1>Measures</h1><EmptyState title="This dataset has no measures yet" /></>;

  // The shell's part of the address (dataset, period, fingerprint), as every page's links carry it:
  // a measure's page opens with the fingerprint rather than adding it as it opens (a second navigation).
  const detailSearch = shellSearch(params);
  const period = view.period ? periodLabel(view.period) : '';

  return (
    <>
      <h1>Measures</h1>
      <p className="lead">
        Every measure rated for <strong>{period || 'the latest period'}</strong>: the figure, the target for that year, the RAG status
        (hover or focus it for the reason) and the change since the previous figure.
      </p>
      {ignored.length > 0 && <div className="notice notice-warning" role="status">Parts of this link were not understood and were ignored: {ignored.join(', ')}.</div>}
      <FilteredMeasures rows={rows} priorities={priorities} inUrl={inUrl} period={period} detailSearch={detailSearch} />
    </>
  );
}

/** The filters and the table they filter: a keystroke or a click draws this again, not the page around it. */
const FilteredMeasures = memo(function FilteredMeasures({ rows, priorities, inUrl, period, detailSearch }: {
  rows: MeasureRow[];
  priorities: readonly Priority[];
  inUrl: MeasureFilters;
  period: string;
  detailSearch: string;
}) {
  const { filters, change, flush } = useFiltersAhead(inUrl);
  // Indexed once per set of rows; each filter or sort then walks a kept order by position.
  const index = useMemo(() => rowIndexOf(rows), [rows]);
  useWarmOrders(index);
  const shown = useMemo(() => queryRows(index, filters), [index, filters]);
  const filtered = shown.length !== rows.length;
  return (
    <div className="filters-layout">
      <form className="filters" aria-label="Filter measures" onSubmit={(e) => e.preventDefault()}>
        <h2>Filter</h2>
        <p>
          <label htmlFor="measure-search"><strong>Code or name</strong></label>
          <input id="measure-search" type="search" value={filters.q} onChange={(e) => change({ q: e.target.value })} onBlur={flush} />
        </p>
        <Facets rag={filters.rag} priority={filters.priority} type={filters.type} polarity={filters.polarity} freq={filters.freq} flag={filters.flag} priorities={priorities} change={change} />
        {filtered && <button type="button" className="button-secondary" onClick={() => change({ ...DEFAULT_FILTERS, sort: filters.sort, dir: filters.dir })}>Clear filters</button>}
      </form>
      <div className="table-scroll">
        <table className="table measures" aria-rowcount={shown.length > VIRTUAL_FROM_ROWS ? shown.length + 1 : undefined}>
          <caption>
            {filtered ? `${formatCount(shown.length)} of ${formatCount(rows.length)} measures` : `All ${formatCount(rows.length)} measures`}, {period}
            {filters.rag.length > 0 && `; RAG: ${filters.rag.join(', ')}`}
            {filters.priority.length > 0 && `; priority ${filters.priority.join(', ')}`}
          </caption>
          <colgroup>{COLUMNS.map((c) => <col key={c.key} className={`col-${c.key === 'name' ? 'measure' : c.key}`} />)}</colgroup>
          <thead><SortHeaders sort={filters.sort} dir={filters.dir} change={change} /></thead>
          <Rows rows={shown} search={detailSearch} />
        </table>
        {shown.length === 0 && <p>No measures match these filters.</p>}
        <div className="export-actions">
          <DownloadCsv filename="measures.csv" rows={() => measureExportRows(shown)} label={shown.length === 1 ? 'Download this measure (CSV)' : `Download these ${formatCount(shown.length)} measures (CSV)`} />
        </div>
      </div>
    </div>
  );
});
