import type { Arithmetic } from '../arithmetic/arithmetic.js';
import type { Interval } from '../arithmetic/interval.js';
import type { Rational } from '../arithmetic/rational.js';
import { argmaxAll, argminAll, maxOf, minOf, subVec } from '../arithmetic/vector.js';
import type { ParameterContext } from './context.js';
import type { CoupledRecord, PerTypeCoupledRecord } from './coupled.js';
import { matVec } from './linear/energy.js';
import type { Matrix } from './linear/matrix.js';
import { mergedTokens } from './setup.js';

/**
 * One coupled state of the merged models with the quantities conjectures share
 * (Δ, deviations, spreads, extrema, energies), each computed at most once.
 */
export class StepView<N> {
  /** The quantities computed so far (fixed fields: one object shape for every state), made on first use. */
  private memoised: StepMemo<N> | null = null;
  private get memo(): StepMemo<N> {
    return (this.memoised ??= new StepMemo<N>());
  }

  constructor(
    readonly ctx: ParameterContext<N>,
    readonly record: CoupledRecord<N>,
  ) {}

  get ar(): Arithmetic<N> {
    return this.ctx.ar;
  }
  get t(): number {
    return this.record.t;
  }
  get theory(): readonly N[] {
    return this.record.theory;
  }
  get simulation(): readonly N[] {
    return this.record.simulation;
  }
  /** Δ = Mᵀ − Mˢ. */
  get delta(): readonly N[] {
    return (this.memo.delta ??= subVec(this.ar, this.theory, this.simulation));
  }
  /** xᵀ = Mᵀ − M*. */
  get xT(): readonly N[] {
    return (this.memo.xT ??= this.theory.map((x) => this.ar.sub(x, this.ctx.setup.Nstar)));
  }
  /** Whether both models hold the very same state (until the first eviction): Simulation quantities are then the Theory's. */
  protected get shared(): boolean {
    return this.record.theory === this.record.simulation;
  }
  /** xˢ = Mˢ − M*. */
  get xS(): readonly N[] {
    if (this.shared) return this.xT;
    return (this.memo.xS ??= this.simulation.map((x) => this.ar.sub(x, this.ctx.setup.Nstar)));
  }
  get maxT(): N {
    return (this.memo.maxT ??= maxOf(this.ar, this.theory));
  }
  get minT(): N {
    return (this.memo.minT ??= minOf(this.ar, this.theory));
  }
  get maxS(): N {
    if (this.shared) return this.maxT;
    return (this.memo.maxS ??= maxOf(this.ar, this.simulation));
  }
  get minS(): N {
    if (this.shared) return this.minT;
    return (this.memo.minS ??= minOf(this.ar, this.simulation));
  }
  /** Gᵀ = max Mᵀ − min Mᵀ. */
  get GT(): N {
    return (this.memo.GT ??= this.ar.sub(this.maxT, this.minT));
  }
  /** Gˢ = max Mˢ − min Mˢ. */
  get GS(): N {
    if (this.shared) return this.GT;
    return (this.memo.GS ??= this.ar.sub(this.maxS, this.minS));
  }
  /** Every m = argmax Mˢ (ascending). */
  get argmaxS(): readonly number[] {
    return (this.memo.argmaxS ??= argmaxAll(this.ar, this.simulation));
  }
  /** Every n = argmin Mˢ (ascending). */
  get argminS(): readonly number[] {
    return (this.memo.argminS ??= argminAll(this.ar, this.simulation));
  }
  /** Σ W Mᵀ: the tokens Theory holds. */
  get tokensT(): N {
    return (this.memo.tokensT ??= mergedTokens(this.ctx.setup, this.theory));
  }
  /** Σ W Mˢ. */
  get tokensS(): N {
    if (this.shared) return this.tokensT;
    return (this.memo.tokensS ??= mergedTokens(this.ctx.setup, this.simulation));
  }
  /** Σ W Δ. */
  get tokensDelta(): N {
    return (this.memo.tokensDelta ??= mergedTokens(this.ctx.setup, this.delta));
  }
  /** Lyapunov matrix for Q = I (only when A is stable). */
  get P(): Matrix<N> {
    return this.ctx.linear.P;
  }
  /** P·xᵀ: each P-form below is one dot product with a memoised matrix product. */
  private get PxT(): readonly N[] {
    return (this.memo.PxT ??= matVec(this.ar, this.P, this.xT));
  }
  /** P·xˢ (P is symmetric, so ⟨xˢ, v⟩_P = v·(P·xˢ) for any v). */
  get PxS(): readonly N[] {
    if (this.shared) return this.PxT;
    return (this.memo.PxS ??= matVec(this.ar, this.P, this.xS));
  }
  /** P·Δ (Δ's entries are exactly 0 for the cohorts both models share, which the enclosures keep). */
  private get Pdelta(): readonly N[] {
    return (this.memo.Pdelta ??= matVec(this.ar, this.P, this.delta));
  }
  /** Vᵀ = ‖xᵀ‖²_P. */
  get VT(): N {
    return (this.memo.VT ??= this.ar.dot(this.xT, this.PxT));
  }
  /** Vˢ = ‖xˢ‖²_P. */
  get VS(): N {
    if (this.shared) return this.VT;
    return (this.memo.VS ??= this.ar.dot(this.xS, this.PxS));
  }
  /** ⟨xˢ, Δ⟩_P. */
  get innerXsDelta(): N {
    return (this.memo.innerXsDelta ??= this.ar.dot(this.xS, this.Pdelta));
  }
  /** ‖Δ‖²_P. */
  get deltaNormP(): N {
    return (this.memo.deltaNormP ??= this.ar.dot(this.delta, this.Pdelta));
  }
}

/** A state's memoised quantities. */
class StepMemo<N> {
  delta: readonly N[] | undefined = undefined;
  xT: readonly N[] | undefined = undefined;
  xS: readonly N[] | undefined = undefined;
  maxT: N | undefined = undefined;
  minT: N | undefined = undefined;
  maxS: N | undefined = undefined;
  minS: N | undefined = undefined;
  GT: N | undefined = undefined;
  GS: N | undefined = undefined;
  argmaxS: readonly number[] | undefined = undefined;
  argminS: readonly number[] | undefined = undefined;
  tokensT: N | undefined = undefined;
  tokensS: N | undefined = undefined;
  tokensDelta: N | undefined = undefined;
  PxT: readonly N[] | undefined = undefined;
  PxS: readonly N[] | undefined = undefined;
  Pdelta: readonly N[] | undefined = undefined;
  VT: N | undefined = undefined;
  VS: N | undefined = undefined;
  innerXsDelta: N | undefined = undefined;
  deltaNormP: N | undefined = undefined;
}

/**
 * A state of the screening run, with the exact view of the same state on demand: the
 * deciding policy decides there what a predicate could not decide on enclosures.
 */
export class ScreenStepView extends StepView<Interval> {
  constructor(
    ctx: ParameterContext<Interval>,
    record: CoupledRecord<Interval>,
    private readonly exactView: () => StepView<Rational>,
  ) {
    super(ctx, record);
  }

  exact(): StepView<Rational> {
    return this.exactView();
  }
}

/** One coupled state of the per-type models. */
export class PerTypeStepView<N> {
  constructor(
    readonly ctx: ParameterContext<N>,
    readonly record: PerTypeCoupledRecord<N>,
  ) {}

  get ar(): Arithmetic<N> {
    return this.ctx.ar;
  }
  get t(): number {
    return this.record.t;
  }
}
