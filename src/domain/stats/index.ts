// National statistics files (Explore Education Statistics open data, or long files of one figure
// a row) and neighbour lists: reading them for benchmarking. Pure: no React, no store.
export { STATS_SYMBOLS, readStatsCell } from './cells';
export type { StatsCell } from './cells';
export { periodFromStats } from './periods';
export type { StatsPeriod } from './periods';
export { foldName, scanStatistics } from './scan';
export type { Scan, ScanArea, SkippedRows } from './scan';
export { MAX_SUMMARY_INDICATORS, findAuthority, summariseStatistics, unitFromName } from './summary';
export type { StatsArea, StatsIndicator, StatsSummary } from './summary';
export { ENGLAND_SERIES, mapStatistics } from './map';
export type { NewMeasure, StatsChoices } from './map';
export { mapNeighbours } from './neighbours';
