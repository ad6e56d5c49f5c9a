// The shell's part of the URL: which dataset and which reporting period are in view.
// `?ds=<dataset id>&period=<period token>`; junk is ignored, defaults are omitted.
import { periodFromToken, periodToken, parsePeriod } from './period';

export interface ShellView {
  dataset: string | null;
  /** Canonical period id, e.g. "2021/22 Q2". */
  period: string | null;
}

/** Reads the shell's view from URL search params; unknown values come back null. */
export function readShellView(params: URLSearchParams): ShellView {
  const ds = params.get('ds');
  const token = params.get('period');
  return {
    dataset: ds && /^[a-z0-9-]{1,80}$/.test(ds) ? ds : null,
    period: token ? periodFromToken(token)?.id ?? null : null,
  };
}

/** The shell's part of a link to another page: dataset, period and data fingerprint. */
export function shellSearch(params: URLSearchParams): string {
  const next = writeShellView(new URLSearchParams(), readShellView(params));
  const fp = params.get('fp');
  if (fp) next.set('fp', fp);
  const s = next.toString();
  return s ? `?${s}` : '';
}

/** Writes the shell's view into search params, keeping the others. */
export function writeShellView(params: URLSearchParams, view: ShellView): URLSearchParams {
  const next = new URLSearchParams(params);
  if (view.dataset) next.set('ds', view.dataset);
  else next.delete('ds');
  const p = view.period ? parsePeriod(view.period) : null;
  if (p) next.set('period', periodToken(p));
  else next.delete('period');
  return next;
}

/** The benchmark view on a measure's page: `?bench=all|<group name>&bp=<period token>`. */
export interface BenchmarkViewState {
  /** null: every local authority; else the name of the neighbour group ranked. */
  group: string | null;
  /** The period ranked, as its URL token (`2023-24`); null: the latest. */
  period: string | null;
}

/** Reads `bench` and `bp`; junk comes back as the default (all authorities, latest period). */
export function readBenchmarkView(params: URLSearchParams): BenchmarkViewState {
  const bench = params.get('bench')?.trim() ?? '';
  const bp = params.get('bp')?.trim().toLowerCase() ?? '';
  return {
    group: bench && bench !== 'all' && bench.length <= 80 ? bench : null,
    period: /^[a-z0-9-]{1,30}$/.test(bp) ? bp : null,
  };
}

/** Writes `bench` and `bp` into search params, keeping the others; defaults are omitted. */
export function writeBenchmarkView(params: URLSearchParams, view: BenchmarkViewState): URLSearchParams {
  const next = new URLSearchParams(params);
  if (view.group) next.set('bench', view.group);
  else next.delete('bench');
  if (view.period) next.set('bp', view.period);
  else next.delete('bp');
  return next;
}
