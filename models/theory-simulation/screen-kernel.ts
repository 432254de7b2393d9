import { UndecidedComparison } from '../arithmetic/arithmetic.js';
import { down, encloseQuotient, up, type Interval } from '../arithmetic/interval.js';
import { Rational } from '../arithmetic/rational.js';
import type { StateFacts } from '../family.js';
import type { ParameterContext } from './context.js';
import { KernelClasses } from './kernel-classes.js';
import type { ModelSetup } from './setup.js';
import { mergedInitial, type InitialState } from './initial-state.js';
import { screenParametersOf } from './interval-context.js';
import { exactContextOf } from './lean-context.js';
import { convolvedError, midpoint, reachFrom, restartErrors, type ExactAnchor, type ImpulseBounds } from './screen-run.js';

/**
 * The screening kernel of the merged models (SPEC §3): the certified run of screen-run.ts
 * done again in plain Float64Arrays, with no object per value, so that a whole cell is
 * screened at close to the cost of a float64 loop (the filtered kernels of robust geometry).
 *
 * Each stage of each model holds the double CENTRE of its deviation from N*, a RADIUS that
 * bounds the centre's distance from the exact deviation, and a CLASS: 0 for an exact zero,
 * otherwise an id shared only by entries known to be equal (a cohort both models hold, a value
 * shifted along, equal entries of the initial state). Admissions follow screen-run.ts: one
 * step from the centres, its local error bounded analytically, the errors propagated through
 * the recurrence's exact impulse response. Every branch of the step (the sign of ã, whether a
 * stage fits within B) must be proved by the enclosures or, where they tie, by the exact values
 * the classes can give (kernel-classes.ts); where neither decides it (values too long, or a
 * bound grown too wide on an unstable A), the step is taken from the exact run beside the
 * kernel (`ExactAnchor`, stepped only as far as asked), enclosed tightly with equal exact values
 * as one class, and both bounds restart there. Nothing here decides a conjecture: the
 * conjectures' kernels (`kernel` in their files) read this state.
 */

const EPS = 2 ** -52;
const TINY = Number.MIN_VALUE;
// In the per-state code below (derive, the extrema, the P-forms, the step's branch bounds) the
// outward roundings of interval.ts's up()/down() are written out: there V8 compiled calls to
// them that it did not inline, each boxing its double result (measured: about 1 kB of garbage
// per state); written out they cost a few flops. up(x) = x + (|x|·EPS + TINY), down likewise.

/**
 * An upper bound of a sum of non-negative doubles computed in floating point: looser than
 * screen-run.ts's (2⁻⁴⁰), since the P-form bounds here sum about 5n² terms.
 */
const inflate = (x: number) => (x === 0 ? 0 : x * (1 + 2 ** -30) + TINY);

/** What the kernel needs of one parameter set, in doubles; built once per exact context. */
export class KernelConstants {
  readonly n: number;
  /** N* = Nc ± Nr; an exact zero's deviation is −N*. */
  readonly Nlo: number;
  readonly Nhi: number;
  readonly Nc: number;
  readonly Nr: number;
  readonly Blo: number;
  readonly Bhi: number;
  readonly Wlo: Float64Array;
  readonly Whi: Float64Array;
  /** c_s = W_s/W_0 = cC ± cR, and an upper bound cHi (index 0 unused). */
  readonly cC: Float64Array;
  readonly cR: Float64Array;
  readonly cHi: Float64Array;
  readonly impulse: ImpulseBounds;
  readonly stable: boolean;
  /** P = Pc ± Pr (row-major); empty when A is not stable. */
  readonly Pc: Float64Array;
  readonly Pr: Float64Array;
  /** Per row i, upper bounds of Σ_j |Pc_ij|, Σ_j Pr_ij and Σ_j (|Pc_ij| + Pr_ij): the P-forms' error bounds use them. */
  readonly rowAbs: Float64Array;
  readonly rowWidth: Float64Array;
  readonly rowReach: Float64Array;

  constructor(ctx: ParameterContext<Interval>) {
    const m = ctx.setup;
    const n = (this.n = m.stages);
    const N = m.Nstar.plain;
    this.Nlo = N.lo;
    this.Nhi = N.hi;
    this.Nc = midpoint(N.lo, N.hi);
    this.Nr = reachFrom(N.lo, N.hi, this.Nc);
    const B = m.B.plain;
    this.Blo = B.lo;
    this.Bhi = B.hi;
    this.Wlo = Float64Array.from(m.W, (w) => w.plain.lo);
    this.Whi = Float64Array.from(m.W, (w) => w.plain.hi);
    const sp = screenParametersOf(ctx);
    this.impulse = sp.impulse;
    this.cC = new Float64Array(n);
    this.cR = new Float64Array(n);
    this.cHi = Float64Array.from(sp.cHi);
    for (let s = 1; s < n; s++) {
      const { lo, hi } = sp.c[s].plain;
      this.cC[s] = midpoint(lo, hi);
      this.cR[s] = reachFrom(lo, hi, this.cC[s]);
    }
    this.stable = ctx.linear.stability.stable;
    const size = this.stable ? n * n : 0;
    this.Pc = new Float64Array(size);
    this.Pr = new Float64Array(size);
    const rows = this.stable ? n : 0;
    this.rowAbs = new Float64Array(rows);
    this.rowWidth = new Float64Array(rows);
    this.rowReach = new Float64Array(rows);
    if (this.stable) {
      ctx.linear.P.forEach((row, i) => {
        let abs = 0;
        let width = 0;
        row.forEach((x, j) => {
          const { lo, hi } = x.plain;
          const c = midpoint(lo, hi);
          this.Pc[i * n + j] = c;
          this.Pr[i * n + j] = reachFrom(lo, hi, c);
          abs += Math.abs(c);
          width += this.Pr[i * n + j];
        });
        this.rowAbs[i] = inflate(abs);
        this.rowWidth[i] = inflate(width);
        this.rowReach[i] = up(this.rowAbs[i] + this.rowWidth[i]);
      });
    }
  }
}

