// Words beside the figures: what a priority's programmes, projects, developments, issues and
// the committee's requests say at a report; searching all the text; what changed between reports.
import type { Dataset } from './dataset';
import { buildMeasureRows } from './measure-rows';
import type { MeasureRow } from './measure-rows';
import { comparePeriodIds, periodFromId } from './period';
import type { RagStatus } from './rag';
import type { NarrativeItem, NarrativeType } from './types';

const label = (id: string) => periodFromId(id)?.label ?? id;

/** The latest item of each title up to the report (an item carries forward until a later report updates it). */
function latestByTitle(items: readonly NarrativeItem[], report: string | null): NarrativeItem[] {
  const upTo = items.filter((n) => report === null || comparePeriodIds(n.report, report) <= 0).sort((a, b) => comparePeriodIds(a.report, b.report));
  const byTitle = new Map<string, NarrativeItem>();
  for (const n of upTo) byTitle.set(`${n.type}|${n.title}`, n);
  return [...byTitle.values()];
}

export interface PriorityNarrative {
  programmes: NarrativeItem[];
  projects: NarrativeItem[];
  /** Key developments and emerging issues of the latest report that has any, up to the one in view. */
  developments: NarrativeItem[];
  issues: NarrativeItem[];
  developmentsReport: string | null;
  /** Committee requests still open at the report, and the comments of the latest meeting. */
  openRequests: NarrativeItem[];
  comments: NarrativeItem[];
}

const ofType = (items: readonly NarrativeItem[], ...types: NarrativeType[]) => items.filter((n) => types.includes(n.type));

/** Everything said about one priority as at a report. */
export function priorityNarrative(all: readonly NarrativeItem[], priority: number, report: string | null): PriorityNarrative {
  const mine = all.filter((n) => n.priority === priority);
  const current = latestByTitle(mine, report);
  const dated = ofType(mine, 'development', 'issue').filter((n) => report === null || comparePeriodIds(n.report, report) <= 0);
  const lastReport = [...new Set(dated.map((n) => n.report))].sort(comparePeriodIds).pop() ?? null;
  const comments = ofType(mine, 'comment').filter((n) => report === null || comparePeriodIds(n.report, report) <= 0);
  const lastMeeting = [...new Set(comments.map((n) => n.report))].sort(comparePeriodIds).pop() ?? null;
  return {
    programmes: ofType(current, 'programme'),
    projects: ofType(current, 'project', 'milestone'),
    developments: ofType(dated, 'development').filter((n) => n.report === lastReport),
    issues: ofType(dated, 'issue').filter((n) => n.report === lastReport),
    developmentsReport: lastReport,
    openRequests: ofType(current, 'request').filter((n) => n.status === 'Open' || n.status === null),
    comments: comments.filter((n) => n.report === lastMeeting),
  };
}

/** Committee comments and requests that concern a measure, oldest first. */
export function measureComments(all: readonly NarrativeItem[], code: string): NarrativeItem[] {
  return all.filter((n) => (n.type === 'comment' || n.type === 'request') && n.measureCodes.includes(code)).sort((a, b) => comparePeriodIds(a.report, b.report));
}

export interface SearchHit {
  kind: 'commentary' | NarrativeType;
  title: string;
  report: string;
  /** The text around the first match, with the match marked by its offsets in `snippet`. */
  snippet: string;
  match: [number, number];
  measureCode: string | null;
  priority: number | null;
}

function snippetAround(text: string, at: number, length: number): { snippet: string; match: [number, number] } {
  const start = Math.max(0, at - 90);
  const end = Math.min(text.length, at + length + 90);
  const prefix = start > 0 ? '…' : '';
  const snippet = `${prefix}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
  const from = at - start + prefix.length;
  return { snippet, match: [from, from + length] };
}

/** Every commentary and narrative text containing the words (case and spacing ignored), newest report first. */
export function searchText(d: Dataset, query: string): SearchHit[] {
  const q = query.trim().replace(/\s+/g, ' ').toLowerCase();
  if (q.length < 2) return [];
  const hits: SearchHit[] = [];
  const find = (text: string) => text.replace(/\s+/g, ' ').toLowerCase().indexOf(q);
  const measureNames = new Map(d.measures.map((m) => [m.code, m]));
  for (const c of d.commentary) {
    const flat = c.text.replace(/\s+/g, ' ');
    const at = find(flat);
    if (at < 0) continue;
    const m = measureNames.get(c.measureCode);
    hits.push({ kind: 'commentary', title: `${c.measureCode}${m ? `: ${m.name}` : ''}`, report: c.report, ...snippetAround(flat, at, q.length), measureCode: c.measureCode, priority: m?.priority ?? null });
  }
  for (const n of d.narrative) {
    const flat = `${n.title}. ${n.text}`.replace(/\s+/g, ' ');
    const at = find(flat);
    if (at < 0) continue;
    hits.push({ kind: n.type, title: n.title, report: n.report, ...snippetAround(flat, at, q.length), measureCode: n.measureCodes[0] ?? null, priority: n.priority });
  }
  return hits.sort((a, b) => comparePeriodIds(b.report, a.report) || a.title.localeCompare(b.title));
}

export interface RagChange {
  row: MeasureRow;
  from: RagStatus;
  to: RagStatus;
}

export interface ChangeReport {
  from: string;
  to: string;
  ragChanges: RagChange[];
  newRequests: NarrativeItem[];
  closedRequests: NarrativeItem[];
  statusMoves: { item: NarrativeItem; from: string | null; to: string | null }[];
}

/** What changed between two reports: measures whose RAG moved, requests opened or closed, programmes whose status moved. */
export function changeReport(d: Dataset, from: string, to: string, tolerance: number): ChangeReport {
  const before = new Map(buildMeasureRows(d, from, tolerance).map((r) => [r.measure.code, r]));
  const after = buildMeasureRows(d, to, tolerance);
  const ragChanges = after
    .map((row) => ({ row, from: before.get(row.measure.code)?.rating.status ?? 'No data', to: row.rating.status }))
    .filter((c) => c.from !== c.to);
  const then = new Map(latestByTitle(d.narrative, from).map((n) => [`${n.type}|${n.title}`, n]));
  const now = latestByTitle(d.narrative, to);
  const requests = now.filter((n) => n.type === 'request');
  const isOpen = (n: NarrativeItem | undefined) => n !== undefined && (n.status === 'Open' || n.status === null);
  return {
    from,
    to,
    ragChanges,
    newRequests: requests.filter((n) => !then.has(`${n.type}|${n.title}`) && comparePeriodIds(n.report, from) > 0),
    closedRequests: requests.filter((n) => !isOpen(n) && isOpen(then.get(`${n.type}|${n.title}`))),
    statusMoves: now
      .filter((n) => n.type === 'programme' || n.type === 'project' || n.type === 'milestone')
      .map((item) => ({ item, from: then.get(`${item.type}|${item.title}`)?.status ?? null, to: item.status }))
      .filter((m) => m.from !== m.to),
  };
}

/** Reports the dataset's narrative and figures cover, for choosing a pair to compare. */
export function reportLabel(id: string): string {
  return label(id);
}
