import { float64Arithmetic } from '../../arithmetic/float64.js';
import { parameterContext } from '../context.js';
import type { ModelParams } from '../params.js';

/**
 * The float64 baseline for one cell: a plain loop over Float64Arrays that runs
 * Theory and Simulation (SPEC §3) from the canonical start and computes, at every
 * t, the margin of each step and eviction-step conjecture the exact run checks.
 * No generic Arithmetic and no rationals in the loop; only the per-cell setup
 * (weights, Schur–Cohn, Lyapunov P) goes through the project's generic code on
 * float64Arithmetic, as the exact run's setup goes through it on rationals.
 */

/** The predicates evaluated, in the order of their rows in a FloatTrace. */
export const FLOAT_PREDICATE_IDS = [
  'g-dominance',
  'max-dominance',
  'min-dominance',
  'componentwise-dominance',
  'delta-at-argmax',
  'delta-argmax-ge-argmin',
  'case-d-impossible',
  'argmax-never-evicted',
  'token-balance',
  'inner-product-nonneg',
  'v-dominance',
  'energy-decomposition',
  'eviction-p-nonexpansive',
  'eviction-step-lemma',
] as const;
export type FloatPredicateId = (typeof FLOAT_PREDICATE_IDS)[number];

/** Row of a conjecture id in a FloatTrace, −1 if the baseline does not evaluate it. */
export const floatPredicateRow = (id: string): number => (FLOAT_PREDICATE_IDS as readonly string[]).indexOf(id);
const row = (id: FloatPredicateId): number => floatPredicateRow(id);
const G_DOMINANCE = row('g-dominance');
const MAX_DOMINANCE = row('max-dominance');
const MIN_DOMINANCE = row('min-dominance');
const COMPONENTWISE = row('componentwise-dominance');
const DELTA_AT_ARGMAX = row('delta-at-argmax');
const DELTA_ARGMAX_GE_ARGMIN = row('delta-argmax-ge-argmin');
const CASE_D = row('case-d-impossible');
const ARGMAX_NEVER_EVICTED = row('argmax-never-evicted');
const TOKEN_BALANCE = row('token-balance');
const INNER_PRODUCT = row('inner-product-nonneg');
const V_DOMINANCE = row('v-dominance');
const ENERGY_DECOMPOSITION = row('energy-decomposition');
const EVICTION_P_NONEXPANSIVE = row('eviction-p-nonexpansive');
const EVICTION_STEP_LEMMA = row('eviction-step-lemma');

/**
 * An entry of Mˢ within TIE_RELATIVE·max Mˢ of the max (or min) counts as tied
 * (tie rule `all`): exact ties reach doubles through different roundings. A near
 * tie that is not bitwise equal may also be two distinct exact values (seen
 * 2·10⁻¹³ apart), so the predicates naming m or n cannot be decided in doubles
 * there: their scale is set to ∞ ("near zero").
 */
const TIE_RELATIVE = 1e-12;

/**
 * Per-cell output, reused from cell to cell: margin[k·(steps+1) + t] of
 * predicate k at t (NaN where out of scope or A is not stable), the magnitude
 * its rounding error is relative to, and the Simulation's ã and eviction flag.
 */
export class FloatTrace {
  stable = false;
  readonly margin: Float64Array;
  readonly scale: Float64Array;
  readonly desired: Float64Array;
  readonly evicted: Uint8Array;

  constructor(
    readonly steps: number,
    /** false: the identities (token balance, energy decomposition) are not evaluated (left NaN). */
    readonly identities = true,
  ) {
    const slots = FLOAT_PREDICATE_IDS.length * (steps + 1);
    this.margin = new Float64Array(slots);
    this.scale = new Float64Array(slots);
    this.desired = new Float64Array(steps + 1);
    this.evicted = new Uint8Array(steps + 1);
  }

  slot(predicate: number, t: number): number {
    return predicate * (this.steps + 1) + t;
  }
}