const knownConstants = new WeakMap<object, KernelConstants>();

function constantsOf(ctx: ParameterContext<Interval>): KernelConstants {
  const key = exactContextOf(ctx) as object;
  let k = knownConstants.get(key);
  if (!k) knownConstants.set(key, (k = new KernelConstants(ctx)));
  return k;
}

/**
 * One model's admissions since its last (re)start (see AdmissionTracker in screen-run.ts):
 * each step's error input, convolved with |h| to bound the admission's error.
 */
class ErrorTrack {
  inputs: Float64Array;
  count = 0;
  /** The last admission's error bound (∞ when out of reach). */
  error = 0;
  readonly init: Float64Array;

  constructor(
    private readonly k: KernelConstants,
    capacity: number,
  ) {
    this.inputs = new Float64Array(capacity);
    this.init = new Float64Array(k.n);
  }

  /** Restarts from a state whose deviations are known to within radii r. */
  restart(r: Float64Array): void {
    restartErrors(this.k.cHi, r, this.init);
    this.count = 0;
  }

  copyFrom(other: ErrorTrack): void {
    this.inputs.set(other.inputs.subarray(0, other.count));
    this.init.set(other.init);
    this.count = other.count;
  }

  /**
   * The next admission's deviation from the centres x of the current state; its error bound
   * is left in `error` (∞ when the bound is out of reach).
   */
  admit(x: Float64Array): number {
    const { n, cC, cR } = this.k;
    let z = 0;
    let magnitude = 0;
    let widths = 0;
    for (let s = 1; s < n; s++) {
      const xv = x[s - 1];
      if (xv === 0) continue;
      const p = cC[s] * xv;
      z -= p;
      magnitude += Math.abs(p);
      widths += cR[s] * Math.abs(xv);
    }
    // Local error: c's own width, and the rounding of n − 1 products and their sum (n·TINY: underflow).
    const local = inflate(widths + magnitude * ((n + 1) * 2 ** -53) + n * TINY);
    const tau = this.count + 1;
    this.inputs[this.count++] = inflate(local + (tau < n ? this.init[tau] : 0));
    let h: ArrayLike<number>;
    try {
      h = this.k.impulse.absTo(tau - 1);
    } catch (error) {
      if (error instanceof UndecidedComparison) {
        this.error = Infinity;
        return z;
      }
      throw error;
    }
    this.error = convolvedError(h, this.inputs, tau);
    return z;
  }
}

/**
 * Moves every entry up by one (the last drops out): plain loops, one per array type so each
 * stays monomorphic, as n is small and copyWithin goes through the runtime.
 */
function shiftUp(a: Float64Array): void {
  for (let s = a.length - 1; s > 0; s--) a[s] = a[s - 1];
}
function shiftUpIds(a: Int32Array): void {
  for (let s = a.length - 1; s > 0; s--) a[s] = a[s - 1];
}
function shiftUpFlags(a: Uint8Array): void {
  for (let s = a.length - 1; s > 0; s--) a[s] = a[s - 1];
}

/** One model's state: per stage the deviation's centre and radius, and the class (0: exactly zero). */
class ModelState {
  readonly x: Float64Array;
  readonly r: Float64Array;
  readonly id: Int32Array;
  constructor(n: number) {
    this.x = new Float64Array(n);
    this.r = new Float64Array(n);
    this.id = new Int32Array(n);
  }
  copyFrom(o: ModelState): void {
    this.x.set(o.x);
    this.r.set(o.r);
    this.id.set(o.id);
  }
  /** Moves every stage up by one; stage 0 is left to the caller. */
  shift(): void {
    shiftUp(this.x);
    shiftUp(this.r);
    shiftUpIds(this.id);
  }
}

/** An extremum over a model's stages: its deviation's enclosure, and its class when every stage that may attain it has one class (−1 otherwise). */
export interface Extremum {
  lo: number;
  hi: number;
  cls: number;
}

/**
 * The state of a coupled run at one t as the conjectures' kernels read it. Fields are
 * overwritten at every step; a kernel reads them and writes its margin's enclosure to
 * `marginLo`/`marginHi`.
 */
