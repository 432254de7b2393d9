import { UndecidedComparison } from '../arithmetic/arithmetic.js';
import { based, down, encloseQuotient, Interval, intervalArithmetic as ar, up as roundUp, ZERO } from '../arithmetic/interval.js';
import { Rational } from '../arithmetic/rational.js';
import type { ParameterContext } from './context.js';
import { firstRecord, type CoupledRecord } from './coupled.js';
import { evictFromBottom } from './merged.js';
import { commonDenominator, exactContextOf } from './lean-context.js';

/**
 * The screening run of the merged models (SPEC §3) on certified enclosures.
 *
 * Plain interval arithmetic is useless here: the admission ã(t) = (B − Σ W_s M_{s−1})/W_0
 * is a linear recurrence whose coefficients W_s/W_0 are all positive, so interval widths
 * grow like ρ(|A|)^t (about 2^t) while the actual error stays near the unit roundoff. So the
 * run works in deviations x = M − N* (held relative to N*, which cancels exactly), keeps a
 * double CENTRE per admission and bounds its error through the recurrence's impulse response
 * h (h(0) = 1, h(k) = −Σ_s (W_s/W_0)·h(k−s)), computed exactly (in integers) once per
 * parameter set: the centres satisfy c(τ) = f(c) + δ(τ), where f is the exact linear step and
 * |δ(τ)| is bounded by a one-step interval evaluation from the centres; hence the error
 * e = c − exact obeys the same recurrence driven by δ and by the errors of the state it
 * started from (init), and |e(τ)| ≤ Σ_j |h(τ−j)|·(|δ(j)| + init(j)) — which decays with the
 * deviations when A is stable.
 *
 * The Theory never evicts: one such run from t = 0. The Simulation follows the same
 * recurrence between evictions and restarts the bound after each (the eviction itself is
 * evaluated in interval arithmetic on the enclosures). Every branch — the sign of ã, whether a
 * stage fits within B — is decided on enclosures; where they cannot decide it (or a bound has
 * grown too wide), the step is taken from the exact run beside the screening (`ExactAnchor`),
 * enclosed, and both bounds restart there; without one the run throws `UndecidedComparison`.
 * Cohorts both models share are the same objects, so Δ_s = 0 is seen exactly. Every product in
 * the bound rounds up, so deviations below the doubles' range never make it vanish.
 */

/** Beyond this many steps since a (re)start the exact impulse response grows too long to be worth it. */
const MAX_IMPULSE_STEPS = 5_000;

/**
 * Upper bounds of |h(k)|, extended on demand, in doubles with a certified error: ĥ follows
 * the recurrence in floating point from enclosures of c_s = W_s/W_0, each step's local error
 * δ_k is bounded like an admission's (c's width, rounding, underflow), and the error
 * e = ĥ − h obeys the same recurrence driven by δ, so e = h ∗ δ and, with g(m) = |ĥ(m)| + E(m)
 * (≥ |h(m)| by induction), |e(k)| ≤ E(k) = Σ_{1≤j≤k} g(k−j)·|δ_j|. Then |h(k)| ≤ |ĥ(k)| + E(k).
 * Every local error is paired with its own g: an earlier bound took the late ones by their
 * largest times Σ g, which does not decay, so on a converging run |h| and every error bound
 * built on it stopped decaying at about 10⁻³⁰ of the start, and states whose deviations had
 * shrunk below that went to the exact path. The convolution costs O(k) per k, once per
 * parameter set (k ≤ MAX_IMPULSE_STEPS), as each admission's own bound does per step.
 * (Exact integers H(k) = h(k)·W_0^k grow by a word every few steps and cost more than the
 * screening they serve; the bound needs only a few correct digits.)
 */