/** Evaluates one cell into `trace`; returns the number of coupled states visited. */
export function evaluateFloatCell(params: ModelParams, trace: FloatTrace): number {
  const { setup, linear } = parameterContext(float64Arithmetic, params);
  const n = setup.stages;
  const W = Float64Array.from(setup.W);
  const { B, Nstar } = setup;
  const W0 = W[0];
  const stable = linear.stability.stable;
  const P = new Float64Array(n * n);
  let pAbsSum = 0; // Σ|P_ij| bounds |uᵀPv| by ‖u‖∞‖v‖∞ Σ|P_ij|: the scale of P-form margins.
  if (stable) {
    const rows = linear.P;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        P[i * n + j] = rows[i][j];
        pAbsSum += Math.abs(rows[i][j]);
      }
    }
  }

  const { theory, sim, advanced, eviction, cohortLoss, delta, xT, xS, PxT, PxS, Pdelta, work } = workspaceFor(n);
  theory.fill(0);
  sim.fill(0);
  cohortLoss.fill(0);
  theory[0] = B / W0; // canonical start M(0) = (B/W_0, 0, …, 0)
  sim[0] = B / W0;
  const { steps, margin, scale } = trace;
  const stride = steps + 1;
  margin.fill(NaN);
  trace.stable = stable;
  const put = (k: number, t: number, value: number, magnitude: number) => {
    margin[k * stride + t] = value;
    scale[k * stride + t] = magnitude;
  };

  let states = 0;
  for (let t = 0; t <= steps; t++) {
    let desired = NaN;
    let evicted = false;
    if (t > 0) {
      // Theory: advance, then admit ã (possibly negative).
      let occupiedT = 0;
      for (let s = n - 1; s >= 1; s--) {
        theory[s] = theory[s - 1];
        occupiedT += W[s] * theory[s];
      }
      theory[0] = (B - occupiedT) / W0;

      // Simulation: advance, ã, then admit max(ã, 0) or evict from the lowest stages.
      let occupiedS = 0;
      advanced[0] = 0;
      for (let s = n - 1; s >= 1; s--) {
        const x = sim[s - 1];
        advanced[s] = x;
        sim[s] = x;
        eviction[s] = 0;
        occupiedS += W[s] * x;
      }
      sim[0] = 0;
      eviction[0] = 0;
      desired = (B - occupiedS) / W0;
      if (desired >= 0) {
        sim[0] = desired;
      } else {
        evicted = true;
        let running = 0;
        let s = n - 1;
        for (; s >= 1; s--) {
          const total = running + W[s] * advanced[s];
          if (total <= B) {
            running = total;
            continue;
          }
          sim[s] = (B - running) / W[s];
          eviction[s] = advanced[s] - sim[s];
          break;
        }
        for (let k = s - 1; k >= 1; k--) {
          eviction[k] = advanced[k];
          sim[k] = 0;
        }
      }
      for (let s = n - 1; s >= 1; s--) cohortLoss[s] = cohortLoss[s - 1] + eviction[s];
      cohortLoss[0] = 0;
    }
    trace.desired[t] = desired;
    trace.evicted[t] = evicted ? 1 : 0;
    states++;

    // Extrema, Δ and deviations in one pass.
    let maxT = theory[0];
    let minT = theory[0];
    let maxS = sim[0];
    let minS = sim[0];
    let minDelta = Infinity;
    let devMax = 0; // max(‖xᵀ‖∞, ‖xˢ‖∞)
    for (let s = 0; s < n; s++) {
      const a = theory[s];
      const b = sim[s];
      if (a > maxT) maxT = a;
      if (a < minT) minT = a;
      if (b > maxS) maxS = b;
      if (b < minS) minS = b;
      const d = a - b;
      delta[s] = d;
      if (d < minDelta) minDelta = d;
      const dT = a - Nstar;
      const dS = b - Nstar;
      xT[s] = dT;
      xS[s] = dS;
      if (dT > devMax) devMax = dT;
      else if (-dT > devMax) devMax = -dT;
      if (dS > devMax) devMax = dS;
      else if (-dS > devMax) devMax = -dS;
    }
    const magM = Math.max(Math.abs(maxT), Math.abs(minT), Math.abs(maxS), Math.abs(minS));

    // Tie rule `all`: the worst over every tied argmax m (and argmin n) of Mˢ.
    const tie = TIE_RELATIVE * maxS;
    let deltaAtArgmax = Infinity; // min_m Δ_m
    let deltaAtArgminMax = -Infinity; // max_n Δ_n
    let cohortLossAtArgmax = -Infinity; // max_m loss_m
    let nearTie = false;
    for (let s = 0; s < n; s++) {
      const x = sim[s];
      if (x >= maxS - tie) {
        if (delta[s] < deltaAtArgmax) deltaAtArgmax = delta[s];
        if (cohortLoss[s] > cohortLossAtArgmax) cohortLossAtArgmax = cohortLoss[s];
        if (x !== maxS) nearTie = true;
      }
      if (x <= minS + tie) {
        if (delta[s] > deltaAtArgminMax) deltaAtArgminMax = delta[s];
        if (x !== minS) nearTie = true;
      }
    }
    const scaleAtExtrema = nearTie ? Infinity : magM;

    put(G_DOMINANCE, t, maxT - minT - (maxS - minS), magM);
    put(MAX_DOMINANCE, t, maxT - maxS, magM);
    put(MIN_DOMINANCE, t, minS - minT, magM);
    put(COMPONENTWISE, t, minDelta, magM);
    put(DELTA_AT_ARGMAX, t, deltaAtArgmax, scaleAtExtrema);
    put(DELTA_ARGMAX_GE_ARGMIN, t, deltaAtArgmax - deltaAtArgminMax, scaleAtExtrema);
    // min over pairs of max(Δ_m, −Δ_n) = max(min_m Δ_m, −max_n Δ_n).
    put(CASE_D, t, Math.max(deltaAtArgmax, -deltaAtArgminMax), scaleAtExtrema);
    put(ARGMAX_NEVER_EVICTED, t, -cohortLossAtArgmax, scaleAtExtrema);

    if (t >= 1 && trace.identities) {
      let tokensT = 0;
      let tokensS = 0;
      let tokensDelta = 0;
      let tokensMagnitude = B; // the sums' rounding is relative to Σ W|M|, far above B once Theory diverges
      for (let s = 0; s < n; s++) {
        tokensT += W[s] * theory[s];
        tokensS += W[s] * sim[s];
        tokensDelta += W[s] * delta[s];
        tokensMagnitude += W[s] * (Math.abs(theory[s]) + Math.abs(sim[s]));
      }
      const worst = Math.max(Math.abs(tokensT - B), Math.abs(tokensS - B), Math.abs(tokensDelta));
      put(TOKEN_BALANCE, t, -worst, tokensMagnitude);
    }

    if (!stable) continue;
    matVec(P, n, xT, PxT);
    matVec(P, n, xS, PxS);
    matVec(P, n, delta, Pdelta);
    const VT = dot(xT, PxT, n);
    const VS = dot(xS, PxS, n);
    const innerXsDelta = dot(xS, Pdelta, n);
    const deltaNormP = dot(delta, Pdelta, n);
    // x = M − M* carries an absolute rounding error ~ε·|M| however small x is, so a
    // P-form's error is ~Σ|P|·‖x‖·(‖x‖ + |M|), not Σ|P|·‖x‖²; ‖Δ‖∞ ≤ 2·devMax.
    const scaleP = 4 * pAbsSum * devMax * (devMax + magM);
    put(INNER_PRODUCT, t, innerXsDelta, scaleP);
    put(V_DOMINANCE, t, VT - VS, scaleP);
    if (trace.identities) put(ENERGY_DECOMPOSITION, t, -Math.abs(VT - VS - (2 * innerXsDelta + deltaNormP)), scaleP);

    if (!evicted) continue;
    let evictionMax = 0;
    for (let s = 0; s < n; s++) {
      work[s] = advanced[s] - Nstar;
      evictionMax = Math.max(evictionMax, Math.abs(work[s]), eviction[s]);
    }
    const magnitude = Math.max(devMax, evictionMax, Math.abs(desired));
    const scaleEviction = 4 * pAbsSum * magnitude * (magnitude + magM);
    matVec(P, n, work, Pdelta); // Pdelta reused as P(M′ − M*)
    const normBefore = dot(work, Pdelta, n);
    put(EVICTION_P_NONEXPANSIVE, t, normBefore - VS, scaleEviction);
    const innerXsE = dot(PxS, eviction, n); // ⟨xˢ, e⟩_P (P symmetric)
    const innerXsE0 = PxS[0]; // ⟨xˢ, e₀⟩_P
    put(EVICTION_STEP_LEMMA, t, innerXsE - Math.abs(desired) * innerXsE0, scaleEviction);
  }
  return states;
}

