import type { ModelSetup } from './setup.js';

/**
 * Per-type models (SPEC §3, seed 002 scheme B): X[s][A] for s < lA and
 * X[s][B] for s < lB, each type advancing in its own stage range.
 */
export interface PerTypeState<N> {
  /** Type A counts, length lA. */
  readonly A: readonly N[];
  /** Type B counts, length lB. */
  readonly B: readonly N[];
}

export interface PerTypeTheoryStep<N> {
  readonly state: PerTypeState<N>;
  /** Total admission ã (split p·ã to A, q·ã to B). */
  readonly admission: N;
}

export interface PerTypeSimulationStep<N> {
  readonly state: PerTypeState<N>;
  readonly desired: N;
  readonly admission: N;
  readonly advanced: PerTypeState<N>;
  readonly eviction: PerTypeState<N>;
  readonly evicted: boolean;
}

function shift<N>(zero: N, xs: readonly N[]): N[] {
  const next = new Array<N>(xs.length);
  next[0] = zero;
  for (let s = 1; s < xs.length; s++) next[s] = xs[s - 1];
  return next;
}

export function advancePerType<N>(m: ModelSetup<N>, X: PerTypeState<N>): { A: N[]; B: N[] } {
  return { A: shift(m.ar.zero, X.A), B: shift(m.ar.zero, X.B) };
}

/** Tokens held at stage s by both types: (l0+s+1)·(X[s][A] + X[s][B]). */
function stageTokens<N>(m: ModelSetup<N>, X: PerTypeState<N>, s: number): N {
  const { ar } = m;
  const count = s < X.A.length ? ar.add(X.A[s], X.B[s]) : X.B[s];
  return ar.mul(m.tokens[s], count);
}

export function perTypeTokens<N>(m: ModelSetup<N>, X: PerTypeState<N>): N {
  let acc = m.ar.zero;
  for (let s = 0; s < X.B.length; s++) acc = m.ar.add(acc, stageTokens(m, X, s));
  return acc;
}

/** ã = (B − Σ_{s≥1} (l0+s+1)·(X[s][A] + X[s][B])) / (l0+1), as computed (not normalised). */
function desired<N>(m: ModelSetup<N>, advanced: PerTypeState<N>): N {
  const { ar } = m;
  let occupied = ar.zero;
  for (let s = 1; s < advanced.B.length; s++) occupied = ar.add(occupied, stageTokens(m, advanced, s));
  return ar.div(ar.sub(m.B, occupied), m.tokens[0]);
}

function admit<N>(m: ModelSetup<N>, X: { A: N[]; B: N[] }, total: N): void {
  X.A[0] = m.ar.mul(m.p, total);
  X.B[0] = m.ar.mul(m.q, total);
}

export function perTypeTheoryStep<N>(m: ModelSetup<N>, X: PerTypeState<N>): PerTypeTheoryStep<N> {
  const next = advancePerType(m, X);
  // Not normalised: the Theory never evicts, so its admissions' denominators grow by a bounded
  // factor per step (as on the lean path), where reducing them cost a long gcd per step.
  const admission = desired(m, next);
  admit(m, next, admission);
  return { state: next, admission };
}

export function perTypeSimulationStep<N>(m: ModelSetup<N>, X: PerTypeState<N>): PerTypeSimulationStep<N> {
  const { ar } = m;
  const advanced = advancePerType(m, X);
  // Normalised: an eviction's kept fraction brings in a stage total's numerator, which without
  // a gcd would stay in every later admission's denominator.
  const want = ar.normalize(desired(m, advanced));
  const none = { A: advanced.A.map(() => ar.zero), B: advanced.B.map(() => ar.zero) };
  if (ar.sign(want) >= 0) {
    const state = { A: advanced.A.slice(), B: advanced.B.slice() };
    admit(m, state, want);
    return { state, desired: want, admission: want, advanced, eviction: none, evicted: false };
  }
  const state = { A: advanced.A.slice(), B: advanced.B.slice() };
  let running = ar.zero;
  let s = advanced.B.length - 1;
  for (; s >= 1; s--) {
    const held = stageTokens(m, advanced, s);
    const total = ar.add(running, held);
    if (ar.compare(total, m.B) <= 0) {
      running = total;
      continue;
    }
    // Both types keep the same fraction of the stage that does not fit.
    const kept = ar.normalize(ar.div(ar.sub(m.B, running), held));
    keepFraction(m, advanced, state, none, s, kept);
    break;
  }
  for (let k = s - 1; k >= 1; k--) keepFraction(m, advanced, state, none, k, ar.zero);
  return { state, desired: want, admission: ar.zero, advanced, eviction: none, evicted: true };
}

function keepFraction<N>(
  m: ModelSetup<N>,
  advanced: PerTypeState<N>,
  state: { A: N[]; B: N[] },
  eviction: { A: N[]; B: N[] },
  s: number,
  fraction: N,
): void {
  const { ar } = m;
  if (s < advanced.A.length) {
    state.A[s] = ar.mul(advanced.A[s], fraction);
    eviction.A[s] = ar.sub(advanced.A[s], state.A[s]);
  }
  state.B[s] = ar.mul(advanced.B[s], fraction);
  eviction.B[s] = ar.sub(advanced.B[s], state.B[s]);
}

/** The merged view of a per-type state: X_A+X_B below lA, X_B/q from lA on. */
export function mergedView<N>(m: ModelSetup<N>, X: PerTypeState<N>): N[] {
  const { ar } = m;
  return X.B.map((b, s) => (s < X.A.length ? ar.add(X.A[s], b) : ar.div(b, m.q)));
}
