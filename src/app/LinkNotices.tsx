// What the shell says about the link it was opened with: parameters it could not use, a
// dataset or period this browser does not hold, and data other than the link was made with.
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { readFingerprint, unknownParams, writeFingerprint } from '../domain/links';
import { periodLabel } from '../domain/measure-values';
import { readShellView } from '../domain/view';
import { useFingerprint } from '../queries/fingerprint';
import { useBatches, usePortfolios, useStoreSettled } from '../queries/store';
import { useCurrentView } from '../queries/view';
import { latestParams } from '../ui/latest-params';

export function LinkNotices() {
  const storeSettled = useStoreSettled();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const view = useCurrentView();
  const portfolios = usePortfolios();
  const current = useFingerprint(view.dataset);
  // The fingerprint the page was opened with: compared once with this browser's data.
  const arrived = useRef<string | null>(params.get('fp'));
  const [mismatch, setMismatch] = useState<{ link: string; here: string | null } | null>(null);
  // A malformed fingerprint is replaced at once with this browser's; remember it to say so on this page.
  const [badFp] = useState(() => {
    const value = params.get('fp');
    return value !== null && readFingerprint(value) === null ? { path: location.pathname, value } : null;
  });

  const fpParam = params.get('fp');
  const batches = useBatches();
  const empty = batches.isSuccess && !batches.isFetching && !(batches.data ?? []).some((b) => b.undoneAt === null);
  useEffect(() => {
    if (!storeSettled) return;
    const mine = current ? writeFingerprint(current) : null;
    if (mine === null && !empty) return;
    if (arrived.current !== null) {
      const link = arrived.current;
      arrived.current = null;
      // A well-formed fingerprint of other data (the hash decides; the period only describes): say so,
      // and leave the sender's link as it is until the reader chooses.
      const theirs = readFingerprint(link);
      if (theirs && theirs.hash !== (current?.hash ?? null)) {
        setMismatch({ link, here: mine });
        return;
      }
    }
    if (mismatch || mine === null || fpParam === mine) return;
    // Added to the address as it is now, not as this was drawn: the reader may have moved on (Back
    // from a measure's page to a searched table, say) before this runs, and that address's own
    // search and filters are kept.
    const latest = latestParams();
    if (latest.get('fp') === mine) return;
    latest.set('fp', mine);
    navigate({ pathname: window.location.pathname, search: `?${latest.toString()}` }, { replace: true });
  }, [storeSettled, current, empty, fpParam, navigate, mismatch]);

  const ignored = unknownParams(location.pathname, params);
  const asked = readShellView(params);
  const dsRaw = params.get('ds');
  const periodRaw = params.get('period');
  if (dsRaw !== null && (asked.dataset === null || (portfolios.isSuccess && !(portfolios.data ?? []).some((p) => p.id === asked.dataset)))) ignored.push(`ds=${dsRaw}`);
  if (periodRaw !== null && (asked.period === null || (view.period !== null && asked.period !== view.period))) ignored.push(`period=${periodRaw}`);
  if (badFp && badFp.path === location.pathname) ignored.push(`fp=${badFp.value}`);

  const describe = (value: string | null) => {
    const fp = readFingerprint(value);
    if (!fp) return 'no data';
    return `data up to ${fp.latest ? periodLabel(fp.latest) : 'an unknown period'} (fingerprint ${fp.hash})`;
  };

  return (
    <>
      {mismatch && (
        <div className="notice notice-warning" role="status">
          <p>
            This link was made with {describe(mismatch.link)}; this browser has {mismatch.here ? describe(mismatch.here) : 'no data'}.
            The figures below are this browser&apos;s, so they may differ from what the sender saw.
          </p>
          <p>
            <Link to="/import" className="button-secondary">Import the data files</Link>
            <button type="button" className="button-secondary" onClick={() => {
              setMismatch(null);
              if (current) {
                const mine = writeFingerprint(current);
                setParams((prev) => {
                  const next = new URLSearchParams(prev);
                  next.set('fp', mine);
                  return next;
                }, { replace: true });
              }
            }}>Open anyway with this browser&apos;s data</button>
          </p>
        </div>
      )}
      {ignored.length > 0 && (
        <div className="notice notice-warning" role="status">Parts of this link could not be used and were ignored: {ignored.join(', ')}.</div>
      )}
    </>
  );
}
