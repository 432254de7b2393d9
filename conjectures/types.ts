import type { ParameterContext } from '../models/theory-simulation/context.js';
import type { Outcome } from './support/outcome.js';
import type { Precondition } from './theory-simulation/support/preconditions.js';
import type { PerTypeStepView, StepView } from './theory-simulation/support/step-view.js';
import type { TieRule } from './support/tie-rule.js';

/** The model families conjectures run on, with the view each step yields. */
export interface FamilyViews<N> {
  /** Merged Theory and Simulation from the same state (SPEC §3). */
  'theory-simulation': StepView<N>;
  /** Per-type Theory and Simulation (seed 002 scheme B), with merged views. */
  'theory-simulation-per-type': PerTypeStepView<N>;
}
export type FamilyId = keyof FamilyViews<unknown>;
export const FAMILY_IDS: readonly FamilyId[] = ['theory-simulation', 'theory-simulation-per-type'];

/** parameters: once per parameter set; step: every t; eviction-step: steps with eviction; trajectory: a fold over the run. */
export type Scope = 'parameters' | 'step' | 'eviction-step' | 'trajectory';

export interface ConjectureOptions {
  /** How ties in m = argmax Mˢ and n = argmin Mˢ are treated (default `all`). */
  readonly tie: TieRule;
}
export const DEFAULT_OPTIONS: ConjectureOptions = Object.freeze({ tie: 'all' });

interface Common<F extends FamilyId> {
  readonly id: string;
  readonly statement: string;
  /** Seed file and section, e.g. "000 §4.1". */
  readonly source: string;
  readonly family: F;
  /** Parameter conditions; where false the state is vacuous, not a pass. */
  readonly preconditions: readonly Precondition[];
  /** Which of m = argmax Mˢ, n = argmin Mˢ the statement names (cases A–D need both). */
  readonly names: readonly ('m' | 'n')[];
  /** What the margin measures; its sign decides. */
  readonly margin: string;
  /** Free-text remark shown by `list` (e.g. "stated false in the seed"). */
  readonly remark?: string;
}

export interface ParameterConjecture extends Common<'theory-simulation'> {
  readonly scope: 'parameters';
  check<N>(ctx: ParameterContext<N>, options: ConjectureOptions): Outcome<N>;
}

export interface StepConjecture<F extends FamilyId = FamilyId> extends Common<F> {
  readonly scope: 'step' | 'eviction-step';
  /** First t the statement covers (default 0). */
  readonly firstStep?: number;
  check<N>(view: FamilyViews<N>[F], options: ConjectureOptions): Outcome<N>;
}

/** A fold over one run: `step` may report an outcome at any t; `finish` may report one at the end. */
export interface TrajectoryChecker<V, N> {
  step(view: V): Outcome<N> | null;
  finish(): Outcome<N> | null;
}

export interface TrajectoryConjecture<F extends FamilyId = FamilyId> extends Common<F> {
  readonly scope: 'trajectory';
  start<N>(first: FamilyViews<N>[F], options: ConjectureOptions): TrajectoryChecker<FamilyViews<N>[F], N>;
}

export type Conjecture =
  | ParameterConjecture
  | StepConjecture<'theory-simulation'>
  | StepConjecture<'theory-simulation-per-type'>
  | TrajectoryConjecture<'theory-simulation'>
  | TrajectoryConjecture<'theory-simulation-per-type'>;
