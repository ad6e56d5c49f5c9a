import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { flushSync } from 'react-dom';

/**
 * The width each kind of chart was last laid out at. A chart of that kind opened again (the next
 * measure's page) is drawn at once at that width, in the page's own first drawing, rather than after
 * the page has been laid out and its box measured (Recharts' ResponsiveContainer reads the box with
 * getBoundingClientRect as it mounts, which lays the whole new page out, then draws the chart again).
 */
const lastWidth = new Map<string, number>();

/** Forgets the widths kept (for tests). */
export function forgetChartWidths(): void {
  lastWidth.clear();
}

/**
 * A box the full width of its container and `height` tall, with a chart drawn in it at the box's
 * width. The width is followed as the box is laid out (a ResizeObserver: no layout is forced); the
 * chart is drawn again, before the frame is painted, when it differs from the width it was drawn at.
 * Until a width is known (the first chart of its kind on this page load) nothing is drawn.
 */
export function FitWidth({ kind, height, children }: { kind: string; height: number; children: (width: number) => ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(() => lastWidth.get(kind) ?? 0);
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver((entries) => {
      const laidOut = Math.floor(entries[0]?.contentRect.width ?? 0);
      if (laidOut <= 0) return;
      lastWidth.set(kind, laidOut);
      // Drawn again in this frame, so a chart is never painted at a width it no longer has.
      flushSync(() => setWidth(laidOut));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [kind]);
  return (
    <div ref={box} className="chart-box" style={{ height }}>
      {width > 0 && children(width)}
    </div>
  );
}