export class KernelState {
  t = 0;
  readonly n: number;
  readonly theory: ModelState;
  readonly simulation: ModelState;
  /** Whether this step evicted; then `advanced` (the Simulation advanced, before eviction), `eC`/`eR` (the eviction) and `desiredC`/`desiredR` (ã's deviation) describe it. */
  evicted = false;
  readonly advanced: ModelState;
  readonly eC: Float64Array;
  readonly eR: Float64Array;
  desiredC = 0;
  desiredR = 0;
  /** Per stage: what the cohort there lost to eviction in its life, enclosed; lossPositive: certainly > 0 (else exactly 0). */
  readonly lossLo: Float64Array;
  readonly lossHi: Float64Array;
  readonly lossPositive: Uint8Array;
  evictionDepth = 0;

  // Derived at every state (derive()).
  /** Every stage of both models is one class: the models hold the same state. */
  identical = true;
  /** Δ_s = Mᵀ_s − Mˢ_s as centre ± radius (exactly 0 ± 0 where both hold one class), and its enclosure. */
  readonly dC: Float64Array;
  readonly dR: Float64Array;
  readonly dLo: Float64Array;
  readonly dHi: Float64Array;
  readonly maxT: Extremum = { lo: 0, hi: 0, cls: -1 };
  readonly minT: Extremum = { lo: 0, hi: 0, cls: -1 };
  readonly maxS: Extremum = { lo: 0, hi: 0, cls: -1 };
  readonly minS: Extremum = { lo: 0, hi: 0, cls: -1 };
  /** argmax Mˢ and argmin Mˢ, ascending (valid when maxS.cls / minS.cls ≥ 0). */
  readonly argmaxS: Int32Array;
  argmaxCount = 0;
  readonly argminS: Int32Array;
  argminCount = 0;

  /**
   * Every centre and radius the step stored (both models, the eviction, the losses) and every
   * bound of Δ is a finite double (derive()). Beyond the doubles' range (an N* of 10⁴⁰⁰, a
   * deviation grown past 10³⁰⁸) they turn infinite or NaN, and a NaN is silently passed over by
   * the comparisons the kernels take extrema with, so such a state is never read. (From finite
   * centres and radii the extrema's bounds can only overflow outwards, a lower bound to −∞ and an
   * upper one to +∞, and a margin's overflow is refused by byEnclosure.)
   */
  finite = true;

  /** Written by a conjecture's kernel: its margin's enclosure. */
  marginLo = 0;
  marginHi = 0;

  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  private readonly work: Float64Array;
  private readonly workR: Float64Array;
  private readonly work2: Float64Array;
  private readonly work2R: Float64Array;

  constructor(readonly k: KernelConstants) {
    const n = (this.n = k.n);
    this.theory = new ModelState(n);
    this.simulation = new ModelState(n);
    this.advanced = new ModelState(n);
    const vectors = () => new Float64Array(n);
    this.eC = vectors();
    this.eR = vectors();
    this.lossLo = vectors();
    this.lossHi = vectors();
    this.lossPositive = new Uint8Array(n);
    this.dC = vectors();
    this.dR = vectors();
    this.dLo = vectors();
    this.dHi = vectors();
    this.lo = vectors();
    this.hi = vectors();
    this.work = vectors();
    this.workR = vectors();
    this.work2 = vectors();
    this.work2R = vectors();
    this.argmaxS = new Int32Array(n);
    this.argminS = new Int32Array(n);
  }

  /** Recomputes the derived quantities of the current state. */
  derive(): void {
    const { n, theory: T, simulation: S } = this;
    let identical = true;
    // x·0 is 0 for every finite x and NaN for ±∞ and NaN (a sum that overflows counts as not finite).
    let probe = this.desiredC * 0 + this.desiredR * 0;
    for (let s = 0; s < n; s++) {
      probe += (T.x[s] + T.r[s] + S.x[s] + S.r[s] + this.lossLo[s] + this.lossHi[s]) * 0;
      if (this.evicted) probe += (this.advanced.x[s] + this.advanced.r[s] + this.eC[s] + this.eR[s]) * 0;
      if (T.id[s] === S.id[s]) {
        this.dC[s] = 0;
        this.dR[s] = 0;
        this.dLo[s] = 0;
        this.dHi[s] = 0;
        continue;
      }
      identical = false;
      const c = T.x[s] - S.x[s];
      const sum = T.r[s] + S.r[s] + Math.abs(c) * EPS;
      const r = sum + (sum * EPS + TINY);
      const lo = c - r;
      const hi = c + r;
      this.dC[s] = c;
      this.dR[s] = r;
      this.dLo[s] = lo - (Math.abs(lo) * EPS + TINY);
      this.dHi[s] = hi + (Math.abs(hi) * EPS + TINY);
      // A difference of finite centres may overflow, and its bounds turn NaN.
      probe += (this.dLo[s] + this.dHi[s]) * 0;
    }
    this.identical = identical;
    this.finite = probe === 0;
    this.extrema(S, this.maxS, this.minS, this.argmaxS, this.argminS);
    if (identical) {
      // One state in both models (stage by stage one class): the Theory's extrema are the Simulation's.
      copyExtremum(this.maxS, this.maxT);
      copyExtremum(this.minS, this.minT);
    } else this.extrema(T, this.maxT, this.minT, null, null);
  }

