import { useRef } from 'react';
import type { ReactNode } from 'react';
import { ChartDownloads } from './export';

/** A chart's figure: its accessible name, its caption, and buttons to save it as SVG or PNG. */
export function ChartFrame({ title, name, caption, children }: { title: string; name: string; caption: ReactNode; children: ReactNode }) {
  const ref = useRef<HTMLElement>(null);
  return (
    <>
      <figure className="chart" aria-label={title} ref={ref}>
        {children}
        <figcaption className="hint">{caption}</figcaption>
      </figure>
      <ChartDownloads figure={() => ref.current} name={name} />
    </>
  );
}

/** A file name from words: "Trend of CFSE.25" → "trend-of-cfse-25". */
export function fileName(words: string): string {
  return words.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'table';
}
