import type { ModelFamily, StateFacts } from '../../models/family.js';
import { requireOutcome, type Outcome } from '../../conjectures/support/outcome.js';
import type { Conjecture, ConjectureOptions, StepConjecture, TrajectoryChecker } from '../../conjectures/types.js';

export type { StateFacts };

/** One parameter combination with one initial state, run for t = 0..steps. */
export interface Cell {
  readonly params: unknown;
  readonly init: unknown;
  readonly steps: number;
}

export interface ConjectureRun {
  readonly conjecture: Conjecture;
  readonly options: ConjectureOptions;
}

const NO_STATE: StateFacts = Object.freeze({ evictionDepth: 0 });

/** Receives every outcome as it is produced; returning `false` stops that conjecture for this cell. */
export type OutcomeSink<N> = (run: number, t: number, outcome: Outcome<N>, state: StateFacts) => boolean | void;

type AnyChecker<N> = TrajectoryChecker<unknown, N>;
type View = { readonly t: number };

/**
 * Which states of a cell are wanted, how far the evaluation got, and a second opinion on a
 * state (the deciding policy's screening and exact passes). Only step and eviction-step
 * statements, functions of one state, may skip states or be decided again state by state; the
 * others always see every state, and an error ends them.
 */
export interface CellProgress {
  /** Whether run `run`'s outcome at state t is wanted (default: every state). */
  readonly wanted?: (run: number, t: number) => boolean;
  /**
   * Decides a state statement at this view again (the screening's exact fallback): when its
   * predicate raised `error` on the view, or, with `error` undefined, when `needsAgain` asked
   * for it. Returns the outcome to deliver; what it throws ends the run with that error.
   */
  readonly decideAgain?: (run: number, view: unknown, error: unknown) => Outcome<unknown> | null;
  /** Whether an outcome is to be decided again (see decideAgain). */
  readonly needsAgain?: (run: number, t: number, outcome: Outcome<unknown>) => boolean;
  /** Per run, filled in: the last t whose outcome was delivered, or found out of scope or unwanted (−1 before any). */
  readonly reached?: number[];
}

/**
 * Evaluates conjectures on one cell, streaming each outcome to `sink`.
 * `families` gives each conjecture's model family (they share one domain, so
 * one parameter context serves all). Each family's model runs once however
 * many conjectures use it; a predicate that throws is reported through
 * `onError` and stops only that conjecture.
 */