  /**
   * The max and the min over a model's stages. The stages that may attain one are those whose
   * enclosure reaches its best certain bound; when they all hold one class, they are exactly
   * its arg-set (listed into `argmax`/`argmin`, their sizes into the counts).
   */
  private extrema(m: ModelState, max: Extremum, min: Extremum, argmax: Int32Array | null, argmin: Int32Array | null): void {
    const { n, lo, hi } = this;
    const { x, r } = m;
    let bestLo = -Infinity; // the largest certain lower bound (for the max)
    let bestHi = Infinity; // the smallest certain upper bound (for the min)
    for (let s = 0; s < n; s++) {
      const rs = r[s];
      const xs = x[s];
      const below = xs - rs;
      const above = xs + rs;
      const l = rs === 0 ? xs : below - (Math.abs(below) * EPS + TINY);
      const h = rs === 0 ? xs : above + (Math.abs(above) * EPS + TINY);
      lo[s] = l;
      hi[s] = h;
      if (l > bestLo) bestLo = l;
      if (h < bestHi) bestHi = h;
    }
    const maxCount = this.candidates(m, 1, bestLo, max, argmax);
    const minCount = this.candidates(m, -1, bestHi, min, argmin);
    if (argmax) this.argmaxCount = maxCount;
    if (argmin) this.argminCount = minCount;
  }

  /** The stages that may attain an extremum (dir 1: max, reaching `best` from below; −1: min): its enclosure and class. */
  private candidates(m: ModelState, dir: 1 | -1, best: number, out: Extremum, into: Int32Array | null): number {
    const { n, lo, hi } = this;
    const id = m.id;
    let cls = -2;
    let count = 0;
    let tightLo = -Infinity;
    let tightHi = Infinity;
    let wideLo = Infinity;
    let wideHi = -Infinity;
    for (let s = 0; s < n; s++) {
      const l = lo[s];
      const h = hi[s];
      if (dir > 0 ? h < best : l > best) continue;
      if (cls === -2) cls = id[s];
      else if (cls !== id[s]) cls = -1;
      if (into) into[count] = s;
      count++;
      if (l > tightLo) tightLo = l;
      if (h < tightHi) tightHi = h;
      if (l < wideLo) wideLo = l;
      if (h > wideHi) wideHi = h;
    }
    out.cls = cls;
    if (cls >= 0) {
      // One value: every enclosure of it holds it.
      out.lo = tightLo;
      out.hi = tightHi;
    } else {
      out.lo = wideLo;
      out.hi = wideHi;
    }
    return count;
  }

  /** Enclosure of a − b for extrema (exactly 0 when both are one class). */
  static difference(a: Extremum, b: Extremum, into: { lo: number; hi: number }): void {
    if (a.cls >= 0 && a.cls === b.cls) {
      into.lo = 0;
      into.hi = 0;
      return;
    }
    const lo = a.lo - b.hi;
    const hi = a.hi - b.lo;
    into.lo = lo - (Math.abs(lo) * EPS + TINY);
    into.hi = hi + (Math.abs(hi) * EPS + TINY);
  }

  /** Whether stages i and j of Δ are equal by class (both models hold one class at each). */
  sameDelta(i: number, j: number): boolean {
    return this.theory.id[i] === this.theory.id[j] && this.simulation.id[i] === this.simulation.id[j];
  }

  /** ⟨xˢ, Δ⟩_P, enclosed into marginLo/marginHi. */
  innerXsDelta(): void {
    this.bilinear(this.simulation.x, this.simulation.r, this.dC, this.dR);
  }

  /** Vᵀ − Vˢ = ⟨Δ, xᵀ + xˢ⟩_P (P symmetric), enclosed: shared stages contribute exactly nothing. */
  vDifference(): void {
    const { theory: T, simulation: S } = this;
    this.sumInto(T.x, T.r, S.x, S.r);
    this.bilinear(this.dC, this.dR, this.work, this.workR);
  }

  /** ‖M′ − M*‖²_P − ‖Mˢ − M*‖²_P = ⟨e, (M′ − M*) + xˢ⟩_P (M′ = Mˢ + e), enclosed. */
  evictionNormChange(): void {
    const { advanced: A, simulation: S } = this;
    this.sumInto(A.x, A.r, S.x, S.r);
    this.bilinear(this.eC, this.eR, this.work, this.workR);
  }

  /** ⟨xˢ, e⟩_P − |ã|·⟨xˢ, e₀⟩_P = ⟨xˢ, e + ã·e₀⟩_P (ã < 0, e₀ = 0), enclosed. */
  evictionLemma(): void {
    const { k } = this;
    this.work2.set(this.eC);
    this.work2R.set(this.eR);
    // ã = N* + its deviation, as a value.
    const lo = down(down(k.Nlo + this.desiredC) - this.desiredR);
    const hi = up(up(k.Nhi + this.desiredC) + this.desiredR);
    const c = midpoint(lo, hi);
    this.work2[0] = c;
    this.work2R[0] = reachFrom(lo, hi, c);
    this.bilinear(this.simulation.x, this.simulation.r, this.work2, this.work2R);
  }

