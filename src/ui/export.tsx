// Downloads: a table as CSV (exactly the rows and text on screen), a chart as SVG or PNG.
import { useRef } from 'react';
import type { ReactNode } from 'react';

export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A cell's text as a reader sees it: hidden helper text, icons and tooltips left out, stacked lines joined with spaces. */
function cellText(cell: Element): string {
  const clone = cell.cloneNode(true) as Element;
  clone.querySelectorAll('.visually-hidden, [aria-hidden="true"], [role="tooltip"], .tooltip').forEach((n) => n.remove());
  clone.querySelectorAll('.block, br').forEach((n) => n.before(' '));
  return (clone.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The header and body rows of a rendered table (spacer rows of a long table are skipped). */
export function domTableRows(table: HTMLTableElement): string[][] {
  const head = [...table.querySelectorAll('thead tr')].map((tr) => [...tr.children].map(cellText));
  const body = [...table.querySelectorAll('tbody tr')].filter((tr) => tr.getAttribute('aria-hidden') !== 'true' && tr.children.length > 0).map((tr) => [...tr.children].map(cellText));
  return [...head, ...body];
}

/** Writes the rows (read from the page when the button is pressed) as a CSV download; the CSV writer loads on first use. */
async function downloadCsv(rows: string[][], filename: string): Promise<void> {
  const { toCsv } = await import('../domain/csv-write');
  downloadBlob(new Blob([`\uFEFF${toCsv(rows)}`], { type: 'text/csv;charset=utf-8' }), filename);
}

export function DownloadCsv({ filename, rows, label = 'Download this table (CSV)' }: { filename: string; rows: () => string[][]; label?: string }) {
  return (
    <button type="button" className="button-secondary" onClick={() => void downloadCsv(rows(), filename)}>
      {label}
    </button>
  );
}

/** A table with a download button that exports exactly what the table shows. */
export function ExportableTable({ filename, children }: { filename: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  return (
    <div className="exportable" ref={ref}>
      {children}
      <div className="export-actions">
        <DownloadCsv filename={filename} rows={() => {
          const table = ref.current?.querySelector('table');
          return table ? domTableRows(table) : [];
        }} />
      </div>
    </div>
  );
}

function chartSvg(figure: HTMLElement): { svg: string; width: number; height: number } | null {
  const source = figure.querySelector('.recharts-wrapper > svg.recharts-surface');
  if (!(source instanceof SVGSVGElement)) return null;
  const { width, height } = source.getBoundingClientRect();
  const clone = source.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(Math.round(width)));
  clone.setAttribute('height', String(Math.round(height)));
  clone.setAttribute('font-family', 'Arial, Helvetica, sans-serif');
  const background = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#ffffff');
  clone.prepend(background);
  // The key is HTML beside the SVG (Recharts' or the chart's own): carry its words into the image as a title.
  const legend = [...figure.querySelectorAll('.recharts-legend-item-text, .chart-key-name')].map((n) => n.textContent).join(' · ');
  const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
  title.textContent = [figure.getAttribute('aria-label'), legend].filter(Boolean).join(': ');
  clone.prepend(title);
  return { svg: new XMLSerializer().serializeToString(clone), width, height };
}

/** Buttons to save the chart in the enclosing figure as SVG or PNG. */
export function ChartDownloads({ figure, name }: { figure: () => HTMLElement | null; name: string }) {
  const svgOf = () => {
    const f = figure();
    return f ? chartSvg(f) : null;
  };
  return (
    <div className="export-actions">
      <button type="button" className="button-secondary" onClick={() => {
        const s = svgOf();
        if (s) downloadBlob(new Blob([s.svg], { type: 'image/svg+xml' }), `${name}.svg`);
      }}>Download chart (SVG)</button>
      <button type="button" className="button-secondary" onClick={() => {
        const s = svgOf();
        if (!s) return;
        const img = new Image();
        const url = URL.createObjectURL(new Blob([s.svg], { type: 'image/svg+xml' }));
        img.onload = () => {
          const scale = 2;
          const canvas = document.createElement('canvas');
          canvas.width = Math.round(s.width * scale);
          canvas.height = Math.round(s.height * scale);
          const ctx = canvas.getContext('2d');
          if (!ctx) return;
          ctx.scale(scale, scale);
          ctx.drawImage(img, 0, 0);
          URL.revokeObjectURL(url);
          canvas.toBlob((blob) => { if (blob) downloadBlob(blob, `${name}.png`); }, 'image/png');
        };
        img.src = url;
      }}>Download chart (PNG)</button>
    </div>
  );
}
