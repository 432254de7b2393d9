import type { TrajectoryRecord } from '../models/theory-simulation/record.js';
import type { SweepSummary } from '../harness/sweep/summary.js';

/** What every reporter renders from: the saved summary and the saved counterexample records. */
export interface ReportInput {
  readonly summary: SweepSummary;
  /** Trajectory records of the minimal counterexamples, by conjecture id. */
  readonly records: Readonly<Record<string, TrajectoryRecord>>;
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