  private sumInto(a: Float64Array, ar: Float64Array, b: Float64Array, br: Float64Array): void {
    for (let s = 0; s < this.n; s++) {
      const c = a[s] + b[s];
      this.work[s] = c;
      const r = ar[s] + br[s] + Math.abs(c) * EPS;
      this.workR[s] = r + (r * EPS + TINY);
    }
  }

  /**
   * uᵀPv for u = uC ± uR, v = vC ± vR, enclosed into marginLo/marginHi: evaluated from the
   * centres (n² products, as a float loop does), with a bound on the rest in O(n) from P's row
   * sums and v's largest entry and radius; exactly 0 when u or v is exactly 0.
   *
   * With u = uC + δu, v = vC + δv, P = Pc + δP: uᵀPv − uCᵀPc·vC = δuᵀPv + uCᵀ·δP·v + uCᵀPc·δv,
   * each term bounded by Σ_i (|δu_i| or |uC_i|) · (row sum of |P|, δP or Pc) · (max |v|, |v| + r
   * or r). The centre's rounding is within γ_{2n+2}·Σ_i |uC_i| Σ_j |Pc_ij||vC_j| (each term passes
   * through at most 2n + 2 roundings; bounded the same way). The bound's own sums and products round to nearest, far within `inflate`'s 2⁻³⁰, except
   * where a product underflows: each loses at most half the smallest subnormal, scaled by the
   * factor it is then multiplied by (|uC_i|, δu_i, max |v|); `underflow` covers every such loss,
   * and those of the centre's own products.
   */
  private bilinear(uC: Float64Array, uR: Float64Array, vC: Float64Array, vR: Float64Array): void {
    const { n } = this;
    if (isExactZero(uC, uR, n) || isExactZero(vC, vR, n)) {
      this.marginLo = 0;
      this.marginHi = 0;
      return;
    }
    const { Pc, rowAbs, rowWidth, rowReach } = this.k;
    let vMax = 0;
    let rMax = 0;
    for (let j = 0; j < n; j++) {
      const a = Math.abs(vC[j]);
      if (a > vMax) vMax = a;
      if (vR[j] > rMax) rMax = vR[j];
    }
    const reach = vMax + rMax;
    let centre = 0;
    let magnitude = 0; // Σ_i |uC_i|·Σ_j|Pc_ij|, to be scaled by max |vC|
    let spread = 0;
    let uSum = 0;
    let uRSum = 0;
    for (let i = 0; i < n; i++) {
      const row = i * n;
      let inner = 0;
      for (let j = 0; j < n; j++) inner += Pc[row + j] * vC[j];
      const u = uC[i];
      const ua = Math.abs(u);
      const ur = uR[i];
      centre += u * inner;
      uSum += ua;
      uRSum += ur;
      magnitude += ua * rowAbs[i];
      spread += ur * (rowReach[i] * reach) + ua * (rowAbs[i] * rMax + rowWidth[i] * reach);
    }
    const underflow = (n + 4) * (5 + 2 * uSum + 2 * uRSum + vMax) * TINY;
    const rounding = (magnitude * (1 + 2 ** -30) + TINY) * vMax * ((2 * n + 4) * 2 ** -53);
    const bound = spread + rounding;
    const sum = bound * (1 + 2 ** -30) + TINY + (underflow * (1 + 2 ** -30) + TINY);
    const error = sum + (sum * EPS + TINY);
    const lo = centre - error;
    const hi = centre + error;
    this.marginLo = lo - (Math.abs(lo) * EPS + TINY);
    this.marginHi = hi + (Math.abs(hi) * EPS + TINY);
  }
}

function copyExtremum(from: Extremum, to: Extremum): void {
  to.lo = from.lo;
  to.hi = from.hi;
  to.cls = from.cls;
}

const encloseRational = (r: Rational) => encloseQuotient(r.stored.n, r.stored.d).plain;

function isExactZero(c: Float64Array, r: Float64Array, n: number): boolean {
  for (let s = 0; s < n; s++) if (c[s] !== 0 || r[s] !== 0) return false;
  return true;
}

const NOTHING = 0;
const CLASSES = 1;
const TIGHTER = 2;
type Refined = typeof NOTHING | typeof CLASSES | typeof TIGHTER;

const NO_EVICTION: StateFacts = Object.freeze({ evictionDepth: 0 });
const depthFacts: StateFacts[] = [];

/** The exact run beside a kernel: its records (built when first asked), and the exact view of the state at t (t never goes back). */
export interface ExactBeside {
  anchor(): ExactAnchor;
  view(t: number): unknown;
}

/**
 * A certified run of one cell: `state` is t = 0 after construction; `step()` advances it and
 * answers false where the enclosures cannot decide the step (the cell is then decided elsewhere).
 */
