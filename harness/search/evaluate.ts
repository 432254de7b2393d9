import type { Arithmetic } from '../../models/arithmetic/arithmetic.js';
import type { Candidate, ModelFamily } from '../../models/family.js';
import type { Outcome, OutcomeStatus } from '../../conjectures/support/outcome.js';
import { evaluateCell, type ConjectureRun } from '../engine/cell.js';

export interface Evaluation<N> {
  /** The first failing state, if any. */
  readonly failure: { readonly t: number; readonly outcome: Outcome<N> } | null;
  readonly counts: Readonly<Record<OutcomeStatus, number>>;
  /** The run was cut by `stop` before its last step (and before any failure). */
  readonly stopped: boolean;
}

/** A predicate threw: a bug in a conjecture or the harness, reported with the candidate. */
export class PredicateError extends Error {
  constructor(
    readonly candidate: Candidate,
    readonly t: number,
    override readonly cause: unknown,
  ) {
    super(`the predicate threw at t=${t}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'PredicateError';
  }
}

/** Keeps the parameter contexts (everything derived from one parameter set) of recently seen parameter sets. */
export class ContextCache<N> {
  private readonly map = new Map<string, unknown>();
  constructor(
    private readonly ar: Arithmetic<N>,
    private readonly family: ModelFamily,
    private readonly capacity = 512,
  ) {}

  get(params: unknown): unknown {
    const key = this.family.paramsKey(params);
    let ctx = this.map.get(key);
    if (ctx !== undefined) {
      this.map.delete(key);
    } else {
      ctx = this.family.context(this.ar, params);
      if (this.map.size >= this.capacity) this.map.delete(this.map.keys().next().value!);
    }
    this.map.set(key, ctx);
    return ctx;
  }
}

/** Runs one conjecture on candidates, stopping each run at its first failing state; counts what it saw. */
export class CandidateEvaluator<N> {
  trajectories = 0;
  readonly totals: Record<OutcomeStatus, number> = { holds: 0, fails: 0, vacuous: 0, undecided: 0 };
  private readonly contexts: ContextCache<N>;

  constructor(
    readonly ar: Arithmetic<N>,
    readonly family: ModelFamily,
    readonly run: ConjectureRun,
    readonly steps: number,
    /** Asked before every step (a time limit): true cuts the trajectory. */
    private readonly stop: () => boolean = () => false,
  ) {
    this.contexts = new ContextCache(ar, family);
  }

  get states(): number {
    return this.totals.holds + this.totals.fails + this.totals.vacuous + this.totals.undecided;
  }

  evaluate(candidate: Candidate): Evaluation<N> {
    const counts: Record<OutcomeStatus, number> = { holds: 0, fails: 0, vacuous: 0, undecided: 0 };
    let failure: Evaluation<N>['failure'] = null;
    let thrown: PredicateError | null = null;
    const ended = evaluateCell(
      this.contexts.get(candidate.params),
      () => this.family,
      [this.run],
      { params: candidate.params, init: candidate.init, steps: this.steps },
      (_, t, outcome: Outcome<N>) => {
        counts[outcome.status]++;
        if (outcome.status !== 'fails') return true;
        failure = { t, outcome };
        return false;
      },
      (_, t, error) => {
        thrown = new PredicateError(candidate, t, error);
      },
      this.stop,
    );
    this.trajectories++;
    for (const k of Object.keys(counts) as OutcomeStatus[]) this.totals[k] += counts[k];
    if (thrown) throw thrown;
    return { failure, counts, stopped: ended === 'stopped' };
  }
}
