import { Rational } from '../arithmetic/rational.js';
import type { ParameterContext } from './context.js';
import { commonDenominator, exactContextOf, type LeanRecord } from './lean-run.js';
import type { Matrix } from './linear/matrix.js';
import { StepView } from './step-view.js';

/**
 * The step view of the lean exact path: the same quantities as `StepView`, with the same
 * exact values, computed on the record's integer numerators instead of Rationals. Deviations
 * x = M − N* are numerators over one denominator Dx = D·d(N*), P·x over d(P)·Dx, and every
 * P-form over d(P)·Dx², so each is a handful of integer products and one Rational at the end.
 * P·Δ is P·xᵀ − P·xˢ (Δ·d(N*) = xᵀ − xˢ over Dx): linearity, exact, one subtraction per entry.
 */

/** P as integer numerators (row-major) over one denominator. */
interface IntegerMatrix {
  readonly n: readonly bigint[];
  readonly d: bigint;
}

const integerMatrices = new WeakMap<Matrix<Rational>, IntegerMatrix>();

/** The exact P of a context over one common denominator (computed once per exact P). */
function integerP(ctx: ParameterContext<Rational>): IntegerMatrix {
  const P = exactContextOf(ctx).linear.P; // throws (RangeError) when A is not stable, as `StepView.P` does
  let known = integerMatrices.get(P);
  if (!known) {
    known = commonDenominator(P.flat());
    integerMatrices.set(P, known);
  }
  return known;
}

const integerWeights = new WeakMap<readonly Rational[], { readonly n: readonly bigint[]; readonly d: bigint }>();

/** W over one common denominator (the lean context keeps it so: read once per context). */
function integerW(ctx: ParameterContext<Rational>): { readonly n: readonly bigint[]; readonly d: bigint } {
  const W = ctx.setup.W;
  let known = integerWeights.get(W);
  if (!known) {
    known = commonDenominator(W);
    integerWeights.set(W, known);
  }
  return known;
}

export class LeanStepView extends StepView<Rational> {
  private xTn: bigint[] | null = null;
  private xSn: bigint[] | null = null;
  private PxTn: bigint[] | null = null;
  private PxSn: bigint[] | null = null;
  private PdeltaN: bigint[] | null = null;
  private formDenominator: bigint | null = null;
  private readonly integers: LeanRecord['numerators'];

  constructor(ctx: ParameterContext<Rational>, record: LeanRecord) {
    super(ctx, record);
    this.integers = record.numerators;
  }

  private get sharedState(): boolean {
    return this.integers.simulation === this.integers.theory;
  }

  /** Dx = D·d(N*): the denominator of the deviations. */
  private get deviationDenominator(): bigint {
    return this.integers.D * (this.ctx.setup.Nstar as Rational).den;
  }

  /** Numerators of M − N* over Dx. */
  private deviations(M: readonly bigint[]): bigint[] {
    const Nstar = this.ctx.setup.Nstar as Rational;
    const d = Nstar.den;
    const offset = Nstar.num * this.integers.D;
    return M.map((m) => m * d - offset);
  }

  private get xTnum(): bigint[] {
    return (this.xTn ??= this.deviations(this.integers.theory));
  }
  private get xSnum(): bigint[] {
    if (this.sharedState) return this.xTnum;
    return (this.xSn ??= this.deviations(this.integers.simulation));
  }
  private get PxTnum(): bigint[] {
    return (this.PxTn ??= integerMatVec(integerP(this.ctx), this.xTnum));
  }
  private get PxSnum(): bigint[] {
    if (this.sharedState) return this.PxTnum;
    return (this.PxSn ??= integerMatVec(integerP(this.ctx), this.xSnum));
  }
  /** P·(xᵀ − xˢ) over d(P)·Dx. */
  private get PdeltaNum(): bigint[] {
    if (this.PdeltaN) return this.PdeltaN;
    if (this.sharedState) return (this.PdeltaN = this.xTnum.map(() => 0n));
    const t = this.PxTnum;
    const s = this.PxSnum;
    return (this.PdeltaN = t.map((x, i) => x - s[i]));
  }
  /** d(P)·Dx²: the denominator of every P-form. */
  private get formDen(): bigint {
    if (this.formDenominator === null) {
      const dx = this.deviationDenominator;
      this.formDenominator = integerP(this.ctx).d * dx * dx;
    }
    return this.formDenominator;
  }
  private form(u: readonly bigint[], Pv: readonly bigint[]): Rational {
    let acc = 0n;
    for (let i = 0; i < u.length; i++) if (u[i] !== 0n) acc += u[i] * Pv[i];
    return Rational.lazy(acc, this.formDen);
  }