export class KernelRun {
  readonly state: KernelState;
  private readonly theoryErrors: ErrorTrack;
  private readonly simErrors: ErrorTrack;
  private shared = true;
  private readonly exactSetup: ModelSetup<Rational>;
  /** The entries' classes, and their exact values where a tie needs them (see kernel-classes.ts). */
  private readonly classes: KernelClasses;
  /** Per stage j, the enclosure of B/W_j − N* (a cut stage with nothing above keeps B/W_j). */
  private readonly aloneLevels: { x: number; r: number }[] = [];
  /** The last t refine() ran at. */
  private refinedAt = -1;

  constructor(
    ctx: ParameterContext<Interval>,
    init: InitialState,
    steps: number,
    /** The exact run beside the kernel, built when first needed (none: a step not decided ends the run). */
    private readonly exactRun: ExactBeside | null = null,
  ) {
    const k = constantsOf(ctx);
    const exact = exactContextOf(ctx) as unknown as ParameterContext<Rational>;
    this.exactSetup = exact.setup;
    this.classes = new KernelClasses(exact.setup);
    const state = (this.state = new KernelState(k));
    this.theoryErrors = new ErrorTrack(k, steps + 1);
    this.simErrors = new ErrorTrack(k, steps + 1);
    // Equal entries of the initial state share a class.
    mergedInitial(exact.params, init, exact.setup).forEach((value, s) => this.level(state.simulation, s, this.classes.of(value), value));
    state.theory.copyFrom(state.simulation);
    this.theoryErrors.restart(state.theory.r);
    this.simErrors.restart(state.simulation.r);
    state.derive();
  }

  get facts(): StateFacts {
    const d = this.state.evictionDepth;
    return d === 0 ? NO_EVICTION : (depthFacts[d] ??= Object.freeze({ evictionDepth: d }));
  }

  /** The exact view of the current state, from the exact run beside the kernel (null without one). */
  exact(): unknown {
    return this.exactRun ? this.exactRun.view(this.state.t) : null;
  }

  /**
   * Where a conjecture's kernel could not decide this state: entries whose exact values can be
   * had (see kernel-classes.ts) are enclosed afresh from them where that is tighter (an unstable
   * A widens the radii at every step), equal ones made one class, and one found exactly 0
   * class 0; a model whose enclosures changed restarts its error bound there, as after a step
   * taken from the exact run. Once per state; true when anything changed.
   */
  refine(): boolean {
    const st = this.state;
    if (this.refinedAt === st.t) return false;
    this.refinedAt = st.t;
    const S = st.simulation;
    const T = st.theory;
    const simulation = this.refineModel(S);
    let changed = simulation !== NOTHING;
    if (simulation === TIGHTER) this.simErrors.restart(S.r);
    if (this.shared) {
      if (changed) T.copyFrom(S);
    } else {
      const theory = this.refineModel(T);
      if (theory === TIGHTER) this.theoryErrors.restart(T.r);
      changed ||= theory !== NOTHING;
    }
    if (st.evicted) changed = this.refineModel(st.advanced) !== NOTHING || changed;
    if (changed) st.derive();
    return changed;
  }

  /** One model's part of refine(): NOTHING changed, only CLASSES, or enclosures made TIGHTER. */
  private refineModel(m: ModelState): Refined {
    let refined: Refined = NOTHING;
    for (let s = 0; s < m.id.length; s++) {
      const id = m.id[s];
      if (id === 0) continue;
      const value = this.classes.valueOf(id);
      if (value === null) continue;
      const c = this.classes.canonical(id);
      if (c !== id) {
        m.id[s] = c;
        refined ||= CLASSES;
      }
      if (c === 0) continue; // exactly 0: its enclosure already holds −N*
      const fresh = this.levelOf(value);
      if (fresh.r < m.r[s]) {
        m.x[s] = fresh.x;
        m.r[s] = fresh.r;
        refined = TIGHTER;
      }
    }
    return refined;
  }

  /** Advances one step: certified on enclosures, or taken from the exact run; false where neither can, or the state is beyond the doubles' range (it is then unusable). */
  step(): boolean {
    this.state.t++;
    if (this.certifiedStep() && this.state.finite) return true;
    if (!this.exactRun) return false;
    this.anchored();
    return this.state.finite;
  }

