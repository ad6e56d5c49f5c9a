import { memo, useCallback, useEffect, useId, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { COMPARATORS, FILE_KINDS, KIND_FIELDS, KIND_LABELS, readPeriodHeader } from '../../domain/import/headers';
import type { ColumnRole, FileKind } from '../../domain/import/headers';
import { describeIssue } from '../../domain/import/issues';
import type { ImportIssue } from '../../domain/import/issues';
import type { Counts } from '../../domain/import/plan';
import type { BatchKind } from '../../domain/import/stage';
import { TABLE_LABELS, changedTables, slug } from '../../domain/records';
import { formatBytes, formatCount, formatDateTime } from '../../domain/format';
import {
  SETTING, describeWriteError, useBatches, useBenchmarkAuthority, useCommitImport, useDataset, useImportPreview, usePortfolios,
  useStatisticsSummary, useStoreSettled, useUndoImport,
} from '../../queries/store';
import { findAuthority } from '../../domain/stats';
import type { StatsChoices } from '../../domain/stats';
import { StatisticsChoices } from './StatisticsChoices';
import { ACCEPTED } from '../../import/protocol';
import type { PlanSummary } from '../../import/protocol';
import { ImportProgressBar } from './ImportProgressBar';
import { choicesOf, choicesSignature, useImportSession } from './session';
import type { PendingFile } from './session';

const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;

/** What an import did, once done: "510,509 records added, 0 updated, 0 unchanged". */
function doneText(c: Counts): string {
  return `${plural(c.add, 'record')} added, ${formatCount(c.update)} updated, ${formatCount(c.unchanged)} unchanged${c.remove > 0 ? `, ${formatCount(c.remove)} removed` : ''}`;
}

function countsText(c: Counts): string {
  return `${plural(c.add, 'record')} to add, ${formatCount(c.update)} to update, ${formatCount(c.unchanged)} unchanged${c.remove > 0 ? `, ${formatCount(c.remove)} to remove` : ''}`;
}

const BATCH_LABELS: Record<BatchKind, string> = { ...KIND_LABELS, snapshot: 'Snapshot (a shared view)', backup: 'Backup of everything' };

function roleValue(role: ColumnRole): string {
  switch (role.type) {
    case 'field':
      return `field:${role.key}`;
    case 'period':
      return `period:${role.role}:${role.period}`;
    case 'comparator':
      return `comparator:${role.name}`;
    case 'filter':
      return 'filter';
    case 'indicator':
      return 'indicator';
    default:
      return 'ignore';
  }
}

function roleFromValue(value: string): ColumnRole {
  const [type, a = '', b = ''] = value.split(':');
  if (type === 'field') return { type: 'field', key: a };
  if (type === 'period') return { type: 'period', role: a === 'target' ? 'target' : 'actual', period: value.slice(`period:${a}:`.length) || b };
  if (type === 'comparator') return { type: 'comparator', name: a };
  if (type === 'filter') return { type: 'filter' };
  if (type === 'indicator') return { type: 'indicator' };
  return { type: 'ignore' };
}

function ColumnMapping({ file }: { file: PendingFile }) {
  const { setRole } = useImportSession();
  if (!file.table || !file.kind) return null;
  const kind = file.kind;
  const headers = file.table.headers;
  const unread = file.roles.filter((r) => r.type === 'ignore').length;
  return (
    <details className="mapping" open={unread > 0 && file.roles.every((r) => r.type === 'ignore') ? true : undefined}>
      <summary>How the columns are read ({plural(headers.length - unread, 'column')} read, {unread} not used)</summary>
      <table className="table">
        <caption className="visually-hidden">Column mapping for {file.name}</caption>
        <thead>
          <tr><th scope="col">Column in the file</th><th scope="col">Read as</th><th scope="col">First value</th></tr>
        </thead>
        <tbody>
          {headers.map((h, i) => {
            const role = file.roles[i] ?? { type: 'ignore' };
            const period = kind === 'measures' ? readPeriodHeader(h) : null;
            return (
              <tr key={`${i}-${h}`}>
                <th scope="row">{h || <em>(blank header)</em>}</th>
                <td>
                  <select aria-label={`Read column "${h}" as`} value={roleValue(role)} onChange={(e) => setRole(file.id, i, roleFromValue(e.target.value))}>
                    <option value="ignore">Not used</option>
                    {KIND_FIELDS[kind].map((fd) => (
                      <option key={fd.key} value={`field:${fd.key}`}>{fd.label}{fd.required ? ' (required)' : ''}</option>
                    ))}
                    {period && <option value={`period:actual:${period.period}`}>{period.period} actual</option>}
                    {period && <option value={`period:target:${period.period}`}>{period.period} target</option>}
                    {kind === 'observations' && Object.keys(COMPARATORS).map((name) => <option key={name} value={`comparator:${name}`}>Comparator: {name}</option>)}
                    {kind === 'statistics' && <option value="filter">Filter (words that qualify the figures)</option>}
                    {kind === 'statistics' && <option value="indicator">Indicator (figures)</option>}
                  </select>
                </td>
                <td className="raw">{file.table?.firstRow[i] ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </details>
  );
}

/** A file's messages; `more` counts those the engine held back (it sends the first few hundred). */
function IssueList({ issues, rowWord, more }: { issues: ImportIssue[]; rowWord: 'row' | 'item'; more: { errors: number; warnings: number } }) {
  const errors = issues.filter((i) => i.level === 'error');
  const warnings = issues.filter((i) => i.level === 'warning');
  const errorCount = errors.length + more.errors;
  const warningCount = warnings.length + more.warnings;
  const [showAll, setShowAll] = useState(false);
  const limit = showAll ? Infinity : 20;
  return (
    <>
      {errors.length > 0 && (
        <div className="error-summary" role="alert">
          <h4>{plural(errorCount, 'error')}: this file cannot be imported until {errorCount === 1 ? 'it is' : 'they are'} fixed</h4>
          <ul>{errors.slice(0, limit).map((e, i) => <li key={i}>{describeIssue(e, rowWord)}</li>)}</ul>
        </div>
      )}
      {warnings.length > 0 && (
        <div className="warning-summary">
          <h4>{plural(warningCount, 'warning')}</h4>
          <ul>{warnings.slice(0, limit).map((w, i) => <li key={i}>{describeIssue(w, rowWord)}</li>)}</ul>
        </div>
      )}
      {errors.length + warnings.length > 20 && !showAll && (
        <button type="button" className="button-secondary" onClick={() => setShowAll(true)}>Show {more.errors + more.warnings > 0 ? `the first ${formatCount(errors.length + warnings.length)}` : `all ${errors.length + warnings.length}`} messages</button>
      )}
      {showAll && more.errors + more.warnings > 0 && <p className="hint">{formatCount(more.errors + more.warnings)} more messages are not listed: fix the ones above first, as they often share a cause.</p>}
    </>
  );
}

/** A national statistics file's choices: the council's authority (remembered) and the measure each indicator feeds. */
function StatisticsPanel({ file, datasetId }: { file: PendingFile; datasetId: string | null }) {
  const { setStatistics } = useImportSession();
  const summary = useStatisticsSummary(file.id, file.roles, true);
  const dataset = useDataset(datasetId);
  const remembered = useBenchmarkAuthority();
  const rememberedCode = typeof remembered === 'string' ? remembered : remembered?.code ?? null;
  const data = summary.data;
  const choices = file.statistics ?? { authority: rememberedCode, indicators: {} };
  const change = useCallback((next: StatsChoices) => {
    const found = data && next.authority ? findAuthority(data, next.authority) : null;
    setStatistics(file.id, next, found ? { code: found.code, name: found.name } : null);
  }, [data, file.id, setStatistics]);
  // The authority chosen before is chosen again, once the file's areas are known.
  useEffect(() => {
    if (data && file.statistics === null && rememberedCode) change({ authority: rememberedCode, indicators: {} });
  }, [data, file.statistics, rememberedCode, change]);
  if (summary.isError) return <div className="error-summary" role="alert">The file's areas and indicators could not be read: {String(summary.error)}</div>;
  if (!data) return <p role="status">Reading the file's areas and indicators…</p>;
  const measures = (dataset.data?.measures ?? []).map((m) => ({ code: m.code, name: m.name, unit: m.unit }));
  return <StatisticsChoices file={file.name} summary={data} choices={choices} measures={measures} onChange={change} />;
}

function FileCard({ file, plan, datasetId }: { file: PendingFile; plan: PlanSummary | undefined; datasetId: string | null }) {
  const { remove, setKind, setSheet } = useImportSession();
  const kindId = useId();
  const sheetId = useId();
  const issues = [...file.readIssues, ...(plan?.issues ?? [])];
  return (
    <section className="file-card" aria-label={`File ${file.name}`}>
      <h3>{file.name}</h3>
      <p className="meta">
        {formatBytes(file.size)} · {file.format.toUpperCase()} · content hash <code title={file.hash}>{file.hash.slice(0, 12)}</code>
        {file.table && <> · {plural(file.table.rowCount, file.table.rowWord)}</>}
      </p>
      {file.sheets.length > 1 && (
        <p>
          <label htmlFor={sheetId}>Sheet </label>
          <select id={sheetId} value={file.sheet ?? ''} onChange={(e) => setSheet(file.id, e.target.value)}>
            {file.sheets.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </p>
      )}
      {file.kind && (
        <p>
          <label htmlFor={kindId}>Kind of data </label>
          <select id={kindId} value={file.kind} onChange={(e) => setKind(file.id, e.target.value as FileKind)}>
            {FILE_KINDS.map((k) => <option key={k} value={k}>{KIND_LABELS[k]}</option>)}
          </select>
          {file.guesses[0]?.kind === file.kind ? <span className="hint"> (recognised from its headers)</span> : <span className="hint"> (chosen by you)</span>}
        </p>
      )}
      {file.archive && (
        <p>
          {file.archive.scrutineer === 'backup'
            ? <><strong>Backup of everything</strong>, made {formatDateTime(file.archive.createdAt)}. Restoring it replaces all data in this browser with the backup&apos;s: what it does not hold is removed. The import can be undone.</>
            : <><strong>Snapshot of a view</strong>, made {formatDateTime(file.archive.createdAt)}: its data is added to this browser&apos;s and the view ({file.archive.view ?? '/'}) opens once imported.</>}
        </p>
      )}
      <ColumnMapping file={file} />
      {file.kind === 'statistics' && <StatisticsPanel file={file} datasetId={datasetId} />}
      {plan && (
        <div className="counts">
          <p className="counts-total"><strong>{countsText(plan.total)}</strong></p>
          <ul>
            {changedTables(plan.counts).map((t) => (
              <li key={t}>{TABLE_LABELS[t]}: {formatCount(plan.counts[t].add)} new, {formatCount(plan.counts[t].update)} updated, {formatCount(plan.counts[t].unchanged)} unchanged{plan.counts[t].remove > 0 ? `, ${formatCount(plan.counts[t].remove)} removed` : ''}</li>
            ))}
          </ul>
        </div>
      )}
      <IssueList issues={issues} rowWord={file.table?.rowWord ?? (file.format === 'json' ? 'item' : 'row')} more={{ errors: plan ? plan.errorCount - plan.issues.filter((i) => i.level === 'error').length : 0, warnings: plan ? plan.warningCount - plan.issues.filter((i) => i.level === 'warning').length : 0 }} />
      <button type="button" className="button-secondary" onClick={() => remove(file.id)}>Remove {file.name} from this import</button>
    </section>
  );
}

/** The dataset a drop names: the portfolio of a priorities file, or of a snapshot. */
function namedDataset(files: readonly PendingFile[]): { id: string; name: string } | null {
  for (const f of files) {
    if (f.kind !== 'priorities' || !f.table) continue;
    const col = f.roles.findIndex((r) => r.type === 'field' && r.key === 'portfolio');
    const name = col >= 0 ? f.table.firstValues[col]?.trim() : undefined;
    if (name) return { id: slug(name), name };
  }
  for (const f of files) {
    const p = f.archive?.dataset ? f.archive.portfolios.find((x) => x.id === f.archive?.dataset) : undefined;
    if (p) return { id: p.id, name: p.name };
  }
  return null;
}

function PendingImport({ datasetParam }: { datasetParam: string | null }) {
  const session = useImportSession();
  const portfolios = usePortfolios();
  // On a first visit the sample may still be loading: files dropped meanwhile wait for it, so they go into its dataset.
  const settled = useStoreSettled();
  const choices = useMemo(() => choicesOf(session.files), [session.files]);
  const signature = useMemo(() => choicesSignature(session.files), [session.files]);
  // The dataset: the portfolio a priorities file names, else the one in view, else the first stored, else a new one.
  const named = useMemo(() => namedDataset(session.files), [session.files]);
  const stored = portfolios.data ?? [];
  const [chosen, setChosen] = useState<string | null>(null);
  const options = [...stored.map((p) => ({ id: p.id, name: p.name })), ...(named && !stored.some((p) => p.id === named.id) ? [named] : [])];
  const fallback = named ?? stored.find((p) => p.id === datasetParam) ?? stored[0] ?? { id: 'imported-data', name: 'Imported data' };
  const dataset = options.find((o) => o.id === chosen) ?? (portfolios.isSuccess && settled ? fallback : null);
  const commit = useCommitImport(session.commit);
  // Not checked again while these files are being written, nor once they are in: the store's change
  // would otherwise check them again, in the worker, just as the pages read the new data.
  const writing = commit.isPending || (commit.isSuccess && commit.variables.files === choices);
  const preview = useImportPreview(choices, dataset, signature, session.preview, session.reading || writing);
  const [done, setDone] = useState<string | null>(null);
  const datasetId = useId();
  const navigate = useNavigate();

  // The last import's outcome: alone once its files are in, or above any dropped while it was written.
  const outcome = done ? <div className="notice" role="status">{done}</div> : null;
  if (session.files.length === 0) return outcome;
  const plans = preview.data ?? [];
  const planFor = (f: PendingFile) => plans.find((p) => p.id === f.id);
  const errorCount = session.files.reduce((n, f) => n + f.readIssues.filter((i) => i.level === 'error').length, 0) + plans.reduce((n, p) => n + p.errorCount, 0);
  const ready = preview.isSuccess && errorCount === 0 && choices.length === session.files.length && dataset !== null && session.busy === null;
  const total = plans.reduce((a, p) => ({ add: a.add + p.total.add, update: a.update + p.total.update, unchanged: a.unchanged + p.total.unchanged, remove: a.remove + p.total.remove }), { add: 0, update: 0, unchanged: 0, remove: 0 });
  const snapshotView = plans.find((p) => p.view)?.view;

  const confirm = () => {
    if (!dataset || !preview.data) return;
    setDone(null);
    // The authority chosen for a national statistics file is remembered (for the next file, and the benchmark pages) with the import.
    const authority = session.files.find((f) => f.kind === 'statistics' && f.authority)?.authority;
    const settings = authority ? { [SETTING.authority]: authority } : undefined;
    commit.mutate({ files: choices, dataset, expected: preview.data.map((p) => p.total), source: 'file', ...(settings ? { settings } : {}) }, {
      onSuccess: () => {
        setDone(`Imported ${plural(choices.length, 'file')} into ${dataset.name}: ${doneText(total)}.`);
        // Only the files written: any dropped meanwhile stay, to be checked and confirmed in turn.
        for (const c of choices) session.remove(c.id);
        // A snapshot opens the view it was made from (its data is now here; the fingerprint is this browser's).
        if (snapshotView) {
          const url = new URL(snapshotView, window.location.origin);
          url.searchParams.delete('fp');
          navigate(`${url.pathname}${url.search}`);
        }
      },
    });
  };

  return (
    <>
    {outcome}
    <section aria-labelledby="preview-heading" className="preview">
      <h2 id="preview-heading">Check before importing</h2>
      <p>Nothing is stored until you confirm. Confirming writes every file below in one step: all of it, or nothing.</p>
      {!settled && <p className="notice" role="status">The sample data is still being loaded into this browser. These files will be checked once it is in.</p>}
      {dataset && (
        <p>
          <label htmlFor={datasetId}>Into dataset </label>
          <select id={datasetId} value={dataset.id} onChange={(e) => setChosen(e.target.value)}>
            {[...options, ...(options.some((o) => o.id === dataset.id) ? [] : [dataset])].map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
        </p>
      )}
      {session.files.map((f) => <FileCard key={f.id} file={f} plan={planFor(f)} datasetId={dataset?.id ?? null} />)}
      {preview.isError && <div className="error-summary" role="alert">The preview failed: {String(preview.error)}</div>}
      {commit.isError && <div className="error-summary" role="alert">{describeWriteError(commit.error)}</div>}
      <div className="actions">
        <button type="button" className="button" disabled={!ready || commit.isPending} onClick={confirm}>
          {commit.isPending ? 'Importing…' : `Confirm import of ${plural(session.files.length, 'file')}`}
        </button>
        {/* While the files are written, the Cancel beside the progress stops the import. */}
        {!commit.isPending && <button type="button" className="button-secondary" onClick={() => session.clear()}>Cancel</button>}
      </div>
      <ImportProgressBar of="commit" />
      {preview.isSuccess && <p className="hint">{errorCount > 0 ? `${plural(errorCount, 'error')} must be fixed (or the file removed) before importing.` : `In all: ${countsText(total)}.`}</p>}
    </section>
    </>
  );
}

/** The import history; drawn again only when the history changes (not on each tick of an import's progress). */
const History = memo(function History() {
  const batches = useBatches();
  const undo = useUndoImport();
  const list = batches.data ?? [];
  if (list.length === 0) return <p>No imports yet.</p>;
  const undoBatch = (id: number) => {
    const later = list.filter((b) => (b.id ?? 0) > id && b.undoneAt === null);
    const message = later.length > 0
      ? `Undo this import and the ${plural(later.length, 'later import')} after it (${later.map((b) => b.fileName).join(', ')})? The data returns to exactly how it was before this import.`
      : 'Undo this import? The data returns to exactly how it was before it.';
    if (window.confirm(message)) undo.mutate(id);
  };
  return (
    <table className="table">
      <caption className="visually-hidden">Import history, newest first</caption>
      <thead>
        <tr>
          <th scope="col">File</th><th scope="col">Imported</th><th scope="col">Kind</th>
          <th scope="col" className="num">Added</th><th scope="col" className="num">Updated</th><th scope="col" className="num">Unchanged</th>
          <th scope="col">Content hash</th><th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {list.map((b) => (
          <tr key={b.id}>
            <td>{b.fileName}{b.source === 'sample' ? ' (sample data)' : ''}</td>
            <td>{formatDateTime(b.importedAt)}</td>
            <td>{BATCH_LABELS[b.kind]}</td>
            <td className="num">{formatCount(b.total.add)}</td>
            <td className="num">{formatCount(b.total.update)}</td>
            <td className="num">{formatCount(b.total.unchanged)}</td>
            <td><code title={b.hash}>{b.hash.slice(0, 12)}</code></td>
            <td>
              {b.undoneAt ? `Undone ${formatDateTime(b.undoneAt)}` : (
                <button type="button" className="button-secondary" disabled={undo.isPending} onClick={() => undoBatch(b.id ?? 0)} aria-label={`Undo import of ${b.fileName}`}>Undo</button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
});

export function ImportPage() {
  const session = useImportSession();
  const [params] = useSearchParams();
  const inputId = useId();
  return (
    <>
      <h1>Import data</h1>
      <p className="lead">
        Bring in a quarter's export: measures, observations, revenue budget, budget bridge, reserves, savings or capital, as CSV, JSON or Excel (.xlsx).
        Drop files anywhere on the dashboard, or choose them here. Files stay on this computer.
      </p>
      <div className="picker drop-area">
        <p>Drag and drop files anywhere on the dashboard, or</p>
        <label htmlFor={inputId} className="button">Import data files</label>
        <input
          id={inputId}
          className="visually-hidden"
          type="file"
          multiple
          accept={ACCEPTED}
          onChange={(e) => {
            const files = e.target.files;
            if (files && files.length > 0) void session.addFiles(Array.from(files));
            e.target.value = '';
          }}
        />
        <p className="hint">Templates for every kind of file: <Link to="/import/formats">data formats and templates</Link>.</p>
      </div>
      <ImportProgressBar of="other" />
      <PendingImport datasetParam={params.get('ds')} />
      <h2>Import history</h2>
      <History />
    </>
  );
}