export class ImpulseBounds {
  /** ĥ(k), δ_k (index 0 unused) and g(k) = |ĥ(k)| + E(k), for k < `length`; typed arrays grown by doubling (a per-cell cost: no garbage per entry). */
  private centre = new Float64Array(INITIAL_IMPULSE_CAPACITY);
  private local = new Float64Array(INITIAL_IMPULSE_CAPACITY);
  private abs = new Float64Array(INITIAL_IMPULSE_CAPACITY);
  private length = 1;
  /** Whether any δ_j so far is not 0 (until then ĥ is exact). */
  private anyLocal = false;
  /** c_s = cC_s ± cR_s (index 0 unused). */
  private readonly cC: Float64Array;
  private readonly cR: Float64Array;

  /** Wn: the weights W_s as integer numerators over one common denominator (all > 0). */
  constructor(Wn: readonly bigint[]) {
    const c = Wn.map((w, s) => (s === 0 ? ZERO : encloseQuotient(w, Wn[0]).plain));
    this.cC = Float64Array.from(c, centre);
    this.cR = Float64Array.from(c, (x, s) => radius(x, this.cC[s]));
    this.centre[0] = 1;
    this.abs[0] = 1;
  }

  private reserve(k: number): void {
    if (k < this.abs.length) return;
    let size = this.abs.length;
    while (size <= k) size *= 2;
    const grown = (a: Float64Array) => {
      const b = new Float64Array(size);
      b.set(a.subarray(0, this.length));
      return b;
    };
    this.centre = grown(this.centre);
    this.local = grown(this.local);
    this.abs = grown(this.abs);
  }

  private extendTo(k: number): void {
    if (k > MAX_IMPULSE_STEPS) throw new UndecidedComparison('bound');
    this.reserve(k);
    const { cC, cR, centre: h, abs, local: delta } = this;
    const n = cC.length;
    for (let j = this.length; j <= k; j++) {
      let z = 0;
      let magnitude = 0;
      let widths = 0;
      for (let s = 1; s < n && s <= j; s++) {
        const x = h[j - s];
        const p = cC[s] * x;
        z -= p;
        magnitude += Math.abs(p);
        widths += cR[s] * Math.abs(x);
      }
      h[j] = z;
      const local = magnitude === 0 && widths === 0 ? 0 : inflate(widths + magnitude * ((n + 1) * 2 ** -53) + n * Number.MIN_VALUE);
      delta[j] = local;
      if (local > 0) this.anyLocal = true;
      let e = 0;
      if (this.anyLocal) {
        // j non-negative products summed in floating point (in any order): within γ_{j+1} of the
        // exact sum, plus underflow. Four running sums, so the adds do not wait on one another.
        let e1 = 0;
        let e2 = 0;
        let e3 = 0;
        let i = 1;
        for (; i + 3 <= j; i += 4) {
          e += abs[j - i] * delta[i];
          e1 += abs[j - i - 1] * delta[i + 1];
          e2 += abs[j - i - 2] * delta[i + 2];
          e3 += abs[j - i - 3] * delta[i + 3];
        }
        for (; i <= j; i++) e += abs[j - i] * delta[i];
        e = e + e1 + (e2 + e3);
        e = roundUp(e * (1 + (j + 3) * 2 ** -52) + j * Number.MIN_VALUE);
      }
      const g = e === 0 ? Math.abs(z) : roundUp(Math.abs(z) + e);
      // An unstable recurrence outgrows the doubles: ∞ (never NaN, from ∞·0) bounds anything.
      abs[j] = Number.isNaN(g) ? Infinity : g;
    }
    this.length = k + 1;
  }

  /** Upper bounds of |h(0)|, …, |h(k)| (at least; the array is shared, not to be changed, and is replaced when it grows). */
  absTo(k: number): ArrayLike<number> {
    if (k >= this.length) this.extendTo(k);
    return this.abs;
  }
}

/** Entries an impulse table starts with: a hundred steps without growing it. */
const INITIAL_IMPULSE_CAPACITY = 128;