  /** The step on enclosures; false where they do not decide it (the state is then partly updated). */
  private certifiedStep(): boolean {
    const st = this.state;
    const { k } = st;
    const S = st.simulation;
    const T = st.theory;
    const z = this.simErrors.admit(S.x);
    const error = this.simErrors.error;
    if (!Number.isFinite(error)) return false;
    st.desiredC = z;
    st.desiredR = error;
    // The sign of ã = N* + z, on its enclosure.
    const lowest = k.Nlo + z;
    const highest = k.Nhi + z;
    const belowLowest = lowest - (Math.abs(lowest) * EPS + TINY) - error;
    const aboveHighest = highest + (Math.abs(highest) * EPS + TINY) + error;
    const desiredLo = belowLowest - (Math.abs(belowLowest) * EPS + TINY);
    const desiredHi = aboveHighest + (Math.abs(aboveHighest) * EPS + TINY);
    let admit = desiredLo > 0;
    // Where the enclosure does not decide the sign, ã's exact value may.
    let exactDesired: Rational | null = null;
    if (!admit && !(desiredHi < 0)) {
      exactDesired = this.classes.admissionValue(S.id);
      if (exactDesired === null) return false;
      admit = exactDesired.sign() >= 0;
    }

    if (!this.shared) {
      const zT = this.theoryErrors.admit(T.x);
      if (!Number.isFinite(this.theoryErrors.error)) return false;
      T.shift();
      T.x[0] = zT;
      T.r[0] = this.theoryErrors.error;
      // The Theory alone never branches: its admissions' exact values are never asked for.
      T.id[0] = this.classes.fresh();
    }
    const admissionId = exactDesired === null ? this.classes.admission(S.id) : this.classes.of(exactDesired);
    // Cohort losses move up with their cohorts.
    shiftUp(st.lossLo);
    shiftUp(st.lossHi);
    shiftUpFlags(st.lossPositive);
    st.lossLo[0] = 0;
    st.lossHi[0] = 0;
    st.lossPositive[0] = 0;

    if (admit) {
      S.shift();
      S.x[0] = z;
      S.r[0] = error;
      S.id[0] = admissionId;
      st.evicted = false;
      st.evictionDepth = 0;
      if (this.shared) T.copyFrom(S);
      st.derive();
      return true;
    }

    if (this.shared) {
      // The Theory admits ã (negative) and goes on alone from here.
      this.theoryErrors.copyFrom(this.simErrors);
      T.shift();
      T.x[0] = z;
      T.r[0] = error;
      T.id[0] = admissionId;
      this.shared = false;
    }
    if (!this.evict()) return false;
    this.simErrors.restart(S.r);
    st.derive();
    return true;
  }

  /** The Simulation's eviction from the lowest stages (SPEC §3), on enclosures; false where a comparison with B is not decided. */
  private evict(): boolean {
    const st = this.state;
    const { k, n } = st;
    const S = st.simulation;
    const A = st.advanced;
    A.copyFrom(S);
    A.shift();
    A.x[0] = -k.Nc;
    A.r[0] = k.Nr;
    A.id[0] = 0;
    // From the top stage down: the first stage that no longer fits within B is cut.
    let runLo = 0;
    let runHi = 0;
    let cut = -1;
    /** Whether a comparison with B was decided on exact values (then what stays above the cut is known). */
    let exactTie = false;
    const B = this.exactSetup.B;
    for (let s = n - 1; s >= 1; s--) {
      if (A.id[s] === 0) continue;
      const vlo = down(down(k.Nlo + A.x[s]) - A.r[s]);
      const vhi = up(up(k.Nhi + A.x[s]) + A.r[s]);
      const plo = down(vlo >= 0 ? k.Wlo[s] * vlo : k.Whi[s] * vlo);
      const phi = up(vhi >= 0 ? k.Whi[s] * vhi : k.Wlo[s] * vhi);
      const totalLo = down(runLo + plo);
      const totalHi = up(runHi + phi);
      if (totalHi <= k.Blo) {
        runLo = totalLo;
        runHi = totalHi;
        continue;
      }
      if (!(totalLo > k.Bhi)) {
        // Not decided on enclosures: on exact values, where they are to be had.
        const total = this.classes.tokensFrom(A.id, s);
        if (total === null) return false;
        exactTie = true;
        if (total.compare(B) <= 0) {
          ({ lo: runLo, hi: runHi } = encloseRational(total));
          continue;
        }
      }
      cut = s;
      break;
    }
    if (cut < 0) return false;
    S.copyFrom(A);
    st.eC.fill(0);
    st.eR.fill(0);
    // The cut stage keeps (B − running)/W_s; its loss is positive (W_s·M′_s exceeded what was left).
    const numLo = down(k.Blo - runHi);
    const numHi = up(k.Bhi - runLo);
    const vlo = down(numLo / (numLo >= 0 ? k.Whi[cut] : k.Wlo[cut]));
    const vhi = up(numHi / (numHi >= 0 ? k.Wlo[cut] : k.Whi[cut]));
    const dlo = down(vlo - k.Nhi);
    const dhi = up(vhi - k.Nlo);
    const nothingAbove = KernelClasses.nothingAbove(A.id, cut);
    // What stays above, exactly where a tie was decided on exact values and every stage above is known.
    const above = exactTie && !nothingAbove ? this.classes.tokensFrom(A.id, cut + 1) : null;
    if (nothingAbove) {
      // B/W_cut: one class per stage, so the cycles of an unstable A repeat their classes.
      const alone = (this.aloneLevels[cut] ??= this.levelOf(B.div(this.exactSetup.W[cut])));
      S.id[cut] = this.classes.alone(cut);
      S.x[cut] = alone.x;
      S.r[cut] = alone.r;
    } else if (above !== null) {
      // Then so is what the cut stage keeps (0 where the tie was B itself).
      const kept = B.sub(above).div(this.exactSetup.W[cut]);
      this.level(S, cut, this.classes.of(kept), kept);
    } else {
      const c = midpoint(dlo, dhi);
      S.x[cut] = c;
      S.r[cut] = reachFrom(dlo, dhi, c);
      S.id[cut] = this.classes.cut(A.id, cut);
    }
    const c = S.x[cut];
    this.evictInto(cut, A.x[cut] - c, A.r[cut] + S.r[cut]);
    // Every stage below is evicted whole.
    for (let s = cut - 1; s >= 0; s--) {
      if (A.id[s] !== 0) {
        const lo = down(down(k.Nlo + A.x[s]) - A.r[s]);
        const hi = up(up(k.Nhi + A.x[s]) + A.r[s]);
        // A cohort that may be exactly 0: whether it lost anything is not known, unless its value is.
        if (!(lo > 0) && this.classes.valueOf(A.id[s])?.sign() !== 1) return false;
        const e = midpoint(lo, hi);
        this.evictInto(s, e, reachFrom(lo, hi, e));
      }
      S.x[s] = -k.Nc;
      S.r[s] = k.Nr;
      S.id[s] = 0;
    }
    st.evicted = true;
    st.evictionDepth = cut;
    return true;
  }

