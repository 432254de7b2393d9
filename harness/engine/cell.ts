import type { ParameterContext } from '../../models/theory-simulation/context.js';
import { coupledRun, perTypeCoupledRun } from '../../models/theory-simulation/coupled.js';
import {
  materialize,
  materializePerType,
  mergedInitial,
  perTypeInitial,
  type InitialState,
} from '../../models/theory-simulation/initial-state.js';
import type { ModelParams } from '../../models/theory-simulation/params.js';
import type { Outcome } from '../../conjectures/support/outcome.js';
import { PerTypeStepView, StepView } from '../../conjectures/theory-simulation/support/step-view.js';
import {
  FAMILY_IDS,
  type Conjecture,
  type ConjectureOptions,
  type FamilyId,
  type FamilyViews,
  type TrajectoryChecker,
} from '../../conjectures/types.js';

/** One parameter combination with one initial state, run for t = 0..steps. */
export interface Cell {
  readonly params: ModelParams;
  readonly init: InitialState;
  readonly steps: number;
}

export interface ConjectureRun {
  readonly conjecture: Conjecture;
  readonly options: ConjectureOptions;
}

/** Facts about the coupled state an outcome was decided on (for coverage statistics). */
export interface StateFacts {
  /** Highest stage the Simulation's eviction reached at this step (0: no eviction). */
  readonly evictionDepth: number;
}

const NO_STATE: StateFacts = Object.freeze({ evictionDepth: 0 });

/** Receives every outcome as it is produced; returning `false` stops that conjecture for this cell. */
export type OutcomeSink<N> = (run: number, t: number, outcome: Outcome<N>, state: StateFacts) => boolean | void;

type AnyChecker<N> = TrajectoryChecker<FamilyViews<N>[FamilyId], N>;

/**
 * Evaluates conjectures on one cell, streaming each outcome to `sink`.
 * Each family's model runs once however many conjectures use it; a predicate
 * that throws is reported through `onError` and stops only that conjecture.
 */
export function evaluateCell<N>(
  ctx: ParameterContext<N>,
  runs: readonly ConjectureRun[],
  cell: Cell,
  sink: OutcomeSink<N>,
  onError: (run: number, t: number, error: unknown) => void,
): void {
  const active = runs.map(() => true);
  let facts = NO_STATE;
  const deliver = (i: number, t: number, outcome: Outcome<N> | null) => {
    if (outcome && sink(i, t, outcome, facts) === false) active[i] = false;
  };
  const guarded = (i: number, t: number, f: () => Outcome<N> | null) => {
    try {
      deliver(i, t, f());
    } catch (error) {
      active[i] = false;
      onError(i, t, error);
    }
  };

  // Parameter-scope conjectures: once per cell, at t = 0.
  runs.forEach((r, i) => {
    if (r.conjecture.scope !== 'parameters') return;
    const c = r.conjecture;
    guarded(i, 0, () => (preconditionsHold(c, ctx) ? c.check(ctx, r.options) : vacuousOutcome(c)));
  });

  for (const family of FAMILY_IDS) {
    const members = runs
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => r.conjecture.family === family && r.conjecture.scope !== 'parameters');
    if (members.length === 0) continue;
    const applicable = members.map(({ r }) => preconditionsHold(r.conjecture, ctx));
    const checkers = new Map<number, AnyChecker<N>>();
    for (const view of familyViews(ctx, family, cell)) {
      if (!members.some(({ i }) => active[i])) return;
      facts = stateFacts(ctx, view);
      members.forEach(({ r, i }, k) => {
        if (!active[i]) return;
        const c = r.conjecture;
        if (!applicable[k]) {
          // Each state in scope is vacuous; a trajectory statement is one vacuous outcome per cell.
          if (c.scope === 'trajectory' ? view.t === 0 : inScope(c, view)) deliver(i, view.t, vacuousOutcome(c));
          return;
        }
        if (c.scope === 'trajectory') {
          guarded(i, view.t, () => {
            let checker = checkers.get(i);
            if (!checker) {
              checker = (c.start as (v: unknown, o: ConjectureOptions) => AnyChecker<N>)(view, r.options);
              checkers.set(i, checker);
            }
            return checker.step(view);
          });
        } else if (inScope(c, view)) {
          guarded(i, view.t, () => (c.check as (v: unknown, o: ConjectureOptions) => Outcome<N>)(view, r.options));
        }
      });
    }
    facts = NO_STATE;
    for (const [i, checker] of checkers) {
      if (active[i]) guarded(i, cell.steps, () => checker.finish());
    }
  }
}

function stateFacts<N>(ctx: ParameterContext<N>, view: FamilyViews<N>[FamilyId]): StateFacts {
  const { ar } = ctx;
  const record = view.record;
  if (!record.evicted) return NO_STATE;
  const vectors = 'cohortEviction' in record ? [record.eviction] : [record.eviction.A, record.eviction.B];
  let depth = 0;
  for (const e of vectors) e.forEach((x, s) => {
    if (s > depth && ar.sign(x) > 0) depth = s;
  });
  return { evictionDepth: depth };
}

function preconditionsHold<N>(c: Conjecture, ctx: ParameterContext<N>): boolean {
  return c.preconditions.every((p) => p.holds(ctx));
}

function vacuousOutcome<N>(c: Conjecture): Outcome<N> {
  return { status: 'vacuous', values: {}, note: `precondition false: ${c.preconditions.map((p) => p.text).join(', ')}` };
}

function inScope(c: Conjecture, view: { t: number; record: { evicted: boolean } }): boolean {
  if (c.scope === 'eviction-step') return view.record.evicted;
  return view.t >= ('firstStep' in c ? (c.firstStep ?? 0) : 0);
}

function* familyViews<N>(ctx: ParameterContext<N>, family: FamilyId, cell: Cell): Generator<FamilyViews<N>[FamilyId]> {
  const { ar, setup } = ctx;
  if (family === 'theory-simulation') {
    const M0 = materialize(ar, mergedInitial(cell.params, cell.init));
    for (const record of coupledRun(setup, M0, cell.steps)) yield new StepView(ctx, record);
  } else {
    const X0 = materializePerType(ar, perTypeInitial(cell.params, cell.init));
    for (const record of perTypeCoupledRun(setup, X0, cell.steps)) yield new PerTypeStepView(ctx, record);
  }
}
