import type { Outcome } from './support/outcome.js';
import type { TieRule } from './support/tie-rule.js';
import type { KernelCheck } from './support/kernel.js';

/**
 * The parameter context and step view of each model family, by family id.
 * A family adds its entry by declaration merging (see
 * `models/theory-simulation/family.ts`), so its conjectures are typed; a
 * family that adds none gets untyped views.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface FamilyTypes<N> {}

type Entry<F extends string, N> = F extends keyof FamilyTypes<N> ? FamilyTypes<N>[F] : { context: any; view: any };
export type ContextOf<F extends string, N> = Entry<F, N> extends { context: infer C } ? C : any;
export type ViewOf<F extends string, N> = Entry<F, N> extends { view: infer V } ? V : any;
/** A family's screening-kernel state (see ModelFamily.kernel), for its conjectures' kernels. */
export type KernelStateOf<F extends string> = Entry<F, never> extends { kernel: infer K } ? K : never;

/** parameters: once per parameter set; step (and its restrictions): every t in scope; trajectory: a fold over the run. */
export type Scope = 'parameters' | StepScope | 'trajectory';
/** Step scopes: every t, or only the steps a conjecture's `appliesAt` selects (e.g. steps with eviction). */
export type StepScope = 'step' | 'eviction-step' | 'event' | 'cycle';

export interface ConjectureOptions {
  /** How ties in m = argmax Mˢ and n = argmin Mˢ are treated (default `all`). */
  readonly tie: TieRule;
}
export const DEFAULT_OPTIONS: ConjectureOptions = Object.freeze({ tie: 'all' });

/** A condition on the parameters; a state where it is false is counted as vacuous. */
export interface Precondition<F extends string = string> {
  readonly id: string;
  readonly text: string;
  holds<N>(ctx: ContextOf<F, N>): boolean;
}

interface Common<F extends string> {
  readonly id: string;
  readonly statement: string;
  /** Seed file and section, e.g. "000 §4.1". */
  readonly source: string;
  /** The model family it runs on (its id in the family registry). */
  readonly family: F;
  /** Parameter conditions; where false the state is vacuous, not a pass. */
  readonly preconditions: readonly Precondition<F>[];
  /** Which of m = argmax Mˢ, n = argmin Mˢ the statement names (cases A–D need both). */
  readonly names: readonly ('m' | 'n')[];
  /** What the margin measures; its sign decides. */
  readonly margin: string;
  /** Free-text remark shown by `list` (e.g. "stated false in the seed"). */
  readonly remark?: string;
  /**
   * The statement is an identity (or compares exact values for equality): a certified
   * enclosure can never decide it, so the deciding policy always runs it on the exact path.
   */
  readonly exactOnly?: boolean;
  /**
   * Family invariances (ids) the statement respects: its outcome status at every t is the
   * same on equivalent candidates (e.g. `scale-B`). `check` then decides one candidate per
   * class when it certifies minimality; the family's tests prove every declaration.
   */
  readonly invariantUnder?: readonly string[];
}

export interface ParameterConjecture<F extends string = string> extends Common<F> {
  readonly scope: 'parameters';
  check<N>(ctx: ContextOf<F, N>, options: ConjectureOptions): Outcome<N>;
}

export interface StepConjecture<F extends string = string> extends Common<F> {
  readonly scope: StepScope;
  /** First t the statement covers (default 0). */
  readonly firstStep?: number;
  /** Restricts the states in scope (default: every t ≥ firstStep). */
  appliesAt?<N>(view: ViewOf<F, N>): boolean;
  check<N>(view: ViewOf<F, N>, options: ConjectureOptions): Outcome<N>;
  /**
   * The same statement on the family's screening kernel (tie rule `all`), decided only where
   * certified enclosures prove it (see conjectures/support/kernel.ts). Optional: without it the
   * statement is screened on the family's screening views.
   */
  readonly kernel?: KernelCheck<KernelStateOf<F>>;
  /**
   * The same statement decided on a view's exact integer form, where the family's lean exact
   * path offers one (e.g. `leanViewOf` in models/theory-simulation/lean-step-view.ts): the
   * outcome with its exact status and margin, witness values left out, or null where `check`
   * is to decide (any other view, and every state the kernel does not decide). Optional: for
   * identities, whose holding states the lean path can decide in integer comparisons without
   * making a Rational or a witness. The exact paths ask it first; `replay` (which prints
   * witnesses) runs on the Rational path, where it answers null.
   */
  exactKernel?<N>(view: ViewOf<F, N>): Outcome<N> | null;
}

/** A fold over one run: `step` may report an outcome at any t; `finish` may report one at the end. */
export interface TrajectoryChecker<V, N> {
  step(view: V): Outcome<N> | null;
  finish(): Outcome<N> | null;
}

export interface TrajectoryConjecture<F extends string = string> extends Common<F> {
  readonly scope: 'trajectory';
  start<N>(first: ViewOf<F, N>, options: ConjectureOptions): TrajectoryChecker<ViewOf<F, N>, N>;
}

export type Conjecture = ParameterConjecture | StepConjecture | TrajectoryConjecture;