/**
 * An upper bound of a·b for bounds a, b ≥ 0. A product that underflows rounds by up to half the
 * smallest subnormal, and to 0 when tiny: without the step up, a bound of tiny errors would
 * vanish, and an enclosure would claim to be exact where it is not.
 */
export const productUp = (a: number, b: number) => (a === 0 || b === 0 ? 0 : roundUp(a * b));

/** Sums of a few hundred non-negative doubles: relative error far below 2⁻⁴⁰ (a sum of subnormals is exact). */
const inflate = (x: number) => (x === 0 ? 0 : x * (1 + 2 ** -40) + Number.MIN_VALUE);

export const midpoint = (lo: number, hi: number) => (lo === hi ? lo : lo / 2 + hi / 2);
const centre = (x: Interval) => midpoint(x.lo, x.hi);
/** The largest distance from c to the enclosure (0 for a point: its value is exact). */
export const reachFrom = (lo: number, hi: number, c: number) => (lo === hi && lo === c ? 0 : roundUp(Math.max(hi - c, c - lo)));
const radius = (x: Interval, c: number) => reachFrom(x.lo, x.hi, c);

/** What the screening needs of one parameter set beyond its enclosures. */
export interface ScreenParameters {
  readonly impulse: ImpulseBounds;
  /** Enclosures of c_s = W_s/W_0 (index 0 unused), and their upper ends. */
  readonly c: readonly Interval[];
  readonly cHi: readonly number[];
}

/**
 * The errors of a restart state entering the next steps: into[j] ≥ Σ_{s≥j} c_s·r0[s−j]
 * (j = 1..n−1), for a state whose deviations are known to within radii r0.
 */
export function restartErrors(cHi: ArrayLike<number>, r0: ArrayLike<number>, into: { [j: number]: number }): void {
  const n = r0.length;
  for (let j = 1; j < n; j++) {
    let acc = 0;
    for (let s = j; s < n; s++) acc += productUp(cHi[s], r0[s - j]);
    into[j] = inflate(acc);
  }
}

/**
 * An upper bound of Σ_{j=1..τ} |h(τ−j)|·input_j, the error of the τ-th admission since a restart:
 * non-negative terms, so the float sum is within γ_{τ+1} of the exact one (each product may also
 * underflow by half the smallest subnormal); exactly 0 only when every input is 0.
 */
export function convolvedError(h: ArrayLike<number>, inputs: ArrayLike<number>, tau: number): number {
  let error = 0;
  let any = false;
  for (let j = 1; j <= tau; j++) {
    const input = inputs[j - 1];
    if (input !== 0) any = true;
    error += h[tau - j] * input;
  }
  if (!any) return 0;
  const bound = error * (1 + (tau + 2) * 2 ** -52) + tau * Number.MIN_VALUE;
  return bound + (bound * 2 ** -52 + Number.MIN_VALUE);
}

const knownScreenParameters = new WeakMap<ParameterContext<Rational>, ScreenParameters>();

/** One per exact context: the impulse response is extended once however many cells share the parameters. */
export function screenParameters(exact: ParameterContext<Rational>): ScreenParameters {
  let known = knownScreenParameters.get(exact);
  if (!known) {
    const W = exact.setup.W;
    const c = W.map((w) => ar.fromRational(w.div(W[0])));
    known = { impulse: new ImpulseBounds(commonDenominator(W).n), c, cHi: c.map((x, s) => (s === 0 ? 0 : x.plain.hi)) };
    knownScreenParameters.set(exact, known);
  }
  return known;
}

/**
 * One model's admissions since its last (re)start, in deviations x = M − N* from equilibrium:
 * x_0 = −Σ_s c_s·x_{s−1} has no constant term (B = N*·ΣW exactly), so every error is relative
 * to the deviations themselves, and the bound follows them as they decay. Keeps the double
 * centres of its state's deviations and, since the restart, each step's error input (local
 * rounding, plus the restart state's errors entering at that step), convolved with |h|.
 */