  /** Stage s of a model holds the exact value r, of class id (0: exactly zero), enclosed as a deviation from N*. */
  private level(m: ModelState, s: number, id: number, r: Rational): void {
    m.id[s] = id;
    if (id === 0) {
      m.x[s] = -this.state.k.Nc;
      m.r[s] = this.state.k.Nr;
      return;
    }
    const { x, r: radius } = this.levelOf(r);
    m.x[s] = x;
    m.r[s] = radius;
  }

  /** An exact value's deviation from N*, enclosed as centre and radius. */
  private levelOf(r: Rational): { x: number; r: number } {
    const d = encloseRational(r.sub(this.exactSetup.Nstar));
    const x = midpoint(d.lo, d.hi);
    return { x, r: reachFrom(d.lo, d.hi, x) };
  }

  /**
   * Step t from the exact run, enclosed: deviations from N* to within a few ulps, exact zeros as
   * class 0, equal exact values (in either model) as one class. Both bounds restart here.
   */
  private anchored(): void {
    const st = this.state;
    const { k, n } = st;
    const exact = this.exactRun!.anchor().at(st.t);
    // The exact record's values share one denominator per vector: equal numerators over equal denominators, equal values.
    const classes = new Map<bigint, Map<bigint, number>>();
    const classOf = (r: Rational): number => {
      if (r.isZero()) return 0;
      const { n: num, d } = r.stored;
      let byNumerator = classes.get(d);
      if (!byNumerator) classes.set(d, (byNumerator = new Map()));
      let id = byNumerator.get(num);
      if (id === undefined) {
        byNumerator.set(num, (id = this.classes.given(r)));
      }
      return id;
    };
    const level = (m: ModelState, s: number, r: Rational) => this.level(m, s, classOf(r), r);
    exact.theory.forEach((r, s) => level(st.theory, s, r));
    exact.simulation.forEach((r, s) => level(st.simulation, s, r));
    this.shared = exact.simulation === exact.theory;
    const desired = encloseRational(exact.desired!.sub(this.exactSetup.Nstar));
    st.desiredC = midpoint(desired.lo, desired.hi);
    st.desiredR = reachFrom(desired.lo, desired.hi, st.desiredC);
    st.evicted = exact.evicted;
    st.evictionDepth = 0;
    st.eC.fill(0);
    st.eR.fill(0);
    if (exact.evicted) {
      exact.simAdvanced!.forEach((r, s) => level(st.advanced, s, r));
      exact.eviction.forEach((r, s) => {
        if (r.isZero()) return;
        if (r.sign() > 0 && s > st.evictionDepth) st.evictionDepth = s;
        const e = encloseRational(r);
        st.eC[s] = midpoint(e.lo, e.hi);
        st.eR[s] = reachFrom(e.lo, e.hi, st.eC[s]);
      });
    }
    exact.cohortEviction.forEach((r, s) => {
      // Losses are sums of evictions (≥ 0): positive unless exactly 0.
      st.lossPositive[s] = r.isZero() ? 0 : 1;
      const loss = r.isZero() ? { lo: 0, hi: 0 } : encloseRational(r);
      st.lossLo[s] = loss.lo;
      st.lossHi[s] = loss.hi;
    });
    this.theoryErrors.restart(st.theory.r);
    this.simErrors.restart(st.simulation.r);
    st.derive();
  }

  /** Records a positive eviction c ± r at stage s (its cohort's loss grows by it). */
  private evictInto(s: number, c: number, r: number): void {
    const st = this.state;
    const radius = up(r + Math.abs(c) * EPS);
    st.eC[s] = c;
    st.eR[s] = radius;
    st.lossLo[s] = down(st.lossLo[s] + down(c - radius));
    st.lossHi[s] = up(st.lossHi[s] + up(c + radius));
    st.lossPositive[s] = 1;
  }
}