  /** Σ W_s·M_s over d(W)·D. */
  private tokens(M: readonly bigint[]): bigint {
    const W = integerW(this.ctx).n;
    let acc = 0n;
    for (let s = 0; s < M.length; s++) if (M[s] !== 0n) acc += W[s] * M[s];
    return acc;
  }
  private tokenNumerators(): { readonly theory: bigint; readonly simulation: bigint } {
    return this.once('tokenNumerators', () => {
      const theory = this.tokens(this.integers.theory);
      return { theory, simulation: this.sharedState ? theory : this.tokens(this.integers.simulation) };
    });
  }
  private get tokenDen(): bigint {
    return this.once('tokenDen', () => integerW(this.ctx).d * this.integers.D);
  }
  override get tokensT(): Rational {
    return this.once('tokensT', () => Rational.lazy(this.tokenNumerators().theory, this.tokenDen));
  }
  override get tokensS(): Rational {
    if (this.sharedState) return this.tokensT;
    return this.once('tokensS', () => Rational.lazy(this.tokenNumerators().simulation, this.tokenDen));
  }
  /** Σ W Δ = Σ W Mᵀ − Σ W Mˢ (linearity, exact). */
  override get tokensDelta(): Rational {
    return this.once('tokensDelta', () => {
      const { theory, simulation } = this.tokenNumerators();
      return Rational.lazy(theory - simulation, this.tokenDen);
    });
  }

  override get delta(): readonly Rational[] {
    return this.once('delta', () => {
      const { theory, simulation, D } = this.integers;
      return theory.map((x, i) => Rational.lazy(x - simulation[i], D));
    });
  }
  override get xT(): readonly Rational[] {
    return this.once('xT', () => this.xTnum.map((x) => Rational.lazy(x, this.deviationDenominator)));
  }
  override get xS(): readonly Rational[] {
    if (this.sharedState) return this.xT;
    return this.once('xS', () => this.xSnum.map((x) => Rational.lazy(x, this.deviationDenominator)));
  }
  override get PxS(): readonly Rational[] {
    return this.once('PxS', () => {
      const d = integerP(this.ctx).d * this.deviationDenominator;
      return this.PxSnum.map((x) => Rational.lazy(x, d));
    });
  }
  override get VT(): Rational {
    return this.once('VT', () => this.form(this.xTnum, this.PxTnum));
  }
  override get VS(): Rational {
    if (this.sharedState) return this.VT;
    return this.once('VS', () => this.form(this.xSnum, this.PxSnum));
  }
  override get innerXsDelta(): Rational {
    return this.once('innerXsDelta', () => this.form(this.xSnum, this.PdeltaNum));
  }
  override get deltaNormP(): Rational {
    return this.once('deltaNormP', () => {
      const t = this.xTnum;
      const s = this.xSnum;
      return this.form(
        t.map((x, i) => x - s[i]),
        this.PdeltaNum,
      );
    });
  }
}

function integerMatVec(P: IntegerMatrix, x: readonly bigint[]): bigint[] {
  const n = x.length;
  const out = new Array<bigint>(n);
  for (let i = 0; i < n; i++) {
    let acc = 0n;
    for (let j = 0; j < n; j++) if (x[j] !== 0n) acc += P.n[i * n + j] * x[j];
    out[i] = acc;
  }
  return out;
}
