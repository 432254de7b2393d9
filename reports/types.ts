import type { CoverageDimension, CounterexampleRecord, SweepSummary } from '../harness/schema.js';

/** What every reporter renders from: the saved summary, the saved counterexample records, and how each family's coverage reads. */
export interface ReportInput {
  readonly summary: SweepSummary;
  /** Records of the minimal counterexamples, by conjecture id. */
  readonly records: Readonly<Record<string, CounterexampleRecord>>;
  /** Coverage dimensions by family id (axis names and kinds; from the family, not from the results). */
  readonly dimensions: Readonly<Record<string, readonly CoverageDimension[]>>;
}

/** A file a reporter writes, relative to the report folder. */
export interface ReportFile {
  readonly path: string;
  readonly content: string;
}

/** One output format. Reporters are pure: input in, files out; the caller writes them. */
export interface Reporter<I = ReportInput> {
  readonly name: string;
  readonly description: string;
  render(input: I): Promise<ReportFile[]>;
}
