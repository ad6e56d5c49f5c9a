/** Something an import found: an error blocks the file; a warning is shown and the file may still be imported. */
export interface ImportIssue {
  level: 'error' | 'warning';
  file: string;
  /** 1-based row number as a spreadsheet shows it (the header is its own row); null for the whole file. */
  row: number | null;
  /** The column's header as printed in the file; null for a whole row or file. */
  column: string | null;
  message: string;
}

/** "measures.csv, row 12, column "2019/20 Actual": …" — how every message names its place. */
export function describeIssue(issue: ImportIssue, rowWord: 'row' | 'item' = 'row'): string {
  const where = [issue.file];
  if (issue.row !== null) where.push(`${rowWord} ${issue.row}`);
  if (issue.column !== null) where.push(`column "${issue.column}"`);
  return `${where.join(', ')}: ${issue.message}`;
}
