import { useId } from 'react';
import type { RagStatus } from '../domain/rag';
import { token } from '../domain/measure-filters';

const ICON: Record<RagStatus, string> = { Red: '✕', Amber: '!', Green: '✓', 'No comparator': '–', 'Not rated': '–', 'No data': '?' };

/** A RAG status in words, an icon and a colour; its reason shows on hover and keyboard focus and is read as its description. */
export function RagTag({ status, reason }: { status: RagStatus; reason?: string }) {
  const id = useId();
  return (
    <span className="rag">
      <span className={`tag rag-${token(status)}`} tabIndex={reason ? 0 : undefined} aria-describedby={reason ? id : undefined}>
        <span aria-hidden="true">{ICON[status]} </span>{status}
      </span>
      {reason && <span role="tooltip" id={id} className="tooltip">{reason}</span>}
    </span>
  );
}
