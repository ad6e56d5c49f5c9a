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
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);
  return printing;
}
