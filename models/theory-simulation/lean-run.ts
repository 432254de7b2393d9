import { exactArithmetic } from '../arithmetic/exact.js';
import { Rational } from '../arithmetic/rational.js';
import type { ParameterContext } from './context.js';
import { coupledRun, type CoupledRecord } from './coupled.js';
import { commonDenominator, exactContextOf, integerAnalysis, rationalsOver } from './lean-context.js';

/**
 * The lean exact path of the merged models (SPEC §3): Theory and Simulation carry integer
 * numerators over ONE common denominator D per step (shared by both models), so that a
 * step is integer arithmetic and never pays a gcd. Each step multiplies D by K = d_B·Wn_0
 * (the admission's denominator) and, at an eviction step, by d_B·Wn_s of the stage cut.
 * Values are handed to the conjectures as unreduced Rationals over D: the same exact
 * values as the Rational path (`coupledRun`), only their stored form differs.
 */

/** Both models' numerators over the step's common denominator D (one array for both while they share a state). */
export interface LeanNumerators {
  readonly D: bigint;
  readonly theory: readonly bigint[];
  readonly simulation: readonly bigint[];
}

/**
 * What each cohort has lost to eviction, kept without a product per step: the losses at the
 * last eviction (numerators then), shifted by `age` stages and scaled by `scale` = K^age since
 * (no eviction in between, so D grew by K each step). null: nothing lost by any cohort now in
 * the system (before the first eviction, or once the last evicted cohorts have left).
 */
interface CohortLosses {
  readonly anchor: readonly bigint[] | null;
  readonly age: number;
  readonly scale: bigint;
}

const NO_LOSSES: CohortLosses = Object.freeze({ anchor: null, age: 0, scale: 1n });

/** The cohorts' losses over the current D: the anchor shifted by `age` stages and scaled (zeros when none). */
function lossNumerators({ anchor, age, scale }: CohortLosses, stages: number): bigint[] {
  if (anchor === null) return new Array<bigint>(stages).fill(0n);
  return anchor.map((_, s) => (s >= age ? anchor[s - age] * scale : 0n));
}

/** A state with stage 0 emptied: the advance before admission. */
const withoutAdmission = (xs: readonly bigint[]): bigint[] => xs.map((x, s) => (s === 0 ? 0n : x));

/**
 * A lean step's record: the numerators, turned into Rationals over D only when a conjecture
 * reads a vector (most read a few quantities derived from the numerators, see LeanStepView).
 * While both models share a state, `theory` and `simulation` are one array, as on the Rational path.
 */
export class LeanRecord implements CoupledRecord<Rational> {
  private theoryVector: readonly Rational[] | null = null;
  private simulationVector: readonly Rational[] | null = null;
  private advancedVector: readonly Rational[] | null = null;
  private evictionVector: readonly Rational[] | null = null;
  private cohortVector: readonly Rational[] | null = null;

  constructor(
    readonly t: number,
    readonly numerators: LeanNumerators,
    readonly theoryAdmission: Rational | null,
    readonly desired: Rational | null,
    readonly simAdmission: Rational | null,
    readonly evicted: boolean,
    private readonly parts: {
      /** 'theory' or 'simulation': that model's new state with stage 0 emptied (it admitted, did not evict). */
      readonly advanced: readonly bigint[] | 'theory' | 'simulation' | null;
      /** The factor the advanced numerators still need to be over D (an eviction's F; 1 otherwise). */
      readonly advancedScale?: bigint;
      /** null: no eviction (the zero vector). */
      readonly eviction: readonly bigint[] | null;
      readonly cohort: CohortLosses;
      readonly zeros: readonly Rational[];
    },
  ) {}

  get theory(): readonly Rational[] {
    return (this.theoryVector ??= rationalsOver(this.numerators.theory, this.numerators.D));
  }
  get simulation(): readonly Rational[] {
    const { theory, simulation, D } = this.numerators;
    if (simulation === theory) return this.theory;
    return (this.simulationVector ??= rationalsOver(simulation, D));
  }
  get simAdvanced(): readonly Rational[] | null {
    const advanced = this.parts.advanced;
    if (advanced === null) return null;
    if (this.advancedVector) return this.advancedVector;
    const scale = this.parts.advancedScale ?? 1n;
    const numerators =
      advanced === 'theory' || advanced === 'simulation'
        ? withoutAdmission(this.numerators[advanced])
        : scale === 1n
          ? advanced
          : advanced.map((x) => x * scale);
    return (this.advancedVector = rationalsOver(numerators, this.numerators.D));
  }
  get eviction(): readonly Rational[] {
    const eviction = this.parts.eviction;
    if (eviction === null) return this.parts.zeros;
    return (this.evictionVector ??= rationalsOver(eviction, this.numerators.D));
  }
  /** The deepest stage with a positive eviction (0 when nothing was evicted), read off the numerators. */
  get evictionDepth(): number {
    const e = this.parts.eviction;
    if (e === null) return 0;
    for (let s = e.length - 1; s > 0; s--) if (e[s] > 0n) return s;
    return 0;
  }
  get cohortEviction(): readonly Rational[] {
    if (this.cohortVector) return this.cohortVector;
    const cohort = this.parts.cohort;
    if (cohort.anchor === null) return (this.cohortVector = this.parts.zeros);
    return (this.cohortVector = rationalsOver(lossNumerators(cohort, this.parts.zeros.length), this.numerators.D));
  }
}

