// Types of gen-observations.mjs, for the tests that build their files with it.
export interface GenerateOptions {
  rows: number;
  periods?: number;
  comparators?: number;
  seed?: number;
}
export function quarters(periods: number): string[];
export function generate(options: GenerateOptions): { measuresCsv: string; observationsCsv: string; measureCount: number; rows: number };
export function writeFiles(options: GenerateOptions, dir?: string): { measuresFile: string; observationsFile: string; measureCount: number; rows: number; bytes: number };
