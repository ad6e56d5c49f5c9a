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
