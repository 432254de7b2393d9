import { Rational } from '../arithmetic/rational.js';
import type { SimEvent } from './events.js';
import type { ServingParams } from './params.js';

/**
 * The fluid model of seed 004 (SPEC-serving §C): load ρ (C.4), the estimation
 * of its rates per window from a simulator run (C.2), and the right-hand sides
 * of the ODE in time (C.1) and on the iteration clock (C.3).
 */

/** C.4: capacity C = min(B, M) and ρ = λ·E[w]·(d0 + d1·C)/C, exactly. */
export function loadRho(params: ServingParams, rate: Rational, expectedWork: Rational): Rational {
  const C = Rational.fromInteger(Math.min(params.B, params.M));
  return rate.mul(expectedWork).mul(params.d0.add(params.d1.mul(C))).div(C).normalized();
}

/** C.4: system n has arrival rate nλ, memory nM, budget nB, d1/n, d0 fixed. */
export function scaleParams(params: ServingParams, n: number): ServingParams {
  return { M: params.M * n, B: params.B * n, d0: params.d0, d1: params.d1.div(Rational.fromInteger(n)).normalized() };
}

/** Rates of one window [jh, (j+1)h), indexed by KV length i = p + pos (index 0 unused); null for 0/0. */
export interface WindowEstimate {
  readonly index: number;
  readonly start: Rational;
  readonly end: Rational;
  /** Arrivals, admissions from W per unit time. */
  readonly lambda: Rational;
  readonly Sq: Rational;
  /** Swap-ins at length i per unit time. */
  readonly SZ: readonly Rational[];
  /** Share of admissions at length i (null without admissions). */
  readonly p: readonly (Rational | null)[];
  /** Completions (by last executed length) and swap-outs (by length) per batch-exposure at length i. */
  readonly q: readonly (Rational | null)[];
  readonly r: readonly (Rational | null)[];
  /** Σ_batches #{r ∈ R : length i} (the denominators of q and r). */
  readonly exposure: readonly number[];
}

export interface FluidEstimate {
  readonly h: Rational;
  /** Largest length index L seen. */
  readonly L: number;
  readonly windows: readonly WindowEstimate[];
}

interface WindowCounts {
  arrivals: number;
  admissions: number;
  admitsBy: number[];
  swapInsBy: number[];
  completionsBy: number[];
  swapOutsBy: number[];
  exposure: number[];
}

const bump = (a: number[], i: number, by = 1) => {
  while (a.length <= i) a.push(0);
  a[i] += by;
};

/**
 * C.2 as a fold over a run's events. Arrivals count in the window of their
 * arrival time; admissions and swap-ins in the window of the cycle's time;
 * completions and swap-outs in the window of the batch they follow (the
 * last snapshot), like the exposure they are divided by, which is counted at
 * each snapshot over R. A completing request's last executed length is
 * p + d − 1; a swap-out's length is p + pos when it leaves.
 */
export class FluidEstimator {
  private readonly windows: WindowCounts[] = [];
  private lastBatchWindow = 0;
  private L = 0;

  constructor(readonly h: Rational) {
    if (h.sign() <= 0) throw new RangeError(`window h must be > 0 (got ${h.toString()})`);
  }

  private windowOf(t: Rational): WindowCounts {
    const q = t.div(this.h);
    const j = Number(q.num / q.den);
    while (this.windows.length <= j) this.windows.push({ arrivals: 0, admissions: 0, admitsBy: [], swapInsBy: [], completionsBy: [], swapOutsBy: [], exposure: [] });
    return this.windows[j];
  }

  private length(i: number): number {
    if (i > this.L) this.L = i;
    return i;
  }

  onEvent(e: SimEvent): void {
    switch (e.kind) {
      case 'snapshot': {
        const w = this.windowOf(e.time);
        this.lastBatchWindow = this.windows.indexOf(w);
        for (const len of e.state.runningLengths()) bump(w.exposure, this.length(len));
        return;
      }
      case 'memory': {
        const r = e.request;
        if (e.type === 'arrival') this.windowOf(e.time).arrivals++;
        else if (e.type === 'admit') {
          const w = this.windowOf(e.time);
          w.admissions++;
          bump(w.admitsBy, this.length(r.prefill));
        } else if (e.type === 'swap_in') bump(this.windowOf(e.time).swapInsBy, this.length(r.prefill + e.pos));
        else if (e.type === 'swap_out') bump(this.batchWindow().swapOutsBy, this.length(r.prefill + e.pos));
        else if (e.type === 'completion') bump(this.batchWindow().completionsBy, this.length(r.prefill + r.decode - 1));
        return;
      }
      default:
        return;
    }
  }

  private batchWindow(): WindowCounts {
    return this.windows[this.lastBatchWindow];
  }

  finish(): FluidEstimate {
    const { h, L } = this;
    const at = (a: number[], i: number) => a[i] ?? 0;
    const ratio = (n: number, d: number): Rational | null => (d === 0 ? (n === 0 ? null : null) : Rational.of(n, d));
    const windows = this.windows.map((w, j): WindowEstimate => {
      const idx = Array.from({ length: L + 1 }, (_, i) => i);
      return {
        index: j,
        start: h.mul(Rational.fromInteger(j)).normalized(),
        end: h.mul(Rational.fromInteger(j + 1)).normalized(),
        lambda: Rational.fromInteger(w.arrivals).div(h).normalized(),
        Sq: Rational.fromInteger(w.admissions).div(h).normalized(),
        SZ: idx.map((i) => Rational.fromInteger(at(w.swapInsBy, i)).div(h).normalized()),
        p: idx.map((i) => (i === 0 ? null : ratio(at(w.admitsBy, i), w.admissions))),
        q: idx.map((i) => (i === 0 ? null : ratio(at(w.completionsBy, i), at(w.exposure, i)))),
        r: idx.map((i) => (i === 0 ? null : ratio(at(w.swapOutsBy, i), at(w.exposure, i)))),
        exposure: idx.map((i) => at(w.exposure, i)),
      };
    });
    return { h, L, windows };
  }
}