export function evaluateCell<N>(
  context: unknown,
  families: (c: Conjecture) => ModelFamily,
  runs: readonly ConjectureRun[],
  cell: Cell,
  sink: OutcomeSink<N>,
  onError: (run: number, t: number, error: unknown) => void,
  /** Asked before every step: true ends the cell there (a time limit); the cell then reports itself stopped. */
  stop: () => boolean = () => false,
  progress: CellProgress = {},
): 'done' | 'stopped' {
  const active = runs.map(() => true);
  const { reached, decideAgain, needsAgain } = progress;
  // Per run: which states it wants (null: all of them); only statements of one state may choose.
  const wanted = runs.map((r, i) => {
    const wants = progress.wanted;
    return wants && isStateStatement(r.conjecture) ? (t: number) => wants(i, t) : null;
  });
  let facts = NO_STATE;
  const deliver = (i: number, t: number, outcome: Outcome<N> | null) => {
    // null: no outcome at this state; anything else must be one (see requireOutcome).
    const checked = requireOutcome<N>(outcome, runs[i].conjecture.id);
    if (checked && sink(i, t, checked, facts) === false) active[i] = false;
  };
  const guarded = (i: number, t: number, f: () => Outcome<N> | null) => {
    try {
      deliver(i, t, f());
    } catch (error) {
      active[i] = false;
      onError(i, t, error);
    }
  };

  /** A state statement at one state: its outcome, decided again where asked (see CellProgress), or its error. */
  const checkState = (i: number, c: StepConjecture, options: ConjectureOptions, view: View) => {
    let outcome: Outcome<N> | null = null;
    let raised: { error: unknown } | null = null;
    try {
      // An exact kernel decides what it can on the view's integers; `check` decides the rest.
      outcome = (c.exactKernel?.(view as never) as Outcome<N> | null | undefined) ?? (c.check(view as never, options) as Outcome<N> | null);
    } catch (error) {
      raised = { error };
    }
    try {
      if (raised) {
        if (!decideAgain) throw raised.error;
        outcome = decideAgain(i, view, raised.error) as Outcome<N> | null;
      } else if (outcome && decideAgain && needsAgain?.(i, view.t, outcome as Outcome<unknown>)) {
        outcome = decideAgain(i, view, undefined) as Outcome<N> | null;
      }
      deliver(i, view.t, outcome);
    } catch (error) {
      active[i] = false;
      onError(i, view.t, error);
    }
  };

  // Parameter-scope conjectures: once per cell, at t = 0.
  runs.forEach((r, i) => {
    if (r.conjecture.scope !== 'parameters') return;
    const c = r.conjecture;
    guarded(i, 0, () => (preconditionsHold(c, context) ? c.check(context, r.options) : vacuousOutcome(c)));
  });

  const order = [...new Set(runs.filter((r) => r.conjecture.scope !== 'parameters').map((r) => families(r.conjecture)))];
  for (const family of order) {
    const members = runs
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => r.conjecture.scope !== 'parameters' && families(r.conjecture) === family);
    const applicable = members.map(({ r }) => preconditionsHold(r.conjecture, context));
    const checkers = new Map<number, AnyChecker<N>>();
    for (const view of family.run(context, cell.init, cell.steps) as Iterable<View>) {
      if (!anyActive(members, active)) break;
      if (stop()) return 'stopped';
      facts = family.stateFacts(view);
      // A plain loop without a closure per conjecture and state: this runs for every state.
      for (let k = 0; k < members.length; k++) {
        const { r, i } = members[k];
        if (!active[i]) continue;
        const want = wanted[i];
        if (want && !want(view.t)) {
          if (reached) reached[i] = view.t;
          continue;
        }
        const c = r.conjecture;
        if (!applicable[k]) {
          // Each state in scope is vacuous; a trajectory statement is one vacuous outcome per cell.
          if (c.scope === 'trajectory' ? view.t === 0 : inScope(c, view)) deliver(i, view.t, vacuousOutcome(c));
        } else if (c.scope === 'trajectory') {
          guarded(i, view.t, () => {
            let checker = checkers.get(i);
            if (!checker) {
              checker = c.start(view, r.options) as AnyChecker<N>;
              checkers.set(i, checker);
            }
            return checker.step(view);
          });
        } else if (c.scope !== 'parameters' && inScope(c, view)) {
          checkState(i, c, r.options, view);
        }
        if (reached && active[i]) reached[i] = view.t;
      }
    }
    facts = NO_STATE;
    for (const [i, checker] of checkers) {
      if (active[i]) guarded(i, cell.steps, () => checker.finish());
    }
  }
  return 'done';
}

function anyActive(members: readonly { readonly i: number }[], active: readonly boolean[]): boolean {
  for (let k = 0; k < members.length; k++) if (active[members[k].i]) return true;
  return false;
}

export function preconditionsHold(c: Conjecture, context: unknown): boolean {
  return c.preconditions.every((p) => p.holds(context));
}

const vacuousOutcomes = new WeakMap<Conjecture, Outcome<never>>();

/** One frozen outcome per conjecture: a cell whose precondition fails delivers it at every state. */
export function vacuousOutcome<N>(c: Conjecture): Outcome<N> {
  let outcome = vacuousOutcomes.get(c);
  if (!outcome) {
    outcome = Object.freeze({ status: 'vacuous', values: Object.freeze({}), note: `precondition false: ${c.preconditions.map((p) => p.text).join(', ')}` });
    vacuousOutcomes.set(c, outcome);
  }
  return outcome as Outcome<N>;
}

/** A step or eviction-step statement: a function of one state, which may be decided state by state. */
export const isStateStatement = (c: Conjecture): boolean => c.scope === 'step' || c.scope === 'eviction-step';

function inScope(c: Conjecture, view: View): boolean {
  if (c.scope === 'parameters' || c.scope === 'trajectory') return false;
  if (c.appliesAt) return c.appliesAt(view);
  return view.t >= (c.firstStep ?? 0);
}