export function* leanCoupledRun(ctx: ParameterContext<Rational>, initial: readonly Rational[], steps: number): Generator<LeanRecord> {
  const setup = exactContextOf(ctx).setup;
  if (setup.ar !== exactArithmetic) throw new Error('the lean run needs an exact setup');
  const lB = setup.stages;
  const { n: Wn, d: dW } = integerAnalysis(exactContextOf(ctx)).W;
  const Bn = (setup.B as Rational).num;
  const dB = (setup.B as Rational).den;
  const K = dB * Wn[0];
  const zeros = setup.zeros as readonly Rational[];

  const start = commonDenominator(initial);
  let D = start.d;
  let T = start.n.slice();
  let S = T;
  let cohort = NO_LOSSES;
  yield new LeanRecord(0, { D, theory: T, simulation: S }, null, null, null, false, { advanced: null, eviction: null, cohort, zeros });
  const BdW = Bn * dW;
  /** ã's numerator over D·K, given BD = Bn·dW·D (one product per step, shared by both models). */
  const admission = (N: readonly bigint[], BD: bigint) => {
    // ã over D·K: (Bn·dW·D − dB·Σ_{s≥1} Wn_s N_{s−1}).
    let sum = 0n;
    for (let s = 1; s < lB; s++) if (N[s - 1] !== 0n) sum += Wn[s] * N[s - 1];
    return BD - (dB === 1n ? sum : dB * sum);
  };
  // Until the first eviction both models hold the very same state (one array, one admission).
  let shared = true;
  for (let t = 1; t <= steps; t++) {
    const BD = BdW * D;
    const aT = admission(T, BD);
    const aS = shared ? aT : admission(S, BD);
    const D1 = D * K;
    const T1 = new Array<bigint>(lB);
    T1[0] = aT;
    for (let s = 1; s < lB; s++) T1[s] = T[s - 1] * K;
    // The Simulation advanced; while both share a state it is the Theory's (no product, no array).
    let adv: bigint[] | null = null;
    if (!shared) {
      adv = new Array<bigint>(lB);
      adv[0] = 0n;
      for (let s = 1; s < lB; s++) adv[s] = S[s - 1] * K;
    }
    // The cohorts' losses one stage on, over D·K (they leave the system after lB stages).
    const c1: CohortLosses =
      cohort.anchor === null || cohort.age + 1 >= lB ? NO_LOSSES : { anchor: cohort.anchor, age: cohort.age + 1, scale: cohort.scale * K };

    if (aS >= 0n) {
      let S1 = T1;
      if (adv) {
        S1 = adv; // the record re-empties stage 0 when simAdvanced is read
        S1[0] = aS;
      }
      T = T1;
      S = S1;
      cohort = c1;
      D = D1;
      const desired = Rational.lazy(aS, D);
      yield new LeanRecord(t, { D, theory: T, simulation: S }, Rational.lazy(aT, D), desired, desired, false, {
        advanced: adv ? 'simulation' : 'theory',
        eviction: null,
        cohort,
        zeros,
      });
      continue;
    }

    // Eviction: keep stages whole from lB−1 down while dB·R ≤ Bn·dW·D1 (R = Σ Wn_s adv_s).
    const adv1 = adv ?? withoutAdmission(T1);
    shared = false;
    const losses = lossNumerators(c1, lB);
    const cap = BD * K; // Bn·dW·D1
    let R = 0n;
    let s = lB - 1;
    for (; s >= 1; s--) {
      const total = R + Wn[s] * adv1[s];
      if (dB * total <= cap) {
        R = total;
        continue;
      }
      break;
    }
    let F = 1n;
    const S1 = adv1.slice();
    const e = new Array<bigint>(lB).fill(0n);
    if (s >= 1) {
      F = dB * Wn[s];
      for (let k = 0; k < lB; k++) {
        S1[k] *= F;
        T1[k] *= F;
        losses[k] *= F;
      }
      const kept = cap - dB * R; // over D1·F
      e[s] = S1[s] - kept;
      S1[s] = kept;
      for (let k = s - 1; k >= 1; k--) {
        e[k] = S1[k];
        S1[k] = 0n;
      }
    }
    const D2 = D1 * F;
    for (let k = 0; k < lB; k++) if (e[k] !== 0n) losses[k] += e[k];
    T = T1;
    S = S1;
    cohort = { anchor: losses, age: 0, scale: 1n };
    D = D2;
    yield new LeanRecord(t, { D, theory: T, simulation: S }, Rational.lazy(aT * F, D), Rational.lazy(aS * F, D), Rational.ZERO, true, {
      advanced: adv1,
      advancedScale: F,
      eviction: e,
      cohort,
      zeros,
    });
  }
}

/**
 * The merged models' coupled run from `initial`, open-ended (stepped as far as it is read): on
 * the lean path where the context's setup is exact (the same exact values as `coupledRun`,
 * without a gcd per step), otherwise on the context's own arithmetic.
 */
export function mergedModelsRun<N>(ctx: ParameterContext<N>, initial: readonly N[]): Iterator<CoupledRecord<N>> {
  if ((ctx.setup.ar as unknown) !== exactArithmetic) return coupledRun(ctx.setup, initial, Number.POSITIVE_INFINITY);
  const exact = ctx as unknown as ParameterContext<Rational>;
  return leanCoupledRun(exact, initial as unknown as readonly Rational[], Number.POSITIVE_INFINITY) as unknown as Iterator<CoupledRecord<N>>;
}