/** Controls and observed rates of one window in doubles, nulls resolved (see `controlsOf`). */
export interface FluidControls {
  readonly lambda: number;
  readonly Sq: number;
  /** Indexed by length 0..L (index 0 unused). */
  readonly SZ: Float64Array;
  readonly p: Float64Array;
  readonly q: Float64Array;
  readonly r: Float64Array;
}

/**
 * A window's rates as doubles for the ODE, with every rate divided by `n`
 * (to compare X^(n)/n). A null q_i or r_i (no exposure at length i in the
 * window) takes the value pooled over all windows, else 0; a null p_i is 0
 * (no admissions: S_q = 0 makes it irrelevant).
 */
export function controlsOf(est: FluidEstimate, j: number, n = 1): FluidControls {
  const w = est.windows[j];
  const L = est.L;
  const pooled = pooledRates(est);
  const f = (x: Rational | null, fallback: number) => (x === null ? fallback : x.toNumber());
  const SZ = new Float64Array(L + 1);
  const p = new Float64Array(L + 1);
  const q = new Float64Array(L + 1);
  const r = new Float64Array(L + 1);
  for (let i = 1; i <= L; i++) {
    if (w) {
      SZ[i] = w.SZ[i].toNumber() / n;
      p[i] = f(w.p[i], 0);
      q[i] = f(w.q[i], pooled.q[i]);
      r[i] = f(w.r[i], pooled.r[i]);
    } else {
      q[i] = pooled.q[i];
      r[i] = pooled.r[i];
    }
  }
  return { lambda: w ? w.lambda.toNumber() / n : 0, Sq: w ? w.Sq.toNumber() / n : 0, SZ, p, q, r };
}

const pooledCache = new WeakMap<FluidEstimate, { q: Float64Array; r: Float64Array }>();
function pooledRates(est: FluidEstimate): { q: Float64Array; r: Float64Array } {
  const hit = pooledCache.get(est);
  if (hit) return hit;
  const L = est.L;
  const q = new Float64Array(L + 1);
  const r = new Float64Array(L + 1);
  for (let i = 1; i <= L; i++) {
    let ex = 0;
    let cq = 0;
    let cr = 0;
    for (const w of est.windows) {
      ex += w.exposure[i];
      if (w.q[i]) cq += w.q[i]!.toNumber() * w.exposure[i];
      if (w.r[i]) cr += w.r[i]!.toNumber() * w.exposure[i];
    }
    q[i] = ex > 0 ? cq / ex : 0;
    r[i] = ex > 0 ? cr / ex : 0;
  }
  const out = { q, r };
  pooledCache.set(est, out);
  return out;
}

/**
 * The fluid state as one vector: y = [Q, X_1..X_L, Z_1..Z_L] (length 2L + 1).
 * `d1` is the effective per-token time of the normalised system (d1 itself
 * under the C.4 scaling).
 */
export const stateSize = (L: number) => 2 * L + 1;

/** τ = d0 + d1·(B(t) + N), B = Σ i X_i, N = Σ X_i (the form that matches §B.3 when B ≥ M, so E = R). */
export function tau(y: ArrayLike<number>, L: number, d0: number, d1: number): number {
  let B = 0;
  let N = 0;
  for (let i = 1; i <= L; i++) {
    B += i * y[i];
    N += y[i];
  }
  return d0 + d1 * (B + N);
}

/** C.1 right-hand side dy/dt. */
export function fluidDerivative(y: ArrayLike<number>, c: FluidControls, L: number, d0: number, d1: number): number[] {
  const T = tau(y, L, d0, d1);
  const out = new Array<number>(2 * L + 1).fill(0);
  out[0] = c.lambda - c.Sq;
  for (let i = 1; i <= L; i++) {
    const Xi = y[i];
    const prev = i === 1 ? 0 : y[i - 1] * (1 - c.r[i - 1] - c.q[i - 1]);
    out[i] = (prev - Xi) / T + c.Sq * c.p[i] + c.SZ[i];
    out[L + i] = (Xi * c.r[i]) / T - c.SZ[i];
  }
  return out;
}

/** C.3 right-hand side dy/ds on the iteration clock ds = dt/τ (equals τ·dy/dt). */
export function fluidDerivativeIteration(y: ArrayLike<number>, c: FluidControls, L: number, d0: number, d1: number): number[] {
  const T = tau(y, L, d0, d1);
  const out = new Array<number>(2 * L + 1).fill(0);
  out[0] = T * (c.lambda - c.Sq);
  for (let i = 1; i <= L; i++) {
    const Xi = y[i];
    const prev = i === 1 ? 0 : y[i - 1] * (1 - c.r[i - 1] - c.q[i - 1]);
    out[i] = prev - Xi + T * (c.Sq * c.p[i] + c.SZ[i]);
    out[L + i] = Xi * c.r[i] - T * c.SZ[i];
  }
  return out;
}