/** Per-state vectors, one set per stage count, reused from cell to cell (fresh typed arrays per cell cost GC time). */
class Workspace {
  readonly theory: Float64Array;
  readonly sim: Float64Array;
  readonly advanced: Float64Array;
  readonly eviction: Float64Array;
  /** Evicted over its life from the cohort now at each stage. */
  readonly cohortLoss: Float64Array;
  readonly delta: Float64Array;
  readonly xT: Float64Array;
  readonly xS: Float64Array;
  readonly PxT: Float64Array;
  readonly PxS: Float64Array;
  readonly Pdelta: Float64Array;
  readonly work: Float64Array;

  constructor(n: number) {
    [this.theory, this.sim, this.advanced, this.eviction, this.cohortLoss, this.delta] = vectors(6, n);
    [this.xT, this.xS, this.PxT, this.PxS, this.Pdelta, this.work] = vectors(6, n);
  }
}

const vectors = (count: number, n: number) => Array.from({ length: count }, () => new Float64Array(n));
const workspaces: Workspace[] = [];
const workspaceFor = (n: number): Workspace => (workspaces[n] ??= new Workspace(n));

function matVec(P: Float64Array, n: number, x: Float64Array, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let acc = 0;
    for (let j = 0; j < n; j++) acc += P[i * n + j] * x[j];
    out[i] = acc;
  }
}

function dot(a: Float64Array, b: Float64Array, n: number): number {
  let acc = 0;
  for (let i = 0; i < n; i++) acc += a[i] * b[i];
  return acc;
}

/** The size of one admission, B/(l0 + 1): the scale a float admission's rounding is judged against. */
export const admissionScale = (p: ModelParams): number => p.B.toNumber() / (p.l0 + 1);
