const STATUS_CLASS: Record<string, string> = {
  'On track': 'rag-green', Complete: 'rag-green', 'At risk': 'rag-amber', 'Off track': 'rag-red', Open: 'rag-amber', Answered: 'rag-green', Closed: 'rag-not-rated',
};
const STATUS_ICON: Record<string, string> = { 'On track': '✓', Complete: '✓', 'At risk': '!', 'Off track': '✕', Open: '?', Answered: '✓', Closed: '–' };

/** A progress or request status: a word and an icon beside the colour. */
export function StatusTag({ status }: { status: string | null }) {
  if (!status) return <span className="tag rag-no-data">No status given</span>;
  return <span className={`tag ${STATUS_CLASS[status] ?? 'rag-not-rated'}`}><span aria-hidden="true">{STATUS_ICON[status] ?? ''} </span>{status}</span>;
}

