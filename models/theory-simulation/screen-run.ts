import { UndecidedComparison } from '../arithmetic/arithmetic.js';
import { down, Interval, intervalArithmetic as ar, up as roundUp, ZERO } from '../arithmetic/interval.js';
import { Rational } from '../arithmetic/rational.js';
import type { ParameterContext } from './context.js';
import { firstRecord, type CoupledRecord } from './coupled.js';
import { evictFromBottom } from './merged.js';

/**
 * The screening run of the merged models (SPEC §3) on certified enclosures.
 *
 * Plain interval arithmetic is useless here: the admission ã(t) = (B − Σ W_s M_{s−1})/W_0
 * is a linear recurrence whose coefficients W_s/W_0 are all positive, so interval widths
 * grow like ρ(|A|)^t (about 2^t) while the actual error stays near the unit roundoff. So the
 * run keeps a double CENTRE per admission and bounds its error through the recurrence's
 * impulse response h (h(0) = 1, h(k) = −Σ_s (W_s/W_0)·h(k−s)), computed exactly once per
 * parameter set: the centres satisfy c(τ) = f(c) + δ(τ), where f is the exact affine step and
 * |δ(τ)| is bounded by a one-step interval evaluation from the centres; hence the error
 * e = c − exact obeys the same recurrence driven by δ (and by the errors of the state it
 * started from), and |e(τ)| ≤ δ_max·Σ_{k<τ}|h(k)| + Σ_j |h(τ−j)|·init(j).
 *
 * The Theory never evicts: one such run from t = 0. The Simulation follows the same
 * recurrence between evictions and restarts the bound after each (the eviction itself is
 * evaluated in interval arithmetic on the enclosures). Every branch — the sign of ã, whether a
 * stage fits within B — is decided on enclosures or the run throws `UndecidedComparison`.
 * Cohorts both models share are the same objects, so Δ_s = 0 is seen exactly.
 */

/** Beyond this many steps since a (re)start the exact impulse response grows too long to be worth it. */
const MAX_IMPULSE_STEPS = 5_000;

/** Upper bounds of |h(k)| and of Σ_{j≤k}|h(j)|, extended on demand; exact underneath. */
export class ImpulseBounds {
  private readonly h: Rational[] = [Rational.ONE];
  private readonly abs: number[] = [1];
  private readonly cumulative: number[] = [1];

  /** c[s] = W_s/W_0 for s = 1..n−1 (c[0] unused). */
  constructor(private readonly c: readonly Rational[]) {}

  private extendTo(k: number): void {
    if (k > MAX_IMPULSE_STEPS) throw new UndecidedComparison('bound');
    for (let j = this.h.length; j <= k; j++) {
      let acc = Rational.ZERO;
      for (let s = 1; s < this.c.length && s <= j; s++) acc = acc.sub(this.c[s].mul(this.h[j - s]));
      this.h.push(acc);
      const e = ar.fromRational(acc);
      const bound = Math.max(Math.abs(e.lo), Math.abs(e.hi));
      this.abs.push(bound);
      this.cumulative.push(roundUp(this.cumulative[j - 1] + bound));
    }
  }

  /** An upper bound of |h(k)|. */
  absAt(k: number): number {
    if (k >= this.abs.length) this.extendTo(k);
    return this.abs[k];
  }

  /** An upper bound of Σ_{j=0..k} |h(j)|. */
  sumTo(k: number): number {
    if (k >= this.cumulative.length) this.extendTo(k);
    return this.cumulative[k];
  }
}

/** Sums of a few hundred non-negative doubles: relative error far below 2⁻⁴⁰. */
const inflate = (x: number) => x * (1 + 2 ** -40) + Number.MIN_VALUE;

const centre = (x: Interval) => (x.lo === x.hi ? x.lo : x.lo / 2 + x.hi / 2);
const radius = (x: Interval, c: number) => roundUp(Math.max(x.hi - c, c - x.lo));

/** What the screening needs of one parameter set beyond its enclosures. */
export interface ScreenParameters {
  readonly impulse: ImpulseBounds;
  /** Upper bounds of c_s = W_s/W_0 (index 0 unused). */
  readonly cUpper: readonly number[];
}

export function screenParameters(exact: ParameterContext<Rational>): ScreenParameters {
  const W = exact.setup.W;
  const c = W.map((w) => w.div(W[0]));
  return { impulse: new ImpulseBounds(c), cUpper: c.map((x) => ar.fromRational(x).hi) };
}

/**
 * One model's admissions since its last (re)start: centres, and what the error bound needs.
 */
class AdmissionTracker {
  private tau = 0;
  private deltaMax = 0;
  /** init[j] (j = 1..n−1): Σ_{s≥j} c_s·r0[s−j], the restart state's errors entering step j. */
  private init: number[] = [];

