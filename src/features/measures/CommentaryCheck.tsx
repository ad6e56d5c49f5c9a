// Beside a commentary (or a committee comment): each comparator figure it quotes, checked
// against the imported comparator series for the report's period and the one before.
import { useMemo } from 'react';
import { checkCommentary, extractQuotedComparators } from '../../domain/commentary-check';
import type { CheckStatus } from '../../domain/commentary-check';
import type { Measure, ObservationSeries } from '../../domain/types';

const TAG: Record<CheckStatus, { icon: string; word: string; className: string }> = {
  matches: { icon: '✓', word: 'Matches', className: 'tag tag-green' },
  differs: { icon: '≠', word: 'Differs', className: 'tag tag-red' },
  'no figure': { icon: '?', word: 'Not checked', className: 'tag tag-neutral' },
};

export function CommentaryCheck({ text, report, measure, series, regionName }: { text: string; report: string; measure: Measure; series: readonly ObservationSeries[]; regionName?: string | null }) {
  const breakdowns = useMemo(() => [...new Set(series.flatMap((s) => s.points.map((p) => p.breakdown)).filter(Boolean))], [series]);
  const checks = useMemo(
    () => checkCommentary(extractQuotedComparators(text, { regionName: regionName ?? null, breakdowns }), series, report, measure.unit),
    [text, regionName, breakdowns, series, report, measure.unit],
  );
  if (checks.length === 0) return null;
  return (
    <div className="commentary-check">
      <p className="commentary-check-title">Comparator figures quoted, checked against the imported data:</p>
      <ul>
        {checks.map((c) => (
          <li key={c.quoted.index}>
            <span className={TAG[c.status].className}><span aria-hidden="true">{TAG[c.status].icon} </span>{TAG[c.status].word}</span>{' '}
            {c.words}
          </li>
        ))}
      </ul>
    </div>
  );
}
