import type { Rational } from '../../models/arithmetic/rational.js';
import type { EndEvent, SimEvent } from '../../models/serving/events.js';
import type { ServingParams } from '../../models/serving/params.js';
import type { Outcome } from '../support/outcome.js';

/**
 * The run-level core of a seed-004 serving conjecture (SPEC-serving §D): a
 * fold over the simulator's events. `defineServingConjecture` (generic.ts)
 * turns it into the harness's generic TrajectoryConjecture on the `serving`
 * family; `serving simulate` runs the folds directly on a streamed run.
 *
 * Scopes: `step` = every snapshot (batch); `event` = every memory event of a
 * kind; `cycle` = every §B.4 cycle; `run` = a whole run; `family` = a
 * statement about a family of systems or an infinite horizon.
 *
 * Run-level scopes (step/event/cycle/run) are a fold over the simulator's
 * events: `start` once per run, `event` for every event (it may report an
 * outcome for that step/event/cycle), `finish` once at the end (it may report
 * an outcome for the run). The fold keeps what it needs; events are not stored.
 */
export type ServingScope = 'step' | 'event' | 'cycle' | 'run' | 'family';

export type ServingOutcome = Outcome<Rational>;

/** What a run-level conjecture knows before the run: the parameters and a summary of the workload. */
export interface RunContext {
  readonly params: ServingParams;
  readonly workload: WorkloadSummary;
}

export { summarise, type WorkloadSummary } from '../../models/serving/view.js';
import type { WorkloadSummary } from '../../models/serving/view.js';

export interface ServingFold {
  event(e: SimEvent): ServingOutcome | null;
  finish(end: EndEvent): ServingOutcome | null;
}

interface Common {
  readonly id: string;
  readonly statement: string;
  /** Seed and section, e.g. "004 §B.4". */
  readonly source: string;
  /** What the margin measures; its sign decides (≥ 0 holds unless stated). */
  readonly margin: string;
  readonly remark?: string;
}

export interface ServingRunConjecture extends Common {
  readonly scope: 'step' | 'event' | 'cycle' | 'run';
  start(ctx: RunContext): ServingFold;
}

export interface ServingFamilyConjecture<I> extends Common {
  readonly scope: 'family';
  /** The input the statement is decided on (documented per conjecture). */
  check(input: I): ServingOutcome;
}

export type ServingConjecture = ServingRunConjecture | ServingFamilyConjecture<never>;
