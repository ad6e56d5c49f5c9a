// Whether the page is being printed. A virtualised table draws only the rows near the viewport;
// for paper it must draw them all, so it asks this before choosing.
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';

export function usePrinting(): boolean {
  const [printing, setPrinting] = useState(() => typeof window !== 'undefined' && window.matchMedia?.('print').matches === true);
  useEffect(() => {
    // Rendered synchronously: the browser lays the page out for print as soon as the event returns.
    const set = (value: boolean) => () => flushSync(() => setPrinting(value));
    const before = set(true);
    const after = set(false);
    // Print media switched on without a print dialog (a PDF made by a browser driven by a script).
    const media = window.matchMedia?.('print');
    const changed = (e: MediaQueryListEvent) => flushSync(() => setPrinting(e.matches));
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    media?.addEventListener('change', changed);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
      media?.removeEventListener('change', changed);
    };
  }, []);
  return printing;
}
