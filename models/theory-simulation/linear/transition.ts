import type { ModelSetup } from '../setup.js';
import type { Matrix } from './matrix.js';
import type { Polynomial } from './polynomial.js';

/** First row of A: A[0][s] = −W_{s+1}/W_0 for s ≤ lB−2, A[0][lB−1] = 0 (SPEC §4). */
export function transitionFirstRow<N>(m: ModelSetup<N>): N[] {
  const { ar, W } = m;
  return W.map((_, s) => (s + 1 < W.length ? ar.neg(ar.div(W[s + 1], W[0])) : ar.zero));
}

/** The lB×lB transition matrix of the deviations: δ(t+1) = A δ(t). */
export function transitionMatrix<N>(m: ModelSetup<N>): Matrix<N> {
  const { ar } = m;
  const first = transitionFirstRow(m);
  return first.map((_, i) =>
    first.map((a, j) => (i === 0 ? a : i === j + 1 ? ar.one : ar.zero)),
  );
}

/** F(λ) = W_0 λ^{lB−1} + W_1 λ^{lB−2} + … + W_{lB−1}, highest degree first. */
export function fPolynomial<N>(m: ModelSetup<N>): Polynomial<N> {
  return [...m.W];
}
