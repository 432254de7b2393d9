import { Rational } from '../arithmetic/rational.js';
import type { ParameterContext } from './context.js';
import { exactContextOf, integerAnalysis, rationalsOver, type IntegerAnalysis } from './lean-context.js';
import type { LeanRecord } from './lean-run.js';
import type { IntegerMatrix, IntegerNumerators } from './linear/lyapunov.js';
import { StepView } from './step-view.js';

/**
 * The step view of the lean exact path: the same quantities as `StepView`, with the same
 * exact values, computed on the record's integer numerators instead of Rationals. Token sums
 * are over d(W)·D (Σ W Δ = Σ W Mᵀ − Σ W Mˢ). Deviations x = M − N* are numerators over one
 * denominator Dx = D·d(N*), P·x over d(P)·Dx, and every P-form over d(P)·Dx², so each is a
 * handful of integer products and one Rational at the end. P·Δ is P·xᵀ − P·xˢ
 * (Δ·d(N*) = xᵀ − xˢ over Dx): linearity, exact, one subtraction per entry.
 */

/** What every state of one lean run shares: W, N* and (for stable A, on demand) P as integers. */
export class LeanConstants {
  readonly W: IntegerNumerators;
  readonly NstarNum: bigint;
  readonly NstarDen: bigint;
  private readonly integers: IntegerAnalysis;

  constructor(ctx: ParameterContext<Rational>) {
    this.integers = integerAnalysis(exactContextOf(ctx));
    this.W = this.integers.W;
    const Nstar = ctx.setup.Nstar;
    this.NstarNum = Nstar.num;
    this.NstarDen = Nstar.den;
  }

  /** P row-major over one denominator; throws (RangeError) when A is not stable, as `StepView.P` does. */
  get P(): IntegerMatrix {
    return this.integers.P;
  }
}

export class LeanStepView extends StepView<Rational> {
  private readonly integers: LeanRecord['numerators'];
  private readonly sharedNumerators: boolean;
  private deltaVector: readonly Rational[] | null = null;
  private xTVector: readonly Rational[] | null = null;
  private xSVector: readonly Rational[] | null = null;
  private PxSVector: readonly Rational[] | null = null;
  private dx: bigint | null = null;
  private xTn: bigint[] | null = null;
  private xSn: bigint[] | null = null;
  private PxTn: bigint[] | null = null;
  private PxSn: bigint[] | null = null;
  private PdeltaN: bigint[] | null = null;
  private formDen: bigint | null = null;
  private VTn: bigint | null = null;
  private VSn: bigint | null = null;
  private innerN: bigint | null = null;
  private deltaNormN: bigint | null = null;
  private VTvalue: Rational | null = null;
  private VSvalue: Rational | null = null;
  private innerValue: Rational | null = null;
  private deltaNormValue: Rational | null = null;
  private tokenT: bigint | null = null;
  private tokenS: bigint | null = null;
  private tokenDen: bigint | null = null;
  private tokensTvalue: Rational | null = null;
  private tokensSvalue: Rational | null = null;
  private tokensDeltaValue: Rational | null = null;

  constructor(
    ctx: ParameterContext<Rational>,
    record: LeanRecord,
    private readonly constants: LeanConstants,
  ) {
    super(ctx, record);
    this.integers = record.numerators;
    this.sharedNumerators = this.integers.simulation === this.integers.theory;
  }

  /** Read off the numerators (one array for both), without making the Rational vectors. */
  protected override get shared(): boolean {
    return this.sharedNumerators;
  }

  /** Dx = D·d(N*): the denominator of the deviations. */
  private get deviationDenominator(): bigint {
    return (this.dx ??= this.integers.D * this.constants.NstarDen);
  }

  /** Numerators of M − N* over Dx. */
  private deviations(M: readonly bigint[]): bigint[] {
    const d = this.constants.NstarDen;
    const offset = this.constants.NstarNum * this.integers.D;
    return M.map((m) => m * d - offset);
  }

  private get xTnum(): bigint[] {
    return (this.xTn ??= this.deviations(this.integers.theory));
  }
  private get xSnum(): bigint[] {
    if (this.shared) return this.xTnum;
    return (this.xSn ??= this.deviations(this.integers.simulation));
  }
  private get PxTnum(): bigint[] {
    return (this.PxTn ??= integerMatVec(this.constants.P, this.xTnum));
  }
  private get PxSnum(): bigint[] {
    if (this.shared) return this.PxTnum;
    return (this.PxSn ??= integerMatVec(this.constants.P, this.xSnum));
  }
  /** P·(xᵀ − xˢ) over d(P)·Dx. */
  private get PdeltaNum(): bigint[] {
    if (this.PdeltaN) return this.PdeltaN;
    if (this.shared) return (this.PdeltaN = this.xTnum.map(() => 0n));
    const t = this.PxTnum;
    const s = this.PxSnum;
    return (this.PdeltaN = t.map((x, i) => x - s[i]));
  }
  /** d(P)·Dx²: the denominator of every P-form. */
  get formDenominator(): bigint {
    if (this.formDen === null) {
      const dx = this.deviationDenominator;
      this.formDen = this.constants.P.d * dx * dx;
    }
    return this.formDen;
  }

