import type { Arithmetic } from '../../models/arithmetic/arithmetic.js';
import type { Candidate, ModelFamily } from '../../models/family.js';
import type { Outcome, OutcomeStatus } from '../../conjectures/support/outcome.js';
import { evaluateCell, type ConjectureRun, type OutcomeSink } from '../engine/cell.js';
import type { DecidingPolicy } from '../engine/deciding.js';
import { intervalArithmetic } from '../../models/arithmetic/interval.js';

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
  private readonly screenContexts: ContextCache<unknown> | null;

  constructor(
    readonly ar: Arithmetic<N>,
    readonly family: ModelFamily,
    readonly run: ConjectureRun,
    readonly steps: number,
    /** Asked before every step (a time limit): true cuts the trajectory. */
    private readonly stop: () => boolean = () => false,
    /** Decides through this policy (screening with exact fallback on `ar`); without it, on `ar` alone. */
    readonly policy: DecidingPolicy | null = null,
  ) {
    this.contexts = new ContextCache(ar, family);
    this.screenContexts = policy ? new ContextCache(intervalArithmetic as Arithmetic<unknown>, family) : null;
  }

  get states(): number {
    return this.totals.holds + this.totals.fails + this.totals.vacuous + this.totals.undecided;
  }

  evaluate(candidate: Candidate): Evaluation<N> {
    const counts: Record<OutcomeStatus, number> = { holds: 0, fails: 0, vacuous: 0, undecided: 0 };
    let failure: Evaluation<N>['failure'] = null;
    let thrown: PredicateError | null = null;
    const cell = { params: candidate.params, init: candidate.init, steps: this.steps };
    const sink = (_: number, t: number, outcome: Outcome<N>) => {
      counts[outcome.status]++;
      if (outcome.status !== 'fails') return true;
      failure = { t, outcome };
      return false;
    };
    const onError = (_: number, t: number, error: unknown) => {
      thrown = new PredicateError(candidate, t, error);
    };
    const ended = this.policy
      ? this.policy.decide({
          runs: [this.run],
          cell,
          exactContext: () => this.contexts.get(candidate.params),
          screenContext: () => this.screenContexts!.get(candidate.params),
          families: () => this.family,
          sink: sink as OutcomeSink<unknown>,
          onError,
          stop: this.stop,
          // A failure is reported with its exact witness.
          needsExact: (_, _t, outcome) => outcome.status === 'fails',
        })
      : evaluateCell(this.contexts.get(candidate.params), () => this.family, [this.run], cell, sink, onError, this.stop);
    this.trajectories++;
    for (const k of Object.keys(counts) as OutcomeStatus[]) this.totals[k] += counts[k];
    if (thrown) throw thrown;
    return { failure, counts, stopped: ended === 'stopped' };
  }
}