class AdmissionTracker {
  /** Deviation centres of the model's current state, by stage. */
  private centres: readonly number[] = [];
  /** Error inputs of steps 1..τ since the restart. */
  private inputs: number[] = [];
  /** init[j] (j = 1..n−1): Σ_{s≥j} c_s·r0[s−j], the restart state's errors entering step j. */
  private init: readonly number[] = [];

  constructor(
    private readonly Nstar: Interval,
    private readonly sp: ScreenParameters,
  ) {}

  /** Takes over another tracker's progress (both ran the same steps from the same state). */
  follow(other: AdmissionTracker): void {
    this.centres = other.centres;
    this.inputs = other.inputs;
    this.init = other.init;
  }

  /** Restarts the bound from a state whose entries are known to within their enclosures. */
  restart(state: readonly Interval[]): void {
    const n = state.length;
    const deviations = state.map((x) => ar.sub(x, this.Nstar).plain);
    this.centres = deviations.map(centre);
    const r0 = deviations.map((x, s) => radius(x, this.centres[s]));
    const init = new Array<number>(n).fill(0);
    restartErrors(this.sp.cHi, r0, init);
    this.init = init;
    this.inputs = [];
  }

  /** The next admission ã (= N* + x_0) from the current state, as a certified enclosure relative to N*. */
  admission(): Interval {
    const { c, impulse } = this.sp;
    const xs = this.centres;
    const n = xs.length;
    // One exact step from the centres, enclosed: its width bounds this step's local error δ.
    let acc = ZERO;
    for (let s = 1; s < n; s++) if (xs[s - 1] !== 0) acc = ar.add(acc, ar.mul(c[s], new Interval(xs[s - 1], xs[s - 1])));
    const step = ar.neg(acc);
    const z = centre(step);
    const tau = this.inputs.length + 1;
    this.inputs.push(inflate(radius(step, z) + (tau < n ? this.init[tau] : 0)));
    const h = impulse.absTo(tau - 1);
    const error = convolvedError(h, this.inputs, tau);
    if (!Number.isFinite(error)) throw new UndecidedComparison('bound');
    this.centres = [z, ...xs.slice(0, n - 1)];
    const base = this.Nstar.base!;
    return error === 0 ? based(z, z, 1, base) : based(down(z - error), roundUp(z + error), 1, base);
  }
}

/**
 * The exact model beside the screening, run only as far as asked: where the enclosures cannot
 * decide a step (a branch, or a bound grown too wide), the screening takes that step's exact
 * record instead, encloses it tightly and restarts its bounds from there, rather than giving up
 * the cell. Asked for t in increasing order; the exact run never goes back.
 */
export interface ExactAnchor {
  at(t: number): CoupledRecord<Rational>;
}

export function exactAnchor(records: Iterator<CoupledRecord<Rational>>): ExactAnchor {
  let last: CoupledRecord<Rational> | null = null;
  return {
    at(t) {
      while (last === null || last.t < t) {
        const next = records.next();
        if (next.done) throw new RangeError(`the exact run ended before t = ${t}`);
        last = next.value;
      }
      if (last.t !== t) throw new RangeError(`the exact run is past t = ${t}`);
      return last;
    },
  };
}

