import type { Arithmetic } from '../arithmetic/arithmetic.js';
import { sum } from '../arithmetic/vector.js';
import type { ModelParams } from './params.js';

/**
 * Everything a step needs that depends only on the parameters (SPEC §1–2),
 * in the arithmetic of the run. Computed once per parameter set.
 */
export interface ModelSetup<N> {
  readonly ar: Arithmetic<N>;
  readonly params: ModelParams;
  /** Number of merged stages, lB. */
  readonly stages: number;
  readonly B: N;
  /** Arrival shares p = λA/(λA+λB), q = 1 − p. */
  readonly p: N;
  readonly q: N;
  /** Tokens one request holds at stage s: l0 + s + 1 (per-type weight). */
  readonly tokens: readonly N[];
  /** Merged weights W_s = l0+s+1 (s < lA), (l0+s+1)·q (s ≥ lA). */
  readonly W: readonly N[];
  readonly sumW: N;
  /** Equilibrium level N* = B / Σ W_s. */
  readonly Nstar: N;
  /** Equilibrium state M* = N*·(1, …, 1). */
  readonly Mstar: readonly N[];
  /** The all-zero vector of length lB (shared, frozen). */
  readonly zeros: readonly N[];
}

export function setupModel<N>(ar: Arithmetic<N>, params: ModelParams): ModelSetup<N> {
  const { l0, lA, lB } = params;
  const lamA = ar.fromRational(params.lambdaA);
  const lamB = ar.fromRational(params.lambdaB);
  const total = ar.normalize(ar.add(lamA, lamB));
  const p = ar.normalize(ar.div(lamA, total));
  const q = ar.normalize(ar.div(lamB, total));
  const tokens = Array.from({ length: lB }, (_, s) => ar.fromInteger(l0 + s + 1));
  const W = tokens.map((w, s) => (s < lA ? w : ar.mul(w, q)));
  const sumW = sum(ar, W);
  const B = ar.fromRational(params.B);
  const Nstar = ar.normalize(ar.div(B, sumW));
  return Object.freeze({
    ar,
    params,
    stages: lB,
    B,
    p,
    q,
    tokens: Object.freeze(tokens),
    W: Object.freeze(W),
    sumW,
    Nstar,
    Mstar: Object.freeze(W.map(() => Nstar)),
    zeros: Object.freeze(Array.from({ length: lB }, () => ar.zero)),
  });
}

/** Σ_s W_s M_s: the tokens a merged state occupies. */
export function mergedTokens<N>(m: ModelSetup<N>, M: readonly N[]): N {
  return m.ar.dot(m.W, M);
}