  /** Σ W_s·M_s over d(W)·D. */
  private tokens(M: readonly bigint[]): bigint {
    const W = this.constants.W.n;
    let acc = 0n;
    for (let s = 0; s < M.length; s++) if (M[s] !== 0n) acc += W[s] * M[s];
    return acc;
  }
  /** Σ W Mᵀ over `tokenDenominator`. */
  get tokenTheory(): bigint {
    return (this.tokenT ??= this.tokens(this.integers.theory));
  }
  /** Σ W Mˢ over `tokenDenominator`. */
  get tokenSimulation(): bigint {
    if (this.shared) return this.tokenTheory;
    return (this.tokenS ??= this.tokens(this.integers.simulation));
  }
  /** d(W)·D: the denominator of the token sums. */
  get tokenDenominator(): bigint {
    return (this.tokenDen ??= this.constants.W.d * this.integers.D);
  }
  override get tokensT(): Rational {
    return (this.tokensTvalue ??= Rational.lazy(this.tokenTheory, this.tokenDenominator));
  }
  override get tokensS(): Rational {
    if (this.shared) return this.tokensT;
    return (this.tokensSvalue ??= Rational.lazy(this.tokenSimulation, this.tokenDenominator));
  }
  /** Σ W Δ = Σ W Mᵀ − Σ W Mˢ (linearity, exact). */
  override get tokensDelta(): Rational {
    return (this.tokensDeltaValue ??= Rational.lazy(this.tokenTheory - this.tokenSimulation, this.tokenDenominator));
  }

  override get delta(): readonly Rational[] {
    if (this.deltaVector) return this.deltaVector;
    const { theory, simulation, D } = this.integers;
    return (this.deltaVector = theory.map((x, i) => Rational.lazy(x - simulation[i], D)));
  }
  override get xT(): readonly Rational[] {
    if (this.xTVector) return this.xTVector;
    return (this.xTVector = rationalsOver(this.xTnum, this.deviationDenominator));
  }
  override get xS(): readonly Rational[] {
    if (this.shared) return this.xT;
    if (this.xSVector) return this.xSVector;
    return (this.xSVector = rationalsOver(this.xSnum, this.deviationDenominator));
  }
  override get PxS(): readonly Rational[] {
    if (this.PxSVector) return this.PxSVector;
    return (this.PxSVector = rationalsOver(this.PxSnum, this.constants.P.d * this.deviationDenominator));
  }
  /** Vᵀ over `formDenominator`. */
  get VTnumerator(): bigint {
    return (this.VTn ??= form(this.xTnum, this.PxTnum));
  }
  /** Vˢ over `formDenominator`. */
  get VSnumerator(): bigint {
    if (this.shared) return this.VTnumerator;
    return (this.VSn ??= form(this.xSnum, this.PxSnum));
  }
  /** ⟨xˢ, Δ⟩_P over `formDenominator`; Δ is exactly zero while both models share a state, and so are its P-forms. */
  get innerXsDeltaNumerator(): bigint {
    if (this.shared) return 0n;
    return (this.innerN ??= form(this.xSnum, this.PdeltaNum));
  }
  /** ‖Δ‖²_P over `formDenominator`. */
  get deltaNormPNumerator(): bigint {
    if (this.shared) return 0n;
    if (this.deltaNormN !== null) return this.deltaNormN;
    const t = this.xTnum;
    const s = this.xSnum;
    return (this.deltaNormN = form(
      t.map((x, i) => x - s[i]),
      this.PdeltaNum,
    ));
  }
  override get VT(): Rational {
    return (this.VTvalue ??= Rational.lazy(this.VTnumerator, this.formDenominator));
  }
  override get VS(): Rational {
    if (this.shared) return this.VT;
    return (this.VSvalue ??= Rational.lazy(this.VSnumerator, this.formDenominator));
  }
  override get innerXsDelta(): Rational {
    if (this.shared) return Rational.ZERO;
    return (this.innerValue ??= Rational.lazy(this.innerXsDeltaNumerator, this.formDenominator));
  }
  override get deltaNormP(): Rational {
    if (this.shared) return Rational.ZERO;
    return (this.deltaNormValue ??= Rational.lazy(this.deltaNormPNumerator, this.formDenominator));
  }
}

/** The lean view of a state, or null for a view of another path (whose values are not integers over one denominator). */
export function leanViewOf(view: unknown): LeanStepView | null {
  return view instanceof LeanStepView ? view : null;
}

/** uᵀ·(Pv) for numerators u and Pv (their denominators multiply). */
function form(u: readonly bigint[], Pv: readonly bigint[]): bigint {
  let acc = 0n;
  for (let i = 0; i < u.length; i++) if (u[i] !== 0n) acc += u[i] * Pv[i];
  return acc;
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