export function* screenCoupledRun(
  ctx: ParameterContext<Interval>,
  sp: ScreenParameters,
  initial: readonly Interval[],
  steps: number,
  anchor: ExactAnchor | null = null,
): Generator<CoupledRecord<Interval>> {
  const m = ctx.setup;
  const n = m.stages;
  if (m.Nstar.k !== 1) throw new UndecidedComparison('bound'); // a context without N* as a base (never built so)
  const Nstar = m.Nstar;
  const theoryBound = new AdmissionTracker(Nstar, sp);
  const simBound = new AdmissionTracker(Nstar, sp);
  theoryBound.restart(initial);
  simBound.restart(initial);
  let theory: readonly Interval[] = initial;
  let simulation: readonly Interval[] = initial;
  let cohort: readonly Interval[] = m.zeros;
  yield firstRecord(initial, m.zeros);
  for (let t = 1; t <= steps; t++) {
    let record: CoupledRecord<Interval>;
    try {
      record = screenStep(t);
    } catch (error) {
      if (!(error instanceof UndecidedComparison) || anchor === null) throw error;
      record = anchoredStep(t);
    }
    theory = record.theory;
    simulation = record.simulation;
    cohort = record.cohortEviction;
    yield record;
  }

  /** Step t on enclosures (throws UndecidedComparison where they cannot decide it; the state is then left as it was). */
  function screenStep(t: number): CoupledRecord<Interval> {
    // Until the first eviction both models hold the very same state: one admission serves both.
    const shared = theory === simulation;
    const desired = simBound.admission();
    if (shared) theoryBound.follow(simBound);
    const theoryAdmission = shared ? desired : theoryBound.admission();
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
      return {
        t,
        theory: nextTheory,
        simulation: nextSimulation,
        theoryAdmission,
        desired,
        simAdmission: desired,
        simAdvanced: advanced,
        eviction: m.zeros,
        evicted: false,
        cohortEviction: cohort.map((_, s) => (s === 0 ? ZERO : cohort[s - 1])),
      };
    }
    const { state, eviction } = evictFromBottom(m, advanced);
    simBound.restart(state);
    return {
      t,
      theory: nextTheory,
      simulation: state,
      theoryAdmission,
      desired,
      simAdmission: ZERO,
      simAdvanced: advanced,
      eviction,
      evicted: true,
      cohortEviction: cohort.map((_, s) => ar.add(s === 0 ? ZERO : cohort[s - 1], eviction[s])),
    };
  }

  /**
   * Step t from the exact run, enclosed: state entries relative to N* (a deviation's own
   * precision), exact zeros as ZERO, and equal exact values as ONE object, so that every exact
   * fact the screening reads off identities (Δ_s = 0, a state both models share) stays true.
   * Both bounds restart from these enclosures.
   */
  function anchoredStep(t: number): CoupledRecord<Interval> {
    const exact = anchor!.at(t);
    const NstarExact = exactContextOf(ctx).setup.Nstar as unknown as Rational;
    // The exact record's values share one denominator (the lean run's D): equal numerators, equal values.
    const known = new Map<bigint, Map<bigint, Interval>>();
    const once = (r: Rational, enclose: (r: Rational) => Interval): Interval => {
      if (r.isZero()) return ZERO;
      const { n, d } = r.stored;
      let byNumerator = known.get(d);
      if (!byNumerator) known.set(d, (byNumerator = new Map()));
      let x = byNumerator.get(n);
      if (!x) byNumerator.set(n, (x = enclose(r)));
      return x;
    };
    const enclose = (r: Rational) => encloseQuotient(r.stored.n, r.stored.d);
    const level = (r: Rational) =>
      once(r, (v) => {
        const deviation = enclose(v.sub(NstarExact));
        return based(deviation.lo, deviation.hi, 1, Nstar.base!);
      });
    const amount = (r: Rational) => once(r, enclose);
    const nextTheory = exact.theory.map(level);
    const nextSimulation = exact.simulation === exact.theory ? nextTheory : exact.simulation.map(level);
    theoryBound.restart(nextTheory);
    if (nextSimulation === nextTheory) simBound.follow(theoryBound);
    else simBound.restart(nextSimulation);
    return {
      t,
      theory: nextTheory,
      simulation: nextSimulation,
      theoryAdmission: level(exact.theoryAdmission!),
      desired: level(exact.desired!),
      simAdmission: level(exact.simAdmission!),
      simAdvanced: exact.simAdvanced!.map(level),
      eviction: exact.evicted ? exact.eviction.map(amount) : m.zeros,
      evicted: exact.evicted,
      cohortEviction: exact.cohortEviction.map(amount),
    };
  }
}