  constructor(
    private readonly setup: ParameterContext<Interval>['setup'],
    private readonly sp: ScreenParameters,
  ) {}

  /** Takes over another tracker's progress (both ran the same steps from the same state). */
  follow(other: AdmissionTracker): void {
    this.tau = other.tau;
    this.deltaMax = other.deltaMax;
    this.init = other.init;
  }

  /** Restarts the bound from a state whose entries are known to within their enclosures. */
  restart(state: readonly Interval[]): void {
    const n = state.length;
    const r0 = state.map((x) => radius(x, centre(x)));
    this.init = new Array<number>(n).fill(0);
    for (let j = 1; j < n; j++) {
      let acc = 0;
      for (let s = j; s < n; s++) acc += this.sp.cUpper[s] * r0[s - j];
      this.init[j] = inflate(acc);
    }
    this.tau = 0;
    this.deltaMax = 0;
  }

  /** The next admission ã from a state (before its advance), as a certified enclosure. */
  admission(state: readonly Interval[]): Interval {
    const { W, B } = this.setup;
    const n = state.length;
    // One exact step from the centres, enclosed: its width bounds this step's local error δ.
    let occupied = ZERO;
    for (let s = 1; s < n; s++) {
      const x = state[s - 1];
      if (x === ZERO) continue;
      const c = centre(x);
      occupied = ar.add(occupied, ar.mul(W[s], c === 0 ? ZERO : new Interval(c, c)));
    }
    const step = ar.div(ar.sub(B, occupied), W[0]);
    const z = centre(step);
    const delta = radius(step, z);
    this.tau++;
    if (delta > this.deltaMax) this.deltaMax = delta;
    const { impulse } = this.sp;
    let error = this.deltaMax * impulse.sumTo(this.tau - 1);
    for (let j = 1; j < n && j <= this.tau; j++) if (this.init[j] > 0) error += impulse.absAt(this.tau - j) * this.init[j];
    error = inflate(error);
    if (!Number.isFinite(error)) throw new UndecidedComparison('bound');
    if (error === 0) return z === 0 ? ZERO : new Interval(z, z);
    return new Interval(down(z - error), roundUp(z + error));
  }
}

export function* screenCoupledRun(
  ctx: ParameterContext<Interval>,
  sp: ScreenParameters,
  initial: readonly Interval[],
  steps: number,
): Generator<CoupledRecord<Interval>> {
  const m = ctx.setup;
  const n = m.stages;
  const theoryBound = new AdmissionTracker(m, sp);
  const simBound = new AdmissionTracker(m, sp);
  theoryBound.restart(initial);
  simBound.restart(initial);
  let theory: readonly Interval[] = initial;
  let simulation: readonly Interval[] = initial;
  let cohort: readonly Interval[] = m.zeros;
  yield firstRecord(initial, m.zeros);
  for (let t = 1; t <= steps; t++) {
    // Until the first eviction both models hold the very same state: one admission serves both.
    const shared = theory === simulation;
    const desired = simBound.admission(simulation);
    if (shared) theoryBound.follow(simBound);
    const theoryAdmission = shared ? desired : theoryBound.admission(theory);
    const advanced = new Array<Interval>(n);
    advanced[0] = ZERO;
    for (let s = 1; s < n; s++) advanced[s] = simulation[s - 1];
    const nextTheory = new Array<Interval>(n);
    nextTheory[0] = theoryAdmission;
    for (let s = 1; s < n; s++) nextTheory[s] = theory[s - 1];

    if (ar.sign(desired) >= 0) {
      let nextSimulation = nextTheory;
      if (!shared) {
        nextSimulation = advanced.slice();
        nextSimulation[0] = desired;
      }
      theory = nextTheory;
      simulation = nextSimulation;
      cohort = cohort.map((_, s) => (s === 0 ? ZERO : cohort[s - 1]));
      yield {
        t,
        theory,
        simulation,
        theoryAdmission,
        desired,
        simAdmission: desired,
        simAdvanced: advanced,
        eviction: m.zeros,
        evicted: false,
        cohortEviction: cohort,
      };
      continue;
    }
    const { state, eviction } = evictFromBottom(m, advanced);
    theory = nextTheory;
    simulation = state;
    simBound.restart(state);
    cohort = cohort.map((_, s) => ar.add(s === 0 ? ZERO : cohort[s - 1], eviction[s]));
    yield {
      t,
      theory,
      simulation,
      theoryAdmission,
      desired,
      simAdmission: ZERO,
      simAdvanced: advanced,
      eviction,
      evicted: true,
      cohortEviction: cohort,
    };
  }
}
