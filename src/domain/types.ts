// The records the store holds, as plain data. Money is in £000 unless a field says otherwise;
// income is negative, as the papers print it.

export type Polarity = 'High' | 'Low' | 'Contextual';
export type MeasureType = 'Council' | 'Partnership' | 'Contextual';
export type Frequency = 'Annually' | 'Quarterly' | 'Termly' | 'Monthly';
export type TargetType = 'Numerical' | 'Comparator' | 'Direction of travel' | 'No target';
export type Direction = 'maximise' | 'minimise' | 'maintain';
export type Unit =
  | '%'
  | 'per 1,000'
  | 'per 10,000'
  | 'per 100,000'
  | 'days'
  | 'score'
  | 'number';

/** A council portfolio: the "dataset" the header selects. */
export interface Portfolio {
  id: string;
  name: string;
  council: string;
  cabinetMember: string;
  batchId: number;
}

export interface Priority {
  portfolioId: string;
  number: number;
  shortTitle: string;
  title: string;
  deliveredBy: string;
  batchId: number;
}

export interface Measure {
  code: string;
  portfolioId: string;
  name: string;
  priority: number | null;
  measureType: MeasureType | null;
  frequency: Frequency | null;
  polarity: Polarity;
  unit: Unit;
  targetType: TargetType;
  gms: boolean;
  corporate: boolean;
  isNew: boolean;
  batchId: number;
}

/** The series an observation belongs to: the council's own actuals, or a comparator's name. */
export const ACTUAL_SERIES = 'actual';

/** One figure of a series: measure × period × breakdown. */
export interface ObservationPoint {
  period: string;
  breakdown: string;
  value: number | null;
  count: number | null;
  missingReason: string | null;
  /** Words in the cell beyond value and count, e.g. "End of March 19", "Q1-Q3". */
  note: string | null;
  /** What the data said of the figure (Provisional, Final, …), if it said. */
  status: string | null;
  raw: string;
  batchId: number;
}

/**
 * A whole series packed in one record (measure × series), points sorted by period. IndexedDB
 * costs ~70 µs a record written here, so packing a series is ~50× faster than a record a row.
 */
export interface ObservationSeries {
  measureCode: string;
  series: string;
  points: ObservationPoint[];
}

export interface Target {
  measureCode: string;
  year: string;
  breakdown: string;
  value: number | null;
  direction: Direction | null;
  raw: string;
  batchId: number;
}

export interface Commentary {
  measureCode: string;
  report: string;
  text: string;
  batchId: number;
}

export type LineType = 'line' | 'subtotal' | 'total';

export interface BudgetLine {
  portfolioId: string;
  period: string;
  division: string;
  service: string;
  lineType: LineType;
  employee: number | null;
  nonEmployee: number | null;
  gross: number | null;
  income: number | null;
  net: number | null;
  forecast: number | null;
  /** Row of its file: the order the paper prints the lines in. */
  position?: number;
  raw: Record<string, string>;
  batchId: number;
}

export type BridgeStep =
  | 'opening'
  | 'contingency'
  | 'inflation'
  | 'savings'
  | 'one-off'
  | 'other'
  | 'subtotal'
  | 'closing';

export interface BridgeLine {
  portfolioId: string;
  year: string;
  division: string;
  order: number;
  line: string;
  step: BridgeStep;
  amount: number;
  raw: string;
  batchId: number;
}

export interface Reserve {
  portfolioId: string;
  period: string;
  division: string;
  category: string;
  narration: string;
  purpose: string;
  lineType: LineType;
  balance: number | null;
  plannedUse: number | null;
  drawnDown: number | null;
  notDrawnDown: boolean;
  /** Row of its file: the order the paper prints the lines in. */
  position?: number;
  raw: Record<string, string>;
  batchId: number;
}

export type RiskRating = 'Green' | 'Amber' | 'Red';

/** Savings are in £m, as the papers print them. */
export interface Saving {
  portfolioId: string;
  period: string;
  division: string;
  proposal: string;
  lineType: LineType;
  riskRating: RiskRating | null;
  identified: number | null;
  achieved: number | null;
  information: string;
  /** Row of its file: the order the paper prints the lines in. */
  position?: number;
  raw: Record<string, string>;
  batchId: number;
}

export interface CapitalLine {
  portfolioId: string;
  period: string;
  scheme: string;
  year: string;
  fundingSource: string;
  lineType: LineType;
  amount: number | null;
  description: string;
  /** Row of its file: the order the paper prints the lines in. */
  position?: number;
  raw: Record<string, string>;
  batchId: number;
}

export type NarrativeType = 'programme' | 'project' | 'milestone' | 'development' | 'issue' | 'comment' | 'request';
export type ProgressStatus = 'On track' | 'At risk' | 'Off track' | 'Complete';
export type RequestStatus = 'Open' | 'Answered' | 'Closed';

/** Words beside the figures: a programme's progress, a project or milestone, a key development,
 * an emerging issue, or a committee's comment or request, per priority (or service plan) and report. */
export interface NarrativeItem {
  portfolioId: string;
  /** The report it belongs to, as a period id ("2021/22 Q2", "2021/22 Agreement", "2020/21"). */
  report: string;
  type: NarrativeType;
  title: string;
  priority: number | null;
  servicePlan: string;
  text: string;
  /** Progress status for programmes, projects and milestones; Open / Answered / Closed for requests. */
  status: ProgressStatus | RequestStatus | null;
  /** When a milestone or request is due, as given (a date or a period). */
  due: string;
  /** Who leads, or who is to answer a request. */
  owner: string;
  /** Measures the item concerns (PI codes). */
  measureCodes: string[];
  /** Where it comes from: a report or a committee meeting. */
  source: string;
  batchId: number;
}

/** Geographic level of an area in a national statistics file. */
export type AreaLevel = 'National' | 'Regional' | 'Local authority';

/** Which area a national statistics file means: its level, codes, name and region. */
export interface AreaIdentity {
  level: AreaLevel;
  /** The area's current code (new_la_code, region_code, country_code), else its old code. */
  code: string;
  /** Earlier codes the file gives for the same area (old_la_code, a replaced new code). */
  oldCodes: string[];
  name: string;
  regionCode: string | null;
  regionName: string | null;
}

/** One area's figure for an indicator and period, as a national statistics file gives it. */
export interface BenchmarkArea extends AreaIdentity {
  value: number | null;
  /** What stands in for a figure (x not available, z not applicable, c confidential, low, u low reliability), if anything. */
  symbol: string | null;
  /** The cell as the file has it. */
  raw: string;
}

/** Every area's figure for one indicator of a national file and one period, linked to the measure it benchmarks. */
export interface BenchmarkSet {
  measureCode: string;
  /** The indicator as its file names it: the indicator column, with any filter values ("rate per 10,000 · characteristic: Total"). */
  indicator: string;
  period: string;
  /** The file it came from. */
  source: string;
  areas: BenchmarkArea[];
  batchId: number;
}

/** A named group of authorities to compare with, such as the council's statistical neighbours. */
export interface NeighbourGroup {
  name: string;
  /** Area codes of the members (current codes). */
  members: string[];
  batchId: number;
}
